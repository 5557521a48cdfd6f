"""A proceedings volume file (BibTeX, as the mlresearch repositories publish it), read and written.

``import-pmlr`` reads the file a series published: an ``@proceedings`` header (volume, title, editors, dates)
and one ``@inproceedings`` entry per paper, keyed by the first author's surname and the year (``smith25``), with
``pages``, ``openreview`` and an optional ``abstract``. Entries are matched to an edition's papers by OpenReview id,
else by title; a matched entry with pages gives the paper its id in the series (the key and the letter the
series appends: a, b, … per key, in volume order; a key that already ends with a letter keeps it), its pages,
its page and PDF links, and an abstract where the paper has none. ``export-pmlr`` writes the file the series asks
editors for, which ``import-pmlr`` reads back without a change.

Which tracks are published and what the series is (name, publisher, link patterns) are arguments: nothing here
knows a workshop.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.names import split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text
from ruamel.yaml.comments import CommentedMap

from .. import identity, textformat
from ..authoring import edits
from ..errors import MetadataError, Problem
from ..exports.bibtex import escape
from ..model import Edition, Proceedings
from .openreview import load_edition

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
class VolumeEntry:
    key: str
    line: int
    title: str  # as Unicode text
    authors: list[str]
    pages: str | None  # "first-last", or a single page
    openreview: str | None
    abstract: str | None  # as written in the file
    series_id: str = ""


@dataclass
class Volume:
    path: Path
    volume: int | None
    title: str | None
    published: dt.date | None
    entries: list[VolumeEntry]


@dataclass
class PmlrReport:
    updated: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # entries that match no paper
    missing: list[str] = field(default_factory=list)  # papers of the published tracks the volume lacks
    unpublished: list[str] = field(default_factory=list)  # matched entries without pages: not filled
    written: list[Path] = field(default_factory=list)


_KEY_WITH_LETTER = re.compile(r"([a-z][a-z-]*?)(\d{2}|\d{4})([a-z])")
_KEY = re.compile(r"([a-z][a-z-]*?)(\d{2}|\d{4})")
_PAGES = re.compile(r"(\d+)(?:\s*-{1,2}\s*(\d+))?")
_LATEX = LatexNodes2Text()

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its syntax errors come back as failed blocks


def text_of(latex: str) -> str:
    """TeX (accents, braces, escapes) as Unicode text, by pylatexenc."""
    return " ".join(_LATEX.latex_to_text(latex).split())


def _title_key(title: str) -> str:
    return re.sub(r"[\W_]+", "", identity.fold(title))


# --- reading -----------------------------------------------------------------------------------------------------


def read_volume(path: Path) -> Volume:
    shown = path.as_posix()
    try:
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise MetadataError([Problem(shown, 1, "", f"cannot read the volume file: {error}")]) from None
    problems = [_failed(shown, block) for block in library.failed_blocks]
    headers = [entry for entry in library.entries if entry.entry_type.lower() == "proceedings"]
    papers = [entry for entry in library.entries if entry.entry_type.lower() == "inproceedings"]
    volume, title, published = None, None, None
    if len(headers) > 1:
        problems.append(Problem(shown, headers[1].start_line + 1, "@proceedings", "a second volume header"))
    if headers:
        volume, title, published = _header(shown, headers[0], problems)
    entries = [entry for block in papers if (entry := _entry(shown, block, problems)) is not None]
    _assign_ids(shown, entries, problems)
    if problems:
        raise MetadataError(problems)
    return Volume(path, volume, title, published, entries)


def _failed(shown: str, block: object) -> Problem:
    line = getattr(block, "start_line", 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return Problem(shown, line, block.key, f"duplicate key '{block.key}'", "every entry needs its own key")
    if isinstance(block, ParsingFailedBlock):
        return Problem(shown, line, "", "BibTeX syntax error in the entry starting here", "check its braces and commas")
    return Problem(shown, line, "", f"cannot read this block ({type(block).__name__})")


def _field(entry: Entry, name: str) -> Field | None:
    return next((item for item in entry.fields if item.key.lower() == name), None)


def _value(entry: Entry, name: str) -> str | None:
    item = _field(entry, name)
    value = " ".join(str(item.value).split()) if item is not None else ""
    return value or None


def _line(entry: Entry, name: str) -> int:
    item = _field(entry, name)
    return (item.start_line if item is not None and item.start_line is not None else entry.start_line) + 1


def _header(shown: str, entry: Entry, problems: list[Problem]) -> tuple[int | None, str | None, dt.date | None]:
    volume, published = None, None
    if (text := _value(entry, "volume")) is not None:
        if text.isdigit() and int(text) > 0:
            volume = int(text)
        else:
            problems.append(Problem(shown, _line(entry, "volume"), "volume", f"'{text}' is not a volume number"))
    if (text := _value(entry, "published")) is not None:
        try:
            published = dt.date.fromisoformat(text)
        except ValueError:
            problems.append(
                Problem(shown, _line(entry, "published"), "published", f"'{text}' is not a YYYY-MM-DD date")
            )
    title = _value(entry, "booktitle")
    return volume, text_of(title) if title else None, published


def _entry(shown: str, entry: Entry, problems: list[Problem]) -> VolumeEntry | None:
    line = entry.start_line + 1
    title = _value(entry, "title")
    if title is None:
        problems.append(Problem(shown, line, f"{entry.key}.title", "missing"))
        return None
    pages = _value(entry, "pages")
    if pages is not None:
        match = _PAGES.fullmatch(pages)
        if match is None:
            problems.append(
                Problem(shown, _line(entry, "pages"), f"{entry.key}.pages", f"'{pages}' is not a page range")
            )
            pages = None
        elif match[2] and int(match[2]) < int(match[1]):
            problems.append(
                Problem(shown, _line(entry, "pages"), f"{entry.key}.pages", f"'{pages}' ends before it starts")
            )
            pages = None
        else:
            pages = f"{int(match[1])}-{int(match[2])}" if match[2] else str(int(match[1]))
    authors = [text_of(name) for name in split_multiple_persons_names(_value(entry, "author") or "")]
    abstract = _field(entry, "abstract")
    return VolumeEntry(
        key=entry.key,
        line=line,
        title=text_of(title),
        authors=authors,
        pages=pages,
        openreview=_value(entry, "openreview"),
        abstract=str(abstract.value).strip() or None if abstract is not None else None,
    )


def _assign_ids(shown: str, entries: list[VolumeEntry], problems: list[Problem]) -> None:
    """The series' id of each entry: a key ending in a letter is kept; otherwise the key's surname and two-digit
    year, and the first letter no earlier entry of the same surname and year took."""
    taken: dict[str, int] = {}
    for entry in entries:
        if match := _KEY_WITH_LETTER.fullmatch(entry.key.lower()):
            entry.series_id = f"{match[1]}{match[2][-2:]}{match[3]}"
            if entry.series_id in taken:
                problems.append(
                    Problem(shown, entry.line, entry.key, f"also the id of the entry at line {taken[entry.series_id]}")
                )
            taken[entry.series_id] = entry.line
        elif not _KEY.fullmatch(entry.key.lower()):
            problems.append(
                Problem(
                    shown, entry.line, entry.key, "the key must be the first author's surname and year, like smith25"
                )
            )
    for entry in entries:
        if entry.series_id or not (match := _KEY.fullmatch(entry.key.lower())):
            continue
        base = f"{match[1]}{match[2][-2:]}"
        letter = next(letter for letter in "abcdefghijklmnopqrstuvwxyz" if f"{base}{letter}" not in taken)
        entry.series_id = f"{base}{letter}"
        taken[entry.series_id] = entry.line


# --- importing ---------------------------------------------------------------------------------------------------


def _match(shown: str, volume: Volume, edition: Edition) -> tuple[dict[str, VolumeEntry], list[VolumeEntry]]:
    by_forum = {paper.openreview_id: pid for pid, paper in edition.papers.items() if paper.openreview_id}
    by_title: dict[str, list[str]] = {}
    for paper_id, paper in edition.papers.items():
        by_title.setdefault(_title_key(paper.title), []).append(paper_id)
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
                    f"{entry.key}.title",
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
                    entry.key,
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
    report = PmlrReport(unmatched=[f"{e.key} (line {e.line}): {e.title}" for e in unmatched])
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


# --- exporting ---------------------------------------------------------------------------------------------------


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
