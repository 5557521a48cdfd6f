"""The program in the frab schedule XML format, as pretalx exports it, for conference apps (Giggity, ConfClerk…)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from .. import layout
from ..model import Edition, Proceedings, Slot
from . import calendar

_NAMESPACE = uuid.UUID("6f1d2b0e-3c1a-4e55-9a59-7b1f0c6d2e10")  # fixed, so GUIDs are stable across builds


def _duration(edition: Edition, slot: Slot) -> str:
    minutes = int(
        (edition.slot_datetime(slot, slot.end) - edition.slot_datetime(slot, slot.start)).total_seconds() // 60
    )
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _persons(proceedings: Proceedings, edition: Edition, slot: Slot) -> list[tuple[str, str]]:
    ids: list[str] = []
    if slot.keynote:
        ids.append(edition.keynotes[slot.keynote].speaker)
    if slot.panel:
        ids += [p.person for p in edition.panels[slot.panel].panelists]
    for entry in slot.papers:
        ids += [a.person for a in edition.papers[entry.paper].authors]
    return [(person_id, proceedings.people[person_id].name) for person_id in dict.fromkeys(ids)]


def schedule(proceedings: Proceedings, edition: Edition, base_url: str) -> bytes:
    info = edition.info
    root = ET.Element("schedule")
    _text(root, "generator", name="proceedings-site")
    _text(root, "version", "1.0")
    conference = _text(root, "conference")
    _text(conference, "acronym", edition.id)
    _text(conference, "title", info.name)
    _text(conference, "start", info.date.isoformat())
    _text(conference, "end", info.date.isoformat())
    _text(conference, "days", "1")
    _text(conference, "timeslot_duration", "00:05")
    _text(conference, "time_zone_name", info.timezone)
    _text(conference, "base_url", layout.absolute(base_url, ""))
    if not edition.slots:
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)
    first, last = edition.slots[0], edition.slots[-1]
    day = _text(
        root,
        "day",
        index="1",
        date=info.date.isoformat(),
        start=edition.slot_datetime(first, first.start).isoformat(),
        end=edition.slot_datetime(last, last.end).isoformat(),
    )
    room_name = info.venue or info.city
    room = _text(day, "room", name=room_name, guid=str(uuid.uuid5(_NAMESPACE, f"{edition.id}/room")))
    for number, slot in enumerate(edition.slots, start=1):
        guid = str(uuid.uuid5(_NAMESPACE, calendar.uid(proceedings, edition, slot)))
        event = _text(room, "event", guid=guid, id=str(number))
        _text(event, "date", edition.slot_datetime(slot, slot.start).isoformat())
        _text(event, "start", slot.start)
        _text(event, "duration", _duration(edition, slot))
        _text(event, "room", room_name)
        _text(event, "slug", f"{edition.id}-{slot.start.replace(':', '')}")
        _text(
            event,
            "url",
            layout.absolute(base_url, layout.slot_url(edition.id, edition.slot_key(slot))),
        )
        _text(event, "title", edition.slot_title(slot))
        _text(event, "subtitle", "")
        _text(event, "track", "")
        _text(event, "type", slot.kind.value)
        _text(event, "language", "en")
        _text(event, "abstract", "")
        _text(event, "description", "")
        persons = _text(event, "persons")
        for person_id, name in _persons(proceedings, edition, slot):
            _text(persons, "person", name, id=person_id)
        links = _text(event, "links")
        if slot.video:
            _text(links, "link", "Video", href=slot.video)
        for link in slot.links:
            _text(links, "link", link.label, href=link.url)
        _text(event, "attachments")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
