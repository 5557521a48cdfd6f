"""An Atom feed of accepted papers and a sitemap of every page."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .. import layout, textformat
from ..model import Proceedings

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _updated(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(0, 0), dt.UTC).isoformat().replace("+00:00", "Z")


def _url(base_url: str, path: str) -> str:
    """Atom ids and sitemap locations must be absolute: both files are written only when the site has an address."""
    url = layout.absolute(base_url, path)
    if url is None:
        raise ValueError("an Atom feed or a sitemap needs the site's address (html_baseurl)")
    return url


def atom_feed(proceedings: Proceedings, base_url: str, title: str) -> bytes:
    """Newest edition first; dates come from the data (publication or workshop date), so builds are deterministic."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    editions_with_papers = [e for e in proceedings.editions if e.papers]
    newest = max((_published(e) for e in editions_with_papers), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _url(base_url, layout.FEED)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=_url(base_url, layout.FEED), rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=_url(base_url, layout.html(layout.PAPERS_HUB)), rel="alternate")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _updated(newest) if newest else "1970-01-01T00:00:00Z"
    for edition in editions_with_papers:
        for paper_id, paper in edition.papers.items():
            entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
            page = _url(base_url, layout.html(layout.paper(edition.id, paper_id)))
            ET.SubElement(entry, f"{{{ATOM}}}id").text = page
            ET.SubElement(entry, f"{{{ATOM}}}title").text = textformat.plain_title(paper.title)
            ET.SubElement(entry, f"{{{ATOM}}}link", href=page, rel="alternate")
            ET.SubElement(entry, f"{{{ATOM}}}updated").text = _updated(_published(edition))
            for author in paper.authors:
                person = ET.SubElement(entry, f"{{{ATOM}}}author")
                ET.SubElement(person, f"{{{ATOM}}}name").text = proceedings.displayed_name(author)
                ET.SubElement(person, f"{{{ATOM}}}uri").text = _url(base_url, layout.html(layout.person(author.person)))
            ET.SubElement(entry, f"{{{ATOM}}}category", term=edition.id, label=edition.info.short_name)
            # type="text": what a reader sees, no markup
            default = f"{proceedings.site.track(paper.track).label} at {edition.info.short_name}."
            summary = textformat.plain(paper.abstract) if paper.abstract else default
            ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = summary
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _published(edition) -> dt.date:
    pmlr = edition.info.pmlr
    return pmlr.published if pmlr and pmlr.published else edition.info.date


def sitemap(pages: Iterable[str], base_url: str) -> bytes:
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in sorted(pages):
        ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = _url(base_url, path)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
