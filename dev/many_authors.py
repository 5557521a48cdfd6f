"""The "many authors" figure of the benchmark: a paper by 30 authors, then by 3,000, built as ``nox -s docs``
builds (parallel Sphinx, warnings are errors).

Physics and genomics papers have over a thousand authors; the build must stay linear in them (issue 26). Both
sites are the same small synthetic workshop and the same 3,000 extra people (so both build the same pages); only
the one paper's author list differs. Each author's page names the paper, so a build whose person pages listed
every co-author did 3,000 × 3,000 links' work here. ``many_authors_time_ratio`` is the build time with the large
author list over the build time with the small one.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import yaml

from dev import synthetic


class Timed(Protocol):
    """What the benchmark's ``measure`` returns."""

    seconds: float
    peak_mb: float


DOCS = Path(__file__).resolve().parents[1] / "docs"
COUNTS = (30, 3000)


def site_with_paper(work: Path, authors: int, people_count: int) -> Path:
    """A synthetic site of twelve papers and ``people_count`` more people, with one paper by the first ``authors``
    of them; return its metadata folder."""
    metadata = synthetic.generate(work / "proceedings", 12, seed=26)
    people = [f"many{index:05d}" for index in range(people_count)]
    for index, person_id in enumerate(people):
        name = f"{synthetic.FIRST[index % len(synthetic.FIRST)]} Coauthor{index:05d}"
        document = {"name": name, "affiliations": [f"Collaboration Lab {index % 40}"]}
        (metadata / "people" / f"{person_id}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))
    synthetic.add_paper(metadata, "2031-syn", "many31a", people[:authors], f"A detector paper by {authors} authors")
    return metadata


def build_command(metadata: Path, srcdir: Path, outdir: Path) -> list[str]:
    srcdir.mkdir(parents=True, exist_ok=True)
    for name in ("conf.py", "about.md"):
        shutil.copy2(DOCS / name, srcdir / name)
    options = ["-W", "--keep-going", "-D", f"proceedings_metadata_dir={metadata}"]
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "auto", *options, str(srcdir), str(outdir)]


def measure(
    work: Path,
    emit: Callable[[str], None],
    runner: Callable[[list[str], Path], Timed],
    counts: tuple[int, ...] = COUNTS,
) -> None:
    """Build each site with ``runner`` (the benchmark's ``measure``: seconds and peak memory) and emit the figures."""
    small, large = counts
    seconds: dict[int, float] = {}
    for authors in counts:
        folder = work / f"authors-{authors}"
        shutil.rmtree(folder, ignore_errors=True)
        metadata = site_with_paper(folder, authors, large)
        outdir = folder / "html"
        run = runner(build_command(metadata, folder / "docs", outdir), folder / "build.log")
        page = outdir / "2031-syn" / "papers" / "many31a.html"
        total = sum(path.stat().st_size for path in outdir.rglob("*") if path.is_file())
        seconds[authors] = run.seconds
        emit(
            f"many_authors_{authors}_build_seconds={run.seconds:.1f} (peak {run.peak_mb:.0f} MB, "
            f"paper page {page.stat().st_size / 1024:.0f} KB, site {total / 2**20:.1f} MB)"
        )
    ratio = f"{seconds[large] / seconds[small]:.2f} (author ratio {large / small:g})"
    emit(f"many_authors_time_ratio_{large}_vs_{small}={ratio}")
