"""What the ``proceedings`` command says: its version, help with the site's own examples, counts in words, where it
must run, ``-D`` for Sphinx, and why a command has nothing to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from proceedings_site import __version__
from proceedings_site.cli import main
from proceedings_site.commandline import NOT_A_SITE

from .metadata_tree import minimal_tree
from .sitebuild import REAL_METADATA, WORKSHOP_METADATA
from .test_newsite import inside

NAME = "Workshop on Sea Ice Sensing"
TERRABYTES_EDITIONS = sorted(path.parent.name for path in REAL_METADATA.glob("*/edition.yaml"))


def output_of(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(arguments)
    except SystemExit as exit_:  # argparse's --help and --version
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def commands(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Every subcommand, as the top-level help lists them."""
    status, text, _ = output_of(["-h"], capsys)
    assert status == 0
    listing = text.split("\n  COMMAND\n", 1)[1].split("\noptions:")[0]
    return re.findall(r"^ {4}([a-z][a-z-]+)", listing, re.MULTILINE)


def new_site(tmp_path: Path, *, edition: bool = True, authors: tuple[str, ...] = ("Ingrid Sæther",)) -> Path:
    site = tmp_path / "sea-ice"
    assert main(["init", str(site), "--name", NAME, "--engine", "proceedings-site==9.9"]) == 0
    metadata = ["--metadata", str(site / "proceedings")]
    if edition:
        new = ["--id", "2027-demo", "--title", "Sea Ice 2027", "--date", "2027-06-14", "--timezone", "UTC"]
        assert main(["new-edition", *metadata, *new, "--city", "Tromsø, Norway"]) == 0
    if authors:
        paper = ["new-paper", *metadata, "--edition", "2027-demo", "--title", "Melt Ponds"]
        assert main([*paper, *(item for name in authors for item in ("--author", name))]) == 0
    return site


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert output_of(["--version"], capsys)[:2] == (0, f"proceedings {__version__}\n")
    assert version("proceedings-site") == __version__


def test_every_command_explains_itself_with_the_sites_own_ids(capsys: pytest.CaptureFixture[str], workshop) -> None:
    latest = max(edition.id for edition in workshop.editions)
    names = commands(capsys)
    assert {"validate", "build", "init", "new-edition", "new-paper", "export-pmlr"} <= set(names)
    with inside(WORKSHOP_METADATA.parent):
        for name in names:
            status, text, _ = output_of([name, "--help"], capsys)
            assert status == 0
            description = text.split("\n\n")[1]
            assert len(description.split()) >= 12 and not description.startswith(("options", "usage")), name
            examples = text.split("examples:\n")[1].splitlines()
            assert examples and all(line.startswith(f"  proceedings {name}") for line in examples), name
            if "--edition" in text:
                assert any(f"--edition {latest}" in line for line in examples), name
            assert not [edition for edition in TERRABYTES_EDITIONS if edition in text], name


def test_help_of_a_site_elsewhere_uses_its_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str], workshop) -> None:
    latest = max(edition.id for edition in workshop.editions)
    with inside(tmp_path):
        for root in (["--root", str(WORKSHOP_METADATA.parent)], [f"--root={WORKSHOP_METADATA.parent}"]):
            status, text, _ = output_of(["export-pmlr", *root, "--help"], capsys)
            assert status == 0 and f"--edition {latest}" in text.split("examples:")[1]


def test_help_outside_any_site_invents_an_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with inside(tmp_path):
        status, text, _ = output_of(["new-paper", "--help"], capsys)
    assert status == 0
    assert re.search(r"--edition \d{4}-demo ", text)
    assert not [edition for edition in TERRABYTES_EDITIONS if edition in text]


def test_counts_are_written_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = new_site(tmp_path)
    capsys.readouterr()
    with inside(site):
        status, text, _ = output_of(["validate"], capsys)
    assert status == 0
    assert "proceedings: 1 edition, 1 paper, 1 person: all valid." in text


def test_init_counts_the_files_it_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    status, text, _ = output_of(["init", str(site), "--name", NAME, "--engine", "proceedings-site==9.9"], capsys)
    assert status == 0
    created = sum(1 for path in site.rglob("*") if path.is_file())
    assert f"Created {created} files in {site}/." in text


@pytest.mark.parametrize("command", ["validate", "build", "new-paper --edition x --title T --author A", "schema"])
def test_outside_a_site_the_command_says_where_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with inside(tmp_path):
        status, _, err = output_of(command.split(), capsys)
    assert status == 2
    assert err == f"{command.split()[0]}: {NOT_A_SITE}\n"
    assert list(tmp_path.iterdir()) == []


def test_root_names_the_site_and_metadata_still_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = new_site(tmp_path, edition=False, authors=())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with inside(elsewhere):
        assert output_of(["validate", "--root", str(site)], capsys)[0] == 0
        assert output_of(["validate", "--metadata", str(site / "proceedings")], capsys)[0] == 0
        status, _, err = output_of(["validate", "--root", str(elsewhere)], capsys)
        assert (status, err) == (
            2,
            f"validate: no proceedings/ folder in {elsewhere}; pass --root the folder of your site\n",
        )
        status, _, err = output_of(["validate", "--metadata", "missing"], capsys)
        assert (status, err) == (2, "validate: --metadata missing: no such folder\n")


def test_build_passes_settings_to_sphinx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = new_site(tmp_path, edition=False, authors=())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with inside(elsewhere):
        status, _, err = output_of(
            ["build", "--root", str(site), "-j", "1", "-D", "html_title=Sea Ice (draft)"], capsys
        )
        assert status == 0, err
        assert output_of(["build", "--root", str(site), "-D", "html_title"], capsys)[1:] == (
            "",
            "build: -D html_title: write -D NAME=VALUE, such as -D html_title=Draft\n",
        )
    index = (site / "docs/_build/html/index.html").read_text(encoding="utf-8")
    assert "Sea Ice (draft)</title>" in index
    assert not (elsewhere / "docs").exists()


def test_a_failed_build_without_a_previous_site_does_not_mention_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path, edition=False, authors=())
    (site / "proceedings/site.yaml").write_text("name: [\n", encoding="utf-8")
    status, _, err = output_of(["build", "--root", str(site)], capsys)
    assert status == 1
    assert err.splitlines()[-1] == "Nothing was built."


def set_series(metadata: Path, *, series: bool, in_series: bool) -> None:
    path = metadata / "site.yaml"
    site = yaml.safe_load(path.read_text(encoding="utf-8"))
    site.pop("series", None)
    if series:
        site["series"] = {"name": "Proceedings of Testing", "short_name": "PT", "publisher": "PT"}
    for track in site["tracks"]:
        track["in_series"] = in_series
    path.write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("series", "in_series", "reason"),
    [
        (False, False, "{site} names no series: add `series:` (name, short_name, publisher) and `in_series: true` "
         "to the tracks it publishes"),
        (True, False, "no track in {site} has `in_series: true`: mark the tracks whose papers the series publishes"),
    ],
)  # fmt: skip
def test_export_pmlr_without_anything_to_export_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], series: bool, in_series: bool, reason: str
) -> None:
    metadata = minimal_tree(tmp_path)
    set_series(metadata, series=series, in_series=in_series)
    out = tmp_path / "volume.bib"
    status, _, err = output_of(
        ["export-pmlr", "--metadata", str(metadata), "--edition", "2030-test", "--out", str(out)], capsys
    )
    assert status == 2
    assert err == f"export-pmlr: {reason.format(site=metadata / 'site.yaml')}\nNothing was written.\n"
    assert not out.exists()


def test_export_pmlr_of_an_edition_without_published_papers_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path)
    set_series(site / "proceedings", series=True, in_series=True)
    for paper in (site / "proceedings/2027-demo/papers").iterdir():
        paper.unlink()
    with inside(site):
        status, _, err = output_of(["export-pmlr", "--edition", "2027-demo"], capsys)
    assert status == 2
    assert (
        err == "export-pmlr: 2027-demo has no paper in the tracks the series publishes (paper)\nNothing was written.\n"
    )
