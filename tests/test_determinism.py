"""The same metadata builds the same site in any process: byte-identical HTML and exports, whatever Python's hash
seed (set orders and string hashes change with ``PYTHONHASHSEED``; nothing we write may follow them).

The session's build of the fixture workshop runs in this process, under its own hash seed; a second build runs in
a fresh process under another one. Left out of the comparison, as documented in the README: Pagefind's index
chunks, whose file names are content hashes Pagefind picks (the search itself is checked in the browser tests),
and Sphinx's ``.buildinfo``, which holds a digest of the configuration, build folder included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .sitebuild import REPO, WORKSHOP_METADATA, SphinxBuilder

LEFT_OUT = {".buildinfo"}


def other_seed() -> str:
    """A hash seed other than this process's: 0 turns randomization off, unless this process already runs so."""
    return "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"


def in_fresh_process(code: str, seed: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )


BUILD = """
import sys
from pathlib import Path
from tests.sitebuild import SphinxBuilder
SphinxBuilder(Path(sys.argv[1]), Path(sys.argv[2])).build()
"""


def compared(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if path.is_file() and relative.parts[0] != "pagefind" and relative.name not in LEFT_OUT:
            files[relative.as_posix()] = path.read_bytes()
    return files


def test_a_build_under_another_hash_seed_writes_the_same_bytes(workshop_site: SphinxBuilder, tmp_path: Path) -> None:
    result = in_fresh_process(BUILD, other_seed(), str(tmp_path / "again"), str(WORKSHOP_METADATA))
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = compared(workshop_site.out), compared(tmp_path / "again/html")
    assert sorted(first) == sorted(second)
    assert any(name.endswith(".bib") for name in first) and any(name.endswith(".ics") for name in first)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    pagefind = sorted((workshop_site.out / "pagefind").rglob("*"))
    assert len(pagefind) == len(sorted((tmp_path / "again/html/pagefind").rglob("*")))  # same index, chunk for chunk
