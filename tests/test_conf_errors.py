"""A missing or broken ``docs/conf.py`` is a located message and exit code 2, never Sphinx's traceback report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .metadata_tree import minimal_tree

GOOD = 'project = "Test"\nextensions = ["proceedings_site.sphinxext"]\nproceedings_metadata_dir = "../proceedings"\n'

# name: (conf.py text, or None for no file; the location and words the message must have)
CASES = {
    "missing file": (None, "docs/conf.py:1: configuration: the Sphinx configuration file is missing"),
    "syntax error": (GOOD + 'html_title = "Sea ice\n', "docs/conf.py:4: configuration: Python syntax error: "),
    "unknown name": (GOOD + "\nhtml_title = project_title\n", "docs/conf.py:5: configuration: this line raises "
                     "NameError: name 'project_title' is not defined"),
    "error in a call": (GOOD + "def address():\n    return 1 / 0\n\nhtml_baseurl = address()\n",
                        "docs/conf.py:5: configuration: this line raises ZeroDivisionError"),
    "exit": (GOOD + "import sys\nsys.exit(3)\n", "docs/conf.py:1: configuration: conf.py exits while loading"),
}  # fmt: skip


def site_with_conf(root: Path, conf: str | None) -> Path:
    minimal_tree(root)
    (root / "docs").mkdir()
    if conf is not None:
        (root / "docs/conf.py").write_text(conf)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "proceedings_site.cli", *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def assert_located(result: subprocess.CompletedProcess[str], expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert expected in output
    assert "Traceback" not in output and "sphinx-doc" not in output and "Configuration error" not in output


@pytest.mark.parametrize("case", CASES)
def test_build_reports_conf_py_and_keeps_the_previous_site(tmp_path: Path, case: str) -> None:
    conf, expected = CASES[case]
    root = site_with_conf(tmp_path, conf)
    previous = root / "docs/_build/html/index.html"
    previous.parent.mkdir(parents=True)
    previous.write_text("the site as it was")
    result = run(root, "build")
    assert_located(result, expected)
    assert "Nothing was built; the previous site in docs/_build/html is unchanged." in result.stderr
    assert previous.read_text() == "the site as it was"
    assert not (root / "docs/_build/html.staging").exists()


@pytest.mark.parametrize("case", CASES)
def test_validate_checks_that_conf_py_loads(tmp_path: Path, case: str) -> None:
    conf, expected = CASES[case]
    result = run(site_with_conf(tmp_path, conf), "validate")
    assert_located(result, expected)
    assert "all valid" in result.stdout  # the metadata is still checked, and is fine


def test_a_missing_docs_folder_is_named(tmp_path: Path) -> None:
    minimal_tree(tmp_path)
    result = run(tmp_path, "build")
    assert_located(result, "docs:1: configuration: no such folder")
    result = run(tmp_path, "validate", "--docs", "site-docs")
    assert_located(result, "site-docs:1: configuration: no such folder")


def test_a_good_conf_py_passes_validate(tmp_path: Path) -> None:
    result = run(site_with_conf(tmp_path, GOOD), "validate")
    assert result.returncode == 0, result.stderr
