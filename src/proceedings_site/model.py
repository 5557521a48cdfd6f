"""Stage 2: typed, validated metadata.

Each metadata file is validated against a strict pydantic model (unknown fields,
wrong types and malformed values are errors), then the files are cross-checked:
every reference must name something that exists, program slots must be in
order, dates must agree with the edition. Problems carry file, line and field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from .errors import MetadataError, Problem, display_path
from .load import Document, FieldPath, LoadError, ParseCache, load_yaml

# --- field types -------------------------------------------------------------

MAX_TEXT = 300
MAX_ABSTRACT = 10_000

# Characters that change how text is displayed without being visible: bidi
# overrides and isolates, zero-width characters, other format/control characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn"}
_ALLOWED_INVISIBLE = {"\u200d"}  # zero-width joiner: needed by some scripts and emoji

# Printable ASCII (and line breaks where allowed) holds no invisible character: one regex match instead of a
# category lookup per character, which cost seconds on the abstracts of a large conference.
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_PRINTABLE_ASCII_LINES = re.compile(r"[\x20-\x7e\n]*")


def _refuse_invisible(value: str, *, multiline: bool) -> None:
    for char in value:
        if multiline and char == "\n":
            continue
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES and char not in _ALLOWED_INVISIBLE:
            raise ValueError(
                f"contains the invisible or control character U+{ord(char):04X} "
                f"({unicodedata.name(char, 'unnamed')}); remove it"
            )


def _check_text(value: str, *, multiline: bool = False) -> str:
    value = unicodedata.normalize("NFC", value)
    if not (_PRINTABLE_ASCII_LINES if multiline else _PRINTABLE_ASCII).fullmatch(value):
        _refuse_invisible(value, multiline=multiline)
    if not multiline:
        value = " ".join(value.split())
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _check_multiline(value: str) -> str:
    return _check_text(value.replace("\r\n", "\n").replace("\t", " "), multiline=True)


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_check_text)]
LongText = Annotated[str, StringConstraints(max_length=MAX_ABSTRACT), AfterValidator(_check_multiline)]

_ID = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value) or value != value.lower() or len(value) > 80:
        raise ValueError("must be lowercase letters and digits separated by single hyphens, like 'ritu-yadav'")
    return unicodedata.normalize("NFC", value)


Id = Annotated[str, AfterValidator(_check_id)]

_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]")


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an absolute http:// or https:// address")
    if _URL_FORBIDDEN.search(value):
        raise ValueError("contains a space, quote, bracket or control character; percent-encode it")
    if len(value) > 2000:
        raise ValueError("is longer than 2000 characters")
    return value


Url = Annotated[str, AfterValidator(_check_url)]

_HHMM = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])|24:00")


def _parse_clock(value: str) -> str:
    if not _HHMM.fullmatch(value):
        raise ValueError("must be a time of day written as 'HH:MM' (24-hour clock, in quotes)")
    return value


Clock = Annotated[str, AfterValidator(_parse_clock)]


def _check_orcid(value: str) -> str:
    """ORCID iDs end in an ISO 7064 MOD 11-2 check character."""
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValueError("must look like 0000-0002-1825-0097")
    digits = value.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError(f"has a wrong check digit (expected {expected} at the end); check for a typo")
    return value


Orcid = Annotated[str, AfterValidator(_check_orcid)]


def _check_openreview_profile(value: str) -> str:
    if not re.fullmatch(r"~[^\W\d_][\w.\-]*\d+", value):
        raise ValueError("must be an OpenReview profile id such as '~Ritu_Yadav1'")
    return value


OpenReviewProfile = Annotated[str, AfterValidator(_check_openreview_profile)]


def _check_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone such as 'Europe/Stockholm'") from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_check_timezone)]


class Strict(BaseModel):
    """Base of every metadata model: unknown fields are errors (a misspelt key is never silently dropped) and
    models are immutable once loaded. Pydantic's lax mode still parses dates and enums from YAML text, but it
    never turns numbers into text."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- one model per kind of file ----------------------------------------------


class Person(Strict):
    """A person in the shared registry; the file name is their stable id."""

    name: Text = Field(description="Display name, as the person writes it.")
    variants: list[Text] = Field(
        default=[], description="Other spellings seen in papers or lists (for example in capitals)."
    )
    disambiguation: Text | None = Field(
        default=None,
        description="Tells namesakes apart (for example an institution); required when two people share a name.",
    )
    affiliations: list[Text] = Field(default=[], description="Current affiliations, most recent first.")
    homepage: Url | None = None
    orcid: Orcid | None = Field(default=None, description="ORCID iD, such as 0000-0002-1825-0097.")
    openreview: OpenReviewProfile | None = Field(
        default=None, description="OpenReview profile id, such as ~Ritu_Yadav1."
    )


class Link(Strict):
    label: Text
    url: Url


class EditionLinks(Strict):
    website: Url | None = None
    openreview: Url | None = Field(default=None, description="The OpenReview venue (submissions and reviews).")
    schedule: Url | None = Field(default=None, description="The host conference's page for the workshop.")
    recordings: Url | None = None
    proceedings: Url | None = Field(default=None, description="The published proceedings volume.")
    other: list[Link] = []


class ImportantDate(Strict):
    label: Text
    date: dt.date


class SubmissionFormats(Strict):
    short: Text | None = None
    long: Text | None = None
    style: Text | None = None
    review: Text | None = None


class PmlrVolume(Strict):
    volume: int = Field(gt=0)
    title: Text
    published: dt.date | None = None


class Role(Strict):
    """A person in a list of an edition (organizers, committee), with the affiliation they had then."""

    person: Id
    affiliation: Text | None = None


class Contact(Strict):
    person: Id
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")]


class Sponsor(Strict):
    name: Text
    url: Url | None = None


class EditionFile(Strict):
    name: Text
    short_name: Text
    ordinal: Text | None = Field(default=None, description="The edition's roman numeral, like 'II'.")
    conference: Text
    date: dt.date
    timezone: TimeZoneName
    city: Text
    venue: Text | None = None
    status: Literal["announced", "held"] = "announced"
    links: EditionLinks = EditionLinks()
    important_dates: list[ImportantDate] = []
    deadline_timezone: Text | None = None
    submission_formats: SubmissionFormats | None = None
    pmlr: PmlrVolume | None = None
    organizers: list[Role] = []
    program_committee: list[Role] = []
    contacts: list[Contact] = []
    sponsors: list[Sponsor] = []
    funding: Text | None = None


class SlotKind(StrEnum):
    OPENING = "opening"
    KEYNOTE = "keynote"
    SPOTLIGHTS = "spotlights"
    POSTERS = "posters"
    PANEL = "panel"
    SESSION = "session"
    BREAK = "break"
    LUNCH = "lunch"
    CLOSING = "closing"


class SlotPaper(Strict):
    paper: Id
    start: Clock | None = None
    end: Clock | None = None


class Slot(Strict):
    id: Id | None = Field(default=None, description="Needed only when a paper refers to this slot.")
    start: Clock
    end: Clock
    kind: SlotKind
    title: Text | None = Field(default=None, description="Optional for keynotes and panels: their title is used.")
    keynote: Id | None = None
    panel: Id | None = None
    papers: list[SlotPaper] = []
    video: Url | None = None
    links: list[Link] = []


class ProgramFile(Strict):
    slots: list[Slot]


class Keynote(Strict):
    speaker: Id
    affiliation: Text | None = None
    title: Text
    abstract: LongText | None = Field(default=None, description="Imported from the speaker's own text only.")
    video: Url | None = None
    slides: Url | None = None


class Panel(Strict):
    title: Text
    moderator: Id | None = None
    panelists: list[Role]
    video: Url | None = None


class Author(Strict):
    person: Id
    name: Text | None = Field(
        default=None, description="The name as printed on the paper, when it differs from the registry's display name."
    )
    affiliation: Text | None = None


class PaperLinks(Strict):
    openreview: Url | None = None
    pdf: Url | None = None
    pmlr: Url | None = Field(default=None, description="The paper's page in PMLR.")
    arxiv: Url | None = None
    code: Url | None = None
    data: Url | None = None
    video: Url | None = None
    poster: Url | None = None
    project: Url | None = None
    other: list[Link] = []


class PmlrPaper(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]
    pages: Annotated[str, StringConstraints(pattern=r"^\d+(-\d+)?$")]


class Paper(Strict):
    title: Text
    authors: list[Author] = Field(min_length=1)
    track: Literal["long", "short"]
    presentation: Literal["spotlight", "poster"] = "poster"
    keywords: list[Text] = []
    abstract: LongText | None = Field(default=None, description="Imported from OpenReview only; never typed by hand.")
    openreview_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{6,20}$")] | None = None
    pmlr: PmlrPaper | None = None
    links: PaperLinks = PaperLinks()
    order: int | None = Field(default=None, description="Position in the accepted-papers list.")


# --- the assembled proceedings -----------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where an object was defined, to report problems found later."""

    doc: Document

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        return self.doc.problem(path, message, hint)


@dataclass
class Edition:
    id: str
    info: EditionFile
    source: Source
    slots: list[Slot] = field(default_factory=list)
    program_source: Source | None = None
    keynotes: dict[str, Keynote] = field(default_factory=dict)
    panels: dict[str, Panel] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    # "keynotes"/"panels"/"papers" → item id → where it was defined
    item_sources: dict[str, dict[str, Source]] = field(default_factory=dict, repr=False)

    @property
    def year(self) -> int:
        return self.info.date.year

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.info.timezone)

    def slot_for_keynote(self, keynote_id: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.keynote == keynote_id), None)

    def slot_for_panel(self, panel_id: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.panel == panel_id), None)

    def slots_for_paper(self, paper_id: str) -> list[tuple[Slot, SlotPaper]]:
        return [(slot, entry) for slot in self.slots for entry in slot.papers if entry.paper == paper_id]

    def slot_title(self, slot: Slot) -> str:
        if slot.title:
            return slot.title
        if slot.keynote:
            return f"Keynote: {self.keynotes[slot.keynote].title}"
        if slot.panel:
            return f"Panel: {self.panels[slot.panel].title}"
        return slot.kind.value.capitalize()

    def slot_datetime(self, clock: str) -> dt.datetime:
        if clock == "24:00":
            return dt.datetime.combine(self.info.date + dt.timedelta(days=1), dt.time(0, 0), self.zone)
        return dt.datetime.combine(self.info.date, dt.time.fromisoformat(clock), self.zone)


@dataclass(frozen=True)
class PersonRole:
    """One thing a person did at one edition; ``target`` is the paper/keynote/panel id."""

    edition: str
    kind: Literal["author", "keynote", "panelist", "moderator", "organizer", "committee"]
    target: str | None = None
    affiliation: str | None = None


@dataclass
class Proceedings:
    root: Path
    people: dict[str, Person]
    editions: list[Edition]  # most recent first
    roles: dict[str, list[PersonRole]] = field(default_factory=dict)

    def edition(self, edition_id: str) -> Edition:
        """The edition with this id (its folder name); KeyError names the known ones."""
        for edition in self.editions:
            if edition.id == edition_id:
                return edition
        known = ", ".join(edition.id for edition in self.editions)
        raise KeyError(f"unknown edition '{edition_id}' (editions: {known})")

    @property
    def current(self) -> Edition:
        return self.editions[0]

    def displayed_name(self, author: Author) -> str:
        return author.name or self.people[author.person].name


# --- loading -----------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(_describe(error, model, doc))
        return None


def _describe(error: ValidationError, model: type[BaseModel], doc: Document) -> Iterable[Problem]:
    for item in error.errors(include_url=False):
        loc: FieldPath = tuple(part for part in item["loc"] if not _is_union_tag(part))
        kind = item["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            known = _fields_at(model, loc[:-1])
            guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else f"known fields: {', '.join(known)}"
            yield doc.problem(loc, f"unknown field '{name}'", hint)
        elif kind == "missing":
            yield doc.problem(loc, "this required field is missing", f"add '{loc[-1]}:' to the file")
        elif kind == "model_type" or kind == "dict_type":
            yield doc.problem(loc, "must be a mapping of fields ('key: value' lines)")
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            yield doc.problem(loc, _friendly(message, item.get("input")), _hint_for(kind, item.get("input")))


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type name in locations inside unions ("str", "function-after[...]")
    return isinstance(part, str) and (part in {"str", "int", "none"} or "[" in part)


def _friendly(message: str, value: Any) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{message} (got {shown})" if value is not None and not isinstance(value, dict | list) else message


def _hint_for(kind: str, value: Any) -> str:
    if kind in {"string_type"} and isinstance(value, int | float | bool):
        return "put the value in quotes to make it text"
    if kind in {"date_type", "date_from_datetime_parsing", "date_parsing"}:
        return "write dates as YYYY-MM-DD"
    if kind == "literal_error" or kind == "enum":
        return "use one of the values listed"
    return ""


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """Field names of the (nested) model at ``path``, for "did you mean" hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _read(path: Path, root: Path, problems: list[Problem], cache: ParseCache | None) -> Document | None:
    try:
        return load_yaml(path, display_path(path, root), cache)
    except LoadError as error:
        problems.append(error.problem)
        return None


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"), key=str) if folder.is_dir() else []  # by string: Path comparisons are slow


def _stem_problem(path: Path, root: Path) -> Problem | None:
    try:
        _check_id(path.stem)
    except ValueError as error:
        return Problem(
            display_path(path, root),
            1,
            "(file name)",
            f"'{path.stem}' {error}",
            "rename the file; its name is the id used in addresses and references",
        )
    return None


def _load_folder(
    model: type[M], folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> dict[str, tuple[M, Source]]:
    """Validate every file of a folder; ids of files that exist but are invalid go into ``invalid``
    (as ``folder/id`` relative to the metadata root) so references to them do not cascade into more errors."""
    loaded: dict[str, tuple[M, Source]] = {}
    for path in _yaml_files(folder):
        if (problem := _stem_problem(path, root)) is not None:
            problems.append(problem)
            continue
        doc = _read(path, root, problems, cache)
        item = _validate(model, doc, problems) if doc is not None else None
        if item is None or doc is None:
            invalid.add(f"{folder.relative_to(root).as_posix()}/{path.stem}")
            continue
        loaded[unicodedata.normalize("NFC", path.stem)] = (item, Source(doc))
    return loaded


def load_proceedings(root: Path, cache_file: Path | None = None) -> Proceedings:
    """Load and cross-check every metadata file under ``root``; raise :class:`MetadataError` listing all problems.

    With ``cache_file``, files parsed by an earlier call are not parsed again (see :class:`load.ParseCache`).
    """
    problems: list[Problem] = []
    invalid: set[str] = set()
    if not root.is_dir():
        raise MetadataError([Problem(root.as_posix(), 1, "", "metadata folder not found")])
    cache = ParseCache(cache_file) if cache_file is not None else None
    people = _load_folder(Person, root / "people", root, problems, invalid, cache)
    editions = [
        edition
        for folder in sorted(path for path in root.iterdir() if (path / "edition.yaml").is_file())
        if (edition := _load_edition(folder, root, problems, invalid, cache)) is not None
    ]
    if cache is not None:
        cache.save()
    if not editions and not problems:
        problems.append(Problem(display_path(root, root), 1, "", "no edition folders (with an edition.yaml) found"))
    editions.sort(key=lambda edition: (edition.info.date, edition.id), reverse=True)
    proceedings = Proceedings(root=root, people={key: person for key, (person, _) in people.items()}, editions=editions)
    checker = _CrossChecker(proceedings, {key: source for key, (_, source) in people.items()}, problems, invalid)
    checker.run()
    if problems:
        raise MetadataError(problems)
    proceedings.roles = _collect_roles(proceedings)
    return proceedings


def _load_edition(
    folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> Edition | None:
    if (problem := _stem_problem(folder, root)) is not None:
        problems.append(problem)
        return None
    doc = _read(folder / "edition.yaml", root, problems, cache)
    info = _validate(EditionFile, doc, problems) if doc else None
    keynotes = _load_folder(Keynote, folder / "keynotes", root, problems, invalid, cache)
    panels = _load_folder(Panel, folder / "panels", root, problems, invalid, cache)
    papers = _load_folder(Paper, folder / "papers", root, problems, invalid, cache)
    program_path = folder / "program.yaml"
    program_doc = _read(program_path, root, problems, cache) if program_path.is_file() else None
    program = _validate(ProgramFile, program_doc, problems) if program_doc else None
    if info is None or doc is None:
        return None
    edition = Edition(id=folder.name, info=info, source=Source(doc))
    edition.keynotes = {key: item for key, (item, _) in keynotes.items()}
    edition.panels = {key: item for key, (item, _) in panels.items()}
    ordered = sorted(papers.items(), key=lambda kv: (kv[1][0].order is None, kv[1][0].order or 0, kv[1][0].title))
    edition.papers = {key: item for key, (item, _) in ordered}
    if program is not None and program_doc is not None:
        edition.slots = list(program.slots)
        edition.program_source = Source(program_doc)
    edition.item_sources = {
        "keynotes": {key: source for key, (_, source) in keynotes.items()},
        "panels": {key: source for key, (_, source) in panels.items()},
        "papers": {key: source for key, (_, source) in papers.items()},
    }
    return edition


class _CrossChecker:
    """Checks that need more than one file: references, uniqueness, order, dates."""

    def __init__(
        self, proceedings: Proceedings, people_sources: dict[str, Source], problems: list[Problem], invalid: set[str]
    ) -> None:
        self.proceedings = proceedings
        self.people_sources = people_sources
        self.problems = problems
        self.invalid = invalid  # files already reported as invalid: references to them are not errors again

    def run(self) -> None:
        self.check_namesakes()
        seen_papers: dict[str, str] = {}
        seen_openreview: dict[str, str] = {}
        for edition in self.proceedings.editions:
            self.check_edition(edition)
            for paper_id, paper in edition.papers.items():
                source = edition.item_sources["papers"][paper_id]
                if paper_id in seen_papers:
                    self.problems.append(
                        source.problem(
                            (),
                            f"paper id '{paper_id}' is also used in {seen_papers[paper_id]}",
                            "paper ids must be unique across editions; rename one file",
                        )
                    )
                seen_papers[paper_id] = edition.id
                if paper.openreview_id:
                    if paper.openreview_id in seen_openreview:
                        self.problems.append(
                            source.problem(
                                ("openreview_id",),
                                f"also the OpenReview id of paper '{seen_openreview[paper.openreview_id]}'",
                                "each OpenReview submission is one paper",
                            )
                        )
                    seen_openreview[paper.openreview_id] = paper_id
                self.check_paper(paper, source)

    def person(self, source: Source, path: FieldPath, person_id: str) -> None:
        if person_id not in self.proceedings.people and f"people/{person_id}" not in self.invalid:
            guess = difflib.get_close_matches(person_id, list(self.proceedings.people), n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"add proceedings/people/{person_id}.yaml"
            self.problems.append(source.problem(path, f"unknown person '{person_id}'", hint))

    def check_namesakes(self) -> None:
        by_name: dict[str, list[str]] = {}
        for person_id, person in self.proceedings.people.items():
            for name in {name.casefold() for name in (person.name, *person.variants)}:
                by_name.setdefault(name, []).append(person_id)
        for name, ids in sorted(by_name.items()):
            for person_id in ids if len(ids) > 1 else ():
                if self.proceedings.people[person_id].disambiguation is None:
                    others = ", ".join(other for other in ids if other != person_id)
                    self.problems.append(
                        self.people_sources[person_id].problem(
                            ("disambiguation",),
                            f"shares the name '{name}' with {others}",
                            "if they are different people, add a 'disambiguation' to each; "
                            "if the same person, merge the files and list the spelling under 'variants'",
                        )
                    )

    def check_edition(self, edition: Edition) -> None:
        info, source = edition.info, edition.source
        sources = edition.item_sources
        for list_name in ("organizers", "program_committee"):
            entries: list[Role] = getattr(info, list_name)
            seen: set[str] = set()
            for index, entry in enumerate(entries):
                self.person(source, (list_name, index, "person"), entry.person)
                if entry.person in seen:
                    self.problems.append(
                        source.problem((list_name, index, "person"), f"'{entry.person}' is listed twice")
                    )
                seen.add(entry.person)
        for index, contact in enumerate(info.contacts):
            self.person(source, ("contacts", index, "person"), contact.person)
        for index, item in enumerate(info.important_dates):
            # Camera-ready and publication dates may follow the workshop; a year away is a mistyped year.
            if abs(item.date - info.date) > dt.timedelta(days=366):
                self.problems.append(
                    source.problem(
                        ("important_dates", index, "date"),
                        f"{item.date} is more than a year from the workshop ({info.date})",
                        "check the year",
                    )
                )
        if info.pmlr and info.pmlr.published and info.pmlr.published < info.date:
            self.problems.append(
                source.problem(("pmlr", "published"), "proceedings published before the workshop took place")
            )
        for keynote_id, keynote in edition.keynotes.items():
            self.person(sources["keynotes"][keynote_id], ("speaker",), keynote.speaker)
        for panel_id, panel in edition.panels.items():
            panel_source = sources["panels"][panel_id]
            for index, entry in enumerate(panel.panelists):
                self.person(panel_source, ("panelists", index, "person"), entry.person)
            if panel.moderator:
                self.person(panel_source, ("moderator",), panel.moderator)
        if edition.program_source is not None:
            self.check_program(edition, edition.program_source)

    def check_program(self, edition: Edition, source: Source) -> None:
        previous: Slot | None = None
        slot_ids: set[str] = set()
        used: dict[tuple[str, str], int] = {}
        for index, slot in enumerate(edition.slots):
            path: FieldPath = ("slots", index)
            if slot.end <= slot.start:
                self.problems.append(
                    source.problem((*path, "end"), f"ends ({slot.end}) before it starts ({slot.start})")
                )
            if previous is not None and slot.start < previous.end:
                self.problems.append(
                    source.problem(
                        (*path, "start"),
                        f"starts at {slot.start}, before the previous slot ends ({previous.end})",
                        "slots must be listed in time order and must not overlap",
                    )
                )
            previous = slot
            if slot.id:
                if slot.id in slot_ids:
                    self.problems.append(source.problem((*path, "id"), f"slot id '{slot.id}' is used twice"))
                slot_ids.add(slot.id)
            self.check_slot_refs(edition, source, path, slot, used)

    def check_slot_refs(
        self, edition: Edition, source: Source, path: FieldPath, slot: Slot, used: dict[tuple[str, str], int]
    ) -> None:
        for kind, target, known in (("keynote", slot.keynote, edition.keynotes), ("panel", slot.panel, edition.panels)):
            if target is None:
                if slot.kind.value == kind:
                    self.problems.append(
                        source.problem(
                            (*path, kind),
                            f"a {kind} slot must name its {kind}",
                            f"add '{kind}: <id>' naming a file in {edition.id}/{kind}s/",
                        )
                    )
                continue
            if target not in known and f"{edition.id}/{kind}s/{target}" in self.invalid:
                continue
            if target not in known:
                guess = difflib.get_close_matches(target, list(known), n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"add {edition.id}/{kind}s/{target}.yaml"
                self.problems.append(source.problem((*path, kind), f"unknown {kind} '{target}'", hint))
            elif (kind, target) in used:
                self.problems.append(
                    source.problem((*path, kind), f"{kind} '{target}' is already in slot {used[kind, target]}")
                )
            used[kind, target] = path[1] + 1  # type: ignore[operator]
        if not slot.title and not slot.keynote and not slot.panel:
            self.problems.append(source.problem((*path, "title"), "this slot needs a title"))
        for number, entry in enumerate(slot.papers):
            entry_path = (*path, "papers", number)
            if entry.paper not in edition.papers and f"{edition.id}/papers/{entry.paper}" not in self.invalid:
                guess = difflib.get_close_matches(entry.paper, list(edition.papers), n=1)
                hint = (
                    f"did you mean '{guess[0]}'?"
                    if guess
                    else f"papers of {edition.id} are the files in {edition.id}/papers/"
                )
                self.problems.append(source.problem((*entry_path, "paper"), f"unknown paper '{entry.paper}'", hint))
            if (entry.start is None) != (entry.end is None):
                self.problems.append(source.problem(entry_path, "give both start and end, or neither"))
            elif entry.start and entry.end and not (slot.start <= entry.start < entry.end <= slot.end):
                self.problems.append(
                    source.problem(
                        (*entry_path, "start"),
                        f"{entry.start}-{entry.end} is not within the slot {slot.start}-{slot.end}",
                    )
                )

    def check_paper(self, paper: Paper, source: Source) -> None:
        seen: set[str] = set()
        for index, author in enumerate(paper.authors):
            path: FieldPath = ("authors", index)
            self.person(source, (*path, "person"), author.person)
            if author.person in seen:
                self.problems.append(source.problem((*path, "person"), f"'{author.person}' is listed twice"))
            seen.add(author.person)
            person = self.proceedings.people.get(author.person)
            if person and author.name and author.name not in (person.name, *person.variants):
                self.problems.append(
                    source.problem(
                        (*path, "name"),
                        f"'{author.name}' is not a known name of '{author.person}'",
                        f"add it to 'variants' in proceedings/people/{author.person}.yaml if it is the same person",
                    )
                )


def _collect_roles(proceedings: Proceedings) -> dict[str, list[PersonRole]]:
    roles: dict[str, list[PersonRole]] = {person_id: [] for person_id in proceedings.people}
    for edition in proceedings.editions:  # most recent first, as everywhere on the site
        for entry in edition.info.organizers:
            roles[entry.person].append(PersonRole(edition.id, "organizer", affiliation=entry.affiliation))
        for keynote_id, keynote in edition.keynotes.items():
            roles[keynote.speaker].append(PersonRole(edition.id, "keynote", keynote_id, keynote.affiliation))
        for panel_id, panel in edition.panels.items():
            if panel.moderator:
                roles[panel.moderator].append(PersonRole(edition.id, "moderator", panel_id))
            for entry in panel.panelists:
                roles[entry.person].append(PersonRole(edition.id, "panelist", panel_id, entry.affiliation))
        for paper_id, paper in edition.papers.items():
            for author in paper.authors:
                roles[author.person].append(PersonRole(edition.id, "author", paper_id, author.affiliation))
        for entry in edition.info.program_committee:
            roles[entry.person].append(PersonRole(edition.id, "committee", affiliation=entry.affiliation))
    return roles
