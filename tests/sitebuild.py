"""Build a site from a metadata folder into a temporary directory, as the tests need it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
HAND_WRITTEN = ["conf.py", "about.md"]


def copy_docs(target: Path) -> Path:
    """A private copy of the hand-written Sphinx sources, so tests never write into docs/."""
    target.mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        source = DOCS / name
        if source.is_dir():
            shutil.copytree(source, target / name, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target / name)
    return target


def sphinx_build(srcdir: Path, outdir: Path, metadata: Path, *extra: str) -> tuple[int, str]:
    """Run sphinx-build with warnings as errors; return its exit status and everything it printed."""
    import contextlib

    output = io.StringIO()
    args = [
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-d",
        str(outdir.parent / "doctrees"),
        "-D",
        f"proceedings_metadata_dir={metadata}",
        *extra,
        str(srcdir),
        str(outdir),
    ]
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
        try:
            status = build_main(args)
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    return status, output.getvalue()


def build_with_page(tmp_path: Path, metadata: Path, source: str) -> tuple[int, str, Path]:
    """Build the site with one hand-written page added as ``extra/page.md``, as a site's author may write one
    with our roles and directives; return the exit status, everything printed, and the output folder."""
    srcdir, out = copy_docs(tmp_path / "src"), tmp_path / "html"
    (srcdir / "extra").mkdir()
    (srcdir / "extra/page.md").write_text(source, encoding="utf-8")
    status, log = sphinx_build(srcdir, out, metadata)
    return status, log, out
