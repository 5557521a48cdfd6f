"""``proceedings import-openreview --venue VENUE_ID``: fetch a venue's accepted papers with the official client.

The client (openreview-py) pages through ``GET /notes`` with ``after`` and retries 429 and 5xx answers itself;
public venues need no login. Credentials, when needed: ``--token`` or ``OPENREVIEW_TOKEN``, else the
client's own ``OPENREVIEW_USERNAME`` and ``OPENREVIEW_PASSWORD``. A venue's accepted submissions carry the
venue id itself as ``content.venueid``; rejected and withdrawn ones carry other ids
(``…/Rejected_Submission``, ``…/Withdrawn_Submission``) and are never imported, even if a server returned them.
The notes then go through the same checks and import as an export file (:mod:`.openreview`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MetadataError, Problem
from .openreview import ImportReport, check_notes, import_notes, load_edition

DEFAULT_API = "https://api2.openreview.net"
TOKEN_VARIABLE = "OPENREVIEW_TOKEN"


@dataclass
class Fetched:
    notes: list[dict[str, Any]]
    skipped: int  # notes of other venue ids (rejected, withdrawn…) the server returned anyway


def _fail(where: str, message: str, hint: str = "") -> MetadataError:
    return MetadataError([Problem(where, 1, "--venue", message, hint)])


def _describe(error: Exception) -> str:
    """The message of an OpenReviewException, whose argument is the API's error object or a list."""
    detail = error.args[0] if error.args else error
    if isinstance(detail, dict):
        return str(detail.get("message") or detail.get("name") or detail)
    if isinstance(detail, list):
        return "; ".join(str(item) for item in detail)
    return str(detail)


def fetch_accepted(venue: str, api_url: str = DEFAULT_API, token: str | None = None) -> Fetched:
    """Every note whose ``content.venueid`` is ``venue``; raise :class:`MetadataError` on any failure."""
    import openreview  # imported here: only this command needs the client
    import requests

    where = f"{api_url.rstrip('/')}/notes"
    responses: list[requests.Response] = []
    try:
        client = openreview.api.OpenReviewClient(
            baseurl=api_url.rstrip("/"), token=token or os.environ.get(TOKEN_VARIABLE) or None
        )
        client.session.hooks["response"].append(lambda response, *args, **kwargs: responses.append(response))
        notes = client.get_all_notes(content={"venueid": venue})
        raw = [note.to_json() for note in notes]
    except (openreview.OpenReviewException, requests.RequestException, ValueError, LookupError, TypeError) as error:
        raise _explain(error, where, responses[-1] if responses else None) from None
    accepted = [note for note in raw if _venueid(note) == venue]
    if not accepted:
        raise _fail(
            where,
            f"no accepted notes for the venue '{venue}'",
            "give the venue id itself (for example Conf.cc/2026/Workshop/Name), not a submission invitation",
        )
    check_notes(accepted, where)
    return Fetched(accepted, len(raw) - len(accepted))


def _explain(error: Exception, where: str, last: Any) -> MetadataError:
    """A failed request as one located message: the HTTP status when the server refused (after the client's
    retries), else what went wrong on the way."""
    import openreview
    import requests

    status = last.status_code if last is not None else 0
    if status >= 400:
        detail = _describe(error) if isinstance(error, openreview.OpenReviewException) else last.reason
        hint = ""
        if status in (401, 403):
            hint = f"the venue is not public: set {TOKEN_VARIABLE}, or OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD"
        elif status == 404:
            hint = "check --api-url: it should be the API v2 address, such as " + DEFAULT_API
        return _fail(where, f"the OpenReview API refused: HTTP {status} {detail or ''}".rstrip(), hint)
    if isinstance(error, requests.exceptions.JSONDecodeError):
        return _fail(where, f"the OpenReview API did not answer with JSON: {error}")
    if isinstance(error, requests.RequestException):
        return _fail(
            where, f"cannot reach the OpenReview API ({type(error).__name__})", "check the network and --api-url"
        )
    if isinstance(error, openreview.OpenReviewException):
        return _fail(where, f"the OpenReview API refused: {_describe(error)}")
    return _fail(where, f"the OpenReview API's answer is malformed: {type(error).__name__}: {error}")


def _venueid(note: dict[str, Any]) -> Any:
    entry = (note.get("content") or {}).get("venueid")
    return entry.get("value") if isinstance(entry, dict) else entry


def import_venue(
    metadata: Path, edition_id: str, venue: str, api_url: str = DEFAULT_API, token: str | None = None
) -> ImportReport:
    """Fetch the accepted notes, then import them as an export file would be; nothing is written on failure."""
    proceedings, edition = load_edition(metadata, edition_id)  # an unknown edition fails before any request
    fetched = fetch_accepted(venue, api_url, token)
    report = import_notes(proceedings, edition, fetched.notes)
    if fetched.skipped:
        report.notes.append(f"{fetched.skipped} notes of other venue ids (rejected, withdrawn) were not imported")
    return report
