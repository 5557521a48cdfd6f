"""One strict model per kind of metadata file: person, edition, program, keynote, panel, paper."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .fields import Clock, Date, Id, LongText, Name, OpenReviewProfile, Orcid, Strict, Text, TimeZoneName, Url


class Person(Strict):
    """A person in the shared registry; the file name is their stable id."""

    name: Name = Field(description="Display name, as the person writes it.")
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
    date: Date


class SubmissionFormats(Strict):
    tracks: dict[Id, Text] = Field(
        default={},
        description="Length limits by track id (from site.yaml), such as 'short: 4 pages excluding references'.",
    )
    style: Text | None = None
    review: Text | None = None


class CallForPapers(Strict):
    """What the call for papers asked for, beside the length limits of ``submission_formats``: facts in short
    labels, not the call's prose."""

    topics: list[Text] = Field(default=[], description="Topics invited, each a short label.")
    review: Text | None = Field(default=None, description="How papers are reviewed: 'two reviewers per paper'.")
    presentation: Text | None = Field(default=None, description="How accepted papers are presented.")
    publication: Text | None = Field(default=None, description="Whether and where accepted papers are published.")


class PmlrVolume(Strict):
    volume: int = Field(gt=0)
    title: Text
    published: Date | None = None


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
    conference: Text | None = Field(default=None, description="The host conference, when there is one.")
    date: Date
    timezone: TimeZoneName
    city: Text
    venue: Text | None = None
    status: Literal["announced", "held"] | None = Field(
        default=None,
        description="Deprecated and ignored, still accepted: pages tell an upcoming edition from a held one by "
        "its date and the build date.",
    )
    links: EditionLinks = EditionLinks()
    important_dates: list[ImportantDate] = []
    deadline_timezone: Text | None = None
    submission_formats: SubmissionFormats | None = None
    call_for_papers: CallForPapers | None = None
    pmlr: PmlrVolume | None = None
    organizers: list[Role] = []
    program_committee: list[Role] = []
    contacts: list[Contact] = []
    sponsors: list[Sponsor] = []
    funding: Text | None = None

    @property
    def full_title(self) -> str:
        """The name with the host conference, as citations print it."""
        return f"{self.name} ({self.conference})" if self.conference else self.name


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
    date: Date | None = Field(default=None, description="The slot's day, when the program spans several days.")
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
    abstract: LongText | None = Field(default=None, description="The speaker's own text; rendered like a paper's.")
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
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]  # PMLR ids may hold hyphens
    pages: Annotated[str, StringConstraints(pattern=r"^\d+(-\d+)?$")]


class Paper(Strict):
    title: Text
    authors: list[Author] = Field(min_length=1)
    track: Id = Field(description="One of the track ids in site.yaml.")
    presentation: Id | None = Field(
        default=None, description="One of the presentation ids in site.yaml; the first one there when left out."
    )
    keywords: list[Text] = []
    abstract: LongText | None = Field(
        default=None,
        description="As the authors write it: Markdown, a little HTML, TeX and math render. Imported from OpenReview "
        "or PMLR, or written in a pull request (a block scalar: 'abstract: |').",
    )
    openreview_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{6,20}$")] | None = None
    pmlr: PmlrPaper | None = None
    links: PaperLinks = PaperLinks()
    order: int | None = Field(default=None, description="Position in the accepted-papers list.")
