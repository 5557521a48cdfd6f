"""``export-pmlr``: the volume file a proceedings series asks its editors for, which ``import-pmlr`` reads back
without a change (titles, names and abstracts as the text format's TeX, as the BibTeX export writes them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from .. import textformat
from ..exports.bibtex import escape
from ..model import Edition, Proceedings

if TYPE_CHECKING:
    from .pmlr import Series


def export_volume(proceedings: Proceedings, edition: Edition, published_tracks: set[str], series: Series) -> str:
    """The volume file for the series' editors: a header and one entry per paper of the published tracks."""
    info = edition.info
    header: list[tuple[str, str]] = [
        ("booktitle", escape(info.pmlr.title if info.pmlr else info.name)),
        ("name", escape(info.name)),
        ("shortname", escape(info.short_name)),
        ("year", str(info.date.year)),
        ("editor", " and ".join(escape(proceedings.people[role.person].name) for role in info.organizers)),
    ]
    if info.pmlr:
        header.append(("volume", str(info.pmlr.volume)))
    header += [("start", info.date.isoformat()), ("end", info.date.isoformat())]
    if info.pmlr and info.pmlr.published:
        header.append(("published", info.pmlr.published.isoformat()))
    header.append(("address", escape(info.city)))
    if info.links.website:
        header.append(("conference_url", escape(info.links.website)))
    blocks = [Entry("proceedings", edition.id, [Field(name, value) for name, value in header if value])]
    for paper_id, paper in edition.papers.items():
        if paper.track not in published_tracks:
            continue
        # TeX as the BibTeX export writes it (exports.bibtex): the text format's TeX of titles, names, abstracts.
        fields = [
            Field("title", textformat.tex_title(paper.title)),
            Field("author", " and ".join(textformat.tex_title(proceedings.displayed_name(a)) for a in paper.authors)),
        ]
        if paper.pmlr:
            fields.append(Field("pages", paper.pmlr.pages.replace("-", "--")))
        if paper.abstract:
            fields.append(Field("abstract", textformat.tex(paper.abstract)))
        if paper.openreview_id:
            fields.append(Field("openreview", paper.openreview_id))
        blocks.append(Entry("inproceedings", paper.pmlr.id if paper.pmlr else paper_id, fields))
    text = bibtexparser.write_string(Library(blocks))
    return f"% {series.name} ({series.publisher}): volume file of {info.short_name}\n{text.strip()}\n"
