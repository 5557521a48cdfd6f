"""Writing the pages: only files whose bytes changed, and removing pages an earlier run wrote that are gone.

An unchanged page keeps its modification time, so Sphinx does not read it again. The assembler owns the pages
named in a manifest, and never overwrites a file it did not write. The manifest also records each page's size,
modification time and digest as written: a page whose file and digest are as recorded is not read back to be
compared (reading 12,000 unchanged pages took a second of every rebuild of a large conference). With them it
records what each paper's and person's page was made from (``fingerprints``): the next assembly does not make
again a page whose inputs are as recorded and whose file is as written (``Recorded``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from ..files import write_if_changed

MANIFEST = ".assembled.json"
# Size, modification time (ns) and digest of a page's file as written, and what the page was made from ("" if
# not recorded).
Record = tuple[int, int, str, str]


class Recorded:
    """What the last assembly wrote below ``outdir``, to tell which pages need not be made again."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.records = _read_manifest(outdir / MANIFEST)

    def fingerprint(self, docname: str) -> str | None:
        """What the page was made from, if recorded and its file is still as written."""
        record = self.records.get(docname)
        if record is None or not record[3] or _stat(f"{self.outdir}/{docname}.md") != record[:2]:
            return None
        return record[3]


def write_site(
    pages: dict[str, str],
    outdir: Path,
    fingerprints: Mapping[str, str] | None = None,
    recorded: Recorded | None = None,
) -> tuple[list[str], list[str]]:
    """Write MyST ``pages`` (docname → source) below ``outdir``; return (written, removed) docnames.
    ``fingerprints`` (docname → what its page was made from) are recorded; the pages named in them but not in
    ``pages`` were not made (their inputs are as they were) and are kept as ``recorded`` (the manifest as read
    before assembling) has them."""
    fingerprints = fingerprints or {}
    manifest_path = outdir / MANIFEST
    previous = recorded.records if recorded is not None else _read_manifest(manifest_path)
    unmade = fingerprints.keys() - pages.keys()
    if missing := sorted(docname for docname in unmade if previous.get(docname) is None):
        raise ValueError(f"{missing[0]}: not made, and no earlier assembly wrote it")
    foreign = [docname for docname in sorted(pages) if docname not in previous and (outdir / f"{docname}.md").exists()]
    if foreign:  # checked before writing anything, so a refusal leaves the folder as it was
        raise FileExistsError(
            f"{outdir / foreign[0]}.md exists and was not written by the assembler; move it out of the way"
        )
    written, records = [], {}
    for docname in unmade:
        kept = previous[docname]
        assert kept is not None  # checked above
        records[docname] = (*kept[:3], fingerprints[docname])
    for docname, source in sorted(pages.items()):
        data, path = source.encode("utf-8"), f"{outdir}/{docname}.md"
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        record = previous.get(docname)
        if record is None or record[2] != digest or _stat(path) != record[:2]:
            if write_if_changed(Path(path), data):
                written.append(docname)
            size, modified = _stat(path) or (-1, -1)
            record = (size, modified, digest, "")
        records[docname] = (*record[:3], fingerprints.get(docname, ""))
    removed = sorted(previous.keys() - pages.keys() - unmade)
    for docname in removed:
        (outdir / f"{docname}.md").unlink(missing_ok=True)
        _remove_empty_parents(outdir / docname, outdir)
    # Without indentation, which only Python's own (slower) encoder writes: 0.3 s at 12,000 pages.
    manifest = json.dumps(records, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    write_if_changed(manifest_path, manifest.encode("utf-8"))
    return written, removed


def _read_manifest(path: Path) -> dict[str, Record | None]:
    """Recorded pages by docname; None for a page named without a record, and "" for what a page was made from
    when not recorded (manifests of older engines)."""
    if not path.is_file():
        return {}
    stored = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(stored, list):
        return dict.fromkeys(stored)
    return {
        docname: (record[0], record[1], record[2], record[3] if len(record) > 3 else "")
        for docname, record in stored.items()
    }


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
