"""``proceedings new-paper`` and ``new-edition``: metadata files with every field explained, valid as written;
registry entries for a new paper's new authors (people in ``people``; slots and keynotes in ``program``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .. import identity
from ..model import EditionFile, Proceedings
from ..model.fields import check_id
from . import schema
from .people import ask_on_terminal, choose_person, parse_author, person_file
from .writing import ScaffoldError, interactive, option_problem, quote, write

__all__ = ["ScaffoldError", "ask_on_terminal", "edition_files", "interactive", "plan", "write"]


@dataclass
class AuthorChoice:
    name: str
    person: str
    created: bool = False


@dataclass
class Scaffold:
    paper_path: Path
    authors: list[AuthorChoice]
    files: dict[Path, str] = field(default_factory=dict)


def plan(
    proceedings: Proceedings,
    edition_id: str,
    title: str,
    author_arguments: list[str],
    track: str | None,
    ask: Callable[[str, list[str]], str] | None,
) -> Scaffold:
    """Decide every file to write; raise :class:`ScaffoldError` without writing anything. ``track`` defaults to the
    site's first track."""
    metadata = proceedings.root
    tracks = proceedings.site.track_ids
    track = track or tracks[0]
    if track not in tracks:
        raise ScaffoldError(f"unknown track '{track}' (tracks of this site: {', '.join(tracks)})")
    try:
        edition = proceedings.edition(edition_id)
    except KeyError as unknown:
        raise ScaffoldError(unknown.args[0]) from None
    if not author_arguments:
        raise ScaffoldError("give at least one --author")
    taken_people = set(proceedings.people)
    authors: list[AuthorChoice] = []
    files: dict[Path, str] = {}
    for argument in author_arguments:
        name, chosen = parse_author(argument)
        person_id, create = choose_person(proceedings.people, name, chosen, ask)
        if create:
            person_id = identity.unique(identity.slug(name), taken_people)
            taken_people.add(person_id)
            path = metadata / "people" / f"{person_id}.yaml"
            files[path] = person_file(path, metadata, name)
        assert person_id is not None
        authors.append(AuthorChoice(name, person_id, create))
    all_papers = {pid for e in proceedings.editions for pid in e.papers}
    paper_id = identity.paper_id(author_arguments[0].partition("=")[0], edition.year, all_papers)
    paper_path = metadata / edition.id / "papers" / f"{paper_id}.yaml"
    files[paper_path] = paper_file(paper_path, metadata, title, authors, proceedings, track)
    return Scaffold(paper_path, authors, files)


def paper_file(
    path: Path, metadata: Path, title: str, authors: list[AuthorChoice], proceedings: Proceedings, track: str
) -> str:
    presentations = proceedings.site.presentation_ids
    series = (
        [f"# pmlr:  # once published in {proceedings.site.series.short_name}", "#   id: surname25a", "#   pages: 1-12"]
        if proceedings.site.series
        else []
    )
    lines = [
        schema.header(path, metadata, "paper"),
        f"title: {quote(' '.join(title.split()))}  # exactly as on the paper",
        "authors:  # in the order printed on the paper; each is a file in proceedings/people/",
    ]
    for author in authors:
        registered = proceedings.people.get(author.person)
        lines.append(f"  - person: {author.person}")
        if registered and author.name not in (registered.name, *registered.variants):
            lines.append(f"    # name: {quote(author.name)}  # add to the person's variants, then uncomment")
    lines += [
        "    # affiliation: …  # only if the paper gives one that differs from the person's current affiliation",
        f"track: {track}  # {' | '.join(proceedings.site.track_ids)}",
        f"presentation: {presentations[0]}  # {' | '.join(presentations)}",
        "keywords: []  # for example [remote sensing, benchmarks]",
        "# abstract: |  # organizers import it from OpenReview, or write it here, each line indented two spaces",
        "#   Markdown (*emphasis*, **strong**, `code`, [links](https://…), - lists), <em> <b> <sub> <sup>,",
        "#   TeX (\\emph{…}, \\%, {\\ss}, --) and math ($x^2$, $$…$$) render"
        + ("; see CONTRIBUTING.md" if (metadata.parent / "CONTRIBUTING.md").is_file() else ""),
        "openreview_id:  # the id in https://openreview.net/forum?id=…",
        *series,
        "links:  # each an http(s) address; remove the ones the paper does not have",
        "  openreview:",
        "  pdf:",
        *(["  pmlr:  # the paper's PMLR page"] if series else []),
        "  arxiv:",
        "  code:",
        "  data:",
        "  video:",
        "  poster:",
        "  project:",
        "  other: []  # [{label: Slides, url: https://…}]",
        "order:  # position in the accepted-papers list; papers without one come last",
        "",
    ]
    return "\n".join(lines)


# --- new-edition ------------------------------------------------------------------


def edition_files(metadata: Path, edition_id: str, title: str, date: str, timezone: str, city: str) -> dict[Path, str]:
    """An edition folder that validates as it is: the edition file with every field explained and an empty
    program. Raise :class:`ScaffoldError` for a bad argument or an existing edition; nothing is written."""
    folder = metadata / edition_id
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists")
    first = {"name": title, "short_name": title, "date": date, "timezone": timezone, "city": city}
    try:
        check_id(edition_id)
        EditionFile.model_validate(first)
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise ScaffoldError(_first_problem(error, edition_id)) from None
    edition_path, program_path = folder / "edition.yaml", folder / "program.yaml"
    return {
        edition_path: _edition_text(edition_path, metadata, title, date, timezone, city),
        program_path: program_text(program_path, metadata),
    }


def _first_problem(error: ValueError, edition_id: str) -> str:
    if not isinstance(error, ValidationError):
        return f"--id '{edition_id}' {error}"
    return option_problem(error, {"name": "--title", "short_name": "--title"})


def _edition_text(path: Path, metadata: Path, title: str, date: str, timezone: str, city: str) -> str:
    return "\n".join(
        [
            schema.header(path, metadata, "edition"),
            f"name: {quote(title)}  # the edition's full name",
            f"short_name: {quote(title)}  # in lists, headings and citations",
            "# ordinal: II  # the edition's number, as a roman numeral",
            "# conference: XYZ 2027  # the host conference, when there is one",
            f"date: {date}  # the workshop's (first) day; program slots may name later days",
            f"timezone: {timezone}  # where it takes place: program times are in this zone",
            f"city: {quote(city)}",
            "# venue: Room 101",
            "links:  # each an http(s) address",
            "  # website: https://…",
            "  # openreview: https://openreview.net/group?id=…  # where papers are submitted",
            "  # schedule: https://…  # the host conference's page for the workshop",
            "  # recordings: https://…",
            "  # proceedings: https://…  # the published proceedings volume",
            "  other: []  # [{label: Slides, url: https://…}]",
            "important_dates: []  # [{label: Submission deadline, date: 2027-04-01}]",
            "# deadline_timezone: Anywhere on Earth (23:59)",
            "# submission_formats:",
            "#   tracks:  # length limits by track id of site.yaml",
            "#     paper: 8 pages excluding references",
            "#   style: the conference's style files",
            "#   review: double-blind",
            "# call_for_papers:",
            "#   topics: [Benchmarks, Foundation models]  # short labels",
            "#   review: two reviewers per paper",
            "#   presentation: every accepted paper presents a poster",
            "#   publication: optional archival proceedings",
            "organizers: []  # [{person: first-last, affiliation: …}]: each a file in proceedings/people/",
            "program_committee: []  # the same form as organizers",
            "contacts: []  # [{person: first-last, email: name@example.org}]",
            "sponsors: []  # [{name: …, url: https://…}]",
            "# funding: the programme that funded the event",
            "",
        ]
    )


def program_text(path: Path, metadata: Path) -> str:
    return "\n".join(
        [
            schema.header(path, metadata, "program"),
            "# The timetable, in the edition's time zone. Each slot, in time order:",
            "#   - start: '09:00'",
            "#     end: '09:40'",
            "#     kind: keynote  # opening, keynote, spotlights, posters, panel, session, break, lunch, closing",
            "#     keynote: first-last  # a file in keynotes/ (panel: a file in panels/)",
            "#     papers: [{paper: surname27a}]  # papers presented in the slot",
            "#     date: 2027-06-15  # only for the days after the edition's date",
            "slots: []",
            "",
        ]
    )
