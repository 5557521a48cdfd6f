"""Where a build's memory goes: ``python -m dev.memprofile 2500`` builds synthetic proceedings of that size in
this process, as ``nox -s docs`` does (parallel Sphinx), with ``tracemalloc`` on, and prints what is alive at
each stage of the build (assembled, read, written, exports and search done) by the code that allocated it,
and the peak.

tracemalloc counts Python's own allocations in the main process (the one that keeps the environment; parallel
workers are forks that exit), not what C libraries allocate outside Python's allocator, so its peak is below
the process's resident size, which is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

from dev import synthetic

DOCS = Path(__file__).resolve().parents[1] / "docs"
OURS = "proceedings_site"


def describe(frame: tracemalloc.Frame) -> str:
    filename = frame.filename
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{frame.lineno}"


def report(stage: str, top: int, frames: int) -> None:
    current, peak = tracemalloc.get_traced_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n== {stage}: {current / 2**20:.0f} MB alive, peak so far {peak / 2**20:.0f} MB, max RSS {rss:.0f} MB")
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    for stat in snapshot.statistics("traceback" if frames > 1 else "lineno")[:top]:
        where = " < ".join(describe(frame) for frame in stat.traceback)
        print(f"{stat.size / 2**20:8.1f} MB {stat.count:9d} blocks  {where}", flush=True)


_OPTIONS: dict[str, int] = {"top": 15, "frames": 1, "sphinx_queue": 0}
STAGES = [  # (what is done, event, priority)
    ("assembled", "builder-inited", 999),
    ("read", "env-updated", 0),
    ("written, before the exports", "build-finished", 0),
    ("exports and search done", "build-finished", 2000),
]


def setup(app: Any) -> dict[str, Any]:
    """Report at the end of each stage (this module is added to the extensions of the profiled build)."""
    for name, event, priority in STAGES:

        def handler(app: Any, *rest: Any, name: str = name) -> None:
            report(name, _OPTIONS["top"], _OPTIONS["frames"])
            tracemalloc.reset_peak()

        app.connect(event, handler, priority=priority)
    if _OPTIONS["sphinx_queue"]:  # Sphinx's unbounded write queue, to compare (``sphinxext.writequeue``)
        import sphinx.builders
        from sphinx.util.parallel import ParallelTasks

        sphinx.builders.ParallelTasks = ParallelTasks
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", type=int)
    parser.add_argument("--work", type=Path, help="folder to build in (kept); by default a temporary one")
    parser.add_argument("--frames", type=int, default=1, help="frames kept per allocation (more is much slower)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--sphinx-queue", action="store_true", help="Sphinx's own write queue, without our bound")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="proceedings-memprofile-"))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    metadata = synthetic.generate(work / "proceedings", args.papers, seed=args.papers)
    srcdir, outdir = work / "docs", work / "html"
    srcdir.mkdir()
    for name in ("conf.py", "about.md"):
        shutil.copy2(DOCS / name, srcdir / name)

    from sphinx.application import Sphinx

    _OPTIONS.update(top=args.top, frames=args.frames, sphinx_queue=int(args.sphinx_queue))
    tracemalloc.start(args.frames)
    app = Sphinx(
        str(srcdir),
        str(srcdir),
        str(outdir),
        str(outdir / ".doctrees"),
        "html",
        confoverrides={"proceedings_metadata_dir": str(metadata), "extensions": f"{OURS}.sphinxext,dev.memprofile"},
        status=None,
        warningiserror=True,
        parallel=os.cpu_count() or 1 if args.jobs == "auto" else int(args.jobs),
    )
    app.build()
    print(f"\nprocess max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; built in {work}")
    return app.statuscode


if __name__ == "__main__":
    sys.exit(main())
