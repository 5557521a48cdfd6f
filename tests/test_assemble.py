"""Stage 3: the assembler is deterministic, rewrites only what changed and removes what is gone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble, papers, write_site, writer
from proceedings_site.topics import Topics, analyse

from .metadata_tree import minimal_tree, write


def build_pages(meta: Path, outdir: Path) -> tuple[list[str], list[str]]:
    return write_site(assemble(load_proceedings(meta)).pages, outdir)


def snapshot(folder: Path) -> dict[str, bytes]:
    """The pages, without the manifest: it records when each page was written."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != writer.MANIFEST
    }


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


def test_two_runs_give_byte_identical_files(meta: Path, tmp_path: Path) -> None:
    """In one process; test_determinism.py builds the fixture again under another hash seed."""
    build_pages(meta, tmp_path / "one")
    build_pages(meta, tmp_path / "two")
    first, second = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert first == second
    assert "2030-test/papers/lovelace30a.md" in first and "people/ada-lovelace.md" in first


def test_unchanged_pages_are_not_rewritten(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written, _ = build_pages(meta, out)
    assert "index" in written
    old = 1_000_000_000
    for path in out.rglob("*.md"):
        os.utime(path, (old, old))
    written, removed = build_pages(meta, out)
    assert (written, removed) == ([], [])
    assert all(path.stat().st_mtime == old for path in out.rglob("*.md"))


def test_pages_as_recorded_are_not_read_back_and_pages_edited_by_hand_are_written_again(
    meta: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build_pages(meta, out)
    compared: list[Path] = []
    original = writer.write_if_changed
    monkeypatch.setattr(writer, "write_if_changed", lambda path, data: compared.append(path) or original(path, data))
    assert build_pages(meta, out) == ([], [])
    assert compared == [out / writer.MANIFEST]  # no page was read to be compared
    page = out / "people/ada-lovelace.md"
    page.write_text("edited by hand")
    assert build_pages(meta, out) == (["people/ada-lovelace"], [])
    assert "edited by hand" not in page.read_text()


def test_a_manifest_of_an_older_engine_names_the_pages_without_records(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_pages(meta, out)
    manifest = out / writer.MANIFEST
    manifest.write_text(json.dumps(sorted(json.loads(manifest.read_text()))))  # a list of docnames only
    assert build_pages(meta, out) == ([], [])
    assert isinstance(json.loads(manifest.read_text()), dict)


def test_a_changed_title_rewrites_exactly_the_pages_that_show_it(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_pages(meta, out)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    data = yaml.safe_load(paper.read_text())
    write(paper, data | {"title": "Counting Clouds with Difference Engines"})
    written, _ = build_pages(meta, out)
    assert set(written) == {
        "2030-test/papers/lovelace30a",  # the paper itself
        "2030-test/papers/index",  # the edition's list
        "2030-test/program",  # its spotlight slot
        "papers",  # the list of all editions
        "people/ada-lovelace",  # both authors' pages
        "people/grace-hopper",
        "2030-test/topics",  # the topic maps and their lists: the edition's and all editions'
        "topics",
    }
    assert "Difference Engines" in (out / "people/ada-lovelace.md").read_text()


def test_deleted_paper_and_person_pages_are_removed(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_pages(meta, out)
    write(meta / "people/alan-turing.yaml", {"name": "Alan Turing"})
    build_pages(meta, out)
    assert (out / "people/alan-turing.md").is_file()
    (meta / "people/alan-turing.yaml").unlink()
    (meta / "2030-test/papers/lovelace30a.yaml").unlink()
    program = meta / "2030-test/program.yaml"
    data = yaml.safe_load(program.read_text())
    data["slots"][2]["papers"] = []
    write(program, data)
    _, removed = build_pages(meta, out)
    # and the Topics pages, which a site without papers does not have
    assert set(removed) == {"people/alan-turing", "2030-test/papers/lovelace30a", "2030-test/topics", "topics"}
    assert not (out / "people/alan-turing.md").exists()
    assert not (out / "2030-test/papers/lovelace30a.md").exists()
    assert (out / "2030-test/papers/index.md").is_file()  # the folder still has its index


def test_a_removed_edition_leaves_no_empty_folders(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    second = meta / "2031-test"
    write(
        second / "edition.yaml",
        yaml.safe_load((meta / "2030-test/edition.yaml").read_text()) | {"date": "2031-07-19", "important_dates": []},
    )
    build_pages(meta, out)
    assert (out / "2031-test/papers/index.md").is_file()
    for path in sorted(second.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    second.rmdir()
    build_pages(meta, out)
    assert not (out / "2031-test").exists()


def test_hand_written_pages_are_never_overwritten(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "papers.md").write_text("# My own page\n")
    with pytest.raises(FileExistsError, match="was not written by the assembler"):
        build_pages(meta, out)
    assert snapshot(out) == {"papers.md": b"# My own page\n"}  # nothing else was written either


def test_metadata_text_is_escaped_in_page_sources(meta: Path, tmp_path: Path) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    write(paper, yaml.safe_load(paper.read_text()) | {"title": "Clouds *and* `code` {raw}`html` <b>"})
    pages = assemble(load_proceedings(meta)).pages
    # The paper's own heading is the text role (backticks and % encoded, so the role cannot be closed early) ...
    assert "# {proceedings-text}`Clouds *and* %60code%60 {raw}%60html%60 <b>`" in pages["2030-test/papers/lovelace30a"]
    # ... and elsewhere it is what a reader sees of it, as the label of a link, which the role makes plain text.
    link = "{proceedings-page}`2030-test/papers/lovelace30a Clouds and code rawhtml <b>`"
    assert link in pages["2030-test/program"]


def test_paper_pages_are_drafted_before_the_topics_are_awaited(workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    drafted: list[str] = []
    draft = papers.paper_draft
    monkeypatch.setattr(papers, "paper_draft", lambda *args: drafted.append(args[2]) or draft(*args))
    drafted_when_asked: list[int] = []

    def analysis() -> Topics:
        drafted_when_asked.append(len(drafted))
        return analyse(workshop)

    site = assemble(workshop, analysis=analysis)
    assert drafted_when_asked == [sum(len(edition.papers) for edition in workshop.editions)]
    assert site.pages == assemble(workshop, analysis=analyse(workshop)).pages
    assert any("## Related papers" in source for source in site.pages.values())  # the drafts got their topics
