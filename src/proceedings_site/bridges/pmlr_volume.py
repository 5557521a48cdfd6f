"""Reading a proceedings volume file (BibTeX, as the mlresearch repositories publish it) into checked entries.

An ``@proceedings`` header (volume, title, dates) and one ``@inproceedings`` entry per paper, keyed by the first
author's surname and the year (``smith25``), with ``pages``, ``openreview`` and an optional ``abstract``. Each
entry gets its id in the series: a key that ends with a letter keeps it; otherwise the key and the first letter,
a, b, …, that no earlier entry of the same surname and year took, in volume order. Every field is bounded (size,
digits, brace nesting) and every problem is located, ``file:line: key.field: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares.names import split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field, ParsingFailedBlock

from ..errors import MetadataError, Problem
from ..untrusted import printable
from .pmlr_text import MAX_NESTING, nesting, text_of

MAX_VOLUME_BYTES = 64 * 2**20  # the largest PMLR volumes (1,000+ papers with abstracts) are some 10 MB
MAX_FIELD = 20_000  # characters of one field (abstracts are at most 10,000)

_KEY_WITH_LETTER = re.compile(r"([a-z][a-z-]*?)(\d{2}|\d{4})([a-z])")
_KEY = re.compile(r"([a-z][a-z-]*?)(\d{2}|\d{4})")
_SERIES_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # what a paper's pmlr.id may be (model.files.PmlrPaper)
_PAGES = re.compile(r"([0-9]{1,6})(?:\s*-{1,2}\s*([0-9]{1,6}))?")
_NUMBER = re.compile(r"[0-9]{1,6}")

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # its syntax errors come back as failed blocks


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


def read_volume(path: Path) -> Volume:
    shown = path.as_posix()
    try:
        if path.stat().st_size > MAX_VOLUME_BYTES:
            raise MetadataError(
                [Problem(shown, 1, "", f"larger than {MAX_VOLUME_BYTES // 2**20} MB: not a volume file")]
            )
        library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MetadataError([Problem(shown, 1, "", f"cannot read the volume file: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        raise MetadataError([Problem(shown, 1, "", f"not UTF-8 text (byte {error.start:,})")]) from None
    problems = [_failed(shown, block) for block in library.failed_blocks]
    headers = [entry for entry in library.entries if entry.entry_type.lower() == "proceedings"]
    papers = [entry for entry in library.entries if entry.entry_type.lower() == "inproceedings"]
    if not headers and not papers and not problems:
        raise MetadataError(
            [Problem(shown, 1, "", "no @proceedings or @inproceedings entry: is this the volume's BibTeX file?")]
        )
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
        key = printable(block.key, 80)
        return Problem(shown, line, key, f"duplicate key '{key}'", "every entry needs its own key")
    if isinstance(block, ParsingFailedBlock):
        return Problem(shown, line, "", "BibTeX syntax error in the entry starting here", "check its braces and commas")
    return Problem(shown, line, "", f"cannot read this block ({type(block).__name__})")


def _field(entry: Entry, name: str) -> Field | None:
    return next((item for item in entry.fields if item.key.lower() == name), None)


def _line(entry: Entry, name: str) -> int:
    item = _field(entry, name)
    return (item.start_line if item is not None and item.start_line is not None else entry.start_line) + 1


def _value(shown: str, entry: Entry, name: str, problems: list[Problem], where: str = "") -> str | None:
    """A field's text, one line, if it is within bounds; else None with a problem."""
    item = _field(entry, name)
    if item is None:
        return None
    raw = str(item.value)
    field = f"{where}{name}"
    if len(raw) > MAX_FIELD:
        problems.append(Problem(shown, _line(entry, name), field, f"{len(raw):,} characters; at most {MAX_FIELD:,}"))
        return None
    if (depth := nesting(raw)) > MAX_NESTING:
        message = f"braces nested {depth:,} deep; at most {MAX_NESTING}"
        problems.append(Problem(shown, _line(entry, name), field, message))
        return None
    return " ".join(raw.split()) or None


def _header(shown: str, entry: Entry, problems: list[Problem]) -> tuple[int | None, str | None, dt.date | None]:
    volume, published = None, None
    if (text := _value(shown, entry, "volume", problems)) is not None:
        if _NUMBER.fullmatch(text) and int(text) > 0:
            volume = int(text)
        else:
            problems.append(
                Problem(shown, _line(entry, "volume"), "volume", f"'{printable(text, 40)}' is not a volume number")
            )
    if (text := _value(shown, entry, "published", problems)) is not None:
        try:
            published = dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            published = None
        if published is None:
            message = f"'{printable(text, 40)}' is not a YYYY-MM-DD date"
            problems.append(Problem(shown, _line(entry, "published"), "published", message))
    title = _value(shown, entry, "booktitle", problems)
    return volume, text_of(title) if title else None, published


def _entry(shown: str, entry: Entry, problems: list[Problem]) -> VolumeEntry | None:
    line = entry.start_line + 1
    key = printable(entry.key, 80)
    before = len(problems)
    title = _value(shown, entry, "title", problems, f"{key}.")
    if title is None and len(problems) == before:
        problems.append(Problem(shown, line, f"{key}.title", "missing"))
    pages = _value(shown, entry, "pages", problems, f"{key}.")
    if pages is not None:
        match = _PAGES.fullmatch(pages)
        if match is None:
            message = f"'{printable(pages, 40)}' is not a page range"
            problems.append(Problem(shown, _line(entry, "pages"), f"{key}.pages", message))
        elif match[2] and int(match[2]) < int(match[1]):
            message = f"'{pages}' ends before it starts"
            problems.append(Problem(shown, _line(entry, "pages"), f"{key}.pages", message))
        else:
            pages = f"{int(match[1])}-{int(match[2])}" if match[2] else str(int(match[1]))
    authors = _value(shown, entry, "author", problems, f"{key}.")
    openreview = _value(shown, entry, "openreview", problems, f"{key}.")
    abstract = _field(entry, "abstract")
    if abstract is not None and _value(shown, entry, "abstract", problems, f"{key}.") is None:
        abstract = None
    if len(problems) > before or title is None:
        return None
    return VolumeEntry(
        key=entry.key,
        line=line,
        title=text_of(title),
        authors=[text_of(name) for name in split_multiple_persons_names(authors or "")],
        pages=pages,
        openreview=openreview,
        abstract=str(abstract.value).strip() or None if abstract is not None else None,
    )


def _assign_ids(shown: str, entries: list[VolumeEntry], problems: list[Problem]) -> None:
    """The series' id of each entry: a key ending in a letter is kept, and so is any other key that can be an id
    (``syn00001``); a surname and year gets the first letter no earlier entry of the same surname and year took.
    A key that cannot be an id (``王小明30a``, as export-pmlr writes for a paper the series has not published) is
    fine as long as the entry has no pages: nothing is filled from it."""
    taken: dict[str, int] = {}
    for entry in entries:
        key = entry.key.lower()
        if match := _KEY_WITH_LETTER.fullmatch(key):
            entry.series_id = f"{match[1]}{match[2][-2:]}{match[3]}"
        elif not _KEY.fullmatch(key) and _SERIES_ID.fullmatch(key) and len(key) <= 80:
            entry.series_id = key
        if not entry.series_id:
            continue
        if entry.series_id in taken:
            message = f"also the id of the entry at line {taken[entry.series_id]}"
            problems.append(Problem(shown, entry.line, printable(entry.key, 80), message))
        taken[entry.series_id] = entry.line
    for entry in entries:
        if entry.series_id:
            continue
        if match := _KEY.fullmatch(entry.key.lower()):
            base = f"{match[1]}{match[2][-2:]}"
            letter = next((c for c in "abcdefghijklmnopqrstuvwxyz" if f"{base}{c}" not in taken), None)
            if letter is not None:
                entry.series_id = f"{base}{letter}"
                taken[entry.series_id] = entry.line
                continue
        if entry.pages is not None:
            problems.append(
                Problem(
                    shown,
                    entry.line,
                    printable(entry.key, 80),
                    "the key cannot be the paper's id in the series",
                    "use the first author's surname in ASCII and the year, like smith25",
                )
            )
