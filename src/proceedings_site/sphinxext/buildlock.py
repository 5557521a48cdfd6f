"""One build at a time in a site's doctree folder.

Two builds of one site at once (``nox -s serve`` rebuilding while ``nox -s docs`` runs, say) read and write the
same environment, page sources, search sources and index: one stopped halfway with a traceback, or both left a site
made of the two. A build takes an exclusive lock on a file in its doctree folder before it reads or writes
anything; one that finds the lock taken stops at once with a message that says which folder and what to do. The
lock goes when the build ends, and with its process, however that ends. Where the system has no ``fcntl`` (Windows),
builds are not locked.
"""

from __future__ import annotations

import os
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


def setup_buildlock(app: Sphinx) -> None:
    app.connect("config-inited", take_build_lock, priority=0)  # before anything is read or written
    app.connect("build-finished", release_build_lock, priority=1000)  # after everything else


def take_build_lock(app: Sphinx, _config: Config) -> None:
    if fcntl is None:
        return
    folder = str(app.doctreedir)
    release(folder)  # held by an earlier build in this process that stopped before it finished
    os.makedirs(folder, exist_ok=True)
    descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        logger.error(
            f"another build of this site is running: it holds {os.path.join(folder, LOCK)}. Wait for it to end "
            "(or stop it), then build again; or build into another output folder."
        )
        raise SystemExit(1) from None  # Sphinx would add a traceback and a plea to report it
    _HELD[folder] = descriptor


def release_build_lock(app: Sphinx, _exception: Exception | None) -> None:
    release(str(app.doctreedir))


def release(folder: str) -> None:
    if (descriptor := _HELD.pop(folder, None)) is not None:
        os.close(descriptor)  # closing it lets the lock go
