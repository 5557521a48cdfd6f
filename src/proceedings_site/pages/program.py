"""An edition's program: the timetable in the event's time zone, each slot with its calendar file."""

from __future__ import annotations

from collections.abc import Iterator

from .. import layout
from .. import markup as md
from ..layout import PageKind
from ..model import Edition, Proceedings, Slot, SlotKind
from .common import Page, PageMeta, author_list, buttons, date, file, person_link, times, zone


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
            file("frab XML for conference apps", layout.frab(edition.id)),
        ]
        lines += [
            f"{date(edition.info.date)}{venue}.",
            "",
            "```{container} proceedings-timezone",
            f"All times are {zone(edition)}.",
            "```",
            "",
            "Take the program with you: " + " · ".join(downloads) + ".",
            "",
        ]
    for slot in edition.slots:
        lines += slot_section(proceedings, edition, slot)
    meta = PageMeta(f"Program of {edition.info.short_name}, {date(edition.info.date)}.", PageKind.PROGRAM, edition.id)
    return Page(layout.program(edition.id), "\n".join(lines), meta)


def slot_section(proceedings: Proceedings, edition: Edition, slot: Slot) -> list[str]:
    heading = f"## {times(edition, slot.start, slot.end)} · {md.text(edition.slot_title(slot))}"
    lines = [f"({layout.slot_anchor(edition.id, slot.start)})=", heading, ""]
    if slot.keynote:
        keynote = edition.keynotes[slot.keynote]
        affiliation = f" ({md.text(keynote.affiliation)})" if keynote.affiliation else ""
        title = md.internal(layout.keynote(edition.id, slot.keynote), keynote.title)
        lines += [f"Keynote by {person_link(proceedings, keynote.speaker)}{affiliation}: {title}", ""]
    if slot.panel:
        panel = edition.panels[slot.panel]
        names = ", ".join(person_link(proceedings, p.person) for p in panel.panelists)
        lines += [f"{md.internal(layout.panel(edition.id, slot.panel), 'Panel')} with {names}.", ""]
    for entry in slot.papers:
        paper = edition.papers[entry.paper]
        at = f"{entry.start}–{entry.end}: " if entry.start else ""
        title = md.internal(layout.paper(edition.id, entry.paper), paper.title)
        lines.append(f"- {at}{title}, {author_list(proceedings, paper.authors)}")
    if slot.papers:
        lines.append("")
    if slot.kind == SlotKind.POSTERS and edition.papers:
        everything = md.internal(layout.papers(edition.id), "accepted papers")
        lines += [f"All {everything} are presented as posters.", ""]
    links = ([("Video", slot.video)] if slot.video else []) + [(link.label, link.url) for link in slot.links]
    if links:
        lines += [buttons(links), ""]
    lines += [file("Add to calendar", layout.slot_calendar(edition.id, slot.start)), ""]
    return lines
