"""Parallel reading that does not send the whole environment back from every worker.

Sphinx reads a parallel build in chunks, each in a worker forked from the main process. The worker inherits
the environment as it stands, reads its chunk, and returns a pickle of the *whole* environment; the main
process unpickles it and copies over the chunk's documents only. Every chunk therefore carries the titles and
tables of contents of all documents merged before it: reading grows quadratically with the number of pages
(at 12,000 pages the last chunks send 15 MB each, and a one-paper rebuild spends three seconds unpickling).

Before a worker reads its first document, it drops those per-document tables. The documents of its own chunk
are not among them (the main process cleared them before forking), and merging copies the chunk's entries
only, so the merged environment is the same. Reading needs none of them: titles and tables of contents are
used when pages are written, metadata, dependencies and read times when the main process checks and writes,
and it keeps everything. The worker's project (every document's path, 24,000 paths at 12,000 pages) is needed
to read, so it stays, but goes back to the main process empty: merging reads nothing of it. Together they were
a tenth of a second of unpickling per chunk, in the main process, one chunk after another.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from sphinx.project import Project

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Written for each document as it is read, read back only by the main process: merging copies the chunk's own.
MAIN_PROCESS_TABLES = (
    "titles",  # the title and toc collectors': used when pages are written
    "longtitles",
    "tocs",
    "toc_num_entries",
    "metadata",  # front matter: the orphan check, the theme's page context
    "dependencies",  # which files a document was made from, for the next build's outdated check
    "all_docs",  # when each document was read, likewise
    "included",
)


class ProjectSentEmpty(Project):
    """A read worker's project: pickled, as the worker's environment is to go back, without its documents."""

    def __reduce__(self) -> tuple[type[Project], tuple[Any, ...]]:
        return Project, (self.srcdir, self.source_suffix)


# By source folder: the process that holds the full environment (the main process), and after a fork the
# worker that has already trimmed its copy, so it does so once, before its first document.
_OWNERS: dict[str, int] = {}


def setup_parallel(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_owner)
    app.connect("source-read", trim_forked_environment, priority=0)


def note_owner(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _OWNERS[str(app.srcdir)] = os.getpid()


def trim_forked_environment(app: Sphinx, docname: str, source: list[str]) -> None:
    key = str(app.srcdir)
    if _OWNERS.get(key, os.getpid()) == os.getpid():
        return  # the main process (serial reads too), or a worker already trimmed
    _OWNERS[key] = os.getpid()
    for table in MAIN_PROCESS_TABLES:
        getattr(app.env, table).clear()
    if type(app.env.project) is Project:
        app.env.project.__class__ = ProjectSentEmpty
