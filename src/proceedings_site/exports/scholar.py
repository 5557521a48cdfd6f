"""Google Scholar's ``citation_*`` meta tags for a paper page, following its inclusion guidelines."""

from __future__ import annotations

from .. import layout, textformat
from ..model import Edition, Proceedings


def citation_tags(proceedings: Proceedings, edition: Edition, paper_id: str, base_url: str) -> list[tuple[str, str]]:
    paper = edition.papers[paper_id]
    info = edition.info
    tags = [("citation_title", textformat.plain_title(paper.title))]  # as a reader sees it: no markup
    tags += [("citation_author", proceedings.displayed_name(author)) for author in paper.authors]
    tags.append(("citation_publication_date", info.date.strftime("%Y/%m/%d")))
    tags.append(("citation_conference_title", info.pmlr.title if info.pmlr else info.full_title))
    series = proceedings.site.series
    if paper.pmlr and info.pmlr and series:
        first, _, last = paper.pmlr.pages.partition("-")
        tags += [("citation_volume", str(info.pmlr.volume)), ("citation_firstpage", first)]
        if last:
            tags.append(("citation_lastpage", last))
        tags.append(("citation_publisher", series.publisher))
    if paper.links.pdf:
        tags.append(("citation_pdf_url", paper.links.pdf))
    if page := layout.absolute(base_url, layout.html(layout.paper(edition.id, paper_id))):  # absolute only
        tags.append(("citation_abstract_html_url", page))
    tags += [("citation_keywords", keyword) for keyword in paper.keywords]
    if paper.abstract:
        tags.append(("citation_abstract", textformat.plain(paper.abstract)))
    return tags
