"""Print the mutation score of the last `mutmut run` (`nox -s mutants`), overall and per module."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

KILLED = {"killed", "timeout", "caught by type check"}
SKIPPED = {"skipped", "not checked", "no tests"}


def results() -> list[tuple[str, str]]:
    """(mutant name, status) of every mutant, as `mutmut results --all true` lists them."""
    beside = Path(sys.executable).with_name("mutmut")  # the venv's, also when its bin/ is not on PATH
    command = [str(beside) if beside.is_file() else "mutmut", "results", "--all", "true"]
    listing = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pairs = []
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            pairs.append((name, status))
    return pairs


def module_of(mutant: str) -> str:
    """``proceedings_site.layout.x_paper__mutmut_3`` (or ``….xǁClassǁmethod__mutmut_1``) is in ``…layout``."""
    return re.split(r"\.x[_ǁ]", mutant, maxsplit=1)[0]


def main() -> int:
    pairs = results()
    by_module: dict[str, Counter[str]] = {}
    for name, status in pairs:
        by_module.setdefault(module_of(name), Counter())[status] += 1
    total = Counter(status for _, status in pairs)
    for module, counts in sorted([*by_module.items(), ("all", total)], key=lambda item: item[0] == "all"):
        tested = sum(count for status, count in counts.items() if status not in SKIPPED)
        killed = sum(count for status, count in counts.items() if status in KILLED)
        score = 100 * killed / tested if tested else 0.0
        print(f"{module}: {killed}/{tested} killed ({score:.1f} %), {dict(counts)}")
    stats = Path("mutants/mutmut-cicd-stats.json")
    if stats.is_file():
        print(json.dumps(json.loads(stats.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
