"""People in the registry: who an author or speaker is (never a namesake merged silently), a new person's file
with every field explained, and ``proceedings new-person``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .. import identity
from ..model import Person, Proceedings
from ..model.fields import check_id
from . import schema
from .writing import ScaffoldError, option_problem, quote

NEW = "new"
PERSON_OPTIONS = {
    "name": "--name",
    "disambiguation": "--disambiguation",
    "affiliations": "--affiliation",
    "homepage": "--homepage",
    "orcid": "--orcid",
    "openreview": "--openreview",
}


def parse_author(argument: str) -> tuple[str, str | None]:
    """``"Name"`` or ``"Name=person-id"`` (or ``"Name=new"`` to register a namesake as a new person)."""
    name, _, chosen = argument.partition("=")
    if not name.strip():
        raise ScaffoldError(f"--author {argument!r}: the name is empty")
    return " ".join(name.split()), (chosen.strip() or None)


def describe(people: dict[str, Person], person_id: str) -> str:
    person = people[person_id]
    details = [d for d in (person.disambiguation, *person.affiliations[:1]) if d]
    return f"{person_id} ({person.name}{'; ' + '; '.join(details) if details else ''})"


def choose_person(
    people: dict[str, Person],
    name: str,
    chosen: str | None,
    ask: Callable[[str, list[str]], str] | None,
    option: str = "--author",
) -> tuple[str | None, bool]:
    """The person id for an author or speaker, or (None, True) when a new person must be created."""
    if chosen == NEW:
        return None, True
    if chosen is not None:
        if chosen not in people:
            raise ScaffoldError(f"{option} {name}={chosen}: there is no person '{chosen}' in the registry")
        return chosen, False
    candidates = identity.namesakes(people, name)
    if not candidates:
        return None, True
    if ask is None:
        listed = "\n".join(f"    {describe(people, c)}" for c in candidates)
        raise ScaffoldError(
            f"'{name}' matches people already in the registry:\n{listed}\n"
            f'  Say who it is with {option} "{name}=<person-id>", or {option} "{name}={NEW}" '
            "if it is someone else (both will then need a 'disambiguation')."
        )
    answer = ask(name, candidates)
    return (None, True) if answer == NEW else (answer, False)


def ask_on_terminal(people: dict[str, Person]) -> Callable[[str, list[str]], str]:
    def ask(name: str, candidates: list[str]) -> str:
        print(f"'{name}' matches people already in the registry:")
        for number, candidate in enumerate(candidates, start=1):
            print(f"  [{number}] {describe(people, candidate)}")
        print("  [n] someone else: create a new person")
        while True:
            answer = input("Who is it? ").strip().lower()
            if answer == "n":
                return NEW
            if answer.isdigit() and 1 <= int(answer) <= len(candidates):
                return candidates[int(answer) - 1]

    return ask


@dataclass(frozen=True)
class PersonDetails:
    """What ``new-person`` was told beside the name; each is optional."""

    disambiguation: str | None = None
    affiliation: str | None = None
    homepage: str | None = None
    orcid: str | None = None
    openreview: str | None = None

    def fields(self) -> dict[str, object]:
        given = {
            "disambiguation": self.disambiguation,
            "affiliations": [self.affiliation] if self.affiliation else None,
            "homepage": self.homepage,
            "orcid": self.orcid,
            "openreview": self.openreview,
        }
        return {key: value for key, value in given.items() if value}


def person_file(path: Path, metadata: Path, name: str, details: PersonDetails = PersonDetails()) -> str:
    """A person's file: the fields given, and the others as comments that say what they hold."""

    def line(key: str, value: str | None, example: str, comment: str) -> str:
        shown = f"{key}: {value}" if value else f"# {key}: {example}"
        return f"{shown}  # {comment}" if comment else shown

    affiliations = f"[{quote(details.affiliation)}]" if details.affiliation else None
    return "\n".join(
        [
            schema.header(path, metadata, "person"),
            f"name: {quote(name)}  # as the person writes it",
            "# variants: []  # other spellings seen in papers or lists",
            line(
                "disambiguation",
                quote(details.disambiguation) if details.disambiguation else None,
                "University of Somewhere",
                "tells namesakes apart; required when two people share a name",
            ),
            line("affiliations", affiliations, "[]", "current affiliations, most recent first"),
            line("homepage", quote(details.homepage) if details.homepage else None, "https://…", ""),
            line("orcid", quote(details.orcid) if details.orcid else None, "0000-0000-0000-0000", "ORCID iD"),
            line(
                "openreview",
                quote(details.openreview) if details.openreview else None,
                "~First_Last1",
                "OpenReview profile id",
            ),
            "",
        ]
    )


@dataclass
class NewPerson:
    path: Path
    person_id: str
    text: str
    namesakes: list[str]  # people who share the name: each needs a disambiguation too


def plan_person(
    proceedings: Proceedings, name: str, person_id: str | None = None, details: PersonDetails = PersonDetails()
) -> NewPerson:
    """The file of a new person; raise :class:`ScaffoldError` (nothing written) for a value that is not valid, an
    id that is taken, or a namesake not told apart."""
    name = " ".join(name.split())
    people = proceedings.people
    try:
        person = Person.model_validate({"name": name, **details.fields()})
    except ValidationError as error:
        raise ScaffoldError(option_problem(error, PERSON_OPTIONS)) from None
    candidates = identity.namesakes(people, person.name)
    if candidates and not person.disambiguation:
        listed = "\n".join(f"    {describe(people, c)}" for c in candidates)
        raise ScaffoldError(
            f"'{person.name}' matches people already in the registry:\n{listed}\n"
            "  If it is one of them, there is nothing to add: papers, keynotes and programs name people by id.\n"
            '  If it is someone else, tell them apart with --disambiguation "…" (an institution, a field), '
            "and add a 'disambiguation' to the namesake's file too."
        )
    if person_id is None:
        person_id = identity.unique(identity.slug(person.name), people)
    else:
        try:
            check_id(person_id)
        except ValueError as error:
            raise ScaffoldError(f"--id '{person_id}' {error}") from None
        if person_id in people:
            raise ScaffoldError(f"--id: there is already a person '{person_id}' ({describe(people, person_id)})")
    path = proceedings.root / "people" / f"{person_id}.yaml"
    without = [c for c in candidates if people[c].disambiguation is None]
    return NewPerson(path, person_id, person_file(path, proceedings.root, person.name, details), without)
