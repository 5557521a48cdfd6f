"""Per-page ``<meta>`` tags: description and OpenGraph, from the model, never from page text."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from .assembler import site_of
from .config import ProceedingsConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta_tags)


def meta_tag(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value)}" />\n'


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    site = site_of(app)
    meta = site.meta.get(pagename) if site else None
    if meta is None:
        return
    tags = [
        meta_tag("name", "description", meta.description),
        meta_tag("property", "og:type", "article" if meta.kind == "paper" else "website"),
        meta_tag("property", "og:title", context.get("title", "") and _plain(context["title"])),
        meta_tag("property", "og:description", meta.description),
        meta_tag("property", "og:site_name", app.config.project),
    ]
    base = ProceedingsConfig.from_app(app).base_url
    if base and app.builder is not None:
        tags.append(meta_tag("property", "og:url", base + app.builder.get_target_uri(pagename)))
    context["metatags"] = context.get("metatags", "") + "".join(tags)


def _plain(title: str) -> str:
    """Sphinx gives the title as HTML; meta content wants text."""
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", title))
