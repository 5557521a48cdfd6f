"""JSON Schemas of the metadata files, generated from the model, and the editor header that points at them.

Each metadata file starts with ``# yaml-language-server: $schema=<relative path>``, so editors with the YAML
language server (VS Code's YAML extension, Neovim, Helix…) complete and check fields while people type.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from pydantic import BaseModel

from ..files import write_if_changed
from ..model import EditionFile, Keynote, Panel, Paper, Person, ProgramFile, SiteFile

SCHEMA_DIR = "schemas"
MODELS: dict[str, type[BaseModel]] = {
    "site": SiteFile,
    "person": Person,
    "edition": EditionFile,
    "program": ProgramFile,
    "keynote": Keynote,
    "panel": Panel,
    "paper": Paper,
}
HEADER_PREFIX = "# yaml-language-server: $schema="


def schema_text(kind: str) -> str:
    document = MODELS[kind].model_json_schema()
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Proceedings site: {kind} file",
        **document,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def kind_of(path: Path, metadata: Path) -> str | None:
    """Which schema a metadata file follows, from where it sits."""
    parts = path.relative_to(metadata).parts
    if parts == ("site.yaml",):
        return "site"
    if parts[0] == "people" and len(parts) == 2:
        return "person"
    if len(parts) == 2 and parts[1] in ("edition.yaml", "program.yaml"):
        return parts[1].removesuffix(".yaml")
    if len(parts) == 3 and parts[1] in ("keynotes", "panels", "papers"):
        return parts[1].removesuffix("s")
    return None


def header(path: Path, metadata: Path, kind: str) -> str:
    schema = metadata.parent / SCHEMA_DIR / f"{kind}.schema.json"
    relative = posixpath.relpath(schema.as_posix(), path.parent.as_posix())
    return f"{HEADER_PREFIX}{relative}"


def with_header(text: str, expected: str) -> str:
    """``text`` starting with the header line, replacing an outdated one."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(HEADER_PREFIX):
        lines = lines[1:]
    return f"{expected}\n" + "".join(lines)


def write_schemas(metadata: Path) -> list[Path]:
    """Write the schemas next to the metadata folder and add or fix every file's header; return what changed."""
    changed = []
    folder = metadata.parent / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    for kind in MODELS:
        target = folder / f"{kind}.schema.json"
        if write_if_changed(target, schema_text(kind).encode("utf-8")):
            changed.append(target)
    for path in sorted(metadata.rglob("*.yaml")):
        kind = kind_of(path, metadata)
        if kind is None:
            continue
        text = path.read_text(encoding="utf-8")
        fixed = with_header(text, header(path, metadata, kind))
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            changed.append(path)
    return changed
