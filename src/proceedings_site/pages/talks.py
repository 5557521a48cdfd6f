"""Keynote and panel pages."""

from __future__ import annotations

from collections.abc import Iterator

from .. import layout
from .. import textformat as tf
from ..exports import stars
from ..layout import PageKind
from ..model import Edition, Proceedings
from ..textformat import literal as md
from ..textformat import myst as tfm
from .common import Page, PageMeta, buttons, edition_trail, people_section, person_link, present, when
from .schedule import star_block


def pages(proceedings: Proceedings) -> Iterator[Page]:
    for edition in proceedings.editions:
        for keynote_id in edition.keynotes:
            yield keynote(proceedings, edition, keynote_id)
        for panel_id in edition.panels:
            yield panel(proceedings, edition, panel_id)


def keynote(proceedings: Proceedings, edition: Edition, keynote_id: str) -> Page:
    talk = edition.keynotes[keynote_id]
    speaker = proceedings.people[talk.speaker]
    affiliation = f", {md.text(talk.affiliation)}" if talk.affiliation else ""
    lines = [
        f"# {tfm.inline(talk.title)}",
        "",
        f"Keynote by {person_link(proceedings, talk.speaker)}{affiliation}.",
        "",
    ]
    lines += when(edition, edition.slot_for_keynote(keynote_id))
    lines += star_block(stars.keynote_star(edition, keynote_id))
    links = present([("Video", talk.video), ("Slides", talk.slides)])
    if links:
        lines += [buttons(links), ""]
    reference = layout.item_reference(edition.id, keynote_id)
    abstract = (
        tfm.abstract_block("keynote", reference, talk.abstract)
        if talk.abstract
        else "No abstract is available for this keynote."
    )
    lines += ["## Abstract", "", abstract, ""]
    description = f"Keynote by {speaker.name} at {edition.info.short_name}: {tf.plain_title(talk.title)}"
    meta = PageMeta(description, PageKind.KEYNOTE, edition.id, keynote_id, trail=edition_trail(edition))
    return Page(layout.keynote(edition.id, keynote_id), "\n".join(lines), meta)


def panel(proceedings: Proceedings, edition: Edition, panel_id: str) -> Page:
    discussion = edition.panels[panel_id]
    lines = [f"# Panel: {md.text(discussion.title)}", ""]
    lines += when(edition, edition.slot_for_panel(panel_id))
    lines += star_block(stars.panel_star(edition, panel_id))
    if discussion.moderator:
        lines += [f"Moderated by {person_link(proceedings, discussion.moderator)}.", ""]
    panelists = [(p.person, p.affiliation) for p in discussion.panelists]
    lines += people_section(proceedings, "Panelists", panelists)
    if discussion.video:
        lines += [buttons([("Video", discussion.video)]), ""]
    description = f"Panel at {edition.info.short_name}: {discussion.title}"
    meta = PageMeta(description, PageKind.PANEL, edition.id, panel_id, trail=edition_trail(edition))
    return Page(layout.panel(edition.id, panel_id), "\n".join(lines), meta)
