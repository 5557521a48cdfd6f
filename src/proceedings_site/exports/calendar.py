"""iCalendar (RFC 5545) files of each edition's program, and one per slot for "add to calendar"."""

from __future__ import annotations

import copy
import datetime as dt
import functools

from icalendar import Calendar, Event, Timezone

from .. import layout, textformat
from ..model import Edition, Proceedings, Slot

PRODID = "-//proceedings-site//Workshop proceedings//EN"  # the generator, not the workshop


def uid(proceedings: Proceedings, edition: Edition, slot: Slot) -> str:
    """Stable across rebuilds and edits of the title, so a re-import updates instead of duplicating."""
    return f"{edition.id}-{edition.slot_key(slot)}@{proceedings.site.calendar_domain}"


def _stamp(edition: Edition) -> dt.datetime:
    # DTSTAMP must be present; taking it from the data keeps builds byte-identical.
    return dt.datetime.combine(edition.info.date, dt.time(0, 0), dt.UTC)


def _description(proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> str:
    lines = []
    if slot.keynote:
        keynote = edition.keynotes[slot.keynote]
        lines.append(f"Keynote by {proceedings.people[keynote.speaker].name}")
    if slot.panel:
        names = ", ".join(proceedings.people[p.person].name for p in edition.panels[slot.panel].panelists)
        lines.append(f"Panelists: {names}")
    for entry in slot.papers:
        lines.append(f"Paper: {textformat.plain_title(edition.papers[entry.paper].title)}")
    if slot.video:
        lines.append(f"Video: {slot.video}")
    lines += [f"{link.label}: {link.url}" for link in slot.links]
    if page := layout.absolute(base_url, layout.slot_url(edition.id, edition.slot_key(slot))):
        lines.append(f"Program: {page}")
    return "\n".join(lines)


def event(proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> Event:
    info = edition.info
    item = Event()
    item.add("uid", uid(proceedings, edition, slot))
    item.add("dtstamp", _stamp(edition))
    item.add("dtstart", edition.slot_datetime(slot, slot.start))
    item.add("dtend", edition.slot_datetime(slot, slot.end))
    item.add("summary", f"{info.short_name}: {textformat.slot_title(edition, slot)}")
    item.add("location", ", ".join(part for part in (info.venue, info.city) if part))
    item.add("description", _description(proceedings, edition, slot, base_url))
    if page := layout.absolute(base_url, layout.slot_url(edition.id, edition.slot_key(slot))):
        item.add("url", page)
    return item


def _calendar(edition: Edition, name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", edition.info.timezone)
    return calendar


def edition_calendar(proceedings: Proceedings, edition: Edition, base_url: str) -> bytes:
    calendar = _calendar(edition, f"{edition.info.short_name} program")
    for slot in edition.slots:
        calendar.add_component(event(proceedings, edition, slot, base_url))
    add_time_zones(calendar)
    return calendar.to_ical()


def slot_calendar(proceedings: Proceedings, edition: Edition, slot: Slot, base_url: str) -> bytes:
    calendar = _calendar(edition, f"{edition.info.short_name}: {textformat.slot_title(edition, slot)}")
    calendar.add_component(event(proceedings, edition, slot, base_url))
    add_time_zones(calendar)
    return calendar.to_ical()


def add_time_zones(calendar: Calendar) -> None:
    """``Calendar.add_missing_timezones``, with each zone's VTIMEZONE made once: icalendar takes tens of
    milliseconds to make one, and an edition has a calendar per slot."""
    zones = [zone for zone in map(_time_zone, sorted(calendar.get_missing_tzids())) if zone is not None]
    for position, zone in enumerate(zones, start=len(calendar.timezones)):
        calendar.subcomponents.insert(position, copy.deepcopy(zone))


@functools.cache
def _time_zone(tzid: str) -> Timezone | None:
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know is left out, as add_missing_timezones does
        return None
