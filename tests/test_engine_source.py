"""``init`` names the engine in the new site's requirements.txt the way it was installed (PEP 610)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site import __version__
from proceedings_site.authoring.engine import EngineSource, installed_engine, requirement_for
from proceedings_site.cli import main

SHA = "0123456789abcdef0123456789abcdef01234567"
DIGEST = "a" * 64


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, EngineSource("proceedings-site==1.2.3")),  # a package index records no direct URL
        (
            {
                "url": "https://github.com/o/r",
                "vcs_info": {"vcs": "git", "commit_id": SHA, "requested_revision": "main"},
            },
            EngineSource(f"proceedings-site @ git+https://github.com/o/r@{SHA}"),  # the commit, not the branch
        ),
        (
            {"url": "https://github.com/o/r", "vcs_info": {"vcs": "git", "commit_id": SHA}, "subdirectory": "engine"},
            EngineSource(f"proceedings-site @ git+https://github.com/o/r@{SHA}#subdirectory=engine"),
        ),
        (
            {"url": "https://example.org/p-1.2.3.tar.gz", "archive_info": {"hashes": {"sha256": DIGEST}}},
            EngineSource(f"proceedings-site @ https://example.org/p-1.2.3.tar.gz#sha256={DIGEST}"),
        ),
        (
            {"url": "file:///home/me/dist/proceedings_site-1.2.3-py3-none-any.whl", "archive_info": {}},
            EngineSource("proceedings-site @ file:///home/me/dist/proceedings_site-1.2.3-py3-none-any.whl", "file"),
        ),
        (
            {"url": "file:///home/me/proceedings", "dir_info": {"editable": True}},
            EngineSource("proceedings-site @ file:///home/me/proceedings", "folder"),
        ),
        (
            {"url": "file:///home/me/proceedings", "vcs_info": {"vcs": "git", "commit_id": SHA}},
            EngineSource(f"proceedings-site @ git+file:///home/me/proceedings@{SHA}", "repository"),
        ),
    ],
)
def test_the_requirement_follows_the_installation(direct_url: dict | None, expected: EngineSource) -> None:
    assert requirement_for(direct_url, "1.2.3") == expected


def test_init_names_a_local_engine_and_warns_that_ci_cannot_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The test environment installs the engine from this checkout (editable): a folder only this machine has."""
    source = installed_engine()
    assert source.local == "folder" and source.requirement.startswith("proceedings-site @ file:///")
    site = tmp_path / "site"
    assert main(["init", str(site), "--name", "Workshop on Sea Ice Sensing"]) == 0
    err = capsys.readouterr().err
    assert source.requirement in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert err.startswith(f"warning: this engine was installed from a local folder, so {site / 'requirements.txt'}")
    assert "its CI (and anyone else) cannot install that" in err
    assert f'--engine "proceedings-site=={__version__}"' in err


def test_a_build_left_in_the_source_tree_is_not_taken_for_the_installation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m build` leaves src/proceedings_site.egg-info, which comes first when src/ is on sys.path."""
    egg_info = tmp_path / "proceedings_site.egg-info"
    egg_info.mkdir()
    (egg_info / "PKG-INFO").write_text(f"Metadata-Version: 2.4\nName: proceedings-site\nVersion: {__version__}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed_engine().local == "folder"  # the editable installation of the tests, not the leftover


def test_init_with_a_named_engine_does_not_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    engine = f"proceedings-site @ git+https://github.com/o/r@{SHA}"
    assert main(["init", str(site), "--name", "Workshop on Sea Ice Sensing", "--engine", engine]) == 0
    assert capsys.readouterr().err == ""
    assert engine in (site / "requirements.txt").read_text(encoding="utf-8").splitlines()
