"""Stable identifiers for the conference-app schedules (frab XML and the VOC's schedule JSON).

Apps match events and speakers across downloads by id, so ids must not change when the program or the registry
grows. A position in a sorted list would shift whenever someone is added; instead an integer id is the first
31 bits of the SHA-256 of what it identifies ("person:ada-lovelace", "event:2025-icml/0900"): positive, the same
on every build and machine, and independent of everything else in the metadata. With a thousand people the
chance that two share an id is about 1 in 4,000; a test checks the registry with :func:`integer_ids`. GUIDs
are UUIDv5 in one fixed namespace, of the slot's calendar UID (edition id, day and start).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable

from ..model import Edition, Proceedings, Slot
from . import calendar

NAMESPACE = uuid.UUID("6f1d2b0e-3c1a-4e55-9a59-7b1f0c6d2e10")  # fixed, so GUIDs are stable across builds


def integer_id(kind: str, key: str) -> int:
    digest = hashlib.sha256(f"{kind}:{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF or 1


def integer_ids(kind: str, keys: Iterable[str]) -> dict[str, int]:
    """The ids of ``keys``; raises ValueError in the unlikely case that two share one."""
    ids: dict[str, int] = {}
    seen: dict[int, str] = {}
    for key in keys:
        number = integer_id(kind, key)
        if seen.setdefault(number, key) != key:
            raise ValueError(f"{kind} ids collide: '{seen[number]}' and '{key}' both hash to {number}")
        ids[key] = number
    return ids


def event_id(edition: Edition, slot: Slot) -> int:
    return integer_id("event", f"{edition.id}/{edition.slot_key(slot)}")


def event_guid(proceedings: Proceedings, edition: Edition, slot: Slot) -> str:
    return str(uuid.uuid5(NAMESPACE, calendar.uid(proceedings, edition, slot)))


def room_guid(edition: Edition) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{edition.id}/room"))


def person_guid(person_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"person/{person_id}"))


def slug(edition: Edition, slot: Slot) -> str:
    return f"{edition.id}-{edition.slot_key(slot)}"


def acronym(edition: Edition) -> str:
    """The edition id as an acronym both revisions of the VOC's schema accept: the newer one allows a hyphen only
    as the first character or before a year and a word ("-2025-icml" after at least four characters), so
    "2025-icml" becomes "2025_icml"; at least four characters."""
    return re.sub(r"[^a-z0-9_]", "_", edition.id.lower()).ljust(4, "_")


def generator_name(project: str) -> str:
    """The name a schedule gives as its generator, from the site's project name."""
    return re.sub(r"[^a-z0-9]+", "-", project.lower()).strip("-") or "proceedings-site"
