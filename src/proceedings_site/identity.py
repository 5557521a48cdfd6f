"""Ids for new people and papers, and finding existing people by name without ever merging silently.

Like the ACL Anthology, people are identified by a stable id; a name only ever
*suggests* candidates, and choosing among them is an explicit decision.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from .model import Person
from .model.fields import INVISIBLE_LETTERS

_LATIN_EXTRA = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a name: 'Stéphane LEFÈVRE' → 'stephane lefevre'."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LATIN_EXTRA))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


# A person's or paper's file is named by its id: ids stay short (the full name is inside the file), so that no
# name makes a file name too long for a file system (255 bytes) or a reader's address bar.
MAX_SLUG_CHARACTERS = 48
MAX_SLUG_BYTES = 96  # UTF-8: 32 CJK letters


def slug(name: str) -> str:
    """A readable id: ASCII for Latin names ('marc-russwurm'), the letters themselves for other scripts ('王小明');
    a long one is cut and ends in a short digest of the whole name, so it stays stable and distinct."""
    words = [word for word in re.findall(r"[^\W_]+", fold(name)) if set(word) - INVISIBLE_LETTERS]
    whole = "-".join("".join(c for c in word if c not in INVISIBLE_LETTERS) for word in words) or "person"
    if len(whole) <= MAX_SLUG_CHARACTERS and len(whole.encode()) <= MAX_SLUG_BYTES:
        return whole
    digest = hashlib.blake2b(whole.encode(), digest_size=3).hexdigest()
    cut = whole[: MAX_SLUG_CHARACTERS - 7]
    while len(cut.encode()) > MAX_SLUG_BYTES - 7:
        cut = cut[:-1]
    return f"{cut.rstrip('-')}-{digest}"


def name_index(people: dict[str, Person]) -> dict[str, list[str]]:
    """Ids by folded name and variant, so that finding namesakes of many authors costs one lookup each."""
    index: dict[str, list[str]] = {}
    for person_id, person in sorted(people.items()):
        for folded in {fold(n) for n in (person.name, *person.variants)}:
            index.setdefault(folded, []).append(person_id)
    return index


def unique(candidate: str, taken: Iterable[str]) -> str:
    existing = set(taken)
    if candidate not in existing:
        return candidate
    number = 2
    while f"{candidate}-{number}" in existing:
        number += 1
    return f"{candidate}-{number}"


def paper_id(first_author: str, year: int, taken: Iterable[str]) -> str:
    """PMLR-style: surname, two-digit year, then a letter: 'hu25a', 'hu25b'…"""
    surname = slug(first_author.split()[-1] if first_author.split() else "paper").replace("-", "")[:20]
    existing = set(taken)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        candidate = f"{surname}{year % 100:02d}{letter}"
        if candidate not in existing:
            return candidate
    return unique(f"{surname}{year % 100:02d}", existing)


def namesakes(people: dict[str, Person], name: str) -> list[str]:
    """Ids of people whose name or a variant matches ``name`` ignoring case and accents."""
    wanted = fold(name)
    return sorted(pid for pid, person in people.items() if wanted in {fold(n) for n in (person.name, *person.variants)})


def by_openreview(people: dict[str, Person], profile: str) -> str | None:
    return next((pid for pid, person in people.items() if person.openreview == profile), None)
