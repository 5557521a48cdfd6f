"""The assembled proceedings: editions with their program, keynotes, panels and papers, and the people."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import Problem
from ..load import Document, FieldPath
from .files import Author, EditionFile, ImportantDate, Keynote, Panel, Paper, Person, Slot, SlotPaper
from .site import SiteFile


@dataclass(frozen=True)
class Source:
    """Where an object was defined, to report problems found later."""

    doc: Document
    stand_ins: frozenset[str] = frozenset()  # fields in error, given a stand-in value: checks that need them skip

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        return self.doc.problem(path, message, hint)


@dataclass
class Edition:
    id: str
    info: EditionFile
    source: Source
    slots: list[Slot] = field(default_factory=list)
    program_source: Source | None = None
    keynotes: dict[str, Keynote] = field(default_factory=dict)
    panels: dict[str, Panel] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    # "keynotes"/"panels"/"papers" → item id → where it was defined
    item_sources: dict[str, dict[str, Source]] = field(default_factory=dict, repr=False)
    # fields of edition.yaml in error, given a stand-in so that the edition's other files are still checked
    stand_ins: frozenset[str] = frozenset()

    @property
    def year(self) -> int:
        return self.info.date.year

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.info.timezone)

    def upcoming(self, today: dt.date) -> bool:
        """Not yet begun on ``today`` (the build date): whether it is held follows from the date, not a field."""
        return today < self.info.date

    def next_date(self, today: dt.date) -> ImportantDate | None:
        """The first important date on or after ``today``."""
        ahead = sorted((item for item in self.info.important_dates if item.date >= today), key=lambda i: i.date)
        return ahead[0] if ahead else None

    @property
    def published(self) -> bool:
        """Something of the event itself is on the site: its program or its accepted papers."""
        return bool(self.slots or self.papers)

    def slot_for_keynote(self, keynote_id: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.keynote == keynote_id), None)

    def slot_for_panel(self, panel_id: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.panel == panel_id), None)

    def slots_for_paper(self, paper_id: str) -> list[tuple[Slot, SlotPaper]]:
        return [(slot, entry) for slot in self.slots for entry in slot.papers if entry.paper == paper_id]

    def slot_title(self, slot: Slot) -> str:
        if slot.title:
            return slot.title
        if slot.keynote:
            return f"Keynote: {self.keynotes[slot.keynote].title}"
        if slot.panel:
            return f"Panel: {self.panels[slot.panel].title}"
        return slot.kind.value.capitalize()

    def slot_date(self, slot: Slot) -> dt.date:
        return slot.date or self.info.date

    @property
    def days(self) -> list[dt.date]:
        """The days the program spans, in order (the edition's date when there is no program)."""
        return sorted({self.slot_date(slot) for slot in self.slots} or {self.info.date})

    def slot_key(self, slot: Slot) -> str:
        """Names a slot in anchors and calendar files: its start time, and its date after the first day."""
        clock = slot.start.replace(":", "")
        day = self.slot_date(slot)
        return clock if day == self.info.date else f"{day:%Y%m%d}-{clock}"

    def moment(self, day: dt.date, clock: str) -> dt.datetime:
        """A time of the program in the event's time zone; 24:00 is midnight at the end of ``day``."""
        if clock == "24:00":
            return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), self.zone)
        return dt.datetime.combine(day, dt.time.fromisoformat(clock), self.zone)

    def slot_datetime(self, slot: Slot, clock: str) -> dt.datetime:
        """``clock`` (the slot's start or end, or a paper's time within it) on the slot's day."""
        return self.moment(self.slot_date(slot), clock)


@dataclass(frozen=True)
class PersonRole:
    """One thing a person did at one edition; ``target`` is the paper/keynote/panel id."""

    edition: str
    kind: Literal["author", "keynote", "panelist", "moderator", "organizer", "committee"]
    target: str | None = None
    affiliation: str | None = None


@dataclass(repr=False)
class Proceedings:
    root: Path
    site: SiteFile
    people: dict[str, Person]
    editions: list[Edition]  # most recent first
    roles: dict[str, list[PersonRole]] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Short: Sphinx writes the repr of every event's arguments to its debug log (``proceedings-topics-pending``
        # carries the model), and the model's full repr took a third of a second at 3,000 papers.
        editions = ", ".join(f"{edition.id}: {len(edition.papers)} papers" for edition in self.editions)
        return f"<Proceedings {self.root} ({editions}; {len(self.people)} people)>"

    def edition(self, edition_id: str) -> Edition:
        """The edition with this id (its folder name); KeyError names the known ones."""
        if (edition := self.find_edition(edition_id)) is not None:
            return edition
        known = ", ".join(edition.id for edition in self.editions)
        raise KeyError(f"unknown edition '{edition_id}' (editions: {known})")

    def find_edition(self, edition_id: str) -> Edition | None:
        return next((edition for edition in self.editions if edition.id == edition_id), None)

    @property
    def current(self) -> Edition:
        return self.editions[0]

    def displayed_name(self, author: Author) -> str:
        return author.name or self.people[author.person].name
