"""``proceedings new-slot`` and ``new-keynote``: a slot added to an edition's program at its place in time, a
keynote's file with every field explained and its slot; checked as the program would be, before anything is
written. The program file keeps its comments and layout: the slot's lines are inserted, nothing is rewritten."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import identity
from ..errors import Problem, display_path
from ..load import LoadError, load_yaml
from ..model import Edition, Keynote, Person, Proceedings, ProgramFile, Slot, SlotKind, Source
from ..model.checks import ProgramChecker
from ..model.messages import describe
from . import schema
from .people import choose_person, parse_author, person_file
from .scaffold import program_text
from .writing import ScaffoldError, option_problem, quote

SLOT_OPTIONS = {
    "id": "--id",
    "date": "--date",
    "start": "--start",
    "end": "--end",
    "kind": "--kind",
    "title": "--title",
    "keynote": "--keynote",
    "panel": "--panel",
    "papers": "--paper",
    "video": "--video",
}
KEYNOTE_OPTIONS = {"speaker": "--speaker", "affiliation": "--affiliation", "title": "--title"}
_EMPTY_SLOTS = re.compile(r"^slots:[ \t]*\[[ \t]*\][ \t]*(#.*)?$", re.MULTILINE)


@dataclass
class ProgramChange:
    """Files to write: the program with the new slot, and for a keynote its file and perhaps its speaker's."""

    program_path: Path
    position: int  # the new slot's number in the program, from 1
    files: dict[Path, str] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)  # what is new, said to the organizer
    keynote: str | None = None  # the new keynote's id


def slot_values(
    start: str,
    end: str,
    kind: str,
    *,
    date: str | None = None,
    title: str | None = None,
    slot_id: str | None = None,
    keynote: str | None = None,
    panel: str | None = None,
    papers: list[str] | None = None,
    video: str | None = None,
) -> dict[str, Any]:
    """A slot as the program file holds it (fields in the order the file shows them)."""
    values: dict[str, Any] = {"id": slot_id, "date": date, "start": start, "end": end, "kind": kind}
    values |= {"title": title, "keynote": keynote, "panel": panel, "video": video}
    values["papers"] = [{"paper": paper} for paper in papers or []]
    return {key: value for key, value in values.items() if value}


def plan_slot(proceedings: Proceedings, edition_id: str, values: dict[str, Any]) -> ProgramChange:
    """The program of ``edition_id`` with one more slot; raise :class:`ScaffoldError` if the slot is not valid
    (its fields, its place in time, what it names)."""
    edition = _edition(proceedings, edition_id)
    return _add_slot(proceedings, edition, values, {})


def plan_keynote(
    proceedings: Proceedings,
    edition_id: str,
    speaker: str,
    title: str,
    affiliation: str | None,
    slot: dict[str, Any] | None,
    ask: Callable[[str, list[str]], str] | None,
) -> ProgramChange:
    """A keynote's file (its id is the speaker's), its speaker's file if new, and its slot when ``slot`` gives the
    times; raise :class:`ScaffoldError` with nothing written."""
    edition = _edition(proceedings, edition_id)
    metadata = proceedings.root
    files: dict[Path, str] = {}
    created: list[str] = []
    if speaker in proceedings.people:
        person_id = speaker
    else:
        name, chosen = parse_author(speaker)
        found, create = choose_person(proceedings.people, name, chosen, ask, option="--speaker")
        person_id = found or identity.unique(identity.slug(name), proceedings.people)
        if create:
            try:
                Person.model_validate({"name": name})
            except ValidationError as error:
                raise ScaffoldError(option_problem(error, {"name": "--speaker"})) from None
            path = metadata / "people" / f"{person_id}.yaml"
            files[path] = person_file(path, metadata, name)
            created.append(f"{display_path(path, metadata)} for {name}")
    try:
        keynote = Keynote.model_validate(
            {"speaker": person_id, "title": title, **({"affiliation": affiliation} if affiliation else {})}
        )
    except ValidationError as error:
        raise ScaffoldError(option_problem(error, KEYNOTE_OPTIONS)) from None
    keynote_id = identity.unique(person_id, edition.keynotes)
    keynote_path = metadata / edition.id / "keynotes" / f"{keynote_id}.yaml"
    files[keynote_path] = keynote_text(keynote_path, metadata, keynote)
    created.append(display_path(keynote_path, metadata))
    if slot is None:
        return ProgramChange(edition_program(proceedings, edition), 0, files, created, keynote_id)
    change = _add_slot(
        proceedings, edition, {**slot, "kind": SlotKind.KEYNOTE.value, "keynote": keynote_id}, {keynote_id: keynote}
    )
    change.files = files | change.files
    change.created = created
    change.keynote = keynote_id
    return change


def keynote_text(path: Path, metadata: Path, keynote: Keynote) -> str:
    affiliation = f"affiliation: {quote(keynote.affiliation)}" if keynote.affiliation else "# affiliation: …"
    return "\n".join(
        [
            schema.header(path, metadata, "keynote"),
            f"speaker: {keynote.speaker}  # a file in proceedings/people/",
            f"{affiliation}  # the speaker's affiliation at the time of the talk",
            f"title: {quote(keynote.title)}  # the talk's title",
            "# abstract: |  # the speaker's own text, each line indented two spaces; rendered like a paper's",
            "#   Markdown, a little HTML, TeX and math render",
            "# video: https://…  # the recording",
            "# slides: https://…",
            "",
        ]
    )


def edition_program(proceedings: Proceedings, edition: Edition) -> Path:
    return proceedings.root / edition.id / "program.yaml"


def _edition(proceedings: Proceedings, edition_id: str) -> Edition:
    try:
        return proceedings.edition(edition_id)
    except KeyError as unknown:
        raise ScaffoldError(unknown.args[0]) from None


def _add_slot(
    proceedings: Proceedings, edition: Edition, values: dict[str, Any], keynotes: dict[str, Keynote]
) -> ProgramChange:
    try:
        slot = Slot.model_validate(values)
    except ValidationError as error:
        raise ScaffoldError(option_problem(error, SLOT_OPTIONS)) from None
    for kind in ("keynote", "panel"):
        if slot.kind.value == kind and getattr(slot, kind) is None:
            raise ScaffoldError(f"--kind {kind} needs --{kind} naming a file in {edition.id}/{kind}s/")
    if slot.end <= slot.start:
        raise ScaffoldError(f"--end {slot.end} is not after --start {slot.start}")
    _refuse_overlap(edition, slot)
    path = edition_program(proceedings, edition)
    metadata = proceedings.root
    text = path.read_text(encoding="utf-8") if path.is_file() else program_text(path, metadata)
    position = sum(1 for other in edition.slots if _when(edition, other) <= _when(edition, slot))
    new_text = with_slot(text, path, position, _slot_lines(values, edition))
    problems = _check(proceedings, dataclasses.replace(edition, keynotes=edition.keynotes | keynotes), path, new_text)
    if problems:
        listed = "\n".join(f"  {problem}".replace("\n", "\n  ") for problem in problems)
        raise ScaffoldError(f"the program would not be valid with this slot:\n{listed}")
    return ProgramChange(path, position + 1, {path: new_text})


def _refuse_overlap(edition: Edition, slot: Slot) -> None:
    day = edition.slot_date(slot)
    for number, other in enumerate(edition.slots, start=1):
        if edition.slot_date(other) == day and other.start < slot.end and slot.start < other.end:
            raise ScaffoldError(
                f"{slot.start}–{slot.end} overlaps slot {number} of the program, "
                f"{edition.slot_title(other)} ({other.start}–{other.end}{', ' + str(day) if slot.date else ''})"
            )


def _when(edition: Edition, slot: Slot) -> tuple[Any, str]:
    return edition.slot_date(slot), slot.start


def _slot_lines(values: dict[str, Any], edition: Edition) -> list[str]:
    """The slot's lines, each field explained once where it is not plain."""
    comments = {
        "start": f"HH:MM in the edition's time zone ({edition.info.timezone})",
        "kind": " | ".join(kind.value for kind in SlotKind),
        "date": "the slot's day, when not the edition's date",
        "keynote": f"a file in {edition.id}/keynotes/",
        "panel": f"a file in {edition.id}/panels/",
        "id": "lets papers and links name this slot",
    }
    lines = []
    for key, value in values.items():
        if key == "papers":
            lines.append(f"papers:  # presented in this slot, each a file in {edition.id}/papers/")
            lines += [f"  - paper: {entry['paper']}" for entry in value]
            continue
        shown = quote(value) if key in {"start", "end", "date", "title", "video"} else value
        lines.append(f"{key}: {shown}" + (f"  # {comments[key]}" if key in comments else ""))
    return lines


def with_slot(text: str, path: Path, position: int, lines: list[str]) -> str:
    """``text`` (a program file) with a slot's ``lines`` as its ``position``-th slot (from 0); the rest of the
    text is left as it was."""
    if _EMPTY_SLOTS.search(text):
        text = _EMPTY_SLOTS.sub("slots:", text, count=1)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "program.yaml"
        copy.write_text(text, encoding="utf-8")
        try:
            doc = load_yaml(copy, path.name)
        except LoadError as error:
            raise ScaffoldError(f"{path} cannot be read: {error.problem.message}") from None
    slots = doc.data.get("slots") if isinstance(doc.data, dict) else None
    if slots is None and isinstance(doc.data, dict) and "slots" in doc.data:
        slots = []
    if not isinstance(slots, list):
        raise ScaffoldError(f"{path} has no 'slots:' list to add to")
    rows = text.splitlines()
    if slots and rows[doc.line_of(("slots", 0)) - 1].rstrip().endswith("]"):
        raise ScaffoldError(f"{path} writes its slots as a [ ] list; add the slot by hand")
    first = rows[doc.line_of(("slots", 0)) - 1] if slots else ""
    indent = first[: first.index("-")] if "-" in first else ""
    block = [f"{indent}- {lines[0]}", *(f"{indent}  {line}" for line in lines[1:])]
    if position < len(slots):
        at = doc.line_of(("slots", position)) - 1
        return "\n".join([*rows[:at], *block, *rows[at:]]) + "\n"
    return "\n".join([*rows, *block]) + "\n"


def _check(proceedings: Proceedings, edition: Edition, path: Path, text: str) -> list[Problem]:
    """The problems of ``edition`` with its program as ``text``: the slot's fields, order and references."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "program.yaml"
        copy.write_text(text, encoding="utf-8")
        doc = load_yaml(copy, display_path(path, proceedings.root))
    try:
        program = ProgramFile.model_validate(doc.data)
    except ValidationError as error:
        return describe(error, ProgramFile, doc)
    edition = dataclasses.replace(edition, slots=list(program.slots), program_source=Source(doc))
    ProgramChecker(problems, set()).check(edition, Source(doc))
    return problems
