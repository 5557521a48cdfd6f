"""Where things are on the built site, relative to its root."""

from __future__ import annotations

from ..model import Edition, Slot


def page(docname: str) -> str:
    return f"{docname}.html"


def paper_page(edition: Edition, paper_id: str) -> str:
    return page(f"{edition.id}/papers/{paper_id}")


def slot_anchor(edition: Edition, slot: Slot) -> str:
    """A program slot's target on the program page: stable across rebuilds, unique across editions."""
    return f"{edition.id}-slot-{slot.start.replace(':', '')}"


def slot_calendar(edition: Edition, slot: Slot) -> str:
    return f"{edition.id}/calendar/{slot.start.replace(':', '')}.ics"


def absolute(base_url: str, path: str) -> str:
    """An absolute URL when the site's address is configured; the site-relative path otherwise."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else path
