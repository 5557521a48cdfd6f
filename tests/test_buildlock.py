"""One build at a time in a site's doctree folder (``sphinxext.buildlock``)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from proceedings_site.cli import main
from proceedings_site.sphinxext.buildlock import LOCK

from .metadata_tree import minimal_tree

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="builds are locked where the system has fcntl")


@contextmanager
def another_build_holding(lock: Path) -> Iterator[None]:
    """A process that holds the lock, as a build of the same site running meanwhile does."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; "
            f"descriptor = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
            "try: fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
            "except OSError: print('taken', flush=True); sys.exit()\n"
            "print('held', flush=True); time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_a_build_while_another_runs_stops_at_once_in_our_words(sphinx_builder) -> None:
    site = sphinx_builder().build()
    written = {path: path.stat().st_mtime_ns for path in site.root.rglob("*") if path.is_file()}
    with another_build_holding(site.doctrees / LOCK):
        site.build(assert_pass=False)
    assert site.status == 1
    assert f"another build of this site is running: it holds {site.doctrees / LOCK}" in site.output
    assert "Traceback" not in site.output
    assert {path: path.stat().st_mtime_ns for path in site.root.rglob("*") if path.is_file()} == written
    site.build()  # once the other has ended


def test_a_build_that_stopped_early_leaves_the_next_one_free(sphinx_builder) -> None:
    site = sphinx_builder()
    paper = next(site.metadata.glob("*/papers/*.yaml"))
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    paper.write_text(yaml.safe_dump({**record, "track": "no-such-track"}), encoding="utf-8")
    site.build(assert_pass=False)  # stops when the pages are assembled, before the build's end
    assert site.status == 1 and "no-such-track" in site.output
    paper.write_text(yaml.safe_dump(record), encoding="utf-8")
    site.build()
    with another_build_holding(site.doctrees / LOCK):  # this process let it go when its build ended
        pass


def test_proceedings_build_while_another_runs_touches_nothing(
    tmp_path: Path, sphinx_builder, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``proceedings build`` holds the lock around its staging copy too: the second build leaves the first's alone.
    (The output folder given as a relative path, as an organizer types it.)"""
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    monkeypatch.chdir(tmp_path)
    command = ["build", "--metadata", str(meta), "--docs", str(docs), "--out", "html", "-j", "1"]
    assert main(command) == 0
    staging = tmp_path / "html.staging"  # as the running build's copy would be
    staging.mkdir()
    (staging / "index.html").write_text("being built")
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file() and LOCK not in path.name}
    with another_build_holding(tmp_path / "doctrees" / LOCK):
        assert main(command) == 1
    assert "another build of this site is running" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file() and LOCK not in path.name} == (
        before
    )
    staging.joinpath("index.html").unlink()
    staging.rmdir()
    assert main(command) == 0  # once it has ended
