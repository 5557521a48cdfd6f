"""Keep Python's cyclic garbage collector away from the build's long-lived data.

A rebuild of a large site holds hundreds of megabytes that live until the end:
Sphinx's environment and the proceedings model. Each full collection walks all
of it, and the interpreter walks it once more when the process exits (four
seconds of a twelve-second no-change rebuild at 3,000 papers). ``gc.freeze``
moves everything alive at that moment out of the collector's sight: after the
environment and model are loaded, after reading, and at the end of the build.
Frozen objects are still freed when their reference count drops; only cycles
among them wait. A later build in the same process (tests, live reload) first
hands them back to the collector and collects, so nothing accumulates from
build to build.

While Sphinx loads the stored environment, and while the assembler loads the
metadata and assembles the pages (``paused_collector``), the collector is off
altogether: both create hundreds of thousands of objects and almost no garbage,
and the collections that allocation triggers made loading the environment five
times slower and the metadata twice as slow. While pages are written
(``rare_full_collections``), full collections are ten times rarer:
``writequeue.py`` says why.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

# While writing, a full collection waits for this many collections of the middle generation (Python's default: 10).
FULL_COLLECTION_EVERY = 100

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup_memory(app: Sphinx) -> None:
    app.connect("config-inited", thaw_earlier_builds)
    app.connect("builder-inited", freeze_live_data, priority=1)  # the environment is loaded
    app.connect("builder-inited", freeze_live_data, priority=1000)  # after the assembler (priority 100)
    app.connect("env-updated", freeze_live_data, priority=1000)  # after reading
    app.connect("build-finished", freeze_live_data, priority=1000)  # the last handler: exports and search ran


def thaw_earlier_builds(app: Sphinx, config: Config) -> None:
    gc.unfreeze()
    gc.collect()  # before this build freezes again: cycles an earlier build left must not stay frozen
    gc.disable()  # until the environment is loaded


def freeze_live_data(app: Sphinx, *event_arguments: object) -> None:
    gc.freeze()
    gc.enable()


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Fewer full collections while the block runs (``writequeue.py`` says why writing wants them rarer)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


@contextmanager
def paused_collector() -> Iterator[None]:
    """No collections while the block runs; the collector is back on after it, even when it fails."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
