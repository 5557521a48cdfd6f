"""The engine as a new site gets it: built into an sdist and a wheel, checked as the package index will, installed
from the wheel into a fresh environment; ``proceedings init`` there, and the new site's own README commands work
with the engine coming from that wheel.

Installs go through uv (in the test lock) where the commands allow it: a cold cache downloads the engine's
dependencies once, then every environment links them from the cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from uv import find_uv_bin

from proceedings_site import __version__

from .sitebuild import REPO

PACKAGE = REPO / "src" / "proceedings_site"
SOURCE = ["pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "MANIFEST.in", "src"]
WHEEL = f"proceedings_site-{__version__}-py3-none-any.whl"


def run(command: list[str] | str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = isinstance(command, str)  # a README's block, run as its reader's shell would
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, shell=script,
        executable="/bin/bash" if script else None,
    )  # fmt: skip
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel, built as `nox -s dist` builds them (the wheel from the sdist), from a copy of the source."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCE:
        if (REPO / name).is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(REPO / name, source / name, ignore=ignored)
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)], cwd=source)
    return out


def test_the_distributions_pass_twine_and_the_wheel_carries_every_file(dist: Path) -> None:
    built = sorted(path.name for path in dist.iterdir())
    assert built == [WHEEL, f"proceedings_site-{__version__}.tar.gz"]
    run([sys.executable, "-m", "twine", "check", "--strict", *(str(dist / name) for name in built)], cwd=dist)
    wheel = set(zipfile.ZipFile(dist / WHEEL).namelist())
    needed = {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert needed - wheel == set()  # code, templates, static files, the starter, published schemas
    assert {name for name in needed if name.endswith((".tmpl", ".html", ".js", ".css", ".svg", ".json"))}
    metadata = zipfile.ZipFile(dist / WHEEL).read(f"proceedings_site-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    assert f"## [{__version__}]" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def readme_blocks(readme: Path) -> list[str]:
    """The shell blocks of a README, in order."""
    return re.findall(r"```bash\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)


def test_a_new_site_builds_itself_with_the_engine_from_the_wheel(dist: Path, tmp_path: Path) -> None:
    uv = find_uv_bin()
    fresh = tmp_path / "fresh"
    run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, str(fresh)], cwd=tmp_path)
    run([uv, "pip", "install", "--quiet", "--python", str(fresh / "bin" / "python"), str(dist / WHEEL)], cwd=tmp_path)
    env = {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    # the fresh environment's python3 first; uv beside it lets the site's nox use it
    env["PATH"] = os.pathsep.join([str(fresh / "bin"), str(Path(uv).parent), env["PATH"]])

    created = run(["proceedings", "init", "sea-ice", "--name", "Workshop on Sea Ice Sensing"], tmp_path, env)
    site = tmp_path / "sea-ice"
    wheel_url = (dist / WHEEL).as_uri()
    assert f"proceedings-site @ {wheel_url}" in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert created.stderr.startswith("warning: this engine was installed from a local file")

    quick_start, add_papers = readme_blocks(site / "README.md")
    assert "nox -s docs" in quick_start and "nox -s tests" in quick_start
    # An edition and a paper first, so the quick start builds them (the unit tests build a site straight after init).
    run(f"set -euo pipefail\n{add_papers}", site, env)
    run(f"set -euo pipefail\n{quick_start}", site, env)
    assert list((site / "docs/_build/html/2027-demo/papers").glob("*.html"))
    for session in ("docs", "tests"):  # each nox session installed the engine from the wheel
        (record,) = (site / ".nox" / session).glob("lib/python*/site-packages/proceedings_site-*.dist-info")
        assert wheel_url in (record / "direct_url.json").read_text(encoding="utf-8")
