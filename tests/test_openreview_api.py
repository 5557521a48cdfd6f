"""import-openreview --venue against a loopback server that answers GET /notes as the OpenReview API v2 does."""

from __future__ import annotations

import copy
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from proceedings_site.cli import main
from proceedings_site.model import load_proceedings

from .metadata_tree import minimal_tree
from .test_organizer import EXPORT, snapshot

VENUE = "Test.cc/2030/Workshop/TerraBytes"
PAGE = 2  # the server's page size: small, so the client has to page


def venue_notes() -> list[dict[str, Any]]:
    """The export's three accepted notes, and a rejected and a withdrawn submission of the same venue."""
    notes = json.loads(EXPORT.read_text(encoding="utf-8"))["notes"]
    for note_id, status in (("Rj5aB8cD9e", "Rejected_Submission"), ("Wd2xY4zQ7k", "Withdrawn_Submission")):
        other = copy.deepcopy(notes[1])
        other["id"] = other["forum"] = note_id
        other["content"]["title"]["value"] = f"A {status.split('_')[0].lower()} submission"
        other["content"]["venueid"]["value"] = f"{VENUE}/{status}"
        other["content"]["venue"]["value"] = f"Submitted to TerraBytes ({status})"
        notes.append(other)
    return notes


@dataclass
class Api:
    notes: list[dict[str, Any]] = field(default_factory=venue_notes)
    failures: list[int] = field(default_factory=list)  # statuses to answer with before succeeding
    malformed: bool = False
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, query: dict[str, str], headers: dict[str, str]) -> tuple[int, str, str]:
        self.requests.append({"path": path, **query, "authorization": headers.get("Authorization")})
        if self.failures:
            status = self.failures.pop(0)
            name = {403: "ForbiddenError", 404: "NotFoundError"}.get(status, "Error")
            return status, "application/json", json.dumps({"name": name, "message": f"{name} for the test"})
        if self.malformed:
            return 200, "application/json", '{"notes": [ {"id": '
        if path != "/notes":
            return 404, "application/json", json.dumps({"name": "NotFoundError", "message": "no such route"})
        wanted = query.get("content.venueid")
        matching = sorted(
            (n for n in self.notes if wanted is None or n["content"]["venueid"]["value"] == wanted),
            key=lambda n: n["id"],
        )
        matching_after = [n for n in matching if n["id"] > query["after"]] if "after" in query else matching
        offset = int(query.get("offset", 0))
        limit = min(int(query.get("limit", PAGE)), PAGE)
        page = matching_after[offset : offset + limit]
        body: dict[str, Any] = {"notes": page}
        if query.get("count") == "true":
            body["count"] = len(matching)
        return 200, "application/json", json.dumps(body)


@pytest.fixture
def api(monkeypatch) -> Iterator[Api]:
    for name in ("OPENREVIEW_USERNAME", "OPENREVIEW_PASSWORD", "OPENREVIEW_TOKEN", "OPENREVIEW_API_BASEURL_V2"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
            status, kind, body = state.answer(parts.path, query, dict(self.headers))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


def run(meta: Path, api: Api, *extra: str, venue: str = VENUE, edition: str = "2030-test") -> int:
    args = ["import-openreview", "--venue", venue, "--api-url", api.url, "--edition", edition]
    return main([*args, "--metadata", str(meta), *extra])


def test_imports_the_accepted_papers_page_by_page(meta: Path, api: Api, capsys) -> None:
    assert run(meta, api) == 0
    papers = load_proceedings(meta).current.papers
    titles = sorted(paper.title for paper in papers.values())
    assert titles == [
        "A Label-Free Benchmark for Cloud Masks over Snow",
        "Counting Clouds with Engines",
        "Glacier Calving Fronts from Sparse SAR Time Series",
    ]  # never the rejected or the withdrawn submission
    assert [a.person for a in papers["hopper30a"].authors] == ["grace-hopper", "kenji-watanabe", "王小明"]
    assert load_proceedings(meta).people["ada-lovelace"].openreview == "~Ada_Lovelace1"
    pages = [r for r in api.requests if r["path"] == "/notes"]
    assert all(r["content.venueid"] == VENUE for r in pages)
    assert pages[0]["count"] == "true" and "after" not in pages[0]
    assert [r.get("after") for r in pages[1:]] == ["Qm3xT7vLpA", "Zr8kW2nYcB"]  # the client pages with `after`
    out = capsys.readouterr().out
    assert "created: " in out and "hopper30a" in out


def test_a_second_run_changes_nothing_and_hand_edits_are_kept(meta: Path, api: Api, capsys) -> None:
    assert run(meta, api) == 0
    paper = meta / "2030-test/papers/lovelace30b.yaml"
    paper.write_text(paper.read_text().replace("Sparse SAR Time Series", "Sparse SAR Time-Series"))
    first = snapshot(meta)
    capsys.readouterr()
    assert run(meta, api) == 0
    assert snapshot(meta) == first
    assert "Everything was already up to date." in capsys.readouterr().out
    assert load_proceedings(meta).current.papers["lovelace30b"].title.endswith("Time-Series")


def test_one_server_error_is_retried(meta: Path, api: Api) -> None:
    api.failures = [500]
    assert run(meta, api) == 0
    assert len(load_proceedings(meta).current.papers) == 3
    assert len(api.requests) == 1 + 3  # the failed request, then the three pages


def test_forbidden_is_a_clear_error_and_nothing_is_written(meta: Path, api: Api, capsys) -> None:
    before = snapshot(meta)
    api.failures = [403]
    assert run(meta, api) == 1
    error = capsys.readouterr().err
    assert f"{api.url}/notes:1: --venue: the OpenReview API refused: HTTP 403 ForbiddenError for the test" in error
    assert "set OPENREVIEW_TOKEN, or OPENREVIEW_USERNAME and OPENREVIEW_PASSWORD" in error
    assert "Traceback" not in error and "Nothing was changed." in error
    assert snapshot(meta) == before


def test_not_found_and_persistent_server_errors(meta: Path, api: Api, capsys) -> None:
    before = snapshot(meta)
    api.failures = [404]
    assert run(meta, api) == 1
    assert "HTTP 404 NotFoundError" in capsys.readouterr().err
    api.failures = [503] * 20
    api.requests.clear()
    assert run(meta, api, "--backoff", "0") == 1
    assert "HTTP 503 Error for the test (tried 5 times)" in capsys.readouterr().err
    assert len(api.requests) == 5  # retried --retries 4 times before giving up
    assert snapshot(meta) == before


def test_malformed_json_and_network_errors(meta: Path, api: Api, capsys) -> None:
    before = snapshot(meta)
    api.malformed = True
    assert run(meta, api) == 1
    assert "did not answer with JSON" in capsys.readouterr().err
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    api.url = closed
    assert run(meta, api) == 1
    error = capsys.readouterr().err
    assert "cannot reach the OpenReview API (ConnectionError)" in error and "Traceback" not in error
    assert snapshot(meta) == before


def test_a_venue_without_accepted_notes(meta: Path, api: Api, capsys) -> None:
    before = snapshot(meta)
    api.notes = [n for n in api.notes if n["content"]["venueid"]["value"] != VENUE]
    assert run(meta, api) == 1
    assert f"no accepted notes for the venue '{VENUE}'" in capsys.readouterr().err
    assert snapshot(meta) == before


def test_an_unknown_edition_is_refused_before_any_request(meta: Path, api: Api, capsys) -> None:
    assert run(meta, api, edition="2031-x") == 1
    assert "unknown edition '2031-x' (editions: 2030-test)" in capsys.readouterr().err
    assert api.requests == []


def test_an_import_that_would_not_validate_is_rolled_back(meta: Path, api: Api, capsys) -> None:
    before = snapshot(meta)
    api.notes[1]["content"]["title"]["value"] = "Clouds " * 60  # over the 300-character limit of a title
    assert run(meta, api) == 1
    assert "title" in capsys.readouterr().err
    assert snapshot(meta) == before


def test_a_token_from_the_option_or_the_environment_is_sent(meta: Path, api: Api, monkeypatch) -> None:
    assert run(meta, api, "--token", "secret-one") == 0
    assert {r["authorization"] for r in api.requests if r["path"] == "/notes"} == {"Bearer secret-one"}
    api.requests.clear()
    monkeypatch.setenv("OPENREVIEW_TOKEN", "secret-two")
    assert run(meta, api) == 0
    assert {r["authorization"] for r in api.requests if r["path"] == "/notes"} == {"Bearer secret-two"}


def test_export_file_or_venue_not_both(meta: Path, api: Api) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["import-openreview", str(EXPORT), "--venue", VENUE, "--edition", "2030-test", "--metadata", str(meta)])
    assert stopped.value.code == 2
