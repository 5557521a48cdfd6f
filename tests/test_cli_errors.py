"""Every command's error paths, one table: each subcommand with each kind of bad argument or missing folder gets a
non-zero exit, a located message in our words, no traceback, and leaves every file as it was.

To add a case, add a row: ``{good}`` is a valid copy of the fixture workshop's metadata, ``{broken}`` one whose
site.yaml is not YAML, ``{missing}`` a folder that does not exist; commands run in a scratch folder holding them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from proceedings_site.cli import main

from .sitebuild import REPO, WORKSHOP_DOCS, WORKSHOP_METADATA, copy_metadata


class Case(NamedTuple):
    argv: str  # the command line after `proceedings`, split on spaces
    code: int
    message: str  # what stderr must hold


NEW_EDITION = "new-edition --metadata {good} --id 2031-x --title T --date 2031-01-01 --timezone UTC --city Here"
NEW_PAPER = "new-paper --metadata {good} --edition 2024-christchurch --title T --author Ada=new"
CASES: dict[str, Case] = {
    "no-command": Case("", 2, "the following arguments are required: COMMAND"),
    "unknown-command": Case("publish", 2, "invalid choice: 'publish'"),
    "validate/missing-folder": Case("validate --metadata {missing}", 2, "validate: --metadata nowhere: no such folder"),
    "validate/not-in-a-site": Case("validate --root nowhere", 2, "validate: no proceedings/ folder in nowhere"),
    "validate/broken-conf": Case(
        "validate --metadata {good} --docs broken-docs", 2, "broken-docs/conf.py:2: configuration"
    ),
    "validate/broken-metadata": Case("validate --metadata {broken}", 1, "proceedings/site.yaml:2: (file): YAML syntax"),
    "validate/unknown-option": Case("validate --metdata {good}", 2, "unrecognized arguments: --metdata"),
    "build/missing-docs": Case(
        "build --metadata {good} --docs nodocs --out out", 2, "nodocs:1: configuration: no such folder"
    ),
    "build/broken-conf": Case(
        "build --metadata {good} --docs broken-docs --out out", 2, "broken-docs/conf.py:2: configuration: this line"
    ),
    "build/setting-without-value": Case("build --metadata {good} -D html_title", 2, "build: -D html_title: write -D"),
    "build/missing-metadata": Case("build --metadata {missing} --out out", 2, "build: --metadata nowhere: no such"),
    "build/broken-metadata": Case("build --metadata {broken} --out out", 1, "Nothing was built"),
    "init/folder-with-files": Case("init good --name Demo", 2, "Nothing was written"),
    "init/empty-name": Case("init fresh --name=", 2, "init: --name must not be empty"),
    "init/long-name": Case("init fresh --name=" + "x" * 320, 2, "init: --name is longer than 300 characters"),
    "init/no-name": Case("init fresh", 2, "the following arguments are required: --name"),
    "new-edition/broken-metadata": Case(
        NEW_EDITION.replace("{good}", "{broken}"), 1, "Fix the problems above first; nothing was written."
    ),
    "new-edition/missing-folder": Case(NEW_EDITION.replace("{good}", "{missing}"), 2, "--metadata nowhere: no such"),
    "new-edition/bad-date": Case(NEW_EDITION.replace("2031-01-01", "soon"), 2, "new-edition: --date"),
    "new-edition/bad-timezone": Case(
        NEW_EDITION.replace("UTC", "Mars/Base"), 2, "--timezone must be an IANA time zone"
    ),
    "new-edition/bad-id": Case(NEW_EDITION.replace("2031-x", "Bad_Id"), 2, "--id 'Bad_Id' must be lowercase"),
    "new-edition/no-city": Case(NEW_EDITION.removesuffix(" --city Here"), 2, "required: --city"),
    "new-paper/broken-metadata": Case(NEW_PAPER.replace("{good}", "{broken}"), 1, "Fix the problems above first"),
    "new-paper/bad-track": Case(
        NEW_PAPER + " --track nope", 2, "new-paper: unknown track 'nope' (tracks of this site:"
    ),
    "new-paper/no-author": Case(NEW_PAPER.removesuffix(" --author Ada=new"), 2, "give at least one --author"),
    "new-paper/unknown-edition": Case(
        NEW_PAPER.replace("2024-christchurch", "2031-x"), 2, "new-paper: unknown edition '2031-x' (editions:"
    ),
    "import-openreview/neither-file-nor-venue": Case(
        "import-openreview --edition 2024-christchurch --metadata {good}", 2, "give an export file or --venue"
    ),
    "import-openreview/file-and-venue": Case(
        "import-openreview export.json --venue V/2024 --edition 2024-christchurch --metadata {good}",
        2,
        "give an export file or --venue",
    ),
    "import-openreview/missing-file": Case(
        "import-openreview nofile.json --edition 2024-christchurch --metadata {good}",
        1,
        "nofile.json:1: (file): cannot read the export",
    ),
    "import-openreview/unknown-edition": Case(
        "import-openreview export.json --edition 2031-x --metadata {good}", 1, "unknown edition '2031-x'"
    ),
    "import-openreview/broken-metadata": Case(
        "import-openreview export.json --edition 2024-christchurch --metadata {broken}", 1, "Nothing was changed."
    ),
    "import-pmlr/missing-file": Case(
        "import-pmlr novolume.bib --edition 2024-christchurch --metadata {good}",
        1,
        "novolume.bib:1: (file): cannot read the volume file",
    ),
    "import-pmlr/missing-folder": Case(
        "import-pmlr volume.bib --edition 2024-christchurch --metadata {missing}", 2, "--metadata nowhere: no such"
    ),
    "export-pmlr/unknown-edition": Case(
        "export-pmlr --edition 2031-x --metadata {good}", 1, "--edition: unknown edition '2031-x' (editions:"
    ),
    "export-pmlr/out-in-missing-folder": Case(
        "export-pmlr --edition 2024-christchurch --metadata {good} --out nodir/volume.bib",
        2,
        "export-pmlr: --out nodir/volume.bib: the folder nodir does not exist.",
    ),
    "export-pmlr/broken-metadata": Case("export-pmlr --edition 2024-christchurch --metadata {broken}", 1, "YAML"),
    "schema/missing-folder": Case("schema --metadata {missing}", 2, "schema: --metadata nowhere: no such folder"),
    "new-person/broken-metadata": Case("new-person --metadata {broken} --name Ada", 1, "Fix the problems above"),
    "new-person/bad-orcid": Case("new-person --metadata {good} --name Ada --orcid 12-34", 2, "--orcid"),
    "new-keynote/unknown-edition": Case(
        "new-keynote --metadata {good} --edition 2031-x --speaker hana-kobayashi --title T", 2, "unknown edition"
    ),
    "new-slot/end-before-start": Case(
        "new-slot --metadata {good} --edition 2024-christchurch --start 11:00 --end 10:00 --kind break --title T",
        2,
        "new-slot:",
    ),
    "new-slot/bad-kind": Case(
        "new-slot --metadata {good} --edition 2024-christchurch --start 10:00 --end 11:00 --kind nap", 2, "--kind"
    ),
    "schema/not-a-metadata-folder": Case("schema --metadata good/proceedings/people", 2, "no site.yaml there"),
}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def workplace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder with a valid metadata copy (good/proceedings), a broken one, the
    fixture's Sphinx folder (docs) and files the commands read."""
    good = copy_metadata(WORKSHOP_METADATA, tmp_path / "good/proceedings")
    broken = copy_metadata(WORKSHOP_METADATA, tmp_path / "broken/proceedings")
    (broken / "site.yaml").write_text("name: [\n", encoding="utf-8")
    (tmp_path / "export.json").write_text(json.dumps({"notes": []}), encoding="utf-8")
    (tmp_path / "volume.bib").write_text("", encoding="utf-8")
    shutil.copytree(WORKSHOP_DOCS, tmp_path / "docs")
    shutil.copytree(WORKSHOP_DOCS, tmp_path / "broken-docs")
    (tmp_path / "broken-docs/conf.py").write_text('project = "Demo"\nhtml_title = project_title\n', encoding="utf-8")
    assert good.is_dir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    return tmp_path


def argv_of(case: Case) -> list[str]:
    line = case.argv.format(good="good/proceedings", broken="broken/proceedings", missing="nowhere")
    return line.split(" ") if line else []


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_command_line_is_refused_with_a_located_message(
    workplace: Path, case: Case, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(workplace)
    try:
        code = main(argv_of(case))
    except SystemExit as exit_:  # argparse's errors
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == case.code, err
    assert case.message in err, err
    assert "Traceback" not in out + err
    assert snapshot(workplace) == before  # nothing written, nothing half-written


def test_the_checkout_script_reports_like_the_installed_command(tmp_path: Path) -> None:
    """``python scripts/proceedings.py`` runs the same command from a checkout, exit code and message included."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/proceedings.py"), "validate", "--metadata", "nowhere"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "validate: --metadata nowhere: no such folder" in result.stderr
    assert "Traceback" not in result.stderr
