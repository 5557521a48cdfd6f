"""A small HTTP client for the OpenReview API with every limit a server cannot talk it out of.

``GET /notes`` is paged with ``after`` (the last note's id). Whatever the server does, the fetch ends, within
``Limits.total_seconds``, with the notes or a message: connect and read timeouts; a page count and a note count
(a server that ignores ``after`` and sends the same notes again is caught at its second answer); an answer size,
compressed as sent and uncompressed (a gzip bomb stops at the cap, not at the gigabyte), and a size of all
answers together; redirects only to the same scheme, host and port (a token is never sent anywhere else); retries
of 429, 5xx and dropped connections, bounded in count, with exponential back-off (``Retry-After`` honoured up to
the same bound).
"""

from __future__ import annotations

import json
import time
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from ..untrusted import printable
from . import safejson


@dataclass(frozen=True)
class Limits:
    """Each is a command-line option of ``import-openreview`` (``cli``); the defaults are explained there."""

    connect_seconds: float = 10.0
    read_seconds: float = 60.0
    total_seconds: float = 600.0
    max_pages: int = 100
    max_notes: int = 20_000
    max_response_mb: float = 64.0  # uncompressed
    max_compressed_mb: float = 16.0  # as sent
    max_total_mb: float = 512.0  # every answer together, uncompressed
    retries: int = 4
    backoff_seconds: float = 1.0  # then doubled per retry: 1, 2, 4, 8 s
    page_size: int = 1000  # what the API sends at most per page


class FetchError(Exception):
    """What went wrong, in a reader's words; ``hint`` says what to try."""

    def __init__(self, message: str, hint: str = "", status: int = 0, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.message, self.hint, self.status, self.retry_after = message, hint, status, retry_after


MAX_REDIRECTS = 5
_RETRIED = {429, 500, 502, 503, 504}


class Client:
    def __init__(self, base_url: str, limits: Limits, token: str | None = None) -> None:
        self.base = base_url.rstrip("/")
        self.limits = limits
        self.deadline = time.monotonic() + limits.total_seconds
        self.session = requests.Session()
        self.session.trust_env = True  # proxies from the environment, as any client would
        self.session.headers.update({"Accept": "application/json", "Accept-Encoding": "gzip, deflate"})
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.requests = 0
        self.received = 0  # uncompressed bytes of every answer so far

    def login(self, username: str, password: str) -> None:
        body = self.request("POST", "/login", json_body={"id": username, "password": password})
        token = body.get("token") if isinstance(body, dict) else None
        if not isinstance(token, str):
            raise FetchError("the OpenReview API did not give a token for the username and password")
        self.session.headers["Authorization"] = f"Bearer {token}"

    def notes(self, query: dict[str, str]) -> list[Any]:
        """Every note the query matches, page by page."""
        notes: list[Any] = []
        seen: set[Any] = set()
        after: str | None = None
        for page in range(1, self.limits.max_pages + 1):
            params = {**query, "limit": str(self.limits.page_size)}
            params.update({"after": after} if after else {"count": "true"})
            body = self.request("GET", "/notes", params=params)
            batch = body.get("notes") if isinstance(body, dict) else None
            if not isinstance(batch, list):
                raise FetchError('the OpenReview API\'s answer is malformed: expected {"notes": [...]}')
            if page == 1 and isinstance(count := body.get("count"), int) and count > self.limits.max_notes:
                raise FetchError(
                    f"the venue has {count:,} notes, more than --max-notes {self.limits.max_notes:,}",
                    "raise --max-notes if the venue really is that large",
                )
            if not batch:
                return notes
            last = batch[-1].get("id") if isinstance(batch[-1], dict) else None
            if not isinstance(last, str):
                raise FetchError("the OpenReview API's answer is malformed: a note without an id")
            if last == after:
                raise FetchError("the OpenReview API sent the same page again (it ignores `after`)")
            fresh = [note for note in batch if not isinstance(note, dict) or note.get("id") not in seen]
            if not fresh:
                raise FetchError("the OpenReview API sent only notes it had sent before (it ignores `after`)")
            seen.update(note.get("id") for note in fresh if isinstance(note, dict))
            notes += fresh
            if len(notes) > self.limits.max_notes:
                raise FetchError(
                    f"the OpenReview API sent more than --max-notes {self.limits.max_notes:,} notes",
                    "raise --max-notes if the venue really is that large",
                )
            after = last
        raise FetchError(
            f"the OpenReview API had more than --max-pages {self.limits.max_pages} pages of notes",
            "raise --max-pages if the venue really is that large",
        )

    # --- one request, with retries ---------------------------------------------------------------------------

    def request(self, method: str, path: str, params: dict[str, str] | None = None, json_body: Any = None) -> Any:
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(method, self.base + path, params, json_body)
            except FetchError as error:
                retried = error.status in _RETRIED or error.status == -1
                if not retried or attempt > self.limits.retries:
                    if retried and attempt > 1:
                        error.message += f" (tried {attempt} times)"
                    raise
                self._sleep(attempt, error)

    def _sleep(self, attempt: int, error: FetchError) -> None:
        longest = self.limits.backoff_seconds * 2**self.limits.retries
        wait = max(self.limits.backoff_seconds * 2 ** (attempt - 1), min(error.retry_after, longest))
        if time.monotonic() + wait > self.deadline:
            raise FetchError(self._timeout_message(), "raise --total-timeout, or try again later")
        time.sleep(wait)

    def _timeout_message(self) -> str:
        return f"the import took longer than --total-timeout {self.limits.total_seconds:g} s"

    def _timeouts(self) -> tuple[float, float]:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchError(self._timeout_message(), "raise --total-timeout, or try again later")
        return min(self.limits.connect_seconds, left), min(self.limits.read_seconds, left)

    def _once(self, method: str, url: str, params: dict[str, str] | None, json_body: Any) -> Any:
        origin = urlsplit(url)[:2]
        for _ in range(MAX_REDIRECTS + 1):
            self.requests += 1
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    json=json_body,
                    timeout=self._timeouts(),
                    stream=True,
                    allow_redirects=False,
                )
            except requests.Timeout:
                raise FetchError(self._timeout_name(), "the server is slow or silent; check --api-url", -1) from None
            except requests.RequestException as error:
                raise FetchError(f"cannot reach the OpenReview API ({type(error).__name__})", "", -1) from None
            with response:
                if response.is_redirect:
                    target = urljoin(url, response.headers.get("Location", ""))
                    if urlsplit(target)[:2] != origin:
                        elsewhere = printable(urlsplit(target).netloc or target, 100)
                        raise FetchError(
                            f"the OpenReview API redirected to another host or scheme ({elsewhere}); not followed",
                            "give the final address as --api-url if it is the right server",
                        )
                    url, params = target, None
                    continue
                body = self._body(response)
                return self._answer(response, body)
        raise FetchError(f"the OpenReview API redirected more than {MAX_REDIRECTS} times")

    def _timeout_name(self) -> str:
        return (
            f"the OpenReview API did not answer within --read-timeout {self.limits.read_seconds:g} s "
            f"(or connect within --connect-timeout {self.limits.connect_seconds:g} s)"
        )

    def _body(self, response: requests.Response) -> bytes:
        """The answer's bytes, read within both size caps and the time left."""
        compressed_cap = int(self.limits.max_compressed_mb * 2**20)
        cap = int(self.limits.max_response_mb * 2**20)
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "deflate"):
            raise FetchError(f"the OpenReview API answered in an encoding not asked for ({encoding[:40]})")
        inflater = zlib.decompressobj(wbits=47) if encoding in ("gzip", "deflate") else None
        received, parts, size = 0, [], 0
        try:
            # read1: whatever one receive brings, so that a server trickling bytes meets the deadline too
            for chunk in iter(lambda: response.raw.read1(65536, decode_content=False), b""):
                received += len(chunk)
                if received > compressed_cap:
                    raise FetchError(self._too_large("--max-compressed-mb", self.limits.max_compressed_mb))
                if inflater is not None:
                    chunk = inflater.decompress(chunk, cap + 1 - size)
                    if inflater.unconsumed_tail:
                        raise FetchError(self._too_large("--max-response-mb", self.limits.max_response_mb))
                size += len(chunk)
                self.received += len(chunk)
                if size > cap:
                    raise FetchError(self._too_large("--max-response-mb", self.limits.max_response_mb))
                if self.received > self.limits.max_total_mb * 2**20:
                    limit = f"{self.limits.max_total_mb:g}"
                    raise FetchError(f"the OpenReview API's answers together are larger than --max-total-mb {limit} MB")
                parts.append(chunk)
                if time.monotonic() > self.deadline:
                    raise FetchError(self._timeout_message(), "raise --total-timeout, or try again later")
        except zlib.error:
            raise FetchError(f"the OpenReview API's answer is not valid {encoding}") from None
        except (requests.RequestException, OSError) as error:
            raise FetchError(
                f"the connection broke while reading the answer ({type(error).__name__})", "", -1
            ) from None
        return b"".join(parts)

    def _too_large(self, option: str, megabytes: float) -> str:
        return f"an answer of the OpenReview API is larger than {option} {megabytes:g} MB"

    def _answer(self, response: requests.Response, body: bytes) -> Any:
        text = body.decode("utf-8", errors="replace")
        if response.status_code >= 400:
            detail = printable(_error_detail(text) or response.reason or "", 200)
            after = response.headers.get("Retry-After", "")
            raise FetchError(
                f"the OpenReview API refused: HTTP {response.status_code} {detail}".rstrip(),
                status=response.status_code,
                retry_after=float(after) if after.isdigit() and len(after) < 6 else 0.0,
            )
        try:
            return safejson.loads(text)
        except safejson.JsonProblem as problem:
            raise FetchError(f"the OpenReview API did not answer with JSON: {problem.message}") from None


def _error_detail(text: str) -> str:
    """The API's own error message (``{"name": …, "message": …}``), if it sent one."""
    try:
        body = json.loads(text[:100_000])
    except (ValueError, RecursionError):
        return ""
    if isinstance(body, dict):
        detail = body.get("message") or body.get("name") or ""
        return str(detail) if isinstance(detail, str | int) else ""
    return ""
