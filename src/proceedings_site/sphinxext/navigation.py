"""A compact sidebar for paper and person pages.

pydata-sphinx-theme's default sidebar lists every sibling page on every page,
which makes the build quadratic in the number of papers. Paper and person pages
are orphans (in no toctree) and get a short list of links instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assembler import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COMPACT_SIDEBAR = ["proceedings-nav.html"]
COMPACT_PAGES = ["*/papers/*", "people/*"]


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", use_compact_sidebar)
    app.connect("html-page-context", add_nav_context)


def use_compact_sidebar(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(Path(__file__).parent / "templates")]
    sidebars = dict(config.html_sidebars)
    for pattern in COMPACT_PAGES:
        sidebars.setdefault(pattern, COMPACT_SIDEBAR)
    config.html_sidebars = sidebars


def add_nav_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    site = site_of(app)
    meta = site.meta.get(pagename) if site else None
    if meta is None or app.builder is None:
        return
    context["proceedings_nav"] = [
        (label, app.builder.get_relative_uri(pagename, docname), docname == pagename) for label, docname in meta.nav
    ]
