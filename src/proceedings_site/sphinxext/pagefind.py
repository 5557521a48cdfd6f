"""The Pagefind index: rebuilt only when an indexed page changed, from the indexed parts of the pages alone.

When the HTML writer renders a page's indexed part (``search.search_body``), it also writes that part alone
as a small page at the same path under the doctree folder, the *search source*. Pagefind indexes those, not
the themed site: it parses a few kilobytes per page instead of tens. It writes into a staging folder in memory
(it creates thousands of small files from many threads, which a disk file system serialises), and only the
files that differ are copied into the site: Pagefind names its files by content, so adding one paper changes
a handful of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..files import mirror_tree, write_if_changed
from ..layout import PageKind
from .assembler import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

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
# A memory file system where there is one (Linux); elsewhere the system's temporary folder.
STAGING_PARENT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@dataclass
class IndexState:
    """The search index of the build under way."""

    output: Path  # the bundle in the site
    stale: bool = False  # an indexed page was written or removed
    prune: bool = False  # search sources of pages that no longer exist may be left
    staging: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    pagefind: subprocess.Popen[str] | None = field(default=None, repr=False)

    @property
    def entry(self) -> Path:
        return self.output / ENTRY


# By source folder. Post-transforms, which mark the index stale, run in the main process even in parallel
# builds (workers only render the resolved doctrees), so workers need not report back.
_INDEXES: dict[Path, IndexState] = {}


def search_source_dir(builder: Builder) -> Path:
    return Path(builder.doctreedir) / "search-source"


def write_search_source(builder: Builder, body: str) -> None:
    """The search source of the page being written: its indexed part, at the page's own path."""
    language = builder.config.language or "en"
    page = f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head><body>{body}</body></html>\n'
    write_if_changed(search_source_dir(builder) / builder.get_target_uri(builder.current_docname), page.encode())


def prepare_index(app: Sphinx) -> None:
    """Turn off Sphinx's own indexer (it would only cost time and write an unused file) and start tracking
    whether this build leaves Pagefind's index stale."""
    if app.builder is None or app.builder.format != "html":
        return
    if hasattr(app.builder, "search"):
        app.builder.search = False
    _INDEXES[app.srcdir] = IndexState(Path(app.outdir) / "pagefind")


def indexed_pages(app: Sphinx, docnames: Iterable[str]) -> dict[str, Path]:
    """The search source file of each of ``docnames`` that the index covers."""
    site = site_of(app)
    if site is None or app.builder is None:
        return {}
    folder = search_source_dir(app.builder)
    return {
        docname: folder / app.builder.get_target_uri(docname)
        for docname in docnames
        if docname in site.meta and site.meta[docname].kind in INDEXED_KINDS
    }


def check_search_sources(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Removed pages leave the index. A fresh environment may not know which pages were removed since the search
    sources were written, and without search sources (deleted, or a site built before there were any) every
    indexed page is written again so that it has one."""
    state = _INDEXES.get(app.srcdir)
    if state is None:
        return []
    if removed:
        invalidate_index(app.srcdir)
    state.prune = bool(removed) or not env.all_docs
    if search_source_dir(app.builder).is_dir():
        return []
    return sorted(set(indexed_pages(app, env.all_docs)) - removed)


def invalidate_index(srcdir: Path) -> None:
    """An indexed page is being written or was removed: the index must be rebuilt at the end of this build. Its
    entry file goes at once, so that a build which fails before then leaves no index that looks current."""
    state = _INDEXES.get(srcdir)
    if state is not None and not state.stale:
        state.stale = True
        state.entry.unlink(missing_ok=True)


def prune_search_sources(app: Sphinx) -> None:
    """Search sources of pages that no longer exist must not reach the index."""
    keep = set(indexed_pages(app, app.env.all_docs).values())
    for folder, _, files in os.walk(search_source_dir(app.builder)):
        for name in files:
            path = Path(folder, name)
            if path not in keep:
                path.unlink()


def start_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """Start indexing as soon as the pages are written; the exports are written meanwhile."""
    state = _INDEXES.get(app.srcdir)
    if exception is not None or state is None:
        return
    if not state.stale and state.entry.is_file():
        return  # a build that changed no indexed page need not spend seconds indexing
    if state.prune:
        prune_search_sources(app)
    if not indexed_pages(app, app.env.all_docs):  # a new site with no edition yet: nothing to search
        shutil.rmtree(state.output, ignore_errors=True)
        return
    state.staging = tempfile.TemporaryDirectory(prefix="pagefind-", dir=STAGING_PARENT)
    command = [sys.executable, "-m", "pagefind", "--site", str(search_source_dir(app.builder))]
    command += ["--output-path", state.staging.name, "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    state.pagefind = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_pagefind(app: Sphinx, exception: Exception | None) -> None:
    state = _INDEXES.pop(app.srcdir, None)
    if state is None or state.pagefind is None or state.staging is None:
        if state is not None and exception is None:
            logger.info("[proceedings] search index is up to date")
        return
    with state.staging:
        output, _ = state.pagefind.communicate()
        if exception is not None:
            return
        if state.pagefind.returncode != 0:
            raise ExtensionError(f"Pagefind could not index the site:\n{output}")
        written = mirror_tree(Path(state.staging.name), state.output, last=ENTRY, named_by_content=HASHED)
    logger.info(f"[proceedings] search index updated in {state.output} ({written} files written)")


def setup_pagefind(app: Sphinx) -> None:
    app.connect("builder-inited", prepare_index)
    app.connect("env-get-outdated", check_search_sources)
    app.connect("build-finished", start_pagefind, priority=150)
    app.connect("build-finished", finish_pagefind, priority=900)
