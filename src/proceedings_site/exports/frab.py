"""The program in the frab schedule XML format, as pretalx exports it, for conference apps (Giggity, ConfClerk…).

Valid against the C3VOC's ``schedule.xml.xsd``: integer event and person ids and UUID GUIDs
(:mod:`.schedule_ids`), absolute URLs only (none when the site's address is not configured).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import Edition, Proceedings, Slot
from . import schedule_ids, urls


def duration(edition: Edition, slot: Slot) -> str:
    minutes = int((edition.slot_datetime(slot.end) - edition.slot_datetime(slot.start)).total_seconds() // 60)
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
    return f"{urls.absolute(base_url, urls.page(f'{edition.id}/program'))}#{urls.slot_anchor(edition, slot)}"


def schedule(proceedings: Proceedings, edition: Edition, base_url: str, generator: str) -> bytes:
    info = edition.info
    root = ET.Element("schedule")
    _text(root, "generator", name=generator)
    _text(root, "version", "1.0")
    conference = _text(root, "conference")
    _text(conference, "acronym", schedule_ids.acronym(edition))
    _text(conference, "title", info.name)
    _text(conference, "start", info.date.isoformat())
    _text(conference, "end", info.date.isoformat())
    _text(conference, "days", "1")
    _text(conference, "timeslot_duration", "00:05")
    _text(conference, "time_zone_name", info.timezone)
    if base_url:
        _text(conference, "base_url", urls.absolute(base_url, ""))
    day = _text(root, "day", index="1", date=info.date.isoformat())
    if not edition.slots:
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    day.set("start", edition.slot_datetime(edition.slots[0].start).isoformat())
    day.set("end", edition.slot_datetime(edition.slots[-1].end).isoformat())
    room = _text(day, "room", name=room_name(edition))
    for slot in edition.slots:
        event = _text(
            room, "event", guid=schedule_ids.event_guid(edition, slot), id=str(schedule_ids.event_id(edition, slot))
        )
        _text(event, "date", edition.slot_datetime(slot.start).isoformat())
        _text(event, "start", slot.start)
        _text(event, "duration", duration(edition, slot))
        _text(event, "room", room_name(edition))
        _text(event, "slug", schedule_ids.slug(edition, slot))
        if base_url:
            _text(event, "url", event_url(edition, slot, base_url))
        _text(event, "title", edition.slot_title(slot))
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
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
