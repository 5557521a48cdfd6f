"""Sphinx's checks of what to read and write again, done quickly, give Sphinx's answers (``sphinxext.outdated``)."""

from __future__ import annotations

import io
import os
import pickle
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.project import Project
from sphinx.util.docutils import docutils_namespace

from proceedings_site.sphinxext import outdated

SUFFIXES = (".rst", ".txt")
CONF = "source_suffix = {'.rst': 'restructuredtext', '.txt': 'restructuredtext'}\nexclude_patterns = ['_build']\n"


def write(path: Path, text: str = "Title\n=====\n\nText.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def source_tree(root: Path) -> Path:
    """Names and places that each of Sphinx's rules has an opinion on."""
    for name in (
        "index.rst",
        "a/b.rst",
        "a/c.txt",
        "a/deeper/d.rst",
        "drafts/x.rst",  # excluded by a pattern
        "_build/html/y.rst",  # excluded folder
        ".#lock.rst",  # an editor's lock file (Sphinx's own exclusions)
        "z/_sources/q.rst",
        "app.lproj/l.rst",
        "notes.md",  # not a source suffix
        "café.rst",
        "with space.rst",
    ):
        write(root / name)
    return root


def both_discover(srcdir: Path, exclude: list[str], include: list[str]) -> tuple[Project, Project]:
    sphinx_project, ours = Project(srcdir, SUFFIXES), Project(srcdir, SUFFIXES)
    Project.discover(sphinx_project, exclude, include)
    outdated.discover(ours, exclude, include)
    return sphinx_project, ours


def assert_same_projects(sphinx_project: Project, ours: Project) -> None:
    assert ours.docnames == sphinx_project.docnames
    assert list(ours._path_to_docname.items()) == list(sphinx_project._path_to_docname.items())
    assert list(ours._docname_to_path.items()) == list(sphinx_project._docname_to_path.items())


@pytest.mark.parametrize(
    ("exclude", "include"),
    [
        (["_build", "drafts/**"], ["**"]),
        (["a/deeper"], ["a/**", "index.rst", "caf*"]),
        (["*.txt", "with ?pace.rst"], ["**"]),
        ([], []),
    ],
)
def test_the_source_folder_is_listed_as_sphinx_lists_it(tmp_path: Path, exclude: list[str], include: list[str]) -> None:
    sphinx_project, ours = both_discover(source_tree(tmp_path), exclude, include)
    assert_same_projects(sphinx_project, ours)
    if include == ["**"]:
        assert "café" in ours.docnames and "a/deeper/d" in ours.docnames


@pytest.mark.parametrize(
    "odd",
    [
        ["twice.rst", "twice.txt"],  # one document, two files
        [unicodedata.normalize("NFD", "naïve.rst")],  # normalised, its name no longer opens the file (Linux)
    ],
)
def test_a_document_found_twice_or_unreadable_is_sphinx_s_to_warn_about(
    tmp_path: Path, monkeypatch, odd: list[str]
) -> None:
    write(tmp_path / "index.rst")
    for name in odd:
        write(tmp_path / name)
    # (a file system that normalises names itself, macOS's, opens the second case's file: nothing odd there)
    handed_back = len(odd) == 2 or not os.access(tmp_path / unicodedata.normalize("NFC", odd[0]), os.R_OK)
    asked: list[str] = []
    sphinx_discover = Project.discover

    def discover(project: Project, *args: object) -> set[str]:
        asked.append("sphinx")
        return sphinx_discover(project, *args)

    monkeypatch.setattr(Project, "discover", discover)
    sphinx_project, ours = both_discover(tmp_path, [], ["**"])
    assert asked == ["sphinx"] * (1 + handed_back)  # once for the comparison, once more if handed back
    assert_same_projects(sphinx_project, ours)


@pytest.fixture(autouse=True)
def own_registry() -> Iterator[None]:
    """What the plain Sphinx apps here register (nodes, roles) is gone after each test, as after sphinx-build."""
    with docutils_namespace():
        yield


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A plain Sphinx project built once: its sources, environment and pages are the last build's."""
    srcdir = tmp_path / "src"
    write(srcdir / "conf.py", CONF)
    write(srcdir / "index.rst", "Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n   a/*\n")
    for name in ("one.rst", "two.rst", "three.txt", "a/four.rst", "a/five.rst", "gone.rst"):
        write(srcdir / name)
    app(tmp_path).build()
    return tmp_path


def app(root: Path) -> Sphinx:
    out = root / "out"
    return Sphinx(root / "src", root / "src", out, out / ".doctrees", "html", status=io.StringIO(), warning=None)


def age(path: Path, seconds: float) -> None:
    """Make ``path`` ``seconds`` older (negative: newer) than it is."""
    found = path.stat()
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns - int(seconds * 1e9)))


def test_outdated_sources_and_pages_are_what_sphinx_finds(built: Path) -> None:
    srcdir, out = built / "src", built / "out"
    age(srcdir / "one.rst", -5)  # edited: newer than when it was read and than its page
    write(srcdir / "new.rst")  # added
    (srcdir / "gone.rst").unlink()  # removed
    (out / ".doctrees" / "two.doctree").unlink()  # its doctree lost: read again
    (out / "a" / "four.html").unlink()  # its page lost: written again
    age(out / "a" / "five.html", 3600)  # a page older than its source
    fresh = app(built)
    env, builder = fresh.env, fresh.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    env.find_files(fresh.config, builder)

    pages = sorted(outdated.outdated_pages(builder))
    assert pages == sorted(StandaloneHTMLBuilder.get_outdated_docs(builder))
    assert pages == ["a/five", "a/four", "new", "one"]

    ours = outdated.outdated_sources(env, False)
    assert ours == BuildEnvironment.get_outdated_files(env, False)
    assert ours == ({"new"}, {"one", "two"}, {"gone"})


def test_a_source_a_microsecond_newer_is_read_again_as_sphinx_would(built: Path) -> None:
    """Sphinx compares times in microseconds, rounded up: the same rounding here."""
    source = built / "src" / "one.rst"
    recorded = app(built).env.all_docs["one"]
    for nanoseconds, changed in ((recorded * 1000, False), (recorded * 1000 + 1, True)):
        os.utime(source, ns=(nanoseconds, nanoseconds))
        fresh = app(built)
        env = fresh.env
        env.find_files(fresh.config, fresh.builder)
        ours = outdated.outdated_sources(env, False)
        assert ours == BuildEnvironment.get_outdated_files(env, False)
        assert ("one" in ours[1]) is changed


def test_a_changed_build_or_newer_template_is_sphinx_s_to_handle(built: Path) -> None:
    out = built / "out"
    info = out / ".buildinfo"
    info.write_text(info.read_text(encoding="utf-8").replace("config: ", "config: changed"), encoding="utf-8")
    builder = app(built).builder
    assert set(outdated.outdated_pages(builder)) == set(builder.env.found_docs)  # every page, as Sphinx does
    assert (out / ".buildinfo.bak").is_file()  # and Sphinx kept the old information aside


def test_a_build_uses_the_quick_checks_and_pickles_an_environment_without_them(sphinx_builder, monkeypatch) -> None:
    used: list[str] = []
    for name in ("discover", "outdated_sources", "outdated_pages"):
        function = getattr(outdated, name)
        monkeypatch.setattr(
            outdated, name, lambda *args, function=function, name=name: used.append(name) or function(*args)
        )
    site = sphinx_builder().build()
    assert sorted(set(used)) == ["discover", "outdated_pages", "outdated_sources"]
    env = pickle.loads((site.doctrees / "environment.pickle").read_bytes())
    assert "get_outdated_files" not in vars(env) and "discover" not in vars(env.project)
    used.clear()
    site.build()  # nothing changed: nothing is read or written again
    assert "outdated_pages" in used
