"""Throughput of the text format on hostile text (issue 14): ``python dev/textformat_bench.py [BYTES]``.

Formats ``size_bytes`` of hostile abstracts (deep braces, runs of dollar signs and backticks, unclosed emphasis,
unknown commands, many small formulas, HTML that is refused) into nodes, plain text and TeX, and the same text
twice over, so that the ratio of the two times shows whether the cost stays linear (about 2). Not a timed test:
its figures go with the benchmark's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from proceedings_site import textformat
from proceedings_site.textformat import math

# Each piece is at most one abstract long (10,000 characters), as the model allows.
PIECES = [
    "{" * 4000 + "x" + "}" * 4000,
    "$" * 9000,
    "*a _b " * 1500,
    "`" * 3000 + "``x" * 1000,
    r"\geotiff\def\a{\a}\a \href{javascript:x}{y} " * 200,
    r"$x_{%d}^{\circ}$ and $\ell_%d$ " * 250,
    '<a href="javascript:x">a</a><img src=x onerror=y><em>e</em><math><maction>m</maction></math> ' * 100,
    "[" * 3000 + "](https://example.org/)" * 100,
    "\\(" * 3000 + "\\)" * 10,
    r"Ru{\ss}wurm Cornu{\'e}jols Gan{\c{c}}arski ``quoted'' 6--15\% " * 120,
]


def hostile_text(size_bytes: int) -> list[str]:
    """Abstracts adding up to ``size_bytes`` of UTF-8, distinct so that no conversion cache hides the cost."""
    abstracts, total, serial = [], 0, 0
    while total < size_bytes:
        piece = PIECES[serial % len(PIECES)]
        if "%d" in piece:
            piece = piece.replace("%d", str(serial))
        abstracts.append(piece)
        total += len(piece.encode())
        serial += 1
    return abstracts


def format_all(abstracts: list[str]) -> float:
    math.convert.cache_clear()
    start = time.perf_counter()
    for abstract in abstracts:
        textformat.nodes(abstract)
        textformat.plain(abstract)
        textformat.tex(abstract)
    return time.perf_counter() - start


def measure(size_bytes: int = 1_000_000) -> dict[str, float]:
    """``textformat_mb_per_s``: hostile MB formatted (nodes, plain text and TeX) per second;
    ``textformat_linearity``: the time for twice the text over the time for it (2 is linear)."""
    once = format_all(hostile_text(size_bytes))
    twice = format_all(hostile_text(2 * size_bytes))
    return {
        "textformat_mb_per_s": round(size_bytes / 1e6 / once, 3),
        "textformat_seconds": round(once, 3),
        "textformat_linearity": round(twice / once, 2),
    }


if __name__ == "__main__":
    for key, value in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000).items():
        print(f"{key}={value}")
