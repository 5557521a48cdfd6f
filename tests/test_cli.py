"""The ``proceedings`` command and plain ``sphinx-build`` on good and bad metadata."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from proceedings_site import building, load
from proceedings_site.cli import main
from proceedings_site.sphinxext import assembler
from proceedings_site.topics import analysis

from .metadata_tree import minimal_tree
from .sitebuild import REPO, WORKSHOP_METADATA


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proceedings_site.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def build_args(meta: Path, docs: Path, out: Path) -> list[str]:
    """``proceedings build`` of the test tree into ``out``, in this process."""
    return ["build", "--metadata", str(meta), "--docs", str(docs), "--out", str(out), "-j", "1"]


def retitle(paper: Path) -> None:
    """An organizer's correction: the paper's title "Counting Clouds" becomes "Counting Rivers"."""
    paper.write_text(paper.read_text().replace("Counting Clouds", "Counting Rivers"))


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


def test_validate_reads_the_files_the_last_build_parsed_and_writes_nothing(
    tmp_path: Path, sphinx_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    out = tmp_path / "docs/_build/html"  # where `proceedings build` builds by default, beside the metadata
    assert main(build_args(meta, docs, out)) == 0
    cache = building.doctree_folder(out) / assembler.METADATA_CACHE
    stored = cache.stat().st_mtime_ns, cache.read_bytes()
    parsed: list[str] = []
    compose = load.yaml.compose
    monkeypatch.setattr(load.yaml, "compose", lambda text, **kw: parsed.append(text) or compose(text, **kw))
    assert main(["validate", "--metadata", str(meta), "--docs", str(docs)]) == 0
    assert parsed == []  # every file as the build parsed it
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    retitle(paper)
    assert main(["validate", "--metadata", str(meta), "--docs", str(docs)]) == 0
    assert len(parsed) == 1 and "Counting Rivers" in parsed[0]
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == stored  # only the build keeps what it parsed


def test_build_refuses_invalid_metadata_and_keeps_the_previous_site(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src  # a private copy of the hand-written sources
    out = tmp_path / "html"
    assert main(build_args(meta, docs, out)) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert out / "2030-test/papers/lovelace30a.html" in before
    break_paper(meta)
    assert main(build_args(meta, docs, out)) == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "html.staging").exists()


def test_build_keeps_the_site_it_replaced_as_its_next_staging_copy(tmp_path: Path, sphinx_builder) -> None:
    """The site a build replaces is the next build's staging copy: brought up to date with the files the build
    changed instead of copied whole, and then built like a fresh copy would be."""
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    out, staging = tmp_path / "html", tmp_path / "html.staging"
    build = build_args(meta, docs, out)
    page = "2030-test/papers/lovelace30a.html"
    assert main(build) == 0
    assert not staging.exists()  # nothing was replaced
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    retitle(paper)
    assert main(build) == 0
    assert "Counting Rivers" in (out / page).read_text()
    assert "Counting Clouds" in (staging / page).read_text()  # the site before
    (staging / "left-over.html").write_text("not part of the site")
    assert main(build) == 0  # nothing changed: Sphinx writes no page, so the copy must have been brought up to date
    assert "Counting Rivers" in (out / page).read_text()
    assert not (out / "left-over.html").exists()
    assert {p.relative_to(out) for p in out.rglob("*")} == {p.relative_to(staging) for p in staging.rglob("*")}


def test_build_finishes_the_swap_of_a_build_killed_between_its_renames(
    tmp_path: Path, sphinx_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed after moving the published site aside, before putting its own in place, had succeeded: the
    next build publishes that site whole. It used to delete the moved site and write only the pages its
    environment found outdated into an empty folder."""
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    out, staging = tmp_path / "html", tmp_path / "html.staging"
    build = build_args(meta, docs, out)
    page = "2030-test/papers/lovelace30a.html"
    assert main(build) == 0
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    retitle(paper)

    def killed_after_the_first_rename(staging: Path, out: Path) -> None:
        out.rename(building.replaced_site(out))

    monkeypatch.setattr(building, "swap_in", killed_after_the_first_rename)
    assert main(build) == 0
    assert not out.exists() and "Counting Rivers" in (staging / page).read_text()
    monkeypatch.undo()
    built = {p.relative_to(staging): p.read_bytes() for p in staging.rglob("*") if p.is_file()}
    assert main(build) == 0  # nothing changed since the killed build: Sphinx writes no page
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == built
    assert not building.replaced_site(out).exists()


@pytest.mark.parametrize(
    ("left", "published", "staged"),
    [
        ({"previous": "old", "staging": "new"}, "new", "old"),  # killed between the two renames
        ({"previous": "old", "out": "new"}, "new", "old"),  # killed before the last rename
        ({"previous": "old"}, "old", None),
        ({"previous": "old", "out": "new", "staging": "other"}, "new", "other"),
        ({"out": "new", "staging": "old"}, "new", "old"),  # a swap that finished: nothing to do
    ],
)
def test_finish_interrupted_swap(tmp_path: Path, left: dict[str, str], published: str, staged: str | None) -> None:
    out, staging = tmp_path / "html", tmp_path / "html.staging"
    folders = {"out": out, "staging": staging, "previous": building.replaced_site(out)}
    for name, site in left.items():
        (folders[name] / "index.html").parent.mkdir()
        (folders[name] / "index.html").write_text(site)
    building.finish_interrupted_swap(staging, out)
    assert (out / "index.html").read_text() == published
    assert (staging / "index.html").read_text() == staged if staged else not staging.exists()
    assert not folders["previous"].exists()


def test_build_loads_the_metadata_once_unless_it_changes_meanwhile(
    tmp_path: Path, sphinx_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sphinx takes the model that ``proceedings build`` validated, but not when a file changed since."""
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    out = tmp_path / "html"
    build = build_args(meta, docs, out)
    loads: list[Path] = []
    load = assembler.load_proceedings
    monkeypatch.setattr(assembler, "load_proceedings", lambda *args: loads.append(args[0]) or load(*args))
    assert main(build) == 0
    assert loads == []
    assert (tmp_path / "doctrees" / assembler.METADATA_CACHE).is_file()  # the next validation parses nothing again
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    hand_over = building.hand_over

    def edit_after_validation(*args: object) -> None:
        hand_over(*args)
        retitle(paper)

    monkeypatch.setattr(building, "hand_over", edit_after_validation)
    assert main(build) == 0
    assert loads == [meta.resolve()]
    assert "Counting Rivers" in (out / "2030-test/papers/lovelace30a.html").read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the topics' helper is a forked process")
def test_build_hands_the_topics_helper_it_started_ahead_to_sphinx(
    tmp_path: Path, sphinx_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``proceedings build`` starts the topics' helper before validating the metadata; Sphinx takes that one
    instead of starting another, and when nothing changed the helper is ended unused."""
    started: list[analysis.Helper] = []

    class Counted(analysis.Helper):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(analysis, "Helper", Counted)
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src
    build = build_args(meta, docs, tmp_path / "html")
    assert main(build) == 0
    assert len(started) == 1
    assert started[0].process.exitcode == 0  # it computed the topics
    assert main(build) == 0  # nothing changed
    assert len(started) == 2
    assert started[1].process.exitcode == -signal.SIGKILL  # ended unused
    assert analysis._AHEAD == []


def test_build_that_fails_in_sphinx_keeps_the_previous_site(
    tmp_path: Path, capsys: pytest.CaptureFixture, sphinx_builder
) -> None:
    meta = minimal_tree(tmp_path)
    docs = sphinx_builder(meta).src  # a private copy of the hand-written sources
    out = tmp_path / "html"
    assert main(build_args(meta, docs, out)) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (docs / "about.md").write_text("# About\n\n[broken](missing.md)\n")  # a warning, so -W fails the build
    assert main(build_args(meta, docs, out)) != 0
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
