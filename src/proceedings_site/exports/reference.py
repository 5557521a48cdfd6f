"""A paper as one formatted reference, in the ACL Anthology's plain style: names as printed (no splitting into
given and family names, which would mangle many of them), year, title, where published, pages, city."""

from __future__ import annotations

from .. import textformat
from ..model import Edition, Proceedings


def names(listed: list[str]) -> str:
    if len(listed) < 3:
        return " and ".join(listed)
    return f"{', '.join(listed[:-1])}, and {listed[-1]}"


def reference(proceedings: Proceedings, edition: Edition, paper_id: str) -> str:
    paper = edition.papers[paper_id]
    info = edition.info
    authors = names([proceedings.displayed_name(author) for author in paper.authors])
    where = f"In {info.pmlr.title if info.pmlr else info.full_title}"
    series = proceedings.site.series
    if paper.pmlr and info.pmlr and series:
        where += f", volume {info.pmlr.volume} of {series.name}, pages {paper.pmlr.pages.replace('-', '–')}"
        where += f", {info.city}. {series.publisher}."
    else:
        where += f", {info.city}."
    plain = textformat.plain_title(paper.title)
    title = plain if plain.endswith(("?", "!", ".")) else f"{plain}."
    return f"{authors}. {info.date.year}. {title} {where}"
