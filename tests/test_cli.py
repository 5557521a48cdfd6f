"""The ``proceedings`` command and plain ``sphinx-build`` on good and bad metadata."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from proceedings_site.cli import main

from .metadata_tree import minimal_tree
from .sitebuild import REPO, WORKSHOP_METADATA


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proceedings_site.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def break_paper(meta: Path) -> Path:
    """Two problems in two files: a wrong track in the paper, an unknown speaker in the keynote."""
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text().replace("track: long", "track: medium"))
    keynote = meta / "2030-test/keynotes/grace-hopper.yaml"
    keynote.write_text(keynote.read_text().replace("speaker: grace-hopper", "speaker: grace-hoper"))
    return paper


def test_validate_accepts_the_fixture_workshop(workshop) -> None:
    result = run_cli("validate", "--metadata", str(WORKSHOP_METADATA))
    assert result.returncode == 0, result.stderr
    papers = sum(len(edition.papers) for edition in workshop.editions)
    assert f"{len(workshop.editions)} editions, {papers} papers, {len(workshop.people)} people" in result.stdout


def test_validate_reports_every_problem_with_file_line_field(tmp_path: Path) -> None:
    meta = break_paper(minimal_tree(tmp_path)).parents[2]
    result = run_cli("validate", "--metadata", str(meta), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert "proceedings/2030-test/keynotes/grace-hopper.yaml:1: speaker: unknown person 'grace-hoper'" in lines
    assert "    hint: did you mean 'grace-hopper'?" in lines
    assert any(line.startswith("proceedings/2030-test/papers/lovelace30a.yaml:6: track: ") for line in lines)
    assert lines[-1] == "2 problems in the metadata."


def test_build_refuses_invalid_metadata_and_keeps_the_previous_site(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src  # a private copy of the hand-written sources
    out = tmp_path / "html"
    assert main(["build", "--metadata", str(meta), "--docs", str(docs), "--out", str(out), "-j", "1"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert out / "2030-test/papers/lovelace30a.html" in before
    break_paper(meta)
    assert main(["build", "--metadata", str(meta), "--docs", str(docs), "--out", str(out), "-j", "1"]) == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "html.staging").exists()


def test_build_that_fails_in_sphinx_keeps_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture, sphinx_builder
) -> None:
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src  # a private copy of the hand-written sources
    out = tmp_path / "html"
    assert main(["build", "--metadata", str(meta), "--docs", str(docs), "--out", str(out), "-j", "1"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (docs / "about.md").write_text("# About\n\n[broken](missing.md)\n")  # a warning, so -W fails the build
    assert main(["build", "--metadata", str(meta), "--docs", str(docs), "--out", str(out), "-j", "1"]) != 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert f"the previous site in {out} is unchanged" in capsys.readouterr().err


def test_plain_sphinx_build_reports_bad_metadata_without_a_traceback(tmp_path: Path, sphinx_builder) -> None:
    meta = break_paper(minimal_tree(tmp_path)).parents[2]
    site = sphinx_builder(meta).build(assert_pass=False)
    srcdir, output = site.src, site.output
    assert site.status == 1
    assert "proceedings/2030-test/keynotes/grace-hopper.yaml:1: speaker: unknown person 'grace-hoper'" in output
    assert "proceedings/2030-test/papers/lovelace30a.yaml:6: track: " in output
    assert "Traceback" not in output
    assert not (site.out / "index.html").exists()
    assert not (srcdir / "index.md").exists(), "no page may be assembled from invalid metadata"
