"""Reading the built site with a real HTML parser."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag


@cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article(path: Path) -> Tag:
    """The page's own content, without theme navigation."""
    main = parse(path).select_one("article.bd-article")
    assert main is not None, f"{path} has no article"
    return main


def heading_text(tag: Tag) -> str:
    """A heading's text without Sphinx's permalink sign."""
    return "".join(
        child.get_text() if isinstance(child, Tag) else str(child)
        for child in tag.children
        if not (isinstance(child, Tag) and "headerlink" in (child.get("class") or []))
    ).strip()


def title_of(path: Path) -> str:
    h1 = article(path).find("h1")
    assert h1 is not None, f"{path} has no h1"
    return heading_text(h1)


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(parts.path)))
    return site / target, unquote(parts.fragment)


def internal_links(site: Path, page: Path, scope: Tag | None = None) -> list[tuple[Path, str]]:
    root = scope if scope is not None else parse(page)
    links = []
    for anchor in root.find_all("a", href=True):
        if (resolved := resolve(site, page, anchor["href"])) is not None:
            links.append(resolved)
    return links
