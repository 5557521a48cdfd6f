"""Citations, calendars and data: write the exports next to the HTML, and the roles pages use to link them.

Roles (used only with values the assembler computes, never with metadata text):
- ``{proceedings-time}`2025-07-19T09:00:00-07:00``` renders ``<time datetime=…>09:00</time>``, which
  ``proceedings-time.js`` can switch to the reader's own time zone, and ``{proceedings-zone}`` marks the
  zone's name so the script can say which zone is shown;
- ``{proceedings-file}`Label <path/from/site/root>``` links a generated file (``.bib``, ``.ics``, ``.json``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.nodes import split_explicit_title

from .. import layout
from ..exports import bibtex, calendar, data, feeds, frab, schedule_ids, schedule_json, stars
from ..files import write_if_changed, write_pickled
from . import snapshot, topicmap
from .assembler import metadata_digests, proceedings_of
from .config import ProceedingsConfig, base_url

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Edition, Proceedings

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


class time_node(nodes.Inline, nodes.TextElement):
    """A moment of the program, shown in the event's time zone."""


def visit_time_html(self: HTML5Translator, node: time_node) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"], CLASS="proceedings-time"))


def depart_time_html(self: HTML5Translator, node: time_node) -> None:
    self.body.append("</time>")


def time_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        message = inliner.reporter.error(f"not an ISO 8601 time: {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    node = time_node(rawtext, moment.strftime("%H:%M"), datetime=moment.isoformat())
    return [node], []


def zone_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """The name of the event's time zone, which the script replaces when showing the reader's own."""
    return [nodes.inline(rawtext, text, classes=["proceedings-zone"])], []


def file_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    _, label, target = split_explicit_title(text)
    docname = inliner.document.settings.env.docname
    relative = posixpath.relpath(target, posixpath.dirname(docname) or ".")
    return [nodes.reference(rawtext, label, refuri=relative, classes=["proceedings-download"])], []


def setup_exports(app: Sphinx) -> None:
    app.setup_extension("sphinx_copybutton")
    app.setup_extension("notfound.extension")
    app.add_node(time_node, html=(visit_time_html, depart_time_html))
    app.add_role("proceedings-time", time_role)
    app.add_role("proceedings-file", file_role)
    app.add_role("proceedings-zone", zone_role)
    app.add_js_file("proceedings-time.js", loading_method="defer")
    app.add_css_file("proceedings.css")
    app.connect("config-inited", configure_exports)
    app.connect("proceedings-topics-pending", make_editions_ahead)
    app.connect("build-finished", write_exports)


def configure_exports(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    config.copybutton_selector = "div.highlight-bibtex pre, .proceedings-cite div.highlight pre"
    config.notfound_context = {
        "title": "Page not found",
        "body": "<h1>Page not found</h1><p>This page does not exist, or no longer does. "
        "Try the search, or start from the <a href='{prefix}index.html'>home page</a> or the "
        "<a href='{prefix}papers.html'>list of papers</a>.</p>".format(prefix=config.notfound_urls_prefix or "/"),
    }


def edition_files(app: Sphinx, proceedings: Proceedings, edition: Edition, parts: EditionParts) -> dict[str, bytes]:
    """An edition's own exports, by path relative to the output folder: made of its files, people and settings
    (``parts``: its ``edition_parts``)."""
    base = base_url(app.config)
    generator = schedule_ids.generator_name(app.config.project)  # the schedules' <generator name=…>
    files: dict[str, bytes] = {}
    if edition.papers:
        files[layout.bibtex(edition.id)] = parts.bibtex
    files[layout.data(edition.id, "papers")] = data.dump(data.papers_file(proceedings, edition))
    files[layout.data(edition.id, "people")] = data.dump(data.people_file(proceedings, edition))
    files[layout.data(edition.id, "program")] = data.dump(data.program_file(edition))
    if edition.slots:
        files[layout.calendar(edition.id)] = calendar.edition_calendar(proceedings, edition, base)
        files[layout.frab(edition.id)] = frab.schedule(proceedings, edition, base, generator)
        files[layout.schedule_json(edition.id)] = schedule_json.dump(proceedings, edition, base)
        for slot in edition.slots:
            files[layout.slot_calendar(edition.id, edition.slot_key(slot))] = calendar.slot_calendar(
                proceedings, edition, slot, base
            )
    files[layout.browse(edition.id)] = data.joined_browse_file([parts.browse])
    files[layout.star_data(edition.id)] = stars.data_file(proceedings, edition, base)  # My schedule's
    return files


def site_files(app: Sphinx, proceedings: Proceedings, parts: dict[str, EditionParts] | None = None) -> dict[str, bytes]:
    """The exports of all editions together, by path relative to the output folder. ``parts``: editions' parts
    already made in this build or by an earlier one from the same inputs (the others are made here)."""
    base = base_url(app.config)
    parts = parts if parts is not None else {}
    for edition in proceedings.editions:
        if edition.id not in parts:
            parts[edition.id] = edition_parts(app, proceedings, edition)
    ordered = [parts[edition.id] for edition in proceedings.editions]
    files = {layout.ALL_BROWSE: data.joined_browse_file([part.browse for part in ordered])}
    files.update(topicmap.export_files(app))  # related papers and topic maps
    files[layout.ALL_BIBTEX] = b"\n".join(part.bibtex for part in ordered if part.bibtex)
    if base:  # both need absolute URLs; without the site's address they are not written (see WITHOUT_ADDRESS)
        entries = {edition.id: parts[edition.id].feed_entries for edition in proceedings.editions}
        files[layout.FEED] = feeds.atom_feed(proceedings, base, f"{app.config.project}: papers", entries)
    files.update(data.published_schemas())
    for name in data.SCHEMAS:
        files[layout.data_schema(name, data.SCHEMA_VERSION)] = data.schema(name)
    assert app.builder is not None
    pages = [app.builder.get_target_uri(docname) for docname in sorted(app.env.found_docs)]
    if base:
        files[layout.SITEMAP] = feeds.sitemap(pages, base)
    return files


@dataclass
class EditionExports:
    """The editions' own exports that changed, and every edition's parts (``EditionParts``), made under ``own``
    (the editions' keys) from an output whose exports were made under ``made_before``."""

    own: dict[str, str]
    made_before: dict[str, str]
    parts: dict[str, EditionParts]
    files: dict[str, bytes]
    remade: int


def edition_exports(app: Sphinx, proceedings: Proceedings, stored: dict[str, Any]) -> EditionExports:
    """The exports of each edition whose inputs changed since ``stored`` (the keys of the output's exports)."""
    outdir, own, made_before = Path(app.outdir), edition_keys(app, proceedings), stored.get("editions", {})
    parts_file = Path(app.doctreedir) / EXPORT_PARTS
    parts = {edition: kept for edition, (key, kept) in read_parts(parts_file).items() if key == own.get(edition)}
    files: dict[str, bytes] = {}
    remade = 0
    for edition in proceedings.editions:
        unchanged = made_before.get(edition.id) == own[edition.id]
        if not unchanged or not (outdir / layout.browse(edition.id)).is_file():  # or deleted from the output
            parts[edition.id] = edition_parts(app, proceedings, edition)
            files.update(edition_files(app, proceedings, edition, parts[edition.id]))
            remade += 1
    return EditionExports(own, made_before, parts, files, remade)


def make_editions_ahead(app: Sphinx, proceedings: Proceedings) -> None:
    """The editions' own exports, made while the topics are computed aside, when the build would otherwise wait
    (adding a paper at 3,000 papers: a second and a half of the build, most of its exports); written when the
    build has succeeded (``write_exports``)."""
    if app.builder is not None and app.builder.format == "html":
        _AHEAD[str(app.srcdir)] = edition_exports(app, proceedings, read_keys(app))


_AHEAD: dict[str, EditionExports] = {}  # by source folder: the editions' exports made for the build under way


def read_keys(app: Sphinx) -> dict[str, Any]:
    try:
        stored = json.loads((Path(app.doctreedir) / EXPORTS_KEY).read_bytes())
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write the exports whose inputs changed: none when nothing did, and when a paper was added to one
    edition, that edition's and those of all editions together."""
    proceedings, ahead = proceedings_of(app), _AHEAD.pop(str(app.srcdir), None)
    if exception is not None or app.builder is None or app.builder.format != "html" or proceedings is None:
        return
    outdir = Path(app.outdir)
    keys, stored = exports_keys(app, proceedings), read_keys(app)
    if stored == keys and (outdir / layout.ALL_BROWSE).is_file():
        # Rendering every abstract to plain text and TeX again took seconds of a no-change rebuild.
        logger.info("[proceedings] citations, calendars, feeds and data are up to date")
        return
    if ahead is None or ahead.own != keys["editions"] or ahead.made_before != stored.get("editions", {}):
        ahead = edition_exports(app, proceedings, stored)
    files = {**ahead.files, **site_files(app, proceedings, ahead.parts)}
    for path, content in files.items():
        write_if_changed(outdir / path, content)
    for path in set(WITHOUT_ADDRESS) - set(files):  # written by an earlier build that had the site's address
        (outdir / path).unlink(missing_ok=True)
    own = ahead.own
    parts = {edition: (own[edition], kept) for edition, kept in ahead.parts.items() if edition in own}
    write_pickled(Path(app.doctreedir) / EXPORT_PARTS, parts)
    write_if_changed(Path(app.doctreedir) / EXPORTS_KEY, json.dumps(keys, sort_keys=True).encode())
    logger.info(f"[proceedings] citations, calendars, feeds and data written ({ahead.remade} editions' own made again)")


WITHOUT_ADDRESS = (layout.FEED, layout.SITEMAP)  # the exports that exist only when the site has an address
# Beside the doctrees, by edition: the key its parts were made under, and the parts. Not read back from the site,
# whose files a deployment may change.
EXPORT_PARTS = "proceedings-export-parts.pickle"


@dataclass(frozen=True)
class EditionParts:
    """What the exports of all editions together take from an edition's own: joined, not made again, when the
    edition did not change (at 3,000 papers, rendering every edition's BibTeX and data again took half a second
    of adding a paper)."""

    bibtex: bytes  # its papers.bib (empty when it has no papers)
    browse: list[Any]  # the papers of its browse data
    feed_entries: str  # its papers' entries in the Atom feed (empty without the site's address)


def edition_parts(app: Sphinx, proceedings: Proceedings, edition: Edition) -> EditionParts:
    base = base_url(app.config)
    made = bibtex.edition_file(proceedings, edition, base).encode() if edition.papers else b""
    entries = feeds.atom_entries(proceedings, edition, base) if base else ""
    return EditionParts(made, data.browse_papers(proceedings, edition), entries)


def read_parts(file: Path) -> dict[str, tuple[str, EditionParts]]:
    try:
        with file.open("rb") as stored:
            parts = pickle.load(stored)
    except Exception:  # none yet, truncated, or written by another engine: every edition's parts are made again
        return {}
    return parts if isinstance(parts, dict) else {}


EXPORTS_KEY = "proceedings-exports.json"  # beside the doctrees: what the exports in the output were made from


def exports_keys(app: Sphinx, proceedings: Proceedings) -> dict[str, Any]:
    """Digests of what the exports are made from: for each edition, the files of its folder and everything
    editions share (people, site.yaml, the settings, the engine's code); for all of them, every edition's and the
    pages (for the sitemap). Files count by name, size and modification time, as Sphinx tells a changed source."""
    shared = shared_key(app, proceedings)
    own = edition_keys(app, proceedings, shared)
    whole = hashlib.blake2b(json.dumps([own, sorted(app.env.found_docs)]).encode(), digest_size=16)
    return {"editions": own, "site": shared + whole.hexdigest()}


def shared_key(app: Sphinx, proceedings: Proceedings) -> str:
    """Of what every edition's exports are made from besides the edition's own folder."""
    config = ProceedingsConfig.from_app(app)
    editions = {edition.id for edition in proceedings.editions}
    shared_parts = [snapshot.engine_digest(), config.base_url, app.config.project]
    shared_parts += sorted((folder, key) for folder, key in metadata_digests(app).items() if folder not in editions)
    return hashlib.blake2b(json.dumps(shared_parts).encode(), digest_size=16).hexdigest()


def edition_keys(app: Sphinx, proceedings: Proceedings, shared: str | None = None) -> dict[str, str]:
    """Each edition's key (``exports_keys``): ``shared_key``, then its folder's digest."""
    shared = shared if shared is not None else shared_key(app, proceedings)
    folders = metadata_digests(app)
    return {edition: shared + folders.get(edition, "") for edition in sorted(e.id for e in proceedings.editions)}
