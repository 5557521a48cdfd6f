"""The benchmark's figures for large sites (``dev.bench``): memory of the whole process tree, the published
site's size and file count, and where a rebuild's time goes.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dev import stages

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.2


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest process: Sphinx, one of its workers or Pagefind
    tree_peak_mb: float = 0.0  # the most the process and its descendants held together (sampled)
    stages: dict[str, float] = field(default_factory=dict)


def resident_by_parent() -> dict[int, tuple[int, int]]:
    """Every process of the machine: pid → (parent pid, resident bytes), from /proc (Linux)."""
    found: dict[int, tuple[int, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            resident = int(Path(entry.path, "statm").read_text().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        found[int(entry.name)] = (parent, resident)
    return found


def tree_resident(root: int) -> int:
    processes = resident_by_parent()
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += processes.get(pid, (0, 0))[1]
        stack.extend(children.get(pid, []))
    return total


def measure(command: list[str], log: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time, the largest process's peak (as the kernel counts it) and the process tree's peak (sampled
    every 0.2 s; forked workers share pages with the main process, which this counts once per process) of one
    command; with ``stages`` on, the seconds of each stage of the build."""
    stage_log = log.with_suffix(".stages")
    stage_log.unlink(missing_ok=True)
    env = {**os.environ, **(env or {}), stages.ENV: str(stage_log)}
    tree_peak = 0
    started, wall_started = time.perf_counter(), time.time()
    with log.open("ab") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if Path("/proc").is_dir():
                tree_peak = max(tree_peak, tree_resident(process.pid))
            time.sleep(SAMPLE_SECONDS)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"command failed ({' '.join(command)}); see {log}")
    spent = stages.durations(stage_log, wall_started, time.time())
    return Run(seconds, usage.ru_maxrss / 1024, tree_peak / 2**20, spent)


def stage_line(run: Run) -> str:
    return ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in run.stages.items() if seconds >= 0.05)


def published(outdir: Path) -> tuple[int, int]:
    """Bytes and number of files a host gets: the output without Sphinx's doctrees and build info."""
    total = count = 0
    for folder, subfolders, files in os.walk(outdir):
        subfolders[:] = [name for name in subfolders if name != ".doctrees"]
        for name in files:
            if name != ".buildinfo":
                total += Path(folder, name).stat().st_size
                count += 1
    return total, count


def largest_parts(outdir: Path, top: int = 4) -> Iterable[tuple[str, int, int]]:
    """The folders (and kinds of file) that make up most of the published site: (name, bytes, files)."""
    parts: dict[str, list[int]] = {}
    for path in outdir.rglob("*"):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        relative = path.relative_to(outdir).parts
        key = relative[0] if len(relative) > 1 else "(root)"
        if len(relative) > 2 and relative[1] in ("papers", "keynotes", "fragment", "index"):
            key = f"{relative[0]}/{relative[1]}"
        if key.startswith("20") and key.endswith("/papers"):
            key = "<edition>/papers"
        entry = parts.setdefault(key, [0, 0])
        entry[0] += path.stat().st_size
        entry[1] += 1
    ranked = sorted(parts.items(), key=lambda item: -item[1][0])[:top]
    return [(name, size, files) for name, (size, files) in ranked]


def emit_site(outdir: Path, emit: Callable[[str], None]) -> None:
    size, files = published(outdir)
    parts = "; ".join(f"{name} {bytes_ / 2**20:.0f} MB in {count}" for name, bytes_, count in largest_parts(outdir))
    emit(f"published_site_mb={size / 2**20:.1f} in {files} files (largest: {parts})")


# The goals (#24), checked where they apply: lists and memory at every size, rebuilds from 3,000 papers
# (below, a rebuild's fixed costs outweigh a full build's), the published size at any size.
LIGHT_LIST_KB = 150
MAP_PAGE_KB, MAP_PAGE_SIZE = 200, 3000
MEMORY_MB = 2000
SITE_MB = 1024
NOOP_SHARE, ADD_ONE_SHARE, FLOOR_RATIO, CLS = 0.02, 0.05, 0.6, 0.1


def goals(
    papers: int, full: Run, noop: Run, added: Run, outdir: Path, weights: dict, floor_seconds: float | None
) -> list[str]:
    """One line per goal: ``goal_<name>=met|NOT met (figure; goal)``."""
    size, _ = published(outdir)
    checks = [
        ("peak_memory", full.peak_mb <= MEMORY_MB, f"{full.peak_mb:.0f} MB; <= {MEMORY_MB} MB"),
        ("published_site", size / 2**20 <= SITE_MB, f"{size / 2**20:.0f} MB; <= {SITE_MB} MB"),
    ]
    for kind in ("all papers", "paper list", "people"):
        if kind in weights:
            sent = weights[kind].sent_bytes / 1024
            checks.append(
                (f"first_visit_{kind.replace(' ', '_')}", sent <= LIGHT_LIST_KB, f"{sent:.0f} KB gzip; <= 150")
            )
    worst = max(weights.items(), key=lambda item: item[1].layout_shift) if weights else None
    if worst:
        checks.append(("cls", worst[1].layout_shift <= CLS, f"worst {worst[1].layout_shift:.3f} ({worst[0]}); <= 0.1"))
    for kind in ("topics", "all topics", "topic"):  # issue 22: a topic map page's first visit, at 3,000 papers
        if papers == MAP_PAGE_SIZE and kind in weights:
            sent = weights[kind].sent_bytes / 1024
            checks.append(
                (f"first_visit_{kind.replace(' ', '_')}", sent <= MAP_PAGE_KB, f"{sent:.0f} KB gzip; <= {MAP_PAGE_KB}")
            )
    if papers >= 3000:
        checks.append(
            ("noop_rebuild", noop.seconds <= NOOP_SHARE * full.seconds, f"{noop.seconds / full.seconds:.1%}; <= 2 %")
        )
        share = added.seconds / full.seconds
        checks.append(("add_one_paper", share <= ADD_ONE_SHARE, f"{share:.1%}; <= 5 %"))
    if floor_seconds:
        ratio = full.seconds / floor_seconds
        checks.append(("ratio_vs_plain_sphinx", ratio <= FLOOR_RATIO, f"{ratio:.2f}; <= {FLOOR_RATIO}"))
    return [goal_line(name, ok, detail) for name, ok, detail in checks]


def goal_line(name: str, met: bool, detail: str) -> str:
    return f"goal_{name}={'met' if met else 'NOT met'} ({detail})"
