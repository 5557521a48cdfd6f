"""`proceedings validate` warns about markup the text format does not understand, at its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site.cli import main

from .metadata_tree import minimal_tree

PAPER = """title: Mosaics of \\geotiff tiles
authors:
  - person: ada-lovelace
track: long
abstract: |
  A first line that is fine.
  A second line with an undefined \\geotiff macro.
"""


def test_unknown_commands_are_warnings_located_in_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meta = minimal_tree(tmp_path)
    (meta / "2030-test/papers/mosaic30a.yaml").write_text(PAPER, encoding="utf-8")
    assert main(["validate", "--metadata", str(meta)]) == 0  # warnings do not fail validation
    lines = [line for line in capsys.readouterr().err.splitlines() if "warning:" in line]
    assert len(lines) == 2, lines
    title, abstract = sorted(lines, key=lambda line: int(line.split(":")[1]))
    assert title.startswith("proceedings/2030-test/papers/mosaic30a.yaml:1: title: warning: ")
    assert abstract.startswith("proceedings/2030-test/papers/mosaic30a.yaml:7: abstract: warning: ")
    assert "geotiff" in abstract


def test_warnings_become_github_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    meta = minimal_tree(tmp_path)
    (meta / "2030-test/papers/mosaic30a.yaml").write_text(PAPER, encoding="utf-8")
    assert main(["validate", "--metadata", str(meta)]) == 0
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::warning ")]
    assert any("line=7" in line and "title=abstract" in line for line in annotations), annotations
