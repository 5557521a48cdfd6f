"""Writing generated files: only when their content changed, and never half-written."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; return whether it wrote.

    An unchanged file keeps its modification time, so Sphinx and readers' caches see no change. The new content
    goes to a temporary file first and replaces the old one in one step: a crash never leaves a truncated file.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def write_pickled(path: Path, *objects: object) -> None:
    """Pickle ``objects`` one after another into ``path``, streamed (tens of megabytes for a large conference, so
    not compared as ``write_if_changed`` does), through a temporary file that replaces it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp")
    with temporary.open("wb") as out:
        for item in objects:
            pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def mirror_tree(source: Path, target: Path, *, last: str, named_by_content: tuple[str, ...] = ()) -> int:
    """Make ``target`` hold exactly the files of ``source``, writing only those that are new or differ; return
    how many were written. The file ``last`` (a path relative to both) is written after all others, so a reader
    that finds it finds everything it refers to. Files whose name ends with one of ``named_by_content`` are
    named after their content: one of the same name and size is taken as the same, without reading either."""
    wanted = sorted(_relative_files(source), key=lambda name: name == last)
    existing = set(_relative_files(target))
    written = 0
    for name in wanted:
        here, there = os.path.join(source, name), os.path.join(target, name)
        if name in existing and name.endswith(named_by_content) and os.path.getsize(here) == os.path.getsize(there):
            continue
        with open(here, "rb") as file:
            written += write_if_changed(Path(there), file.read())
    for name in existing.difference(wanted):
        os.unlink(os.path.join(target, name))
    return written


def copy_changed_files(source: Path, target: Path) -> int:
    """Make ``target`` a copy of ``source`` by copying only the files whose size or modification time differ and
    removing what ``source`` lacks, as rsync does by default; return how many files were copied. Copies keep
    their modification time, so a file copied once is skipped the next time. A changed file is removed before
    it is copied again: a file that shared its data with another (a hard link) is never written through."""
    wanted, wanted_folders = _tree(source)
    target.mkdir(parents=True, exist_ok=True)
    present, present_folders = _tree(target)
    for name, stats in present.items():
        if wanted.get(name) != stats:
            os.unlink(os.path.join(target, name))
    for folder in sorted(present_folders - wanted_folders, reverse=True):  # emptied above; deepest first
        os.rmdir(os.path.join(target, folder))
    for folder in sorted(wanted_folders - present_folders):
        os.makedirs(os.path.join(target, folder), exist_ok=True)
    copied = 0
    for name, stats in wanted.items():
        if present.get(name) != stats:
            shutil.copy2(os.path.join(source, name), os.path.join(target, name), follow_symlinks=False)
            copied += 1
    return copied


def _tree(root: Path) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Every file under ``root`` (a symbolic link as itself) by its path from ``root``, with its size and
    modification time in nanoseconds; and every folder under it."""
    files: dict[str, tuple[int, int]] = {}
    folders: set[str] = set()
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(root, relative)) as entries:
            for entry in entries:
                name = os.path.join(relative, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    pending.append(name)
                else:
                    stat = entry.stat(follow_symlinks=False)
                    files[name] = (stat.st_size, stat.st_mtime_ns)
    return files, folders


def _relative_files(root: Path) -> list[str]:
    start = len(os.path.join(root, ""))
    return [os.path.join(folder, name)[start:] for folder, _, names in os.walk(root) for name in names]


def files_digest(root: Path, paths: Iterable[Path]) -> str:
    """Of some files' names (relative to ``root``) and contents: code or templates whose change makes a cache
    stale."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_stats(root: Path) -> Iterator[tuple[str, bytes]]:
    """Each file under ``root``, in a fixed order, as (its folder relative to ``root``, a line of its name, size
    and modification time): how Sphinx tells a changed source, for digests of inputs."""
    for folder, folders, files in os.walk(root):
        folders.sort()
        relative = os.path.relpath(folder, root)
        for name in sorted(files):
            found = os.stat(os.path.join(folder, name))
            line = f"{relative}/{name}\0{found.st_size}\0{found.st_mtime_ns}\n"
            yield relative, line.encode("utf-8", "surrogateescape")


def folder_digests(root: Path) -> dict[str, str]:
    """A digest of ``file_stats`` for each top-level folder of ``root`` (``"."``: the files at its top)."""
    digests: dict[str, hashlib.blake2b] = {}
    for folder, line in file_stats(root):
        top = folder.split(os.sep)[0]
        digests.setdefault(top, hashlib.blake2b(digest_size=16)).update(line)
    return {top: digest.hexdigest() for top, digest in digests.items()}
