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
