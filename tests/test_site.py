"""The fixture workshop built with Sphinx, read back with an HTML parser. What the tests expect comes from its
metadata (loaded once here), so the fixture can grow without editing them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import Tag

from proceedings_site import layout
from proceedings_site.model import load_proceedings
from proceedings_site.pages.common import date

from .htmlpage import article, heading_text, internal_links, parse, resolve, title_of
from .sitebuild import WORKSHOP_DOCS, WORKSHOP_METADATA, SphinxBuilder

WORKSHOP = load_proceedings(WORKSHOP_METADATA)
# The day the fixture's site is built "on" (proceedings_today in its conf.py) tells held editions from upcoming ones.
TODAY = dt.date.fromisoformat(re.search(r'proceedings_today = "(.+)"', (WORKSHOP_DOCS / "conf.py").read_text())[1])
HELD_EDITIONS = [edition for edition in WORKSHOP.editions if edition.info.date <= TODAY]
HELD = min(HELD_EDITIONS, key=lambda edition: edition.info.date)  # the first: two days, nothing in the series
PUBLISHED = next(edition for edition in HELD_EDITIONS if edition.info.pmlr)  # the one published in the series
ANNOUNCED = next(edition for edition in WORKSHOP.editions if edition.info.date > TODAY)
SITE = WORKSHOP.site


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    return workshop_site.out


def person_pages_linked_from(site: Path, page: Path) -> set[str]:
    links = internal_links(site, page, article(page))
    return {path.stem for path, _ in links if path.parent.name == "people" and path != page}


def text_of(page: Path) -> str:
    return " ".join(article(page).get_text(" ").split())


def test_the_fixture_differs_from_the_real_site_where_it_matters() -> None:
    """The fixture's shape, which the tests below rely on."""
    assert len(SITE.tracks) == 3 and SITE.series is not None and SITE.series.short_name != "PMLR"
    assert HELD.info.pmlr is None and PUBLISHED.info.pmlr is not None
    published = {paper.track for paper in PUBLISHED.papers.values() if paper.pmlr}
    assert published == {track.id for track in SITE.tracks if track.in_series}
    assert any(not paper.pmlr for paper in PUBLISHED.papers.values())  # other tracks are not in the series
    assert len(HELD.days) == 2 and HELD.info.timezone == "Pacific/Auckland"
    assert {paper.track for paper in HELD.papers.values()} == set(SITE.track_ids)
    assert not ANNOUNCED.papers and not ANNOUNCED.slots
    names = [person.name for person in WORKSHOP.people.values()]
    assert any(names.count(name) > 1 for name in names)


def test_every_paper_has_a_page_titled_with_its_title(site: Path) -> None:
    for edition in WORKSHOP.editions:
        folder = site / edition.id / "papers"
        assert {page.stem for page in folder.glob("*.html")} == {"index", *edition.papers}
        for paper_id, paper in edition.papers.items():
            page = folder / f"{paper_id}.html"
            assert title_of(page) == paper.title
            assert parse(page).title.get_text().startswith(paper.title)


def test_authors_link_in_order_to_person_pages_that_link_back(site: Path) -> None:
    for paper_id, paper in HELD.papers.items():
        page = site / layout.html(layout.paper(HELD.id, paper_id))
        first_list = article(page).select_one(".proceedings-authors")  # inline, as PMLR shows them
        linked = [path.stem for path, _ in internal_links(site, page, first_list)]
        assert linked == [author.person for author in paper.authors], paper_id
        for person_id in linked:
            person_page = site / f"people/{person_id}.html"
            back = {path for path, _ in internal_links(site, person_page, article(person_page))}
            assert page in back, f"{person_id} does not link back to {paper_id}"


def test_an_author_is_shown_with_the_name_printed_on_the_paper(site: Path) -> None:
    for paper_id, paper in HELD.papers.items():
        authors = article(site / f"{HELD.id}/papers/{paper_id}.html").select_one(".proceedings-authors")
        names = [a.get_text() for a in authors.find_all("a")]
        assert names == [WORKSHOP.displayed_name(author) for author in paper.authors]
    assert any(author.name for paper in HELD.papers.values() for author in paper.authors)  # the fixture has one


def test_program_has_a_heading_per_day_and_every_slot_in_order_with_its_times(site: Path) -> None:
    page = article(site / f"{HELD.id}/program.html")
    days = [heading_text(h2) for h2 in page.find_all("h2")]
    assert days == [f"{day:%A} {date(day)}" for day in HELD.days]
    for h2, day in zip(page.find_all("h2"), HELD.days, strict=True):
        slots = [slot for slot in HELD.slots if HELD.slot_date(slot) == day]
        headings = [heading_text(h3) for h3 in h2.parent.find_all("h3")]
        assert headings == [f"{slot.start}–{slot.end} · {HELD.slot_title(slot)}" for slot in slots]
    city = HELD.info.timezone.split("/")[-1]
    assert f"All times are {city} time (UTC+" in " ".join(page.get_text(" ").split())


def test_second_day_slots_carry_their_date_in_anchors_and_calendar_files(site: Path) -> None:
    page = article(site / f"{HELD.id}/program.html")
    downloads = {a["href"] for a in page.select("a.proceedings-download") if a.get_text() == "Add to calendar"}
    ids = {tag["id"] for tag in page.find_all(id=True)}
    second_day = [slot for slot in HELD.slots if HELD.slot_date(slot) == HELD.days[1]]
    assert second_day
    for slot in HELD.slots:
        key = HELD.slot_key(slot)
        assert (key.startswith(f"{HELD.days[1]:%Y%m%d}-")) == (slot in second_day), key
        # docutils drops the leading digits of an id: "2024-christchurch-slot-…" becomes "christchurch-slot-…"
        anchor = layout.slot_anchor(HELD.id, key)
        assert any(anchor.endswith(element_id) and element_id.endswith(f"slot-{key}") for element_id in ids), key
        calendar = layout.slot_calendar(HELD.id, key)
        assert (site / calendar).is_file() and Path(calendar).relative_to(HELD.id).as_posix() in downloads
    assert len(downloads) == len(HELD.slots)


def test_program_slots_link_keynotes_panel_papers_and_videos(site: Path) -> None:
    page = site / f"{HELD.id}/program.html"
    targets = {path.relative_to(site).as_posix() for path, _ in internal_links(site, page, article(page))}
    assert {layout.html(layout.keynote(HELD.id, k)) for k in HELD.keynotes} <= targets
    assert {layout.html(layout.panel(HELD.id, p)) for p in HELD.panels} <= targets
    in_program = {entry.paper for slot in HELD.slots for entry in slot.papers}
    assert in_program and {layout.html(layout.paper(HELD.id, p)) for p in in_program} <= targets
    hrefs = [a["href"] for a in article(page).find_all("a", href=True)]
    assert all(slot.video in hrefs for slot in HELD.slots if slot.video)


def test_the_announced_edition_has_a_call_for_papers_and_no_program_yet(site: Path) -> None:
    edition = text_of(site / f"{ANNOUNCED.id}/index.html")
    assert "is scheduled for" in edition and "Submissions in three formats:" in edition
    for track in SITE.tracks:
        assert f"{track.plural}: {ANNOUNCED.info.submission_formats.tracks[track.id]}" in edition
    assert "has not been published yet" in text_of(site / f"{ANNOUNCED.id}/program.html")
    assert "once they are announced" in text_of(site / f"{ANNOUNCED.id}/papers/index.html")


def test_keynote_pages_link_their_speakers(site: Path) -> None:
    for keynote_id, keynote in HELD.keynotes.items():
        page = site / f"{HELD.id}/keynotes/{keynote_id}.html"
        assert title_of(page) == keynote.title
        assert keynote.speaker in person_pages_linked_from(site, page)
        if keynote.abstract:
            assert " ".join(keynote.abstract.split()) in text_of(page)
        else:
            assert "No abstract is available" in text_of(page)


def test_panel_pages_link_their_panelists_and_moderator(site: Path) -> None:
    for panel_id, panel in HELD.panels.items():
        page = site / f"{HELD.id}/panels/{panel_id}.html"
        expected = {entry.person for entry in panel.panelists} | ({panel.moderator} if panel.moderator else set())
        assert expected <= person_pages_linked_from(site, page)


def test_one_page_per_person_with_every_role_edition_by_edition(site: Path) -> None:
    labels = {
        "author": "Author of",
        "keynote": "Keynote:",
        "panelist": "Panelist:",
        "moderator": "Moderator:",
        "organizer": "Organizer of",
        "committee": "Program committee member of",
    }
    for person_id, roles in WORKSHOP.roles.items():
        page = site / f"people/{person_id}.html"
        assert title_of(page) == WORKSHOP.people[person_id].name
        sections = [heading_text(h2) for h2 in article(page).find_all("h2")]
        editions = list(dict.fromkeys(role.edition for role in roles))
        assert sections == [WORKSHOP.edition(e).info.short_name for e in editions], person_id
        text = text_of(page)
        for role in roles:
            assert labels[role.kind] in text, (person_id, role)
            if role.kind == "author":
                assert f"Author of {WORKSHOP.edition(role.edition).papers[role.target].title}" in text


def test_namesakes_have_separate_pages_told_apart_everywhere(site: Path) -> None:
    by_name: dict[str, list[str]] = {}
    for person_id, person in WORKSHOP.people.items():
        by_name.setdefault(person.name, []).append(person_id)
    namesakes = [ids for ids in by_name.values() if len(ids) > 1]
    assert namesakes
    people_index = article(site / "people/index.html")
    for ids in namesakes:
        for person_id in ids:
            person = WORKSHOP.people[person_id]
            page = site / f"people/{person_id}.html"
            assert title_of(page) == person.name and person.disambiguation in text_of(page)
            [entry] = [li for li in people_index.find_all("li") if li.a and li.a["href"] == f"{person_id}.html"]
            assert entry.get_text(" ", strip=True) == f"{person.name} ({person.disambiguation})"
            # each one's papers link to their own page, not the namesake's
            for role in WORKSHOP.roles[person_id]:
                if role.kind == "author":
                    paper_page = site / layout.html(layout.paper(role.edition, role.target))
                    linked = person_pages_linked_from(site, paper_page)
                    assert person_id in linked and not (set(ids) - {person_id}) & linked


def test_every_person_mention_on_edition_pages_is_a_link(site: Path) -> None:
    for edition in WORKSHOP.editions:
        linked = person_pages_linked_from(site, site / f"{edition.id}/index.html")
        info = edition.info
        assert {r.person for r in info.organizers} <= linked
        assert {r.person for r in info.program_committee} <= linked
        assert {c.person for c in info.contacts} <= linked


def test_edition_page_lists_sponsors_and_funding(site: Path) -> None:
    text = text_of(site / f"{HELD.id}/index.html")
    assert all(sponsor.name in text for sponsor in HELD.info.sponsors)
    assert f"This event received funding from {HELD.info.funding}." in text


def test_people_index_groups_everyone_a_to_z(site: Path) -> None:
    page = site / "people/index.html"
    letters = [heading_text(h2) for h2 in article(page).find_all("h2")]
    assert letters == sorted(letters)
    assert person_pages_linked_from(site, page) == set(WORKSHOP.people)


def test_accented_names_are_shown_as_written(site: Path) -> None:
    accented = {pid: p.name for pid, p in WORKSHOP.people.items() if not p.name.isascii()}
    assert accented
    people_index = text_of(site / "people/index.html")
    for person_id, name in accented.items():
        assert title_of(site / f"people/{person_id}.html") == name
        assert name in people_index


def test_edition_paper_list_groups_tracks_with_their_plural_labels(site: Path) -> None:
    page = article(site / f"{HELD.id}/papers/index.html")
    sections = page.find_all("h2")
    assert [heading_text(h2) for h2 in sections] == [t.plural for t in SITE.tracks]  # the fixture uses every track
    for h2, track in zip(sections, SITE.tracks, strict=True):
        papers = {pid for pid, paper in HELD.papers.items() if paper.track == track.id}
        section = h2.parent
        listed = {path.stem for path, _ in internal_links(site, site / f"{HELD.id}/papers/index.html", section)}
        assert papers <= listed
        groups = [heading_text(h3) for h3 in section.find_all("h3")]
        presentations = {SITE.presentation(HELD.papers[pid].presentation).plural for pid in papers}
        assert set(groups) == presentations
        ranked = sorted(SITE.presentations, key=lambda p: SITE.presentation_rank(p.id))
        assert groups == [p.plural for p in ranked if p.plural in presentations]  # highlighted first


def test_a_paper_of_each_track_shows_its_label_and_highlighted_presentations_a_badge(site: Path) -> None:
    for paper_id, paper in HELD.papers.items():
        page = article(site / f"{HELD.id}/papers/{paper_id}.html")
        track, presentation = SITE.track(paper.track), SITE.presentation(paper.presentation)
        badges = [badge.get_text() for badge in page.select(".sd-badge")]
        assert badges == [track.label, *([presentation.label] if presentation.highlight else [])], paper_id
        facts = page.select_one(".proceedings-paper-facts").get_text(" ", strip=True)
        assert facts.startswith(track.label) and f"· {HELD.info.short_name}" in facts, facts


def test_only_papers_published_in_the_series_name_it(site: Path) -> None:
    series = SITE.series.short_name
    for edition in HELD_EDITIONS:
        for paper_id, paper in edition.papers.items():
            facts = article(site / f"{edition.id}/papers/{paper_id}.html").select_one(".proceedings-paper-facts")
            text = facts.get_text(" ", strip=True)
            if paper.pmlr and edition.info.pmlr:
                pages = paper.pmlr.pages.replace("-", "–")
                assert f"{series} volume {edition.info.pmlr.volume}, pages {pages}" in text, paper_id
            else:
                assert "volume" not in text and series not in text and "pages" not in text, paper_id


def test_no_page_or_export_names_another_workshop(workshop_site: SphinxBuilder) -> None:
    named = [path for path in workshop_site.files() if b"terrabytes" in path.read_bytes().lower()]
    assert named == []


def test_paper_pages_without_abstract_link_to_openreview(site: Path) -> None:
    without = [pid for pid, paper in HELD.papers.items() if not paper.abstract]
    with_abstract = [pid for pid, paper in HELD.papers.items() if paper.abstract]
    assert without and with_abstract
    for paper_id in without:
        page = site / f"{HELD.id}/papers/{paper_id}.html"
        assert "No abstract has been imported" in text_of(page)
        hrefs = [a["href"] for a in article(page).find_all("a", href=True)]
        assert HELD.papers[paper_id].links.openreview in hrefs
    for paper_id in with_abstract:
        abstract = " ".join(HELD.papers[paper_id].abstract.split())
        assert abstract in text_of(site / f"{HELD.id}/papers/{paper_id}.html")


def test_paper_and_person_pages_have_a_compact_sidebar(site: Path) -> None:
    paper_id = next(iter(HELD.papers))
    for page in (site / f"{HELD.id}/papers/{paper_id}.html", site / f"people/{HELD.info.organizers[0].person}.html"):
        sidebar = parse(page).select_one(".bd-sidebar-primary .sidebar-primary-items__start")
        assert sidebar is not None and sidebar.select_one("nav.proceedings-nav") is not None
        assert len(sidebar.find_all("a")) <= 5, "paper and person pages must not list every sibling page"


def test_pages_without_a_section_have_no_empty_section_navigation(site: Path) -> None:
    def sidebar(page: str) -> Tag:
        found = parse(site / page).select_one("#pst-primary-sidebar")
        assert found is not None, page
        return found

    for page in ("papers.html", "program.html", "about.html"):  # nothing under them in the toctree
        assert "hide-on-wide" in sidebar(page)["class"] and sidebar(page).select_one("nav.bd-docs-nav") is None
    editions = sidebar("editions.html")  # a section with pages keeps its navigation
    assert "hide-on-wide" not in editions["class"] and editions.select("nav.bd-docs-nav a")


def test_no_broken_internal_link_anywhere(site: Path) -> None:
    # Not the theme's templates in _static, nor 404.html, whose links are absolute for the deployed
    # address on purpose (it is served at any depth; test_exports checks it).
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and p.name != "404.html")
    papers = sum(len(edition.papers) for edition in WORKSHOP.editions)
    assert len(pages) > len(WORKSHOP.people) + papers
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        for anchor in parse(page).find_all(["a", "link", "script", "img"]):
            href = anchor.get("href") or anchor.get("src")
            if not href or (resolved := resolve(site, page, href)) is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {tag["id"] for tag in parse(target).find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)} → {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_meta_description_on_every_generated_page(site: Path) -> None:
    for paper_id, paper in HELD.papers.items():
        description = parse(site / f"{HELD.id}/papers/{paper_id}.html").find("meta", attrs={"name": "description"})
        assert description is not None
        assert description["content"].startswith(paper.title)
        assert WORKSHOP.displayed_name(paper.authors[0]) in description["content"]


def test_incremental_build_refreshes_navigation_titles(sphinx_builder) -> None:
    """Renaming an edition changes breadcrumbs and sidebars of pages whose own source did not change."""
    site = sphinx_builder().build()
    edition = site.metadata / HELD.id / "edition.yaml"
    old = HELD.info.short_name
    edition.write_text(edition.read_text().replace(f"short_name: {old}", "short_name: Renamed MMXXIV"))
    site.build()
    keynote = site.soup(layout.html(layout.keynote(HELD.id, next(iter(HELD.keynotes)))))
    crumbs = [item.get_text(strip=True) for item in keynote.select(".bd-breadcrumbs li")]
    assert "Renamed MMXXIV" in crumbs
    assert old not in keynote.get_text()
