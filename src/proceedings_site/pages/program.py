"""An edition's program: the timetable in the event's time zone, each slot with its calendar file."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from .. import layout
from .. import textformat as tf
from ..exports import stars
from ..layout import PageKind
from ..model import Edition, Proceedings, Slot, SlotKind
from ..textformat import literal as md
from .common import Page, PageMeta, author_list, buttons, date, file, person_link, present, times, zone
from .schedule import star_block, star_inline


def pages(proceedings: Proceedings) -> Iterator[Page]:
    for edition in proceedings.editions:
        yield program(proceedings, edition)


def program(proceedings: Proceedings, edition: Edition) -> Page:
    lines = [f"# Program of {md.text(edition.info.short_name)}", ""]
    if not edition.slots:
        lines += ["The program of this edition has not been published yet.", ""]
    else:
        venue = f", {md.text(edition.info.venue)}" if edition.info.venue else ""
        downloads = [
            file("iCalendar", layout.calendar(edition.id)),
            file("JSON", layout.data(edition.id, "program")),
            file("frab XML", layout.frab(edition.id)),
            file("schedule JSON for conference apps", layout.schedule_json(edition.id)),
        ]
        lines += [
            f"{dates(edition)}{venue}.",
            "",
            "```{container} proceedings-timezone",
            f"All times are {zone(edition)}.",
            "```",
            "",
            "Take the program with you: " + " · ".join(downloads) + ".",
            "",
        ]
    several_days = len(edition.days) > 1
    for day, slots in groupby(edition.slots, key=edition.slot_date):
        if several_days:  # a heading per day, the slots under it
            lines += [f"## {day:%A} {date(day)}", ""]
        for slot in slots:
            lines += slot_section(proceedings, edition, slot, "###" if several_days else "##")
    meta = PageMeta(f"Program of {edition.info.short_name}, {dates(edition)}.", PageKind.PROGRAM, edition.id)
    return Page(layout.program(edition.id), "\n".join(lines), meta)


def dates(edition: Edition) -> str:
    days = edition.days
    return date(days[0]) if len(days) == 1 else f"{date(days[0])} to {date(days[-1])}"


def slot_section(proceedings: Proceedings, edition: Edition, slot: Slot, level: str) -> list[str]:
    title = md.text(tf.slot_title(edition, slot))
    heading = f"{level} {times(edition, slot, slot.start, slot.end)} · {title}"
    lines = [f"({layout.slot_anchor(edition.id, edition.slot_key(slot))})=", heading, ""]
    lines += star_block(stars.slot_star(edition, slot))
    if slot.keynote:
        keynote = edition.keynotes[slot.keynote]
        affiliation = f" ({md.text(keynote.affiliation)})" if keynote.affiliation else ""
        title = md.internal(layout.keynote(edition.id, slot.keynote), tf.plain_title(keynote.title))
        lines += [f"Keynote by {person_link(proceedings, keynote.speaker)}{affiliation}: {title}", ""]
    if slot.panel:
        panel = edition.panels[slot.panel]
        names = ", ".join(person_link(proceedings, p.person) for p in panel.panelists)
        lines += [f"{md.internal(layout.panel(edition.id, slot.panel), 'Panel')} with {names}.", ""]
    for entry in slot.papers:
        paper = edition.papers[entry.paper]
        at = f"{entry.start}–{entry.end}: " if entry.start else ""
        title = md.internal(layout.paper(edition.id, entry.paper), tf.plain_title(paper.title))
        star = star_inline(stars.paper_star(edition, entry.paper))
        lines.append(f"- {at}{title}, {author_list(proceedings, paper.authors)} {star}")
    if slot.papers:
        lines.append("")
    if slot.kind == SlotKind.POSTERS and edition.papers:
        everything = md.internal(layout.papers(edition.id), "accepted papers")
        lines += [f"All {everything} are presented as posters.", ""]
    links = present([("Video", slot.video)], slot.links)
    if links:
        lines += [buttons(links), ""]
    lines += [file("Add to calendar", layout.slot_calendar(edition.id, edition.slot_key(slot))), ""]
    return lines
