"""What every ``proceedings`` command shares: where the site is (``--root``), help with examples in the site's own
ids, and counts in words.

The ids (the latest edition, the first track, the workshop's name) are read from the site the command runs in,
by listing folders and reading site.yaml leniently: help must work on a site whose metadata is broken, and
outside any site (then the examples use an invented edition).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_METADATA = Path("proceedings")
DEFAULT_DOCS = Path("docs")
DEFAULT_OUTPUT = Path("docs/_build/html")
NOT_A_SITE = "no proceedings/ folder here; run inside your site or pass --root DIR"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 paper``, ``2 papers``, ``1 person``, ``3 people``."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


@dataclass(frozen=True)
class SiteIds:
    name: str = "Workshop on Sea Ice Sensing"
    edition: str = "2027-demo"
    track: str = "paper"
    next_year: int = dt.date.today().year + 1

    @property
    def next_edition(self) -> str:
        return f"{self.next_year}-demo"


def site_ids(metadata: Path) -> SiteIds:
    """The ids of the site whose metadata folder is ``metadata``; invented ones where it has none."""
    found: dict[str, object] = {}
    try:
        site = yaml.safe_load((metadata / "site.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        site = None
    if isinstance(site, dict):
        if isinstance(site.get("name"), str):
            found["name"] = " ".join(site["name"].split())
        tracks = site.get("tracks")
        if isinstance(tracks, list) and tracks and isinstance(tracks[0], dict) and tracks[0].get("id"):
            found["track"] = str(tracks[0]["id"])
    editions = sorted(folder.name for folder in _folders(metadata) if (folder / "edition.yaml").is_file())
    if editions:
        found["edition"] = editions[-1]
        years = [int(year[0]) for edition in editions if (year := re.match(r"\d{4}", edition))]
        if years:
            found["next_year"] = max(years) + 1
    return SiteIds(**found)  # type: ignore[arg-type]


def _folders(metadata: Path) -> list[Path]:
    try:
        return [entry for entry in metadata.iterdir() if entry.is_dir()]
    except OSError:
        return []


def describe_and_locate(commands: argparse._SubParsersAction, argv: Sequence[str] | None) -> None:
    """Every command gets its description and examples (with the site's ids when help is asked for), and every
    command that reads a site gets ``--root``; its other folders default to the ones in that root."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    asked = {"-h", "--help"} & set(arguments)
    roots = [after for before, after in itertools.pairwise(arguments) if before == "--root"]
    roots += [argument.removeprefix("--root=") for argument in arguments if argument.startswith("--root=")]
    root = Path(roots[-1]) if roots else Path()
    ids = site_ids(root / DEFAULT_METADATA) if asked else None
    for name, command in commands.choices.items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        if ids is not None and name in _TEXTS:  # a command without texts fails the help test, not the help
            command.description, command.epilog = described(name, ids).values()
        options = {option: action for action in command._actions for option in action.option_strings}
        if "--metadata" not in options:
            continue
        command.add_argument("--root", type=Path, help="the site's folder, with proceedings/ and docs/ (default: here)")
        rooted = []
        for option, default in (("--metadata", DEFAULT_METADATA), ("--docs", DEFAULT_DOCS), ("--out", DEFAULT_OUTPUT)):
            if option in options and options[option].default == default:
                options[option].default = None
                options[option].help = f"{options[option].help.partition(' (default')[0]} (default: ROOT/{default})"
                rooted.append(options[option].dest)
        command.set_defaults(rooted=tuple(rooted))  # only these follow --root (export-pmlr's --out does not)


def locate_site(args: argparse.Namespace) -> int | None:
    """Fill in the folders from ``--root``; None when the site is there, else the exit code after saying so."""
    if not hasattr(args, "root"):
        return None
    root = args.root or Path()
    for option, default in (("metadata", DEFAULT_METADATA), ("docs", DEFAULT_DOCS), ("out", DEFAULT_OUTPUT)):
        if option in getattr(args, "rooted", ()) and getattr(args, option) is None:
            setattr(args, option, root / default)
    if args.metadata.is_dir():
        return None
    if args.root is None and args.metadata == DEFAULT_METADATA:
        problem = NOT_A_SITE
    elif args.metadata == root / DEFAULT_METADATA:
        problem = f"no proceedings/ folder in {root}; pass --root the folder of your site"
    else:
        problem = f"--metadata {args.metadata}: no such folder"
    print(f"{args.command}: {problem}", file=sys.stderr)
    return 2


def described(command: str, ids: SiteIds) -> dict[str, str]:
    """``description`` and ``epilog`` (the examples) for ``add_parser``."""
    description, examples = _TEXTS[command]
    lines = [line.format(ids=ids) for line in examples]
    return {
        "description": textwrap.fill(description, width=min(shutil.get_terminal_size().columns, 100) - 2),
        "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines),
    }


MAIN_EPILOG = (
    "Run it inside your site's folder (the one with proceedings/ and docs/), or pass --root DIR.\n"
    "`proceedings COMMAND --help` explains a command, with examples."
)

_TEXTS: dict[str, tuple[str, list[str]]] = {
    "validate": (
        "Check every metadata file under proceedings/ and report every problem at once, each with its file, "
        "line and field. Nothing is written.",
        ["proceedings validate", "proceedings validate --root ../my-site"],
    ),
    "build": (
        "Validate the metadata, then build the HTML site with Sphinx (warnings are errors). The site is built "
        "beside the previous one and replaces it only if the build succeeds.",
        [
            "proceedings build",
            "proceedings build --out site -j 1",
            'proceedings build -D html_title="{ids.name}: draft"',
        ],
    ),
    "init": (
        "Start a new site repository for a workshop: site.yaml, the Sphinx configuration, a README, a "
        "CONTRIBUTING guide, a noxfile, GitHub workflows and requirements.txt, which names this engine the "
        "way it was installed here (--engine names another).",
        [
            'proceedings init sea-ice --name "Workshop on Sea Ice Sensing"',
            'proceedings init sea-ice --name "Workshop on Sea Ice Sensing" --engine "proceedings-site==1.0.0"',
        ],
    ),
    "new-edition": (
        "Add an edition folder: edition.yaml with every field explained, and an empty program. Both are "
        "valid as written; fill them in, then add papers with new-paper.",
        [
            "proceedings new-edition --id {ids.next_edition} --title "
            '"{ids.name} {ids.next_year}" --date {ids.next_year}-06-14 --timezone Europe/Oslo --city "Tromsø, Norway"',
        ],
    ),
    "new-paper": (
        "Add a paper file to an edition, with every field explained, and a people file for each new author. "
        "An author whose name matches someone already registered is never merged silently: say who it is "
        "with NAME=PERSON-ID, or NAME=new for a different person.",
        [
            'proceedings new-paper --edition {ids.edition} --title "Melt Ponds Seen from Orbit" '
            '--author "Ingrid Sæther" --author "Kalle Nieminen"',
            'proceedings new-paper --edition {ids.edition} --track {ids.track} --title "…" '
            '--author "Ana Lima=ana-lima-2"',
        ],
    ),
    "new-person": (
        "Add a person to the registry (proceedings/people/ID.yaml) with every field explained. A name that "
        "matches someone already registered is refused unless --disambiguation tells the two apart.",
        [
            'proceedings new-person --name "Ingrid Sæther" --affiliation "University of Tromsø"',
            'proceedings new-person --name "Li Wei" --disambiguation "Hokkaido University" --id li-wei-hokkaido',
        ],
    ),
    "new-keynote": (
        "Add a keynote to an edition (EDITION/keynotes/SPEAKER.yaml) with every field explained, register the "
        "speaker if new, and with --start and --end add its slot to the program at its place in time.",
        [
            'proceedings new-keynote --edition {ids.edition} --speaker "Grace Hopper" --title "Sea Ice from Orbit" '
            "--start 09:10 --end 09:50",
        ],
    ),
    "new-slot": (
        "Insert a slot into an edition's program at its place in time; refused if it overlaps another slot, "
        "falls outside the edition's days or names a keynote, panel or paper that does not exist.",
        [
            'proceedings new-slot --edition {ids.edition} --start 10:30 --end 11:00 --kind break --title "Coffee"',
        ],
    ),
    "import-openreview": (
        "Create or update the papers of an edition from OpenReview's accepted submissions, fetched from the "
        "venue or read from an API v2 export. Fields edited by hand since the last import are kept.",
        [
            "proceedings import-openreview --venue Conf.cc/{ids.next_year}/Workshop/Demo --edition {ids.edition}",
            "proceedings import-openreview accepted.json --edition {ids.edition}",
        ],
    ),
    "import-pmlr": (
        "Fill in the series' ids, pages and links of an edition's papers from the volume file the proceedings "
        "series published, matching entries to papers by OpenReview id, else by title.",
        ["proceedings import-pmlr volume.bib --edition {ids.edition}"],
    ),
    "export-pmlr": (
        "Write the BibTeX volume file a proceedings series such as PMLR asks for: the edition's papers in "
        "the tracks that site.yaml marks in_series, under the series site.yaml names.",
        [
            "proceedings export-pmlr --edition {ids.edition} --out {ids.edition}.bib",
            "proceedings export-pmlr --edition {ids.edition}",
        ],
    ),
    "schema": (
        "Regenerate the JSON Schemas in schemas/ and the first line of every metadata file that points at "
        "its schema, so editors complete and check fields as you type.",
        ["proceedings schema"],
    ),
}
