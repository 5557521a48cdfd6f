"""BibTeX entries for papers: one per paper page, and one file per edition and for all editions."""

from __future__ import annotations

from .. import layout, textformat
from ..model import Edition, Proceedings
from ..textformat.render import escape_tex

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(value: str) -> str:
    """LaTeX specials escaped; letters with diacritics stay UTF-8, which biber, bibtexparser and modern BibTeX read."""
    return escape_tex(value)


def entry(proceedings: Proceedings, edition: Edition, paper_id: str, base_url: str) -> str:
    paper = edition.papers[paper_id]
    info = edition.info
    fields: list[tuple[str, str]] = [
        # Titles and names keep their TeX (\emph, math, {\ss}, case-protecting braces); the rest is escaped.
        ("title", textformat.tex_title(paper.title)),
        ("author", " and ".join(textformat.tex_title(proceedings.displayed_name(a)) for a in paper.authors)),
        ("booktitle", escape(info.pmlr.title if info.pmlr else info.full_title)),
        ("year", str(info.date.year)),
        ("month", MONTHS[info.date.month - 1]),
        ("address", escape(info.city)),
    ]
    series = proceedings.site.series
    if paper.pmlr and info.pmlr and series:
        fields += [
            ("volume", str(info.pmlr.volume)),
            ("series", escape(series.name)),
            ("pages", paper.pmlr.pages.replace("-", "--")),
            ("publisher", escape(series.publisher)),
        ]
    if url := paper.links.pmlr or layout.absolute(base_url, layout.html(layout.paper(edition.id, paper_id))):
        fields.append(("url", escape(url)))
    if paper.links.pdf:
        fields.append(("pdf", escape(paper.links.pdf)))
    if paper.keywords:
        fields.append(("keywords", escape(", ".join(paper.keywords))))
    if paper.abstract:
        fields.append(("abstract", textformat.tex(paper.abstract)))
    # Month is a BibTeX macro (no braces) so styles can print it in their own language.
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
    return f"@inproceedings{{{paper_id},\n{body}\n}}\n"


def edition_file(proceedings: Proceedings, edition: Edition, base_url: str) -> str:
    return "\n".join(entry(proceedings, edition, paper_id, base_url) for paper_id in edition.papers)
