"""Navigation that stays cheap and correct.

pydata-sphinx-theme's default sidebar lists every sibling page on every page,
which makes the build quadratic in the number of papers. Paper and person pages
are orphans (in no toctree) and get a short list of links instead.

The pages that are in the toctree (editions, programs, keynotes, lists) show
each other's titles in the navbar, sidebar and breadcrumbs, but Sphinx rewrites
only the pages it re-read. When a title or the toctree changes, all of them are
rewritten. Breadcrumbs come from each page's ``PageMeta.trail``, not from the toctree, so orphans
have them too. Top-level pages with no pages under them (the list of all papers, the
about page) get no primary sidebar: the theme would show its "Section Navigation"
heading over nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import layout
from .assembler import site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

COMPACT_SIDEBAR = ["proceedings-nav.html"]


def setup_navigation(app: Sphinx) -> None:
    app.connect("config-inited", use_compact_sidebar)
    app.connect("html-page-context", add_nav_context)
    app.connect("env-get-outdated", remember_navigation)
    app.connect("env-get-updated", rewrite_navigation_pages)


def use_compact_sidebar(app: Sphinx, config: Config) -> None:
    config.templates_path = [*config.templates_path, str(Path(__file__).parent / "templates")]
    sidebars = dict(config.html_sidebars)
    for pattern in layout.COMPACT_PAGES:
        sidebars.setdefault(pattern, COMPACT_SIDEBAR)
    config.html_sidebars = sidebars


def add_nav_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    sidebars = [name.removesuffix(".html") for name in context.get("sidebars") or []]
    if "sidebar-nav-bs" in sidebars and has_empty_section(app.env, pagename):
        context["sidebars"] = []  # the theme's section navigation would be a heading over nothing
    site = site_of(app)
    meta = site.meta.get(pagename) if site else None
    if meta is None or app.builder is None:
        return
    context["proceedings_nav"] = [
        (label, app.builder.get_relative_uri(pagename, docname), docname == pagename) for label, docname in meta.nav
    ]
    if meta.trail:  # the theme's breadcrumbs show ``parents``, whose titles it takes as HTML
        context["parents"] = [
            {"link": app.builder.get_relative_uri(pagename, docname), "title": escape(label)}
            for label, docname in meta.trail
        ]


def has_empty_section(env: BuildEnvironment, pagename: str) -> bool:
    """A top-level page without pages under it (the list of all papers, the about page)."""
    top_level = env.toctree_includes.get(env.config.root_doc, ())
    return pagename in top_level and not env.toctree_includes.get(pagename)


def navigation_shape(env: BuildEnvironment) -> dict[str, tuple[str, tuple[str, ...]]]:
    """What other pages show of the toctree pages: each one's title and children."""
    return {
        docname: (
            env.titles[docname].astext() if docname in env.titles else "",
            tuple(env.toctree_includes.get(docname, ())),
        )
        for docname in in_toctree(env)
    }


def remember_navigation(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    _SHAPES[str(app.srcdir)] = navigation_shape(env)  # before Sphinx reads the changed pages
    return []


def in_toctree(env: BuildEnvironment) -> set[str]:
    # Documents read so far: before reading, a page just added has no metadata yet and would look like a
    # toctree page without a title, so adding one orphan paper would rewrite every navigation page.
    return {docname for docname in env.all_docs if not env.metadata.get(docname, {}).get("orphan")}


def rewrite_navigation_pages(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Rewrite every toctree page when a title or the toctree changed; adding a paper changes neither."""
    before = _SHAPES.pop(str(app.srcdir), None)
    after = navigation_shape(env)
    return sorted(after) if before is not None and before != after else []


_SHAPES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}  # by source folder, for the build under way
