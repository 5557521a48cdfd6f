"""What "My schedule" needs to know of an edition, for the reader's browser: ``<edition>/stars.json``.

Readers star program slots, keynotes, panels and papers; their browser keeps the ids (``layout.star``) and
nothing else. My schedule's page reads this file to show the starred items in time order and to build their
calendar file, so it holds, for every slot, its times and its VEVENT exactly as ``program.ics`` has it (same code,
same UID: importing the reader's file updates the events of an imported program instead of duplicating them), and
for every item that can be starred, its title, its page and the slots it is presented in. Titles are plain text:
the browser shows them as text, never as markup.
"""

from __future__ import annotations

import json

from icalendar import Calendar

from .. import layout, textformat
from ..model import Edition, Proceedings, Slot
from . import calendar

# How many authors a starred paper shows before "et al." (the paper's page has them all).
SHOWN_AUTHORS = 3


def slot_star(edition: Edition, slot: Slot) -> str:
    """The star of a program slot. A keynote's or panel's slot is the talk itself, so that its star on the program
    and on the talk's page are one."""
    if slot.keynote:
        return layout.star(edition.id, "keynote", slot.keynote)
    if slot.panel:
        return layout.star(edition.id, "panel", slot.panel)
    return layout.star(edition.id, "slot", edition.slot_key(slot))


def paper_star(edition: Edition, paper_id: str) -> str:
    return layout.star(edition.id, "paper", paper_id)


def keynote_star(edition: Edition, keynote_id: str) -> str:
    return layout.star(edition.id, "keynote", keynote_id)


def panel_star(edition: Edition, panel_id: str) -> str:
    return layout.star(edition.id, "panel", panel_id)


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN_AUTHORS])
    return f"{shown} et al." if len(names) > SHOWN_AUTHORS else shown


def _vtimezones(proceedings: Proceedings, edition: Edition, base_url: str) -> str:
    """The VTIMEZONE components ``program.ics`` carries, as text, for the browser to put before its events."""
    whole = Calendar()
    for slot in edition.slots:
        whole.add_component(calendar.event(proceedings, edition, slot, base_url))
    calendar.add_time_zones(whole)
    return "".join(zone.to_ical().decode() for zone in whole.walk("VTIMEZONE"))


def _slot(proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> dict[str, object]:
    key = edition.slot_key(slot)
    return {
        "key": key,
        "start": edition.slot_datetime(slot, slot.start).isoformat(),
        "end": edition.slot_datetime(slot, slot.end).isoformat(),
        "title": textformat.slot_title(edition, slot),
        "url": layout.slot_url(edition.id, key),
        "ics": calendar.event(proceedings, edition, slot, base_url).to_ical().decode(),
    }


def _items(proceedings: Proceedings, edition: Edition) -> dict[str, dict[str, object]]:
    """Every item a reader can star, by star id: title, page, who, and the slots it is presented in (with a
    paper's own time within its slot, when the program gives one)."""
    items: dict[str, dict[str, object]] = {}
    for slot in edition.slots:
        if not (slot.keynote or slot.panel):
            items[slot_star(edition, slot)] = {
                "kind": "slot",
                "title": textformat.slot_title(edition, slot),
                "url": layout.slot_url(edition.id, edition.slot_key(slot)),
                "slots": [{"key": edition.slot_key(slot)}],
            }
    for keynote_id, keynote in edition.keynotes.items():
        slot = edition.slot_for_keynote(keynote_id)
        items[keynote_star(edition, keynote_id)] = {
            "kind": "keynote",
            "title": textformat.plain_title(keynote.title),
            "url": layout.html(layout.keynote(edition.id, keynote_id)),
            "by": proceedings.people[keynote.speaker].name,
            "slots": [{"key": edition.slot_key(slot)}] if slot else [],
        }
    for panel_id, panel in edition.panels.items():
        slot = edition.slot_for_panel(panel_id)
        items[panel_star(edition, panel_id)] = {
            "kind": "panel",
            "title": f"Panel: {panel.title}",
            "url": layout.html(layout.panel(edition.id, panel_id)),
            "by": _names([proceedings.people[p.person].name for p in panel.panelists]),
            "slots": [{"key": edition.slot_key(slot)}] if slot else [],
        }
    for paper_id, paper in edition.papers.items():
        slots = []
        for slot, entry in edition.slots_for_paper(paper_id):
            where: dict[str, str] = {"key": edition.slot_key(slot)}
            if entry.start and entry.end:
                where |= {
                    "start": edition.slot_datetime(slot, entry.start).isoformat(),
                    "end": edition.slot_datetime(slot, entry.end).isoformat(),
                }
            slots.append(where)
        items[paper_star(edition, paper_id)] = {
            "kind": "paper",
            "title": textformat.plain_title(paper.title),
            "url": layout.html(layout.paper(edition.id, paper_id)),
            "by": _names([proceedings.displayed_name(author) for author in paper.authors]),
            "slots": slots,
        }
    return items


def edition_data(proceedings: Proceedings, edition: Edition, base_url: str) -> dict[str, object]:
    return {
        "edition": edition.id,
        "name": edition.info.short_name,
        "timezone": edition.info.timezone,
        "vtimezone": _vtimezones(proceedings, edition, base_url) if edition.slots else "",
        "slots": [_slot(proceedings, edition, slot, base_url) for slot in edition.slots],
        "items": _items(proceedings, edition),
    }


def data_file(proceedings: Proceedings, edition: Edition, base_url: str) -> bytes:
    """An edition's file, at ``layout.star_data``: made of the edition, its people and the settings."""
    return json.dumps(edition_data(proceedings, edition, base_url), ensure_ascii=False, separators=(",", ":")).encode()
