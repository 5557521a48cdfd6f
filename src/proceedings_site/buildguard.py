"""A build that stops as a whole: Ctrl+C or SIGTERM ends Sphinx and every worker it forked, and no worker outlives
the build even if the main process is killed outright.

Sphinx's parallel build forks workers (``sphinx.util.parallel``). SIGTERM's default action ends only the process
it is sent to, so a killed build used to leave its workers running, each with gigabytes of doctrees. Here SIGTERM
becomes an interruption of the main process, like Ctrl+C, and each forked worker asks the kernel (Linux's
``PR_SET_PDEATHSIG``) to be sent SIGTERM when the process that forked it dies, which covers SIGKILL too.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

PR_SET_PDEATHSIG = 1


_parent: list[int] = []  # the pid that forked, recorded before each fork


def _before_fork() -> None:
    _parent[:] = [os.getpid()]


def _die_with_parent() -> None:
    """In a freshly forked worker: be sent SIGTERM when the parent dies; and let SIGTERM end the worker at once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if _parent and os.getppid() != _parent[0]:  # the parent died before the request took effect
            os._exit(128 + signal.SIGTERM)


_registered = False


@contextlib.contextmanager
def whole_build() -> Iterator[list[int]]:
    """Run a build in which Ctrl+C and SIGTERM interrupt the main process (Sphinx stops on KeyboardInterrupt in
    any phase) and forked workers die with it; on the way out, stop any worker still running. Yields a list that
    holds the signal's number once one arrived: Sphinx catches the interruption and returns a failure status."""
    global _registered
    received: list[int] = []
    main_pid = os.getpid()

    def on_signal(number: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:  # a worker, forked before its handler was reset
            os._exit(128 + number)
        received.append(number)
        raise KeyboardInterrupt

    if sys.platform.startswith("linux") and not _registered:
        os.register_at_fork(before=_before_fork, after_in_child=_die_with_parent)
        _registered = True
    numbers = (signal.SIGTERM, signal.SIGINT) if threading.current_thread() is threading.main_thread() else ()
    previous = {number: signal.signal(number, on_signal) for number in numbers}
    try:
        yield received
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for worker in multiprocessing.active_children():
            worker.terminate()
            worker.join(5)
