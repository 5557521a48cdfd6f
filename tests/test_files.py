"""Generated files are written only when they change (files.py)."""

from __future__ import annotations

import os
from pathlib import Path

from proceedings_site.files import copy_changed_files, mirror_tree, write_if_changed


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_write_if_changed_keeps_an_unchanged_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "page.html"
    assert write_if_changed(target, b"one")
    written_at = target.stat().st_mtime_ns
    assert not write_if_changed(target, b"one")
    assert target.stat().st_mtime_ns == written_at
    assert write_if_changed(target, b"two") and target.read_bytes() == b"two"
    assert [path.name for path in target.parent.iterdir()] == ["page.html"]  # no temporary file left


def test_mirror_tree_writes_only_what_differs_and_removes_the_rest(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    for name, data in {"entry.json": b"{2}", "fragment/a": b"a", "fragment/b": b"b2", "index/new": b"n"}.items():
        write_if_changed(source / name, data)
    for name, data in {"entry.json": b"{1}", "fragment/a": b"a", "fragment/b": b"b1", "fragment/old": b"o"}.items():
        write_if_changed(target / name, data)
    unchanged_at = (target / "fragment/a").stat().st_mtime_ns
    assert mirror_tree(source, target, last="entry.json") == 3  # entry.json, fragment/b, index/new
    assert tree(target) == tree(source)
    assert (target / "fragment/a").stat().st_mtime_ns == unchanged_at


def test_mirror_tree_trusts_content_named_files_of_the_same_size(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    write_if_changed(source / "fragment/en_1a2b.pf_fragment", b"new")
    write_if_changed(target / "fragment/en_1a2b.pf_fragment", b"old")  # cannot happen with real content hashes
    write_if_changed(source / "entry.json", b"{}")
    assert mirror_tree(source, target, last="entry.json", named_by_content=(".pf_fragment",)) == 1
    assert (target / "fragment/en_1a2b.pf_fragment").read_bytes() == b"old"  # not even read


def stats(root: Path) -> dict[str, tuple[bytes, int]]:
    return {name: (data, (root / name).stat().st_mtime_ns) for name, data in tree(root).items()}


def test_copy_changed_files_copies_what_differs_in_size_or_time_and_removes_the_rest(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    files = {
        "index.html": b"home",
        "a/kept.html": b"kept",
        "a/changed.html": b"new",
        "b/c/new.html": b"n",
    }
    for name, data in files.items():
        write_if_changed(source / name, data)
    assert copy_changed_files(source, target) == 4  # a copy of everything into a new folder
    assert stats(target) == stats(source)
    os.utime(source / "a/changed.html", ns=(0, 10**18))  # same size, another time: changed
    (source / "index.html").write_bytes(b"home, longer")
    (source / "b/c/new.html").unlink()
    (source / "b/c").rmdir()
    write_if_changed(target / "a/extra.html", b"left by another build")
    write_if_changed(target / "old/deep/folder.html", b"gone")
    kept = (target / "a/kept.html").stat().st_ino
    assert copy_changed_files(source, target) == 2  # index.html and a/changed.html
    assert stats(target) == stats(source)
    assert (target / "a/kept.html").stat().st_ino == kept  # not copied again
    assert sorted(path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_dir()) == ["a", "b"]
    assert copy_changed_files(source, target) == 0


def test_copy_changed_files_handles_a_file_become_a_folder_and_back(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    write_if_changed(source / "x", b"a file")
    write_if_changed(source / "y/inside", b"in a folder")
    write_if_changed(target / "x/inside", b"in a folder")
    write_if_changed(target / "y", b"a file")
    assert copy_changed_files(source, target) == 2
    assert tree(target) == tree(source)


def test_copy_changed_files_never_writes_through_a_hard_link(tmp_path: Path) -> None:
    source, target, elsewhere = tmp_path / "source", tmp_path / "target", tmp_path / "published.html"
    write_if_changed(source / "page.html", b"new page")
    elsewhere.write_bytes(b"the published page")
    target.mkdir()
    os.link(elsewhere, target / "page.html")
    assert copy_changed_files(source, target) == 1
    assert (target / "page.html").read_bytes() == b"new page"
    assert elsewhere.read_bytes() == b"the published page"
