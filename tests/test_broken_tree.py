"""The broken-input corpus, part two: trees broken in one or several places, through `proceedings validate`.

Each case lists every problem the run must report, no more: nothing under proceedings/ is ignored without a word
(a paper saved as .yml, a keynote/ folder), one mistake does not hide another (an unquoted 9:00, a bare author
name, a file that does not parse), and every message is in our words, at the file, line and field to fix.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from proceedings_site.cli import main

from .metadata_tree import assert_in_our_words, minimal_tree

PAPER = "2030-test/papers/lovelace30a.yaml"
PROGRAM = "2030-test/program.yaml"
EDITION = "2030-test/edition.yaml"
KEYNOTE = "2030-test/keynotes/grace-hopper.yaml"
PANEL = "2030-test/panels/future.yaml"
GRACE = "people/grace-hopper.yaml"

Change = Callable[[Path], None]


def replace(file: str, old: str, new: str) -> Change:
    def change(meta: Path) -> None:
        path = meta / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture drifted: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def rename(file: str, new: str) -> Change:
    return lambda meta: (meta / file).rename(meta / new)


def create(file: str, text: str) -> Change:
    def change(meta: Path) -> None:
        (meta / file).parent.mkdir(parents=True, exist_ok=True)
        (meta / file).write_text(text, encoding="utf-8")

    return change


def copy_edition(folder: str) -> Change:
    return lambda meta: shutil.copytree(meta / "2030-test", meta / folder)


@dataclass(frozen=True)
class Expect:
    """One reported problem: ``line`` is a number, or text found on the line (its first occurrence)."""

    file: str
    line: int | str
    field: str
    words: str
    hint: str = ""


@dataclass(frozen=True)
class Case:
    name: str
    changes: tuple[Change, ...]
    expected: tuple[Expect, ...]


CASES = [
    # --- nothing ignored without a word ---------------------------------------------------------------------------
    Case(
        "paper-saved-as-yml",
        (rename(PAPER, "2030-test/papers/lovelace30a.yml"),),
        (
            Expect(
                "2030-test/papers/lovelace30a.yml",
                1,
                "(file name)",
                "'lovelace30a.yml' is not read: metadata files end in .yaml",
                "rename it to lovelace30a.yaml",
            ),
        ),
    ),
    Case(
        "person-saved-as-yml",
        (rename(GRACE, "people/grace-hopper.yml"),),
        (Expect("people/grace-hopper.yml", 1, "(file name)", "is not read", "rename it to grace-hopper.yaml"),),
    ),
    Case(
        "keynote-folder-in-the-singular",
        (rename("2030-test/keynotes", "2030-test/keynote"),),
        (
            Expect("2030-test/keynote", 1, "(folder name)", "folder 'keynote/' is not read", "did you mean keynotes/?"),
        ),  # and the program's slot naming its keynote is not reported again
    ),
    Case(
        "edition-folder-without-edition-file",
        (copy_edition("2031-test"), lambda meta: (meta / "2031-test/edition.yaml").unlink()),
        (
            Expect(
                "2031-test",
                1,
                "(folder name)",
                "folder '2031-test/' has no edition.yaml, so it is not read as an edition",
                "add 2031-test/edition.yaml (`proceedings new-edition` writes one), or remove the folder",
            ),
        ),
    ),
    Case(
        "edition-file-saved-as-yml",
        (rename(EDITION, "2030-test/edition.yml"),),
        (Expect("2030-test/edition.yml", 1, "(file name)", "'edition.yml' is not read", "rename it to edition.yaml"),),
    ),
    Case(
        "program-misspelt",
        (rename(PROGRAM, "2030-test/programme.yaml"),),
        (Expect("2030-test/programme.yaml", 1, "(file name)", "is not read", "did you mean program.yaml?"),),
    ),
    Case(
        "papers-folder-outside-an-edition",
        (create("papers/x.yaml", "title: x\n"),),
        (Expect("papers", 1, "(folder name)", "is not read", "papers/ belongs inside an edition folder"),),
    ),
    Case(
        "stray-file-among-papers",
        (create("2030-test/papers/notes.txt", "to do\n"),),
        (Expect("2030-test/papers/notes.txt", 1, "(file name)", "'notes.txt' is not a metadata file and is not read"),),
    ),
    Case(
        "paper-twice-in-a-slot",
        (replace(PROGRAM, "  - paper: lovelace30a\n", "  - paper: lovelace30a\n  - paper: lovelace30a\n"),),
        (
            Expect(
                PROGRAM,
                17,
                "slots[3].papers[2].paper",
                "paper 'lovelace30a' is listed twice in this slot (first as papers[1])",
            ),
        ),
    ),
    Case(
        "author-twice-on-a-paper",
        (replace(PAPER, "- person: grace-hopper", "- person: ada-lovelace\n- person: grace-hopper"),),
        (Expect(PAPER, 4, "authors[2].person", "'ada-lovelace' is listed twice"),),
    ),
    Case(
        "person-twice-on-a-committee",
        (replace(EDITION, "- person: grace-hopper", "- person: grace-hopper\n- person: grace-hopper"),),
        (Expect(EDITION, 23, "program_committee[2].person", "'grace-hopper' is listed twice"),),
    ),
    Case(
        "panelist-twice",
        (replace(PANEL, "- person: grace-hopper", "- person: ada-lovelace"),),
        (Expect(PANEL, 4, "panelists[2].person", "'ada-lovelace' is listed twice"),),
    ),
    # --- every problem in one run ---------------------------------------------------------------------------------
    Case(
        "unquoted-time-hides-nothing",
        (
            replace(PROGRAM, "start: 09:00", "start: 9:00"),
            replace(PROGRAM, "end: '11:30'", "end: '10:15'"),
            replace(PROGRAM, "- id: spotlights", "- id: spotlights\n  date: '2030-09-19'"),
        ),
        (
            Expect(PROGRAM, "start: 9:00", "slots[1].start", '9:00 reads as a number; write "09:00"'),
            Expect(
                PROGRAM,
                "2030-09-19",
                "slots[3].date",
                "2030-09-19 is 62 days after the edition's date (2030-07-19, in edition.yaml)",
                "a program's days run from the edition's date to at most two weeks later (2030-08-02); check the date",
            ),
            Expect(PROGRAM, "end: '10:15'", "slots[4].end", "ends (10:15) before it starts (10:30)"),
        ),
    ),
    Case(
        "bare-author-name-hides-nothing",
        (
            replace(PAPER, "- person: ada-lovelace", "- Ada Lovelace"),
            replace(PAPER, "person: grace-hopper", "person: grace-hoper"),
        ),
        (
            Expect(
                PAPER,
                3,
                "authors[1]",
                "must name a person by id, as 'person: <id>' (got 'Ada Lovelace')",
                "the id is the person's file name in proceedings/people/; `proceedings new-person` adds someone new",
            ),
            Expect(PAPER, 4, "authors[2].person", "unknown person 'grace-hoper'", "did you mean 'grace-hopper'?"),
        ),
    ),
    Case(
        "a-file-that-does-not-parse-hides-nothing",
        (
            create(KEYNOTE, "speaker: [grace-hopper\ntitle: Compilers\n"),
            replace(PAPER, "person: grace-hopper", "person: grace-hoper"),
        ),
        (
            Expect(KEYNOTE, 1, "(file)", "YAML syntax error: the '[' opened on this line is not closed with ']'"),
            Expect(PAPER, "grace-hoper", "authors[2].person", "unknown person 'grace-hoper'"),
        ),
    ),
    Case(
        "a-site-file-that-does-not-parse-hides-nothing",
        (
            replace("site.yaml", "calendar_domain: terrabytes-proceedings", 'calendar_domain: "terrabytes'),
            replace(PAPER, "person: grace-hopper", "person: grace-hoper"),
        ),
        (
            Expect("site.yaml", "calendar_domain", "(file)", 'YAML syntax error: the quote " opened on this line'),
            Expect(PAPER, "grace-hoper", "authors[2].person", "unknown person 'grace-hoper'"),
        ),
    ),
    Case(
        "an-edition-file-in-error-hides-nothing",
        (
            replace(EDITION, "date: '2030-07-19'", "date: '2030-02-30'"),
            replace(PAPER, "person: grace-hopper", "person: grace-hoper"),
            replace(PROGRAM, "- paper: lovelace30a", "- paper: lovelace30b"),
        ),
        (
            Expect(EDITION, 5, "date", "2030-02-30: February has 28 days in 2030"),
            Expect(PAPER, "grace-hoper", "authors[2].person", "unknown person 'grace-hoper'"),
            Expect(PROGRAM, "lovelace30b", "slots[3].papers[1].paper", "unknown paper 'lovelace30b'"),
        ),
    ),
    Case(
        "every-field-error-of-a-file",
        (
            replace(PAPER, "title: Counting Clouds with Engines", "title: 42"),
            replace(PAPER, "track: long", "track: true"),
            replace(PAPER, "- person: grace-hopper", "- person: grace-hoper"),
            replace(PAPER, "openreview: https://", "openreview: javascript://"),
            replace(PAPER, "order: 1", "order: first"),
        ),
        (
            Expect(PAPER, 1, "title", "must be text, not the number 42", "put the value in quotes to make it text"),
            Expect(PAPER, "track: true", "track", "must be text, not true"),
            Expect(PAPER, "grace-hoper", "authors[2].person", "unknown person 'grace-hoper'"),
            Expect(PAPER, "javascript", "links.openreview", "must be an absolute http:// or https:// address"),
            Expect(PAPER, "order: first", "order", "must be a whole number (got 'first')"),
        ),
    ),
    # --- messages in our words ------------------------------------------------------------------------------------
    Case(
        "values-of-the-wrong-kind",
        (
            replace("site.yaml", "in_series: true", "in_series: maybe"),
            replace(PAPER, "keywords:\n- clouds\n- engines", "keywords: clouds"),
            replace(PAPER, "links:\n", "links: https://example.org\nlinkz:\n"),
            replace(PROGRAM, "kind: opening", "kind: talk"),
            replace(EDITION, "ordinal: V", "ordinal: 5\npmlr: {volume: 0, title: Volume}"),
            replace(GRACE, "name: Grace Hopper", "name: Grace Hopper\nvariants: Amazing Grace"),
        ),
        (
            Expect("site.yaml", "maybe", "tracks[1].in_series", "must be true or false (got 'maybe')"),
            Expect(PAPER, "keywords", "keywords", "must be a list: one '- ' line per entry, or [a, b]"),
            Expect(PAPER, "links:", "links", "must be a mapping of fields ('key: value' lines)"),
            Expect(PAPER, "linkz", "linkz", "unknown field 'linkz'; did you mean 'links'?", "rename the key"),
            Expect(PROGRAM, "talk", "slots[1].kind", "must be 'opening', 'keynote', 'spotlights', 'posters', 'panel',"),
            Expect(EDITION, "ordinal", "ordinal", "must be text, not the number 5"),
            Expect(EDITION, "pmlr", "pmlr.volume", "must be greater than 0"),
            Expect(GRACE, "variants", "variants", "must be a list"),
        ),
    ),
    Case(
        "day-that-does-not-exist",
        (replace(EDITION, "date: '2030-07-19'", "date: 2027-02-30"),),
        (Expect(EDITION, 5, "date", "2027-02-30: February has 28 days in 2027"),),
    ),
    Case(
        "leap-day-of-a-common-year",
        (replace(EDITION, "date: '2030-05-01'", "date: '2030-02-29'"),),
        (Expect(EDITION, "2030-02-29", "important_dates[1].date", "2030-02-29: February has 28 days in 2030"),),
    ),
    Case(
        "month-thirteen",
        (replace(EDITION, "date: '2030-05-01'", "date: '2030-13-01'"),),
        (Expect(EDITION, "2030-13-01", "important_dates[1].date", "2030-13-01: there is no month 13"),),
    ),
    Case(
        "date-with-a-time",
        (replace(EDITION, "date: '2030-05-01'", "date: 2030-05-01 12:00"),),
        (
            Expect(
                EDITION,
                "12:00",
                "important_dates[1].date",
                "2030-05-01 12:00 has a time of day; write the date alone: 2030-05-01",
            ),
        ),
    ),
    Case(
        "date-with-a-letter",
        (replace(EDITION, "date: '2030-05-01'", "date: 20x0-05-01"),),
        (Expect(EDITION, "20x0", "important_dates[1].date", "'20x0-05-01' is not a date written as YYYY-MM-DD"),),
    ),
    Case(
        "quoted-time-with-one-digit-hour",
        (replace(PROGRAM, "start: 09:00", "start: '9:00'"),),
        (Expect(PROGRAM, "'9:00'", "slots[1].start", '"9:00" needs a two-digit hour; write "09:00"'),),
    ),
    Case(
        "unclosed-quote",
        (
            replace(PAPER, "title: Counting Clouds with Engines", 'title: "Counting Clouds with Engines'),
            replace(PAPER, "- clouds", "- \\cite{clouds}"),
        ),
        (
            Expect(
                PAPER,
                1,
                "(file)",
                'YAML syntax error: the quote " opened on this line is never closed',
                'end the text with " on the same line (inside "…", write \\" for a quote mark)',
            ),
        ),
    ),
    Case(
        "backslash-in-double-quotes",
        (replace(PAPER, "title: Counting Clouds with Engines", 'title: "Counting C:\\Clouds"'),),
        (
            Expect(
                PAPER,
                1,
                "(file)",
                "YAML syntax error: a backslash in double-quoted text starts an escape that does not exist",
                "write \\\\ for a backslash, or put the text in single quotes ('…')",
            ),
        ),
    ),
    Case(
        "tab-in-indentation",
        (replace(PAPER, "- person: grace-hopper", "\t- person: grace-hopper"),),
        (
            Expect(
                PAPER, 4, "(file)", "YAML syntax error: a tab character in the indentation", "indent with spaces only"
            ),
        ),
    ),
    Case(
        "colon-in-an-unquoted-title",
        (replace(PAPER, "title: Counting Clouds with Engines", "title: Clouds: a survey"),),
        (Expect(PAPER, 1, "(file)", "YAML syntax error: a ': ' inside an unquoted value"),),
    ),
    Case(
        "misspelt-required-field",
        (replace(PAPER, "title:", "titel:"),),
        (
            Expect(
                PAPER,
                1,
                "titel",
                "unknown field 'titel'; did you mean 'title'?",
                "'title' is required: rename the key",
            ),
        ),
    ),
    Case(
        "slot-a-day-before-the-edition",
        (replace(PROGRAM, "- start: '10:30'", "- date: '2030-07-18'\n  start: '10:30'"),),
        (
            Expect(
                PROGRAM,
                "2030-07-18",
                "slots[4].date",
                "2030-07-18 is a day before the edition's date (2030-07-19, in edition.yaml)",
            ),
        ),
    ),
    Case(
        "slots-out-of-day-order",
        (
            replace(PROGRAM, "- id: spotlights", "- id: spotlights\n  date: '2030-07-20'"),
            replace(PROGRAM, "- start: '10:30'", "- date: '2030-07-19'\n  start: '10:30'"),
        ),
        (
            Expect(
                PROGRAM, "2030-07-19", "slots[4].date", "is on 2030-07-19, a day before the previous slot (2030-07-20)"
            ),
        ),
    ),
    Case(
        "author-list-empty",
        (
            replace(PAPER, "- person: ada-lovelace\n", ""),
            replace(PAPER, "- person: grace-hopper\n  affiliation: Navy\n", ""),
            replace(PAPER, "authors:", "authors: []"),
        ),
        (Expect(PAPER, "authors", "authors", "needs at least 1 entry"),),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_problem_is_reported_in_our_words(tmp_path: Path, capsys: pytest.CaptureFixture, case: Case) -> None:
    meta = minimal_tree(tmp_path)
    for change in case.changes:
        change(meta)

    assert main(["validate", "--metadata", str(meta)]) == 1
    report = capsys.readouterr().err
    assert_in_our_words(report)
    reported = [line for line in report.splitlines() if line.startswith("proceedings/")]
    count = len(case.expected)
    assert report.rstrip().endswith(f"{count} problem{'s' if count != 1 else ''} in the metadata."), report
    for expect in case.expected:
        prefix = f"proceedings/{expect.file}:{_line(meta, expect)}: {expect.field}: "
        matching = [index for index, line in enumerate(reported) if line.startswith(prefix)]
        assert matching, f"expected {prefix!r} in:\n{report}"
        entry = report.splitlines()[report.splitlines().index(reported[matching[0]])]
        assert expect.words in entry, entry
        if expect.hint:
            following = report.split(entry, 1)[1].splitlines()[1:2]
            assert following == [f"    hint: {expect.hint}"], report


def _line(meta: Path, expect: Expect) -> int:
    if isinstance(expect.line, int):
        return expect.line
    lines = (meta / expect.file).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, start=1) if expect.line in text)


def test_hidden_files_and_notes_are_not_metadata(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    meta = minimal_tree(tmp_path)
    (meta / "people/.gitkeep").write_text("", encoding="utf-8")
    (meta / "people/README.md").write_text("One file per person.\n", encoding="utf-8")
    (meta / "2030-test/papers/.DS_Store").write_bytes(b"\0")
    assert main(["validate", "--metadata", str(meta)]) == 0


def test_files_the_tools_keep_beside_the_metadata_are_known() -> None:
    from proceedings_site.bridges import openreview
    from proceedings_site.model import inventory

    assert openreview.STATE_FILE in inventory.EDITION_FILES
