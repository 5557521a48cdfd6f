"""``import-pmlr``: a proceedings volume file (BibTeX, as the mlresearch repositories publish it) applied to an
edition; :mod:`.pmlr_volume` reads and checks the file, :mod:`.pmlr_text` converts its TeX, :mod:`.pmlr_export`
writes it (``export-pmlr``), which ``import-pmlr`` reads back without a change.

Entries are matched to an edition's papers by OpenReview id, else by title as a reader sees it; a matched entry
with pages gives the paper its id in the series, its pages, its page and PDF links, and an abstract where the
paper has none.

Which tracks are published and what the series is (name, publisher, link patterns) are arguments: nothing here
knows a workshop.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from .. import identity, textformat
from ..authoring import edits
from ..errors import MetadataError, Problem
from ..model import Edition
from ..untrusted import printable
from .openreview import load_edition
from .pmlr_export import export_volume
from .pmlr_volume import Volume, VolumeEntry, read_volume

__all__ = ["PAGE_URL", "PDF_URL", "PUBLISHER", "SERIES_NAME", "Series", "export_volume", "import_volume", "read_volume"]

SERIES_NAME = "Proceedings of Machine Learning Research"
PUBLISHER = "PMLR"
PAGE_URL = "https://proceedings.mlr.press/v{volume}/{id}.html"
PDF_URL = "https://raw.githubusercontent.com/mlresearch/v{volume}/main/assets/{id}/{id}.pdf"


@dataclass(frozen=True)
class Series:
    """A proceedings series: its name and publisher, and where a paper's page and PDF are once published
    (``{volume}`` and ``{id}`` are filled in)."""

    name: str
    publisher: str
    page_url: str
    pdf_url: str

    def links(self, volume: int, paper_id: str) -> tuple[str, str]:
        return self.page_url.format(volume=volume, id=paper_id), self.pdf_url.format(volume=volume, id=paper_id)


@dataclass
class PmlrReport:
    updated: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # entries that match no paper
    missing: list[str] = field(default_factory=list)  # papers of the published tracks the volume lacks
    unpublished: list[str] = field(default_factory=list)  # matched entries without pages: not filled
    written: list[Path] = field(default_factory=list)


def _title_key(title: str) -> str:
    """What a title is matched by: its letters and digits as a reader sees them, ignoring case and accents."""
    return re.sub(r"[\W_]+", "", identity.fold(title))


# --- importing ---------------------------------------------------------------------------------------------------


def _match(shown: str, volume: Volume, edition: Edition) -> tuple[dict[str, VolumeEntry], list[VolumeEntry]]:
    by_forum = {paper.openreview_id: pid for pid, paper in edition.papers.items() if paper.openreview_id}
    by_title: dict[str, list[str]] = {}
    for paper_id, paper in edition.papers.items():
        by_title.setdefault(_title_key(textformat.plain_title(paper.title)), []).append(paper_id)
    matched: dict[str, VolumeEntry] = {}
    unmatched: list[VolumeEntry] = []
    problems = []
    for entry in volume.entries:
        candidates = (
            [by_forum[entry.openreview]] if entry.openreview in by_forum else by_title.get(_title_key(entry.title), [])
        )
        if len(candidates) > 1:
            problems.append(
                Problem(
                    shown,
                    entry.line,
                    f"{printable(entry.key, 80)}.title",
                    f"matches several papers: {', '.join(candidates)}",
                    "add the paper's OpenReview id to the entry (openreview = {…})",
                )
            )
        elif not candidates:
            unmatched.append(entry)
        elif candidates[0] in matched:
            other = matched[candidates[0]]
            problems.append(
                Problem(
                    shown,
                    entry.line,
                    printable(entry.key, 80),
                    f"matches paper '{candidates[0]}', as the entry at line {other.line} does",
                )
            )
        else:
            matched[candidates[0]] = entry
    if problems:
        raise MetadataError(problems)
    return matched, unmatched


def import_volume(
    metadata: Path, edition_id: str, path: Path, published_tracks: set[str], series: Series
) -> PmlrReport:
    """Fill the edition's papers from a published volume file; all or nothing."""
    proceedings, edition = load_edition(metadata, edition_id)
    volume = read_volume(path)
    shown = path.as_posix()
    matched, unmatched = _match(shown, volume, edition)
    report = PmlrReport(unmatched=[f"{printable(e.key, 80)} (line {e.line}): {printable(e.title)}" for e in unmatched])
    report.missing = [
        pid for pid, paper in edition.papers.items() if paper.track in published_tracks and pid not in matched
    ]
    files: dict[Path, str] = {}
    number = _volume_number(shown, volume, edition)
    for paper_id, entry in matched.items():
        if entry.pages is None:
            report.unpublished.append(paper_id)
            continue
        assert number is not None
        page, pdf = series.links(number, entry.series_id)
        values = {"pmlr.id": entry.series_id, "pmlr.pages": entry.pages, "links.pmlr": page, "links.pdf": pdf}
        if entry.abstract and not edition.papers[paper_id].abstract:
            values["abstract"] = entry.abstract
        file = metadata / edition.id / "papers" / f"{paper_id}.yaml"
        if (text := _edited(file, values)) is not None:
            files[file] = text
            report.updated.append(paper_id)
    if number is not None and matched:
        info = {"pmlr.volume": number, "pmlr.title": volume.title, "pmlr.published": volume.published}
        if edition.info.pmlr is not None:
            info = {"pmlr.published": volume.published} if volume.published else {}
        file = metadata / edition.id / "edition.yaml"
        if (text := _edited(file, {k: v for k, v in info.items() if v is not None})) is not None:
            files[file] = text
    report.written = edits.apply(proceedings.root, files)
    return report


def _volume_number(shown: str, volume: Volume, edition: Edition) -> int | None:
    known = edition.info.pmlr
    if volume.volume is not None and known is not None and known.volume != volume.volume:
        raise MetadataError(
            [Problem(shown, 1, "volume", f"volume {volume.volume}, but {edition.id} is in volume {known.volume}")]
        )
    number = volume.volume or (known.volume if known else None)
    if number is None and any(entry.pages for entry in volume.entries):
        raise MetadataError([Problem(shown, 1, "@proceedings", "the header does not give the volume number")])
    if known is None and number is not None and not volume.title:
        raise MetadataError([Problem(shown, 1, "@proceedings.booktitle", "the header does not give the volume title")])
    return number


def _edited(path: Path, values: dict[str, object]) -> str | None:
    """The file with ``values`` set (dotted keys), or None when it already holds them."""
    document = edits.load(path)
    changed = False
    for key, value in values.items():
        current = edits.get(document, key)
        if isinstance(value, dt.date) and isinstance(current, dt.date | str):
            current = dt.date.fromisoformat(str(current))
        if current != value:
            if key.startswith("pmlr.") and not isinstance(document.get("pmlr"), dict):
                document["pmlr"] = CommentedMap()
            edits.put(document, key, value)
            changed = True
    return edits.dump(document) if changed else None
