"""Rendering a page without repeating what cannot change during a build.

Each time a page includes a template (some thirty times a page with pydata-sphinx-theme), Sphinx's template
environment checks whether the template's file changed on disk since it was compiled. Nothing changes templates
during a build, and each build makes a new environment: templates are compiled once and not checked again.
Compiling them is itself a tenth of a second of every build, even one that writes no page but the index
Sphinx always writes: the compiled templates are kept beside the doctrees (Jinja's bytecode cache, which
compiles a template again when its source changed).

Each stylesheet and script a page links carries its file's checksum (``?v=…``). Sphinx keeps the checksum of each
file, but finds the file again, resolving its path on disk, for every link of every page. Static files are
copied before pages are written and not changed after, so the checksum is kept by the file's name for the
build. Together these were a twentieth of writing a page (``py-spy`` on a 300-paper site).

pydata-sphinx-theme makes a page's table of contents (its ``generate_toc_html``: the page's toc parsed with
BeautifulSoup and given the theme's classes) twice: once to learn whether the secondary sidebar would be empty,
and again for the page. That was an eighth of writing a page at 3,000 papers. The theme's listener that adds the
function to each page's context is wrapped so that the page keeps what the first call made.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx.builders.html
from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

# Sphinx's own lookup, as it was before any build wrapped it.
FILE_CHECKSUM = getattr(sphinx.builders.html, "_file_checksum", None)


def setup_rendercache(app: Sphinx) -> None:
    app.connect("builder-inited", compile_templates_once)
    app.connect("builder-inited", keep_asset_checksums)
    app.connect("builder-inited", make_page_toc_once)  # the theme, loaded with the builder, has its listeners
    app.connect("build-finished", forget_asset_checksums)


def compile_templates_once(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None:  # builders that render no templates have none
        return
    environment.auto_reload = False
    compiled = Path(app.doctreedir) / "templates-compiled"
    compiled.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(compiled))


def keep_asset_checksums(app: Sphinx) -> None:
    if FILE_CHECKSUM is None:  # a Sphinx without it: pages link their files as that Sphinx does
        return
    # A cache for each build, as each copies its own static files.
    sphinx.builders.html._file_checksum = cache(FILE_CHECKSUM)  # type: ignore[attr-defined]


def forget_asset_checksums(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx's own lookup back, for a later build in this process (tests, a live preview)."""
    if FILE_CHECKSUM is not None:
        sphinx.builders.html._file_checksum = FILE_CHECKSUM  # type: ignore[attr-defined]


def make_page_toc_once(app: Sphinx) -> None:
    # The theme adds the function just before it checks the sidebar, both at the default priority: no listener
    # of ours can run between the two, so the theme's own listener is wrapped where Sphinx keeps it.
    listeners = app.events.listeners.get("html-page-context", [])
    for index, listener in enumerate(listeners):
        if is_theme_toc_listener(listener.handler):
            listeners[index] = listener._replace(handler=keeping_page_toc(listener.handler))


def is_theme_toc_listener(handler: Callable[..., Any]) -> bool:
    name = (getattr(handler, "__module__", ""), getattr(handler, "__qualname__", ""))
    return name == ("pydata_sphinx_theme.toctree", "add_toctree_functions")


def keeping_page_toc(add_toctree_functions: Callable[..., None]) -> Callable[..., None]:
    def add_functions_keeping_page_toc(
        app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        add_toctree_functions(app, pagename, templatename, context, doctree)
        generate_toc_html = context.get("generate_toc_html")
        if callable(generate_toc_html):
            context["generate_toc_html"] = cache(generate_toc_html)

    return add_functions_keeping_page_toc
