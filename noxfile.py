"""Every task of the project: ``nox -s docs``, ``serve``, ``tests``, ``lint``, ``lock``, ``dist``."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_venv = "yes"

# The locks in requirements/: exact versions with hashes, resolved from pyproject.toml by `nox -s lock`.
# name: what pyproject.toml's part it pins (tests/test_lock.py checks the same list).
LOCKS = {
    # resolved first: the others follow its pins. The packaging test builds with `release` and installs with `uv`.
    "test": ("pyproject.toml", "--extra", "test", "--group", "build", "--group", "release", "--group", "uv"),
    "site": ("pyproject.toml", "--group", "build", "-c", "requirements/test.txt"),
    "serve": ("pyproject.toml", "--extra", "serve", "--group", "build", "-c", "requirements/test.txt"),
    "lint": ("--group", "lint"),
    "release": ("--group", "release", "--group", "build", "-c", "requirements/test.txt"),
    "nox": ("--group", "nox"),
    "uv": ("--group", "uv"),
    "mutants": (
        "pyproject.toml",
        "--extra",
        "test",
        "--group",
        "build",
        "--group",
        "mutants",
        "-c",
        "requirements/test.txt",
    ),
}


HERE = Path(__file__).parent


def install_locked(session: nox.Session, lock: str, project: str | None = None) -> None:
    """Install requirements/<lock>.txt exactly (pip refuses a file whose hash differs), then the project as
    ``project`` ("." or "-e .") without resolving anything again and without fetching a build backend.

    Nothing is installed when the session's environment already holds exactly this: a digest of what it was
    installed from is kept in the environment (``install_digest``). pip took 3 s of every `nox -s docs` only to
    find everything installed and to build the same wheel again."""
    stamp = installed_stamp(session, lock)
    digest = install_digest(HERE, lock, project)
    if stamp is not None and stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        session.log(f"requirements/{lock}.txt{' and the project' if project else ''} installed as they are now")
        return
    if stamp is not None:
        stamp.unlink(missing_ok=True)  # until the installs below have succeeded
    session.install("--require-hashes", "-r", f"requirements/{lock}.txt")
    if project:
        session.install("--no-deps", "--no-build-isolation", *project.split())
    if stamp is not None:
        stamp.write_text(digest, encoding="utf-8")


def installed_stamp(session: nox.Session, lock: str) -> Path | None:
    """Where the environment keeps the digest of what it was installed from; none without an environment of
    its own (``--no-venv``)."""
    location = getattr(session.virtualenv, "location", None)
    return Path(location) / f".installed-{lock}" if location else None


def install_digest(root: Path, lock: str, project: str | None) -> str:
    """A digest of what ``install_locked`` installs from: the lock file and, with the project, pyproject.toml; for
    a copy of the project (not an editable install, which follows its files), its README.md and every file under
    src/ too, but what building it leaves there (``*.egg-info``, ``__pycache__``)."""
    digest = hashlib.blake2b(f"{lock}\n{project}\n".encode(), digest_size=16)
    read = [root / "requirements" / f"{lock}.txt"]
    if project:
        read.append(root / "pyproject.toml")
    if project and not project.startswith("-e"):
        read.append(root / "README.md")
        read += sorted(
            path
            for path in (root / "src").rglob("*")
            if path.is_file()
            and not any(part == "__pycache__" or part.endswith(".egg-info") for part in path.relative_to(root).parts)
        )
    for path in read:
        digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest() if path.is_file() else b"-")
    return digest.hexdigest()


@nox.session
def docs(session: nox.Session) -> None:
    """Validate the metadata and build the site into docs/_build/html (parallel Sphinx, warnings are errors)."""
    install_locked(session, "site", ".")
    session.run("proceedings", "build", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Preview with live reload at http://127.0.0.1:8000; rebuilds when metadata or code changes."""
    install_locked(session, "serve", "-e .")
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
    """Run the whole test suite, browser tests included (system Chromium, else Playwright's own), one worker per
    core (pytest-xdist). Each test module stays on one worker, so the sites its fixtures build are built once;
    ``nox -s tests -- -n 0 tests/test_x.py`` runs tests in this process."""
    install_locked(session, "test", "-e .")
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        session.run("playwright", "install", "chromium")
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting check; zizmor: the GitHub Actions workflows and Dependabot configuration."""
    install_locked(session, "lint")
    session.run("ruff", "check", "src", "tests", "scripts", "dev", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "scripts", "dev", "noxfile.py")
    # Offline: the audits that need GitHub's API cannot run here; default persona, every finding fails.
    session.run("zizmor", "--offline", "--no-progress", ".github")
    # and the workflows `proceedings init` gives new sites (templates; they hold no template field)
    starter = Path(session.create_tmp()) / "starter-workflows"
    shutil.rmtree(starter, ignore_errors=True)
    starter.mkdir(parents=True)
    for template in Path("src/proceedings_site/authoring/starter/github/workflows").glob("*.yml.tmpl"):
        shutil.copy(template, starter / template.name.removesuffix(".tmpl"))
    session.run("zizmor", "--offline", "--no-progress", *sorted(str(path) for path in starter.iterdir()))


@nox.session
def lock(session: nox.Session) -> None:
    """Re-resolve requirements/*.txt from pyproject.toml, keeping the current pins where they still fit.

    `nox -s lock -- --upgrade` moves everything to the newest versions, `-- --upgrade-package NAME` one package.
    """
    install_locked(session, "uv")
    for name, inputs in LOCKS.items():
        session.run(
            "uv", "pip", "compile", *inputs,
            "--universal",  # one lock for Linux, macOS and Windows, every Python the project supports
            "--python-version", "3.11",  # the oldest it supports (requires-python)
            "--fork-strategy", "fewest",  # the same version on every Python where one fits them all
            "--generate-hashes",  # of every wheel and sdist of each pinned version
            "--custom-compile-command", "nox -s lock",
            "--quiet",
            "--output-file", f"requirements/{name}.txt",
            *session.posargs,
        )  # fmt: skip


@nox.session
def dist(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/ and check them as the package index will (`twine check --strict`).

    `nox -s dist -- v1.2.3` (what the release workflow runs for a tag) also checks that the tag names the version
    that was built and that CHANGELOG.md has its entry.
    """
    install_locked(session, "release")
    shutil.rmtree("dist", ignore_errors=True)
    # The locked setuptools, not whichever an isolated build would fetch.
    session.run("python", "-m", "build", "--no-isolation", "--outdir", "dist")
    built = sorted(str(path) for path in Path("dist").iterdir())
    session.run("twine", "check", "--strict", *built)
    version = re.search(r'^__version__ = "(.+)"$', Path("src/proceedings_site/__init__.py").read_text(), re.M)
    for tag in session.posargs:
        if version is None or tag != f"v{version[1]}":
            session.error(f"the tag {tag} does not name the version built, {version and version[1]}")
        if f"## [{version[1]}]" not in Path("CHANGELOG.md").read_text(encoding="utf-8"):
            session.error(f"CHANGELOG.md has no entry for {version[1]} (a heading `## [{version[1]}] - DATE`)")


@nox.session
def bench(session: nox.Session) -> None:
    """Scale benchmark: `nox -s bench -- 300 3000` prints build time, memory, sizes and the ratio to plain Sphinx."""
    install_locked(session, "test", ".")  # Playwright measures what a search downloads
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        session.run("playwright", "install", "chromium")
    session.run("python", "-m", "dev.bench", *session.posargs)


@nox.session
def mutants(session: nox.Session) -> None:
    """Mutation testing of what guards readers (textformat/, sphinxext/safety.py, model/fields.py, layout.py), with
    the tests that cover them ([tool.mutmut] in pyproject.toml); prints the score. Not part of CI: it takes long.

    Arguments go to `mutmut run`: `nox -s mutants -- --max-children 1 "proceedings_site.layout*"` tests one module's
    mutants with one worker. `.nox/mutants/bin/mutmut browse` shows the survivors.
    """
    install_locked(session, "mutants", "-e .")
    session.run("mutmut", "run", *session.posargs)
    session.run("python", "-m", "dev.mutation_score")
