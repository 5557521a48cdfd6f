"""Checks that need more than one file: references, uniqueness, order, dates; and who did what where."""

from __future__ import annotations

import datetime as dt
import difflib

from ..errors import Problem
from ..load import FieldPath
from .files import Paper, Role, Slot
from .proceedings import Edition, PersonRole, Proceedings, Source

MAX_PROGRAM_SPAN = dt.timedelta(days=14)


class CrossChecker:
    """Checks that need more than one file: references, uniqueness, order, dates."""

    def __init__(
        self,
        proceedings: Proceedings,
        people_sources: dict[str, Source],
        problems: list[Problem],
        invalid: set[str],
        site_known: bool = True,
    ) -> None:
        self.proceedings = proceedings
        self.site_known = site_known  # False when site.yaml is in error: tracks and presentations are not checked
        self.people_sources = people_sources
        self.problems = problems
        self.invalid = invalid  # files already reported as invalid: references to them are not errors again

    def run(self) -> None:
        self.check_namesakes()
        seen_papers: dict[str, str] = {}
        seen_openreview: dict[str, str] = {}
        for edition in self.proceedings.editions:
            self.check_edition(edition)
            for paper_id, paper in edition.papers.items():
                source = edition.item_sources["papers"][paper_id]
                if paper_id in seen_papers:
                    self.problems.append(
                        source.problem(
                            (),
                            f"paper id '{paper_id}' is also used in {seen_papers[paper_id]}",
                            "paper ids must be unique across editions; rename one file",
                        )
                    )
                seen_papers[paper_id] = edition.id
                if paper.openreview_id:
                    if paper.openreview_id in seen_openreview:
                        self.problems.append(
                            source.problem(
                                ("openreview_id",),
                                f"also the OpenReview id of paper '{seen_openreview[paper.openreview_id]}'",
                                "each OpenReview submission is one paper",
                            )
                        )
                    seen_openreview[paper.openreview_id] = paper_id
                self.check_paper(paper, source)

    def person(self, source: Source, path: FieldPath, person_id: str) -> None:
        if person_id not in self.proceedings.people and f"people/{person_id}" not in self.invalid:
            guess = difflib.get_close_matches(person_id, list(self.proceedings.people), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"add proceedings/people/{person_id}.yaml"
            self.problems.append(source.problem(path, f"unknown person '{person_id}'", hint))

    def configured(self, source: Source, path: FieldPath, value: str, known: list[str], what: str) -> None:
        """A track or presentation id must be one that site.yaml defines."""
        if self.site_known and value not in known:
            guess = difflib.get_close_matches(value, known, n=1)
            hint = (
                f"did you mean '{guess[0]}'?" if guess else f"the {what}s of this site (site.yaml): {', '.join(known)}"
            )
            self.problems.append(source.problem(path, f"unknown {what} '{value}'", hint))

    def check_namesakes(self) -> None:
        by_name: dict[str, list[str]] = {}
        for person_id, person in self.proceedings.people.items():
            for name in {name.casefold() for name in (person.name, *person.variants)}:
                by_name.setdefault(name, []).append(person_id)
        for name, ids in sorted(by_name.items()):
            for person_id in ids if len(ids) > 1 else ():
                if self.proceedings.people[person_id].disambiguation is None:
                    others = ", ".join(other for other in ids if other != person_id)
                    self.problems.append(
                        self.people_sources[person_id].problem(
                            ("disambiguation",),
                            f"shares the name '{name}' with {others}",
                            "if they are different people, add a 'disambiguation' to each; "
                            "if the same person, merge the files and list the spelling under 'variants'",
                        )
                    )

    def check_edition(self, edition: Edition) -> None:
        info, source = edition.info, edition.source
        sources = edition.item_sources
        for list_name in ("organizers", "program_committee"):
            entries: list[Role] = getattr(info, list_name)
            seen: set[str] = set()
            for index, entry in enumerate(entries):
                self.person(source, (list_name, index, "person"), entry.person)
                if entry.person in seen:
                    self.problems.append(
                        source.problem((list_name, index, "person"), f"'{entry.person}' is listed twice")
                    )
                seen.add(entry.person)
        if info.submission_formats:
            for track_id in info.submission_formats.tracks:
                path = ("submission_formats", "tracks", track_id)
                self.configured(source, path, track_id, self.proceedings.site.track_ids, "track")
        for index, contact in enumerate(info.contacts):
            self.person(source, ("contacts", index, "person"), contact.person)
        if "date" not in edition.stand_ins:  # with the date in error, there is nothing to compare with
            self.check_dates(edition)
        for keynote_id, keynote in edition.keynotes.items():
            self.person(sources["keynotes"][keynote_id], ("speaker",), keynote.speaker)
        for panel_id, panel in edition.panels.items():
            panel_source = sources["panels"][panel_id]
            seen_panelists: set[str] = set()
            for index, entry in enumerate(panel.panelists):
                self.person(panel_source, ("panelists", index, "person"), entry.person)
                if entry.person in seen_panelists:
                    self.problems.append(
                        panel_source.problem(("panelists", index, "person"), f"'{entry.person}' is listed twice")
                    )
                seen_panelists.add(entry.person)
            if panel.moderator:
                self.person(panel_source, ("moderator",), panel.moderator)
        if edition.program_source is not None:
            ProgramChecker(self.problems, self.invalid).check(edition, edition.program_source)

    def check_dates(self, edition: Edition) -> None:
        info, source = edition.info, edition.source
        for index, item in enumerate(info.important_dates):
            # Camera-ready and publication dates may follow the workshop; a year away is a mistyped year.
            if abs(item.date - info.date) > dt.timedelta(days=366):
                self.problems.append(
                    source.problem(
                        ("important_dates", index, "date"),
                        f"{item.date} is more than a year from the workshop ({info.date})",
                        "check the year",
                    )
                )
        if info.pmlr and info.pmlr.published and info.pmlr.published < info.date:
            self.problems.append(
                source.problem(
                    ("pmlr", "published"),
                    f"proceedings published ({info.pmlr.published}) before the workshop took place ({info.date})",
                )
            )

    def check_paper(self, paper: Paper, source: Source) -> None:
        site = self.proceedings.site
        if "track" not in source.stand_ins:
            self.configured(source, ("track",), paper.track, site.track_ids, "track")
        if paper.presentation is not None:
            self.configured(source, ("presentation",), paper.presentation, site.presentation_ids, "presentation")
        seen: set[str] = set()
        for index, author in enumerate(paper.authors):
            path: FieldPath = ("authors", index)
            self.person(source, (*path, "person"), author.person)
            if author.person in seen:
                self.problems.append(source.problem((*path, "person"), f"'{author.person}' is listed twice"))
            seen.add(author.person)
            person = self.proceedings.people.get(author.person)
            if person and author.name and author.name not in (person.name, *person.variants):
                self.problems.append(
                    source.problem(
                        (*path, "name"),
                        f"'{author.name}' is not a known name of '{author.person}'",
                        f"add it to 'variants' in proceedings/people/{author.person}.yaml if it is the same person",
                    )
                )


def _days(count: int) -> str:
    return "a day" if count == 1 else f"{count} days"


def collect_roles(proceedings: Proceedings) -> dict[str, list[PersonRole]]:
    roles: dict[str, list[PersonRole]] = {person_id: [] for person_id in proceedings.people}
    for edition in proceedings.editions:  # most recent first, as everywhere on the site
        for entry in edition.info.organizers:
            roles[entry.person].append(PersonRole(edition.id, "organizer", affiliation=entry.affiliation))
        for keynote_id, keynote in edition.keynotes.items():
            roles[keynote.speaker].append(PersonRole(edition.id, "keynote", keynote_id, keynote.affiliation))
        for panel_id, panel in edition.panels.items():
            if panel.moderator:
                roles[panel.moderator].append(PersonRole(edition.id, "moderator", panel_id))
            for entry in panel.panelists:
                roles[entry.person].append(PersonRole(edition.id, "panelist", panel_id, entry.affiliation))
        for paper_id, paper in edition.papers.items():
            for author in paper.authors:
                roles[author.person].append(PersonRole(edition.id, "author", paper_id, author.affiliation))
        for entry in edition.info.program_committee:
            roles[entry.person].append(PersonRole(edition.id, "committee", affiliation=entry.affiliation))
    return roles


class ProgramChecker:
    """An edition's program: slots in time order without overlap, within the edition's days, and naming
    keynotes, panels and papers that exist."""

    def __init__(self, problems: list[Problem], invalid: set[str]) -> None:
        self.problems = problems
        self.invalid = invalid

    def check(self, edition: Edition, source: Source) -> None:
        previous: Slot | None = None
        slot_ids: set[str] = set()
        used: dict[tuple[str, str], int] = {}
        for index, slot in enumerate(edition.slots):
            path: FieldPath = ("slots", index)
            day = edition.slot_date(slot)
            in_edition = "date" in edition.stand_ins or self.check_day(edition, source, (*path, "date"), day)
            if slot.end <= slot.start:
                self.problems.append(
                    source.problem((*path, "end"), f"ends ({slot.end}) before it starts ({slot.start})")
                )
            if not in_edition:  # said once: its place in the order would only repeat it
                continue
            if previous is not None:
                self.check_order(edition, source, path, slot, previous)
            previous = slot
            if slot.id:
                if slot.id in slot_ids:
                    self.problems.append(source.problem((*path, "id"), f"slot id '{slot.id}' is used twice"))
                slot_ids.add(slot.id)
            self.check_slot_refs(edition, source, path, slot, used)

    def check_day(self, edition: Edition, source: Source, path: FieldPath, day: dt.date) -> bool:
        """A slot's day must be the edition's date or one of the two weeks after it."""
        first, last = edition.info.date, edition.info.date + MAX_PROGRAM_SPAN
        if first <= day <= last:
            return True
        if day < first:
            days = (first - day).days
            message = f"{day} is {_days(days)} before the edition's date ({first}, in edition.yaml)"
        else:
            message = f"{day} is {_days((day - first).days)} after the edition's date ({first}, in edition.yaml)"
        hint = f"a program's days run from the edition's date to at most two weeks later ({last}); check the date"
        self.problems.append(source.problem(path, message, hint))
        return False

    def check_order(self, edition: Edition, source: Source, path: FieldPath, slot: Slot, previous: Slot) -> None:
        day, previous_day = edition.slot_date(slot), edition.slot_date(previous)
        if day < previous_day:
            self.problems.append(
                source.problem(
                    (*path, "date"),
                    f"is on {day}, a day before the previous slot ({previous_day})",
                    "slots must be listed in time order",
                )
            )
        elif day == previous_day and slot.start < previous.end:
            self.problems.append(
                source.problem(
                    (*path, "start"),
                    f"starts at {slot.start}, before the previous slot ends ({previous.end})"
                    + (f" on {day}" if len(edition.days) > 1 else ""),
                    "slots must be listed in time order and must not overlap",
                )
            )

    def check_slot_refs(
        self, edition: Edition, source: Source, path: FieldPath, slot: Slot, used: dict[tuple[str, str], int]
    ) -> None:
        for kind, target, known in (("keynote", slot.keynote, edition.keynotes), ("panel", slot.panel, edition.panels)):
            if target is None:
                if slot.kind.value == kind:
                    self.problems.append(
                        source.problem(
                            (*path, kind),
                            f"a {kind} slot must name its {kind}",
                            f"add '{kind}: <id>' naming a file in {edition.id}/{kind}s/",
                        )
                    )
                continue
            if target not in known and f"{edition.id}/{kind}s/{target}" in self.invalid:
                continue
            if target not in known:
                guess = difflib.get_close_matches(target, list(known), n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"add {edition.id}/{kind}s/{target}.yaml"
                self.problems.append(source.problem((*path, kind), f"unknown {kind} '{target}'", hint))
            elif (kind, target) in used:
                self.problems.append(
                    source.problem((*path, kind), f"{kind} '{target}' is already in slot {used[kind, target]}")
                )
            used[kind, target] = path[1] + 1  # type: ignore[operator]
        if not slot.title and not slot.keynote and not slot.panel:
            self.problems.append(source.problem((*path, "title"), "this slot needs a title"))
        listed: dict[str, int] = {}
        for number, entry in enumerate(slot.papers):
            entry_path = (*path, "papers", number)
            if entry.paper in listed:
                self.problems.append(
                    source.problem(
                        (*entry_path, "paper"),
                        f"paper '{entry.paper}' is listed twice in this slot (first as papers[{listed[entry.paper]}])",
                        "remove one of the two entries",
                    )
                )
            listed.setdefault(entry.paper, number + 1)
            if entry.paper not in edition.papers and f"{edition.id}/papers/{entry.paper}" not in self.invalid:
                guess = difflib.get_close_matches(entry.paper, list(edition.papers), n=1)
                hint = (
                    f"did you mean '{guess[0]}'?"
                    if guess
                    else f"papers of {edition.id} are the files in {edition.id}/papers/"
                )
                self.problems.append(source.problem((*entry_path, "paper"), f"unknown paper '{entry.paper}'", hint))
            if (entry.start is None) != (entry.end is None):
                self.problems.append(source.problem(entry_path, "give both start and end, or neither"))
            elif entry.start and entry.end and not (slot.start <= entry.start < entry.end <= slot.end):
                self.problems.append(
                    source.problem(
                        (*entry_path, "start"),
                        f"{entry.start}-{entry.end} is not within the slot {slot.start}-{slot.end}",
                    )
                )
