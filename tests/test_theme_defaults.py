"""The extension supplies the theme and its settings: a site's conf.py holds only its own values, and can override
each of them."""

from __future__ import annotations

from pathlib import Path

from sphinx.config import Config

from proceedings_site.sphinxext.theme import supply_defaults

from .htmlpage import parse
from .metadata_tree import minimal_tree

SITE_ONLY = """
project = "Test Workshop proceedings"
author = copyright = "Test organizers"
extensions = ["proceedings_site.sphinxext"]
"""
OVERRIDES = """
html_theme_options = {"navbar_align": "right"}
html_context = {"default_mode": "dark"}
html_favicon = "https://example.org/icon.svg"
html_title = "Test (draft)"
html_baseurl = "https://example.org/tests/"
html_sidebars = {"people/*": []}
"""


def build(tmp_path: Path, sphinx_builder, conf: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(conf, encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nA test site.\n", encoding="utf-8")
    return sphinx_builder(minimal_tree(tmp_path), docs=docs).build().out


def test_a_conf_py_with_only_the_sites_values_gets_the_theme_and_its_settings(tmp_path: Path, sphinx_builder) -> None:
    out = build(tmp_path, sphinx_builder, SITE_ONLY)
    page = parse(out / "about.html")
    assert page.find("html")["data-theme"] == "auto"  # the colour mode follows the reader's system
    assert page.find("body")["data-default-mode"] == "auto"
    assert page.find("link", rel="icon")["href"] == "_static/proceedings-favicon.svg"
    assert page.title.get_text() == "About — Test Workshop proceedings"  # not "… documentation"
    assert page.find(class_="navbar-header-items__center")["class"][0] == "me-auto"  # navbar_align: left
    assert page.find("input", placeholder="Search papers, people and talks…") is not None
    assert page.select(".footer-items__end .theme-version")  # footer_end
    assert page.find(string="Show Source") is None and not list(out.glob("_sources/*.txt"))
    assert page.find(class_="prev-next-area") is None  # show_prev_next: False
    assert not (out / ".assembled.json").exists()
    assert parse(out / "people/ada-lovelace.html").find(class_="proceedings-nav") is not None  # compact sidebar
    not_found = parse(out / "404.html")
    assert all(link["href"].startswith("/_static/") for link in not_found.find_all("link", rel="stylesheet"))


def test_conf_py_overrides_each_setting_and_keeps_the_others(tmp_path: Path, sphinx_builder) -> None:
    out = build(tmp_path, sphinx_builder, SITE_ONLY + OVERRIDES)
    page = parse(out / "about.html")
    assert page.find(class_="navbar-header-items__center")["class"][0] == "ms-auto"  # navbar_align: right
    assert page.find("input", placeholder="Search papers, people and talks…") is not None  # other options kept
    assert page.find("body")["data-default-mode"] == "dark"
    assert page.find("link", rel="icon")["href"] == "https://example.org/icon.svg"
    assert page.title.get_text() == "About — Test (draft)"
    person = parse(out / "people/ada-lovelace.html")
    assert person.find(class_="proceedings-nav") is None  # the site's sidebars for that pattern
    assert parse(out / "2030-test/papers/lovelace30a.html").find(class_="proceedings-nav") is not None  # kept
    not_found = parse(out / "404.html")  # its address follows html_baseurl's path
    assert all(link["href"].startswith("/tests/_static/") for link in not_found.find_all("link", rel="stylesheet"))


def config_of(conf: dict, overrides: dict | None = None) -> Config:
    """A Sphinx Config holding the values the defaults touch, with Sphinx's and the extensions' own defaults."""
    config = Config(dict(conf), overrides or {})
    for name, default in {
        "html_theme": "alabaster",
        "html_theme_options": {},
        "html_context": {},
        "html_favicon": None,
        "html_title": lambda c: f"{c.project} documentation",
        "html_copy_source": True,
        "html_show_sourcelink": True,
        "html_baseurl": "",
        "proceedings_base_url": "",
        "notfound_urls_prefix": "/en/latest/",
        "exclude_patterns": [],
        "suppress_warnings": [],
    }.items():
        if name not in config:  # Sphinx's core values are there already
            config.add(name, default, "html", ())
    return config


def test_every_setting_the_site_names_wins_and_lists_are_extended() -> None:
    site = {
        "project": "P",
        "html_theme": "basic",
        "html_theme_options": {"nosidebar": True},
        "html_copy_source": True,
        "notfound_urls_prefix": "/custom/",
        "exclude_patterns": ["drafts/*"],
        "html_baseurl": "https://example.org/p/",
    }
    config = config_of(site, {"html_show_sourcelink": "1"})  # as -D html_show_sourcelink=1
    supply_defaults(None, config)  # type: ignore[arg-type]
    assert config.html_theme == "basic" and config.html_theme_options == {"nosidebar": True}  # no pydata options
    assert config.html_copy_source is True and config.html_show_sourcelink
    assert config.notfound_urls_prefix == "/custom/"
    assert config.exclude_patterns == ["drafts/*", "_build", ".assembled.json", "**/*.md.tmp"]
    assert config.suppress_warnings == ["myst.header"]
    assert config.html_title == "P"


def test_without_a_site_setting_the_engines_apply() -> None:
    config = config_of({"project": "P", "html_baseurl": "https://example.org/"})
    supply_defaults(None, config)  # type: ignore[arg-type]
    assert config.html_theme == "pydata_sphinx_theme" and config.html_theme_options["navbar_align"] == "left"
    assert (config.html_copy_source, config.html_show_sourcelink) == (False, False)
    assert config.notfound_urls_prefix == "/"  # a site at a domain's root
    assert config.html_context == {"default_mode": "auto"}


ITEMS = ".navbar-item, .footer-item, .header-article-item, .sidebar-secondary-item, .sidebar-primary-item"


def test_no_page_has_an_empty_header_footer_or_sidebar_item(workshop_site) -> None:
    # The theme's emptiness check is skipped for the templates THEME_OPTIONS lists: none may come out empty.
    pages = sorted(workshop_site.out.rglob("*.html"))
    assert len(pages) > 20
    empty = [
        (page.relative_to(workshop_site.out).as_posix(), " ".join(item.get("class", [])))
        for page in pages
        for item in parse(page).select(ITEMS)
        if not item.get_text(strip=True) and not item.find(["a", "button", "img", "nav", "form", "input"])
    ]
    assert empty == []
