"""When each stage of a build ended: a Sphinx extension the benchmark adds to its builds (``dev.bench``).

With ``PROCEEDINGS_BENCH_STAGES`` set to a file, each event below appends ``stage seconds`` (a wall-clock
time) to it, so the benchmark can say where a rebuild's time went. Outside the benchmark it does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

ENV = "PROCEEDINGS_BENCH_STAGES"
# (the stage that ends, the event that ends it, its priority): in build order. The exports are written
# while Pagefind indexes (``sphinxext.pagefind``); "pagefind" is what remains to wait for after them.
STAGES = [
    ("startup", "config-inited", 0),  # the interpreter, Sphinx and the extensions imported
    ("environment", "builder-inited", 0),  # the stored environment loaded
    ("assemble", "builder-inited", 999),  # metadata loaded, pages assembled and written
    ("outdated", "env-before-read-docs", 0),  # which pages to read
    ("read", "env-updated", 0),
    ("consistency", "write-started", 0),
    ("resolve and write", "build-finished", 0),
    ("exports", "build-finished", 899),
    ("pagefind", "build-finished", 901),
]


def note(stage: str) -> None:
    path = os.environ.get(ENV)
    if path:
        with Path(path).open("a", encoding="utf-8") as log:
            log.write(f"{stage} {time.time():.3f}\n")


def setup(app: Any) -> dict[str, Any]:
    for stage, event, priority in STAGES:
        app.connect(event, lambda *args, stage=stage: note(stage), priority=priority)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def durations(path: Path, started: float, ended: float) -> dict[str, float]:
    """Seconds spent in each stage of the last build logged in ``path`` (started and ended: wall-clock times of
    the command), the interpreter's exit included."""
    marks = [line.rsplit(" ", 1) for line in path.read_text(encoding="utf-8").splitlines()] if path.is_file() else []
    spent: dict[str, float] = {}
    previous = started
    for stage, moment in marks:
        spent[stage] = spent.get(stage, 0.0) + float(moment) - previous
        previous = float(moment)
    spent["exit"] = ended - previous
    return spent
