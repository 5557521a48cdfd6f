"""Per-page ``<head>`` metadata, from the model, never from page text: description and OpenGraph on every
generated page, Google Scholar ``citation_*`` tags on paper pages, schema.org JSON-LD on edition, paper and
person pages."""

from __future__ import annotations

import re
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from ..exports import jsonld, scholar
from ..layout import PageKind
from .assembler import proceedings_of, site_of
from .config import base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Proceedings
    from ..pages import PageMeta


def setup_pagemeta(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta_tags)


def meta_tag(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value)}" />\n'


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    site, proceedings = site_of(app), proceedings_of(app)
    meta = site.meta.get(pagename) if site else None
    if meta is None or proceedings is None or app.builder is None:
        return
    base = base_url(app.config)
    description = meta.description  # titles in it are plain text already (pages.papers, pages.talks)
    tags = [
        meta_tag("name", "description", description),
        meta_tag("property", "og:type", "article" if meta.kind == PageKind.PAPER else "website"),
        meta_tag("property", "og:title", _plain(context.get("title", ""))),
        meta_tag("property", "og:description", description),
        meta_tag("property", "og:site_name", app.config.project),
    ]
    if base:
        tags.append(meta_tag("property", "og:url", base + app.builder.get_target_uri(pagename)))
    tags += structured_data(proceedings, pagename, meta, base)
    context["metatags"] = context.get("metatags", "") + "".join(tags)


def structured_data(proceedings: Proceedings, pagename: str, meta: PageMeta, base: str) -> list[str]:
    name = meta.item or ""
    if meta.kind == PageKind.PAPER and meta.edition:
        edition = proceedings.edition(meta.edition)
        tags = [meta_tag("name", key, value) for key, value in scholar.citation_tags(proceedings, edition, name, base)]
        return [*tags, jsonld.script_tag(jsonld.scholarly_article(proceedings, edition, name, base))]
    if meta.kind == PageKind.EDITION and meta.edition:
        return [jsonld.script_tag(jsonld.edition_event(proceedings, proceedings.edition(meta.edition), base))]
    if meta.kind == PageKind.PERSON:
        return [jsonld.script_tag(jsonld.person(proceedings, name, base))]
    return []


def _plain(title: str) -> str:
    """Sphinx gives the title as HTML; meta content wants text."""
    return unescape(_TAG.sub("", title))


_TAG = re.compile(r"<[^>]+>")
