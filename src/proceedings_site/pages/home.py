"""The site-wide entry pages: home, the list of editions, and the program hub."""

from __future__ import annotations

from collections.abc import Iterator

from .. import layout
from .. import markup as md
from ..layout import PageKind
from ..model import Edition, Proceedings
from .common import Page, PageMeta, date


def pages(proceedings: Proceedings) -> Iterator[Page]:
    yield home(proceedings)
    yield editions_index(proceedings)
    yield program_hub(proceedings)


def home(proceedings: Proceedings) -> Page:
    current = proceedings.current
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
    for edition in proceedings.editions:
        marker = " (current edition)" if edition is current else ""
        lines += [
            "```{grid-item-card}",
            f":link: {layout.edition(edition.id)}",
            ":link-type: doc",
            "",
            f"**{md.text(edition.info.short_name + marker)}**",
            "",
            f"{md.text(edition.info.conference)} · {date(edition.info.date)} · {md.text(edition.info.city)}",
            "",
            edition_summary(edition),
            "```",
            "",
        ]
    toc = [layout.EDITIONS, layout.PROGRAM_HUB, layout.PAPERS_HUB, layout.PEOPLE, layout.ABOUT]
    lines += ["````", "", "```{toctree}", ":hidden:", "", *toc, "```", ""]
    description = "Proceedings of the TerraBytes workshops on global datasets and models for Earth observation."
    return Page(layout.HOME, "\n".join(lines), PageMeta(description, PageKind.HOME))


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
            f"{md.text(edition.info.conference)}, {md.text(edition.info.city)}, {date(edition.info.date)}"
        )
    toc = [layout.edition(edition.id) for edition in proceedings.editions]
    lines += ["", "```{toctree}", ":hidden:", "", *toc, "```", ""]
    return Page(
        layout.EDITIONS, "\n".join(lines), PageMeta("Every edition of the TerraBytes workshop.", PageKind.EDITIONS)
    )


def program_hub(proceedings: Proceedings) -> Page:
    lines = ["# Program", ""]
    for edition in proceedings.editions:
        target = md.internal(layout.program(edition.id), f"{edition.info.short_name} program")
        status = f"{len(edition.slots)} sessions" if edition.slots else "not yet published"
        lines.append(f"- {target}: {date(edition.info.date)}, {md.text(edition.info.city)} ({status})")
    meta = PageMeta("The programs of every TerraBytes edition.", PageKind.PROGRAM_HUB)
    return Page(layout.PROGRAM_HUB, "\n".join(lines) + "\n", meta)
