"""Stage 3: the validated proceedings as MyST pages, one module per page family.

Pages are pure functions of the model, so output is deterministic; ``writer`` writes only what changed, and
``fingerprints`` tells the paper and person pages whose inputs did not change, which are not made at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Proceedings
from ..topics import Topics, analyse
from . import editions, home, papers, people, program, schedule, talks, topics
from .common import Page, PageMeta
from .fingerprints import Fingerprints, Reuse
from .writer import Recorded, write_site

__all__ = ["Fingerprints", "Page", "PageMeta", "Recorded", "Reuse", "Site", "assemble", "write_site"]


@dataclass
class Site:
    pages: dict[str, str]  # docname → MyST source, of the pages made (all but those kept, with ``reuse``)
    meta: dict[str, PageMeta]  # of every page
    topics: Topics | None = None  # related papers and topic maps, for the directives that show them
    fingerprints: dict[str, str] = field(default_factory=dict)  # docname → what its page was made from (``reuse``)


def assemble(
    proceedings: Proceedings,
    base_url: str = "",
    today: dt.date | None = None,
    analysis: Topics | Callable[[], Topics] | None = None,
    reuse: Reuse | None = None,
) -> Site:
    """All pages of the site; ``base_url`` (the published address) makes citation URLs absolute, ``today`` (the
    build date, by default the real one) decides which editions are upcoming, ``analysis`` (``topics.analyse``)
    adds related papers and Topics pages (computed here, without a cache, when not given). Given as a function
    (``topics.analyse_aside``), it is called once the pages that need no topics, and the papers' pages but for
    their topics, are made. With ``reuse``, paper and person pages whose inputs are as when the last assembly
    wrote them are not made again: they are in ``meta`` and ``fingerprints``, not in ``pages``."""
    today = today or dt.date.today()
    without_topics = {
        "home": list(home.pages(proceedings, today)),
        "editions": list(editions.pages(proceedings, today)),
        "program": list(program.pages(proceedings)),
        "talks": list(talks.pages(proceedings)),
        "people": list(people.pages(proceedings, reuse)),
        "schedule": list(schedule.pages(proceedings)),
    }
    paper_drafts = papers.drafts(proceedings, base_url, reuse)  # all of a paper's page but its topics section
    found = analysis() if callable(analysis) else analysis if analysis is not None else analyse(proceedings)
    with_topics = {
        "papers": list(papers.finished(proceedings, paper_drafts, found, reuse)),
        "topics": list(topics.pages(proceedings, found)),
    }
    families = without_topics | with_topics
    site = Site({}, {}, found)
    for name in ("home", "editions", "program", "talks", "papers", "topics", "people", "schedule"):
        for page in families[name]:
            if page.source is not None:
                site.pages[page.docname] = page.source
            if page.fingerprint:
                site.fingerprints[page.docname] = page.fingerprint
            site.meta[page.docname] = page.meta
    return site
