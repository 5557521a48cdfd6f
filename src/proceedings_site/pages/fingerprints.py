"""What a paper's or a person's page is made from, as a digest: a page whose digest is as recorded when its source
was last written (``writer.Recorded``) is not made again.

Adding a paper to a large conference changes a few dozen of its pages, but making every paper's and person's page
to compare it with its file was most of the assembling (2.5 of 3.4 s at 3,000 papers). A digest covers every
input of its page, from the model (pydantic's own serialization of each object, which holds every field), not
from files, whatever the loader made of them:

- everywhere: the engine's code (``engine``), site.yaml and the published address;
- an edition's part: its id, edition.yaml, its program, keynotes and panels (program slots name keynotes);
- a paper: its file and each author's person file (names, affiliations); its page adds its edition's part, the
  ids and titles of the papers before and after it in the list, and apart (they are known last, ``section``) its
  topic and related papers, with each related paper's part and its edition's edition.yaml;
- a person: their file and roles, with the paper (and its authors) or edition of each role.

The page of an object changed elsewhere (a co-author renamed, a program slot moved) thus changes its digest too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Edition, Proceedings
from ..topics import Topics


def digest(parts: Iterable[str]) -> str:
    # No part holds a NUL: pydantic's JSON escapes it, and text fields refuse control characters.
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


class Fingerprints:
    """Digests of the inputs of paper and person pages, for one assembly of ``proceedings``."""

    def __init__(self, proceedings: Proceedings, base_url: str, engine: str) -> None:
        self.proceedings = proceedings
        self.common = digest([engine, proceedings.site.model_dump_json(), base_url])
        self.people = {pid: digest([person.model_dump_json()]) for pid, person in proceedings.people.items()}
        self.editions = {edition.id: self._edition(edition) for edition in proceedings.editions}
        self.edition_files = {edition.id: digest([edition.info.model_dump_json()]) for edition in proceedings.editions}
        self.papers = {
            (edition.id, paper_id): digest(
                [paper.model_dump_json(), *(self.people.get(author.person, "") for author in paper.authors)]
            )
            for edition in proceedings.editions
            for paper_id, paper in edition.papers.items()
        }
        self.edition_of: dict[str, str] = {}  # related papers are named by id alone: the first edition's, as shown
        for edition in proceedings.editions:
            for paper_id in edition.papers:
                self.edition_of.setdefault(paper_id, edition.id)

    @staticmethod
    def _edition(edition: Edition) -> str:
        parts = [edition.id, edition.info.model_dump_json(), *(slot.model_dump_json() for slot in edition.slots)]
        parts += [f"keynote:{item_id}:{item.model_dump_json()}" for item_id, item in edition.keynotes.items()]
        parts += [f"panel:{item_id}:{item.model_dump_json()}" for item_id, item in edition.panels.items()]
        return digest(parts)

    def paper(self, edition: Edition, paper_id: str, neighbours: tuple[str | None, str | None]) -> str:
        """Of a paper's page but for its topics section (``topics.paper_section``)."""
        shown = [f"{pid}:{edition.papers[pid].title}" if pid else "" for pid in neighbours]
        return digest([self.common, self.editions[edition.id], paper_id, self.papers[edition.id, paper_id], *shown])

    def section(self, topics: Topics | None, edition: Edition, paper_id: str) -> str:
        """Of a paper page's topics section: its topic on the edition's map (and whether the map is split in a
        page per topic), and its related papers."""
        if topics is None:
            return ""
        parts = []
        if (shown := topics.maps.get(edition.id)) is not None:
            parts.append(repr(len(shown.points) > self.proceedings.site.topics.map_page_papers))
        if (cluster := topics.topic(edition.id, paper_id)) is not None:
            parts.append(repr((cluster.anchor, cluster.terms)))
        for related in topics.related.get(paper_id, ()):
            edition_id = self.edition_of[related.paper]
            parts += [repr((related.paper, related.shared)), self.edition_files[edition_id]]
            parts.append(self.papers[edition_id, related.paper])
        return digest(parts)

    def person(self, person_id: str) -> str:
        parts = [self.common, person_id, self.people[person_id]]
        for role in self.proceedings.roles.get(person_id, []):
            parts += [repr((role.edition, role.kind, role.target, role.affiliation)), self.editions[role.edition]]
            if role.kind == "author" and role.target:
                parts.append(self.papers.get((role.edition, role.target), ""))
        return digest(parts)


def with_section(paper_print: str, section_print: str) -> str:
    """A paper page's digest: of its inputs but topics (``Fingerprints.paper``), and of its topics section's."""
    return f"{paper_print}.{section_print}"


def paper_part(recorded: str | None) -> str | None:
    """The part of a paper page's recorded digest that does not depend on the topics."""
    return recorded.split(".", 1)[0] if recorded else None


@dataclass
class Reuse:
    """An assembly's digests, and what the last one recorded: the pages whose inputs are as recorded are not
    made again."""

    prints: Fingerprints
    recorded: Callable[[str], str | None]  # docname → what its page was made from, if its file is as written
