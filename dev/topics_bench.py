"""Related papers and topic maps in the benchmark: time, extra peak memory, small rebuilds and quality.

For a synthetic metadata folder to which the benchmark added one paper, in a fresh process (so that its peak
memory is its own): the model is loaded, then related papers and maps are computed for the site without the
added paper (time, and the peak memory they add to the loaded model), then again with it, through the cache file
that the first computation wrote, as a rebuild does (what adding one paper costs: the related papers, the map of
the paper's edition and the map of all editions are computed again), and the paper pages whose related list or
topic changed are counted (the pages Sphinx reads and writes again because of it). Quality: the share of top-5
related papers that have the paper's synthetic topic (``synthetic.topic``; chance is 1 in ``synthetic.TOPICS``).

    python -m dev.topics_bench METADATA [ADDED_PAPER_ID]
"""

from __future__ import annotations

import copy
import importlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dev import synthetic
from dev.scale import goal_line

BUDGET_SIZE = 10_000  # the budget: at most 20 s and 300 MB extra at 10,000 papers, on 2 cores
ADD_ONE_SIZE = 3_000  # and adding a paper costs at most 3 s more at 3,000 papers


def measure(metadata: Path, added: str | None) -> dict[str, float]:
    from proceedings_site.model import load_proceedings
    from proceedings_site.pages.topics import paper_section
    from proceedings_site.topics.analysis import analyse

    # scikit-learn loaded first, as every build loaded it before it was imported only to compute: its memory and
    # import time are not the cost measured
    importlib.import_module("proceedings_site.topics.maps")
    importlib.import_module("proceedings_site.topics.related")

    cache = Path(tempfile.mkdtemp()) / "topics.pickle"
    with_added = load_proceedings(metadata)
    without = copy.deepcopy(with_added)
    for edition in without.editions:
        edition.papers.pop(added or "", None)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    before = analyse(without, cache)
    figures = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "extra_peak_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024,
    }
    pairs = [(paper, n.paper) for paper, ns in before.related.items() for n in ns if paper.startswith("syn")]
    same = sum(synthetic.topic(int(a[3:])) == synthetic.topic(int(b[3:])) for a, b in pairs if b.startswith("syn"))
    figures["quality_top5_same_topic"] = same / len(pairs) if pairs else 0.0
    figures["papers"] = len(before.related)
    if added:
        started = time.perf_counter()
        after = analyse(with_added, cache)
        figures["add_one_seconds"] = time.perf_counter() - started
        changed = 0
        for edition in without.editions:
            for paper_id in edition.papers:
                old = paper_section(without, before, edition, paper_id)
                changed += old != paper_section(with_added, after, with_added.edition(edition.id), paper_id)
        figures["add_one_pages_changed"] = changed
    shutil.rmtree(cache.parent)
    return figures


def run(metadata: Path, added: str | None = None) -> dict[str, float]:
    """``measure`` in a process of its own."""
    command = [sys.executable, "-m", "dev.topics_bench", str(metadata), *([added] if added else [])]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(metadata: Path, added: str, emit: Callable[[str], None], seconds_per_page: float) -> None:
    """The figures of one benchmark size (``seconds_per_page``: of the full build, to price re-read pages)."""
    figures = run(metadata, added)
    emit(
        f"topics_related_and_map_seconds={figures['seconds']:.1f} (cpu {figures['cpu_seconds']:.1f} s; "
        f"{figures['papers']:.0f} papers; budget at {BUDGET_SIZE:,}: 20 s)"
    )
    emit(f"topics_extra_peak_memory_mb={figures['extra_peak_mb']:.0f} (budget at {BUDGET_SIZE:,}: 300 MB)")
    if figures["papers"] >= BUDGET_SIZE:
        budget_goals(figures, emit)
    pages = figures["add_one_pages_changed"]
    added_seconds = figures["add_one_seconds"] + pages * seconds_per_page
    emit(
        f"topics_add_one_paper_added_seconds={added_seconds:.1f} (computed again {figures['add_one_seconds']:.1f} s, "
        f"{pages:.0f} paper pages whose related list or topic changed; budget at 3,000: 3 s)"
    )
    if figures["papers"] == ADD_ONE_SIZE:  # the budget is set at that size
        emit(goal_line("topics_add_one_paper", added_seconds <= 3, f"{added_seconds:.2f} s; <= 3 s"))
    chance = 1 / synthetic.TOPICS
    emit(f"topics_quality_top5_same_topic={figures['quality_top5_same_topic']:.2f} (chance {chance:.2f})")


def report_budget_size(work: Path, emit: Callable[[str], None]) -> None:
    """Related papers and maps at 10,000 papers, on generated metadata only (no site is built)."""
    metadata = synthetic.generate(work / "proceedings", BUDGET_SIZE, seed=BUDGET_SIZE)
    figures = run(metadata)
    emit(
        f"topics_at_{BUDGET_SIZE}_seconds={figures['seconds']:.1f} (cpu {figures['cpu_seconds']:.1f} s; budget 20 s) "
        f"extra_peak_memory_mb={figures['extra_peak_mb']:.0f} (budget 300) "
        f"quality_top5_same_topic={figures['quality_top5_same_topic']:.2f}"
    )
    budget_goals(figures, emit)


def budget_goals(figures: dict[str, float], emit: Callable[[str], None]) -> None:
    """The issue's goals at 10,000 papers: at most 20 s and 300 MB extra."""
    emit(goal_line("topics_at_10000_seconds", figures["seconds"] <= 20, f"{figures['seconds']:.1f} s; <= 20 s"))
    emit(
        goal_line(
            "topics_at_10000_memory", figures["extra_peak_mb"] <= 300, f"{figures['extra_peak_mb']:.0f} MB; <= 300"
        )
    )


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)))
