"""Content tests of the real metadata in proceedings/: it validates, builds without a warning, and the program,
keynotes, organizers and papers are all there. The code is tested on the fixture workshop (tests/fixtures/workshop);
these tests only check that what the metadata says reached the site, so adding a paper never breaks them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from proceedings_site import layout
from proceedings_site.authoring.schema import HEADER_PREFIX, MODELS, kind_of, schema_text
from proceedings_site.exports import frab, schedule_ids, schedule_json
from proceedings_site.load import load_yaml
from proceedings_site.model import load_proceedings

from .htmlpage import article, heading_text, internal_links, title_of
from .sitebuild import REAL_METADATA, REPO, SphinxBuilder
from .test_determinism import in_fresh_process
from .test_schedule import assert_valid_json, assert_valid_xml, schedule_schemas

PROCEEDINGS = load_proceedings(REAL_METADATA)


@pytest.fixture(scope="module")
def site(real_site: SphinxBuilder) -> Path:
    return real_site.out


def linked_pages(site: Path, page: Path) -> set[str]:
    """The pages the page's content links to, as paths from the site root."""
    return {path.relative_to(site).as_posix() for path, _ in internal_links(site, page, article(page))}


def test_the_metadata_validates() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "proceedings_site.cli", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("all valid.")


def test_the_site_builds_without_a_warning(real_site: SphinxBuilder) -> None:
    assert real_site.passed and real_site.warnings == ""  # build() asserted it; said here for the reader


def test_every_metadata_file_points_at_its_schema_and_follows_it() -> None:
    schemas = {kind: json.loads(schema_text(kind)) for kind in MODELS}
    paths = sorted(REAL_METADATA.rglob("*.yaml"))
    papers = sum(len(edition.papers) for edition in PROCEEDINGS.editions)
    assert len(paths) >= len(PROCEEDINGS.people) + papers
    for path in paths:
        kind = kind_of(path, REAL_METADATA)
        assert kind is not None, path
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        target = (path.parent / first_line.removeprefix(HEADER_PREFIX)).resolve()
        assert target == (REPO / "schemas" / f"{kind}.schema.json").resolve(), path
        # read as the project and editors read YAML: dates stay text (YAML 1.2 core schema)
        jsonschema.validate(load_yaml(path, path.name).data, schemas[kind])


ASSEMBLE = """
import hashlib, sys
from pathlib import Path
from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble
pages = assemble(load_proceedings(Path(sys.argv[1]))).pages
print("\\n".join(f"{name} {hashlib.sha256(text.encode()).hexdigest()}" for name, text in sorted(pages.items())))
"""


def test_the_metadata_assembles_identically_under_any_hash_seed() -> None:
    """Two processes with different ``PYTHONHASHSEED`` write the same pages (same names, same text)."""
    runs = [in_fresh_process(ASSEMBLE, seed, str(REAL_METADATA)) for seed in ("0", "12345")]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    papers = sum(len(edition.papers) for edition in PROCEEDINGS.editions)
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count("\n") >= papers


@pytest.mark.parametrize("edition", PROCEEDINGS.editions, ids=lambda edition: edition.id)
def test_every_paper_has_its_page_and_is_in_its_editions_lists(site: Path, edition) -> None:
    listed = linked_pages(site, site / layout.html(layout.papers(edition.id)))
    everything = linked_pages(site, site / layout.html(layout.PAPERS_HUB))
    for paper_id, paper in edition.papers.items():
        page = layout.html(layout.paper(edition.id, paper_id))
        assert title_of(site / page) == paper.title
        assert page in listed and page in everything, paper_id
        authors = {layout.html(layout.person(a.person)) for a in paper.authors}
        assert authors <= linked_pages(site, site / page), paper_id
    if edition.papers:
        bib = bibtexparser.parse_string((site / layout.bibtex(edition.id)).read_text(encoding="utf-8"))
        assert [entry.key for entry in bib.entries] == list(edition.papers)


@pytest.mark.parametrize("edition", PROCEEDINGS.editions, ids=lambda edition: edition.id)
def test_the_program_has_every_slot_with_its_keynote_panel_and_papers(site: Path, edition) -> None:
    page = site / layout.html(layout.program(edition.id))
    headings = [heading_text(h) for h in article(page).find_all(["h2", "h3"])]
    titles = [heading.split(" · ", 1)[1] for heading in headings if " · " in heading]
    assert titles == [edition.slot_title(slot) for slot in edition.slots]
    targets = linked_pages(site, page)
    for slot in edition.slots:
        if slot.keynote:
            assert layout.html(layout.keynote(edition.id, slot.keynote)) in targets
        if slot.panel:
            assert layout.html(layout.panel(edition.id, slot.panel)) in targets
        assert {layout.html(layout.paper(edition.id, entry.paper)) for entry in slot.papers} <= targets
    for slot in edition.slots:
        assert (site / layout.slot_calendar(edition.id, edition.slot_key(slot))).is_file()


@pytest.mark.parametrize("edition", PROCEEDINGS.editions, ids=lambda edition: edition.id)
def test_every_keynote_and_panel_has_a_page_linking_its_people(site: Path, edition) -> None:
    for keynote_id, keynote in edition.keynotes.items():
        page = layout.html(layout.keynote(edition.id, keynote_id))
        assert title_of(site / page) == keynote.title
        speaker = layout.html(layout.person(keynote.speaker))
        assert speaker in linked_pages(site, site / page) and title_of(site / speaker)
    for panel_id, panel in edition.panels.items():
        page = layout.html(layout.panel(edition.id, panel_id))
        people = {layout.html(layout.person(entry.person)) for entry in panel.panelists}
        assert people <= linked_pages(site, site / page)


@pytest.mark.parametrize("edition", PROCEEDINGS.editions, ids=lambda edition: edition.id)
def test_organizers_and_committee_are_on_the_edition_page(site: Path, edition) -> None:
    linked = linked_pages(site, site / layout.html(layout.edition(edition.id)))
    people = [*edition.info.organizers, *edition.info.program_committee]
    assert {layout.html(layout.person(role.person)) for role in people} <= linked
    assert title_of(site / layout.html(layout.edition(edition.id))) == edition.info.short_name


def test_everyone_has_a_page_listed_in_the_people_index(site: Path) -> None:
    listed = linked_pages(site, site / layout.html(layout.PEOPLE))
    for person_id, person in PROCEEDINGS.people.items():
        page = layout.html(layout.person(person_id))
        assert title_of(site / page) == person.name and page in listed


def test_schedule_ids_are_positive_and_distinct_for_the_real_registry() -> None:
    proceedings = PROCEEDINGS
    people = schedule_ids.integer_ids("person", proceedings.people)
    assert all(0 < number < 2**31 for number in people.values())
    events = [schedule_ids.event_id(e, slot) for e in proceedings.editions for slot in e.slots]
    assert len(set(events)) == len(events)


def test_the_real_programs_validate_against_the_schedule_schemas() -> None:
    proceedings = PROCEEDINGS
    xsd, json_schema = schedule_schemas()
    checked = 0
    for edition in proceedings.editions:
        if edition.slots:
            assert_valid_xml(xsd, frab.schedule(proceedings, edition, "https://example.org/", "test-site"))
            assert_valid_json(json_schema, json.loads(schedule_json.dump(proceedings, edition, "https://example.org/")))
            checked += 1
    assert checked >= 1
