"""schedule.xml and schedule.json against copies of the C3VOC's schemas (tests/fixtures/voc), with stable ids."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from lxml import etree

from proceedings_site.exports import frab, schedule_ids, schedule_json
from proceedings_site.model import Proceedings, load_proceedings

from .metadata_tree import minimal_tree, write
from .sitebuild import WORKSHOP_METADATA, SphinxBuilder

VOC = Path(__file__).parent / "fixtures/voc"
BASE = "https://example.org/proceedings/"


@pytest.fixture(scope="module")
def xsd() -> etree.XMLSchema:
    return schedule_schemas()[0]


# The two revisions of the VOC's schema (tests/fixtures/voc/README.md); the newer one carries // comments.
REVISIONS = {"198e253": "schema.json", "08187a2": "schema-08187a2.json"}
# Where the revisions contradict each other no document satisfies both: the older one requires do_not_record as
# a boolean (as pretalx writes it), the newer one types it as text or null. We follow the older one and pretalx.
CONTRADICTIONS = {"08187a2": {("do_not_record", "False is not of type 'string', 'null'")}}


def load_schema(name: str) -> dict:
    text = (VOC / name).read_text(encoding="utf-8")
    return json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE))


def schedule_schemas() -> tuple[etree.XMLSchema, dict[str, jsonschema.Draft6Validator]]:
    """The XSD, and a validator for each revision of the JSON Schema."""
    checker = jsonschema.Draft6Validator.FORMAT_CHECKER
    validators = {
        rev: jsonschema.Draft6Validator(load_schema(f), format_checker=checker) for rev, f in REVISIONS.items()
    }
    return etree.XMLSchema(etree.parse(str(VOC / "schedule.xml.xsd"))), validators


@pytest.fixture(scope="module")
def json_schema() -> dict[str, jsonschema.Draft6Validator]:
    return schedule_schemas()[1]


@pytest.fixture
def proceedings(tmp_path: Path) -> Proceedings:
    return load_proceedings(minimal_tree(tmp_path))


def assert_valid_xml(xsd: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    assert xsd.validate(root), "\n".join(str(error) for error in xsd.error_log)
    return root


def assert_valid_json(validators: dict[str, jsonschema.Draft6Validator], document: dict) -> None:
    """Valid against every revision, but where two revisions contradict each other."""
    for revision, validator in validators.items():
        known = CONTRADICTIONS.get(revision, set())
        errors = [e for e in validator.iter_errors(document) if (e.path and e.path[-1], e.message) not in known]
        report = "\n".join(f"{list(error.absolute_path)}: {error.message}" for error in errors)
        assert not errors, f"revision {revision}:\n{report}"
    for day in document["schedule"]["conference"]["days"]:
        for events in day["rooms"].values():
            for event in events:  # formats the schema names but jsonschema checks only with optional packages
                uuid.UUID(event["guid"])
                assert event["url"].startswith("https://")
                assert all(isinstance(p["id"], int) and p["id"] > 0 for p in event["persons"])


def test_frab_xml_is_valid_with_integer_ids(proceedings: Proceedings, xsd) -> None:
    edition = proceedings.current
    root = assert_valid_xml(xsd, frab.schedule(proceedings, edition, BASE, "test-site"))
    assert root.find("generator").get("name") == "test-site"
    events = root.findall("day/room/event")
    assert len(events) == len(edition.slots)
    keynote = events[1]
    assert [p.text for p in keynote.findall("persons/person")] == ["Grace Hopper"]
    assert keynote.find("persons/person").get("id") == str(schedule_ids.integer_id("person", "grace-hopper"))
    assert keynote.findtext("url") == BASE + "2030-test/program.html#2030-test-slot-0910"


def test_schedule_json_is_valid(proceedings: Proceedings, json_schema) -> None:
    edition = proceedings.current
    document = json.loads(schedule_json.dump(proceedings, edition, BASE))
    assert_valid_json(json_schema, document)
    conference = document["schedule"]["conference"]
    assert conference["acronym"] == "2030_test" and conference["time_zone_name"] == "America/Vancouver"
    assert conference["rooms"] == [{"name": "Hall A", "guid": schedule_ids.room_guid(edition)}]
    (day,) = conference["days"]
    events = day["rooms"]["Hall A"]
    assert [e["start"] for e in events] == ["09:00", "09:10", "09:50", "10:30"]
    assert [e["duration"] for e in events] == ["00:10", "00:40", "00:40", "01:00"]
    assert day["day_start"] == "2030-07-19T09:00:00-07:00" and day["day_end"] == "2030-07-19T11:30:00-07:00"
    panel = events[3]
    assert [p["name"] for p in panel["persons"]] == ["Ada Lovelace", "Grace Hopper"]


def test_xml_and_json_describe_the_same_events(proceedings: Proceedings) -> None:
    edition = proceedings.current
    root = etree.fromstring(frab.schedule(proceedings, edition, BASE, "test-site"))
    document = json.loads(schedule_json.dump(proceedings, edition, BASE))
    events = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    xml_ids = [(int(e.get("id")), e.get("guid"), e.findtext("slug")) for e in root.findall("day/room/event")]
    assert xml_ids == [(e["id"], e["guid"], e["slug"]) for e in events]


def test_ids_and_guids_survive_changes_elsewhere(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    before = load_proceedings(meta)
    old = json.loads(schedule_json.dump(before, before.current, BASE))
    # a new person in the registry and a new slot early in the day shift every position, but no id
    write(meta / "people/aaron-aardvark.yaml", {"name": "Aaron Aardvark"})
    program = meta / "2030-test/program.yaml"
    program.write_text(
        program.read_text().replace(
            "slots:\n", "slots:\n- start: '08:30'\n  end: '08:45'\n  kind: session\n  title: Coffee\n", 1
        )
    )
    after = load_proceedings(meta)
    new = json.loads(schedule_json.dump(after, after.current, BASE))

    def ids(document: dict) -> dict[str, tuple]:
        events = document["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
        return {e["slug"]: (e["id"], e["guid"], [p["id"] for p in e["persons"]]) for e in events}

    assert len(ids(new)) == len(ids(old)) + 1
    assert {slug: value for slug, value in ids(new).items() if slug in ids(old)} == ids(old)


def test_the_build_writes_schedule_json_beside_schedule_xml(workshop_site: SphinxBuilder, xsd, json_schema) -> None:
    with_program = [edition for edition in load_proceedings(WORKSHOP_METADATA).editions if edition.slots]
    assert len(with_program) >= 2
    for edition in with_program:
        assert_valid_xml(xsd, workshop_site.path(f"{edition.id}/schedule.xml").read_bytes())
        schedule = json.loads(workshop_site.path(f"{edition.id}/schedule.json").read_text(encoding="utf-8"))
        assert_valid_json(json_schema, schedule)
        assert schedule["schedule"]["conference"]["time_zone_name"] == edition.info.timezone


def test_a_collision_of_integer_ids_is_detected(monkeypatch) -> None:
    monkeypatch.setattr(schedule_ids, "integer_id", lambda kind, key: 7)
    with pytest.raises(ValueError, match="person ids collide: 'a' and 'b'"):
        schedule_ids.integer_ids("person", ["a", "b"])


def test_a_program_over_two_days_validates_with_a_day_each(
    workshop_site: SphinxBuilder, workshop: Proceedings, xsd, json_schema
) -> None:
    """The fixture workshop's held edition spans two days in Pacific/Auckland."""
    edition = next(edition for edition in workshop.editions if len(edition.days) > 1)
    root = assert_valid_xml(xsd, workshop_site.path(f"{edition.id}/schedule.xml").read_bytes())
    assert [day.get("date") for day in root.findall("day")] == [day.isoformat() for day in edition.days]
    document = json.loads(workshop_site.path(f"{edition.id}/schedule.json").read_text(encoding="utf-8"))
    assert_valid_json(json_schema, document)
    days = document["schedule"]["conference"]["days"]
    assert document["schedule"]["conference"]["daysCount"] == len(edition.days) == len(days)
    events = [event for day in days for room in day["rooms"].values() for event in room]
    assert len({event["id"] for event in events}) == len({event["slug"] for event in events}) == len(edition.slots)


@pytest.mark.parametrize("edition_id", ["2025-icml", "2026-eccv-malmo", "ab", "x-1", "ice2027"])
def test_acronyms_match_every_revision(edition_id: str) -> None:
    acronym = schedule_ids.acronym(SimpleNamespace(id=edition_id))  # type: ignore[arg-type]
    for name in REVISIONS.values():
        pattern = load_schema(name)["definitions"]["Conference"]["properties"]["acronym"]["pattern"]
        assert re.search(pattern, acronym), (name, acronym)
