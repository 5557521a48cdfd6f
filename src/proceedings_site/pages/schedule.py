"""My schedule: the page where a reader's starred slots, talks and papers are shown, filled in by their browser.

The page itself holds no reader's data: a directive names the editions whose ``stars.json`` the browser may read
(``sphinxext.stars``), and the text around it says what the page does without JavaScript and where stars are kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import layout
from ..layout import PageKind
from ..model import Proceedings
from ..textformat import literal as md
from .common import Page, PageMeta


def pages(proceedings: Proceedings) -> Iterator[Page]:
    yield my_schedule(proceedings)


def my_schedule(proceedings: Proceedings) -> Page:
    programs = md.internal(layout.PROGRAM_HUB, "program")
    lines = [
        md.front_matter({"orphan": True}),
        "# My schedule",
        "",
        "```{container} proceedings-my-schedule-static",
        "This page lists the program slots, keynotes, panels and papers you star on this site, in time order, "
        "to download as a calendar file or to share. Starring needs JavaScript, which is not running in this "
        f"browser; the {programs} has every talk, and each has its own calendar file.",
        "```",
        "",
        "```{proceedings-my-schedule}",
        *(edition.id for edition in proceedings.editions),
        "```",
        "",
        "```{container} proceedings-privacy",
        "Your stars are kept in this browser only, in its local storage for this site: there is no account and "
        "no cookie, and nothing you star is sent anywhere. They appear in an address only when you share them. "
        f"See {md.internal(layout.ABOUT, 'About this site')}.",
        "```",
        "",
    ]
    meta = PageMeta(f"My schedule: the talks and papers you starred on {proceedings.site.name}.", PageKind.MY_SCHEDULE)
    return Page(layout.MY_SCHEDULE, "\n".join(lines), meta)


def star_block(star: str) -> list[str]:
    """Where a star button goes, on a line of its own (``exports.stars`` names the items): nothing without
    JavaScript."""
    return ["```{proceedings-star} " + star, "```", ""]


def star_inline(star: str) -> str:
    return f"{{proceedings-star}}`{star}`"
