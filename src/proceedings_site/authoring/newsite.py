"""``proceedings init``: a new site repository for another workshop, built by this engine as a package.

The files come from ``starter/`` (templates with ``$name``-style fields); values that land in YAML or Python
are written as JSON strings, which both read as quoted strings, so no name can break out of its field.
"""

from __future__ import annotations

import json
import string
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from .. import identity
from ..model import SiteFile
from .engine import installed_engine
from .schema import write_schemas
from .writing import option_problem

# Template paths cannot start with a dot (package data skips hidden files): these name what they become.
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}
_STARTER = resources.files("proceedings_site.authoring") / "starter"


class NewSiteError(Exception):
    """Why a site could not be started; nothing was written."""


def init_site(target: Path, name: str, engine: str | None = None, url: str | None = None) -> list[Path]:
    """Write a new site repository into ``target`` (absent or empty); return the files written. ``engine`` is
    the requirement that installs the engine (default: this engine, named the way it was installed); ``url`` the
    address where the site will be published, if known."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewSiteError(f"{target} already exists and is not an empty folder")
    fields = _fields(" ".join(name.split()), engine or installed_engine().requirement, url)
    files = {_destination(template): _render(template, fields) for template in _templates()}
    written = []
    for relative, text in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    # The schema headers go into files written above (site.yaml): count each file once.
    return sorted({*written, *write_schemas(target / "proceedings")})


def _fields(name: str, engine: str, url: str | None) -> dict[str, str]:
    title = f"{name} proceedings"
    site = {
        "name": name,
        "title": title,
        "description": f"Proceedings of {name}.",
        # what is true of every site; site.yaml says to replace it with what the workshop is about
        "introduction": f"This site holds the program, the accepted papers and the people of every edition of {name}.",
    }
    slug = identity.slug(name) or "workshop"
    checked = {**site, "tracks": [_TRACK], "presentations": [_PRESENTATION], "calendar_domain": slug}
    try:  # the same checks as site.yaml gets when the site is validated
        SiteFile.model_validate(checked | ({"url": url} if url is not None else {}))
    except ValidationError as error:  # every field but the address is made of the name
        options = {field: "--name" for field in checked} | {"url": "--url"}
        raise NewSiteError(option_problem(error, options)) from None
    quoted = {f"{key}_json": json.dumps(value, ensure_ascii=False) for key, value in site.items()}
    organizers = json.dumps(f"{name} organizers", ensure_ascii=False)
    address = f"url: {json.dumps(url)}" if url else f"# url: {_EXAMPLE_URL}"
    url_line = f"{address}  # the published address: absolute links in citations, feeds and the sitemap"
    return {**site, **quoted, "organizers_json": organizers, "slug": slug, "engine": engine, "url_line": url_line}


_EXAMPLE_URL = "https://example.org/proceedings/"


_TRACK = {"id": "paper", "label": "Paper", "plural": "Papers"}
_PRESENTATION = {"id": "poster", "label": "Poster", "plural": "Posters"}


def _templates() -> list[Traversable]:
    found = []
    pending = [_STARTER]
    while pending:
        folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                pending.append(entry)
            elif entry.name.endswith(".tmpl"):
                found.append(entry)
    return found


def _destination(template: Traversable) -> Path:
    relative = Path(str(template)).relative_to(Path(str(_STARTER))).with_suffix("")  # without .tmpl
    return Path(*(_RENAMED.get(part, part) for part in relative.parts))


def _render(template: Traversable, fields: dict[str, str]) -> str:
    # safe_substitute: workflow files hold GitHub's own ${{ … }} expressions, which must stay as they are.
    return string.Template(template.read_text(encoding="utf-8")).safe_substitute(fields)
