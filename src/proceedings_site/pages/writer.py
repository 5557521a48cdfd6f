"""Writing the pages: only files whose bytes changed, and removing pages an earlier run wrote that are gone.

An unchanged page keeps its modification time, so Sphinx does not read it again. The assembler owns the pages
named in a manifest, and never overwrites a file it did not write. The manifest also records each page's size,
modification time and digest as written: a page whose file and digest are as recorded is not read back to be
compared (reading 12,000 unchanged pages took a second of every rebuild of a large conference).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..files import write_if_changed

MANIFEST = ".assembled.json"
Record = tuple[int, int, str]  # size, modification time (ns) and digest of a page's file as written


def write_site(pages: dict[str, str], outdir: Path) -> tuple[list[str], list[str]]:
    """Write MyST ``pages`` (docname → source) below ``outdir``; return (written, removed) docnames."""
    manifest_path = outdir / MANIFEST
    previous = _read_manifest(manifest_path)
    foreign = [docname for docname in sorted(pages) if docname not in previous and (outdir / f"{docname}.md").exists()]
    if foreign:  # checked before writing anything, so a refusal leaves the folder as it was
        raise FileExistsError(
            f"{outdir / foreign[0]}.md exists and was not written by the assembler; move it out of the way"
        )
    written, records = [], {}
    for docname, source in sorted(pages.items()):
        data, path = source.encode("utf-8"), f"{outdir}/{docname}.md"
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        record = previous.get(docname)
        if record is None or record[2] != digest or _stat(path) != record[:2]:
            if write_if_changed(Path(path), data):
                written.append(docname)
            size, modified = _stat(path) or (-1, -1)
            record = (size, modified, digest)
        records[docname] = record
    removed = sorted(previous.keys() - pages.keys())
    for docname in removed:
        (outdir / f"{docname}.md").unlink(missing_ok=True)
        _remove_empty_parents(outdir / docname, outdir)
    write_if_changed(manifest_path, json.dumps(records, indent=0, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return written, removed


def _read_manifest(path: Path) -> dict[str, Record | None]:
    """Recorded pages by docname; None for a page named without a record (a manifest of an older engine)."""
    if not path.is_file():
        return {}
    stored = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(stored, list):
        return dict.fromkeys(stored)
    return {docname: (record[0], record[1], record[2]) for docname, record in stored.items()}


def _stat(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _remove_empty_parents(path: Path, stop: Path) -> None:
    for parent in path.parents:
        if parent == stop or not parent.is_relative_to(stop):
            return
        try:
            parent.rmdir()
        except OSError:
            return
