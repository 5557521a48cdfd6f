"""Stage 1: YAML with source positions, and what the loader refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site.load import LoadError, dotted, load_yaml


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path, "file.yaml")


def test_values_remember_their_lines(tmp_path: Path) -> None:
    doc = load_text(tmp_path, "title: A\nauthors:\n  - person: a\n  - person: b\n")
    assert doc.data == {"title": "A", "authors": [{"person": "a"}, {"person": "b"}]}
    assert doc.line_of(("authors", 1, "person")) == 4
    assert doc.line_of(("authors", 1, "missing")) == 4  # nearest located parent


def test_scalars_follow_yaml_1_2(tmp_path: Path) -> None:
    doc = load_text(tmp_path, "time: 10:40\ncountry: NO\nflag: true\nn: 3\nx: 1.5\nday: 2025-07-19\nnothing:\n")
    assert doc.data == {
        "time": "10:40",
        "country": "NO",
        "flag": True,
        "n": 3,
        "x": 1.5,
        "day": "2025-07-19",
        "nothing": None,
    }


def test_quoted_numbers_stay_text(tmp_path: Path) -> None:
    assert load_text(tmp_path, "a: '3'\nb: !!str 4\n").data == {"a": "3", "b": "4"}


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a", "duplicate key (first given on line 1)"),
        ("a: !!python/object/apply:os.system ['true']\n", 1, "a", "YAML tag"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "other", "merge keys"),
        ("a: [1, 2\nb: 3\n", 1, "", "YAML syntax error: the '[' opened on this line is not closed"),
        ("a:\n  - b\n c: d\n", 3, "", "YAML syntax error"),
    ],
)
def test_refused_documents_are_located(tmp_path: Path, text: str, line: int, field: str, words: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(tmp_path, text)
    problem = caught.value.problem
    assert (problem.file, problem.line, problem.field) == ("file.yaml", line, field)
    assert words in problem.message


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    with pytest.raises(LoadError, match="expands to more than"):
        load_text(tmp_path, "\n".join(levels) + "\n")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_bytes(b"a: ok\nb: \xff\n")
    with pytest.raises(LoadError) as caught:
        load_yaml(path, "file.yaml")
    assert caught.value.problem.line == 2
    assert "UTF-8" in caught.value.problem.message


def test_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    assert load_text(tmp_path, "# only a comment\n").data == {}


def test_dotted_paths_are_one_based() -> None:
    assert dotted(("authors", 2, "person")) == "authors[3].person"
    assert dotted(()) == ""
