"""RIS records of papers, the format Zotero, EndNote and Mendeley import ("TAG  - value" lines, ``ER`` ends one).

RIS has no escaping: a value ends at the line break. Every value is written on one line (whitespace runs,
line breaks included, become one space), so metadata cannot start a tag of its own.
"""

from __future__ import annotations

from .. import layout, textformat
from ..model import Edition, Proceedings


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def record(proceedings: Proceedings, edition: Edition, paper_id: str, base_url: str) -> str:
    paper = edition.papers[paper_id]
    info = edition.info
    fields: list[tuple[str, str]] = [("TY", "CPAPER"), ("ID", paper_id), ("TI", textformat.plain_title(paper.title))]
    fields += [("AU", proceedings.displayed_name(author)) for author in paper.authors]
    fields += [
        ("T2", info.pmlr.title if info.pmlr else info.full_title),
        ("PY", str(info.date.year)),
        ("DA", info.date.strftime("%Y/%m/%d")),
        ("CY", info.city),
    ]
    series = proceedings.site.series
    if paper.pmlr and info.pmlr and series:
        first, _, last = paper.pmlr.pages.partition("-")
        fields += [("T3", series.name), ("VL", str(info.pmlr.volume)), ("SP", first)]
        fields += [("EP", last)] if last else []
        fields.append(("PB", series.publisher))
    if url := paper.links.pmlr or layout.absolute(base_url, layout.html(layout.paper(edition.id, paper_id))):
        fields.append(("UR", url))
    if paper.links.pdf:
        fields.append(("L1", paper.links.pdf))
    fields += [("KW", keyword) for keyword in paper.keywords]
    if paper.abstract:
        fields.append(("AB", textformat.plain(paper.abstract)))  # reference managers show text as it is
    return "\n".join(_line(tag, value) for tag, value in fields) + "\nER  - \n"
