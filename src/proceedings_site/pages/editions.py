"""An edition's overview page: when and where, links, dates, call for papers, people, sponsors, data files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import layout
from ..exports.data import SCHEMA_VERSION
from ..layout import PageKind
from ..model import Edition, Proceedings
from ..textformat import literal as md
from .common import Page, PageMeta, buttons, date, file, people_section, person_link, present
from .topics import has_topics_page


def pages(proceedings: Proceedings, today: dt.date) -> Iterator[Page]:
    for edition in proceedings.editions:
        yield overview(proceedings, edition, today)


def overview(proceedings: Proceedings, edition: Edition, today: dt.date) -> Page:
    info = edition.info
    lines = [f"# {md.text(info.short_name)}", ""]
    if info.name != info.short_name:  # a subtitle only when it says more than the heading
        lines += [f"**{md.text(info.name)}**", ""]
    ordinal = f"edition {md.text(info.ordinal)} of " if info.ordinal else "an edition of "
    held = "is scheduled for" if edition.upcoming(today) else "was held on"
    at = f", a workshop at {md.text(info.conference)}" if info.conference else ""
    lines += [
        f"{md.text(info.short_name)} is {ordinal}{md.text(proceedings.site.name)}{at}. "
        f"It {held} {date(info.date)} in {md.text(info.city)}" + (f", {md.text(info.venue)}." if info.venue else "."),
        "",
    ]
    if not edition.upcoming(today) and not edition.published:
        lines += ["The program and accepted papers of this edition have not been published yet.", ""]
    lines += links(edition, has_topics_page(proceedings, edition))
    if info.important_dates:
        lines += ["## Important dates", ""]
        if info.deadline_timezone:
            lines += [f"Deadlines are {md.text(info.deadline_timezone)}.", ""]
        lines += [f"- {md.text(item.label)}: {date(item.date)}" for item in info.important_dates] + [""]
    if info.submission_formats or info.call_for_papers:
        lines += call_for_papers(proceedings, edition, today)
    lines += people_section(proceedings, "Organizers", [(r.person, r.affiliation) for r in info.organizers])
    committee = [(r.person, r.affiliation) for r in info.program_committee]
    lines += people_section(proceedings, "Program committee", committee)
    if info.contacts:
        lines += ["## Contact", ""]
        lines += [
            f"- {person_link(proceedings, c.person)}: [{md.text(c.email)}](<mailto:{c.email}>)" for c in info.contacts
        ] + [""]
    if info.sponsors:
        lines += ["## Sponsors", ""]
        lines += [f"- {md.external(s.name, s.url) if s.url else md.text(s.name)}" for s in info.sponsors] + [""]
    if info.funding:
        lines += [f"This event received funding from {md.text(info.funding)}.", ""]
    children = layout.edition_children(edition.id, list(edition.keynotes), list(edition.panels))
    children += ["topics"] if has_topics_page(proceedings, edition) else []
    lines += ["```{toctree}", ":hidden:", "", *children, "```", ""]
    description = (
        f"{info.name}: " + (f"{info.conference}, " if info.conference else "") + f"{date(info.date)}, {info.city}."
    )
    return Page(layout.edition(edition.id), "\n".join(lines), PageMeta(description, PageKind.EDITION, edition.id))


def links(edition: Edition, topics: bool = False) -> list[str]:
    edition_links = edition.info.links
    named = [
        ("Workshop website", edition_links.website),
        ("OpenReview", edition_links.openreview),
        ("Conference schedule", edition_links.schedule),
        ("Recordings", edition_links.recordings),
        ("Published proceedings", edition_links.proceedings),
    ]
    items = present(named, edition_links.other)
    sections = [
        md.internal(layout.program(edition.id), "Program"),
        md.internal(layout.papers(edition.id), "Accepted papers"),
        *([md.internal(layout.topics(edition.id), "Topics")] if topics else []),
    ]
    lines = [" · ".join(sections), ""]
    return lines + ([buttons(items), ""] if items else []) + data_files(edition)


def data_files(edition: Edition) -> list[str]:
    files = []
    if edition.papers:
        files.append(file("BibTeX", layout.bibtex(edition.id)))
    if edition.slots:
        files += [
            file("iCalendar", layout.calendar(edition.id)),
            file("frab XML", layout.frab(edition.id)),
            file("schedule JSON", layout.schedule_json(edition.id)),
        ]
    files += [file(f"{name}.json", layout.data(edition.id, name)) for name in ("papers", "people", "program")]
    schema = file("schema", layout.data_schema("papers", SCHEMA_VERSION))
    return [f"Data: {' · '.join(files)} (JSON documented by its {schema}).", ""]


def formats(proceedings: Proceedings, edition: Edition) -> list[str]:
    submission = edition.info.submission_formats
    if submission is None:
        return []
    site = proceedings.site
    rows = [(site.track(track_id).plural, limit) for track_id, limit in submission.tracks.items()]  # as written
    rows += [("Style", submission.style), ("Review", submission.review)]
    return [f"- {md.text(label)}: {md.text(value)}" for label, value in rows if value]


def call_for_papers(proceedings: Proceedings, edition: Edition, today: dt.date) -> list[str]:
    """Topics, formats, review, presentation and publication, as far as the edition file has them."""
    info = edition.info
    call = info.call_for_papers
    lines = ["## Call for papers", ""]
    if call and call.topics:
        lines += ["Topics:", "", *(f"- {md.text(topic)}" for topic in call.topics), ""]
    if rows := formats(proceedings, edition):
        count = len(info.submission_formats.tracks) if info.submission_formats else 0
        welcome = f"Submissions in {_NUMBERS.get(count, str(count))} formats:" if count > 1 else "Submissions:"
        lines += [welcome, "", *rows, ""]
    if call:
        details = [("Reviewing", call.review), ("Presentation", call.presentation), ("Publication", call.publication)]
        if shown := [f"- {label}: {md.text(value)}" for label, value in details if value]:
            lines += ["Review, presentation and publication:", "", *shown, ""]
    if info.links.openreview:
        verb = "are" if edition.upcoming(today) else "were"
        lines += [f"Papers {verb} submitted through {md.external('OpenReview', info.links.openreview)}.", ""]
    return lines


_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}
