"""Loading: every metadata file validated against its model, problems described with file, line and field."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import MetadataError, Problem, display_path
from ..load import Document, LoadError, ParseCache, load_yaml
from . import inventory
from .checks import CrossChecker, collect_roles
from .fields import check_id
from .files import EditionFile, Keynote, Panel, Paper, Person, ProgramFile
from .messages import describe
from .proceedings import Edition, Proceedings, Source
from .salvage import salvage
from .site import SiteFile

SITE_FILE = inventory.SITE_FILE
# Stand-ins for required fields in error, so that the rest of the file is still checked against the others (the
# edition's papers and program, a paper's authors); checks that need a stood-in value (a date, a track) skip it.
_STAND_INS: dict[type[BaseModel], dict[str, Any]] = {
    Paper: {"title": "?", "track": "stand-in"},
    Keynote: {"title": "?"},
    Panel: {"title": "?"},
}
_EDITION_STAND_INS: dict[str, Any] = {
    "name": "?",
    "short_name": "?",
    "date": "1900-01-01",
    "timezone": "UTC",
    "city": "?",
}

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    return _validate_with(model, doc, problems, {})[0]


def _validate_with(
    model: type[M], doc: Document, problems: list[Problem], stand_ins: dict[str, Any]
) -> tuple[M | None, set[str]]:
    """The file's model; for a file with errors, each error is reported and the valid rest is returned, for the
    checks across files (the problems already make the load fail), with the fields given a stand-in."""
    try:
        return model.model_validate(doc.data), set()
    except ValidationError as error:
        problems.extend(describe(error, model, doc))
        return salvage(model, doc, stand_ins)


def _read(path: Path, root: Path, problems: list[Problem], cache: ParseCache | None) -> Document | None:
    try:
        return load_yaml(path, display_path(path, root), cache)
    except LoadError as error:
        problems.append(error.problem)
        return None


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"), key=str) if folder.is_dir() else []  # by string: Path comparisons are slow


def _stem_problem(path: Path, root: Path) -> Problem | None:
    try:
        check_id(path.stem)
    except ValueError as error:
        return Problem(
            display_path(path, root),
            1,
            "(file name)",
            f"'{path.stem}' {error}",
            "rename the file; its name is the id used in addresses and references",
        )
    return None


def _load_folder(
    model: type[M], folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> dict[str, tuple[M, Source]]:
    """Validate every file of a folder; ids of files that exist but are invalid go into ``invalid``
    (as ``folder/id`` relative to the metadata root) so references to them do not cascade into more errors."""
    loaded: dict[str, tuple[M, Source]] = {}
    where = folder.relative_to(root).as_posix()
    invalid.update(f"{where}/{stem}" for stem in inventory.refused(folder))  # reported by the inventory
    for path in _yaml_files(folder):
        if (problem := _stem_problem(path, root)) is not None:
            problems.append(problem)
            continue
        doc = _read(path, root, problems, cache)
        item, stood_in = _validate_with(model, doc, problems, _STAND_INS.get(model, {})) if doc else (None, set())
        if item is None or doc is None:
            invalid.add(f"{where}/{path.stem}")
            continue
        loaded[unicodedata.normalize("NFC", path.stem)] = (item, Source(doc, frozenset(stood_in)))
    return loaded


def load_proceedings(root: Path, cache_file: Path | None = None, *, parsed: ParseCache | None = None) -> Proceedings:
    """Load and cross-check every metadata file under ``root``; raise :class:`MetadataError` listing all problems.

    With ``cache_file``, files parsed by an earlier call are not parsed again (see :class:`load.ParseCache`);
    ``parsed``: such a cache that the caller saves itself, or not.
    """
    problems: list[Problem] = []
    invalid: set[str] = set()
    if not root.is_dir():
        raise MetadataError([Problem(root.as_posix(), 1, "", "metadata folder not found")])
    cache = parsed if parsed is not None else ParseCache(cache_file) if cache_file is not None else None
    problems += inventory.unread(root)
    site = _load_site(root, problems, cache)
    people = _load_folder(Person, root / inventory.PEOPLE, root, problems, invalid, cache)
    editions = [
        edition
        for folder in sorted(path for path in root.iterdir() if inventory.is_edition(path))
        if (edition := _load_edition(folder, root, problems, invalid, cache)) is not None
    ]
    if cache is not None and parsed is None:
        cache.save()
    site_known = site is not None
    if site is None:  # reported: the other checks still run, all but those of tracks and presentations
        site = _site_stand_in()
    editions.sort(key=lambda edition: (edition.info.date, edition.id), reverse=True)
    for edition in editions:  # a paper that names no presentation has the site's first one
        edition.papers = {
            key: paper if paper.presentation else paper.model_copy(update={"presentation": site.presentation_ids[0]})
            for key, paper in edition.papers.items()
        }
    everyone = {key: person for key, (person, _) in people.items()}
    proceedings = Proceedings(root=root, site=site, people=everyone, editions=editions)
    sources = {key: source for key, (_, source) in people.items()}
    checker = CrossChecker(proceedings, sources, problems, invalid, site_known=site_known)
    checker.run()
    if problems:
        raise MetadataError(problems)
    proceedings.roles = collect_roles(proceedings)
    return proceedings


# A model that ``proceedings build`` loaded to validate the metadata, for the Sphinx build it runs next in the
# same process to take instead of loading it again (a second at 3,000 papers): by metadata folder, with the
# ``files.folder_digests`` of the folder taken before it was loaded.
_HANDED: dict[Path, tuple[dict[str, str], Proceedings]] = {}


def hand_over(root: Path, digests: dict[str, str], proceedings: Proceedings) -> None:
    _HANDED.clear()  # one at a time: a process that builds many sites keeps none of the others
    _HANDED[root.resolve()] = (digests, proceedings)


def take_over(root: Path, digests: dict[str, str]) -> Proceedings | None:
    """The model handed over for ``root`` when its files are still as they were (given once, then forgotten)."""
    handed = _HANDED.pop(root.resolve(), None)
    return handed[1] if handed is not None and handed[0] == digests else None


def _site_stand_in() -> SiteFile:
    kind = {"id": "stand-in", "label": "?", "plural": "?"}
    words = {key: "?" for key in ("name", "title", "description", "introduction")}
    return SiteFile.model_validate({**words, "tracks": [kind], "presentations": [kind], "calendar_domain": "stand-in"})


def _load_site(root: Path, problems: list[Problem], cache: ParseCache | None) -> SiteFile | None:
    path = root / SITE_FILE
    if not path.is_file():
        hint = "every site has one: it names the workshop and its tracks (`proceedings init` writes a first one)"
        problems.append(Problem(display_path(path, root), 1, "", f"{SITE_FILE} not found", hint))
        return None
    doc = _read(path, root, problems, cache)
    return _validate(SiteFile, doc, problems) if doc is not None else None


def _load_edition(
    folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> Edition | None:
    if (problem := _stem_problem(folder, root)) is not None:
        problems.append(problem)
        return None
    path = folder / inventory.EDITION_FILE
    doc = _read(path, root, problems, cache)
    if doc is not None:
        info, stood_in = _validate_with(EditionFile, doc, problems, _EDITION_STAND_INS)
    else:  # reported already: check the edition's other files all the same
        doc = Document(path=path, display=display_path(path, root), data={})
        info, stood_in = salvage(EditionFile, doc, _EDITION_STAND_INS)
    keynotes = _load_folder(Keynote, folder / "keynotes", root, problems, invalid, cache)
    panels = _load_folder(Panel, folder / "panels", root, problems, invalid, cache)
    papers = _load_folder(Paper, folder / "papers", root, problems, invalid, cache)
    program_path = folder / "program.yaml"
    program_doc = _read(program_path, root, problems, cache) if program_path.is_file() else None
    program = _validate(ProgramFile, program_doc, problems) if program_doc else None
    if info is None:
        return None
    edition = Edition(id=folder.name, info=info, source=Source(doc), stand_ins=frozenset(stood_in))
    edition.keynotes = {key: item for key, (item, _) in keynotes.items()}
    edition.panels = {key: item for key, (item, _) in panels.items()}
    ordered = sorted(papers.items(), key=lambda kv: (kv[1][0].order is None, kv[1][0].order or 0, kv[1][0].title))
    edition.papers = {key: item for key, (item, _) in ordered}
    if program is not None and program_doc is not None:
        edition.slots = list(program.slots)
        edition.program_source = Source(program_doc)
    edition.item_sources = {
        "keynotes": {key: source for key, (_, source) in keynotes.items()},
        "panels": {key: source for key, (_, source) in panels.items()},
        "papers": {key: source for key, (_, source) in papers.items()},
    }
    return edition
