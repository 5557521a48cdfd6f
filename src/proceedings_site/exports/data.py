"""``papers.json``, ``people.json`` and ``program.json`` per edition, with versioned JSON Schemas.

The export shapes are pydantic models, so the published schema is generated from
the same code that writes the data and cannot drift from it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import layout, textformat
from ..model import Edition, Proceedings

# 1.1: papers carry title_text and abstract_text, the plain text a reader sees of title and abstract.
SCHEMA_VERSION = "1.1"


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinkOut(Export):
    label: str
    url: str


class AuthorOut(Export):
    person: str = Field(description="Stable person id; the person's page is people/<id>.html.")
    name: str = Field(description="The name as printed on the paper.")
    affiliation: str | None = None


class PaperOut(Export):
    id: str
    title: str = Field(description="As written: may carry Markdown, HTML and TeX markup (see title_text).")
    title_text: str = Field(description="The title as a reader sees it, as plain text: no markup, math as text.")
    authors: list[AuthorOut]
    track: str = Field(description="A track id of the site (site.yaml).")
    presentation: str = Field(description="A presentation id of the site (site.yaml).")
    keywords: list[str]
    abstract: str | None = Field(
        description="As written (Markdown, a little HTML, TeX and $math$), imported from OpenReview or written by "
        "the authors; null when there is none."
    )
    abstract_text: str | None = Field(
        description="The abstract as a reader sees it, as plain text: paragraphs separated by a blank line."
    )
    openreview_id: str | None
    pmlr_id: str | None
    pages: str | None
    page: str = Field(description="The paper's page on this site, relative to the site root.")
    links: list[LinkOut]


class PapersFile(Export):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    edition: str
    papers: list[PaperOut]


class RoleOut(Export):
    kind: Literal["author", "keynote", "panelist", "moderator", "organizer", "committee"]
    target: str | None = Field(description="Paper, keynote or panel id, for roles that have one.")
    affiliation: str | None


class PersonOut(Export):
    id: str
    name: str
    variants: list[str]
    affiliations: list[str]
    homepage: str | None
    orcid: str | None
    openreview: str | None
    page: str
    roles: list[RoleOut] = Field(description="This person's roles at this edition.")


class PeopleFile(Export):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    edition: str
    people: list[PersonOut]


class SlotOut(Export):
    start: str = Field(description="ISO 8601 with the edition's UTC offset.")
    end: str
    kind: str
    title: str
    keynote: str | None
    panel: str | None
    papers: list[str]
    video: str | None
    links: list[LinkOut]
    calendar: str = Field(description="This slot's iCalendar file, relative to the site root.")


class ProgramFile(Export):
    schema_version: Literal["1.1"] = SCHEMA_VERSION
    edition: str
    timezone: str
    date: str
    slots: list[SlotOut]


SCHEMAS: dict[str, type[Export]] = {"papers": PapersFile, "people": PeopleFile, "program": ProgramFile}
# Schemas of earlier versions stay published, as they were, so that their $id keeps resolving.
PUBLISHED = Path(__file__).parent / "published"


def published_schemas() -> dict[str, bytes]:
    """Earlier versions' schemas, by path in the site (``schema/papers-1.0.json``)."""
    return {
        layout.data_schema(*path.stem.rsplit("-", 1)): path.read_bytes() for path in sorted(PUBLISHED.glob("*.json"))
    }


def papers_file(proceedings: Proceedings, edition: Edition) -> PapersFile:
    papers = []
    for paper_id, paper in edition.papers.items():
        links = [LinkOut(label=name, url=url) for name, url in paper.links if isinstance(url, str)]
        links += [LinkOut(label=link.label, url=link.url) for link in paper.links.other]
        authors = [
            AuthorOut(person=a.person, name=proceedings.displayed_name(a), affiliation=a.affiliation)
            for a in paper.authors
        ]
        papers.append(
            PaperOut(
                id=paper_id,
                title=paper.title,
                title_text=textformat.plain_title(paper.title),
                authors=authors,
                track=paper.track,
                presentation=paper.presentation or proceedings.site.presentation_ids[0],
                keywords=list(paper.keywords),
                abstract=paper.abstract,
                abstract_text=textformat.plain(paper.abstract) if paper.abstract else None,
                openreview_id=paper.openreview_id,
                pmlr_id=paper.pmlr.id if paper.pmlr else None,
                pages=paper.pmlr.pages if paper.pmlr else None,
                page=layout.html(layout.paper(edition.id, paper_id)),
                links=links,
            )
        )
    return PapersFile(edition=edition.id, papers=papers)


def people_file(proceedings: Proceedings, edition: Edition) -> PeopleFile:
    people = []
    for person_id, person in sorted(proceedings.people.items()):
        roles = [r for r in proceedings.roles.get(person_id, []) if r.edition == edition.id]
        if not roles:
            continue
        people.append(
            PersonOut(
                id=person_id,
                name=person.name,
                variants=list(person.variants),
                affiliations=list(person.affiliations),
                homepage=person.homepage,
                orcid=person.orcid,
                openreview=person.openreview,
                page=layout.html(layout.person(person_id)),
                roles=[RoleOut(kind=r.kind, target=r.target, affiliation=r.affiliation) for r in roles],
            )
        )
    return PeopleFile(edition=edition.id, people=people)


def program_file(edition: Edition) -> ProgramFile:
    slots = [
        SlotOut(
            start=edition.slot_datetime(slot, slot.start).isoformat(),
            end=edition.slot_datetime(slot, slot.end).isoformat(),
            kind=slot.kind.value,
            title=edition.slot_title(slot),
            keynote=slot.keynote,
            panel=slot.panel,
            papers=[entry.paper for entry in slot.papers],
            video=slot.video,
            links=[LinkOut(label=link.label, url=link.url) for link in slot.links],
            calendar=layout.slot_calendar(edition.id, edition.slot_key(slot)),
        )
        for slot in edition.slots
    ]
    return ProgramFile(
        edition=edition.id, timezone=edition.info.timezone, date=edition.info.date.isoformat(), slots=slots
    )


def dump(document: Export) -> bytes:
    # pydantic's serializer: json.dumps with an indent falls back to its slow pure-Python encoder
    return document.model_dump_json(indent=1).encode("utf-8") + b"\n"


def schema(name: str) -> bytes:
    model = SCHEMAS[name]
    document = model.model_json_schema()
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": layout.data_schema(name, SCHEMA_VERSION),
        **document,
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def browse_papers(proceedings: Proceedings, edition: Edition) -> list[dict[str, Any]]:
    """An edition's entries of a browse file (``joined_browse_file``)."""
    return [
        {
            "id": paper_id,
            "reference": layout.item_reference(edition.id, paper_id),  # as the lists name it (edition/paper)
            "edition": edition.info.short_name,
            "url": layout.html(layout.paper(edition.id, paper_id)),
            "title": textformat.plain_title(paper.title),  # what the reader filters by
            "authors": [proceedings.displayed_name(author) for author in paper.authors],
            "track": proceedings.site.track(paper.track).label,
            "presentation": proceedings.site.presentation(paper.presentation).label,
            "keywords": list(paper.keywords),
        }
        for paper_id, paper in edition.papers.items()
    ]


def joined_browse_file(parts: list[list[Any]]) -> bytes:
    """What the paper browser filters on, of the papers of ``parts`` (``browse_papers`` of editions), in that order:
    no abstracts, so it stays small (about 300 bytes a paper)."""
    document = {"schema_version": SCHEMA_VERSION, "papers": [paper for part in parts for paper in part]}
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
