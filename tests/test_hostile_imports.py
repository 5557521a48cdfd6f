"""A hostile-import corpus (issue 26): export files, API servers and volume files that a careless exporter or an
attacker could send. Each case ends with a clean import or a located message, one line per message, exit code 1,
nothing written, in seconds; none with a traceback, none hanging, none growing without bound."""

from __future__ import annotations

import copy
import gzip
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from proceedings_site.cli import main
from proceedings_site.identity import MAX_SLUG_BYTES, MAX_SLUG_CHARACTERS
from proceedings_site.model import load_proceedings

from .metadata_tree import minimal_tree
from .test_organizer import EXPORT, snapshot
from .test_pmlr import VOLUME

EDITION = "2030-test"
VENUE = "Test.cc/2030/Workshop/TerraBytes"
FAST = 20.0  # seconds: every hostile case ends well within this on a loaded 2-core machine


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float


def run(capsys, *args: str) -> Outcome:
    started = time.perf_counter()
    code = main(list(args))
    seconds = time.perf_counter() - started
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err, seconds)


def assert_safe_output(outcome: Outcome) -> None:
    """No traceback; no escape sequence or bidi override reaches the terminal; no line starts a CI command."""
    text = outcome.out + outcome.err
    assert "Traceback" not in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text), text
    assert not any(line.lstrip().startswith("::") for line in text.splitlines()), text


def assert_refused(outcome: Outcome, before: dict[str, bytes], meta: Path, *messages: str) -> None:
    assert outcome.code == 1, outcome
    for message in messages:
        assert message in outcome.err, outcome.err
    assert "Nothing was changed." in outcome.err
    assert outcome.seconds < FAST
    assert_safe_output(outcome)
    assert snapshot(meta) == before


# --- export files -------------------------------------------------------------------------------------------------


def export_notes() -> list[dict[str, Any]]:
    return json.loads(EXPORT.read_text(encoding="utf-8"))["notes"]


def import_file(capsys, meta: Path, path: Path) -> Outcome:
    return run(capsys, "import-openreview", str(path), "--edition", EDITION, "--metadata", str(meta))


def with_note(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    notes = export_notes()
    change(notes[1])
    return {"notes": notes}


def content(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda note: note["content"].__setitem__(key, {"value": value})


SHAPES = [
    (
        "authors not text",
        with_note(content("authors", [1, 2])),
        "note 2: content.authors[1]: expected text, found a number",
    ),
    (
        "authors an object",
        with_note(content("authors", {"a": 1})),
        "note 2: content.authors: expected a list, found an object",
    ),
    (
        "keywords a number",
        with_note(content("keywords", 7)),
        "note 2: content.keywords: expected a list, found a number",
    ),
    ("venue a list", with_note(content("venue", ["x"])), "note 2: content.venue: expected text, found a list"),
    (
        "authorids objects",
        with_note(content("authorids", [{}, {}])),
        "note 2: content.authorids[1]: expected text, found an object",
    ),
    ("title missing", with_note(lambda note: note["content"].pop("title")), "note 2: content.title: missing"),
    ("note is text", {"notes": ["x"]}, "note 1: (note): expected a note object, found text"),
    (
        "content is text",
        with_note(lambda note: note.__setitem__("content", "x")),
        "note 2: content: expected the note's fields as an object, found text",
    ),
    (
        "id with a slash",
        with_note(lambda note: note.__setitem__("id", "../../etc")),
        "note 2: id: '../../etc' is not an OpenReview id",
    ),
    (
        "invisible name",
        with_note(content("authors", ["\u3164", "Ada Lovelace"])),
        "note 2: content.authors[1]: a name needs at least one visible letter",
    ),
    (
        "name too long",
        with_note(content("authors", ["A " + "b" * 400])),
        "note 2: content.authors[1]: 402 characters; at most 200",
    ),
    (
        "authors without end",
        with_note(content("authors", ["Ann Ng"] * 6001)),
        "note 2: content.authors: 6,001 entries; at most 6,000",
    ),
    ("notes not a list", {"notes": {"a": 1}}, 'notes: expected the API\'s {"notes": [...]} or a list of notes'),
]


@pytest.mark.parametrize(("document", "message"), [case[1:] for case in SHAPES], ids=[case[0] for case in SHAPES])
def test_malformed_notes_are_located(meta: Path, tmp_path: Path, capsys, document: Any, message: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    before = snapshot(meta)
    outcome = import_file(capsys, meta, path)
    assert_refused(outcome, before, meta, f"{path.as_posix()}:", message)


TEXTS = [
    ("5,000 digits", '{"notes": [], "count": ' + "9" * 5000 + "}", ":1: (file): a number of 5,000 digits; at most 20"),
    ("100,000 deep", "[" * 100_000 + "]" * 100_000, ":1: (file): nested deeper than 32 levels"),
    ("40 deep", '{"notes": ' + "[" * 40 + "]" * 40 + "}", "nested deeper than 32 levels"),
    ("NaN", '{"notes": [], "count": NaN}', "NaN is not a JSON number"),
    ("not JSON", "{ not json", ":1: (file): not valid JSON"),
]


@pytest.mark.parametrize(("text", "message"), [case[1:] for case in TEXTS], ids=[case[0] for case in TEXTS])
def test_absurd_json_is_refused(meta: Path, tmp_path: Path, capsys, text: str, message: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    before = snapshot(meta)
    assert_refused(import_file(capsys, meta, path), before, meta, message)


def test_an_export_that_is_not_utf8(meta: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b'{"notes": ["\xff\xfe"]}')
    before = snapshot(meta)
    assert_refused(import_file(capsys, meta, path), before, meta, "export.json:1: (file): not UTF-8 text (byte 12)")


def test_quoted_input_cannot_add_lines_escapes_or_ci_commands(meta: Path, tmp_path: Path, capsys) -> None:
    hostile = "x\n::error file=a::pwned\x1b]0;pwned\x07\x1b[2J\u202e"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(with_note(lambda note: note.__setitem__("id", hostile))), encoding="utf-8")
    before = snapshot(meta)
    outcome = import_file(capsys, meta, path)
    assert_refused(outcome, before, meta, r"id: 'x\n::error file=a::pwned\x1b]0;pwned\x07\x1b[2J\u202e' is not")
    assert len(outcome.err.splitlines()) == 3  # the problem, the count, "Nothing was changed."


def test_long_and_cjk_names_get_short_stable_ids(meta: Path, tmp_path: Path, capsys) -> None:
    long_name = "Ada " + "Wolfeschlegelsteinhausenbergerdorff" * 5  # 175 letters in one surname
    cjk_name = "王" * 100

    def names(note: dict[str, Any]) -> None:
        note["content"]["authors"]["value"] = [long_name, cjk_name]
        note["content"]["authorids"]["value"] = ["~Ada_W1", "~Wang_W1"]

    path = tmp_path / "export.json"
    path.write_text(json.dumps(with_note(names)), encoding="utf-8")
    outcome = import_file(capsys, meta, path)
    assert outcome.code == 0 and outcome.seconds < FAST, outcome
    assert_safe_output(outcome)
    proceedings = load_proceedings(meta)
    by_name = {person.name: person_id for person_id, person in proceedings.people.items()}
    for name in (long_name, cjk_name):
        person_id = by_name[name]  # the full name is inside the file
        assert len(person_id) <= MAX_SLUG_CHARACTERS and len(person_id.encode()) <= MAX_SLUG_BYTES
        assert (meta / "people" / f"{person_id}.yaml").is_file()
    assert by_name[long_name].startswith("ada-wolfeschlegel")


def test_keywords_written_as_one_text_and_the_default_track_named(meta: Path, tmp_path: Path, capsys) -> None:
    def change(note: dict[str, Any]) -> None:
        note["content"]["keywords"] = {"value": "sea ice; SAR, glaciers"}
        note["content"]["venue"] = {"value": "Submitted to TerraBytes"}

    path = tmp_path / "export.json"
    path.write_text(json.dumps(with_note(change)), encoding="utf-8")
    outcome = import_file(capsys, meta, path)
    assert outcome.code == 0, outcome
    paper = next(p for p in load_proceedings(meta).current.papers.values() if p.openreview_id == "Zr8kW2nYcB")
    assert paper.keywords == ["sea ice", "SAR", "glaciers"]
    assert f"the venue does not say the track; set to {paper.track}, check it" in outcome.out
    assert paper.track == "long"  # the site's first track


def test_a_paper_by_3000_authors_imports_in_linear_time(meta: Path, tmp_path: Path, capsys) -> None:
    names = [f"Physicist Number{index:04d}" for index in range(3000)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(with_note(content("authors", names)) | {}), encoding="utf-8")
    document = json.loads(path.read_text())
    document["notes"][1]["content"].pop("authorids")
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = import_file(capsys, meta, path)
    assert outcome.code == 0 and outcome.seconds < 4 * FAST, outcome  # linear: some 5 s unloaded
    paper = next(p for p in load_proceedings(meta).current.papers.values() if p.openreview_id == "Zr8kW2nYcB")
    assert len(paper.authors) == 3000


# --- the API --------------------------------------------------------------------------------------------------------

Answer = tuple[int, dict[str, str], bytes]


@dataclass
class Server:
    """A loopback server whose every answer a test decides: ``respond(path, query) -> (status, headers, body)``,
    or None to say nothing at all."""

    respond: Callable[[str, dict[str, str]], Answer | None]
    requests: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    trickle: float = 0.0  # seconds between the body's bytes; 0: all at once
    url: str = ""


def _serve(state: Server) -> tuple[ThreadingHTTPServer, threading.Event]:
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            state.requests.append(self.path)
            state.headers.append(dict(self.headers))
            answer = state.respond(parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()})
            if answer is None:
                stop.wait(30)  # silent: never answers
                return
            status, headers, body = answer
            self.send_response(status)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            if not state.trickle:
                self.wfile.write(body)
                return
            for index in range(len(body)):  # a slow server: one byte at a time, each within the read timeout
                if stop.wait(state.trickle):
                    return
                try:
                    self.wfile.write(body[index : index + 1])
                    self.wfile.flush()
                except OSError:
                    return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            state.bodies.append(self.rfile.read(length).decode())
            self.do_GET()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    return server, stop


@pytest.fixture
def serve(monkeypatch) -> Iterator[Callable[..., Server]]:
    for name in ("OPENREVIEW_USERNAME", "OPENREVIEW_PASSWORD", "OPENREVIEW_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    running: list[tuple[ThreadingHTTPServer, threading.Event]] = []

    def start(respond: Callable[[str, dict[str, str]], Answer | None]) -> Server:
        state = Server(respond)
        running.append(_serve(state))
        return state

    yield start
    for server, stop in running:
        stop.set()
        server.shutdown()
        server.server_close()


def accepted() -> list[dict[str, Any]]:
    return sorted(export_notes(), key=lambda note: note["id"])


def json_answer(body: Any, status: int = 200, **headers: str) -> Answer:
    return status, {"Content-Type": "application/json", **headers}, json.dumps(body).encode()


def venue(capsys, meta: Path, server: Server, *limits: str) -> Outcome:
    args = ["import-openreview", "--venue", VENUE, "--api-url", server.url, "--edition", EDITION]
    return run(capsys, *args, "--metadata", str(meta), "--backoff", "0", *limits)


def test_a_server_that_ignores_after(meta: Path, capsys, serve) -> None:
    server = serve(lambda path, query: json_answer({"notes": accepted()[:2], "count": 3}))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server)
    assert_refused(outcome, before, meta, "the OpenReview API sent the same page again (it ignores `after`)")
    assert len(server.requests) == 2


def test_a_server_that_pages_forever(meta: Path, capsys, serve) -> None:
    def endless(path: str, query: dict[str, str]) -> Answer:
        note = copy.deepcopy(accepted()[0])
        note["id"] = note["forum"] = f"N{len(query.get('after', '')):06d}" + query.get("after", "")[:20]
        return json_answer({"notes": [note]})

    server = serve(endless)
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--max-pages", "5")
    assert_refused(outcome, before, meta, "more than --max-pages 5 pages of notes", "hint: raise --max-pages")
    assert len(server.requests) == 5


def test_a_server_that_shuffles_instead_of_paging(meta: Path, capsys, serve) -> None:
    answers = [accepted()[:2], accepted()[:2][::-1]]
    server = serve(lambda path, query: json_answer({"notes": answers[min(len(server.requests), 2) - 1]}))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server)
    assert_refused(outcome, before, meta, "sent only notes it had sent before (it ignores `after`)")


def test_all_answers_together_are_bounded(meta: Path, capsys, serve) -> None:
    def endless(path: str, query: dict[str, str]) -> Answer:
        note = copy.deepcopy(accepted()[0])
        note["id"] = note["forum"] = f"N{len(server.requests):06d}"
        note["content"]["abstract"]["value"] = "x" * 300_000
        return json_answer({"notes": [note]})

    server = serve(endless)
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--max-total-mb", "1")
    assert_refused(outcome, before, meta, "answers together are larger than --max-total-mb 1 MB")
    assert len(server.requests) == 4


def test_a_venue_larger_than_the_note_cap(meta: Path, capsys, serve) -> None:
    server = serve(lambda path, query: json_answer({"notes": accepted(), "count": 50_000}))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server)
    assert_refused(outcome, before, meta, "the venue has 50,000 notes, more than --max-notes 20,000")


def test_a_silent_server_times_out(meta: Path, capsys, serve) -> None:
    server = serve(lambda path, query: None)
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--read-timeout", "0.5", "--retries", "1")
    assert_refused(outcome, before, meta, "did not answer within --read-timeout 0.5 s", "(tried 2 times)")
    assert outcome.seconds < 5


def test_a_server_that_trickles_meets_the_total_timeout(meta: Path, capsys, serve) -> None:
    server = serve(lambda path, query: json_answer({"notes": accepted()}))
    server.trickle = 0.1
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--total-timeout", "2", "--read-timeout", "1")
    assert_refused(outcome, before, meta, "the import took longer than --total-timeout 2 s")
    assert outcome.seconds < 6


def test_retries_end_within_the_total_time(meta: Path, capsys, serve) -> None:
    server = serve(lambda path, query: json_answer({"message": "busy"}, 503, **{"Retry-After": "30"}))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--total-timeout", "1", "--retries", "10", "--backoff", "0.2")
    assert_refused(outcome, before, meta, "the import took longer than --total-timeout 1 s")
    assert outcome.seconds < 5


def test_a_redirect_to_another_host_is_not_followed(meta: Path, capsys, serve) -> None:
    elsewhere = serve(lambda path, query: json_answer({"notes": accepted()}))
    other = elsewhere.url.replace("127.0.0.1", "localhost")
    server = serve(lambda path, query: (302, {"Location": f"{other}/notes?x=1"}, b""))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server)
    assert_refused(outcome, before, meta, "redirected to another host or scheme (localhost:", "not followed")
    assert elsewhere.requests == []


def test_a_redirect_on_the_same_server_is_followed(meta: Path, capsys, serve) -> None:
    def respond(path: str, query: dict[str, str]) -> Answer:
        if path == "/notes":
            return 301, {"Location": "/v2/notes?" + "&".join(f"{k}={v}" for k, v in query.items())}, b""
        after = query.get("after")
        return json_answer({"notes": [n for n in accepted() if after is None or n["id"] > after]})

    outcome = venue(capsys, meta, serve(respond))
    assert outcome.code == 0, outcome
    assert len(load_proceedings(meta).current.papers) == 3


def test_a_gzip_bomb_stops_at_the_size_cap(meta: Path, capsys, serve) -> None:
    bomb = gzip.compress(b'{"notes": [' + b" " * (200 * 2**20) + b"]}", 9)  # 200 MB in some 200 KB
    server = serve(lambda path, query: (200, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, bomb))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--max-response-mb", "8")
    assert_refused(outcome, before, meta, "an answer of the OpenReview API is larger than --max-response-mb 8 MB")


def test_a_large_compressed_answer_stops_at_its_cap(meta: Path, capsys, serve) -> None:
    body = gzip.compress(json.dumps({"notes": [], "padding": list(range(300_000))}).encode(), 1)
    server = serve(lambda path, query: (200, {"Content-Encoding": "gzip"}, body))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server, "--max-compressed-mb", "0.1")
    assert_refused(outcome, before, meta, "larger than --max-compressed-mb 0.1 MB")


def test_a_refusal_with_hostile_text_is_printed_on_one_line(meta: Path, capsys, serve) -> None:
    message = "Forbidden\n::error::pwned\n\x1b[31mred\x1b[0m"
    server = serve(lambda path, query: json_answer({"name": "ForbiddenError", "message": message}, 403))
    before = snapshot(meta)
    outcome = venue(capsys, meta, server)
    assert_refused(outcome, before, meta, r"HTTP 403 Forbidden\n::error::pwned\n\x1b[31mred\x1b[0m")


def malformed(**fields: Any) -> dict[str, Any]:
    note = {"venueid": {"value": VENUE}, "title": {"value": "A title"}, "authors": {"value": ["Ann Ng"]}}
    return {"notes": [{"id": "Ab1", "content": note | {key: {"value": value} for key, value in fields.items()}}]}


ANSWERS = [
    ("note is text", {"notes": ["x"]}, "the OpenReview API's answer is malformed: a note without an id"),
    ("title a number", malformed(title=5), "notes:1: note 1: content.title: expected text, found a number"),
    ("authors nested", malformed(authors=[[["x"]]]), "note 1: content.authors[1]: expected text, found a list"),
    ("no notes key", {"items": []}, 'the OpenReview API\'s answer is malformed: expected {"notes": [...]}'),
    ("not JSON", "<html>", "the OpenReview API did not answer with JSON: not valid JSON"),
    ("deep JSON", "[" * 50_000 + "]" * 50_000, "the OpenReview API did not answer with JSON: nested deeper than 32"),
]


@pytest.mark.parametrize(("body", "message"), [case[1:] for case in ANSWERS], ids=[case[0] for case in ANSWERS])
def test_malformed_answers(meta: Path, capsys, serve, body: Any, message: str) -> None:
    def respond(path: str, query: dict[str, str]) -> Answer:
        if "after" in query:
            return json_answer({"notes": []})
        return (200, {}, body.encode()) if isinstance(body, str) else json_answer(body)

    before = snapshot(meta)
    assert_refused(venue(capsys, meta, serve(respond)), before, meta, message)


def test_username_and_password_log_in_first(meta: Path, capsys, serve, monkeypatch) -> None:
    def respond(path: str, query: dict[str, str]) -> Answer:
        if path == "/login":
            return json_answer({"token": "from-login"})
        after = query.get("after")
        return json_answer({"notes": [n for n in accepted() if after is None or n["id"] > after]})

    monkeypatch.setenv("OPENREVIEW_USERNAME", "ada@example.org")
    monkeypatch.setenv("OPENREVIEW_PASSWORD", "secret")
    server = serve(respond)
    outcome = venue(capsys, meta, server)
    assert outcome.code == 0, outcome
    assert server.requests[0] == "/login" and json.loads(server.bodies[0]) == {
        "id": "ada@example.org",
        "password": "secret",
    }
    assert {h.get("Authorization") for h in server.headers[1:]} == {"Bearer from-login"}


def test_a_closed_port(meta: Path, capsys) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    before = snapshot(meta)
    args = ["import-openreview", "--venue", VENUE, "--api-url", closed, "--edition", EDITION, "--metadata", str(meta)]
    outcome = run(capsys, *args, "--retries", "1", "--backoff", "0")
    assert_refused(outcome, before, meta, "cannot reach the OpenReview API (ConnectionError) (tried 2 times)")


def test_every_limit_is_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import-openreview", "--help"])
    shown = capsys.readouterr().out
    for option in (
        "--max-total-mb",
        "--connect-timeout",
        "--read-timeout",
        "--total-timeout",
        "--max-pages",
        "--max-notes",
        "--max-response-mb",
        "--max-compressed-mb",
        "--retries",
        "--backoff",
    ):
        assert option in shown


# --- PMLR volume files -----------------------------------------------------------------------------------------------


def import_volume(capsys, meta: Path, path: Path) -> Outcome:
    return run(capsys, "import-pmlr", str(path), "--edition", EDITION, "--metadata", str(meta))


def volume_with(tmp_path: Path, old: str, new: str) -> Path:
    text = VOLUME.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "volume.bib"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


DEEP = "{" * 5000 + "x" + "}" * 5000
VOLUMES = [
    ("superscript volume", ("volume = {999}", "volume = {²}"), "volume: '²' is not a volume number"),
    ("5,000-digit volume", ("volume = {999}", "volume = {" + "9" * 5000 + "}"), "is not a volume number"),
    ("5,000-digit pages", ("pages = {13-30}", "pages = {" + "1" * 5000 + "}"), "lovelace2030.pages: '1111"),
    (
        "deep title",
        ("title = {Glacier", "title = {" + DEEP + " Glacier"),
        "lovelace2030.title: braces nested 5,000 deep",
    ),
    (
        "deep author",
        ("author = {Lovelace", "author = {" + DEEP + " Lovelace"),
        "lovelace30.author: braces nested 5,000 deep; at most 32",
    ),
    ("deep booktitle", ("booktitle = {", "booktitle = {" + DEEP), "booktitle: braces nested 5,000 deep"),
]


@pytest.mark.parametrize(("change", "message"), [case[1:] for case in VOLUMES], ids=[case[0] for case in VOLUMES])
def test_absurd_volume_fields_are_located(meta: Path, tmp_path: Path, capsys, change, message: str) -> None:
    before = snapshot(meta)
    path = volume_with(tmp_path, *change)
    assert_refused(import_volume(capsys, meta, path), before, meta, f"{path.as_posix()}:", message)


def test_a_file_that_is_not_bibtex(meta: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "volume.bib"
    path.write_text("This is a README, not a volume.\n", encoding="utf-8")
    before = snapshot(meta)
    outcome = import_volume(capsys, meta, path)
    assert_refused(outcome, before, meta, "volume.bib:1: (file): no @proceedings or @inproceedings entry")


def test_href_url_and_unknown_macros_convert(meta: Path, tmp_path: Path, capsys) -> None:
    hostile = r"\href{https://example.org/}{Counting} \url{Clouds} with \unknownmacro{} Engines"
    path = volume_with(tmp_path, "title = {Counting Clouds with Engines}", "title = {" + hostile + "}")
    outcome = import_volume(capsys, meta, path)
    assert outcome.code == 0 and outcome.seconds < FAST, outcome
    assert "updated: lovelace30a" in outcome.out
    assert_safe_output(outcome)


def test_an_unmatched_title_with_escape_sequences_is_printed_safely(meta: Path, tmp_path: Path, capsys) -> None:
    path = volume_with(tmp_path, "title = {Compilers", "title = {\x1b]0;pwned\x07\x1b[2J Compilers")
    outcome = import_volume(capsys, meta, path)
    assert outcome.code == 0, outcome
    assert r"\x1b]0;pwned\x07\x1b[2J" in outcome.out
    assert_safe_output(outcome)


def test_a_name_of_invisible_letters_is_refused_in_a_person_file(meta: Path, capsys) -> None:
    (meta / "people/filler.yaml").write_text('name: "\u3164"\n', encoding="utf-8")
    outcome = run(capsys, "validate", "--metadata", str(meta))
    assert outcome.code == 1 and "filler.yaml:1: name: must contain at least one visible letter" in outcome.err
    assert_safe_output(outcome)


def test_keys_export_pmlr_writes_for_unpublished_papers_re_import(meta: Path, tmp_path: Path, capsys) -> None:
    papers = meta / "2030-test/papers"
    paper = yaml.safe_load((papers / "lovelace30a.yaml").read_text(encoding="utf-8"))
    paper.pop("openreview_id")
    paper.pop("links")
    for paper_id, title in (("王小明30a", "Sea Ice from Space"), ("syn00001", "Snow from Space")):
        (papers / f"{paper_id}.yaml").write_text(yaml.safe_dump(paper | {"title": title}, allow_unicode=True))
    volume = tmp_path / "volume.bib"
    args = ["--edition", EDITION, "--metadata", str(meta)]
    assert run(capsys, "export-pmlr", "--out", str(volume), *args).code == 0
    assert "@inproceedings{王小明30a," in volume.read_text(encoding="utf-8")
    outcome = run(capsys, "import-pmlr", str(volume), *args)
    assert outcome.code == 0, outcome
    assert "in the volume without pages (not filled): lovelace30a, 王小明30a, syn00001" in outcome.out
