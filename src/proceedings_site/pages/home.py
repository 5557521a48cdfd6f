"""The site-wide entry pages: home, the list of editions, and the program hub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import layout
from ..layout import PageKind
from ..model import Edition, Proceedings
from ..textformat import literal as md
from .common import Page, PageMeta, date


def pages(proceedings: Proceedings, today: dt.date) -> Iterator[Page]:
    yield home(proceedings, today)
    yield editions_index(proceedings)
    yield program_hub(proceedings)


def home(proceedings: Proceedings, today: dt.date) -> Page:
    site = proceedings.site
    lines = [f"# {md.text(site.title)}", "", md.paragraphs(site.introduction), ""]
    if proceedings.editions:
        lines += ["````{grid} 1 1 2 2", ":gutter: 3", ""]
        for edition in proceedings.editions:
            lines += edition_card(edition, today, current=edition is proceedings.current)
        lines += ["````", ""]
    else:
        lines += ["No edition has been announced yet.", ""]
    toc = [layout.EDITIONS, layout.PROGRAM_HUB, layout.PAPERS_HUB, layout.PEOPLE, layout.ABOUT]
    lines += ["```{toctree}", ":hidden:", "", *toc, "```", ""]
    return Page(layout.HOME, "\n".join(lines), PageMeta(site.description, PageKind.HOME))


def edition_card(edition: Edition, today: dt.date, current: bool) -> list[str]:
    """An edition as it stands on ``today``. The card is not a link itself: it holds links of its own."""
    marker = " (current edition)" if current else ""
    info = edition.info
    return [
        "```{grid-item-card}",
        ":class-card: proceedings-edition-card",
        "",
        f"**{md.internal(layout.edition(edition.id), info.short_name + marker)}**",
        "",
        " · ".join([*([md.text(info.conference)] if info.conference else []), date(info.date), md.text(info.city)]),
        "",
        *standing(edition, today),
        "```",
        "",
    ]


def standing(edition: Edition, today: dt.date) -> list[str]:
    """Upcoming (the next important date, the call for papers), held with its program and papers, or held with
    nothing published yet (then the workshop's own site is where to look)."""
    info = edition.info
    if edition.upcoming(today):
        lines = [f"Upcoming: {date(info.date)}."]
        if (coming := edition.next_date(today)) and coming.date != info.date:
            lines[0] += f" Next: {md.text(coming.label)}, {date(coming.date)}."
        links = [md.internal(layout.edition(edition.id), label)] if (label := announced(edition)) else []
        if info.links.openreview:
            links.append(md.external("OpenReview", info.links.openreview))
        # papers are often accepted, and listed, before the workshop takes place
        return [*lines, "", " · ".join(links + edition_summary(edition)), ""]
    held = f"Held on {date(info.date)}."
    if edition.published:
        return [held, "", " · ".join(edition_summary(edition)), ""]
    lines = [f"{held} The program and accepted papers of this edition have not been published yet.", ""]
    if info.links.website:
        lines += [md.external("Workshop website", info.links.website), ""]
    return lines


def announced(edition: Edition) -> str | None:
    """What the edition page announces before the workshop, as a link label; None when it announces nothing yet."""
    info = edition.info
    dates, call = bool(info.important_dates), bool(info.call_for_papers or info.submission_formats)
    return {
        (True, True): "Dates and call for papers",
        (True, False): "Important dates",
        (False, True): "Call for papers",
    }.get((dates, call))


def edition_summary(edition: Edition) -> list[str]:
    parts = []
    if edition.slots:
        parts.append(md.internal(layout.program(edition.id), "Program"))
    if edition.papers:
        parts.append(md.internal(layout.papers(edition.id), f"{len(edition.papers)} accepted papers"))
    if edition.keynotes:
        parts.append(f"{len(edition.keynotes)} keynotes")
    return parts


def editions_index(proceedings: Proceedings) -> Page:
    lines = ["# Editions", ""]
    for edition in proceedings.editions:
        lines.append(
            f"- {md.internal(layout.edition(edition.id), edition.info.name)}: "
            + (f"{md.text(edition.info.conference)}, " if edition.info.conference else "")
            + f"{md.text(edition.info.city)}, {date(edition.info.date)}"
        )
    toc = [layout.edition(edition.id) for edition in proceedings.editions]
    lines += ["", "```{toctree}", ":hidden:", "", *toc, "```", ""]
    meta = PageMeta(f"Every edition of the {proceedings.site.name} workshop.", PageKind.EDITIONS)
    return Page(layout.EDITIONS, "\n".join(lines), meta)


def program_hub(proceedings: Proceedings) -> Page:
    lines = ["# Program", ""]
    for edition in proceedings.editions:
        target = md.internal(layout.program(edition.id), f"{edition.info.short_name} program")
        status = f"{len(edition.slots)} sessions" if edition.slots else "not yet published"
        lines.append(f"- {target}: {date(edition.info.date)}, {md.text(edition.info.city)} ({status})")
    meta = PageMeta(f"The programs of every {proceedings.site.name} edition.", PageKind.PROGRAM_HUB)
    return Page(layout.PROGRAM_HUB, "\n".join(lines) + "\n", meta)
