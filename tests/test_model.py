"""Stage 2: the typed model and the checks across files; one broken case per check."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from proceedings_site.errors import MetadataError, Problem
from proceedings_site.load import ParseCache
from proceedings_site.model import load_proceedings
from proceedings_site.model.fields import LongText

from .metadata_tree import minimal_tree, write


def edit(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write(path, data)


def problems_of(meta: Path, cache_file: Path | None = None) -> list[Problem]:
    with pytest.raises(MetadataError) as caught:
        load_proceedings(meta, cache_file)
    return caught.value.problems


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first occurrence of ``needle`` in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


def test_minimal_tree_is_valid(meta: Path) -> None:
    proceedings = load_proceedings(meta)
    edition = proceedings.current
    assert edition.id == "2030-test"
    assert list(edition.papers) == ["lovelace30a"]
    assert [role.kind for role in proceedings.roles["grace-hopper"]] == ["keynote", "panelist", "author", "committee"]


def test_people_are_referenced_by_id_not_by_name(meta: Path) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    edit(paper, lambda d: d["authors"].append({"person": "grace-hoper"}))
    [problem] = problems_of(meta)
    assert problem.file.endswith("2030-test/papers/lovelace30a.yaml")
    assert (problem.line, problem.field) == (line_of(paper, "grace-hoper"), "authors[3].person")
    assert problem.message == "unknown person 'grace-hoper'"
    assert problem.hint == "did you mean 'grace-hopper'?"


def test_person_listed_twice_on_a_paper(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d["authors"].append({"person": "ada-lovelace"}))
    [problem] = problems_of(meta)
    assert problem.field == "authors[3].person" and "listed twice" in problem.message


def test_printed_name_must_be_a_known_variant(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d["authors"][0].update(name="Augusta King"))
    [problem] = problems_of(meta)
    assert problem.field == "authors[1].name"
    assert "variants" in problem.hint


def test_printed_name_variant_is_accepted(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d["authors"][0].update(name="A. Lovelace"))
    proceedings = load_proceedings(meta)
    assert proceedings.displayed_name(proceedings.current.papers["lovelace30a"].authors[0]) == "A. Lovelace"


def test_namesakes_must_be_told_apart(meta: Path) -> None:
    write(meta / "people/ada-lovelace-2.yaml", {"name": "ADA LOVELACE"})
    problems = problems_of(meta)
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {"ada-lovelace.yaml", "ada-lovelace-2.yaml"}
    assert all(p.field == "disambiguation" and "ada lovelace" in p.message for p in problems)


def test_namesakes_with_disambiguation_are_two_people(meta: Path) -> None:
    write(meta / "people/ada-lovelace-2.yaml", {"name": "Ada Lovelace", "disambiguation": "Glaciologist"})
    edit(meta / "people/ada-lovelace.yaml", lambda d: d.update(disambiguation="Mathematician"))
    assert len(load_proceedings(meta).people) == 3


def test_duplicate_paper_id_across_editions(meta: Path) -> None:
    other = meta / "2031-test"
    write(
        other / "edition.yaml",
        {**yaml.safe_load((meta / "2030-test/edition.yaml").read_text()), "date": "2031-07-19", "important_dates": []},
    )
    write(
        other / "papers/lovelace30a.yaml",
        yaml.safe_load((meta / "2030-test/papers/lovelace30a.yaml").read_text()) | {"openreview_id": "Other12345"},
    )
    [problem] = problems_of(meta)
    assert "is also used in" in problem.message


def test_duplicate_openreview_id(meta: Path) -> None:
    paper = yaml.safe_load((meta / "2030-test/papers/lovelace30a.yaml").read_text())
    write(meta / "2030-test/papers/hopper30a.yaml", paper)
    [problem] = problems_of(meta)
    assert problem.field == "openreview_id" and "also the OpenReview id" in problem.message


def test_slot_pointing_at_missing_keynote_panel_and_paper(meta: Path) -> None:
    def change(data: dict) -> None:
        data["slots"][1]["keynote"] = "grace-hoper"
        data["slots"][2]["papers"][0]["paper"] = "nobody30a"
        data["slots"][3]["panel"] = "past"

    edit(meta / "2030-test/program.yaml", change)
    fields = {p.field: p.message for p in problems_of(meta)}
    assert fields == {
        "slots[2].keynote": "unknown keynote 'grace-hoper'",
        "slots[3].papers[1].paper": "unknown paper 'nobody30a'",
        "slots[4].panel": "unknown panel 'past'",
    }


def test_keynote_slot_must_name_its_keynote(meta: Path) -> None:
    edit(meta / "2030-test/program.yaml", lambda d: d["slots"][1].pop("keynote"))
    problems = problems_of(meta)
    assert [p.field for p in problems] == ["slots[2].keynote", "slots[2].title"]


def test_slots_out_of_order_or_overlapping(meta: Path) -> None:
    program = meta / "2030-test/program.yaml"
    edit(program, lambda d: d["slots"][2].update(start="09:40"))
    [problem] = problems_of(meta)
    assert problem.field == "slots[3].start"
    assert problem.line == line_of(program, "09:40")
    assert "before the previous slot ends (09:50)" in problem.message


def test_slot_ending_before_it_starts(meta: Path) -> None:
    edit(meta / "2030-test/program.yaml", lambda d: d["slots"][3].update(end="10:00"))
    [problem] = problems_of(meta)
    assert problem.field == "slots[4].end" and "before it starts" in problem.message


@pytest.mark.parametrize("value", ["25:00", "noon", "12:60", "9:0"])
def test_times_outside_the_day(meta: Path, value: str) -> None:
    edit(meta / "2030-test/program.yaml", lambda d: d["slots"][3].update(end=value))
    [problem] = problems_of(meta)
    assert problem.field == "slots[4].end" and "HH:MM" in problem.message


def test_a_one_digit_hour_says_what_to_write(meta: Path) -> None:
    edit(meta / "2030-test/program.yaml", lambda d: d["slots"][3].update(end="9:00"))  # quoted by the YAML writer
    [problem] = problems_of(meta)
    assert (problem.field, problem.message) == ("slots[4].end", '"9:00" needs a two-digit hour; write "09:00"')


def test_unquoted_time_is_still_a_time(meta: Path) -> None:
    program = meta / "2030-test/program.yaml"
    program.write_text(program.read_text().replace("'10:30'", "10:30"))
    assert load_proceedings(meta).current.slots[3].start == "10:30"


def test_talk_outside_its_slot(meta: Path) -> None:
    edit(meta / "2030-test/program.yaml", lambda d: d["slots"][2]["papers"][0].update(start="11:00", end="11:10"))
    [problem] = problems_of(meta)
    assert problem.field == "slots[3].papers[1].start" and "not within the slot" in problem.message


def test_dates_inconsistent_with_the_edition(meta: Path) -> None:
    edition = meta / "2030-test/edition.yaml"
    edit(edition, lambda d: d["important_dates"].__setitem__(0, {"label": "Submission deadline", "date": "2031-09-01"}))
    [problem] = problems_of(meta)
    assert (problem.field, problem.line) == ("important_dates[1].date", line_of(edition, "2031-09-01"))
    assert "more than a year from the workshop" in problem.message


def test_camera_ready_after_the_workshop_is_accepted(meta: Path) -> None:
    edition = meta / "2030-test/edition.yaml"
    edit(edition, lambda d: d["important_dates"].append({"label": "Camera-ready deadline", "date": "2030-09-15"}))
    dates = load_proceedings(meta).current.info.important_dates
    assert [item.label for item in dates][-1] == "Camera-ready deadline"


def test_malformed_date(meta: Path) -> None:
    edit(meta / "2030-test/edition.yaml", lambda d: d.update(date="19/07/2030"))
    [problem] = problems_of(meta)
    assert (problem.field, problem.message) == ("date", "'19/07/2030' is not a date written as YYYY-MM-DD")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "/relative/path", "https://a b.org"])
def test_urls_must_be_http(meta: Path, url: str) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d["links"].update(code=url))
    [problem] = problems_of(meta)
    assert problem.field == "links.code"


def test_unknown_field_suggests_the_right_one(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d.update(keywrods=["x"]))
    [problem] = problems_of(meta)
    assert (problem.field, problem.message, problem.hint) == (
        "keywrods",
        "unknown field 'keywrods'; did you mean 'keywords'?",
        "rename the key",
    )


def test_wrong_type_names_the_field(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d.update(title=42))
    [problem] = problems_of(meta)
    assert problem.field == "title" and problem.hint == "put the value in quotes to make it text"


def test_bad_orcid_checksum(meta: Path) -> None:
    edit(meta / "people/grace-hopper.yaml", lambda d: d.update(orcid="0000-0002-1825-0098"))
    [problem] = problems_of(meta)
    assert problem.field == "orcid" and "check digit" in problem.message


def test_unknown_timezone(meta: Path) -> None:
    edit(meta / "2030-test/edition.yaml", lambda d: d.update(timezone="Europe/Malmo"))
    [problem] = problems_of(meta)
    assert problem.field == "timezone"


def test_bad_file_name_is_an_id_problem(meta: Path) -> None:
    (meta / "people/grace-hopper.yaml").rename(meta / "people/Grace_Hopper.yaml")
    problems = problems_of(meta)
    assert any(p.field == "(file name)" and p.file.endswith("Grace_Hopper.yaml") for p in problems)


def test_every_problem_is_reported_at_once(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d.update(track="medium"))
    edit(meta / "people/grace-hopper.yaml", lambda d: d.update(homepage="not a url"))
    (meta / "2030-test/keynotes/grace-hopper.yaml").write_text("speaker: [unclosed\n")
    problems = problems_of(meta)
    assert len(problems) >= 3
    assert {p.file.rsplit("/", 1)[-1] for p in problems} >= {"lovelace30a.yaml", "grace-hopper.yaml"}


def test_problem_text_is_file_line_field_message() -> None:
    problem = Problem("proceedings/x.yaml", 7, "authors[2].person", "unknown person 'y'", "did you mean 'z'?")
    assert str(problem) == "proceedings/x.yaml:7: authors[2].person: unknown person 'y'\n    hint: did you mean 'z'?"


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Safe\u202etxt.exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("Isolated\u2066text\u2069", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("Zero\u200bwidth", "U+200B (ZERO WIDTH SPACE)"),
        ("Null\x00byte", "U+0000 (unnamed)"),  # control characters have no Unicode name
        ("Bell\x07", "U+0007 (unnamed)"),
        ("Line\nbreak", "U+000A"),
        ("Tab\tstop", "U+0009"),
        ("Delete\x7f", "U+007F"),
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("x" * 301, "is longer than 300 characters"),
    ],
    ids=["rlo", "isolate", "zero-width", "nul", "control", "newline", "tab", "delete", "empty", "blank", "too-long"],
)
def test_disguising_empty_or_huge_text_is_refused(meta: Path, title: str, words: str) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    edit(paper, lambda d: d.update(title=title))
    [problem] = problems_of(meta)
    assert (problem.field, problem.line) == ("title", 1)
    assert words in problem.message


def test_zero_width_joiner_is_kept_for_scripts_and_emoji(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d.update(title="👩\u200d🔬 and क्\u200dष"))
    assert load_proceedings(meta).current.papers["lovelace30a"].title == "👩\u200d🔬 and क्\u200dष"


def test_abstract_keeps_line_breaks_but_not_control_characters(meta: Path) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    edit(paper, lambda d: d.update(abstract="First paragraph.\n\nSecond paragraph."))
    assert load_proceedings(meta).current.papers["lovelace30a"].abstract == "First paragraph.\n\nSecond paragraph."
    edit(paper, lambda d: d.update(abstract="Escape \x1b[31m sequence."))
    [problem] = problems_of(meta)
    assert problem.field == "abstract" and "U+001B" in problem.message


def test_an_abstract_with_letters_outside_ascii_keeps_its_line_breaks() -> None:
    abstract = "Première partie.\n\nSeconde partie, déjà."
    assert TypeAdapter(LongText).validate_python(abstract) == abstract


def test_an_invisible_character_after_a_line_break_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"):
        TypeAdapter(LongText).validate_python("Première partie.\nSeconde\u202e partie.")


def test_huge_abstract_is_refused(meta: Path) -> None:
    edit(meta / "2030-test/papers/lovelace30a.yaml", lambda d: d.update(abstract="word " * 2500))
    [problem] = problems_of(meta)
    assert problem.field == "abstract" and "10000 characters" in problem.message


def test_huge_file_is_refused_before_parsing(meta: Path) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text() + "#" + "x" * 1_000_001 + "\n")
    [problem] = problems_of(meta)
    assert problem.file.endswith("lovelace30a.yaml") and "larger than" in problem.message


def test_names_are_stored_in_nfc(meta: Path) -> None:
    edit(meta / "people/grace-hopper.yaml", lambda d: d.update(name="Ste\u0301phane"))  # e + combining acute
    assert load_proceedings(meta).people["grace-hopper"].name == "St\u00e9phane"


def test_parse_cache_skips_unchanged_files_and_still_reports_every_problem(
    meta: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from proceedings_site import load

    cache = tmp_path / "cache" / "metadata.pickle"
    first = load_proceedings(meta, cache_file=cache)
    assert cache.is_file()
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    edit(paper, lambda d: d["authors"].append({"person": "nobody"}))
    parsed: list[str] = []
    real_build = load._Builder.build

    def counting_build(self: load._Builder, node: yaml.Node, path: tuple) -> object:
        if not path:
            parsed.append(self.doc.display)
        return real_build(self, node, path)

    monkeypatch.setattr(load._Builder, "build", counting_build)
    [problem] = problems_of(meta, cache)
    assert parsed == [problem.file] and problem.file.endswith("lovelace30a.yaml")  # only the changed file
    assert (problem.field, problem.line) == ("authors[3].person", line_of(paper, "nobody"))
    [again] = problems_of(meta, cache)  # a cached file's problems are found again
    assert again == problem and len(parsed) == 1
    edit(paper, lambda d: d["authors"].pop())
    second = load_proceedings(meta, cache_file=cache)
    assert second.current.papers["lovelace30a"] == first.current.papers["lovelace30a"]


def test_parse_cache_reads_only_files_whose_stat_changed_and_parses_only_those_whose_content_did(
    meta: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from proceedings_site import load

    cache = tmp_path / "metadata.pickle"
    first = load_proceedings(meta, cache_file=cache)
    read: list[str] = []
    parsed: list[str] = []
    real_read, real_compose = Path.read_bytes, yaml.compose
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or real_read(path))

    def metadata_read() -> list[str]:  # the cache file itself is read, and read again to be compared when saved
        return sorted(name for name in read if name.endswith(".yaml"))

    monkeypatch.setattr(load.yaml, "compose", lambda text, Loader: parsed.append(text) or real_compose(text, Loader))
    assert load_proceedings(meta, cache_file=cache) == first
    assert metadata_read() == [] and parsed == []  # nothing changed: no metadata file is even opened
    touched, changed = meta / "people/grace-hopper.yaml", meta / "2030-test/papers/lovelace30a.yaml"
    os.utime(touched)  # the same content, a new modification time: read, compared, not parsed
    edit(changed, lambda d: d.update(title="A title changed"))
    read.clear()
    again = load_proceedings(meta, cache_file=cache)
    assert metadata_read() == ["grace-hopper.yaml", "lovelace30a.yaml"] and len(parsed) == 1
    assert again.current.papers["lovelace30a"].title == "A title changed"
    read.clear()
    load_proceedings(meta, cache_file=cache)
    assert metadata_read() == []  # the touched file's new time was recorded


def test_a_broken_parse_cache_is_ignored(meta: Path, tmp_path: Path) -> None:
    cache = tmp_path / "metadata.pickle"
    cache.write_bytes(b"not a pickle")
    first = load_proceedings(meta, cache_file=cache)
    assert first.current.papers
    stored_format, entries = pickle.loads(cache.read_bytes())  # replaced by a good one, holding every file read
    assert stored_format == ParseCache.FORMAT and set(entries) == {str(path) for path in meta.rglob("*.yaml")}
    assert ParseCache(cache).get(meta / "site.yaml", (meta / "site.yaml").read_bytes()) is not None
    assert load_proceedings(meta, cache_file=cache) == first


def test_the_model_s_repr_is_a_short_summary(workshop) -> None:
    """Sphinx writes the repr of each event's arguments to its debug log, and one event carries the model: its
    full repr (every person and paper) cost a third of a second at 3,000 papers."""
    shown = repr(workshop)
    assert len(shown) < 300
    assert all(f"{edition.id}: {len(edition.papers)} papers" in shown for edition in workshop.editions)
    assert f"{len(workshop.people)} people" in shown
