"""Broken metadata through `proceedings validate`: each case names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site.cli import main

from .metadata_tree import assert_in_our_words, minimal_tree

PAPER = "2030-test/papers/lovelace30a.yaml"
PROGRAM = "2030-test/program.yaml"
EDITION = "2030-test/edition.yaml"
GRACE = "people/grace-hopper.yaml"

# (id, file, old text, new text, field, words in the message); the line is where the new text lands.
CASES = [
    (
        "wrong-type",
        PAPER,
        "title: Counting Clouds with Engines",
        "title: 42",
        "title",
        "must be text, not the number 42",
    ),
    (
        "unknown-person",
        PAPER,
        "- person: grace-hopper",
        "- person: grace-hoper",
        "authors[2].person",
        "unknown person 'grace-hoper'",
    ),
    ("duplicate-key", PAPER, "track: long", "track: long\ntrack: short", "track", "duplicate key"),
    ("yaml-tag", PAPER, "track: long", "track: !!python/name:os.system long", "track", "YAML tag"),
    ("unknown-track", PAPER, "track: long", "track: medium", "track", "unknown track 'medium'"),
    (
        "misspelled-field",
        PAPER,
        "keywords:",
        "keywrods:",
        "keywrods",
        "unknown field 'keywrods'; did you mean 'keywords'?",
    ),
    ("missing-field", PAPER, "title: Counting Clouds with Engines\n", "", "title", "required field is missing"),
    ("bad-url", PAPER, "openreview: https://", "openreview: javascript://", "links.openreview", "http"),
    (
        "bidi-control",
        PAPER,
        "title: Counting Clouds with Engines",
        'title: "Counting \\u202eClouds with Engines"',
        "title",
        "U+202E",
    ),
    ("bad-orcid", GRACE, "orcid: 0000-0002-1825-0097", "orcid: 0000-0002-1825-0098", "orcid", "check digit"),
    ("overlapping-slots", PROGRAM, "start: 09:50", "start: 09:45", "slots[3].start", "before the previous slot ends"),
    ("end-before-start", PROGRAM, "end: '11:30'", "end: '10:15'", "slots[4].end", "before it starts"),
    ("time-outside-day", PROGRAM, "end: '11:30'", "end: '25:30'", "slots[4].end", "HH:MM"),
    (
        "unknown-keynote",
        PROGRAM,
        "keynote: grace-hopper",
        "keynote: grace-hoper",
        "slots[2].keynote",
        "unknown keynote 'grace-hoper'",
    ),
    (
        "bad-timezone",
        EDITION,
        "timezone: America/Vancouver",
        "timezone: Pacific/Vancouver",
        "timezone",
        "IANA time zone",
    ),
    (
        "date-mistyped-year",
        EDITION,
        "date: '2030-05-01'",
        "date: '2032-05-01'",
        "important_dates[1].date",
        "more than a year from the workshop",
    ),
    (
        "bad-email",
        EDITION,
        "email: ada@example.org",
        "email: ada(at)example.org",
        "contacts[1].email",
        "must be an email address",
    ),
    (
        "unknown-status",
        EDITION,
        "status: held",
        "status: cancelled",
        "status",
        "must be 'announced' or 'held' (got 'cancelled')",
    ),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "field", "words"), CASES, ids=[case[0] for case in CASES])
def test_validate_locates_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture, name: str, file: str, old: str, new: str, field: str, words: str
) -> None:
    meta = minimal_tree(tmp_path)
    path = meta / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {file}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    marker = (new or old).splitlines()[-1] if new else text.split("\n", 1)[0]
    line = next((n for n, content in enumerate(text.splitlines(), start=1) if marker and marker in content), 1)

    assert main(["validate", "--metadata", str(meta)]) == 1
    error = capsys.readouterr().err
    assert_in_our_words(error)
    located = [entry for entry in error.splitlines() if entry.startswith(f"proceedings/{file}:")]
    assert located, error
    prefix = f"proceedings/{file}:{line}: {field or '(file)'}: "
    matching = [entry for entry in located if entry.startswith(prefix)]
    assert matching, f"expected {prefix!r} in:\n{error}"
    assert words in matching[0], matching[0]


def test_yaml_syntax_error_names_where_the_bracket_opened(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    meta = minimal_tree(tmp_path)
    path = meta / PAPER
    lines = path.read_text(encoding="utf-8").splitlines()
    opened = lines.index("track: long") + 1
    path.write_text("\n".join(lines).replace("track: long", "track: [long") + "\n", encoding="utf-8")
    assert main(["validate", "--metadata", str(meta)]) == 1
    error = capsys.readouterr().err
    assert (
        f"proceedings/{PAPER}:{opened}: (file): YAML syntax error: the '[' opened on this line is not closed" in error
    )
    assert_in_our_words(error)
