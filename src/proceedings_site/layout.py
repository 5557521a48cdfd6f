"""Where everything is on the site: the one place that names a page, a file or an anchor.

Docnames are Sphinx's names of pages (``2025-icml/papers/hu25a``); paths are relative to the site root
(``2025-icml/papers/hu25a.html``, ``2025-icml/program.ics``). Nothing else formats a path, and nothing parses
an id back out of one: a page's ids travel with it (``pages.PageMeta``).
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import quote, urlencode


class PageKind(StrEnum):
    HOME = "home"
    EDITIONS = "editions"
    PROGRAM_HUB = "program-hub"
    PAPERS_HUB = "papers-hub"
    EDITION = "edition"
    PROGRAM = "program"
    KEYNOTE = "keynote"
    PANEL = "panel"
    PAPERS = "papers"
    PAPER = "paper"
    PEOPLE = "people"
    PERSON = "person"
    MY_SCHEDULE = "my-schedule"
    TOPICS = "topics"


# --- pages (docnames) ----------------------------------------------------------

HOME = "index"
EDITIONS = "editions"
PROGRAM_HUB = "program"
PAPERS_HUB = "papers"
PEOPLE = "people/index"
TOPICS_HUB = "topics"
ABOUT = "about"  # written by hand, in docs/
MY_SCHEDULE = "my-schedule"  # the reader's starred items; filled in by the browser (sphinxext.stars)


def edition(edition_id: str) -> str:
    return f"{edition_id}/index"


def program(edition_id: str) -> str:
    return f"{edition_id}/program"


def keynote(edition_id: str, keynote_id: str) -> str:
    return f"{edition_id}/keynotes/{keynote_id}"


def panel(edition_id: str, panel_id: str) -> str:
    return f"{edition_id}/panels/{panel_id}"


def papers(edition_id: str) -> str:
    return f"{edition_id}/papers/index"


def paper(edition_id: str, paper_id: str) -> str:
    return f"{edition_id}/papers/{paper_id}"


def person(person_id: str) -> str:
    return f"people/{person_id}"


def topics(edition_id: str | None = None) -> str:
    """An edition's Topics page (its topic map and the papers by topic), or all editions' when None."""
    return f"{edition_id}/topics" if edition_id else TOPICS_HUB


def topic_page(edition_id: str | None, topic: str) -> str:
    """A topic's own page, when its map is split by topic (``topic``: ``topics.Cluster.anchor``)."""
    return f"{topics(edition_id)}/{topic}"


def topic_anchor(edition_id: str | None, topic: str) -> str:
    """A topic on a Topics page (``topic``: ``topics.Cluster.anchor``), unique across the site."""
    return f"topic-{edition_id or 'all'}-{topic}"


def list_page(first_page: str, number: int) -> str:
    """Page ``number`` (2, 3, …) of a long list whose first page is ``first_page`` (``people/index`` →
    ``people/page_2``, ``papers`` → ``papers_2``). No id holds an underscore, so it never names an item's page."""
    folder, _, name = first_page.rpartition("/")
    return f"{folder}/page_{number}" if folder else f"{name}_{number}"


def papers_hub_part(edition_id: str) -> str:
    """The first page of an edition's part of the list of every edition's papers, when that list is long
    (``papers_2025-icml``; its later pages ``papers_2025-icml_2``, …). The newest edition's part starts on
    ``PAPERS_HUB``. No id holds an underscore, so these names never meet an edition's own."""
    return f"{PAPERS_HUB}_{edition_id}"


def item_reference(edition_id: str, item_id: str) -> str:
    """How a directive names a paper or keynote of an edition (``2025-icml/hu25a``): ids only, never free text."""
    return f"{edition_id}/{item_id}"


def split_item_reference(reference: str) -> tuple[str, str]:
    edition_id, _, item_id = reference.partition("/")
    return edition_id, item_id


# Pages whose sidebar is the compact one of their section rather than the whole tree (see sphinxext.navigation).
COMPACT_PAGES = ["*/papers/*", "people/*"]


def authors_anchor(edition_id: str, paper_id: str) -> str:
    """A paper page's author list, where a person page sends readers for the whole list (unique site-wide)."""
    return f"{edition_id}-{paper_id}-authors"


def slot_anchor(edition_id: str, slot_key: str) -> str:
    """A program slot's target on the program page (``slot_key``: ``Edition.slot_key``): stable across rebuilds,
    unique across editions."""
    return f"{edition_id}-slot-{slot_key}"


def edition_children(edition_id: str, keynote_ids: list[str], panel_ids: list[str]) -> list[str]:
    """An edition's pages in its table of contents, relative to the edition page."""
    return ["program", *(f"keynotes/{k}" for k in keynote_ids), *(f"panels/{k}" for k in panel_ids), "papers/index"]


def related_data() -> str:
    """Every paper's related papers, by id."""
    return "related.json"


def map_data(edition_id: str | None = None) -> str:
    """A topic map's papers, positions and topics: an edition's, or all editions' when None."""
    return f"{edition_id}/map.json" if edition_id else "map.json"


# --- files the build writes beside the pages --------------------------------------

ALL_BIBTEX = "papers.bib"
ALL_BROWSE = "browse.json"
FEED = "papers.atom"
SITEMAP = "sitemap.xml"


def bibtex(edition_id: str) -> str:
    return f"{edition_id}/papers.bib"


def browse(edition_id: str) -> str:
    """What an edition's paper browser filters on."""
    return f"{edition_id}/browse.json"


def data(edition_id: str, name: str) -> str:
    """An edition's JSON export: ``papers``, ``people`` or ``program``."""
    return f"{edition_id}/{name}.json"


def data_schema(name: str, version: str) -> str:
    return f"schema/{name}-{version}.json"


def calendar(edition_id: str) -> str:
    return f"{edition_id}/program.ics"


def slot_calendar(edition_id: str, slot_key: str) -> str:
    return f"{edition_id}/calendar/{slot_key}.ics"


def frab(edition_id: str) -> str:
    return f"{edition_id}/schedule.xml"


def schedule_json(edition_id: str) -> str:
    """The program in the C3VOC's schedule JSON, which conference apps read."""
    return f"{edition_id}/schedule.json"


def star_data(edition_id: str) -> str:
    """What "My schedule" needs of an edition's program and papers (``exports.stars``)."""
    return f"{edition_id}/stars.json"


# --- stars ("My schedule") ---------------------------------------------------------
# A starred item's id, as the reader's browser stores it and as share links carry it: the edition, then a letter
# for the kind of item and its id (``2024-christchurch/k.hana-kobayashi``). Ids only, never free text.
STAR_KINDS = {"slot": "s", "keynote": "k", "panel": "n", "paper": "p"}


def star(edition_id: str, kind: str, key: str) -> str:
    """``kind``: slot (``key`` is ``Edition.slot_key``), keynote, panel or paper."""
    return f"{edition_id}/{STAR_KINDS[kind]}.{key}"


# A shared selection is My schedule's page with the stars grouped by edition in the fragment, which never reaches
# the server: ``my-schedule.html#share=2024-christchurch/k.hana-kobayashi,p.durand24a~2025-icml/s.0900`` (the
# browser builds it: proceedings-schedule.js).


# --- URLs ------------------------------------------------------------------------


def html(docname: str) -> str:
    """The built page of a docname, relative to the site root."""
    return f"{docname}.html"


def absolute(base_url: str, path: str) -> str | None:
    """The absolute URL of a path of the site, or None when the site's address is not configured: exports then
    leave the URL out, since a relative one means nothing once a citation or calendar file leaves the site."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else None


def absolute_or_relative(base_url: str, path: str) -> str:
    """For formats that need some URL (schedules resolve relative ones against their own base_url)."""
    return absolute(base_url, path) or path


def slot_url(edition_id: str, slot_key: str) -> str:
    """A slot on its edition's program page."""
    return f"{html(program(edition_id))}#{slot_anchor(edition_id, slot_key)}"


def filtered_query(**filters: str) -> str:
    """The query string of a paper list filtered as its browser reads it (``?keyword=…``), percent-encoded so
    metadata text cannot end the address or add a parameter."""
    return urlencode(filters, quote_via=quote)


# The metadata-correction issue form (.github/ISSUE_TEMPLATE/metadata-correction.yml) and its field ids.
CORRECTION_FORM = "metadata-correction.yml"


def correction_form(repository: str, title: str, page: str) -> str:
    """A new issue on the site's repository, from the correction form, prefilled with its title and the page."""
    query = urlencode({"template": CORRECTION_FORM, "title": title, "page": page}, quote_via=quote)
    return f"{repository.rstrip('/')}/issues/new?{query}"
