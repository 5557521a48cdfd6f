"""``proceedings import-openreview``: create or update paper files from an OpenReview API v2 export.

The export is what the API returns for a venue's accepted submissions (``{"notes": [...]}``, each field as
``content.<name>.value``). The importer owns a few fields of each paper (``OWNED``). It records, per edition,
what it last imported (``openreview-import.json``, committed with the metadata); a field whose current value
differs from what was last imported was edited by hand and is kept. A second run with the same export
changes nothing. Files are edited in place with ruamel.yaml, so comments and field order survive.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import identity
from ..authoring import edits, schema
from ..errors import MetadataError, Problem, display_path
from ..model import Edition, Presentation, Proceedings, SiteFile, Track, load_proceedings
from . import safejson
from .openreview_notes import Note, check_notes

STATE_FILE = "openreview-import.json"
OWNED = (
    "title",
    "authors",
    "abstract",
    "keywords",
    "openreview_id",
    "links.openreview",
    "links.pdf",
    "track",
    "presentation",
)
FORUM = "https://openreview.net/forum?id={}"
PDF = "https://openreview.net/pdf?id={}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # "paper: field" left as edited by hand
    new_people: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


# --- reading the export ------------------------------------------------------------------------------------

MAX_EXPORT_BYTES = 512 * 2**20  # a venue of 10,000 papers with long abstracts is some 100 MB


def read_export(path: Path) -> list[Note]:
    shown = path.as_posix()
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            limit = MAX_EXPORT_BYTES // 2**20
            raise MetadataError([Problem(shown, 1, "", f"the export is larger than {limit} MB; is it the right file?")])
        text = path.read_text(encoding="utf-8")
        document = safejson.loads(text)
    except OSError as error:
        raise MetadataError([Problem(shown, 1, "", f"cannot read the export: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        raise MetadataError([Problem(shown, 1, "", f"not UTF-8 text (byte {error.start:,})")]) from None
    except safejson.JsonProblem as problem:
        raise MetadataError([Problem(shown, problem.line, "", problem.message)]) from None
    raw = document.get("notes") if isinstance(document, dict) else document
    if not isinstance(raw, list):
        raise MetadataError([Problem(shown, 1, "notes", 'expected the API\'s {"notes": [...]} or a list of notes')])
    return checked(raw, shown, _note_lines(text, raw))


def checked(raw: list[Any], shown: str, lines: list[int] | None = None) -> list[Note]:
    """The typed notes, or every problem of every note at once."""
    notes, problems = check_notes(raw, shown, lines)
    if problems:
        raise MetadataError(problems)
    return notes


def _note_lines(text: str, raw: list[Any]) -> list[int]:
    """The line of each note's id in the file (1 where it is not found), in one pass over the text."""
    first: dict[str, int] = {}
    line, position = 1, 0
    for match in re.finditer(r'"id"\s*:\s*"([^"\\]{1,200})"', text):
        line += text.count("\n", position, match.start())
        position = match.start()
        first.setdefault(match[1], line)
    return [
        first.get(note.get("id"), 1) if isinstance(note, dict) and isinstance(note.get("id"), str) else 1
        for note in raw
    ]


_TALK = re.compile(r"\b(spotlight|oral|contributed talk)\b", re.IGNORECASE)


def _names(item: Track | Presentation) -> list[str]:
    """How a venue string may name a configured track or presentation: its label, or its id as words."""
    label = item.label.removesuffix(" paper").removesuffix(" Paper")
    return [item.label, label, item.id.replace("-", " ")]


def _mentions(venue: str, names: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", venue, re.IGNORECASE) for name in names)


def presentation_from_venue(venue: str, site: SiteFile) -> str | None:
    """The presentation a venue string names ("… Poster (Short Paper)"); a talk ("Oral", "Spotlight") that the
    site does not name itself is its first highlighted presentation."""
    for item in site.presentations:
        if _mentions(venue, _names(item)):
            return item.id
    highlighted = [item.id for item in site.presentations if item.highlight]
    return highlighted[0] if highlighted and _TALK.search(venue) else None


def track_from_venue(venue: str, site: SiteFile) -> str | None:
    return next((track.id for track in site.tracks if _mentions(venue, _names(track))), None)


# --- the import ----------------------------------------------------------------------------------------------


class _Importer:
    def __init__(self, proceedings: Proceedings, edition: Edition) -> None:
        self.p = proceedings
        self.edition = edition
        self.metadata = proceedings.root
        self.report = ImportReport()
        self.files: dict[Path, str] = {}  # path → new text
        self.people = dict(proceedings.people)
        self.by_name = identity.name_index(self.people)
        self.person_docs: dict[str, CommentedMap] = {}
        state_path = self.metadata / edition.id / STATE_FILE
        self.state_path = state_path
        self.state: dict[str, Any] = json.loads(state_path.read_text()) if state_path.is_file() else {"papers": {}}

    def person_for(self, name: str, profile: str | None) -> str:
        name = " ".join(name.split())
        if profile and profile.startswith("~") and (known := identity.by_openreview(self.people, profile)):
            self.add_variant(known, name)
            return known
        candidates = self.by_name.get(identity.fold(name), [])
        if len(candidates) > 1:
            listed = ", ".join(candidates)
            raise MetadataError(
                [
                    Problem(
                        display_path(self.metadata / "people", self.metadata),
                        1,
                        "openreview",
                        f"'{name}' ({profile or 'no profile'}) matches several people: {listed}",
                        f"add openreview: {profile} to the right person's file, then import again",
                    )
                ]
            )
        if candidates:
            person_id = candidates[0]
            if profile and profile.startswith("~") and not self.people[person_id].openreview:
                self.person_doc(person_id)["openreview"] = profile
            self.add_variant(person_id, name)
            return person_id
        person_id = identity.unique(identity.slug(name), set(self.people) | set(self.person_docs))
        document = CommentedMap(name=name)
        if profile and profile.startswith("~"):
            document["openreview"] = profile
        self.person_docs[person_id] = document
        self.by_name.setdefault(identity.fold(name), []).append(person_id)
        self.report.new_people.append(person_id)
        return person_id

    def person_doc(self, person_id: str) -> CommentedMap:
        if person_id not in self.person_docs:
            path = self.metadata / "people" / f"{person_id}.yaml"
            self.person_docs[person_id] = edits.load(path)
        return self.person_docs[person_id]

    def add_variant(self, person_id: str, name: str) -> None:
        if person_id not in self.people:
            return
        person = self.people[person_id]
        if name not in (person.name, *person.variants):
            document = self.person_doc(person_id)
            variants = document.setdefault("variants", CommentedSeq())
            if name not in variants:
                variants.append(name)

    def imported_fields(self, note: Note) -> dict[str, Any]:
        values: dict[str, Any] = {
            "title": " ".join(note.title.split()),
            "authors": [{"person": self.person_for(n, p)} for n, p in zip(note.authors, note.profiles, strict=True)],
            "keywords": list(note.keywords),
            "openreview_id": note.forum,
            "links.openreview": FORUM.format(note.forum),
        }
        if note.abstract:
            values["abstract"] = note.abstract.strip()
        if note.has_pdf:
            values["links.pdf"] = PDF.format(note.forum)
        if track := track_from_venue(note.venue, self.p.site):
            values["track"] = track
        if presentation := presentation_from_venue(note.venue, self.p.site):
            values["presentation"] = presentation
        return values

    def paper_for(self, forum: str) -> str | None:
        return next((pid for pid, paper in self.edition.papers.items() if paper.openreview_id == forum), None)

    def run(self, notes: list[Note]) -> None:
        taken = {pid for e in self.p.editions for pid in e.papers}
        order = max((paper.order or 0 for paper in self.edition.papers.values()), default=0)
        for note in notes:
            forum = note.forum
            values = self.imported_fields(note)
            paper_id = self.paper_for(forum)
            if paper_id is None:
                first = note.authors[0]
                paper_id = identity.paper_id(first, self.edition.year, taken)
                taken.add(paper_id)
                order += 1
                self.create(paper_id, values, order)
            else:
                self.update(paper_id, values)
            self.state["papers"][paper_id] = {"forum": forum, "fields": values}
        for person_id, document in self.person_docs.items():
            path = self.metadata / "people" / f"{person_id}.yaml"
            text = _new_file(document) if person_id in self.report.new_people else edits.dump(document)
            if not text.startswith(schema.HEADER_PREFIX):
                text = schema.with_header(text, schema.header(path, self.metadata, "person"))
            self.files[path] = text
        self.files[self.state_path] = json.dumps(self.state, indent=1, ensure_ascii=False, sort_keys=True) + "\n"

    def create(self, paper_id: str, values: dict[str, Any], order: int) -> None:
        document = CommentedMap()
        for key in ("title", "authors"):
            document[key] = values[key]
        document["track"] = values.get("track", self.p.site.track_ids[0])
        document["presentation"] = values.get("presentation", self.p.site.presentation_ids[0])
        for key in ("keywords", "abstract", "openreview_id"):
            if key in values:
                document[key] = values[key]
        document["links"] = CommentedMap(
            (k.split(".")[1], values[k]) for k in ("links.openreview", "links.pdf") if k in values
        )
        document["order"] = order
        if "track" not in values:
            self.report.notes.append(
                f"{paper_id}: the venue does not say the track; set to {document['track']}, check it"
            )
        path = self.metadata / self.edition.id / "papers" / f"{paper_id}.yaml"
        self.files[path] = schema.with_header(edits.dump(document), schema.header(path, self.metadata, "paper"))
        self.report.created.append(paper_id)

    def update(self, paper_id: str, values: dict[str, Any]) -> None:
        path = self.metadata / self.edition.id / "papers" / f"{paper_id}.yaml"
        document = edits.load(path)
        last = self.state["papers"].get(paper_id, {}).get("fields", {})
        changed = False
        for key, new in values.items():
            current = edits.plain(edits.get(document, key))
            if current == new:
                continue
            if (key in last and current != last[key]) or (key not in last and current not in (None, [], "")):
                self.report.kept.append(f"{paper_id}: {key}")
                continue
            edits.put(document, key, new)
            changed = True
        if changed:
            self.files[path] = edits.dump(document)
            self.report.updated.append(paper_id)


def _new_file(document: CommentedMap) -> str:
    """A new person's file (a few text fields, no comments to keep) by LibYAML: a paper by thousands of authors
    creates thousands of them, and ruamel.yaml takes tens of milliseconds per file."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(dict(document), Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096)


def import_openreview(metadata: Path, edition_id: str, export: Path) -> ImportReport:
    """Apply an export file; if the result does not validate, put every file back and raise the problems."""
    proceedings, edition = load_edition(metadata, edition_id)
    return import_notes(proceedings, edition, read_export(export))


def load_edition(metadata: Path, edition_id: str) -> tuple[Proceedings, Edition]:
    proceedings = load_proceedings(metadata)
    try:
        return proceedings, proceedings.edition(edition_id)
    except KeyError as unknown:
        raise MetadataError([Problem(metadata.as_posix(), 1, "--edition", unknown.args[0])]) from None


def import_notes(proceedings: Proceedings, edition: Edition, notes: list[Note]) -> ImportReport:
    """Apply checked notes (from a file or the API) to an edition, all or nothing."""
    importer = _Importer(proceedings, edition)
    importer.run(notes)
    importer.report.written = edits.apply(proceedings.root, importer.files)
    return importer.report
