"""new-person, new-keynote and new-slot: files with every field explained, checked before anything is written,
valid as written, and namesakes never merged silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site.authoring.schema import HEADER_PREFIX
from proceedings_site.cli import main
from proceedings_site.model import load_proceedings

from .metadata_tree import assert_in_our_words, minimal_tree


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


def run(meta: Path, command: str, *args: str) -> int:
    return main([command, "--metadata", str(meta), *args])


def refused(meta: Path, capsys: pytest.CaptureFixture, command: str, *args: str) -> str:
    """Run a command that must be refused: exit code 2, nothing written; return what it said."""
    before = snapshot(meta)
    assert run(meta, command, *args) == 2
    error = capsys.readouterr().err
    assert_in_our_words(error)
    assert error.startswith(f"{command}: ") and error.rstrip().endswith("Nothing was written."), error
    assert snapshot(meta) == before
    return error


# --- new-person ---------------------------------------------------------------------------------------------------


def test_new_person_writes_every_field_explained(meta: Path, capsys) -> None:
    args = ("--name", "Katherine  Johnson", "--affiliation", "NASA", "--orcid", "0000-0002-1825-0097")
    assert run(meta, "new-person", *args) == 0
    path = meta / "people/katherine-johnson.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"{HEADER_PREFIX}../../schemas/person.schema.json\n")
    assert 'name: "Katherine Johnson"  # as the person writes it' in text
    assert 'affiliations: ["NASA"]  # current affiliations, most recent first' in text
    for commented in ("# variants:", "# disambiguation:", "# homepage:", "# openreview:"):
        assert commented in text
    person = load_proceedings(meta).people["katherine-johnson"]
    assert (person.name, person.affiliations, person.orcid) == ("Katherine Johnson", ["NASA"], "0000-0002-1825-0097")
    assert "created proceedings/people/katherine-johnson.yaml" in capsys.readouterr().out


def test_new_person_never_merges_a_namesake_silently(meta: Path, capsys) -> None:
    error = refused(meta, capsys, "new-person", "--name", "ADA LOVELACE")
    assert "'ADA LOVELACE' matches people already in the registry:" in error
    assert "ada-lovelace (Ada Lovelace; Analytical Engines Ltd)" in error
    assert "--disambiguation" in error


def test_a_namesake_told_apart_is_a_new_person(meta: Path, capsys) -> None:
    assert run(meta, "new-person", "--name", "Ada Lovelace", "--disambiguation", "Glaciologist") == 0
    out = capsys.readouterr().out
    assert "created proceedings/people/ada-lovelace-2.yaml" in out
    assert "Next: add a 'disambiguation' to people/ada-lovelace.yaml too" in out
    assert 'disambiguation: "Glaciologist"' in (meta / "people/ada-lovelace-2.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--name", "Ada X", "--orcid", "0000-0002-1825-0098"), "--orcid has a wrong check digit (expected 7"),
        (("--name", "Ada X", "--homepage", "ftp://example.org"), "--homepage must be an absolute http:// or https://"),
        (("--name", "Ada X", "--id", "Ada_X"), "--id 'Ada_X' must be lowercase letters and digits"),
        (("--name", "Ada X", "--id", "grace-hopper"), "--id: there is already a person 'grace-hopper'"),
        (
            (
                "--name",
                "   ",
            ),
            "--name must not be empty",
        ),
    ],
    ids=["orcid", "homepage", "id", "taken-id", "empty-name"],
)
def test_new_person_refuses_a_value_that_is_not_valid(meta: Path, capsys, args: tuple[str, ...], words: str) -> None:
    assert words in refused(meta, capsys, "new-person", *args)


# --- new-slot -----------------------------------------------------------------------------------------------------


def test_new_slot_is_inserted_at_its_time_and_keeps_the_file_as_written(meta: Path, capsys) -> None:
    program = meta / "2030-test/program.yaml"
    program.write_text("# The day's timetable\n" + program.read_text(encoding="utf-8"), encoding="utf-8")
    before = program.read_text(encoding="utf-8")
    assert (
        run(
            meta,
            "new-slot",
            "--edition",
            "2030-test",
            "--start",
            "11:30",
            "--end",
            "12:30",
            "--kind",
            "lunch",
            "--title",
            "Lunch",
        )
        == 0
    )
    assert "added slot 5 to proceedings/2030-test/program.yaml" in capsys.readouterr().out
    after = program.read_text(encoding="utf-8")
    assert after.startswith(before)  # appended: nothing above was rewritten
    assert "  kind: lunch  # opening | keynote | spotlights" in after
    slots = load_proceedings(meta).current.slots
    assert [(slot.start, slot.kind.value) for slot in slots][-1] == ("11:30", "lunch")


def test_new_slot_between_two_slots(meta: Path) -> None:
    program = meta / "2030-test/program.yaml"
    text = program.read_text(encoding="utf-8").replace("end: '11:30'", "end: '11:00'")
    text += "- start: '12:00'\n  end: '12:30'\n  kind: closing\n  title: Closing\n"
    program.write_text(text, encoding="utf-8")
    assert (
        run(
            meta,
            "new-slot",
            "--edition",
            "2030-test",
            "--start",
            "11:00",
            "--end",
            "12:00",
            "--kind",
            "posters",
            "--title",
            "Posters",
            "--paper",
            "lovelace30a",
        )
        == 0
    )
    slots = load_proceedings(meta).current.slots
    assert [slot.start for slot in slots] == ["09:00", "09:10", "09:50", "10:30", "11:00", "12:00"]
    assert [entry.paper for entry in slots[4].papers] == ["lovelace30a"]


def test_new_slot_in_a_new_edition(meta: Path, capsys) -> None:
    assert (
        main(
            [
                "new-edition",
                "--metadata",
                str(meta),
                "--id",
                "2031-test",
                "--title",
                "TerraBytes 2031",
                "--date",
                "2031-06-20",
                "--timezone",
                "Europe/Oslo",
                "--city",
                "Tromsø, Norway",
            ]
        )
        == 0
    )
    assert (
        run(
            meta,
            "new-slot",
            "--edition",
            "2031-test",
            "--start",
            "09:00",
            "--end",
            "09:15",
            "--kind",
            "opening",
            "--title",
            "Welcome",
        )
        == 0
    )
    assert (
        run(
            meta,
            "new-slot",
            "--edition",
            "2031-test",
            "--date",
            "2031-06-21",
            "--start",
            "09:00",
            "--end",
            "09:15",
            "--kind",
            "opening",
            "--title",
            "Second day",
        )
        == 0
    )
    edition = load_proceedings(meta).edition("2031-test")
    assert [(slot.title, edition.slot_date(slot).isoformat()) for slot in edition.slots] == [
        ("Welcome", "2031-06-20"),
        ("Second day", "2031-06-21"),
    ]
    assert "# The timetable" in (meta / "2031-test/program.yaml").read_text(encoding="utf-8")  # comments kept


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("--start", "09:30", "--end", "10:00", "--kind", "break", "--title", "Coffee"),
            "09:30–10:00 overlaps slot 2 of the program, Keynote: Compilers for Earth (09:10–09:50)",
        ),
        (
            ("--start", "12:00", "--end", "11:00", "--kind", "break", "--title", "Coffee"),
            "--end 11:00 is not after --start 12:00",
        ),
        (("--start", "9:00", "--end", "10:00", "--kind", "break"), '--start "9:00" needs a two-digit hour'),
        (
            ("--start", "12:00", "--end", "13:00", "--kind", "lunch", "--date", "2030-07-18", "--title", "L"),
            "2030-07-18 is a day before the edition's date (2030-07-19, in edition.yaml)",
        ),
        (
            ("--start", "12:00", "--end", "13:00", "--kind", "lunch", "--date", "2030-02-30"),
            "--date 2030-02-30: February has 28 days in 2030",
        ),
        (
            ("--start", "12:00", "--end", "13:00", "--kind", "posters", "--title", "P", "--paper", "lovelace30b"),
            "unknown paper 'lovelace30b'",
        ),
        (("--start", "12:00", "--end", "13:00", "--kind", "keynote"), "--kind keynote needs --keynote"),
        (("--start", "12:00", "--end", "13:00", "--kind", "keynote", "--keynote", "ada"), "unknown keynote 'ada'"),
        (
            ("--start", "12:00", "--end", "13:00", "--kind", "break", "--title", "A", "--id", "spotlights"),
            "slot id 'spotlights' is used twice",
        ),
    ],
    ids=[
        "overlap",
        "end-first",
        "one-digit-hour",
        "day-before",
        "no-such-day",
        "unknown-paper",
        "keynote-without-id",
        "unknown-keynote",
        "slot-id-taken",
    ],
)
def test_new_slot_refuses_what_the_program_would_not_accept(meta: Path, capsys, args, words: str) -> None:
    assert words in refused(meta, capsys, "new-slot", "--edition", "2030-test", *args)


def test_new_slot_in_an_unknown_edition(meta: Path, capsys) -> None:
    error = refused(
        meta, capsys, "new-slot", "--edition", "2031-test", "--start", "09:00", "--end", "10:00", "--kind", "break"
    )
    assert "unknown edition '2031-test' (editions: 2030-test)" in error


# --- new-keynote --------------------------------------------------------------------------------------------------


def test_new_keynote_with_a_new_speaker_and_its_slot(meta: Path, capsys) -> None:
    args = (
        "--edition",
        "2030-test",
        "--speaker",
        "Katherine Johnson",
        "--title",
        "Orbits: of Earth",
        "--affiliation",
        "NASA",
        "--start",
        "11:30",
        "--end",
        "12:10",
    )
    assert run(meta, "new-keynote", *args) == 0
    out = capsys.readouterr().out
    assert "created proceedings/people/katherine-johnson.yaml for Katherine Johnson" in out
    assert "created proceedings/2030-test/keynotes/katherine-johnson.yaml" in out
    assert "added slot 5 to proceedings/2030-test/program.yaml" in out
    text = (meta / "2030-test/keynotes/katherine-johnson.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"{HEADER_PREFIX}../../../schemas/keynote.schema.json\n")
    assert "speaker: katherine-johnson  # a file in proceedings/people/" in text
    assert "# abstract: |" in text and "# video:" in text and "# slides:" in text
    proceedings = load_proceedings(meta)
    edition = proceedings.current
    assert edition.keynotes["katherine-johnson"].title == "Orbits: of Earth"
    assert edition.slot_for_keynote("katherine-johnson").start == "11:30"
    assert [role.kind for role in proceedings.roles["katherine-johnson"]] == ["keynote"]


def test_new_keynote_by_an_existing_person_id_without_a_slot(meta: Path, capsys) -> None:
    args = ("--edition", "2030-test", "--speaker", "grace-hopper", "--title", "Second talk")
    assert run(meta, "new-keynote", *args) == 0
    out = capsys.readouterr().out
    assert "created proceedings/2030-test/keynotes/grace-hopper-2.yaml" in out  # the first keeps its id
    assert "new-slot --kind keynote --keynote grace-hopper-2" in out
    assert load_proceedings(meta).current.keynotes["grace-hopper-2"].speaker == "grace-hopper"


def test_new_keynote_never_merges_a_namesake_silently(meta: Path, capsys) -> None:
    error = refused(meta, capsys, "new-keynote", "--edition", "2030-test", "--speaker", "GRACE HOPPER", "--title", "T")
    assert "'GRACE HOPPER' matches people already in the registry:" in error
    assert '--speaker "GRACE HOPPER=<person-id>"' in error


def test_new_keynote_whose_slot_overlaps_writes_nothing(meta: Path, capsys) -> None:
    args = (
        "--edition",
        "2030-test",
        "--speaker",
        "Katherine Johnson",
        "--title",
        "T",
        "--start",
        "09:00",
        "--end",
        "09:30",
    )
    assert "overlaps slot 1 of the program, Opening remarks (09:00–09:10)" in refused(
        meta, capsys, "new-keynote", *args
    )


def test_commands_refuse_to_run_on_broken_metadata(meta: Path, capsys) -> None:
    (meta / "2030-test/papers/lovelace30a.yaml").write_text("title: [\n", encoding="utf-8")
    assert run(meta, "new-person", "--name", "Katherine Johnson") == 1
    error = capsys.readouterr().err
    assert "Fix the problems above first; nothing was written." in error
    assert not (meta / "people/katherine-johnson.yaml").exists()
