"""``proceedings import-openreview --venue VENUE_ID``: fetch a venue's accepted papers from the API.

The client (:mod:`.openreview_client`) pages through ``GET /notes`` with ``after`` within limits that a server
cannot stretch; public venues need no login. Credentials, when needed: ``--token`` or ``OPENREVIEW_TOKEN``, else
``OPENREVIEW_USERNAME`` and ``OPENREVIEW_PASSWORD``. A venue's accepted submissions carry the venue id itself as
``content.venueid``; rejected and withdrawn ones carry other ids (``…/Rejected_Submission``,
``…/Withdrawn_Submission``) and are never imported, even if a server returned them. The notes then go through the
same checks and import as an export file (:mod:`.openreview`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import MetadataError, Problem
from .openreview import ImportReport, checked, import_notes, load_edition
from .openreview_client import Client, FetchError, Limits
from .openreview_notes import Note, raw_value

DEFAULT_API = "https://api2.openreview.net"
TOKEN_VARIABLE = "OPENREVIEW_TOKEN"


@dataclass
class Fetched:
    notes: list[Note]
    skipped: int  # notes of other venue ids (rejected, withdrawn…) the server returned anyway


def _fail(where: str, message: str, hint: str = "") -> MetadataError:
    return MetadataError([Problem(where, 1, "--venue", message, hint)])


def _hint(error: FetchError) -> str:
    if error.status in (401, 403):
        return f"the venue is not public: set {TOKEN_VARIABLE}, or OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD"
    if error.status == 404:
        return "check --api-url: it should be the API v2 address, such as " + DEFAULT_API
    if error.status == -1 and not error.hint:
        return "check the network and --api-url"
    return error.hint


def fetch_accepted(
    venue: str, api_url: str = DEFAULT_API, token: str | None = None, limits: Limits | None = None
) -> Fetched:
    """Every note whose ``content.venueid`` is ``venue``; raise :class:`MetadataError` on any failure."""
    where = f"{api_url.rstrip('/')}/notes"
    if not api_url.startswith(("https://", "http://")):
        raise _fail(where, "--api-url must be an http:// or https:// address")
    client = Client(api_url, limits or Limits(), token or os.environ.get(TOKEN_VARIABLE) or None)
    try:
        username, password = os.environ.get("OPENREVIEW_USERNAME"), os.environ.get("OPENREVIEW_PASSWORD")
        if "Authorization" not in client.session.headers and username and password:
            client.login(username, password)
        raw = client.notes({"content.venueid": venue})
    except FetchError as error:
        raise _fail(where, error.message, _hint(error)) from None
    accepted = [note for note in raw if raw_value(note, "venueid") == venue]
    if not accepted:
        raise _fail(
            where,
            f"no accepted notes for the venue '{venue}'",
            "give the venue id itself (for example Conf.cc/2026/Workshop/Name), not a submission invitation",
        )
    return Fetched(checked(accepted, where), len(raw) - len(accepted))


def import_venue(
    metadata: Path,
    edition_id: str,
    venue: str,
    api_url: str = DEFAULT_API,
    token: str | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Fetch the accepted notes, then import them as an export file would be; nothing is written on failure."""
    proceedings, edition = load_edition(metadata, edition_id)  # an unknown edition fails before any request
    fetched = fetch_accepted(venue, api_url, token, limits)
    report = import_notes(proceedings, edition, fetched.notes)
    if fetched.skipped:
        report.notes.append(f"{fetched.skipped} notes of other venue ids (rejected, withdrawn) were not imported")
    return report
