"""The theme and the settings every proceedings site shares, so a site's ``conf.py`` holds only its own values.

The extension supplies pydata-sphinx-theme with the options the generated pages are laid out for, a favicon, the
colour mode that follows the reader's system, the site title from ``project``, no page sources, the 404 page's
address from ``html_baseurl``, and the files Sphinx must not read. Anything ``conf.py`` (or ``-D``) sets wins:
a whole setting, or one key of ``html_theme_options`` and ``html_context``. The compact sidebars of paper and
person pages come from ``navigation.py`` the same way (a site's ``html_sidebars`` pattern wins).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

THEME = "pydata_sphinx_theme"
FAVICON = Path(__file__).parent / "static" / "proceedings-favicon.svg"
THEME_OPTIONS: dict[str, Any] = {
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["theme-version"],
    "navigation_with_keys": True,
    "search_bar_text": "Search papers, people and talks…",  # the theme's says "Search the docs ..."
    "primary_sidebar_end": [],  # the theme's is an empty placeholder for Read the Docs' ads, on every page
    # The theme renders each template of the header, footer and sidebars once more per page, to drop those that
    # come out empty: these never do (the theme's two defaults and those that always write a button or a link).
    "templates_skip_empty_check": [
        "sidebar-nav-bs.html",
        "navbar-nav.html",
        "navbar-logo.html",
        "theme-switcher.html",
        "theme-version.html",
        "search-button-field.html",
        "proceedings-stars-nav.html",
    ],
}
# Set unless conf.py sets them.
SETTINGS: dict[str, Any] = {
    "html_theme": THEME,
    "html_copy_source": False,  # pages are generated: their Markdown is no reader's business
    "html_show_sourcelink": False,
}
# Added to what conf.py lists: the assembler's own files, and the headings of generated pages.
EXCLUDED = ["_build", ".assembled.json", "**/*.md.tmp"]
SUPPRESSED = ["myst.header"]


def setup_theme(app: Sphinx) -> None:
    # Before the other handlers of config-inited, which read the 404 page's prefix and add templates and sidebars.
    app.connect("config-inited", supply_defaults, priority=400)


def set_by_site(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or ``-D`` gave ``name`` a value (Sphinx keeps conf.py's namespace as ``_raw_config``)."""
    raw = getattr(config, "_raw_config", None)
    if raw is None:  # a Sphinx that no longer keeps it: compare with the default instead
        return getattr(config, name) != config.values[name].default
    return name in raw or name in config.overrides


def supply_defaults(app: Sphinx, config: Config) -> None:
    for name, value in SETTINGS.items():
        if not set_by_site(config, name):
            config[name] = value
    if not set_by_site(config, "html_title"):  # Sphinx's default says "… documentation"
        config.html_title = config.project
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)
    # The theme's colour mode: unset, its script logs an error on every page.
    config.html_context = {"default_mode": "auto", **config.html_context}
    if config.html_theme == THEME:  # another theme would warn about options it does not know
        config.html_theme_options = {**THEME_OPTIONS, **config.html_theme_options}
    if not set_by_site(config, "notfound_urls_prefix"):
        config.notfound_urls_prefix = notfound_prefix(config.proceedings_base_url or config.html_baseurl)
    config.exclude_patterns = with_ours(config.exclude_patterns, EXCLUDED)
    config.suppress_warnings = with_ours(config.suppress_warnings, SUPPRESSED)


def with_ours(theirs: list[str], ours: list[str]) -> list[str]:
    return [*theirs, *(item for item in ours if item not in theirs)]


def notfound_prefix(base_url: str) -> str:
    """The 404 page is served at any depth, so its links start from the site's path: ``/proceedings/`` for
    ``https://example.github.io/proceedings/``, ``/`` for a site at a domain's root or with no address yet."""
    path = urlsplit(base_url).path.strip("/")
    return f"/{path}/" if path else "/"
