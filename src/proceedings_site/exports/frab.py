"""The program in the frab schedule XML format, as pretalx exports it, for conference apps (Giggity, ConfClerk…).

Valid against the C3VOC's ``schedule.xml.xsd``: integer event and person ids and UUID GUIDs
(:mod:`.schedule_ids`), absolute URLs only (none when the site's address is not configured).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .. import layout, textformat
from ..model import Edition, Proceedings, Slot
from . import schedule_ids


def duration(edition: Edition, slot: Slot) -> str:
    length = edition.slot_datetime(slot, slot.end) - edition.slot_datetime(slot, slot.start)
    minutes = int(length.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def persons(proceedings: Proceedings, edition: Edition, slot: Slot) -> list[tuple[str, str]]:
    """(person id, name) of everyone on a slot: keynote speaker, panelists, authors of its papers."""
    ids: list[str] = []
    if slot.keynote:
        ids.append(edition.keynotes[slot.keynote].speaker)
    if slot.panel:
        ids += [p.person for p in edition.panels[slot.panel].panelists]
    for entry in slot.papers:
        ids += [a.person for a in edition.papers[entry.paper].authors]
    return [(person_id, proceedings.people[person_id].name) for person_id in dict.fromkeys(ids)]


def room_name(edition: Edition) -> str:
    return edition.info.venue or edition.info.city


def event_url(edition: Edition, slot: Slot, base_url: str) -> str:
    return layout.absolute_or_relative(base_url, layout.slot_url(edition.id, edition.slot_key(slot)))


def days(edition: Edition) -> list[tuple[dt.date, list[Slot]]]:
    """Each day of the program with its slots, in order; the edition's date alone when there is no program."""
    return [(day, [slot for slot in edition.slots if edition.slot_date(slot) == day]) for day in edition.days]


def schedule(proceedings: Proceedings, edition: Edition, base_url: str, generator: str) -> bytes:
    info = edition.info
    root = ET.Element("schedule")
    _text(root, "generator", name=generator)
    _text(root, "version", "1.0")
    conference = _text(root, "conference")
    _text(conference, "acronym", schedule_ids.acronym(edition))
    _text(conference, "title", info.name)
    program_days = days(edition)
    _text(conference, "start", program_days[0][0].isoformat())
    _text(conference, "end", program_days[-1][0].isoformat())
    _text(conference, "days", str(len(program_days)))
    _text(conference, "timeslot_duration", "00:05")
    _text(conference, "time_zone_name", info.timezone)
    if base_url:
        _text(conference, "base_url", layout.absolute_or_relative(base_url, ""))
    for index, (day_date, slots) in enumerate(program_days, start=1):
        day = _text(root, "day", index=str(index), date=day_date.isoformat())
        if not slots:
            continue
        day.set("start", edition.slot_datetime(slots[0], slots[0].start).isoformat())
        day.set("end", edition.slot_datetime(slots[-1], slots[-1].end).isoformat())
        room = _text(day, "room", name=room_name(edition))
        for slot in slots:
            add_event(room, proceedings, edition, slot, base_url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def add_event(room: ET.Element, proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> None:
    guid, number = schedule_ids.event_guid(proceedings, edition, slot), schedule_ids.event_id(edition, slot)
    event = _text(room, "event", guid=guid, id=str(number))
    _text(event, "date", edition.slot_datetime(slot, slot.start).isoformat())
    _text(event, "start", slot.start)
    _text(event, "duration", duration(edition, slot))
    _text(event, "room", room_name(edition))
    _text(event, "slug", schedule_ids.slug(edition, slot))
    if base_url:
        _text(event, "url", event_url(edition, slot, base_url))
    _text(event, "title", textformat.slot_title(edition, slot))
    _text(event, "subtitle", "")
    _text(event, "track", "")
    _text(event, "type", slot.kind.value)
    _text(event, "language", "en")
    _text(event, "abstract", "")
    _text(event, "description", "")
    people = _text(event, "persons")
    for person_id, name in persons(proceedings, edition, slot):
        _text(people, "person", name, id=str(schedule_ids.integer_id("person", person_id)))
    links = _text(event, "links")
    if slot.video:
        _text(links, "link", "Video", href=slot.video)
    for link in slot.links:
        _text(links, "link", link.label, href=link.url)
    _text(event, "attachments")
