"""Writing generated files: only when their content changed, and never half-written."""

from __future__ import annotations

import os
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


def mirror_tree(source: Path, target: Path, *, last: str) -> int:
    """Make ``target`` hold exactly the files of ``source``, writing only those that are new or differ; return
    how many were written. The file ``last`` (a path relative to both) is written after all others, so a reader
    that finds it finds everything it refers to."""
    wanted = {Path(folder, name).relative_to(source) for folder, _, names in os.walk(source) for name in names}
    written = 0
    for relative in sorted(wanted, key=lambda path: path == Path(last)):
        data = (source / relative).read_bytes()
        written += write_if_changed(target / relative, data)
    for folder, _, names in os.walk(target):
        for name in names:
            path = Path(folder, name)
            if path.relative_to(target) not in wanted:
                path.unlink()
    return written
