"""Citations, calendars and data exports, each read back with a real parser and checked by value."""

from __future__ import annotations

import datetime as dt
import json
import runpy
from pathlib import Path
from urllib.parse import urlsplit

import bibtexparser
import icalendar
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from lxml import etree

from proceedings_site import layout, textformat
from proceedings_site.exports import bibtex, calendar, data, feeds, scholar
from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble

from .htmlpage import article, parse
from .metadata_tree import minimal_tree, write
from .sitebuild import WORKSHOP_DOCS, WORKSHOP_METADATA, SphinxBuilder

WORKSHOP = load_proceedings(WORKSHOP_METADATA)
HELD = min((edition for edition in WORKSHOP.editions if edition.slots), key=lambda edition: edition.info.date)
PUBLISHED = next(edition for edition in WORKSHOP.editions if edition.info.pmlr)  # volume 7 of the fixture's series
CONF = runpy.run_path(str(WORKSHOP_DOCS / "conf.py"))
BASE = CONF["html_baseurl"]
ALL_PAPERS = [paper_id for edition in WORKSHOP.editions for paper_id in edition.papers]


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    return workshop_site.out


def page_url(paper_id: str, edition_id: str = HELD.id) -> str:
    return BASE + layout.html(layout.paper(edition_id, paper_id))


def read_bib(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    return {entry.key: {field.key: field.value for field in entry.fields} for entry in library.entries}


def test_edition_bibtex_has_every_paper_and_no_series_fields_without_a_series(site: Path) -> None:
    entries = read_bib((site / layout.bibtex(HELD.id)).read_text(encoding="utf-8"))
    assert list(entries) == list(HELD.papers)
    info = HELD.info
    for paper_id, paper in HELD.papers.items():
        entry = entries[paper_id]
        assert entry["title"] == paper.title
        assert entry["author"] == " and ".join(WORKSHOP.displayed_name(a) for a in paper.authors)
        assert entry["booktitle"] == f"{info.name} ({info.conference})"
        assert (entry["year"], entry["month"], entry["address"]) == (
            str(info.date.year),
            info.date.strftime("%b").lower(),
            info.city,
        )
        assert entry["url"] == page_url(paper_id)  # no PMLR page: the site's own page is the URL
        assert not {"volume", "series", "pages", "publisher"} & set(entry), paper_id


def test_edition_bibtex_gives_volume_and_pages_only_to_papers_in_the_series(site: Path) -> None:
    entries = read_bib((site / layout.bibtex(PUBLISHED.id)).read_text(encoding="utf-8"))
    series, volume = WORKSHOP.site.series, PUBLISHED.info.pmlr
    assert list(entries) == list(PUBLISHED.papers)
    in_series = [paper_id for paper_id, paper in PUBLISHED.papers.items() if paper.pmlr]
    assert 0 < len(in_series) < len(entries)
    for paper_id, paper in PUBLISHED.papers.items():
        entry = entries[paper_id]
        assert entry["booktitle"] == volume.title
        if paper.pmlr:
            assert (entry["volume"], entry["series"], entry["publisher"]) == (
                str(volume.volume),
                series.name,
                series.publisher,
            )
            # "1--14" in the file, an en dash once decoded as reference managers do
            assert entry["pages"] == paper.pmlr.pages.replace("-", "–") and entry["url"] == paper.links.pmlr
        else:
            assert not {"volume", "series", "pages", "publisher"} & set(entry), paper_id
            assert entry["url"] == page_url(paper_id, PUBLISHED.id)


def pmlr_tree(root: Path) -> Path:
    """The minimal tree (whose site has a series) with its paper published in a volume."""
    meta = minimal_tree(root)
    edition, paper = meta / "2030-test/edition.yaml", meta / "2030-test/papers/lovelace30a.yaml"
    volume = {"volume": 321, "title": "Proceedings of a Test Workshop", "published": "2030-12-01"}
    write(edition, __import__("yaml").safe_load(edition.read_text()) | {"pmlr": volume})
    published = {"pmlr": {"id": "lovelace30a", "pages": "141-165"}}
    links = {"pmlr": "https://proceedings.mlr.press/v321/lovelace30a.html", "pdf": "https://example.org/a.pdf"}
    write(paper, __import__("yaml").safe_load(paper.read_text()) | published | {"links": links})
    return meta


def test_a_paper_in_the_series_is_cited_with_volume_series_pages_and_publisher(tmp_path: Path) -> None:
    proceedings = load_proceedings(pmlr_tree(tmp_path))
    edition, series = proceedings.current, proceedings.site.series
    entry = read_bib(bibtex.entry(proceedings, edition, "lovelace30a", BASE))["lovelace30a"]
    assert (entry["volume"], entry["pages"], entry["publisher"]) == ("321", "141–165", series.publisher)
    assert entry["series"] == series.name and entry["booktitle"] == "Proceedings of a Test Workshop"
    assert entry["url"] == "https://proceedings.mlr.press/v321/lovelace30a.html"
    tags = dict(scholar.citation_tags(proceedings, edition, "lovelace30a", BASE))
    assert (tags["citation_volume"], tags["citation_firstpage"], tags["citation_lastpage"]) == ("321", "141", "165")
    assert tags["citation_publisher"] == series.publisher
    page = assemble(proceedings).pages["2030-test/papers/lovelace30a"]
    assert f"{series.short_name} volume 321\\, pages 141–165" in page  # escaped for MyST


def test_diacritics_survive_the_round_trip(site: Path) -> None:
    entries = read_bib((site / "papers.bib").read_text(encoding="utf-8"))
    assert list(entries) == ALL_PAPERS
    accented = [
        (paper_id, WORKSHOP.displayed_name(author))
        for paper_id, paper in HELD.papers.items()
        for author in paper.authors
        if not WORKSHOP.displayed_name(author).isascii()
    ]
    assert accented
    for paper_id, name in accented:
        assert name in entries[paper_id]["author"]


@pytest.mark.parametrize(
    "title",
    [
        "Braces {x} and 100% & $5 #1",
        r"Back\slash ~tilde {unbalanced",
        "Under_score",
        r"Ru{\ss}wurm's \emph{optical} *maps*",
    ],
)
def test_latex_specials_survive_the_round_trip(tmp_path: Path, title: str) -> None:
    """What a BibTeX reader reads is what the page shows: braces only protect case, TeX and Markdown render."""
    meta = minimal_tree(tmp_path)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    write(paper, __import__("yaml").safe_load(paper.read_text()) | {"title": title})
    proceedings = load_proceedings(meta)
    entry = bibtex.entry(proceedings, proceedings.current, "lovelace30a", "")
    assert read_bib(entry)["lovelace30a"]["title"] == textformat.plain_title(title)


def test_caret_is_written_as_latex_text() -> None:
    # pylatexenc reads \textasciicircum as U+02C6, so the caret is checked by its encoding instead
    assert bibtex.escape("x^2") == r"x\textasciicircum{}2"


def test_paper_page_shows_its_bibtex_with_a_copy_button(site: Path) -> None:
    paper_id = next(iter(HELD.papers))
    page = site / layout.html(layout.paper(HELD.id, paper_id))
    block = article(page).select_one("div.highlight-bibtex pre")
    assert block is not None
    assert read_bib(block.get_text())[paper_id]["title"] == HELD.papers[paper_id].title
    assert any("copybutton" in (s.get("src") or "") for s in parse(page).find_all("script"))
    links = {a["href"] for a in article(page).select("a.proceedings-download")}
    assert links == {"../papers.bib", "../../papers.bib"}


def test_google_scholar_tags(site: Path) -> None:
    with_pdf = next(pid for pid, paper in HELD.papers.items() if paper.links.pdf)
    without_pdf = next(pid for pid, paper in HELD.papers.items() if not paper.links.pdf)
    paper = HELD.papers[with_pdf]
    page = parse(site / layout.html(layout.paper(HELD.id, with_pdf)))
    values: dict[str, list[str]] = {}
    for meta in page.find_all("meta", attrs={"name": True}):
        if meta["name"].startswith("citation_"):
            values.setdefault(meta["name"], []).append(meta["content"])
    assert values["citation_title"] == [paper.title]
    assert values["citation_author"] == [WORKSHOP.displayed_name(a) for a in paper.authors]
    assert values["citation_publication_date"] == [HELD.info.date.strftime("%Y/%m/%d")]
    assert values["citation_conference_title"] == [f"{HELD.info.name} ({HELD.info.conference})"]
    assert values["citation_pdf_url"] == [paper.links.pdf]
    assert values["citation_abstract_html_url"] == [page_url(with_pdf)]
    assert not {"citation_volume", "citation_firstpage", "citation_publisher"} & set(values)  # no series
    other = parse(site / layout.html(layout.paper(HELD.id, without_pdf)))
    assert not other.find("meta", attrs={"name": "citation_pdf_url"})  # no PDF, no tag
    assert page.find("meta", attrs={"property": "og:title"})["content"] == paper.title
    assert page.find("meta", attrs={"property": "og:url"})["content"] == page_url(with_pdf)


def json_ld(page: Path) -> dict:
    [script] = parse(page).find_all("script", attrs={"type": "application/ld+json"})
    return json.loads(script.string)


def test_schema_org_json_ld(site: Path) -> None:
    paper_id, paper = next(iter(HELD.papers.items()))
    article_ld = json_ld(site / layout.html(layout.paper(HELD.id, paper_id)))
    assert article_ld["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in article_ld["author"]] == [WORKSHOP.displayed_name(a) for a in paper.authors]
    event = json_ld(site / f"{HELD.id}/index.html")
    assert event["@type"] == "Event"
    first, last = HELD.slots[0], HELD.slots[-1]
    assert dt.datetime.fromisoformat(event["startDate"]) == HELD.slot_datetime(first, first.start)
    assert dt.datetime.fromisoformat(event["endDate"]) == HELD.slot_datetime(last, last.end)  # on the last day
    assert dt.datetime.fromisoformat(event["endDate"]).date() == HELD.days[-1]
    assert event["location"]["name"] == HELD.info.venue
    assert len(event["organizer"]) == len(HELD.info.organizers)
    person_id, person = next((pid, p) for pid, p in WORKSHOP.people.items() if p.variants)
    person_ld = json_ld(site / f"people/{person_id}.html")
    assert (person_ld["@type"], person_ld["name"], person_ld["alternateName"]) == (
        "Person",
        person.name,
        person.variants,
    )


def test_program_calendar(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / layout.calendar(HELD.id)).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(HELD.slots)
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == HELD.info.timezone
    for event, slot in zip(events, HELD.slots, strict=True):
        assert event["DTSTART"].dt == HELD.slot_datetime(slot, slot.start)
        assert event["DTEND"].dt == HELD.slot_datetime(slot, slot.end)
        assert event.get("DTSTART").params["TZID"] == HELD.info.timezone
        assert str(event["SUMMARY"]) == f"{HELD.info.short_name}: {HELD.slot_title(slot)}"
        assert HELD.info.venue in str(event["LOCATION"])
        if slot.video:
            assert f"Video: {slot.video}" in str(event["DESCRIPTION"])
        if slot.keynote:
            speaker = WORKSHOP.people[HELD.keynotes[slot.keynote].speaker].name
            assert f"Keynote by {speaker}" in str(event["DESCRIPTION"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(events)
    assert uids == [f"{HELD.id}-{HELD.slot_key(slot)}@{WORKSHOP.site.calendar_domain}" for slot in HELD.slots]


def test_events_of_the_second_day_fall_on_it_in_the_events_zone(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / layout.calendar(HELD.id)).read_bytes())
    second_day = [HELD.slot_date(slot) == HELD.days[1] for slot in HELD.slots]
    assert any(second_day) and not all(second_day)
    for event, on_second_day in zip(calendar.walk("VEVENT"), second_day, strict=True):
        local = event["DTSTART"].dt.astimezone(HELD.zone).date()
        assert local == (HELD.days[1] if on_second_day else HELD.days[0])
    # east of UTC, the morning of day two is still day one in UTC: the zone, not the date alone, places it
    morning = next(e for e, later in zip(calendar.walk("VEVENT"), second_day, strict=True) if later)
    assert morning["DTSTART"].dt.astimezone(dt.UTC).date() == HELD.days[0]


def test_add_to_calendar_links_give_one_event_with_the_same_uid(site: Path) -> None:
    page = site / f"{HELD.id}/program.html"
    links = [a["href"] for a in article(page).select("a.proceedings-download") if a.get_text() == "Add to calendar"]
    assert len(links) == len(HELD.slots)
    for href, slot in zip(links, HELD.slots, strict=True):
        single = icalendar.Calendar.from_ical((site / HELD.id / href).read_bytes())
        [event] = single.walk("VEVENT")
        assert str(event["UID"]) == f"{HELD.id}-{HELD.slot_key(slot)}@{WORKSHOP.site.calendar_domain}"
        assert single.walk("VTIMEZONE")


def test_time_zones_are_those_icalendar_adds_made_once() -> None:
    """``calendar.add_time_zones`` reuses each zone's VTIMEZONE: the files stay byte for byte icalendar's own."""
    for slot in HELD.slots[:3]:
        ours = calendar.slot_calendar(WORKSHOP, HELD, slot, "https://example.org/")
        theirs = icalendar.Calendar.from_ical(ours)
        theirs.subcomponents = [part for part in theirs.subcomponents if part.name != "VTIMEZONE"]
        theirs.add_missing_timezones()
        assert theirs.to_ical() == ours


def load_schema(site: Path, name: str) -> dict:
    schema = json.loads((site / layout.data_schema(name, data.SCHEMA_VERSION)).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_data_files_follow_their_published_schemas(site: Path) -> None:
    for edition in WORKSHOP.editions:
        for name in ("papers", "people", "program"):
            document = json.loads((site / layout.data(edition.id, name)).read_text(encoding="utf-8"))
            jsonschema.validate(document, load_schema(site, name), cls=jsonschema.Draft202012Validator)
            assert document["schema_version"] == data.SCHEMA_VERSION and document["edition"] == edition.id
        people = json.loads((site / layout.data(edition.id, "people")).read_text(encoding="utf-8"))["people"]
        involved = {pid for pid, roles in WORKSHOP.roles.items() if any(r.edition == edition.id for r in roles)}
        assert {p["id"] for p in people} == involved
    papers = json.loads((site / layout.data(HELD.id, "papers")).read_text(encoding="utf-8"))["papers"]
    assert [p["id"] for p in papers] == list(HELD.papers)
    first = next(iter(HELD.papers.values())).authors[0]
    assert papers[0]["authors"][0] == {
        "person": first.person,
        "name": WORKSHOP.displayed_name(first),
        "affiliation": first.affiliation,
    }
    program = json.loads((site / layout.data(HELD.id, "program")).read_text(encoding="utf-8"))
    assert [slot["start"] for slot in program["slots"]] == [
        HELD.slot_datetime(slot, slot.start).isoformat() for slot in HELD.slots
    ]
    assert [slot["calendar"] for slot in program["slots"]] == [
        layout.slot_calendar(HELD.id, HELD.slot_key(slot)) for slot in HELD.slots
    ]
    keynote_slot = next(index for index, slot in enumerate(HELD.slots) if slot.keynote)
    assert program["slots"][keynote_slot]["keynote"] == HELD.slots[keynote_slot].keynote
    people = {p["id"]: p for p in json.loads((site / layout.data(HELD.id, "people")).read_text())["people"]}
    organizer = HELD.info.organizers[0].person
    assert {r["kind"] for r in people[organizer]["roles"]} == {
        r.kind for r in WORKSHOP.roles[organizer] if r.edition == HELD.id
    }


def test_data_that_breaks_the_schema_is_rejected(site: Path) -> None:
    document = json.loads((site / layout.data(HELD.id, "papers")).read_text(encoding="utf-8"))
    document["papers"][0]["authors"] = "nobody"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_schema(site, "papers"), cls=jsonschema.Draft202012Validator)


def test_frab_schedule(site: Path) -> None:
    root = etree.fromstring((site / layout.frab(HELD.id)).read_bytes())
    assert root.findtext("conference/time_zone_name") == HELD.info.timezone
    events = root.findall("day/room/event")
    assert len(events) == len(HELD.slots)
    first = events[0]
    slot = HELD.slots[0]
    assert (first.findtext("start"), first.findtext("title")) == (slot.start, HELD.slot_title(slot))
    assert [e.findtext("date") for e in events] == [HELD.slot_datetime(s, s.start).isoformat() for s in HELD.slots]
    keynote_slot = next(index for index, slot in enumerate(HELD.slots) if slot.keynote)
    speaker = WORKSHOP.people[HELD.keynotes[HELD.slots[keynote_slot].keynote].speaker].name
    assert [p.text for p in events[keynote_slot].findall("persons/person")] == [speaker]
    assert len({e.get("guid") for e in events}) == len(HELD.slots)
    assert events[-1].findtext("room") == HELD.info.venue


def test_frab_schedule_has_a_day_per_program_day(site: Path) -> None:
    root = etree.fromstring((site / layout.frab(HELD.id)).read_bytes())
    assert root.findtext("conference/end") == HELD.days[-1].isoformat()
    assert root.findtext("conference/days") == str(len(HELD.days))
    days = root.findall("day")
    assert [day.get("date") for day in days] == [day.isoformat() for day in HELD.days]
    for day, date in zip(days, HELD.days, strict=True):
        assert len(day.findall("room/event")) == sum(1 for slot in HELD.slots if HELD.slot_date(slot) == date)


def test_frab_slugs_are_unique_over_several_days(site: Path) -> None:
    root = etree.fromstring((site / layout.frab(HELD.id)).read_bytes())
    slugs = [event.findtext("slug") for event in root.iter("event")]
    assert len(set(slugs)) == len(slugs), slugs


def test_atom_feed_and_sitemap(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.fromstring((site / "papers.atom").read_bytes())
    entries = feed.findall(f"{atom}entry")
    every_paper = {
        page_url(paper_id, edition.id): paper
        for edition in WORKSHOP.editions
        for paper_id, paper in edition.papers.items()
    }
    assert {entry.findtext(f"{atom}id") for entry in entries} == set(every_paper)
    for entry in entries:
        authors = [a.findtext(f"{atom}name") for a in entry.findall(f"{atom}author")]
        assert authors == [WORKSHOP.displayed_name(a) for a in every_paper[entry.findtext(f"{atom}id")].authors]
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    person = HELD.info.organizers[0].person
    assert {page_url(paper_id) for paper_id in HELD.papers} <= set(locations)
    assert BASE + f"people/{person}.html" in locations
    pages = [
        p
        for p in site.rglob("*.html")
        if "_static" not in p.parts and p.name not in {"search.html", "genindex.html", "404.html"}
    ]
    assert len(locations) >= len(pages) - 1


def test_the_sitemap_is_written_as_elementtree_writes_it() -> None:
    import xml.etree.ElementTree as ET

    pages, base = ["people/ö.html", "a&b.html", "x<y>.html", "index.html"], "https://example.org/ws?a=1&b=2"
    ET.register_namespace("", feeds.SITEMAP)
    urlset = ET.Element(f"{{{feeds.SITEMAP}}}urlset")
    for path in sorted(pages):
        url = ET.SubElement(urlset, f"{{{feeds.SITEMAP}}}url")
        ET.SubElement(url, f"{{{feeds.SITEMAP}}}loc").text = f"{base}/{path}"
    ET.indent(urlset)
    assert feeds.sitemap(pages, base) == ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
    parsed = etree.fromstring(feeds.sitemap(pages, base))
    assert [loc.text for loc in parsed.iter(f"{{{feeds.SITEMAP}}}loc")] == [f"{base}/{p}" for p in sorted(pages)]


def test_not_found_page_uses_absolute_links(site: Path) -> None:
    page = parse(site / "404.html")
    assert "Page not found" in page.get_text()
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    prefix = urlsplit(BASE).path  # the extension derives the 404 page's prefix from html_baseurl
    assert prefix == "/archive/"
    assert stylesheets and all(href.startswith(prefix) for href in stylesheets)


@pytest.mark.browser
def test_program_times_switch_to_the_readers_zone_and_stay_switched(site: Path, browser) -> None:
    from zoneinfo import ZoneInfo

    from dev.localsite import serve

    reader = ZoneInfo("Europe/Stockholm")
    keynote_id = next(iter(HELD.keynotes))
    first, keynote = HELD.slots[0], HELD.slot_for_keynote(keynote_id)
    with serve(site) as base:
        context = browser.new_context(timezone_id="Europe/Stockholm")
        page = context.new_page()
        page.goto(base + f"{HELD.id}/program.html")
        shown = page.locator("time.proceedings-time").first
        assert shown.inner_text() == first.start
        page.get_by_role("button", name="Show my time (Europe/Stockholm)").click()
        local = HELD.slot_datetime(first, first.start).astimezone(reader)
        # the reader's day is named when it is not the event's (Auckland's morning is Stockholm's evening before)
        assert local.date() != HELD.days[0]
        assert shown.inner_text() == f"{local:%H:%M} ({local:%a, %b} {local.day})"
        page.goto(base + layout.html(layout.keynote(HELD.id, keynote_id)))  # remembered on another page
        in_reader_zone = HELD.slot_datetime(keynote, keynote.start).astimezone(reader)
        assert page.locator("time.proceedings-time").first.inner_text().startswith(f"{in_reader_zone:%H:%M}")
        page.get_by_role("button", name="Show event time").click()
        assert page.locator("time.proceedings-time").first.inner_text() == keynote.start
        context.close()


def test_earlier_schema_versions_stay_published(site: Path) -> None:
    earlier = json.loads((site / "schema/papers-1.0.json").read_text())
    assert earlier["$id"] == "schema/papers-1.0.json"
    assert "abstract_text" not in earlier["$defs"]["PaperOut"]["properties"]
    assert data.SCHEMA_VERSION != "1.0"
