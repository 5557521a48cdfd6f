"""The locks in requirements/ (written by `nox -s lock`) pin exactly what pyproject.toml asks for, with hashes.

Which part of pyproject.toml each lock pins is read from ``LOCKS`` in noxfile.py, the list `nox -s lock`
compiles, so the two cannot disagree. After adding a dependency to pyproject.toml, run `nox -s lock`.
"""

from __future__ import annotations

import ast
import importlib.metadata
import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
REGENERATE = "run `nox -s lock` and commit requirements/"


def _locks_in_noxfile() -> dict[str, tuple[str, ...]]:
    tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["LOCKS"]:
            return ast.literal_eval(node.value)
    raise AssertionError("noxfile.py has no LOCKS")


LOCKS = _locks_in_noxfile()


@dataclass(frozen=True)
class Pin:
    requirement: Requirement
    hashes: tuple[str, ...]

    @property
    def version(self) -> Version:
        (spec,) = self.requirement.specifier
        return Version(spec.version)


def _logical_lines(text: str) -> list[str]:
    """The lines of a requirements file without comments, continuation lines joined."""
    lines = re.sub(r"\\\n", " ", text).splitlines()
    return [" ".join(line.split()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _pins(name: str) -> dict[str, list[Pin]]:
    pins: dict[str, list[Pin]] = {}
    for line in _logical_lines((REPO / "requirements" / f"{name}.txt").read_text(encoding="utf-8")):
        spec, *options = line.split(" --hash=")
        requirement = Requirement(spec)
        pins.setdefault(canonicalize_name(requirement.name), []).append(Pin(requirement, tuple(options)))
    return pins


def _required(inputs: tuple[str, ...]) -> list[Requirement]:
    """What pyproject.toml asks of a lock compiled from ``inputs`` (arguments of `uv pip compile`)."""
    strings: list[str] = []
    if "pyproject.toml" in inputs:
        strings += PYPROJECT["project"]["dependencies"]
    for flag, value in itertools.pairwise(inputs):
        if flag == "--extra":
            strings += PYPROJECT["project"]["optional-dependencies"][value]
        elif flag == "--group":
            strings += PYPROJECT["dependency-groups"][value]
    return [Requirement(string) for string in strings]


def _extras_requirements(requirement: Requirement) -> list[tuple[Requirement, str]]:
    """What the extras of ``requirement`` (pagefind[extended]) pull in, from the installed distribution,
    each with the extra that pulls it in."""
    if not requirement.extras:
        return []
    try:
        declared = importlib.metadata.requires(requirement.name) or []
    except importlib.metadata.PackageNotFoundError:
        pytest.fail(f"{requirement.name} is not installed: the tests run in the environment of requirements/test.txt")
    found = []
    for string in declared:
        dependency = Requirement(string)
        for extra in sorted(requirement.extras):
            if dependency.marker and dependency.marker.evaluate({"extra": extra}):
                found.append((dependency, extra))
    return found


def test_every_lock_in_requirements_is_compiled_by_nox_lock() -> None:
    on_disk = {path.stem for path in (REPO / "requirements").glob("*.txt")}
    assert on_disk == set(LOCKS), REGENERATE


@pytest.mark.parametrize("name", LOCKS)
def test_the_lock_names_only_packages_versions_and_hashes(name: str) -> None:
    text = (REPO / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    assert "://" not in text, "a URL in the lock: no index host, no direct reference"
    for line in _logical_lines(text):
        assert not line.startswith("-"), f"an option in the lock ({line.split()[0]}): only pins and hashes"
    for pins in _pins(name).values():
        for pin in pins:
            requirement = pin.requirement
            assert not requirement.url and not requirement.extras, requirement
            assert [spec.operator for spec in requirement.specifier] == ["=="], f"{requirement} is not pinned"
            assert pin.hashes, f"{requirement} has no hash"
            assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), pin.hashes


@pytest.mark.parametrize("name", LOCKS)
def test_the_lock_satisfies_pyproject(name: str) -> None:
    pins = _pins(name)
    required = [(requirement, "") for requirement in _required(LOCKS[name])]
    required += [pair for requirement, _ in required for pair in _extras_requirements(requirement)]
    assert required, f"requirements/{name}.txt pins nothing from pyproject.toml"
    for requirement, extra in required:
        key = canonicalize_name(requirement.name)
        if key not in pins:
            # a dependency only for other Pythons or platforms may be left out of a lock made for this one
            assert requirement.marker and not requirement.marker.evaluate({"extra": extra}), (
                f"{requirement} missing: {REGENERATE}"
            )
            continue
        for pin in pins[key]:
            assert requirement.specifier.contains(pin.version, prereleases=True), (
                f"requirements/{name}.txt pins {pin.requirement}, pyproject.toml asks {requirement}: {REGENERATE}"
            )


def test_the_project_locks_can_build_the_project_without_build_isolation() -> None:
    # install_locked() installs the project with --no-build-isolation: the build backend must be locked too
    for name, inputs in LOCKS.items():
        if "pyproject.toml" not in inputs:
            continue
        pins = _pins(name)
        for string in PYPROJECT["build-system"]["requires"]:
            requirement = Requirement(string)
            assert any(
                requirement.specifier.contains(pin.version, prereleases=True)
                for pin in pins.get(canonicalize_name(requirement.name), [])
            ), f"requirements/{name}.txt lacks {requirement}: add it to the `build` group, then {REGENERATE}"


def test_the_site_is_built_with_the_versions_that_were_tested() -> None:
    tested = {key: {pin.version for pin in pins} for key, pins in _pins("test").items()}
    for name, inputs in LOCKS.items():
        if "pyproject.toml" not in inputs or name == "test":
            continue
        for key, pins in _pins(name).items():
            if key in tested:
                assert {pin.version for pin in pins} == tested[key], f"{key} differs in {name}.txt: {REGENERATE}"
