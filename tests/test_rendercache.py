"""Rendering pages does not repeat what cannot change during a build (``sphinxext.rendercache``)."""

from __future__ import annotations

import functools
import re
import zlib
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

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
    site = sphinx_builder().build()
    assert sphinx.builders.html._file_checksum is counted  # Sphinx's own lookup is back once the build ends

    pages = list(site.out.rglob("*.html"))
    assert len(pages) > 20
    assert "_static/proceedings.css" in lookups
    assert set(lookups.values()) == {1}
    page = (site.out / "index.html").read_text(encoding="utf-8")
    checksum = re.search(r'href="_static/proceedings\.css\?v=([0-9a-f]{8})"', page)
    stylesheet = (site.out / "_static/proceedings.css").read_bytes().translate(None, b"\r")
    assert checksum is not None and checksum.group(1) == f"{zlib.crc32(stylesheet):08x}"


def test_templates_are_not_checked_for_changes_while_pages_are_written(tmp_path: Path) -> None:
    """Templates are compiled once and kept; a builder without templates (another builder) is left alone."""
    environment = SimpleNamespace(auto_reload=True, bytecode_cache=None)
    builder = SimpleNamespace(templates=SimpleNamespace(environment=environment))
    rendercache.compile_templates_once(SimpleNamespace(builder=builder, doctreedir=tmp_path))
    assert environment.auto_reload is False
    assert environment.bytecode_cache.directory == str(tmp_path / "templates-compiled")
    rendercache.compile_templates_once(SimpleNamespace(builder=object(), doctreedir=tmp_path / "other"))
    assert not (tmp_path / "other").exists()


def test_each_page_makes_its_table_of_contents_once(sphinx_builder, monkeypatch) -> None:
    """The theme makes it to learn whether the secondary sidebar is empty, and again for the page: once here."""
    import pydata_sphinx_theme.toctree

    calls: Counter[str] = Counter()
    add_toctree_functions = pydata_sphinx_theme.toctree.add_toctree_functions

    @functools.wraps(add_toctree_functions)  # the theme's name and module: what the extension looks for
    def counting(app: object, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
        add_toctree_functions(app, pagename, templatename, context, doctree)
        generate_toc_html = context["generate_toc_html"]

        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[pagename] += 1
            return generate_toc_html(*args, **kwargs)

        context["generate_toc_html"] = counted

    monkeypatch.setattr(pydata_sphinx_theme.toctree, "add_toctree_functions", counting)
    site = sphinx_builder().build()

    assert len(calls) > 20 and set(calls.values()) == {1}
    with_toc = [page for page in site.out.rglob("*.html") if 'id="pst-page-toc-nav"' in page.read_text("utf-8")]
    assert with_toc and len(with_toc) < len(calls)  # pages with sections show it, the others have no sidebar


def test_a_later_build_uses_the_compiled_templates_it_kept(sphinx_builder, monkeypatch) -> None:
    import jinja2

    site = sphinx_builder().build()
    assert any((site.doctrees / "templates-compiled").iterdir())
    compiled: list[str | None] = []
    compile_source = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    rewritten = site.path("index.html").stat().st_mtime_ns
    site.build("-a")  # every page written again
    assert site.path("index.html").stat().st_mtime_ns > rewritten
    assert [name for name in compiled if name is not None] == []  # templates from files; strings have no name
