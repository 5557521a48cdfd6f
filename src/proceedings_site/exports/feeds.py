"""An Atom feed of accepted papers and a sitemap of every page."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

from .. import layout, textformat
from ..model import Edition, Proceedings

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


def atom_feed(proceedings: Proceedings, base_url: str, title: str, made: Mapping[str, str] | None = None) -> bytes:
    """Newest edition first; dates come from the data (publication or workshop date), so builds are deterministic.
    ``made``: editions' ``atom_entries`` made already (by an earlier build, from the same inputs)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    editions_with_papers = [e for e in proceedings.editions if e.papers]
    newest = max((_published(e) for e in editions_with_papers), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _url(base_url, layout.FEED)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=_url(base_url, layout.FEED), rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=_url(base_url, layout.html(layout.PAPERS_HUB)), rel="alternate")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _updated(newest) if newest else "1970-01-01T00:00:00Z"
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode", xml_declaration=True).removesuffix(_CLOSE)
    made = made or {}
    entries = [made[e.id] if e.id in made else atom_entries(proceedings, e, base_url) for e in editions_with_papers]
    return (head + "".join(f"\n  {part}" for part in entries) + _CLOSE + "\n").encode()


_CLOSE = "\n</feed>"
_OPEN_FEED = f'<feed xmlns="{ATOM}">\n  '  # the stand-in feed of ``atom_entries``, up to its first entry


def atom_entries(proceedings: Proceedings, edition: Edition, base_url: str) -> str:
    """The feed's entries of one edition's papers, indented as they stand in it. Serialized together, under a
    stand-in feed element that is then cut away: one serialization per entry took a quarter of a second per
    thousand papers."""
    ET.register_namespace("", ATOM)  # the sitemap's takes the empty prefix while registered
    holder = ET.Element(f"{{{ATOM}}}feed")
    for paper_id, paper in edition.papers.items():
        entry = ET.SubElement(holder, f"{{{ATOM}}}entry")
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
    if not len(holder):
        return ""
    ET.indent(holder)
    return _inside_feed(ET.tostring(holder, encoding="unicode"))


def _inside_feed(serialized: str) -> str:
    """What stands between the stand-in feed's tags: the entries, each on its own lines, joined by their
    indentation; the feed declares the namespace for all of them."""
    if not (serialized.startswith(_OPEN_FEED) and serialized.endswith(_CLOSE)):
        raise ValueError(f"Atom entries serialized unexpectedly: {serialized[:80]}")
    return serialized[len(_OPEN_FEED) : -len(_CLOSE)]


def _published(edition: Edition) -> dt.date:
    pmlr = edition.info.pmlr
    return pmlr.published if pmlr and pmlr.published else edition.info.date


def sitemap(pages: Iterable[str], base_url: str) -> bytes:
    """Written as text, in ElementTree's layout (an element tree took a tenth of a second at 12,000 pages, on
    every rebuild that adds or removes one): the locations are the only text, escaped."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP}">']
    for path in sorted(pages):
        lines += ["  <url>", f"    <loc>{escape(_url(base_url, path))}</loc>", "  </url>"]
    lines.append("</urlset>\n")
    return "\n".join(lines).encode()
