"""Navigation that stays cheap and correct.

pydata-sphinx-theme's default sidebar lists every sibling page on every page,
which makes the build quadratic in the number of papers. Paper and person pages
are orphans (in no toctree) and get a short list of links instead.

The pages that are in the toctree (editions, programs, keynotes, lists) show
each other's titles in the navbar, sidebar and breadcrumbs, but Sphinx rewrites
only the pages it re-read. When any of them changes, all of them are rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assembler import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

COMPACT_SIDEBAR = ["proceedings-nav.html"]
COMPACT_PAGES = ["*/papers/*", "people/*"]


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", use_compact_sidebar)
    app.connect("html-page-context", add_nav_context)
    app.connect("env-get-outdated", remember_changed_docs)
    app.connect("env-get-updated", rewrite_navigation_pages)


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


def remember_changed_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    app.proceedings_touched_docs = added | changed | removed  # type: ignore[attr-defined]
    return []


def in_toctree(env: BuildEnvironment) -> set[str]:
    return {docname for docname in env.found_docs if not env.metadata.get(docname, {}).get("orphan")}


def rewrite_navigation_pages(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    touched: set[str] = getattr(app, "proceedings_touched_docs", set())
    navigation = in_toctree(env)
    if touched & navigation or touched - env.found_docs:  # a navigation page changed, or a page was removed
        return sorted(navigation)
    return []
