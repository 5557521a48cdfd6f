"""The organizer workflow: new-paper, import-openreview, JSON Schemas, GitHub annotations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from proceedings_site.annotations import annotation
from proceedings_site.authoring.schema import HEADER_PREFIX, MODELS, schema_text
from proceedings_site.cli import main
from proceedings_site.errors import Problem
from proceedings_site.model import load_proceedings

from .metadata_tree import minimal_tree
from .sitebuild import REPO, WORKSHOP_METADATA

EXPORT = Path(__file__).parent / "fixtures/openreview/accepted-notes.json"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return minimal_tree(tmp_path)


# --- new-paper -------------------------------------------------------------------------------------------------


def new_paper(meta: Path, *authors: str, title: str = "Mapping Kelp Forests from Space") -> int:
    args = ["new-paper", "--metadata", str(meta), "--edition", "2030-test", "--title", title, "--track", "short"]
    for author in authors:
        args += ["--author", author]
    return main(args)


def test_new_paper_scaffolds_every_field_and_registers_new_authors(meta: Path, capsys) -> None:
    assert new_paper(meta, "Zoë Çelik", "Ada Lovelace=ada-lovelace") == 0
    paper = meta / "2030-test/papers/celik30a.yaml"
    text = paper.read_text(encoding="utf-8")
    assert text.startswith(f"{HEADER_PREFIX}../../../schemas/paper.schema.json\n")
    for field in (
        "title:",
        "authors:",
        "track:",
        "presentation:",
        "keywords:",
        "openreview_id:",
        "links:",
        "order:",
        "# abstract:",
        "# pmlr:",
    ):
        assert field in text
    assert "# long | short" in text  # every field explains itself
    assert (meta / "people/zoe-celik.yaml").read_text(encoding="utf-8").splitlines()[
        1
    ] == 'name: "Zoë Çelik"  # as the person writes it'
    proceedings = load_proceedings(meta)  # the scaffold is valid as written
    assert [a.person for a in proceedings.current.papers["celik30a"].authors] == ["zoe-celik", "ada-lovelace"]
    out = capsys.readouterr().out  # the new person's file where --metadata put it; the known one not again
    assert f"created {meta / 'people/zoe-celik.yaml'} for Zoë Çelik" in out.splitlines()
    assert "ada-lovelace" not in out


def test_new_paper_never_merges_a_namesake_silently(meta: Path, capsys) -> None:
    before = snapshot(meta)
    assert new_paper(meta, "ADA LOVELACE") == 2
    error = capsys.readouterr().err
    assert "'ADA LOVELACE' matches people already in the registry" in error
    assert "ada-lovelace (Ada Lovelace; Analytical Engines Ltd)" in error
    assert '--author "ADA LOVELACE=<person-id>"' in error
    assert snapshot(meta) == before  # nothing written


def test_accents_do_not_hide_a_namesake(meta: Path, capsys) -> None:
    assert new_paper(meta, "Gráce Hoppér") == 2
    assert "grace-hopper" in capsys.readouterr().err


def test_the_organizer_says_who_a_namesake_is(meta: Path) -> None:
    assert new_paper(meta, "ADA LOVELACE=ada-lovelace") == 0
    paper = load_proceedings(meta).current.papers["lovelace30b"]
    assert paper.authors[0].person == "ada-lovelace"


def test_a_namesake_who_is_someone_else_needs_a_disambiguation(meta: Path, capsys) -> None:
    assert new_paper(meta, "Ada Lovelace=new") == 0
    assert (meta / "people/ada-lovelace-2.yaml").is_file()
    assert main(["validate", "--metadata", str(meta)]) == 1
    assert "disambiguation: shares the name 'ada lovelace' with ada-lovelace-2" in capsys.readouterr().err


def test_interactive_choice_is_offered_on_a_terminal(meta: Path) -> None:
    from proceedings_site.authoring import scaffold

    asked = []

    def ask(name: str, candidates: list[str]) -> str:
        asked.append((name, candidates))
        return candidates[0]

    plan = scaffold.plan(load_proceedings(meta), "2030-test", "T", ["Grace Hopper"], "long", ask)
    assert asked == [("Grace Hopper", ["grace-hopper"])]
    assert [a.person for a in plan.authors] == ["grace-hopper"]


def test_unknown_person_id_or_edition_is_refused(meta: Path, capsys) -> None:
    assert new_paper(meta, "Ada Lovelace=ada-lovelaec") == 2
    assert "there is no person 'ada-lovelaec'" in capsys.readouterr().err
    assert (
        main(
            [
                "new-paper",
                "--metadata",
                str(meta),
                "--edition",
                "2031-x",
                "--title",
                "T",
                "--track",
                "long",
                "--author",
                "X",
            ]
        )
        == 2
    )
    assert "unknown edition '2031-x'" in capsys.readouterr().err


# --- import-openreview -------------------------------------------------------------------------------------------


def run_import(meta: Path, export: Path = EXPORT) -> int:
    return main(["import-openreview", str(export), "--edition", "2030-test", "--metadata", str(meta)])


def test_import_creates_papers_and_people(meta: Path) -> None:
    assert run_import(meta) == 0
    proceedings = load_proceedings(meta)
    papers = proceedings.current.papers
    glacier = papers["lovelace30b"]
    assert glacier.title == "Glacier Calving Fronts from Sparse SAR Time Series"
    assert [a.person for a in glacier.authors] == ["ada-lovelace", "ingrid-thorsdottir"]
    assert glacier.presentation == "spotlight" and glacier.track == "long"
    assert glacier.abstract.startswith("We track calving fronts") and "\n\n" in glacier.abstract
    assert glacier.links.pdf == "https://openreview.net/pdf?id=Qm3xT7vLpA"
    assert glacier.links.openreview == "https://openreview.net/forum?id=Qm3xT7vLpA"
    snow = papers["hopper30a"]
    assert (snow.track, snow.presentation) == ("short", "poster")
    assert [a.person for a in snow.authors] == ["grace-hopper", "kenji-watanabe", "王小明"]
    people = proceedings.people
    assert people["ada-lovelace"].openreview == "~Ada_Lovelace1"  # matched by name, now linked by profile
    assert people["王小明"].openreview == "~Xiaoming_Wang1"
    assert people["ingrid-thorsdottir"].name == "Ingrid Þórsdóttir"


def test_import_fills_an_existing_paper_and_keeps_what_was_there(meta: Path, capsys) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text().replace("track: long", "track: long  # decided by the chairs"))
    assert run_import(meta) == 0
    out = capsys.readouterr().out
    existing = load_proceedings(meta).current.papers["lovelace30a"]
    assert existing.abstract.startswith("Difference engines count clouds")  # was empty: filled
    assert existing.keywords == ["clouds", "engines"]  # set before any import: kept
    assert "lovelace30a: keywords" in out
    assert "# decided by the chairs" in paper.read_text()  # comments survive


def test_second_import_changes_nothing(meta: Path, capsys) -> None:
    assert run_import(meta) == 0
    first = snapshot(meta)
    capsys.readouterr()
    assert run_import(meta) == 0
    assert snapshot(meta) == first
    assert "Everything was already up to date." in capsys.readouterr().out


def test_hand_edits_survive_a_later_import(meta: Path, tmp_path: Path) -> None:
    assert run_import(meta) == 0
    paper = meta / "2030-test/papers/lovelace30b.yaml"
    paper.write_text(
        paper.read_text().replace(
            "Glacier Calving Fronts from Sparse SAR Time Series", "Glacier Calving Fronts from Sparse SAR Time-Series"
        )
    )
    export = json.loads(EXPORT.read_text())
    note = export["notes"][0]
    note["content"]["title"]["value"] = "Calving Fronts from Sparse SAR"
    note["content"]["keywords"]["value"] = ["glaciology", "SAR"]
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(export))
    assert run_import(meta, changed) == 0
    glacier = load_proceedings(meta).current.papers["lovelace30b"]
    assert glacier.title == "Glacier Calving Fronts from Sparse SAR Time-Series"  # edited by hand: kept
    assert glacier.keywords == ["glaciology", "SAR"]  # not edited: follows OpenReview


def test_ambiguous_author_stops_the_import(meta: Path, capsys) -> None:
    (meta / "people/grace-hopper-2.yaml").write_text("name: Grace Hopper\ndisambiguation: Geodesist\n")
    hopper = meta / "people/grace-hopper.yaml"
    hopper.write_text(hopper.read_text() + "disambiguation: Computer scientist\n")
    before = snapshot(meta)
    assert run_import(meta) == 1
    error = capsys.readouterr().err
    assert "'Grace Hopper' (~Grace_Hopper2) matches several people: grace-hopper, grace-hopper-2" in error
    assert "add openreview: ~Grace_Hopper2 to the right person's file" in error
    assert snapshot(meta) == before


def test_import_into_an_unknown_edition_is_refused(meta: Path, capsys) -> None:
    before = snapshot(meta)
    assert main(["import-openreview", str(EXPORT), "--edition", "2031-x", "--metadata", str(meta)]) == 1
    assert "unknown edition '2031-x' (editions: 2030-test)" in capsys.readouterr().err
    assert snapshot(meta) == before


def test_a_broken_export_is_reported_with_its_location(meta: Path, tmp_path: Path, capsys) -> None:
    export = json.loads(EXPORT.read_text())
    del export["notes"][1]["content"]["title"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(export, indent=1))
    assert run_import(meta, broken) == 1
    error = capsys.readouterr().err
    line = next(n for n, text in enumerate(broken.read_text().splitlines(), 1) if export["notes"][1]["id"] in text)
    assert f"broken.json:{line}: note 2: content.title: missing" in error
    (tmp_path / "bad.json").write_text("{ not json")
    assert run_import(meta, tmp_path / "bad.json") == 1
    assert "bad.json:1: (file): not valid JSON" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("venue", "track", "presentation"),
    [
        ("ECCV 2026 Workshop TerraBytes II Oral", None, "spotlight"),
        ("TerraBytes Poster (Long Paper)", "long", "poster"),
        ("Submitted to TerraBytes", None, None),
    ],
)
def test_track_and_presentation_come_from_the_venue_when_it_says(venue: str, track, presentation) -> None:
    from proceedings_site.bridges.openreview import presentation_from_venue, track_from_venue
    from proceedings_site.model import SiteFile

    from .metadata_tree import SITE

    site = SiteFile.model_validate(SITE)
    assert (track_from_venue(venue, site), presentation_from_venue(venue, site)) == (track, presentation)


# --- JSON Schemas and editor headers ----------------------------------------------------------------------------


def test_checked_in_schemas_match_the_model() -> None:
    for kind in MODELS:
        checked_in = (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert checked_in == schema_text(kind), f"run `proceedings schema` ({kind} changed)"


def test_the_schema_catches_a_misspelled_field() -> None:
    paper = yaml.safe_load(next(WORKSHOP_METADATA.glob("*/papers/*.yaml")).read_text(encoding="utf-8"))
    paper["keywrods"] = paper.pop("keywords")
    with pytest.raises(jsonschema.ValidationError, match="keywrods"):
        jsonschema.validate(paper, json.loads(schema_text("paper")))


def test_schema_command_adds_missing_headers(meta: Path) -> None:
    shutil.rmtree(meta.parent / "schemas", ignore_errors=True)
    assert main(["schema", "--metadata", str(meta)]) == 0
    assert (meta.parent / "schemas/paper.schema.json").is_file()
    assert (
        (meta / "people/ada-lovelace.yaml").read_text().startswith(f"{HEADER_PREFIX}../../schemas/person.schema.json")
    )
    load_proceedings(meta)  # still valid


# --- GitHub annotations -----------------------------------------------------------------------------------------


def test_validate_emits_github_annotations_in_actions(meta: Path, monkeypatch, capsys) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text().replace("track: long", "track: medium"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["validate", "--metadata", str(meta)]) == 1
    out = capsys.readouterr().out
    # paths relative to the repository, as GitHub expects them
    assert out.startswith("::error file=proceedings/2030-test/papers/lovelace30a.yaml,line=6,title=track::")


def test_annotation_escaping() -> None:
    problem = Problem("a,b:c.yaml", 3, "links.code", "50% wrong\nreally", "fix: it")
    assert (
        annotation(problem)
        == "::error file=a%2Cb%3Ac.yaml,line=3,title=links.code::50%25 wrong%0Areally%0AHint: fix: it"
    )


# --- GitHub integration -----------------------------------------------------------------------------------------


def test_workflows_validate_build_preview_and_publish() -> None:
    pull_request = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    steps = [step.get("run", "") + step.get("uses", "") for step in pull_request["jobs"]["site"]["steps"]]
    assert "proceedings validate" in steps and any(s.startswith("proceedings build") for s in steps)
    assert any(s.startswith("actions/upload-artifact") for s in steps)
    pages = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    assert pages[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in pages["jobs"]["deploy"]["steps"])


def test_issue_form_for_metadata_corrections_is_well_formed() -> None:
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/metadata-correction.yml").read_text())
    assert {"name", "description", "body"} <= set(form)
    ids = [item.get("id") for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and "correction" in ids
    assert all("label" in item["attributes"] for item in form["body"] if item["type"] != "markdown")
