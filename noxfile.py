"""Every task of the project: ``nox -s docs``, ``serve``, ``tests``, ``lint``."""

from __future__ import annotations

import shutil

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_venv = "yes"


@nox.session
def docs(session: nox.Session) -> None:
    """Validate the metadata and build the site into docs/_build/html (parallel Sphinx, warnings are errors)."""
    session.install(".")
    session.run("proceedings", "build", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Preview with live reload at http://127.0.0.1:8000; rebuilds when metadata or code changes."""
    session.install("-e", ".[serve]")
    session.run(
        "sphinx-autobuild",
        "docs",
        "docs/_build/serve",
        "--watch",
        "proceedings",
        "--watch",
        "src",
        "--re-ignore",
        r"\.assembled\.json$|\.md\.tmp$",
        "-j",
        "auto",
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite, browser tests included (system Chromium, else Playwright's own)."""
    session.install("-e", ".[test]")
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        session.run("playwright", "install", "chromium")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting check."""
    session.install("ruff~=0.17.0")  # one minor version: its formatting style does not change under us
    session.run("ruff", "check", "src", "tests", "scripts", "dev", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "scripts", "dev", "noxfile.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Scale benchmark: `nox -s bench -- 300 3000` prints build time, memory, sizes and the ratio to plain Sphinx."""
    session.install(".[test]")  # Playwright measures what a search downloads
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        session.run("playwright", "install", "chromium")
    session.run("python", "-m", "dev.bench", *session.posargs)
