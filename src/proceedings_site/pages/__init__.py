"""Stage 3: the validated proceedings as MyST pages, one module per page family.

Pages are pure functions of the model, so output is deterministic; ``writer`` writes only what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Proceedings
from ..topics import Topics, analyse
from . import editions, home, papers, people, program, schedule, talks, topics
from .common import Page, PageMeta
from .writer import write_site

__all__ = ["Page", "PageMeta", "Site", "assemble", "write_site"]


@dataclass
class Site:
    pages: dict[str, str]  # docname → MyST source
    meta: dict[str, PageMeta]
    topics: Topics | None = None  # related papers and topic maps, for the directives that show them


def assemble(
    proceedings: Proceedings,
    base_url: str = "",
    today: dt.date | None = None,
    analysis: Topics | Callable[[], Topics] | None = None,
) -> Site:
    """All pages of the site; ``base_url`` (the published address) makes citation URLs absolute, ``today`` (the
    build date, by default the real one) decides which editions are upcoming, ``analysis`` (``topics.analyse``)
    adds related papers and Topics pages (computed here, without a cache, when not given). Given as a function
    (``topics.analyse_aside``), it is called once the pages that need no topics, and the papers' pages but for
    their topics, are made."""
    today = today or dt.date.today()
    without_topics = {
        "home": list(home.pages(proceedings, today)),
        "editions": list(editions.pages(proceedings, today)),
        "program": list(program.pages(proceedings)),
        "talks": list(talks.pages(proceedings)),
        "people": list(people.pages(proceedings)),
        "schedule": list(schedule.pages(proceedings)),
    }
    paper_drafts = papers.drafts(proceedings, base_url)  # all of a paper's page but its topics section
    found = analysis() if callable(analysis) else analysis if analysis is not None else analyse(proceedings)
    with_topics = {
        "papers": list(papers.finished(proceedings, paper_drafts, found)),
        "topics": list(topics.pages(proceedings, found)),
    }
    families = without_topics | with_topics
    site = Site({}, {}, found)
    for name in ("home", "editions", "program", "talks", "papers", "topics", "people", "schedule"):
        for page in families[name]:
            site.pages[page.docname] = page.source
            site.meta[page.docname] = page.meta
    return site
