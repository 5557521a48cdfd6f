"""The Pagefind index: rebuilt only where an indexed page changed, from the indexed parts of the pages alone.

When the HTML writer renders a page's indexed part (``search.search_body``), it also writes that part alone
as a small page at the same path under the doctree folder, the *search source*. Pagefind indexes those, not
the themed site: it parses a few kilobytes per page instead of tens. It writes into a staging folder in memory
(it creates thousands of small files from many threads, which a disk file system serialises), and only the
files that differ are copied into the site: Pagefind names its files by content.

Pagefind has no incremental mode: it indexes a whole bundle again. A large site is therefore split into
*bundles* (``bundles``), which the search page merges in the reader's browser (Pagefind's ``mergeIndex``):
adding a paper indexes its edition's bundle and its authors' again, not every page of the site. A bundle is
indexed again when the size or modification time of one of its search sources changed since it was last
indexed, when its pages are not those it was indexed with, or when its files are missing from the site.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..files import mirror_tree, write_if_changed
from ..layout import PageKind
from .assembler import site_of

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from ..pages import PageMeta

logger = logging.getLogger(__name__)

# Kinds of generated pages in the index, with the label of their ``kind`` filter.
INDEXED_KINDS = {
    PageKind.PAPER: "Paper",
    PageKind.PERSON: "Person",
    PageKind.KEYNOTE: "Keynote",
    PageKind.PANEL: "Panel",
    PageKind.EDITION: "Edition",
    PageKind.PROGRAM: "Program",
}
# Not words of the page: permalink signs, link buttons, the BibTeX block, the time-zone button.
EXCLUDED = [
    ".headerlink",
    ".proceedings-links",
    "div.highlight",
    ".proceedings-timezone-button",
    ".proceedings-browser",
    ".proceedings-neighbours",  # the titles of the previous and next papers
    ".proceedings-cite",  # the citation tabs' labels
    ".proceedings-download",  # "Add to calendar", "BibTeX"
    ".proceedings-authors sup",  # affiliation marks ("Tseng1")
    ".proceedings-affiliations sup",
    ".proceedings-correction",  # "Is something wrong on this page?"
]
# Pagefind names its index files after their content (``fragment/en_3f2a1bc.pf_fragment``).
HASHED = (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta")
ENTRY = "pagefind-entry.json"  # what the search page loads first: copied last, present only with a whole index
OUTPUT = "pagefind"  # the bundles' folder in the site
RECORD = "search-bundles.json"  # beside the doctrees: each bundle's search sources when it was last indexed
WRITING = "search-sources-writing"  # beside the doctrees: search sources were written after the record
FARMS = "search-bundles"  # beside the doctrees: each bundle's search sources, linked, as Pagefind's input
# A memory file system where there is one (Linux); elsewhere the system's temporary folder.
STAGING_PARENT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None

Stats = dict[str, list[int]]  # a search source's address → its size and modification time (ns)


def bundles(meta: dict[str, PageMeta], pages_per_bundle: int) -> dict[str, str]:
    """The bundle of each indexed page, by docname. A site of at most ``pages_per_bundle`` indexed pages has
    one, named ``""``. A larger one has a bundle per edition and one for people, each split, by a digest of the
    page's name, into as many as keep them at about that size or less."""
    indexed = [(docname, page) for docname, page in sorted(meta.items()) if page.kind in INDEXED_KINDS]
    if len(indexed) <= pages_per_bundle:
        return dict.fromkeys((docname for docname, _ in indexed), "")
    groups: dict[str, list[str]] = {}
    for docname, page in indexed:
        group = "people" if page.kind == PageKind.PERSON else f"edition-{page.edition}" if page.edition else "site"
        groups.setdefault(group, []).append(docname)
    assigned = {}
    for group, docnames in groups.items():
        shards = -(-len(docnames) // pages_per_bundle)
        for docname in docnames:
            assigned[docname] = f"{group}-{_shard(docname, shards) + 1}" if shards > 1 else group
    return assigned


def _shard(docname: str, shards: int) -> int:
    # A digest, not hash(): the same page stays in the same bundle from build to build.
    return int.from_bytes(hashlib.blake2b(docname.encode(), digest_size=8).digest(), "big") % shards


def bundle_folder(bundle: str) -> str:
    """Where a bundle is in the site, from its root."""
    return f"{OUTPUT}/{bundle}" if bundle else OUTPUT


@dataclass
class Indexing:
    """Pagefind at work on one bundle."""

    staging: tempfile.TemporaryDirectory[str]
    run: Future[subprocess.CompletedProcess[str]]


@dataclass
class IndexState:
    """The search index of the build under way."""

    prune: bool = False  # search sources of pages that no longer exist may be left
    started: bool = False  # ``start_pagefind`` ran
    # A build that stopped had written search sources after the last record: any may have changed.
    unrecorded: bool = False
    written: set[str] = field(default_factory=set)  # indexed pages written in this build: their sources may change
    indexing: dict[str, Indexing] = field(default_factory=dict)  # by bundle
    pool: ThreadPoolExecutor | None = field(default=None, repr=False)
    sources: dict[str, Stats] = field(default_factory=dict)  # each bundle's search sources, as indexed now


# By source folder.
_INDEXES: dict[Path, IndexState] = {}
_BUNDLES: dict[Path, tuple[dict[str, PageMeta], int, dict[str, str]]] = {}  # ``site_bundles``: pages, size, answer


def search_source_dir(builder: Builder) -> Path:
    return Path(builder.doctreedir) / "search-source"


def leave_out_of_search_source(translator: HTML5Translator, start: int) -> None:
    """What the translator wrote since ``start`` is no part of the page's search source: words of other pages,
    which the index ignores (``data-pagefind-ignore="all"``), and which would make the source, and so its
    bundle, change whenever those pages do."""
    unindexed = getattr(translator, "proceedings_unindexed", [])
    translator.proceedings_unindexed = [*unindexed, (start, len(translator.body))]


def search_source_html(translator: HTML5Translator, start: int) -> str:
    """The HTML the translator wrote since ``start``, without the parts left out of the search source."""
    kept, position = [], start
    for begin, end in sorted(getattr(translator, "proceedings_unindexed", [])):
        if end > position:
            kept += translator.body[position : max(begin, position)]
            position = end
    return "".join(kept + translator.body[position:])


def source_address(builder: Builder, docname: str) -> str:
    """Where a page's search source is under ``search_source_dir``: where the page's own file is in the site
    (``2031-syn/index.html``; ``about/index.html`` for the dirhtml builder's ``about``; ``about.htm`` with
    ``html_file_suffix = ".htm"``), whatever suffix its links have (``html_link_suffix``). Pagefind gives a
    result this address, which any host serves."""
    if type(builder).get_output_path is StandaloneHTMLBuilder.get_output_path:  # the usual case, as strings
        return docname + builder.out_suffix  # type: ignore[attr-defined]
    # Sphinx's own answer otherwise, as ``assembler.remove_stale_output`` finds a removed page's file
    output = builder.get_outfilename(docname)  # type: ignore[attr-defined]
    return os.path.relpath(output, builder.outdir).replace(os.sep, "/")


def write_search_source(builder: Builder, body: str) -> None:
    """The search source of the page being written: its indexed part, at the page's own path."""
    language = builder.config.language or "en"
    page = f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head><body>{body}</body></html>\n'
    write_if_changed(search_source_dir(builder) / source_address(builder, builder.current_docname), page.encode())


def prepare_index(app: Sphinx) -> None:
    """Turn off Sphinx's own indexer (it would only cost time and write an unused file)."""
    if app.builder is None or app.builder.format != "html":
        return
    if hasattr(app.builder, "search"):
        app.builder.search = False
    _INDEXES[app.srcdir] = IndexState(unrecorded=(Path(app.doctreedir) / WRITING).exists())


def site_bundles(app: Sphinx) -> dict[str, str]:
    """The bundle of each indexed page of the site being built, by docname. Worked out once per build (a tenth
    of a second at 3,000 papers): the search page, the index and the spelling vocabulary each ask."""
    site = site_of(app)
    if site is None:
        return {}
    size = app.config.proceedings_search_bundle_pages
    known = _BUNDLES.get(app.srcdir)
    if known is None or known[0] is not site.meta or known[1] != size:  # the cache holds the pages it answers for
        _BUNDLES.clear()  # one build's at a time: a process that builds many sites keeps none of the others
        known = _BUNDLES[app.srcdir] = (site.meta, size, bundles(site.meta, size))
    return known[2]


def bundle_names(app: Sphinx) -> list[str]:
    """The site's bundles; the search page loads the first and merges the others."""
    return sorted(set(site_bundles(app).values()))


def indexed_pages(app: Sphinx, docnames: Iterable[str]) -> dict[str, Path]:
    """The search source file of each of ``docnames`` that the index covers."""
    site = site_of(app)
    if site is None or app.builder is None:
        return {}
    folder = search_source_dir(app.builder)
    return {
        docname: folder / source_address(app.builder, docname)
        for docname in docnames
        if docname in site.meta and site.meta[docname].kind in INDEXED_KINDS
    }


def check_search_sources(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Without search sources (deleted, or a site built before there were any) every indexed page is written
    again so that it has one. A fresh environment may not know which pages were removed since the search
    sources were written: leftovers are then pruned."""
    state = _INDEXES.get(app.srcdir)
    if state is None:
        return []
    state.prune = bool(removed) or not env.all_docs
    if search_source_dir(app.builder).is_dir():
        return []
    return sorted(set(indexed_pages(app, env.all_docs)) - removed)


def prune_search_sources(app: Sphinx) -> None:
    """Search sources of pages that no longer exist are clutter: no bundle lists them."""
    keep = set(indexed_pages(app, app.env.all_docs).values())
    for folder, _, files in os.walk(search_source_dir(app.builder)):
        for name in files:
            path = Path(folder, name)
            if path not in keep:
                path.unlink()


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """An indexed page is being written (resolved in the build's own process, also in parallel builds): its search
    source may change. Marked on disk too, for a build that stops before its bundles are indexed."""
    state, site = _INDEXES.get(app.srcdir), site_of(app)
    if state is None or site is None or docname not in site.meta or site.meta[docname].kind not in INDEXED_KINDS:
        return
    if not state.written:
        (Path(app.doctreedir) / WRITING).touch()
    state.written.add(docname)


def sources_now(app: Sphinx, state: IndexState, record: dict[str, Stats]) -> dict[str, Stats]:
    """Each bundle's search sources as they are on disk now. Since ``record`` (the last indexing) only the sources
    of the pages this build wrote can have changed: those are looked at, and any page the record does not have in
    the same bundle; the rest are as recorded (adding a paper at 3,000 papers looks at fifty files, not 12,000).
    (Sources of removed pages are pruned, and no bundle lists them.) After a build that stopped when it had written
    sources it did not record, every one is looked at."""
    assert app.builder is not None
    if state.unrecorded:
        record = {}
    folder, sources = search_source_dir(app.builder), {}
    for docname, bundle in site_bundles(app).items():
        address = source_address(app.builder, docname)
        stat = record.get(bundle, {}).get(address)
        if stat is None or docname in state.written:
            stat = _stat(folder / address)
        sources.setdefault(bundle, {})[address] = stat
    return sources


def _stat(source: Path) -> list[int]:
    try:
        found = os.stat(source)
    except OSError:  # not written: the page's build failed, so its bundle is indexed again next time
        return [-1, -1]
    return [found.st_size, found.st_mtime_ns]


def read_record(app: Sphinx) -> dict[str, Stats]:
    try:
        return json.loads((Path(app.doctreedir) / RECORD).read_bytes())
    except (OSError, ValueError):
        return {}


def start_pagefind_after_writing(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    """``html-collect-pages`` comes once every page is written, before the HTML builder writes its indices and
    ``objects.inv``: Pagefind indexes meanwhile, and while the exports are written (starting at ``build-finished``
    instead left a core idle for half a second of adding a paper at 3,000 papers). No page is added here."""
    start_pagefind(app, None)
    return []


def start_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """Start indexing each bundle whose pages changed, as soon as the pages are written (at the latest when the
    build finishes, for a builder that collects no pages)."""
    state = _INDEXES.get(app.srcdir)
    if exception is not None or state is None or app.builder is None or state.started:
        return
    state.started = True
    if state.prune:
        prune_search_sources(app)
    record, outdir = read_record(app), Path(app.outdir)
    state.sources = sources_now(app, state, record)
    if not state.sources:  # a new site with no edition yet: nothing to search
        shutil.rmtree(outdir / OUTPUT, ignore_errors=True)
        return
    stale = [
        bundle
        for bundle, sources in sorted(state.sources.items())
        if record.get(bundle) != sources or not (outdir / bundle_folder(bundle) / ENTRY).is_file()
    ]
    if not stale:
        return
    state.pool = ThreadPoolExecutor(max_workers=min(len(stale), os.cpu_count() or 1))
    suffix = getattr(app.builder, "out_suffix", ".html")  # of the pages' files, and so of their search sources
    for bundle in stale:
        (outdir / bundle_folder(bundle) / ENTRY).unlink(missing_ok=True)  # until the bundle is whole again
        farm = link_farm(app, bundle, state.sources[bundle], record.get(bundle))
        staging = tempfile.TemporaryDirectory(prefix="pagefind-", dir=STAGING_PARENT)
        state.indexing[bundle] = Indexing(staging, state.pool.submit(run_pagefind, farm, Path(staging.name), suffix))


def link_farm(app: Sphinx, bundle: str, sources: Stats, recorded: Stats | None) -> Path:
    """A folder of the bundle's search sources alone, at their addresses: Pagefind's input. Hard links, so it
    costs no copying where the file system has them. Kept from build to build: when it holds the pages of
    ``recorded`` (the bundle's search sources when it was last indexed), only those that changed since are linked
    again (making the three folders of adding a paper at 3,000 papers anew, 4,600 links, took half a second)."""
    assert app.builder is not None
    farm, folder = farm_folder(app, bundle), search_source_dir(app.builder)
    if recorded is None or farm_addresses(farm) != recorded.keys():  # not the farm of the last indexing
        shutil.rmtree(farm, ignore_errors=True)
        recorded = {}
    for address in recorded.keys() - sources.keys():
        (farm / address).unlink()
    for address, stat in sources.items():
        if recorded.get(address) != stat:
            target = farm / address
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(folder / address, target)
            except OSError:
                shutil.copyfile(folder / address, target)
    return farm


def farm_folder(app: Sphinx, bundle: str) -> Path:
    return Path(app.doctreedir) / FARMS / (bundle or "_site")


def farm_addresses(farm: Path) -> set[str]:
    """The addresses of the search sources in a bundle's folder (``link_farm``)."""
    start = len(os.path.join(farm, ""))
    found = (os.path.join(folder, name)[start:] for folder, _, names in os.walk(farm) for name in names)
    return {address.replace(os.sep, "/") for address in found}


@functools.cache
def pagefind_program() -> list[str]:
    """Pagefind's own program, where its Python package says it is; else the package's launcher, a Python process
    that finds the program and becomes it (a tenth of a second more for each bundle indexed)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    return [str(found)] if found is not None and found.is_file() else [sys.executable, "-m", "pagefind"]


def run_pagefind(site: Path, output: Path, suffix: str = ".html") -> subprocess.CompletedProcess[str]:
    """Pagefind on the search sources under ``site``: the files ending with ``suffix`` (the pages')."""
    command = [*pagefind_program(), "--site", str(site), "--output-path", str(output), "--silent"]
    if suffix != ".html":  # Pagefind reads .html files unless told
        command += ["--glob", f"**/*{suffix}"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)


def finish_pagefind(app: Sphinx, exception: Exception | None) -> None:
    state = _INDEXES.pop(app.srcdir, None)
    if state is None:
        return
    try:
        failed = [bundle for bundle, work in state.indexing.items() if work.run.result().returncode != 0]
        if exception is not None:
            return
        if failed:
            output = state.indexing[failed[0]].run.result().stdout
            raise ExtensionError(f"Pagefind could not index the site:\n{output}")
        publish(app, state)
    finally:
        for work in state.indexing.values():
            work.staging.cleanup()
        if state.pool is not None:
            state.pool.shutdown()


def publish(app: Sphinx, state: IndexState) -> None:
    """Copy the bundles just indexed into the site, remove those the site no longer has, and remember what
    each was indexed from."""
    outdir = Path(app.outdir)
    written = sum(
        mirror_tree(Path(work.staging.name), outdir / bundle_folder(bundle), last=ENTRY, named_by_content=HASHED)
        for bundle, work in sorted(state.indexing.items())
    )
    remove_other_bundles(outdir / OUTPUT, set(state.sources))
    record = json.dumps(state.sources, sort_keys=True, separators=(",", ":")).encode()
    write_if_changed(Path(app.doctreedir) / RECORD, record)
    (Path(app.doctreedir) / WRITING).unlink(missing_ok=True)
    farms = Path(app.doctreedir) / FARMS
    kept = {farm_folder(app, bundle).name for bundle in state.sources}
    for farm in farms.iterdir() if farms.is_dir() else ():
        if farm.name not in kept:  # the folders of bundles the site no longer has
            shutil.rmtree(farm)
    if state.indexing:
        names = ", ".join(bundle or "the site" for bundle in sorted(state.indexing))
        logger.info(f"[proceedings] search index updated in {outdir / OUTPUT} ({names}; {written} files written)")
    else:
        logger.info("[proceedings] search index is up to date")


def remove_other_bundles(output: Path, current: set[str]) -> None:
    """After the site was split into bundles or joined into one: what belongs to no current bundle goes."""
    if not output.is_dir():
        return
    if current == {""}:  # the bundle of the whole site was mirrored into the folder: bundles left empty folders
        for folder in sorted((path for path in output.rglob("*") if path.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        return
    for path in output.iterdir():
        if path.name not in current:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def check_bundle_size(app: Sphinx, config: Config) -> None:
    size = config.proceedings_search_bundle_pages
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        logger.error(
            f"proceedings_search_bundle_pages in conf.py is {size!r}: it must be a whole number of pages, "
            "1 or more (2000 by default; a site with more indexed pages has its search index in bundles)"
        )
        raise SystemExit(1)  # Sphinx would show its own ConfigError with a traceback and a plea to report it


def setup_pagefind(app: Sphinx) -> None:
    app.add_config_value(
        "proceedings_search_bundle_pages",
        2000,
        "",
        types=frozenset({int}),
        description="A site with more indexed pages has its search index in bundles of about this many pages, "
        "so that a small change indexes a bundle again, not the whole site.",
    )
    app.connect("config-inited", check_bundle_size)
    app.connect("builder-inited", prepare_index)
    app.connect("env-get-outdated", check_search_sources)
    app.connect("doctree-resolved", note_written)
    app.connect("html-collect-pages", start_pagefind_after_writing, priority=0)
    app.connect("build-finished", start_pagefind, priority=150)
    app.connect("build-finished", finish_pagefind, priority=900)
