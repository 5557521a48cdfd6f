"""Another workshop starts its own site with the engine, without touching code."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from proceedings_site.cli import main

SRC = Path(__file__).resolve().parents[1] / "src" / "proceedings_site"
NAME = "Workshop on Sea Ice Sensing"


@contextmanager
def inside(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def test_a_new_workshop_site_from_init_to_papers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The sequence the issue gives, command by command, inside the new site's folder."""
    site = tmp_path / "sea-ice"
    assert main(["init", str(site), "--name", NAME]) == 0
    with inside(site):
        assert main(["build"]) == 0, capsys.readouterr().err
        edition = [
            "new-edition",
            "--id",
            "2027-demo",
            "--title",
            "Sea Ice Sensing 2027",
            "--date",
            "2027-06-14",
            "--timezone",
            "Europe/Oslo",
            "--city",
            "Tromsø, Norway",
        ]
        assert main(edition) == 0, capsys.readouterr().err
        paper = ["new-paper", "--edition", "2027-demo", "--title", "Melt Ponds Seen from Orbit"]
        assert main([*paper, "--author", "Ingrid Sæther", "--author", "Kalle Nieminen"]) == 0
        assert main(["build"]) == 0, capsys.readouterr().err
    html = site / "docs/_build/html"
    paper_file = next((site / "proceedings/2027-demo/papers").glob("*.yaml"))
    assert yaml.safe_load(paper_file.read_text(encoding="utf-8"))["track"] == "paper"  # the first configured
    paper_page = (html / "2027-demo/papers" / f"{paper_file.stem}.html").read_text(encoding="utf-8")
    assert "Melt Ponds Seen from Orbit" in paper_page
    for person in ("ingrid-saether", "kalle-nieminen"):
        assert (html / f"people/{person}.html").is_file()
    assert "Tromsø, Norway" in (html / "2027-demo/index.html").read_text(encoding="utf-8")
    mentions = [
        path.relative_to(site)
        for path in site.rglob("*")
        if path.is_file() and ".nox" not in path.parts and b"terrabytes" in path.read_bytes().lower()
    ]
    assert mentions == []


def test_init_writes_a_site_repository(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", 'Workshop "Ice": Sensing', "--engine", "proceedings-site==9.9"]) == 0
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    expected = {
        "docs/conf.py",
        "docs/about.md",
        "docs/.gitignore",
        "proceedings/site.yaml",
        "noxfile.py",
        "requirements.txt",
        ".gitignore",
        "README.md",
        ".github/workflows/pull-request.yml",
        ".github/workflows/pages.yml",
        "schemas/site.schema.json",
    }
    assert expected <= files
    unfilled = re.compile(r"\$(?!schema\b)\w+")  # a template field left as it was ($schema is the YAML header's)
    templated = [name for name in files if not name.startswith("schemas/")]  # JSON Schemas have $ref, $defs
    assert not [name for name in templated if unfilled.search((site / name).read_text(encoding="utf-8"))]
    # A name with quotes and a colon stays a string in YAML and Python.
    assert (
        yaml.safe_load((site / "proceedings/site.yaml").read_text(encoding="utf-8"))["name"]
        == 'Workshop "Ice": Sensing'
    )
    conf = ast.parse((site / "docs/conf.py").read_text(encoding="utf-8"))
    values = {
        node.targets[0].id: node.value.value
        for node in conf.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    }
    assert values["project"] == 'Workshop "Ice": Sensing proceedings'
    assert "proceedings-site==9.9" in (site / "requirements.txt").read_text(encoding="utf-8")
    noxfile = ast.parse((site / "noxfile.py").read_text(encoding="utf-8"))
    sessions = {node.name for node in noxfile.body if isinstance(node, ast.FunctionDef)}
    assert {"docs", "tests"} <= sessions
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "python3 -m pip install nox && python3 -m nox -s docs" in readme
    assert "python3 -m pip install nox && python3 -m nox -s tests" in readme
    for workflow in (site / ".github/workflows").iterdir():
        document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert document["permissions"] == {}
        assert "pull_request_target" not in document[True]  # PyYAML reads the key `on` as True


def test_init_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path), "--name", NAME]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["keep.txt"]


def test_init_refuses_an_empty_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "site"), "--name", "  "]) == 2
    assert "--name" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_init_writes_the_address_into_site_yaml(tmp_path: Path) -> None:
    from proceedings_site.model import load_proceedings

    assert main(["init", str(tmp_path / "with"), "--name", NAME, "--url", "https://ice.example.org/archive/"]) == 0
    assert load_proceedings(tmp_path / "with" / "proceedings").site.url == "https://ice.example.org/archive/"
    assert "html_baseurl" not in (tmp_path / "with" / "docs" / "conf.py").read_text().replace("html_baseurl here", "")

    assert main(["init", str(tmp_path / "without"), "--name", NAME]) == 0
    site_yaml = (tmp_path / "without" / "proceedings" / "site.yaml").read_text()
    assert "# url: https://example.org/proceedings/" in site_yaml  # shown where to set it, set to nothing
    assert load_proceedings(tmp_path / "without" / "proceedings").site.url is None


def test_init_refuses_an_address_that_is_not_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "site"), "--name", NAME, "--url", "ice.example.org"]) == 2
    assert "--url must be an absolute http:// or https:// address" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--id", "2027 Demo", "--id '2027 Demo' must be lowercase"),
        ("--date", "2027-13-01", "--date"),
        ("--timezone", "Mars/Olympus", "--timezone must be an IANA time zone"),
        ("--title", "", "--title"),
    ],
)
def test_new_edition_refuses_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", NAME]) == 0
    arguments = {
        "--id": "2027-demo",
        "--title": "Demo 2027",
        "--date": "2027-06-14",
        "--timezone": "Europe/Oslo",
        "--city": "Oslo",
        option: value,
    }
    metadata = ["--metadata", str(site / "proceedings")]
    assert main(["new-edition", *metadata, *[item for pair in arguments.items() for item in pair]]) == 2
    assert message in capsys.readouterr().err
    assert sorted(path.name for path in (site / "proceedings").iterdir()) == ["people", "site.yaml"]


def test_new_edition_is_valid_as_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", NAME]) == 0
    metadata = ["--metadata", str(site / "proceedings")]
    edition = ["--id", "2028-x", "--title", "X", "--date", "2028-01-02", "--timezone", "Asia/Tokyo", "--city", "Kyoto"]
    assert main(["new-edition", *metadata, *edition]) == 0
    assert main(["validate", *metadata]) == 0
    text = (site / "proceedings/2028-x/edition.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/edition.schema.json")
    for field in ("conference", "ordinal", "venue", "important_dates", "organizers", "sponsors", "submission_formats"):
        assert re.search(rf"^#? ?{field}:", text, re.MULTILINE), field  # every field is there, explained
    assert main(["new-edition", *metadata, *edition]) == 2  # the folder exists now


def test_no_workshop_is_named_in_the_engine() -> None:
    """What names one workshop lives in its site.yaml, never in the engine's code or templates."""
    real_site = yaml.safe_load((SRC.parents[1] / "proceedings/site.yaml").read_text(encoding="utf-8"))
    named = [real_site["name"].lower(), "terrabytes-workshop.github.io"]
    track_literals = [f'"{track["id"]}"' for track in real_site["tracks"]]
    offenders = []
    for path in SRC.rglob("*"):
        if not path.is_file() or path.suffix not in {".py", ".html", ".js", ".css", ".tmpl"}:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {word}" for word in named if word in text.lower()]
        if path.suffix == ".py":
            offenders += [f"{path.name}: {literal}" for literal in track_literals if literal in text]
    assert offenders == []


def test_a_new_site_pins_the_actions_this_repository_pins(tmp_path: Path) -> None:
    """Dependabot keeps this repository's workflows current; the starter's must follow, or new sites would start
    with outdated (or unpinned) actions."""

    def pins(folder: Path) -> dict[str, str]:
        found = {}
        for workflow in folder.glob("*.yml"):
            for action, sha, version in re.findall(r"uses: ([\w.-]+/[\w.-]+)@(\S+) # (v[\d.]+)", workflow.read_text()):
                found[action] = f"{sha} {version}"
        return found

    site = tmp_path / "site"
    assert main(["init", str(site), "--name", NAME]) == 0
    ours, theirs = pins(SRC.parents[1] / ".github/workflows"), pins(site / ".github/workflows")
    assert theirs and all(re.fullmatch(r"[0-9a-f]{40} v[\d.]+", pin) for pin in theirs.values())
    assert {action: ours.get(action) for action in theirs} == theirs
    for workflow in (site / ".github/workflows").glob("*.yml"):
        assert len(re.findall(r"persist-credentials: false", workflow.read_text())) == workflow.read_text().count(
            "actions/checkout@"
        )
