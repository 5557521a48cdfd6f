"""Stage 3: the validated proceedings as MyST pages, one module per page family.

Pages are pure functions of the model, so output is deterministic; ``writer`` writes only what changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Proceedings
from . import editions, home, papers, people, program, schedule, talks
from .common import Page, PageMeta
from .writer import write_site

__all__ = ["Page", "PageMeta", "Site", "assemble", "write_site"]


@dataclass
class Site:
    pages: dict[str, str]  # docname → MyST source
    meta: dict[str, PageMeta]


def assemble(proceedings: Proceedings, base_url: str = "", today: dt.date | None = None) -> Site:
    """All pages of the site; ``base_url`` (the published address) makes citation URLs absolute, ``today`` (the
    build date, by default the real one) decides which editions are upcoming."""
    today = today or dt.date.today()
    families = [
        home.pages(proceedings, today),
        editions.pages(proceedings, today),
        program.pages(proceedings),
        talks.pages(proceedings),
        papers.pages(proceedings, base_url),
        people.pages(proceedings),
        schedule.pages(proceedings),
    ]
    site = Site({}, {})
    for family in families:
        for page in family:
            site.pages[page.docname] = page.source
            site.meta[page.docname] = page.meta
    return site
