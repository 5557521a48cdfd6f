"""A new site reads as finished: no placeholder sentence, no subtitle that repeats the title, links only to what
exists, and scaffolded files that point only at documents the site has."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from proceedings_site.cli import main
from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble

from .metadata_tree import minimal_tree

NAME = "Workshop on Sea Ice Sensing"
EDITION = ["--id", "2027-demo", "--title", "Sea Ice Sensing 2027", "--date", "2027-06-14", "--timezone", "UTC"]


def new_site(tmp_path: Path) -> Path:
    site = tmp_path / "sea-ice"
    assert main(["init", str(site), "--name", NAME, "--engine", "proceedings-site==9.9"]) == 0
    metadata = ["--metadata", str(site / "proceedings")]
    assert main(["new-edition", *metadata, *EDITION, "--city", "Tromsø, Norway"]) == 0
    paper = ["new-paper", *metadata, "--edition", "2027-demo", "--title", "Melt Ponds", "--author", "Ingrid Sæther"]
    assert main(paper) == 0
    return site


def test_the_pages_of_a_new_site_say_nothing_in_place_of_something(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    pages = assemble(load_proceedings(site / "proceedings"), today=dt.date(2027, 1, 10)).pages
    home, edition = pages["index"], pages["2027-demo/index"]
    introduction = yaml.safe_load((site / "proceedings/site.yaml").read_text(encoding="utf-8"))["introduction"]
    assert "is a workshop" not in introduction and NAME in introduction
    assert "is a workshop" not in home and "a workshop." not in edition
    # neither dates nor a call for papers yet: the card links the edition by its name only
    assert "Dates and call for papers" not in home and "Important dates" not in home
    assert "{proceedings-page}`2027-demo/index Sea Ice Sensing 2027 (current edition)`" in home
    assert edition.startswith("# Sea Ice Sensing 2027\n\nSea Ice Sensing 2027 is an edition of Workshop on Sea Ice")


@pytest.mark.parametrize(
    ("dates", "call", "label"),
    [(True, True, "Dates and call for papers"), (True, False, "Important dates"), (False, True, "Call for papers")],
)
def test_the_home_card_names_what_the_edition_page_announces(
    tmp_path: Path, dates: bool, call: bool, label: str
) -> None:
    meta = minimal_tree(tmp_path)
    path = meta / "2030-test/edition.yaml"
    edition = yaml.safe_load(path.read_text(encoding="utf-8"))
    edition["important_dates"] = edition["important_dates"] if dates else []
    if call:
        edition["call_for_papers"] = {"topics": ["Sea ice"]}
    path.write_text(yaml.safe_dump(edition, allow_unicode=True), encoding="utf-8")
    home = assemble(load_proceedings(meta), today=dt.date(2030, 4, 1)).pages["index"]
    assert f"{{proceedings-page}}`2030-test/index {label}`" in home
    assert edition["name"] != edition["short_name"]
    page = assemble(load_proceedings(meta), today=dt.date(2030, 4, 1)).pages["2030-test/index"]
    assert (
        page.split("\n\n")[1] == "**TerraBytes \\- Test edition**"
    )  # a subtitle that says more than the heading stays


def test_scaffolded_files_point_only_at_documents_the_site_has(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    files = [path for path in site.rglob("*") if path.is_file() and "schemas" not in path.parts]
    mentioned = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        mentioned |= {(path, name) for name in re.findall(r"\b([A-Z]+\.md)\b", text)}
        mentioned |= {(path, link) for link in re.findall(r"\]\(((?!https?:|#|<)[^)\s]+)\)", text)}
    assert ("CONTRIBUTING.md" in {name for _, name in mentioned}) and (site / "CONTRIBUTING.md").is_file()
    missing = [f"{path.relative_to(site)}: {name}" for path, name in mentioned if not (site / name).exists()]
    assert missing == []
    paper = next((site / "proceedings/2027-demo/papers").glob("*.yaml")).read_text(encoding="utf-8")
    assert "see CONTRIBUTING.md" in paper


def test_without_a_contributing_guide_the_paper_file_does_not_point_at_one(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", NAME, "--engine", "proceedings-site==9.9"]) == 0
    (site / "CONTRIBUTING.md").unlink()  # a site started before init wrote one
    metadata = ["--metadata", str(site / "proceedings")]
    assert main(["new-edition", *metadata, *EDITION, "--city", "Tromsø, Norway"]) == 0
    assert main(["new-paper", *metadata, "--edition", "2027-demo", "--title", "T", "--author", "Ana Lima"]) == 0
    paper = next((site / "proceedings/2027-demo/papers").glob("*.yaml")).read_text(encoding="utf-8")
    assert "CONTRIBUTING" not in paper


def test_the_new_sites_contributing_guide_is_filled_in(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", NAME, "--engine", "proceedings-site==9.9"]) == 0
    guide = (site / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert guide.startswith(f"# Contributing to the {NAME} proceedings\n")
    assert "`$$…$$`" in guide and "$\\sigma$" in guide and "# yaml-language-server: $schema=…" in guide
    commands = set(re.findall(r"^proceedings ([a-z-]+)", guide, re.MULTILINE))
    assert {"new-edition", "new-paper", "validate", "build", "import-openreview"} <= commands
