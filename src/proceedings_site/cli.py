"""The ``proceedings`` command: ``validate`` and ``build``."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import MetadataError
from .model import Proceedings, load_proceedings

DEFAULT_METADATA = Path("proceedings")
DEFAULT_DOCS = Path("docs")
DEFAULT_OUTPUT = Path("docs/_build/html")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="proceedings", description="Validate and build the TerraBytes proceedings site."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every metadata file and report all problems")
    validate.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )

    build = commands.add_parser("build", help="validate, then build the HTML site")
    build.add_argument("--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)")
    build.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="Sphinx source folder (default: %(default)s)")
    build.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="output folder (default: %(default)s)")
    build.add_argument("-j", "--jobs", default="auto", help="parallel Sphinx processes (default: %(default)s)")

    args = parser.parse_args(argv)
    if args.command == "validate":
        return 0 if _validated(args.metadata) else 1
    return build_site(args.metadata, args.docs, args.out, args.jobs)


def _validated(metadata: Path) -> Proceedings | None:
    try:
        proceedings = load_proceedings(metadata)
    except MetadataError as error:
        print(error.report(), file=sys.stderr)
        return None
    papers = sum(len(edition.papers) for edition in proceedings.editions)
    editions, people = len(proceedings.editions), len(proceedings.people)
    print(f"{metadata}: {editions} editions, {papers} papers, {people} people: all valid.")
    return proceedings


def build_site(metadata: Path, docs: Path, out: Path, jobs: str = "auto") -> int:
    """Build into a staging copy of ``out`` and swap it in only if the build succeeds."""
    if _validated(metadata) is None:
        print("Nothing was built; the previous site is unchanged.", file=sys.stderr)
        return 1
    from sphinx.cmd.build import build_main

    staging = out.with_name(out.name + ".staging")
    doctrees = out.parent / "doctrees"
    shutil.rmtree(staging, ignore_errors=True)
    if out.is_dir():
        shutil.copytree(out, staging)  # a real copy: Sphinx rewrites files in place
    status = build_main(
        [
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-j",
            jobs,
            "-d",
            str(doctrees),
            "-q",
            "-D",
            f"proceedings_metadata_dir={metadata.resolve()}",
            str(docs),
            str(staging),
        ]
    )
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)  # the environment may now be ahead of the kept site
        print("The build failed; the previous site is unchanged.", file=sys.stderr)
        return status
    previous = out.with_name(out.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.is_dir():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site built in {out}/ (open {out / 'index.html'}).")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
