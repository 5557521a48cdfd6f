"""The site's addresses, as readers bookmark and cite them: ``layout.py`` names each one, and a change to any of
them breaks links from outside. Each is written out here once, so such a change is a decision, not an accident."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from proceedings_site import layout

# Computed inside the test (not at import), so mutation testing sees which test reads each one.
ADDRESSES: list[tuple[Callable[[], str | None], str | None]] = [
    (lambda: layout.HOME, "index"),
    (lambda: layout.EDITIONS, "editions"),
    (lambda: layout.PROGRAM_HUB, "program"),
    (lambda: layout.PAPERS_HUB, "papers"),
    (lambda: layout.PEOPLE, "people/index"),
    (lambda: layout.ABOUT, "about"),
    (lambda: layout.TOPICS_HUB, "topics"),
    (lambda: layout.MY_SCHEDULE, "my-schedule"),
    (lambda: layout.edition("2025-x"), "2025-x/index"),
    (lambda: layout.program("2025-x"), "2025-x/program"),
    (lambda: layout.keynote("2025-x", "ada"), "2025-x/keynotes/ada"),
    (lambda: layout.panel("2025-x", "future"), "2025-x/panels/future"),
    (lambda: layout.papers("2025-x"), "2025-x/papers/index"),
    (lambda: layout.paper("2025-x", "ada25a"), "2025-x/papers/ada25a"),
    (lambda: layout.person("ada"), "people/ada"),
    (lambda: layout.topics("2025-x"), "2025-x/topics"),
    (lambda: layout.topics(), "topics"),
    (lambda: layout.topic_anchor("2025-x", "sea-ice"), "topic-2025-x-sea-ice"),
    (lambda: layout.topic_anchor(None, "sea-ice"), "topic-all-sea-ice"),
    (lambda: layout.list_page("people/index", 2), "people/page_2"),
    (lambda: layout.list_page("2025-x/papers/index", 3), "2025-x/papers/page_3"),
    (lambda: layout.list_page("papers", 2), "papers_2"),
    (lambda: layout.authors_anchor("2025-x", "ada25a"), "2025-x-ada25a-authors"),
    (lambda: layout.item_reference("2025-x", "ada25a"), "2025-x/ada25a"),
    (lambda: layout.slot_anchor("2025-x", "0940"), "2025-x-slot-0940"),
    (lambda: layout.ALL_BIBTEX, "papers.bib"),
    (lambda: layout.ALL_BROWSE, "browse.json"),
    (lambda: layout.FEED, "papers.atom"),
    (lambda: layout.bibtex("2025-x"), "2025-x/papers.bib"),
    (lambda: layout.browse("2025-x"), "2025-x/browse.json"),
    (lambda: layout.data("2025-x", "papers"), "2025-x/papers.json"),
    (lambda: layout.data_schema("papers", "1.0"), "schema/papers-1.0.json"),
    (lambda: layout.calendar("2025-x"), "2025-x/program.ics"),
    (lambda: layout.slot_calendar("2025-x", "0940"), "2025-x/calendar/0940.ics"),
    (lambda: layout.frab("2025-x"), "2025-x/schedule.xml"),
    (lambda: layout.schedule_json("2025-x"), "2025-x/schedule.json"),
    (lambda: layout.related_data(), "related.json"),
    (lambda: layout.map_data("2025-x"), "2025-x/map.json"),
    (lambda: layout.map_data(), "map.json"),
    (lambda: layout.star_data("2025-x"), "2025-x/stars.json"),
    (lambda: layout.star("2025-x", "slot", "0940"), "2025-x/s.0940"),
    (lambda: layout.star("2025-x", "keynote", "ada"), "2025-x/k.ada"),
    (lambda: layout.star("2025-x", "panel", "future"), "2025-x/n.future"),
    (lambda: layout.star("2025-x", "paper", "ada25a"), "2025-x/p.ada25a"),
    (lambda: layout.html("2025-x/papers/ada25a"), "2025-x/papers/ada25a.html"),
    (lambda: layout.slot_url("2025-x", "0940"), "2025-x/program.html#2025-x-slot-0940"),
    (lambda: layout.absolute("https://example.org/site/", "a/b.html"), "https://example.org/site/a/b.html"),
    (lambda: layout.absolute("https://example.org/site", "a/b.html"), "https://example.org/site/a/b.html"),
    (lambda: layout.absolute("", "a/b.html"), None),  # no address: exports leave the URL out
    (lambda: layout.absolute_or_relative("", "a/b.html"), "a/b.html"),  # schedules resolve it against base_url
    (lambda: layout.absolute_or_relative("https://example.org/", "a/b.html"), "https://example.org/a/b.html"),
    (lambda: layout.SITEMAP, "sitemap.xml"),
    (lambda: layout.CORRECTION_FORM, "metadata-correction.yml"),
]


@pytest.mark.parametrize(("address", "expected"), ADDRESSES, ids=[str(expected) for _, expected in ADDRESSES])
def test_every_address_is_where_readers_find_it(address: Callable[[], str | None], expected: str | None) -> None:
    assert address() == expected


def test_an_item_reference_splits_back_into_its_ids() -> None:
    assert layout.split_item_reference(layout.item_reference("2025-x", "ada25a")) == ("2025-x", "ada25a")
    assert layout.split_item_reference("2025-x") == ("2025-x", "")


def test_an_edition_lists_its_program_keynotes_panels_then_papers() -> None:
    assert layout.edition_children("2025-x", ["ada", "grace"], ["future"]) == [
        "program",
        "keynotes/ada",
        "keynotes/grace",
        "panels/future",
        "papers/index",
    ]
    assert layout.edition_children("2025-x", [], []) == ["program", "papers/index"]
    assert layout.COMPACT_PAGES == ["*/papers/*", "people/*"]


def test_a_filtered_list_address_cannot_be_broken_by_metadata_text() -> None:
    query = layout.filtered_query(keyword="sea ice & snow#1?x=2", track="Full paper")
    assert query == "keyword=sea%20ice%20%26%20snow%231%3Fx%3D2&track=Full%20paper"
    assert parse_qs(query) == {"keyword": ["sea ice & snow#1?x=2"], "track": ["Full paper"]}


def test_the_correction_form_is_prefilled_on_the_sites_repository() -> None:
    url = layout.correction_form("https://example.org/repo/", "Fix ada25a & more", "https://example.org/p.html")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://example.org/repo/issues/new"
    assert parse_qs(parts.query) == {
        "template": ["metadata-correction.yml"],
        "title": ["Fix ada25a & more"],
        "page": ["https://example.org/p.html"],
    }
    assert "%20" in url and "+" not in url  # spaces percent-encoded, as GitHub reads them


def test_page_kinds_name_the_page_families() -> None:
    assert [kind.value for kind in layout.PageKind] == [
        "home",
        "editions",
        "program-hub",
        "papers-hub",
        "edition",
        "program",
        "keynote",
        "panel",
        "papers",
        "paper",
        "people",
        "person",
        "my-schedule",
        "topics",
    ]
