"""Citations, calendars and data exports, each read back with a real parser and checked by value."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import bibtexparser
import icalendar
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from lxml import etree

from proceedings_site import textformat
from proceedings_site.exports import bibtex, data
from proceedings_site.model import load_proceedings

from .htmlpage import article, parse
from .metadata_tree import minimal_tree, write
from .sitebuild import REPO

PROCEEDINGS = load_proceedings(REPO / "proceedings")
ICML = PROCEEDINGS.edition("2025-icml")
BASE = "https://terrabytes-workshop.github.io/proceedings/"


def read_bib(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    return {entry.key: {field.key: field.value for field in entry.fields} for entry in library.entries}


def test_edition_bibtex_has_every_paper_with_pmlr_fields(real_site: Path) -> None:
    entries = read_bib((real_site / "2025-icml/papers.bib").read_text(encoding="utf-8"))
    assert list(entries) == list(ICML.papers)
    hu = entries["hu25a"]
    assert hu["title"] == ICML.papers["hu25a"].title
    assert hu["author"] == "Yuzhen Hu and Biplab Banerjee and Saurabh Prasad"
    assert (hu["volume"], hu["pages"], hu["publisher"]) == ("292", "141–165", "PMLR")  # "--" reads as an en dash
    assert hu["series"] == "Proceedings of Machine Learning Research"
    assert hu["booktitle"].startswith("Proceedings of The TerraBytes ICML Workshop")
    assert (hu["year"], hu["month"], hu["address"]) == ("2025", "jul", "Vancouver, Canada")
    assert hu["url"] == "https://proceedings.mlr.press/v292/hu25a.html"
    short = entries["shinde25a"]  # not in PMLR: the site's own page is the URL
    assert "volume" not in short and short["url"] == BASE + "2025-icml/papers/shinde25a.html"


def test_diacritics_survive_the_round_trip(real_site: Path) -> None:
    entries = read_bib((real_site / "papers.bib").read_text(encoding="utf-8"))
    assert "Nicolás Gonzalo Isla Fernández" in entries["castiglioni25a"]["author"]
    assert "Marc Rußwurm" in entries["nedungadi25a"]["author"]
    assert len(entries) == 24


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


def test_paper_page_shows_its_bibtex_with_a_copy_button(real_site: Path) -> None:
    page = real_site / "2025-icml/papers/hu25a.html"
    block = article(page).select_one("div.highlight-bibtex pre")
    assert block is not None
    assert read_bib(block.get_text())["hu25a"]["pages"] == "141–165"
    assert any("copybutton" in (s.get("src") or "") for s in parse(page).find_all("script"))
    links = {a["href"] for a in article(page).select("a.proceedings-download")}
    assert links == {"../papers.bib", "../../papers.bib"}


def test_google_scholar_tags(real_site: Path) -> None:
    page = parse(real_site / "2025-icml/papers/boum25a.html")
    tags = [
        (m["name"], m["content"])
        for m in page.find_all("meta", attrs={"name": True})
        if m["name"].startswith("citation_")
    ]
    values = {}
    for name, content in tags:
        values.setdefault(name, []).append(content)
    assert values["citation_title"] == [ICML.papers["boum25a"].title]
    assert values["citation_author"] == ["Marie-Ange Boum", "Pierre Fournier", "Dawa Derksen", "Stéphane Herbin"]
    assert values["citation_publication_date"] == ["2025/07/19"]
    assert values["citation_conference_title"][0].startswith("Proceedings of The TerraBytes ICML Workshop")
    assert values["citation_pdf_url"] == [ICML.papers["boum25a"].links.pdf]
    assert values["citation_abstract_html_url"] == [BASE + "2025-icml/papers/boum25a.html"]
    assert (values["citation_firstpage"], values["citation_lastpage"]) == (["124"], ["140"])
    short = parse(real_site / "2025-icml/papers/shinde25a.html")
    assert not short.find("meta", attrs={"name": "citation_pdf_url"})  # no PDF, no tag
    assert page.find("meta", attrs={"property": "og:title"})["content"] == ICML.papers["boum25a"].title
    assert page.find("meta", attrs={"property": "og:url"})["content"] == BASE + "2025-icml/papers/boum25a.html"


def json_ld(page: Path) -> dict:
    [script] = parse(page).find_all("script", attrs={"type": "application/ld+json"})
    return json.loads(script.string)


def test_schema_org_json_ld(real_site: Path) -> None:
    article_ld = json_ld(real_site / "2025-icml/papers/hu25a.html")
    assert article_ld["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in article_ld["author"]] == ["Yuzhen Hu", "Biplab Banerjee", "Saurabh Prasad"]
    event = json_ld(real_site / "2025-icml/index.html")
    assert event["@type"] == "Event"
    assert dt.datetime.fromisoformat(event["startDate"]) == dt.datetime(2025, 7, 19, 16, 0, tzinfo=dt.UTC)
    assert dt.datetime.fromisoformat(event["endDate"]) == dt.datetime(2025, 7, 20, 0, 30, tzinfo=dt.UTC)
    assert event["location"]["name"] == "Vancouver Convention Center, West Meeting Room 111-112"
    assert len(event["organizer"]) == 10
    person = json_ld(real_site / "people/ritu-yadav.html")
    assert (person["@type"], person["name"], person["alternateName"]) == ("Person", "Ritu Yadav", ["RITU YADAV"])


def test_program_calendar(real_site: Path) -> None:
    data = (real_site / "2025-icml/program.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(ICML.slots) == 14
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "America/Vancouver"
    opening = events[0]
    assert opening["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2025, 7, 19, 16, 0, tzinfo=dt.UTC)
    assert opening["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2025, 7, 19, 16, 10, tzinfo=dt.UTC)
    assert opening.get("DTSTART").params["TZID"] == "America/Vancouver"
    assert str(opening["SUMMARY"]) == "TerraBytes 2025: Opening remarks"
    assert "Vancouver Convention Center" in str(opening["LOCATION"])
    assert "Video: https://slideslive.com/39044616" in str(opening["DESCRIPTION"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 14 and uids[0] == "2025-icml-0900@terrabytes-proceedings"
    keynote = events[1]
    assert "Keynote by Sujit Roy" in str(keynote["DESCRIPTION"])


def test_add_to_calendar_links_give_one_event_with_the_same_uid(real_site: Path) -> None:
    page = real_site / "2025-icml/program.html"
    links = [a["href"] for a in article(page).select("a.proceedings-download") if a.get_text() == "Add to calendar"]
    assert len(links) == 14
    single = icalendar.Calendar.from_ical((real_site / "2025-icml" / links[1]).read_bytes())
    [event] = single.walk("VEVENT")
    assert str(event["UID"]) == "2025-icml-0910@terrabytes-proceedings"
    assert single.walk("VTIMEZONE")


def load_schema(real_site: Path, name: str) -> dict:
    schema = json.loads((real_site / f"schema/{name}-{data.SCHEMA_VERSION}.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_data_files_follow_their_published_schemas(real_site: Path) -> None:
    for edition in ("2025-icml", "2026-eccv"):
        for name in ("papers", "people", "program"):
            document = json.loads((real_site / f"{edition}/{name}.json").read_text(encoding="utf-8"))
            jsonschema.validate(document, load_schema(real_site, name), cls=jsonschema.Draft202012Validator)
            assert document["schema_version"] == data.SCHEMA_VERSION and document["edition"] == edition
    papers = json.loads((real_site / "2025-icml/papers.json").read_text(encoding="utf-8"))["papers"]
    assert [p["id"] for p in papers] == list(ICML.papers)
    assert papers[0]["authors"][0] == {"person": "yuzhen-hu", "name": "Yuzhen Hu", "affiliation": None}
    program = json.loads((real_site / "2025-icml/program.json").read_text(encoding="utf-8"))
    assert program["slots"][0]["start"] == "2025-07-19T09:00:00-07:00"
    assert program["slots"][1]["keynote"] == "sujit-roy"
    people = {
        p["id"]: p for p in json.loads((real_site / "2025-icml/people.json").read_text(encoding="utf-8"))["people"]
    }
    assert {r["kind"] for r in people["ritu-yadav"]["roles"]} == {"organizer", "committee"}
    people_2026 = json.loads((real_site / "2026-eccv/people.json").read_text(encoding="utf-8"))["people"]
    assert len(people_2026) == 9


def test_earlier_schema_versions_stay_published(real_site: Path) -> None:
    earlier = json.loads((real_site / "schema/papers-1.0.json").read_text())
    assert earlier["$id"] == "schema/papers-1.0.json"
    assert "abstract_text" not in earlier["$defs"]["PaperOut"]["properties"]
    assert data.SCHEMA_VERSION != "1.0"


def test_data_that_breaks_the_schema_is_rejected(real_site: Path) -> None:
    document = json.loads((real_site / "2025-icml/papers.json").read_text(encoding="utf-8"))
    document["papers"][0]["track"] = "medium"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, load_schema(real_site, "papers"), cls=jsonschema.Draft202012Validator)


def test_frab_schedule(real_site: Path) -> None:
    root = etree.fromstring((real_site / "2025-icml/schedule.xml").read_bytes())
    assert root.findtext("conference/time_zone_name") == "America/Vancouver"
    events = root.findall("day/room/event")
    assert len(events) == 14
    first = events[0]
    assert (first.findtext("start"), first.findtext("duration"), first.findtext("title")) == (
        "09:00",
        "00:10",
        "Opening remarks",
    )
    assert first.findtext("date") == "2025-07-19T09:00:00-07:00"
    assert [p.text for p in events[1].findall("persons/person")] == ["Sujit Roy"]
    assert len({e.get("guid") for e in events}) == 14
    assert events[-1].findtext("room") == "Vancouver Convention Center, West Meeting Room 111-112"


def test_atom_feed_and_sitemap(real_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = etree.fromstring((real_site / "papers.atom").read_bytes())
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 24
    assert entries[0].findtext(f"{atom}id") == BASE + "2025-icml/papers/hu25a.html"
    assert [a.findtext(f"{atom}name") for a in entries[0].findall(f"{atom}author")] == [
        "Yuzhen Hu",
        "Biplab Banerjee",
        "Saurabh Prasad",
    ]
    sitemap = etree.fromstring((real_site / "sitemap.xml").read_bytes())
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert BASE + "2025-icml/papers/hu25a.html" in locations and BASE + "people/ritu-yadav.html" in locations
    pages = [
        p
        for p in real_site.rglob("*.html")
        if "_static" not in p.parts and p.name not in {"search.html", "genindex.html", "404.html"}
    ]
    assert len(locations) >= len(pages) - 1


def test_not_found_page_uses_absolute_links(real_site: Path) -> None:
    page = parse(real_site / "404.html")
    assert "Page not found" in page.get_text()
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith("/proceedings/") for href in stylesheets)


def test_exports_are_deterministic(tmp_path: Path) -> None:
    from .sitebuild import copy_docs, sphinx_build

    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name / "html"
        status, log = sphinx_build(copy_docs(tmp_path / name / "src"), out, REPO / "proceedings")
        assert status == 0, log
        # Ours only: Pagefind indexes in parallel, so its bundle's hashes vary between identical builds.
        outputs.append(
            {
                p.relative_to(out): p.read_bytes()
                for p in out.rglob("*")
                if p.suffix in {".bib", ".ics", ".json", ".xml", ".atom"} and p.is_file() and "pagefind" not in p.parts
            }
        )
    assert outputs[0] == outputs[1] and len(outputs[0]) > 20


@pytest.mark.browser
def test_program_times_switch_to_the_readers_zone_and_stay_switched(real_site: Path, browser) -> None:
    from proceedings_site.localsite import serve

    with serve(real_site) as base:
        context = browser.new_context(timezone_id="Europe/Stockholm")
        page = context.new_page()
        page.goto(base + "2025-icml/program.html")
        first = page.locator("time.proceedings-time").first
        assert first.inner_text() == "09:00"
        page.get_by_role("button", name="Show my time (Europe/Stockholm)").click()
        assert first.inner_text() == "18:00"
        page.goto(base + "2025-icml/keynotes/sujit-roy.html")  # remembered on another page
        assert page.locator("time.proceedings-time").first.inner_text() == "18:10"
        page.get_by_role("button", name="Show event time").click()
        assert page.locator("time.proceedings-time").first.inner_text() == "09:10"
        context.close()
