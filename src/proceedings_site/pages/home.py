"""The site-wide entry pages: home, the list of editions, and the program hub."""

from __future__ import annotations

from collections.abc import Iterator

from .. import layout
from ..layout import PageKind
from ..model import Edition, Proceedings
from ..textformat import literal as md
from .common import Page, PageMeta, date


def pages(proceedings: Proceedings) -> Iterator[Page]:
    yield home(proceedings)
    yield editions_index(proceedings)
    yield program_hub(proceedings)


def home(proceedings: Proceedings) -> Page:
    site = proceedings.site
    lines = [f"# {md.text(site.title)}", "", md.paragraphs(site.introduction), ""]
    if proceedings.editions:
        lines += ["````{grid} 1 1 2 2", ":gutter: 3", ""]
        for edition in proceedings.editions:
            lines += edition_card(edition, current=edition is proceedings.current)
        lines += ["````", ""]
    else:
        lines += ["No edition has been announced yet.", ""]
    toc = [layout.EDITIONS, layout.PROGRAM_HUB, layout.PAPERS_HUB, layout.PEOPLE, layout.ABOUT]
    lines += ["```{toctree}", ":hidden:", "", *toc, "```", ""]
    return Page(layout.HOME, "\n".join(lines), PageMeta(site.description, PageKind.HOME))


def edition_card(edition: Edition, current: bool) -> list[str]:
    marker = " (current edition)" if current else ""
    info = edition.info
    return [
        "```{grid-item-card}",
        f":link: {layout.edition(edition.id)}",
        ":link-type: doc",
        "",
        f"**{md.text(info.short_name + marker)}**",
        "",
        " · ".join([*([md.text(info.conference)] if info.conference else []), date(info.date), md.text(info.city)]),
        "",
        edition_summary(edition),
        "```",
        "",
    ]


def edition_summary(edition: Edition) -> str:
    parts = [f"{len(edition.papers)} accepted papers" if edition.papers else "Papers not yet announced"]
    if edition.keynotes:
        parts.append(f"{len(edition.keynotes)} keynotes")
    return " · ".join(parts)


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
