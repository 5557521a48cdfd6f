"""The shape of an OpenReview note, checked field by field into a typed :class:`Note`.

An export file and an API answer hold the same notes: ``{"id": …, "forum": …, "content": {"title": {"value":
…}, …}}`` (API v2; a bare value instead of ``{"value": …}`` is read too, as API v1 wrote it). Every way a note can
be malformed (a field of the wrong type, a name that is too long or invisible, an author list without end) is a
problem ``file:line: note N: content.field: what is wrong``, all of them found in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..model.fields import MAX_ABSTRACT, MAX_TEXT, has_visible_letter
from ..untrusted import printable

# Limits far above any real paper, far below what would cost minutes or gigabytes.
MAX_AUTHORS = 6_000  # the largest author lists published (the ATLAS and CMS Higgs mass paper) have about 5,200
MAX_NAME = 200  # characters of one author's name
MAX_KEYWORDS = 50
MAX_TITLE = 4 * MAX_TEXT  # the model refuses titles over MAX_TEXT, with its own message, after the import
MAX_NOTE_ID = 64
_NOTE_ID = re.compile(r"[A-Za-z0-9_-]+")  # it goes into forum and PDF addresses


@dataclass(frozen=True)
class Note:
    """One accepted paper as OpenReview describes it."""

    id: str
    forum: str
    title: str
    authors: tuple[str, ...]
    profiles: tuple[str | None, ...]  # the author's OpenReview profile (~First_Last1), or None; one per author
    keywords: tuple[str, ...]
    abstract: str | None
    venue: str
    venueid: str | None
    has_pdf: bool


def raw_value(note: Any, key: str) -> Any:
    """A content field of an unchecked note (None where the note has no such shape)."""
    content = note.get("content") if isinstance(note, dict) else None
    entry = content.get(key) if isinstance(content, dict) else None
    return entry.get("value") if isinstance(entry, dict) else entry


class _Checker:
    def __init__(self, shown: str, line: int, number: int, problems: list[Problem]) -> None:
        self.shown, self.line, self.number, self.problems = shown, line, number, problems

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, self.line, f"note {self.number}: {field}", message))

    def value(self, content: dict[str, Any], key: str) -> Any:
        entry = content.get(key)
        return entry.get("value") if isinstance(entry, dict) else entry

    def text(self, content: dict[str, Any], key: str, limit: int, required: bool = False) -> str | None:
        value = self.value(content, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"content.{key}", "missing")
            return None
        if not isinstance(value, str):
            self.fail(f"content.{key}", f"expected text, found {_kind(value)}")
            return None
        if len(value) > limit:
            self.fail(f"content.{key}", f"{len(value):,} characters; at most {limit:,}")
            return None
        return value

    def strings(self, content: dict[str, Any], key: str, limit: int, each: int) -> list[str | None] | None:
        """A list of text (None for null items); None, with a problem, when it is not one."""
        value = self.value(content, key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"content.{key}", f"expected a list, found {_kind(value)}")
            return None
        if len(value) > limit:
            self.fail(f"content.{key}", f"{len(value):,} entries; at most {limit:,}")
            return None
        found: list[str | None] = []
        for index, item in enumerate(value, start=1):
            if item is not None and not isinstance(item, str):
                self.fail(f"content.{key}[{index}]", f"expected text, found {_kind(item)}")
                return None
            if item is not None and len(item) > each:
                self.fail(f"content.{key}[{index}]", f"{len(item):,} characters; at most {each:,}")
                return None
            found.append(item)
        return found


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true or false", int: "a number", float: "a number"}
    return kinds.get(type(value), "null" if value is None else type(value).__name__)


def check_note(raw: Any, shown: str, line: int, number: int, problems: list[Problem]) -> Note | None:
    """The typed note, or None with its problems added to ``problems``."""
    check = _Checker(shown, line, number, problems)
    before = len(problems)
    if not isinstance(raw, dict):
        check.fail("(note)", f"expected a note object, found {_kind(raw)}")
        return None
    note_id, forum = raw.get("id"), raw.get("forum") or raw.get("id")
    for key, value in (("id", note_id), ("forum", forum)):
        if not isinstance(value, str) or not value:
            check.fail(key, "every note needs its OpenReview id" if key == "id" else "expected the forum's id")
        elif len(value) > MAX_NOTE_ID or not _NOTE_ID.fullmatch(value):
            check.fail(key, f"'{printable(value, 80)}' is not an OpenReview id (letters, digits, - and _)")
    content = raw.get("content", {})
    if not isinstance(content, dict):
        check.fail("content", f"expected the note's fields as an object, found {_kind(content)}")
        return None
    title = check.text(content, "title", MAX_TITLE, required=True)
    abstract = check.text(content, "abstract", MAX_ABSTRACT)
    venue = check.text(content, "venue", MAX_TEXT) or ""
    venueid = check.text(content, "venueid", MAX_TEXT)
    authors = check.strings(content, "authors", MAX_AUTHORS, MAX_NAME)
    profiles = check.strings(content, "authorids", MAX_AUTHORS, MAX_NAME)
    keywords = _keywords(check, content)
    if authors is not None:
        if not authors:
            check.fail("content.authors", "missing")
        for index, name in enumerate(authors, start=1):
            if name is None or not has_visible_letter(name):
                check.fail(f"content.authors[{index}]", "a name needs at least one visible letter")
    if authors and profiles and len(profiles) != len(authors):
        check.fail("content.authorids", f"{len(profiles)} author ids for {len(authors)} authors")
    if len(problems) > before or authors is None or profiles is None or keywords is None:
        return None
    assert isinstance(note_id, str) and isinstance(forum, str) and title is not None
    return Note(
        id=note_id,
        forum=forum,
        title=title,
        authors=tuple(name or "" for name in authors),
        profiles=tuple(profiles) if profiles else (None,) * len(authors),
        keywords=tuple(keywords),
        abstract=abstract,
        venue=venue,
        venueid=venueid,
        has_pdf=bool(check.value(content, "pdf")),
    )


def _keywords(check: _Checker, content: dict[str, Any]) -> list[str] | None:
    """A list of keywords; text written as one ("sea ice, SAR") is split at its commas and semicolons."""
    value = check.value(content, "keywords")
    if isinstance(value, str):
        value = re.split(r"[,;]", value)
    found = check.strings({"keywords": value}, "keywords", MAX_KEYWORDS, MAX_TEXT)
    if found is None:
        return None
    return [" ".join(keyword.split()) for keyword in found if keyword and keyword.strip()]


def check_notes(raw_notes: list[Any], shown: str, lines: list[int] | None = None) -> tuple[list[Note], list[Problem]]:
    """Every note checked; ``lines``: where each starts in the file (1 when unknown, as for an API answer)."""
    problems: list[Problem] = []
    notes = []
    for index, raw in enumerate(raw_notes):
        line = lines[index] if lines else 1
        if (note := check_note(raw, shown, line, index + 1, problems)) is not None:
            notes.append(note)
    return notes, problems
