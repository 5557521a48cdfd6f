"""What zizmor (run by `nox -s lint`) does not check in the workflows: version comments, locked installs,
and where the Pages rights are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = sorted((Path(__file__).resolve().parents[1] / ".github" / "workflows").glob("*.yml"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_to_a_commit_named_by_its_release(path: Path) -> None:
    uses = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        # Dependabot rewrites the comment with the SHA; a reviewer reads the version there
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_start_without_rights_and_install_only_locked_packages(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert "pull_request_target" not in workflow[True]  # PyYAML reads the key `on` as True
    for step in _steps(workflow):
        for command in re.findall(r"pip install[^\n]*", step.get("run", "")):
            assert "--require-hashes -r requirements/" in command or "--no-deps" in command, command


def test_only_the_deploy_job_can_write_to_pages_and_the_build_uses_no_cache() -> None:
    (pages,) = (path for path in WORKFLOWS if path.name == "pages.yml")
    workflow = yaml.safe_load(pages.read_text(encoding="utf-8"))
    writers = {name for name, job in workflow["jobs"].items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy"}
    assert not any(step.get("run") for step in workflow["jobs"]["deploy"]["steps"])
    assert not any("cache" in step.get("with", {}) for step in _steps(workflow))
    assert not any("actions/cache" in step.get("uses", "") for step in _steps(workflow))


def test_releases_publish_from_a_tag_through_trusted_publishing_in_their_own_environment() -> None:
    (release,) = (path for path in WORKFLOWS if path.name == "release.yml")
    workflow = yaml.safe_load(release.read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # PyYAML reads the key `on` as True
    jobs = workflow["jobs"]
    assert {name for name, job in jobs.items() if job.get("permissions", {}).get("id-token") == "write"} == {"publish"}
    publish = jobs["publish"]
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == [
        "actions/download-artifact",
        "pypa/gh-action-pypi-publish",
    ]  # nothing from the repository runs where the identity token can be had
    assert not any("with" in step and "password" in step["with"] for step in publish["steps"])  # no stored token
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert 'python -m nox -s dist -- "$TAG"' in build  # checks the tag against the version and the changelog
    assert not any("cache" in step.get("with", {}) for step in _steps(workflow))
