"""The program as the C3VOC's schedule JSON (``schedule.json``), which conference apps read beside frab XML.

Follows the VOC's ``validator/json/schema.json``: the same events, ids and GUIDs as ``schedule.xml``
(:mod:`.frab`, :mod:`.schedule_ids`); persons carry an integer id, a GUID and their name.
"""

from __future__ import annotations

import json
from typing import Any

from .. import layout, textformat
from ..model import Edition, Proceedings, Slot
from . import frab, schedule_ids

SCHEMA = "https://c3voc.de/schedule/schema.json"


def _event(proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> dict[str, Any]:
    links = [{"url": slot.video, "title": "Video"}] if slot.video else []
    links += [{"url": link.url, "title": link.label} for link in slot.links]
    return {
        "id": schedule_ids.event_id(edition, slot),
        "guid": schedule_ids.event_guid(proceedings, edition, slot),
        "logo": "",
        "date": edition.slot_datetime(slot, slot.start).isoformat(),
        "start": slot.start,
        "duration": frab.duration(edition, slot),
        "room": frab.room_name(edition),
        "slug": schedule_ids.slug(edition, slot),
        "url": frab.event_url(edition, slot, base_url),
        "title": textformat.slot_title(edition, slot),
        "subtitle": "",
        "track": "",
        "type": slot.kind.value,
        "language": "en",
        "abstract": "",
        "description": "",
        "recording_license": "",
        "do_not_record": False,
        "persons": [
            {
                "id": schedule_ids.integer_id("person", person_id),
                "guid": schedule_ids.person_guid(person_id),
                "name": name,
            }
            for person_id, name in frab.persons(proceedings, edition, slot)
        ],
        "links": links,
        "attachments": [],
        "answers": [],
    }


def schedule(proceedings: Proceedings, edition: Edition, base_url: str) -> dict[str, Any]:
    info = edition.info
    room = frab.room_name(edition)
    program_days = frab.days(edition)
    conference: dict[str, Any] = {
        "acronym": schedule_ids.acronym(edition),
        "title": info.name,
        "start": program_days[0][0].isoformat(),
        "end": program_days[-1][0].isoformat(),
        "daysCount": len(program_days),
        "timeslot_duration": "00:05",
        "time_zone_name": info.timezone,
    }
    if info.links.website:
        conference["url"] = info.links.website
    conference["rooms"] = [{"name": room, "guid": schedule_ids.room_guid(edition)}]
    conference["days"] = []
    for index, (day_date, slots) in enumerate(program_days, start=1):
        day: dict[str, Any] = {"index": index, "date": day_date.isoformat()}
        if slots:
            day["day_start"] = edition.slot_datetime(slots[0], slots[0].start).isoformat()
            day["day_end"] = edition.slot_datetime(slots[-1], slots[-1].end).isoformat()
        day["rooms"] = {room: [_event(proceedings, edition, slot, base_url) for slot in slots]}
        conference["days"].append(day)
    return {
        "$schema": SCHEMA,
        "schedule": {"version": "1.0", "base_url": layout.absolute_or_relative(base_url, ""), "conference": conference},
    }


def dump(proceedings: Proceedings, edition: Edition, base_url: str) -> bytes:
    document = schedule(proceedings, edition, base_url)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
