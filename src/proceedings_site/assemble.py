"""Stage 3: turn the validated proceedings into MyST pages.

Pages are pure functions of the model, so output is deterministic. Writing
compares bytes first, so an unchanged page keeps its modification time and
Sphinx does not rebuild it; pages written by an earlier run that are no longer
produced are removed, using a manifest of what the assembler owns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from . import markup as md
from .exports import bibtex, urls
from .files import write_if_changed
from .model import Author, Edition, Paper, PersonRole, Proceedings, Slot

MANIFEST = ".assembled.json"


@dataclass
class PageMeta:
    """What the Sphinx extension needs to know about a generated page."""

    description: str
    kind: str
    edition: str | None = None
    nav: list[tuple[str, str]] = field(default_factory=list)  # (label, docname) for the compact sidebar


class ListedPaper(NamedTuple):
    """What a paper list shows of one paper. The list's entries are made from this when the page is written
    (``sphinxext.lists``); the assembler hashes it, so the page changes whenever an entry would."""

    doc: str
    title: str
    authors: tuple[tuple[str, str], ...]  # (person's docname, name as printed)
    keywords: tuple[str, ...]


class ListedPerson(NamedTuple):
    """What the list of people shows of one person (see ``ListedPaper``)."""

    doc: str
    name: str
    disambiguation: str | None


def listed_paper(proceedings: Proceedings, edition: Edition, paper_id: str) -> ListedPaper:
    paper = edition.papers[paper_id]
    authors = tuple((f"people/{a.person}", proceedings.displayed_name(a)) for a in paper.authors)
    return ListedPaper(_paper_doc(edition, paper_id), paper.title, authors, tuple(paper.keywords))


def listed_person(proceedings: Proceedings, person_id: str) -> ListedPerson:
    person = proceedings.people[person_id]
    return ListedPerson(f"people/{person_id}", person.name, person.disambiguation)


@dataclass
class Site:
    pages: dict[str, str]  # docname → MyST source
    meta: dict[str, PageMeta]


# --- small formatting helpers ------------------------------------------------


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _time(edition: Edition, clock: str) -> str:
    """A program time as a ``<time>`` element the reader can switch to their own time zone."""
    return f"{{proceedings-time}}`{edition.slot_datetime(clock).isoformat()}`"


def _zone(edition: Edition) -> str:
    """The event's time zone label, marked so the page script can replace it with the reader's zone."""
    return f"{{proceedings-zone}}`{_zone_label(edition)}`"


def _times(edition: Edition, start: str, end: str) -> str:
    return f"{_time(edition, start)}–{_time(edition, end)}"


def _file(label: str, path: str) -> str:
    """A link to a file the extension writes next to the HTML (labels and paths are ours)."""
    return f"{{proceedings-file}}`{label} <{path}>`"


def _browser(data: str) -> list[str]:
    """The paper browser's place: its script adds filters here and filters the list below, read from ``data``."""
    return [
        "```{container} proceedings-browser",
        f"Every paper is listed below. The list can also be downloaded as {_file('JSON', data)}.",
        "```",
    ]


def _code_block(language: str, content: str) -> str:
    """A fenced block whose fence is longer than any run of backticks in the (untrusted) content."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{content.rstrip()}\n{fence}"


def _zone_label(edition: Edition) -> str:
    moment = edition.slot_datetime("12:00")
    offset = moment.strftime("%z")
    city = edition.info.timezone.split("/")[-1].replace("_", " ")
    return f"{city} time (UTC{offset[:3]}:{offset[3:]})"


def _author_list(site: Proceedings, authors: list[Author]) -> str:
    return ", ".join(md.internal(f"people/{a.person}", site.displayed_name(a)) for a in authors)


def _plain_authors(site: Proceedings, authors: list[Author]) -> str:
    return ", ".join(site.displayed_name(a) for a in authors)


def _paper_doc(edition: Edition, paper_id: str) -> str:
    return f"{edition.id}/papers/{paper_id}"


def _id_list(directive: str, ids: list[str], shown: Sequence[tuple[object, ...]], *flags: str) -> list[str]:
    """A long list as a directive (``sphinxext.lists``): ids, which the model has validated and which are never
    free text, and a digest of what the entries show, so that the page changes whenever an entry would."""
    digest = hashlib.blake2b(json.dumps(shown, ensure_ascii=False).encode(), digest_size=10).hexdigest()
    return [f"```{{{directive}}}", f":digest: {digest}", *(f":{flag}:" for flag in flags), "", *ids, "```"]


def _paper_list(proceedings: Proceedings, edition: Edition, paper_ids: list[str], compact: bool = False) -> list[str]:
    """Compact entries, as PMLR's volume pages have them, are a title and the authors as text."""
    shown = [listed_paper(proceedings, edition, paper_id) for paper_id in paper_ids]
    ids = [f"{edition.id}/{paper_id}" for paper_id in paper_ids]
    return _id_list("proceedings-paper-list", ids, shown, *(["compact"] if compact else []))


def _people_list(proceedings: Proceedings, person_ids: list[str]) -> list[str]:
    shown = [listed_person(proceedings, person_id) for person_id in person_ids]
    return _id_list("proceedings-people-list", person_ids, shown)


def _no_abstract(openreview: str | None, what: str) -> str:
    if openreview:
        return f"No abstract has been imported for this {what} yet. {md.external('Read it on OpenReview', openreview)}."
    return f"No abstract is available for this {what}."


def _buttons(links: list[tuple[str, str]]) -> str:
    """A row of sphinx-design buttons; labels are ours or escaped, URLs are validated by the model."""
    options = ":color: primary\n:outline:"
    buttons = "\n".join(f"```{{button-link}} {address}\n{options}\n\n{md.text(label)}\n```" for label, address in links)
    return f"````{{container}} proceedings-links\n{buttons}\n````"


def _paper_links(paper: Paper) -> list[tuple[str, str]]:
    links = paper.links
    named = [
        ("OpenReview", links.openreview),
        ("PDF", links.pdf),
        ("PMLR", links.pmlr),
        ("arXiv", links.arxiv),
        ("Code", links.code),
        ("Data", links.data),
        ("Video", links.video),
        ("Poster", links.poster),
        ("Project page", links.project),
    ]
    return [(label, address) for label, address in named if address] + [(o.label, o.url) for o in links.other]


_TRACK = {"long": "Long paper", "short": "Short paper"}
_PRESENTATION = {"spotlight": "Spotlight", "poster": "Poster"}


def _badges(paper: Paper) -> str:
    """Badges hold only values of our own: role content is taken literally, so metadata text cannot go there."""
    badges = [f"{{bdg-primary}}`{_TRACK[paper.track]}`"]
    if paper.presentation == "spotlight":
        badges.append("{bdg-warning}`Spotlight`")
    return " ".join(badges)


# --- page builders -----------------------------------------------------------


class Assembler:
    def __init__(self, proceedings: Proceedings, base_url: str = "") -> None:
        self.p = proceedings
        self.base_url = base_url
        self.pages: dict[str, str] = {}
        self.meta: dict[str, PageMeta] = {}

    def add(self, docname: str, source: str, meta: PageMeta) -> None:
        self.pages[docname] = source
        self.meta[docname] = meta

    def run(self) -> Site:
        self.home()
        self.editions_index()
        self.program_hub()
        self.papers_hub()
        for edition in self.p.editions:
            self.edition_overview(edition)
            self.program(edition)
            self.papers_index(edition)
            for keynote_id in edition.keynotes:
                self.keynote(edition, keynote_id)
            for panel_id in edition.panels:
                self.panel(edition, panel_id)
            paper_ids = list(edition.papers)
            for index, paper_id in enumerate(paper_ids):
                neighbours = (
                    paper_ids[index - 1] if index else None,
                    paper_ids[index + 1] if index + 1 < len(paper_ids) else None,
                )
                self.paper(edition, paper_id, neighbours)
        self.people_index()
        for person_id in self.p.people:
            self.person(person_id)
        return Site(self.pages, self.meta)

    # -- site-wide pages

    def home(self) -> None:
        current = self.p.current
        lines = [
            "# TerraBytes proceedings",
            "",
            "TerraBytes is a workshop on global datasets and models for Earth observation. "
            "This site collects the program, keynotes, accepted papers and people of every edition.",
            "",
            "````{grid} 1 1 2 2",
            ":gutter: 3",
            "",
        ]
        for edition in self.p.editions:
            marker = " (current edition)" if edition is current else ""
            lines += [
                "```{grid-item-card}",
                f":link: {edition.id}/index",
                ":link-type: doc",
                "",
                f"**{md.text(edition.info.short_name + marker)}**",
                "",
                f"{md.text(edition.info.conference)} · {_date(edition.info.date)} · {md.text(edition.info.city)}",
                "",
                self.edition_summary(edition),
                "```",
                "",
            ]
        lines += [
            "````",
            "",
            "```{toctree}",
            ":hidden:",
            "",
            "editions",
            "program",
            "papers",
            "people/index",
            "about",
            "```",
            "",
        ]
        self.add(
            "index",
            "\n".join(lines),
            PageMeta(
                "Proceedings of the TerraBytes workshops on global datasets and models for Earth observation.", "home"
            ),
        )

    def edition_summary(self, edition: Edition) -> str:
        parts = [f"{len(edition.papers)} accepted papers" if edition.papers else "Papers not yet announced"]
        if edition.keynotes:
            parts.append(f"{len(edition.keynotes)} keynotes")
        return " · ".join(parts)

    def editions_index(self) -> None:
        lines = ["# Editions", ""]
        for edition in self.p.editions:
            lines.append(
                f"- {md.internal(f'{edition.id}/index', edition.info.name)}: "
                f"{md.text(edition.info.conference)}, {md.text(edition.info.city)}, {_date(edition.info.date)}"
            )
        lines += ["", "```{toctree}", ":hidden:", "", *(f"{e.id}/index" for e in self.p.editions), "```", ""]
        self.add("editions", "\n".join(lines), PageMeta("Every edition of the TerraBytes workshop.", "editions"))

    def program_hub(self) -> None:
        lines = ["# Program", ""]
        for edition in self.p.editions:
            target = md.internal(f"{edition.id}/program", f"{edition.info.short_name} program")
            status = f"{len(edition.slots)} sessions" if edition.slots else "not yet published"
            lines.append(f"- {target}: {_date(edition.info.date)}, {md.text(edition.info.city)} ({status})")
        self.add(
            "program", "\n".join(lines) + "\n", PageMeta("The programs of every TerraBytes edition.", "program-hub")
        )

    def papers_hub(self) -> None:
        lines = [
            "# Papers",
            "",
            "Accepted papers of every edition, most recent edition first.",
            "",
            *_browser("browse.json"),
            "",
        ]
        for edition in self.p.editions:
            lines += [f"## {md.text(edition.info.short_name)}", ""]
            if not edition.papers:
                lines += ["Papers for this edition have not been announced yet.", ""]
                continue
            lines.append(f"{md.internal(f'{edition.id}/papers/index', 'Grouped by track and presentation')}.")
            lines += ["", *_paper_list(self.p, edition, list(edition.papers), compact=True), ""]
        lines += [
            f"All papers as {_file('BibTeX', 'papers.bib')} and as an {_file('Atom feed', 'papers.atom')}.",
            "",
        ]
        self.add("papers", "\n".join(lines), PageMeta("Accepted papers of every TerraBytes edition.", "papers-hub"))

    # -- per edition

    def edition_overview(self, edition: Edition) -> None:
        info, doc = edition.info, f"{edition.id}/index"
        lines = [f"# {md.text(info.short_name)}", "", f"**{md.text(info.name)}**", ""]
        ordinal = f"edition {md.text(info.ordinal)} of " if info.ordinal else "an edition of "
        held = "was held on" if info.status == "held" else "is scheduled for"
        lines += [
            f"{md.text(info.short_name)} is {ordinal}TerraBytes, a workshop at {md.text(info.conference)}. "
            f"It {held} {_date(info.date)} in {md.text(info.city)}"
            + (f", {md.text(info.venue)}." if info.venue else "."),
            "",
        ]
        lines += self.edition_links(edition)
        if info.important_dates:
            lines += ["## Important dates", ""]
            if info.deadline_timezone:
                lines += [f"Deadlines are {md.text(info.deadline_timezone)}.", ""]
            lines += [f"- {md.text(item.label)}: {_date(item.date)}" for item in info.important_dates] + [""]
        if info.submission_formats and info.status == "announced":
            lines += self.call_for_papers(edition)
        elif info.submission_formats:
            lines += ["## Submissions", "", *self.formats(edition), ""]
        lines += self.people_section("Organizers", [(r.person, r.affiliation) for r in info.organizers])
        lines += self.people_section("Program committee", [(r.person, r.affiliation) for r in info.program_committee])
        if info.contacts:
            lines += ["## Contact", ""]
            lines += [
                f"- {md.internal(f'people/{c.person}', self.p.people[c.person].name)}: "
                f"[{md.text(c.email)}](<mailto:{c.email}>)"
                for c in info.contacts
            ] + [""]
        if info.sponsors:
            lines += ["## Sponsors", ""]
            lines += [f"- {md.external(s.name, s.url) if s.url else md.text(s.name)}" for s in info.sponsors] + [""]
        if info.funding:
            lines += [f"This event received funding from {md.text(info.funding)}.", ""]
        children = [
            "program",
            *(f"keynotes/{k}" for k in edition.keynotes),
            *(f"panels/{k}" for k in edition.panels),
            "papers/index",
        ]
        lines += ["```{toctree}", ":hidden:", "", *children, "```", ""]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(f"{info.name}: {info.conference}, {_date(info.date)}, {info.city}.", "edition", edition.id),
        )

    def edition_links(self, edition: Edition) -> list[str]:
        links = edition.info.links
        named = [
            ("Workshop website", links.website),
            ("OpenReview", links.openreview),
            ("Conference schedule", links.schedule),
            ("Recordings", links.recordings),
            ("Published proceedings", links.proceedings),
        ]
        items = [(label, address) for label, address in named if address] + [(o.label, o.url) for o in links.other]
        sections = [
            md.internal(f"{edition.id}/program", "Program"),
            md.internal(f"{edition.id}/papers/index", "Accepted papers"),
        ]
        lines = [" · ".join(sections), ""]
        return lines + ([_buttons(items), ""] if items else []) + self.edition_data(edition)

    def edition_data(self, edition: Edition) -> list[str]:
        files = []
        if edition.papers:
            files.append(_file("BibTeX", f"{edition.id}/papers.bib"))
        if edition.slots:
            files += [_file("iCalendar", f"{edition.id}/program.ics"), _file("frab XML", f"{edition.id}/schedule.xml")]
        files += [_file(f"{name}.json", f"{edition.id}/{name}.json") for name in ("papers", "people", "program")]
        return [f"Data: {' · '.join(files)} (JSON documented by its {_file('schema', 'schema/papers-1.0.json')}).", ""]

    def formats(self, edition: Edition) -> list[str]:
        formats = edition.info.submission_formats
        assert formats is not None
        rows = [
            ("Short papers", formats.short),
            ("Long papers", formats.long),
            ("Style", formats.style),
            ("Review", formats.review),
        ]
        return [f"- {label}: {md.text(value)}" for label, value in rows if value]

    def call_for_papers(self, edition: Edition) -> list[str]:
        lines = ["## Call for papers", "", "Submissions are welcome in two formats:", "", *self.formats(edition), ""]
        if edition.info.links.openreview:
            lines += [f"Papers are submitted through {md.external('OpenReview', edition.info.links.openreview)}.", ""]
        return lines

    def people_section(self, title: str, entries: list[tuple[str, str | None]]) -> list[str]:
        if not entries:
            return []
        lines = [f"## {title}", ""]
        for person_id, affiliation in entries:
            name = md.internal(f"people/{person_id}", self.p.people[person_id].name)
            lines.append(f"- {name}" + (f", {md.text(affiliation)}" if affiliation else ""))
        return [*lines, ""]

    def program(self, edition: Edition) -> None:
        doc = f"{edition.id}/program"
        lines = [f"# Program of {md.text(edition.info.short_name)}", ""]
        if not edition.slots:
            lines += ["The program of this edition has not been published yet.", ""]
        else:
            venue = f", {md.text(edition.info.venue)}" if edition.info.venue else ""
            lines += [
                f"{_date(edition.info.date)}{venue}.",
                "",
                "```{container} proceedings-timezone",
                f"All times are {_zone(edition)}.",
                "```",
                "",
                "Take the program with you: "
                + " · ".join(
                    [
                        _file("iCalendar", f"{edition.id}/program.ics"),
                        _file("JSON", f"{edition.id}/program.json"),
                        _file("frab XML for conference apps", f"{edition.id}/schedule.xml"),
                    ]
                )
                + ".",
                "",
            ]
        for slot in edition.slots:
            lines += self.slot(edition, slot)
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(f"Program of {edition.info.short_name}, {_date(edition.info.date)}.", "program", edition.id),
        )

    def slot(self, edition: Edition, slot: Slot) -> list[str]:
        title = edition.slot_title(slot)
        heading = f"## {_times(edition, slot.start, slot.end)} · {md.text(title)}"
        lines = [f"({urls.slot_anchor(edition, slot)})=", heading, ""]
        if slot.keynote:
            keynote = edition.keynotes[slot.keynote]
            speaker = md.internal(f"people/{keynote.speaker}", self.p.people[keynote.speaker].name)
            lines += [
                f"Keynote by {speaker}"
                + (f" ({md.text(keynote.affiliation)})" if keynote.affiliation else "")
                + f": {md.internal(f'{edition.id}/keynotes/{slot.keynote}', keynote.title)}",
                "",
            ]
        if slot.panel:
            panel = edition.panels[slot.panel]
            names = ", ".join(md.internal(f"people/{p.person}", self.p.people[p.person].name) for p in panel.panelists)
            lines += [f"{md.internal(f'{edition.id}/panels/{slot.panel}', 'Panel')} with {names}.", ""]
        for entry in slot.papers:
            paper = edition.papers[entry.paper]
            when = f"{entry.start}–{entry.end}: " if entry.start else ""
            lines.append(
                f"- {when}{md.internal(_paper_doc(edition, entry.paper), paper.title)}, "
                f"{_author_list(self.p, paper.authors)}"
            )
        if slot.papers:
            lines.append("")
        if slot.kind.value == "posters" and edition.papers:
            lines += [
                f"All {md.internal(f'{edition.id}/papers/index', 'accepted papers')} are presented as posters.",
                "",
            ]
        links = ([("Video", slot.video)] if slot.video else []) + [(link.label, link.url) for link in slot.links]
        if links:
            lines += [_buttons(links), ""]
        lines += [_file("Add to calendar", f"{edition.id}/calendar/{slot.start.replace(':', '')}.ics"), ""]
        return lines

    def keynote(self, edition: Edition, keynote_id: str) -> None:
        doc = f"{edition.id}/keynotes/{keynote_id}"
        keynote = edition.keynotes[keynote_id]
        speaker = self.p.people[keynote.speaker]
        lines = [f"# {md.text(keynote.title)}", ""]
        lines += [
            f"Keynote by {md.internal(f'people/{keynote.speaker}', speaker.name)}"
            + (f", {md.text(keynote.affiliation)}" if keynote.affiliation else "")
            + ".",
            "",
        ]
        lines += self.when(edition, edition.slot_for_keynote(keynote_id))
        links = [
            (label, address) for label, address in (("Video", keynote.video), ("Slides", keynote.slides)) if address
        ]
        if links:
            lines += [_buttons(links), ""]
        lines += [
            "## Abstract",
            "",
            md.paragraphs(keynote.abstract) if keynote.abstract else "No abstract is available for this keynote.",
            "",
        ]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(f"Keynote by {speaker.name} at {edition.info.short_name}: {keynote.title}", "keynote", edition.id),
        )

    def when(self, edition: Edition, slot: Slot | None) -> list[str]:
        if slot is None:
            return []
        where = md.internal(f"{edition.id}/program", "program", urls.slot_anchor(edition, slot))
        times = _times(edition, slot.start, slot.end)
        return [
            "```{container} proceedings-timezone",
            f"{_date(edition.info.date)}, {times}, {_zone(edition)}; see the {where}.",
            "```",
            "",
        ]

    def panel(self, edition: Edition, panel_id: str) -> None:
        doc = f"{edition.id}/panels/{panel_id}"
        panel = edition.panels[panel_id]
        lines = [f"# Panel: {md.text(panel.title)}", ""]
        lines += self.when(edition, edition.slot_for_panel(panel_id))
        if panel.moderator:
            lines += [
                f"Moderated by {md.internal(f'people/{panel.moderator}', self.p.people[panel.moderator].name)}.",
                "",
            ]
        lines += self.people_section("Panelists", [(p.person, p.affiliation) for p in panel.panelists])
        if panel.video:
            lines += [_buttons([("Video", panel.video)]), ""]
        self.add(
            doc, "\n".join(lines), PageMeta(f"Panel at {edition.info.short_name}: {panel.title}", "panel", edition.id)
        )

    def papers_index(self, edition: Edition) -> None:
        doc = f"{edition.id}/papers/index"
        lines = [f"# Accepted papers of {md.text(edition.info.short_name)}", ""]
        if not edition.papers:
            lines += ["Accepted papers will be listed here once they are announced.", ""]
        else:
            lines += [*_browser(f"{edition.id}/browse.json"), ""]
        groups = groupby(
            sorted(edition.papers.items(), key=lambda kv: (kv[1].track, kv[1].presentation != "spotlight")),
            key=lambda kv: kv[1].track,
        )
        for track, papers in groups:
            lines += [f"## {_TRACK[track]}s", ""]
            for presentation, group in groupby(papers, key=lambda kv: kv[1].presentation):
                paper_ids = [paper_id for paper_id, _ in group]
                lines += [f"### {_PRESENTATION[presentation]}s", "", *_paper_list(self.p, edition, paper_ids), ""]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(
                f"{len(edition.papers)} accepted papers of {edition.info.short_name}.",
                "papers",
                edition.id,
                nav=self.edition_nav(edition),
            ),
        )

    def edition_nav(self, edition: Edition) -> list[tuple[str, str]]:
        return [
            (edition.info.short_name, f"{edition.id}/index"),
            ("Program", f"{edition.id}/program"),
            ("Accepted papers", f"{edition.id}/papers/index"),
        ]

    def paper(self, edition: Edition, paper_id: str, neighbours: tuple[str | None, str | None]) -> None:
        doc = _paper_doc(edition, paper_id)
        paper = edition.papers[paper_id]
        lines = [md.front_matter({"orphan": True}), f"# {md.text(paper.title)}", "", _badges(paper), ""]
        for author in paper.authors:
            person = self.p.people[author.person]
            affiliation = author.affiliation or (person.affiliations[0] if person.affiliations else None)
            lines.append(
                f"- {md.internal(f'people/{author.person}', self.p.displayed_name(author))}"
                + (f", {md.text(affiliation)}" if affiliation else "")
            )
        lines.append("")
        facts = [
            f"{_TRACK[paper.track]}, {_PRESENTATION[paper.presentation].lower()}",
            f"{md.internal(f'{edition.id}/index', edition.info.short_name)} ({md.text(edition.info.conference)})",
        ]
        if paper.pmlr and edition.info.pmlr:
            facts.append(f"PMLR volume {edition.info.pmlr.volume}, pages {paper.pmlr.pages}")
        lines += [" · ".join(facts), ""]
        if paper.keywords:
            lines += [f"**Keywords:** {md.text(', '.join(paper.keywords))}", ""]
        for slot, entry in edition.slots_for_paper(paper_id):
            time = (
                _times(edition, entry.start, entry.end)
                if entry.start and entry.end
                else _times(edition, slot.start, slot.end)
            )
            where = md.internal(f"{edition.id}/program", edition.slot_title(slot), urls.slot_anchor(edition, slot))
            lines += [
                "```{container} proceedings-timezone",
                f"Presented in {where}, {time}, {_zone(edition)}.",
                "```",
                "",
            ]
        if links := _paper_links(paper):
            lines += [_buttons(links), ""]
        lines += [
            "## Abstract",
            "",
            md.paragraphs(paper.abstract) if paper.abstract else _no_abstract(paper.links.openreview, "paper"),
            "",
            "## Cite",
            "",
            _code_block("bibtex", bibtex.entry(self.p, edition, paper_id, self.base_url)),
            "",
            f"BibTeX of {_file('every paper of ' + edition.info.short_name, f'{edition.id}/papers.bib')} "
            f"or {_file('every edition', 'papers.bib')}.",
            "",
        ]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(
                f"{paper.title}. {_plain_authors(self.p, paper.authors)}. {edition.info.short_name}.",
                "paper",
                edition.id,
                nav=self.edition_nav(edition) + self.neighbours(edition, neighbours),
            ),
        )

    def neighbours(self, edition: Edition, neighbours: tuple[str | None, str | None]) -> list[tuple[str, str]]:
        """Previous and next paper in list order, for the compact sidebar (the template escapes labels)."""
        labelled = zip(("Previous: ", "Next: "), neighbours, strict=True)
        return [(label + edition.papers[pid].title, _paper_doc(edition, pid)) for label, pid in labelled if pid]

    # -- people

    def people_index(self) -> None:
        doc = "people/index"
        lines = [
            "# People",
            "",
            "Authors, speakers, panelists, organizers and program committee members of every edition.",
            "",
        ]
        for letter, group in groupby(
            sorted(self.p.people.items(), key=lambda kv: sort_key(kv[1].name)), key=lambda kv: initial(kv[1].name)
        ):
            lines += [f"## {md.text(letter)}", "", *_people_list(self.p, [person_id for person_id, _ in group]), ""]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta("Everyone who took part in TerraBytes.", "people", nav=[("People", "people/index")]),
        )

    def person(self, person_id: str) -> None:
        doc = f"people/{person_id}"
        person = self.p.people[person_id]
        lines = [md.front_matter({"orphan": True}), f"# {md.text(person.name)}", ""]
        if person.disambiguation:
            lines += [f"*{md.text(person.disambiguation)}*", ""]
        if person.affiliations:
            lines += ["; ".join(md.text(a) for a in person.affiliations), ""]
        if person.variants:
            lines += [f"Also written: {md.text(', '.join(person.variants))}", ""]
        profiles = [("Homepage", person.homepage)]
        if person.orcid:
            profiles.append(("ORCID", f"https://orcid.org/{person.orcid}"))
        if person.openreview:
            profiles.append(("OpenReview", f"https://openreview.net/profile?id={person.openreview}"))
        if links := [(label, address) for label, address in profiles if address]:
            lines += [_buttons(links), ""]
        roles = self.p.roles.get(person_id, [])
        for edition_id, edition_roles in groupby(roles, key=lambda role: role.edition):
            edition = self.p.edition(edition_id)
            lines += [f"## {md.text(edition.info.short_name)}", ""]
            lines += [f"- {self.role(person_id, edition, role)}" for role in edition_roles] + [""]
        self.add(
            doc,
            "\n".join(lines),
            PageMeta(
                f"{person.name}: roles and papers at the TerraBytes workshops.",
                "person",
                nav=[("People", "people/index")],
            ),
        )

    def role(self, person_id: str, edition: Edition, role: PersonRole) -> str:
        at = f" ({md.text(role.affiliation)})" if role.affiliation else ""
        edition_link = md.internal(f"{edition.id}/index", edition.info.short_name)
        if role.kind == "author":
            paper = edition.papers[role.target or ""]
            coauthors = _author_list(self.p, [a for a in paper.authors if a.person != person_id])
            title = md.internal(_paper_doc(edition, role.target or ""), paper.title)
            return f"Author of {title}" + (f", with {coauthors}" if coauthors else "")
        if role.kind == "keynote":
            keynote = edition.keynotes[role.target or ""]
            return f"Keynote: {md.internal(f'{edition.id}/keynotes/{role.target}', keynote.title)}{at}"
        if role.kind in ("panelist", "moderator"):
            panel = edition.panels[role.target or ""]
            label = "Panelist" if role.kind == "panelist" else "Moderator"
            return f"{label}: {md.internal(f'{edition.id}/panels/{role.target}', panel.title)}{at}"
        label = "Organizer" if role.kind == "organizer" else "Program committee member"
        return f"{label} of {edition_link}{at}"


def sort_key(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1].casefold() if parts else "", name.casefold())


def initial(name: str) -> str:
    surname = sort_key(name)[0]
    letter = unicodedata.normalize("NFKD", surname[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


def assemble(proceedings: Proceedings, base_url: str = "") -> Site:
    """All pages of the site; ``base_url`` (the published address) makes citation URLs absolute."""
    return Assembler(proceedings, base_url).run()


# --- writing -----------------------------------------------------------------


def write_site(site: Site, outdir: Path) -> tuple[list[str], list[str]]:
    """Write pages below ``outdir``; return (written, removed) docnames. Unchanged files are not touched."""
    manifest_path = outdir / MANIFEST
    previous = set(json.loads(manifest_path.read_text(encoding="utf-8"))) if manifest_path.is_file() else set()
    foreign = [
        docname for docname in sorted(site.pages) if docname not in previous and (outdir / f"{docname}.md").exists()
    ]
    if foreign:  # checked before writing anything, so a refusal leaves the folder as it was
        raise FileExistsError(
            f"{outdir / foreign[0]}.md exists and was not written by the assembler; move it out of the way"
        )
    written = [
        docname
        for docname, source in sorted(site.pages.items())
        if write_if_changed(outdir / f"{docname}.md", source.encode("utf-8"))
    ]
    removed = sorted(previous - site.pages.keys())
    for docname in removed:
        (outdir / f"{docname}.md").unlink(missing_ok=True)
        _remove_empty_parents(outdir / docname, outdir)
    write_if_changed(manifest_path, json.dumps(sorted(site.pages), indent=0, ensure_ascii=False).encode("utf-8"))
    return written, removed


def _remove_empty_parents(path: Path, stop: Path) -> None:
    for parent in path.parents:
        if parent == stop or not parent.is_relative_to(stop):
            return
        try:
            parent.rmdir()
        except OSError:
            return
