"""One builder for every test that builds a site, in the style of sphinx-design's ``SphinxBuilder``.

A ``SphinxBuilder`` owns a folder: ``src`` (a private copy of the hand-written Sphinx sources, so tests never write
into ``docs/``), ``out`` (the HTML) and ``doctrees`` beside it. ``build()`` runs sphinx-build on a metadata folder
as CI does (``-W --keep-going``, ``-D proceedings_metadata_dir=…``) and, unless told otherwise, asserts that it
passed without a warning. The fixtures in ``conftest.py`` make builders for the fixture workshop and for the real
metadata.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parents[1]
REAL_METADATA = REPO / "proceedings"
REAL_DOCS = REPO / "docs"
WORKSHOP = Path(__file__).resolve().parent / "fixtures" / "workshop"
WORKSHOP_METADATA = WORKSHOP / "proceedings"
WORKSHOP_DOCS = WORKSHOP / "docs"
HAND_WRITTEN = ["conf.py", "about.md"]


class SphinxBuilder:
    """Builds the site of ``metadata`` with the hand-written sources of ``docs`` under ``root``."""

    def __init__(self, root: Path, metadata: Path, docs: Path = WORKSHOP_DOCS) -> None:
        self.root = root
        self.metadata = metadata
        self.src = root / "src"
        self.out = root / "html"
        self.doctrees = root / "doctrees"
        self.src.mkdir(parents=True, exist_ok=True)
        for name in HAND_WRITTEN:
            shutil.copy2(docs / name, self.src / name)
        self.status: int | None = None
        self.output = ""

    def build(self, *extra: str, assert_pass: bool = True) -> SphinxBuilder:
        """Run sphinx-build with warnings as errors (``extra``: more arguments, such as ``-j 2``). With
        ``assert_pass``, fail the test unless it succeeded without a warning."""
        args = [
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            "-d",
            str(self.doctrees),
            "-D",
            f"proceedings_metadata_dir={self.metadata}",
            *extra,
            str(self.src),
            str(self.out),
        ]
        captured = io.StringIO()
        with contextlib.redirect_stderr(captured), contextlib.redirect_stdout(captured):
            try:
                self.status = build_main(args)
            except SystemExit as exit_:
                self.status = int(exit_.code or 0)
        self.output = captured.getvalue()
        if assert_pass:
            assert self.status == 0, self.output
            assert self.warnings == "", self.output
        return self

    @property
    def passed(self) -> bool:
        return self.status == 0

    @property
    def warnings(self) -> str:
        """The warnings and errors of the last build (``-q`` prints nothing else), one a line."""
        return "\n".join(line for line in self.output.splitlines() if "WARNING" in line or "ERROR" in line)

    def add_page(self, name: str, source: str) -> Path:
        """A hand-written page (``extra/page.md``), as a site's author may write one with our roles and directives."""
        path = self.src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        return path

    def path(self, page: str) -> Path:
        """A built file, by its path from the site root (``2024-christchurch/program.html``)."""
        return self.out / page

    def html(self, page: str) -> str:
        return self.path(page).read_text(encoding="utf-8")

    def soup(self, page: str) -> BeautifulSoup:
        """A built page, parsed now (pages change between builds; ``htmlpage.parse`` caches)."""
        return BeautifulSoup(self.html(page), "lxml")

    def files(self) -> list[Path]:
        """Every file of the built site."""
        return sorted(path for path in self.out.rglob("*") if path.is_file())


def copy_metadata(source: Path, target: Path) -> Path:
    """A private, editable copy of a metadata folder; returns the copy."""
    shutil.copytree(source, target)
    return target
