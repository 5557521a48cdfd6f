"""Editing metadata files in place for the importers: ruamel.yaml keeps comments and field order, and a change
set is written whole or not at all (every file is put back when the result would not validate)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..model import load_proceedings


def yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=2, offset=0)
    return handler


def load(path: Path) -> Any:
    return yaml().load(path.read_text(encoding="utf-8"))


def dump(data: Any) -> str:
    stream = io.StringIO()
    yaml().dump(data, stream)
    return stream.getvalue()


def plain(value: Any) -> Any:
    """ruamel's commented containers as plain JSON values, for comparison and state files."""
    return json.loads(json.dumps(value, default=str)) if value is not None else None


def get(document: CommentedMap, dotted: str) -> Any:
    node: Any = document
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def put(document: CommentedMap, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node = document
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = CommentedMap()
        node = node[part]
    node[last] = value


def apply(metadata: Path, files: dict[Path, str]) -> list[Path]:
    """Write every changed file, then validate the whole metadata folder; if it does not validate, put every
    file back as it was (new files are removed) and raise the problems. Returns the files written."""
    originals = {path: path.read_text(encoding="utf-8") if path.is_file() else None for path in files}
    written = []
    try:
        for path, text in files.items():
            if originals[path] != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                written.append(path)
        if written:
            load_proceedings(metadata)
    except BaseException:
        for path in written:
            if originals[path] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(originals[path] or "", encoding="utf-8")
        raise
    return written
