"""The benchmark's floor: plain Sphinx must build the same pages, lists included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dev.bench import plain_copy

from .htmlpage import parse
from .metadata_tree import minimal_tree

LIST_PAGES = ("2030-test/papers/index.html", "papers.html", "people/index.html")


def entries(page: Path, content: str) -> list[str]:
    """The list entries in the page's own content (``content``: the theme's selector for it)."""
    return [item.get_text(" ", strip=True) for item in parse.__wrapped__(page).select(f"{content} li")]


def test_the_floor_shows_the_same_list_entries_as_our_build(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    site = sphinx_builder(meta).build()
    srcdir, out = site.src, site.out
    plain_src, plain_out = tmp_path / "plain-src", tmp_path / "plain-html"
    plain_copy(srcdir, plain_src, meta)
    assert not any("-list}" in page.read_text(encoding="utf-8") for page in plain_src.rglob("*.md"))
    build = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(plain_src), str(plain_out)]
    assert subprocess.run(build, capture_output=True, check=False).returncode == 0
    for page in LIST_PAGES:
        ours = entries(out / page, "article.bd-article")
        assert ours and entries(plain_out / page, "div.body") == ours, page


@pytest.mark.browser("dev.bench starts Chromium to measure what a search downloads")
def test_the_benchmark_runs_end_to_end_at_a_tiny_size() -> None:
    """`nox -s bench` runs this module; a tiny run keeps it from breaking unnoticed (its figures are not checked:
    speed targets live in the benchmark, never in tests)."""
    repo = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "dev.bench", "3", "6", "--hostile-bytes", "20000", "--many-authors", "2", "6"]
    command += ["--search-bundle-pages", "10"]  # the search index in bundles, as a large site has it
    command += ["--floor-up-to", "3"]  # as `300 3000 10000 --floor-up-to 3000` skips the floor at 10,000
    run = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    figures = dict(
        line.split("=", 1) for line in run.stdout.splitlines() if "=" in line and " " not in line.split("=")[0]
    )
    expected = {
        "ratio_vs_plain_sphinx",
        "textformat_mb_per_s",
        "textformat_linearity",
        "many_authors_time_ratio_6_vs_2",
    }
    assert expected <= figures.keys(), run.stdout
    assert figures["ratio_vs_plain_sphinx"].endswith(" (at 3 papers)"), run.stdout
    assert run.stdout.count("plain_sphinx_seconds=skipped") == 1, run.stdout


def test_goal_lines_judge_the_figures_against_their_goals(tmp_path: Path) -> None:
    from dev import scale, topics_bench
    from dev.pageweight import Visit

    (tmp_path / "index.html").write_text("x" * 1000)
    run = scale.Run(seconds=100.0, peak_mb=2100.0)
    weights = {"topics": Visit(sent_bytes=150 * 1024), "all topics": Visit(sent_bytes=250 * 1024)}
    lines = scale.goals(3000, run, scale.Run(1.0, 1.0), scale.Run(4.0, 1.0), tmp_path, weights, None)
    assert "goal_peak_memory=NOT met (2100 MB; <= 2000 MB)" in lines
    assert "goal_first_visit_topics=met (150 KB gzip; <= 200)" in lines
    assert "goal_first_visit_all_topics=NOT met (250 KB gzip; <= 200)" in lines
    assert "goal_add_one_paper=met (4.0%; <= 5 %)" in lines
    shown: list[str] = []
    topics_bench.budget_goals({"seconds": 21.0, "extra_peak_mb": 250.0}, shown.append)
    assert shown == [
        "goal_topics_at_10000_seconds=NOT met (21.0 s; <= 20 s)",
        "goal_topics_at_10000_memory=met (250 MB; <= 300)",
    ]
