"""noxfile.py's installs: a session's environment is installed into again only when what it is installed from
changed. nox is not part of the test environment, so noxfile.py is loaded with a stand-in for it."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from .sitebuild import REPO


@pytest.fixture
def noxfile(monkeypatch: pytest.MonkeyPatch) -> Any:
    stand_in = types.ModuleType("nox")
    stand_in.session = lambda function=None, **_: function if function else (lambda f: f)  # type: ignore[attr-defined]
    stand_in.options = types.SimpleNamespace()  # type: ignore[attr-defined]
    stand_in.Session = object  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nox", stand_in)
    spec = importlib.util.spec_from_file_location("noxfile_under_test", REPO / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Session:
    """What ``install_locked`` uses of a nox session: its environment's folder, installs, a log."""

    def __init__(self, location: Path | None) -> None:
        self.virtualenv = types.SimpleNamespace(location=str(location) if location else None)
        self.installed: list[tuple[str, ...]] = []

    def install(self, *args: str) -> None:
        self.installed.append(args)

    def log(self, message: str) -> None:
        pass


def project(root: Path) -> Path:
    for name, text in {
        "requirements/site.txt": "sphinx==9.0.0\n",
        "pyproject.toml": "[project]\nname = 'x'\n",
        "README.md": "# x\n",
        "src/x/__init__.py": "",
        "src/x/pages.py": "PAGES = 1\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_an_environment_is_installed_into_again_only_when_what_it_is_installed_from_changed(
    noxfile: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "repo")
    monkeypatch.setattr(noxfile, "HERE", root)
    session = Session(tmp_path / "venv")
    (tmp_path / "venv").mkdir()

    def installs() -> int:
        before = len(session.installed)
        noxfile.install_locked(session, "site", ".")
        return len(session.installed) - before

    assert installs() == 2  # the lock, then the project
    assert installs() == 0
    (root / "src/x/__pycache__").mkdir()
    (root / "src/x/__pycache__/pages.cpython-311.pyc").write_bytes(b"\0")
    (root / "src/x.egg-info").mkdir()
    (root / "src/x.egg-info/PKG-INFO").write_text("made by building")
    assert installs() == 0  # what building and running leave in src/
    for changed in ("src/x/pages.py", "requirements/site.txt", "pyproject.toml", "README.md"):
        (root / changed).write_text((root / changed).read_text() + "# changed\n")
        assert installs() == 2, changed
        assert installs() == 0, changed
    (root / "src/x/new.py").write_text("")
    assert installs() == 2


def test_an_editable_install_follows_its_files_and_an_install_that_fails_is_done_again(
    noxfile: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path / "repo")
    monkeypatch.setattr(noxfile, "HERE", root)
    (tmp_path / "venv").mkdir()
    session = Session(tmp_path / "venv")
    noxfile.install_locked(session, "site", "-e .")
    (root / "src/x/pages.py").write_text("PAGES = 2\n")
    noxfile.install_locked(session, "site", "-e .")
    assert len(session.installed) == 2  # the editable install reads src/ as it is
    noxfile.install_locked(session, "site", ".")  # another kind of install: done
    assert len(session.installed) == 4

    def failing(*args: str) -> None:
        raise RuntimeError("pip failed")

    pyproject = (root / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text("[project]\nname = 'y'\n")
    installing = session.install
    session.install = failing  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        noxfile.install_locked(session, "site", ".")
    session.install = installing  # type: ignore[method-assign]
    (root / "pyproject.toml").write_text(pyproject)  # back as when it was last installed whole
    session.installed.clear()
    noxfile.install_locked(session, "site", ".")
    assert len(session.installed) == 2  # the failed install may have changed the environment


def test_without_an_environment_of_its_own_every_session_installs(
    noxfile: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(noxfile, "HERE", project(tmp_path / "repo"))
    session = Session(None)  # nox --no-venv
    noxfile.install_locked(session, "site", ".")
    noxfile.install_locked(session, "site", ".")
    assert len(session.installed) == 4
