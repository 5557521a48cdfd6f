"""The commands that add the rest of an edition: ``new-person``, ``new-keynote`` (with its program slot) and
``new-slot``. Like ``new-paper``, each checks the metadata first, checks what it would write, and writes every
file or none."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from ..errors import MetadataError, display_path
from ..model import Proceedings, SlotKind, load_proceedings
from . import program
from .people import PersonDetails, ask_on_terminal, plan_person
from .writing import ScaffoldError, interactive, write

COMMANDS = ("new-person", "new-keynote", "new-slot")


def add_parsers(commands: argparse._SubParsersAction, default_metadata: Path) -> None:
    """The three commands, as subcommands of ``proceedings``."""

    def parser(name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
        command = commands.add_parser(
            name,
            help=summary,
            description=textwrap.fill(description, 100),
            epilog=f"example:\n  {examples}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_argument(
            "--metadata", type=Path, default=default_metadata, help="metadata folder (default: %(default)s)"
        )
        return command

    person = parser(
        "new-person",
        "add a person to the registry (proceedings/people/)",
        "Write proceedings/people/ID.yaml with every field explained. A name that matches someone in the registry "
        "is refused unless --disambiguation tells the two apart.",
        'proceedings new-person --name "Ada Lovelace" --affiliation "Analytical Engines Ltd"',
    )
    person.add_argument("--name", required=True, help="the name as the person writes it")
    person.add_argument("--id", help="the file name and id (default: from the name, such as ada-lovelace)")
    person.add_argument("--disambiguation", help="tells namesakes apart, such as an institution")
    person.add_argument("--affiliation", help="current affiliation")
    person.add_argument("--homepage", help="an http(s) address")
    person.add_argument("--orcid", help="ORCID iD, such as 0000-0002-1825-0097")
    person.add_argument("--openreview", help="OpenReview profile id, such as ~Ada_Lovelace1")

    keynote = parser(
        "new-keynote",
        "add a keynote and its slot in the program",
        "Write EDITION/keynotes/SPEAKER.yaml with every field explained, register the speaker if new, and add "
        "the keynote's slot to the program at its time (with --start and --end).",
        'proceedings new-keynote --edition EDITION --speaker "Grace Hopper" --title "Compilers for Earth" '
        "--start 09:10 --end 09:50",
    )
    keynote.add_argument("--edition", required=True, help="the edition's id (its folder name)")
    keynote.add_argument(
        "--speaker",
        required=True,
        metavar="PERSON-ID|NAME[=PERSON-ID|=new]",
        help="who speaks: a person's id, or a name (NAME=PERSON-ID says who a namesake is)",
    )
    keynote.add_argument("--title", required=True, help="the talk's title")
    keynote.add_argument("--affiliation", help="the speaker's affiliation at the time of the talk")
    _slot_times(keynote, required=False)

    slot = parser(
        "new-slot",
        "add a slot to an edition's program",
        "Insert a slot into EDITION/program.yaml at its place in time; refused if it overlaps another slot, falls "
        "outside the edition's days or names a keynote, panel or paper that does not exist.",
        'proceedings new-slot --edition EDITION --start 10:30 --end 11:00 --kind break --title "Coffee break"',
    )
    slot.add_argument("--edition", required=True, help="the edition's id (its folder name)")
    _slot_times(slot, required=True)
    slot.add_argument("--kind", required=True, choices=[kind.value for kind in SlotKind], help="what happens")
    slot.add_argument("--title", help="shown in the program (optional for keynotes and panels)")
    slot.add_argument("--id", help="an id, for papers and links that name this slot")
    slot.add_argument("--keynote", help="for a keynote slot: a file in EDITION/keynotes/")
    slot.add_argument("--panel", help="for a panel slot: a file in EDITION/panels/")
    slot.add_argument("--paper", action="append", default=[], help="a paper presented in the slot; repeat for each")
    slot.add_argument("--video", help="the slot's recording, an http(s) address")


def _slot_times(command: argparse.ArgumentParser, required: bool) -> None:
    command.add_argument("--start", required=required, metavar="HH:MM", help="in the edition's time zone")
    command.add_argument("--end", required=required, metavar="HH:MM", help="in the edition's time zone")
    command.add_argument("--date", metavar="YYYY-MM-DD", help="the slot's day, when not the edition's date")


def run(args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`: 0 when written, 1 when the metadata has problems, 2 when refused."""
    try:
        proceedings = load_proceedings(args.metadata)
    except MetadataError as error:
        print(error.report(), file=sys.stderr)
        print("Fix the problems above first; nothing was written.", file=sys.stderr)
        return 1
    try:
        lines = _new_person(proceedings, args) if args.command == "new-person" else _in_program(proceedings, args)
    except ScaffoldError as error:
        print(f"{args.command}: {error}\nNothing was written.", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def _new_person(proceedings: Proceedings, args: argparse.Namespace) -> list[str]:
    details = PersonDetails(args.disambiguation, args.affiliation, args.homepage, args.orcid, args.openreview)
    person = plan_person(proceedings, args.name, args.id, details)
    write({person.path: person.text})
    lines = [f"created {display_path(person.path, proceedings.root)}"]
    if person.namesakes:
        files = ", ".join(f"people/{person_id}.yaml" for person_id in person.namesakes)
        lines.append(f"Next: add a 'disambiguation' to {files} too (they share the name).")
    lines.append(f"Papers, keynotes and programs name this person '{person.person_id}'.")
    return lines


def _in_program(proceedings: Proceedings, args: argparse.Namespace) -> list[str]:
    if (args.start is None) != (args.end is None):
        raise ScaffoldError("give both --start and --end, or neither")
    times = {"start": args.start, "end": args.end, "date": args.date}
    if args.command == "new-keynote":
        ask = ask_on_terminal(proceedings.people) if interactive() else None
        slot = program.slot_values(args.start, args.end, "keynote", date=args.date) if args.start else None
        if slot is None and args.date:
            raise ScaffoldError("--date needs --start and --end")
        change = program.plan_keynote(proceedings, args.edition, args.speaker, args.title, args.affiliation, slot, ask)
    else:
        values = program.slot_values(
            **times,
            kind=args.kind,
            title=args.title,
            slot_id=args.id,
            keynote=args.keynote,
            panel=args.panel,
            papers=args.paper,
            video=args.video,
        )
        change = program.plan_slot(proceedings, args.edition, values)
    write({path: text for path, text in change.files.items() if path != change.program_path})
    if change.program_path in change.files:
        change.program_path.write_text(change.files[change.program_path], encoding="utf-8")
    lines = [f"created {created}" for created in change.created]
    if change.position:
        lines.append(f"added slot {change.position} to {display_path(change.program_path, proceedings.root)}")
    elif args.command == "new-keynote":
        lines.append(f"Next: give it a slot with `proceedings new-slot --kind keynote --keynote {change.keynote} …`.")
    return lines
