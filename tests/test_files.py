"""Generated files are written only when they change (files.py)."""

from __future__ import annotations

from pathlib import Path

from proceedings_site.files import mirror_tree, write_if_changed


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
