"""The ``proceedings`` command: ``init``, ``validate``, ``build``, ``new-edition``, ``new-paper``, ``new-person``,
``new-keynote``, ``new-slot``, ``import-openreview``, ``import-pmlr``, ``export-pmlr``, ``schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, building
from .authoring import commands as authoring_commands
from .authoring import scaffold
from .authoring.engine import installed_engine, local_warning
from .authoring.newsite import NewSiteError, init_site
from .authoring.schema import write_schemas
from .bridges import openreview_options, pmlr
from .bridges.openreview import ImportReport, import_openreview, load_edition
from .bridges.openreview_api import DEFAULT_API, import_venue
from .bridges.openreview_client import Limits
from .commandline import (
    DEFAULT_DOCS,
    DEFAULT_METADATA,
    DEFAULT_OUTPUT,
    MAIN_EPILOG,
    describe_and_locate,
    locate_site,
    plural,
)
from .errors import MetadataError
from .model import Edition, Proceedings, load_proceedings
from .untrusted import one_line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="proceedings",
        description="Validate and build a workshop's proceedings site.",
        epilog=MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every metadata file and report all problems")
    validate.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )
    validate.add_argument(
        "--docs",
        type=Path,
        default=argparse.SUPPRESS,  # absent unless given: the default follows the metadata folder, not --root
        help="Sphinx folder whose conf.py must load (default: docs/ beside the metadata folder, if there is one)",
    )

    build = commands.add_parser("build", help="validate, then build the HTML site")
    build.add_argument("--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)")
    build.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="Sphinx source folder (default: %(default)s)")
    build.add_argument("--out", type=Path, default=DEFAULT_OUTPUT, help="output folder (default: %(default)s)")
    build.add_argument("-j", "--jobs", default="auto", help="parallel Sphinx processes (default: %(default)s)")
    build.add_argument(
        "-D", dest="settings", action="append", default=[], metavar="NAME=VALUE", help="override a conf.py setting"
    )

    init = commands.add_parser("init", help="start a new site repository for a workshop")
    init.add_argument("directory", type=Path, help="where to create it (absent or empty)")
    init.add_argument("--name", required=True, help='the workshop\'s name, such as "Workshop on Sea Ice Sensing"')
    init.add_argument("--url", help="the address where the site will be published, such as https://example.org/ice/")
    init.add_argument(
        "--engine",
        help="the requirement that installs the engine, for requirements.txt (default: this engine, named the way "
        "it was installed: proceedings-site==VERSION from the package index, a repository at its commit…)",
    )

    new_edition = commands.add_parser("new-edition", help="scaffold an edition folder")
    new_edition.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )
    new_edition.add_argument("--id", required=True, help="the folder name and address, such as 2027-demo")
    new_edition.add_argument("--title", required=True, help="the edition's name")
    new_edition.add_argument("--date", required=True, help="the workshop's date, YYYY-MM-DD")
    new_edition.add_argument("--timezone", required=True, help="IANA time zone of the venue, such as Europe/Oslo")
    new_edition.add_argument("--city", required=True, help='such as "Tromsø, Norway"')

    new_paper = commands.add_parser("new-paper", help="scaffold a paper file and register its new authors")
    new_paper.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )
    new_paper.add_argument("--edition", required=True, help="edition id: its folder in proceedings/")
    new_paper.add_argument("--title", required=True, help="the paper's title")
    new_paper.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME[=PERSON-ID|=new]",
        help="an author, in order; repeat for each. NAME=PERSON-ID says who a namesake is",
    )
    new_paper.add_argument("--track", help="a track id from site.yaml (default: the first one there)")
    authoring_commands.add_parsers(commands, DEFAULT_METADATA)  # new-person, new-keynote, new-slot

    importer = commands.add_parser(
        "import-openreview", help="create or update papers from an OpenReview venue or an API v2 export"
    )
    importer.add_argument(
        "export", type=Path, nargs="?", help="JSON of the venue's accepted notes, as the API returns it"
    )
    importer.add_argument("--venue", help="fetch the accepted papers of this venue id instead, such as Conf.cc/2026/W")
    importer.add_argument("--api-url", default=DEFAULT_API, help="OpenReview API v2 address (default: %(default)s)")
    importer.add_argument("--token", help="OpenReview token for a venue that is not public (or OPENREVIEW_TOKEN)")
    importer.add_argument("--edition", required=True, help="edition id: its folder in proceedings/")
    importer.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )
    openreview_options.add_limits(importer)

    import_pmlr = commands.add_parser("import-pmlr", help="fill ids, pages and links from a published volume file")
    import_pmlr.add_argument("volume", type=Path, help="the volume's BibTeX file, as the series published it")
    import_pmlr.add_argument("--edition", required=True, help="edition id: its folder in proceedings/")
    import_pmlr.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )

    export_pmlr = commands.add_parser("export-pmlr", help="write the volume file the proceedings series asks for")
    export_pmlr.add_argument("--edition", required=True, help="edition id: its folder in proceedings/")
    export_pmlr.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export_pmlr.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )

    schemas = commands.add_parser("schema", help="regenerate schemas/ and the schema header of every metadata file")
    schemas.add_argument(
        "--metadata", type=Path, default=DEFAULT_METADATA, help="metadata folder (default: %(default)s)"
    )

    describe_and_locate(commands, argv)
    args = parser.parse_args(argv)
    if (located := locate_site(args)) is not None:
        return located
    if args.command in authoring_commands.COMMANDS:
        return authoring_commands.run(args)
    if args.command == "init":
        return _init(args.directory, args.name, args.engine, args.url)
    if args.command == "new-edition":
        return _new_edition(args.metadata, args.id, args.title, args.date, args.timezone, args.city)
    if args.command == "validate":
        return building.validate(args.metadata, getattr(args, "docs", None))
    if args.command == "new-paper":
        return _new_paper(args.metadata, args.edition, args.title, args.author, args.track)
    if args.command == "import-openreview":
        if (args.export is None) == (args.venue is None):
            parser.error("import-openreview: give an export file or --venue, not both")
        return _import(
            args.metadata,
            args.edition,
            args.export,
            args.venue,
            args.api_url,
            args.token,
            openreview_options.limits(args),
        )
    if args.command == "import-pmlr":
        return _import_pmlr(args.metadata, args.edition, args.volume)
    if args.command == "export-pmlr":
        return _export_pmlr(args.metadata, args.edition, args.out)
    if args.command == "schema":
        return _schema(args.metadata)
    return building.build_site(args.metadata, args.docs, args.out, args.jobs, args.settings)


def _init(directory: Path, name: str, engine: str | None, url: str | None) -> int:
    source = installed_engine() if engine is None else None
    try:
        written = init_site(directory, name, engine or (source and source.requirement), url)
    except NewSiteError as error:
        print(f"init: {error}\nNothing was written.", file=sys.stderr)
        return 2
    print(f"Created {plural(len(written), 'file')} in {directory}/.")
    if source is not None and source.local:
        print(local_warning(source, directory), file=sys.stderr)
    print(f"Next: cd {directory}, add an edition with `proceedings new-edition`, then `proceedings build`.")
    return 0


def _new_edition(metadata: Path, edition_id: str, title: str, date: str, timezone: str, city: str) -> int:
    if building.validated(metadata, quiet=True) is None:
        print("Fix the problems above first; nothing was written.", file=sys.stderr)
        return 1
    try:
        files = scaffold.edition_files(metadata, edition_id, title, date, timezone, city)
        scaffold.write(files)
    except scaffold.ScaffoldError as error:
        print(f"new-edition: {error}\nNothing was written.", file=sys.stderr)
        return 2
    for path in files:
        print(f"created {path}")
    print("Next: fill in the edition file, then `proceedings new-paper --edition " + edition_id + " …`.")
    return 0


def _new_paper(metadata: Path, edition: str, title: str, authors: list[str], track: str) -> int:
    proceedings = building.validated(metadata, quiet=True)
    if proceedings is None:
        print("Fix the problems above first; nothing was written.", file=sys.stderr)
        return 1
    ask = scaffold.ask_on_terminal(proceedings.people) if scaffold.interactive() else None
    try:
        plan = scaffold.plan(proceedings, edition, title, authors, track, ask)
        scaffold.write(plan.files)
    except scaffold.ScaffoldError as error:
        print(f"new-paper: {error}\nNothing was written.", file=sys.stderr)
        return 2
    print(f"created {plan.paper_path}")
    for author in plan.authors:
        if author.created:
            print(f"created {metadata / 'people' / author.person}.yaml for {author.name}")
    print("Next: fill in the keywords and links, then run `proceedings validate`.")
    return 0


def _import(
    metadata: Path,
    edition: str,
    export: Path | None,
    venue: str | None,
    api_url: str,
    token: str | None,
    limits: Limits,
) -> int:
    try:
        report: ImportReport = (
            import_venue(metadata, edition, venue, api_url, token, limits)
            if venue is not None
            else import_openreview(metadata, edition, export or Path())
        )
    except MetadataError as error:
        building.report(error)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    for label, items in (
        ("created", report.created),
        ("updated", report.updated),
        ("new people", report.new_people),
        ("kept as edited by hand", report.kept),
    ):
        if items:
            print(one_line(f"{label}: {', '.join(items)}"))
    for note in report.notes:
        print(one_line(f"note: {note}"))
    print(f"{plural(len(report.written), 'file')} written." if report.written else "Everything was already up to date.")
    return 0


# --- proceedings series -------------------------------------------------------------------------------------------


def _published_tracks(proceedings: Proceedings) -> set[str]:
    """The tracks whose papers the proceedings series publishes (``in_series`` in site.yaml)."""
    return {track.id for track in proceedings.site.tracks if track.in_series}


def _series(proceedings: Proceedings) -> pmlr.Series:
    """PMLR, under the name and publisher site.yaml gives its series, with PMLR's addresses of papers."""
    configured = proceedings.site.series
    return pmlr.Series(
        name=configured.name if configured else pmlr.SERIES_NAME,
        publisher=configured.publisher if configured else pmlr.PUBLISHER,
        page_url=pmlr.PAGE_URL,
        pdf_url=pmlr.PDF_URL,
    )


def _import_pmlr(metadata: Path, edition: str, volume: Path) -> int:
    try:
        proceedings = load_proceedings(metadata)
        report = pmlr.import_volume(metadata, edition, volume, _published_tracks(proceedings), _series(proceedings))
    except MetadataError as error:
        building.report(error)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    if report.updated:
        print(one_line(f"updated: {', '.join(report.updated)}"))
    for entry in report.unmatched:
        print(one_line(f"not matched to any paper: {entry}"))
    if report.missing:
        print(one_line(f"papers the volume lacks: {', '.join(report.missing)}"))
    if report.unpublished:
        print(one_line(f"in the volume without pages (not filled): {', '.join(report.unpublished)}"))
    print(f"{plural(len(report.written), 'file')} written." if report.written else "Everything was already up to date.")
    return 0


def _export_pmlr(metadata: Path, edition_id: str, out: Path | None) -> int:
    try:
        proceedings, edition = load_edition(metadata, edition_id)
    except MetadataError as error:
        building.report(error)
        print("Nothing was written.", file=sys.stderr)
        return 1
    if out is not None and not out.parent.is_dir():
        print(
            f"export-pmlr: --out {out}: the folder {out.parent} does not exist.\nNothing was written.", file=sys.stderr
        )
        return 2
    if reason := _nothing_to_export(proceedings, edition):
        print(f"export-pmlr: {reason}\nNothing was written.", file=sys.stderr)
        return 2
    text = pmlr.export_volume(proceedings, edition, _published_tracks(proceedings), _series(proceedings))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


def _nothing_to_export(proceedings: Proceedings, edition: Edition) -> str | None:
    """Why the volume would be empty (no series, no track in it, no paper in those tracks), or None."""
    site = f"{proceedings.root / 'site.yaml'}"
    if proceedings.site.series is None:
        return (
            f"{site} names no series: add `series:` (name, short_name, publisher) and `in_series: true` "
            "to the tracks it publishes"
        )
    tracks = _published_tracks(proceedings)
    if not tracks:
        return f"no track in {site} has `in_series: true`: mark the tracks whose papers the series publishes"
    if not any(paper.track in tracks for paper in edition.papers.values()):
        return f"{edition.id} has no paper in the tracks the series publishes ({', '.join(sorted(tracks))})"
    return None


def _schema(metadata: Path) -> int:
    if not (metadata / "site.yaml").is_file():  # else the schemas would land beside a folder that is not one
        print(
            f"schema: --metadata {metadata}: no site.yaml there; give the metadata folder.\nNothing was written.",
            file=sys.stderr,
        )
        return 2
    changed = write_schemas(metadata)
    print("\n".join(f"updated {path}" for path in changed) or "schemas and headers are up to date")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
