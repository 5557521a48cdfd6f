"""The list of people and a page per person: every role they had, edition by edition."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from itertools import groupby
from typing import NamedTuple

from .. import layout
from .. import textformat as tf
from ..layout import PageKind
from ..model import Edition, PersonRole, Proceedings
from ..textformat import literal as md
from .common import (
    FIRST_COAUTHORS,
    PEOPLE_PER_PAGE,
    Page,
    PageMeta,
    author_list,
    buttons,
    id_list,
    list_page_front,
    pager,
    present,
    split_list,
)
from .fingerprints import Reuse


class ListedPerson(NamedTuple):
    """What the list of people shows of one person (see ``papers.ListedPaper``)."""

    doc: str
    name: str
    disambiguation: str | None


def listed_person(proceedings: Proceedings, person_id: str) -> ListedPerson:
    person = proceedings.people[person_id]
    return ListedPerson(layout.person(person_id), person.name, person.disambiguation)


def people_list(proceedings: Proceedings, person_ids: list[str]) -> list[str]:
    shown = [listed_person(proceedings, person_id) for person_id in person_ids]
    return id_list("proceedings-people-list", person_ids, shown)


def sort_key(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1].casefold() if parts else "", name.casefold())


def initial(name: str) -> str:
    surname = sort_key(name)[0]
    letter = unicodedata.normalize("NFKD", surname[:1])[:1].upper()
    return letter if letter.isalpha() else "#"


_NAV = [("People", layout.PEOPLE)]


def pages(proceedings: Proceedings, reuse: Reuse | None = None) -> Iterator[Page]:
    """The list and every person's page; with ``reuse``, a person's page whose inputs are as recorded is kept."""
    yield from people_index(proceedings)
    for person_id in proceedings.people:
        if reuse is None:
            yield person_page(proceedings, person_id)
            continue
        fingerprint, docname = reuse.prints.person(person_id), layout.person(person_id)
        if reuse.recorded(docname) == fingerprint:
            yield Page(docname, None, person_meta(proceedings, person_id), fingerprint)
        else:
            yield replace(person_page(proceedings, person_id), fingerprint=fingerprint)


def people_index(proceedings: Proceedings) -> list[Page]:
    """Everyone under the initial of their surname, in pages of ``PEOPLE_PER_PAGE`` when they are many: each
    page labelled by the surnames it runs from and to, and the initials linked to the page where they start."""
    by_name = sorted(proceedings.people.items(), key=lambda kv: sort_key(kv[1].name))
    chunks = split_list(layout.PEOPLE, by_name, PEOPLE_PER_PAGE)
    labels = [
        (docname, f"{surname(chunk[0][1].name)} – {surname(chunk[-1][1].name)}") for docname, chunk in chunks if chunk
    ]
    starts: dict[str, str] = {}  # initial → the page where it starts
    for docname, chunk in chunks:
        for _, person in chunk:
            starts.setdefault(initial(person.name), docname)
    description = f"Everyone who took part in {proceedings.site.name}."
    listed = []
    for number, (docname, chunk) in enumerate(chunks, 1):
        title = "# People" + ("" if number == 1 else f": {md.text(labels[number - 1][1])}")
        lines = [*list_page_front(number), title, ""]
        lines += ["Authors, speakers, panelists, organizers and program committee members of every edition.", ""]
        paged = pager(labels, docname) if len(chunks) > 1 else []
        if paged:
            lines += pager([(page, letter) for letter, page in starts.items()], docname, "Initials")
            lines += paged
        for letter, group in groupby(chunk, key=lambda kv: initial(kv[1].name)):
            lines += [f"## {md.text(letter)}", "", *people_list(proceedings, [person_id for person_id, _ in group]), ""]
        lines += paged
        trail = list(_NAV) if number > 1 else []
        meta = PageMeta(description, PageKind.PEOPLE, nav=list(_NAV), trail=trail)
        listed.append(Page(docname, "\n".join(lines), meta))
    return listed


def surname(name: str) -> str:
    parts = name.split()
    return parts[-1] if parts else name


def person_page(proceedings: Proceedings, person_id: str) -> Page:
    person = proceedings.people[person_id]
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
    if links := present(profiles):
        lines += [buttons(links), ""]
    roles = proceedings.roles.get(person_id, [])
    for edition_id, edition_roles in groupby(roles, key=lambda role: role.edition):
        edition = proceedings.edition(edition_id)
        lines += [f"## {md.text(edition.info.short_name)}", ""]
        lines += [f"- {role_line(proceedings, person_id, edition, role)}" for role in edition_roles] + [""]
    return Page(layout.person(person_id), "\n".join(lines), person_meta(proceedings, person_id))


def person_meta(proceedings: Proceedings, person_id: str) -> PageMeta:
    description = f"{proceedings.people[person_id].name}: roles and papers at the {proceedings.site.name} workshops."
    return PageMeta(description, PageKind.PERSON, item=person_id, nav=list(_NAV), trail=list(_NAV))


def role_line(proceedings: Proceedings, person_id: str, edition: Edition, role: PersonRole) -> str:
    at = f" ({md.text(role.affiliation)})" if role.affiliation else ""
    target = role.target or ""
    if role.kind == "author":
        paper = edition.papers[target]
        title = md.internal(layout.paper(edition.id, target), tf.plain_title(paper.title))
        return f"Author of {title}" + coauthors(proceedings, edition, target, person_id)
    if role.kind == "keynote":
        keynote = edition.keynotes[target]
        return f"Keynote: {md.internal(layout.keynote(edition.id, target), tf.plain_title(keynote.title))}{at}"
    if role.kind in ("panelist", "moderator"):
        panel = edition.panels[target]
        label = "Panelist" if role.kind == "panelist" else "Moderator"
        return f"{label}: {md.internal(layout.panel(edition.id, target), panel.title)}{at}"
    label = "Organizer" if role.kind == "organizer" else "Program committee member"
    return f"{label} of {md.internal(layout.edition(edition.id), edition.info.short_name)}{at}"


def coauthors(proceedings: Proceedings, edition: Edition, paper_id: str, person_id: str) -> str:
    """ ", with A, B and C", or for a long author list its first co-authors and how many more, linked to the paper's
    full list: a person page grows with the person's papers, never with the size of their author lists."""
    others = [a for a in edition.papers[paper_id].authors if a.person != person_id]
    if not others:
        return ""
    if len(others) <= FIRST_COAUTHORS + 1:
        return f", with {author_list(proceedings, others)}"
    more = len(others) - FIRST_COAUTHORS
    link = md.internal(
        layout.paper(edition.id, paper_id), f"{more:,} more co-authors", layout.authors_anchor(edition.id, paper_id)
    )
    return f", with {author_list(proceedings, others[:FIRST_COAUTHORS])} and {link}"
