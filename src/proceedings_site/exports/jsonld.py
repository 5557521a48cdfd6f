"""schema.org JSON-LD: an Event per edition, a ScholarlyArticle per paper, a Person per person page."""

from __future__ import annotations

import json
from typing import Any

from .. import layout, textformat
from ..model import Edition, Proceedings

CONTEXT = "https://schema.org"


def _url(base_url: str, path: str) -> dict[str, str]:
    """schema.org's ``url`` is absolute: without the site's address it is left out."""
    url = layout.absolute(base_url, path)
    return {"url": url} if url else {}


def _person_ref(proceedings: Proceedings, person_id: str, base_url: str) -> dict[str, Any]:
    return {
        "@type": "Person",
        "name": proceedings.people[person_id].name,
        **_url(base_url, layout.html(layout.person(person_id))),
    }


def edition_event(proceedings: Proceedings, edition: Edition, base_url: str) -> dict[str, Any]:
    info = edition.info
    start = edition.slot_datetime(edition.slots[0], edition.slots[0].start) if edition.slots else None
    end = edition.slot_datetime(edition.slots[-1], edition.slots[-1].end) if edition.slots else None
    place: dict[str, Any] = {"@type": "Place", "name": info.venue or info.city, "address": info.city}
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": info.name,
        "alternateName": info.short_name,
        "startDate": start.isoformat() if start else info.date.isoformat(),
        "endDate": end.isoformat() if end else info.date.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": [_person_ref(proceedings, r.person, base_url) for r in info.organizers],
        **({"superEvent": {"@type": "Event", "name": info.conference}} if info.conference else {}),
        **_url(base_url, layout.html(layout.edition(edition.id))),
    }


def scholarly_article(proceedings: Proceedings, edition: Edition, paper_id: str, base_url: str) -> dict[str, Any]:
    paper = edition.papers[paper_id]
    title = textformat.plain_title(paper.title)  # schema.org text is plain: no markup, formulas as text
    article: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ScholarlyArticle",
        "headline": title[:110],
        "name": title,
        "author": [
            _person_ref(proceedings, a.person, base_url) | {"name": proceedings.displayed_name(a)}
            for a in paper.authors
        ],
        "datePublished": edition.info.date.isoformat(),
        "isPartOf": {"@type": "Event", "name": edition.info.name},
        **_url(base_url, layout.html(layout.paper(edition.id, paper_id))),
    }
    if paper.keywords:
        article["keywords"] = ", ".join(paper.keywords)
    if paper.abstract:
        article["abstract"] = textformat.plain(paper.abstract)
    same_as = [url for url in (paper.links.openreview, paper.links.pmlr, paper.links.arxiv) if url]
    if same_as:
        article["sameAs"] = same_as
    return article


def person(proceedings: Proceedings, person_id: str, base_url: str) -> dict[str, Any]:
    entry = proceedings.people[person_id]
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": entry.name,
        **_url(base_url, layout.html(layout.person(person_id))),
    }
    if entry.affiliations:
        document["affiliation"] = [{"@type": "Organization", "name": a} for a in entry.affiliations]
    if entry.variants:
        document["alternateName"] = list(entry.variants)
    same_as = [entry.homepage] if entry.homepage else []
    if entry.orcid:
        same_as.append(f"https://orcid.org/{entry.orcid}")
    if same_as:
        document["sameAs"] = same_as
    return document


def script_tag(document: dict[str, Any]) -> str:
    """JSON inside <script>: escape <, > and & so metadata can never close the element or open a comment."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'
