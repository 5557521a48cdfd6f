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

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import identity
from ..authoring import edits, schema
from ..errors import MetadataError, Problem, display_path
from ..model import Edition, Presentation, Proceedings, SiteFile, Track, load_proceedings

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


def read_export(path: Path) -> list[dict[str, Any]]:
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except OSError as error:
        raise MetadataError([Problem(shown, 1, "", f"cannot read the export: {error.strerror}")]) from None
    except json.JSONDecodeError as error:
        raise MetadataError([Problem(shown, error.lineno, "", f"not valid JSON: {error.msg}")]) from None
    notes = document.get("notes") if isinstance(document, dict) else document
    if not isinstance(notes, list):
        raise MetadataError([Problem(shown, 1, "notes", 'expected the API\'s {"notes": [...]} or a list of notes')])
    check_notes(notes, shown, text)
    return notes


def check_notes(notes: list[Any], shown: str, text: str = "") -> None:
    """Every note needs an id, a title and authors (with as many profile ids as names, when given)."""
    problems = []
    for index, note in enumerate(notes):
        where = f"notes[{index + 1}]"
        line = _line_of(text, note.get("id")) if isinstance(note, dict) else 1
        if not isinstance(note, dict) or not isinstance(note.get("id"), str):
            problems.append(Problem(shown, line, f"{where}.id", "every note needs its OpenReview id"))
            continue
        if not isinstance(note.get("content", {}), dict):
            problems.append(Problem(shown, line, f"{where}.content", "expected the note's fields"))
            continue
        for key in ("title", "authors"):
            if not _value(note, key):
                problems.append(Problem(shown, line, f"{where}.content.{key}.value", "missing"))
        names, ids = _value(note, "authors") or [], _value(note, "authorids") or []
        if not isinstance(names, list) or not isinstance(ids, list):
            problems.append(Problem(shown, line, f"{where}.content.authors.value", "expected a list of names"))
        elif ids and len(ids) != len(names):
            problems.append(
                Problem(
                    shown, line, f"{where}.content.authorids.value", f"{len(ids)} author ids for {len(names)} authors"
                )
            )
    if problems:
        raise MetadataError(problems)


def _line_of(text: str, needle: Any) -> int:
    index = text.find(f'"{needle}"') if isinstance(needle, str) else -1
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _value(note: dict[str, Any], key: str) -> Any:
    entry = note.get("content", {}).get(key)
    return entry.get("value") if isinstance(entry, dict) else entry


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
        self.person_docs: dict[str, CommentedMap] = {}
        state_path = self.metadata / edition.id / STATE_FILE
        self.state_path = state_path
        self.state: dict[str, Any] = json.loads(state_path.read_text()) if state_path.is_file() else {"papers": {}}

    def person_for(self, name: str, profile: str | None) -> str:
        name = " ".join(name.split())
        if profile and profile.startswith("~") and (known := identity.by_openreview(self.people, profile)):
            self.add_variant(known, name)
            return known
        candidates = identity.namesakes(self.people, name)
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

    def imported_fields(self, note: dict[str, Any]) -> dict[str, Any]:
        names = _value(note, "authors")
        profiles = _value(note, "authorids") or [None] * len(names)
        venue = _value(note, "venue") or ""
        forum = note.get("forum") or note["id"]
        values: dict[str, Any] = {
            "title": " ".join(str(_value(note, "title")).split()),
            "authors": [{"person": self.person_for(n, p)} for n, p in zip(names, profiles, strict=True)],
            "keywords": [" ".join(str(k).split()) for k in _value(note, "keywords") or []],
            "openreview_id": forum,
            "links.openreview": FORUM.format(forum),
        }
        if abstract := _value(note, "abstract"):
            values["abstract"] = str(abstract).strip()
        if _value(note, "pdf"):
            values["links.pdf"] = PDF.format(forum)
        if track := track_from_venue(venue, self.p.site):
            values["track"] = track
        if presentation := presentation_from_venue(venue, self.p.site):
            values["presentation"] = presentation
        return values

    def paper_for(self, forum: str) -> str | None:
        return next((pid for pid, paper in self.edition.papers.items() if paper.openreview_id == forum), None)

    def run(self, notes: list[dict[str, Any]]) -> None:
        taken = {pid for e in self.p.editions for pid in e.papers}
        order = max((paper.order or 0 for paper in self.edition.papers.values()), default=0)
        for note in notes:
            forum = note.get("forum") or note["id"]
            values = self.imported_fields(note)
            paper_id = self.paper_for(forum)
            if paper_id is None:
                first = _value(note, "authors")[0]
                paper_id = identity.paper_id(first, self.edition.year, taken)
                taken.add(paper_id)
                order += 1
                self.create(paper_id, values, order)
            else:
                self.update(paper_id, values)
            self.state["papers"][paper_id] = {"forum": forum, "fields": values}
        for person_id, document in self.person_docs.items():
            path = self.metadata / "people" / f"{person_id}.yaml"
            text = edits.dump(document)
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
            self.report.notes.append(f"{paper_id}: the venue does not say the track; set to long, check it")
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


def import_notes(proceedings: Proceedings, edition: Edition, notes: list[dict[str, Any]]) -> ImportReport:
    """Apply checked notes (from a file or the API) to an edition, all or nothing."""
    importer = _Importer(proceedings, edition)
    importer.run(notes)
    importer.report.written = edits.apply(proceedings.root, importer.files)
    return importer.report
