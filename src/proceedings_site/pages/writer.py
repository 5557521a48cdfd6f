"""Writing the pages: only files whose bytes changed, and removing pages an earlier run wrote that are gone.

An unchanged page keeps its modification time, so Sphinx does not read it again. The assembler owns the pages
named in a manifest, and never overwrites a file it did not write.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..files import write_if_changed

MANIFEST = ".assembled.json"


def write_site(pages: dict[str, str], outdir: Path) -> tuple[list[str], list[str]]:
    """Write MyST ``pages`` (docname → source) below ``outdir``; return (written, removed) docnames."""
    manifest_path = outdir / MANIFEST
    previous = set(json.loads(manifest_path.read_text(encoding="utf-8"))) if manifest_path.is_file() else set()
    foreign = [docname for docname in sorted(pages) if docname not in previous and (outdir / f"{docname}.md").exists()]
    if foreign:  # checked before writing anything, so a refusal leaves the folder as it was
        raise FileExistsError(
            f"{outdir / foreign[0]}.md exists and was not written by the assembler; move it out of the way"
        )
    written = [
        docname
        for docname, source in sorted(pages.items())
        if write_if_changed(outdir / f"{docname}.md", source.encode("utf-8"))
    ]
    removed = sorted(previous - pages.keys())
    for docname in removed:
        (outdir / f"{docname}.md").unlink(missing_ok=True)
        _remove_empty_parents(outdir / docname, outdir)
    write_if_changed(manifest_path, json.dumps(sorted(pages), indent=0, ensure_ascii=False).encode("utf-8"))
    return written, removed


def _remove_empty_parents(path: Path, stop: Path) -> None:
    for parent in path.parents:
        if parent == stop or not parent.is_relative_to(stop):
            return
        try:
            parent.rmdir()
        except OSError:
            return
