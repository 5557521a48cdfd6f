"""The last assembled site, kept beside the doctrees: a rebuild whose metadata, settings and engine are all as they
were takes the model and the pages' data from it instead of loading and assembling again.

Loading and assembling were most of a no-change rebuild of a large conference (27 of 41 s at 10,000 papers),
though they wrote nothing. The snapshot is taken only when the pages it describes are on disk, and names the
size and modification time of each page's source: a page deleted or edited by hand since is written again.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..files import files_digest, write_pickled

if TYPE_CHECKING:
    from ..model import Proceedings
    from ..pages import Site
    from .config import ProceedingsConfig

SNAPSHOT = "proceedings-assembled.pickle"
FORMAT = 1
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Snapshot:
    proceedings: Proceedings
    site: Site  # the pages' data, without their sources
    sources: dict[str, tuple[int, int]]  # docname → size and modification time (ns) of its source as written


def inputs_key(config: ProceedingsConfig, folders: dict[str, str]) -> str:
    """Of everything the assembled pages are made from: every file of the metadata folder (``folders``:
    ``files.folder_digests`` of its names, sizes and modification times, as Sphinx tells a changed source), the
    settings, and the engine's own code."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((FORMAT, __version__, engine_digest(), str(config.metadata_dir))).encode())
    digest.update(repr((config.base_url, config.today.isoformat(), sorted(folders.items()))).encode())
    return digest.hexdigest()


@functools.cache
def engine_digest() -> str:
    """The engine's code and templates, by content (an installed engine's files all have one time): a changed
    engine assembles again."""
    engine = (path for path in PACKAGE_ROOT.rglob("*") if path.is_file() and path.suffix != ".pyc")
    return files_digest(PACKAGE_ROOT, engine)


def source_stats(srcdir: Path, docnames: list[str]) -> dict[str, tuple[int, int]]:
    stats = {}
    folder = str(srcdir)
    for docname in docnames:
        found = os.stat(f"{folder}/{docname}.md")
        stats[docname] = (found.st_size, found.st_mtime_ns)
    return stats


def take(file: Path, key: str, snapshot: Snapshot) -> None:
    """Store the snapshot under ``key`` (the key first, so a reader can tell a stale one without loading it)."""
    write_pickled(file, key, snapshot)


def take_aside(file: Path, key: str, snapshot: Snapshot) -> Callable[[], bool]:
    """``take`` in a forked process where the system forks safely (Linux): pickling a large conference's model
    takes most of a second that the build need not wait for. Returns a function that waits for it to end and
    says whether the snapshot was stored. (The file is replaced in one step: never seen half-written.)"""
    if sys.platform != "linux":
        take(file, key, snapshot)
        return lambda: True
    process = multiprocessing.get_context("fork").Process(target=_take_quietly, args=(file, key, snapshot))
    process.start()

    def stored() -> bool:
        process.join()
        return process.exitcode == 0

    return stored


def _take_quietly(file: Path, key: str, snapshot: Snapshot) -> None:
    try:
        take(file, key, snapshot)
    except Exception:  # a full disk, say: the build says so (``stored``), without the child's traceback
        sys.exit(1)


def stored_key(file: Path) -> str | None:
    """The key the snapshot in ``file`` was stored under, read without loading the snapshot."""
    try:
        with file.open("rb") as stored:
            key = pickle.load(stored)
    except Exception:  # none yet, truncated, or written by another engine
        return None
    return key if isinstance(key, str) else None


def reuse(file: Path, key: str, srcdir: Path) -> Snapshot | None:
    """The snapshot stored under ``key``, if its pages are still on disk as they were written."""
    try:
        with file.open("rb") as stored:
            if pickle.load(stored) != key:
                return None
            snapshot = pickle.load(stored)
    except Exception:  # none yet, truncated, or written by another engine
        return None
    if not isinstance(snapshot, Snapshot):
        return None
    try:
        unchanged = source_stats(srcdir, list(snapshot.sources)) == snapshot.sources
    except OSError:  # a page was deleted
        return None
    return snapshot if unchanged else None


def forget(file: Path) -> None:
    file.unlink(missing_ok=True)
