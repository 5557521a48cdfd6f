"""One build at a time in a site's doctree folder.

Two builds of one site folder at once (``nox -s docs`` started again before the first ended, say) read and write
the same environment, page sources, search sources and index: one stopped halfway with a traceback, or both left
a site made of the two. A build takes an exclusive lock on a file in its doctree folder before it reads or writes
anything; one that finds the lock taken stops at once with a message that says which folder and what to do. The
lock goes when the build ends, and with its process, however that ends. ``proceedings build`` holds it around the
whole build (``held``), its staging copy of the site included, and the Sphinx build inside finds it held by its
own process. Where the system has no ``fcntl`` (Windows), builds are not locked.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)
LOCK = "proceedings-build.lock"  # in the doctree folder
_HELD: dict[str, int] = {}  # doctree folder → the descriptor of its lock file, held by a build of this process
_AROUND: set[str] = set()  # doctree folders whose lock ``held`` holds around the build under way


def setup_buildlock(app: Sphinx) -> None:
    app.connect("config-inited", take_build_lock, priority=0)  # before anything is read or written
    app.connect("build-finished", release_build_lock, priority=1000)  # after everything else


def take_build_lock(app: Sphinx, _config: Config) -> None:
    if fcntl is None:
        return
    folder = os.path.realpath(app.doctreedir)  # as ``held`` names it, whatever path led there
    if folder in _AROUND:  # ``proceedings build`` holds it for this build
        return
    release(folder)  # held by an earlier build in this process that stopped before it finished
    descriptor = _lock(folder)
    if descriptor is None:
        logger.error(another_build(folder) + "; or build into another output folder.")
        raise SystemExit(1)  # Sphinx would add a traceback and a plea to report it
    _HELD[folder] = descriptor


def another_build(folder: str) -> str:
    return (
        f"another build of this site is running: it holds {os.path.join(folder, LOCK)}. Wait for it to end "
        "(or stop it), then build again"
    )


@contextlib.contextmanager
def held(doctrees: Path) -> Iterator[bool]:
    """The lock of the site whose doctree folder is ``doctrees``, held while the block runs: False when another
    build holds it (nothing may then be touched), True where the system has no locks."""
    folder = os.path.realpath(doctrees)
    descriptor = _lock(folder) if fcntl is not None else None
    if fcntl is not None and descriptor is None:
        yield False
        return
    _AROUND.add(folder)
    try:
        yield True
    finally:
        _AROUND.discard(folder)
        if descriptor is not None:
            os.close(descriptor)


def _lock(folder: str) -> int | None:
    """A descriptor of the folder's lock file, locked; None when another holds the lock."""
    os.makedirs(folder, exist_ok=True)
    descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def release_build_lock(app: Sphinx, _exception: Exception | None) -> None:
    release(os.path.realpath(app.doctreedir))


def release(folder: str) -> None:
    if (descriptor := _HELD.pop(folder, None)) is not None:
        os.close(descriptor)  # closing it lets the lock go
