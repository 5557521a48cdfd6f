"""Rendering pages does not repeat what cannot change during a build (``sphinxext.rendercache``)."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import sphinx.builders.html

from proceedings_site.sphinxext import rendercache


def test_each_static_file_is_looked_up_once_a_build_and_pages_link_its_checksum(sphinx_builder, monkeypatch) -> None:
    lookups: Counter[str] = Counter()
    look_up = rendercache.FILE_CHECKSUM
    assert look_up is not None

    def counted(outdir: Path, filename: str) -> str:
        lookups[str(filename)] += 1
        return look_up(outdir, filename)

    monkeypatch.setattr(rendercache, "FILE_CHECKSUM", counted)
    monkeypatch.setattr(sphinx.builders.html, "_file_checksum", sphinx.builders.html._file_checksum)
    site = sphinx_builder().build()

    pages = list(site.out.rglob("*.html"))
    assert len(pages) > 20
    assert "_static/proceedings.css" in lookups
    assert set(lookups.values()) == {1}
    page = (site.out / "index.html").read_text(encoding="utf-8")
    checksum = re.search(r'href="_static/proceedings\.css\?v=([0-9a-f]{8})"', page)
    stylesheet = (site.out / "_static/proceedings.css").read_bytes().translate(None, b"\r")
    assert checksum is not None and checksum.group(1) == f"{zlib.crc32(stylesheet):08x}"


def test_templates_are_not_checked_for_changes_while_pages_are_written() -> None:
    """A builder without templates (another builder) is left alone."""
    environment = SimpleNamespace(auto_reload=True)
    rendercache.compile_templates_once(
        SimpleNamespace(builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)))
    )
    assert environment.auto_reload is False
    rendercache.compile_templates_once(SimpleNamespace(builder=object()))
