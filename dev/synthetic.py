"""Synthetic proceedings in the real metadata format, for benchmarks and scale tests.

Deterministic for a given seed. Words are invented from syllables, so no real
title or abstract is ever reproduced.

    python -m proceedings_site.synthetic --papers 3000 --out /tmp/synthetic/proceedings
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ter",
    "ra",
    "sat",
    "geo",
    "na",
    "vel",
    "tor",
    "pix",
    "sen",
    "lum",
    "dar",
    "mo",
    "ri",
    "tes",
    "gla",
    "cier",
    "for",
    "est",
    "hy",
    "dro",
    "clo",
    "ud",
    "sca",
    "le",
    "bi",
    "om",
    "ze",
]
FIRST = [
    "Ada",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elif",
    "Farah",
    "Gustav",
    "Hana",
    "Ivo",
    "Jun",
    "Kamala",
    "Lars",
    "Maren",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Yara",
    "Zoë",
]
EDITIONS = [
    ("2031-syn", "2031-07-20", "America/Vancouver", "Vancouver, Canada"),
    ("2032-syn", "2032-09-10", "Europe/Stockholm", "Malmö, Sweden"),
    ("2033-syn", "2033-06-15", "Asia/Tokyo", "Kyoto, Japan"),
]
PROGRAM = [
    ("09:00", "09:10", "opening", "Opening remarks"),
    ("09:10", "09:50", "keynote", None),
    ("09:50", "10:30", "spotlights", "Spotlights I"),
    ("10:30", "11:00", "break", "Coffee break"),
    ("11:00", "11:40", "keynote", None),
    ("11:40", "12:20", "spotlights", "Spotlights II"),
    ("12:20", "13:30", "lunch", "Lunch break"),
    ("13:30", "14:30", "posters", "Poster session"),
    ("14:30", "15:10", "keynote", None),
    ("15:10", "16:10", "panel", None),
    ("16:10", "16:20", "closing", "Closing remarks"),
]


class Words:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocabulary = sorted({self.word() for _ in range(4000)})

    def word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))

    def phrase(self, count: int) -> str:
        return " ".join(self.rng.choice(self.vocabulary) for _ in range(count))

    def title(self) -> str:
        return self.phrase(self.rng.randint(5, 11)).capitalize()

    def abstract(self, length: int = 1200) -> str:
        sentences = []
        while sum(len(s) + 1 for s in sentences) < length:
            sentences.append(self.phrase(self.rng.randint(8, 18)).capitalize() + ".")
        return " ".join(sentences)[:length].rstrip() + "."


TOPICS = 12  # synthetic topics: each paper's abstract draws one word in six from its topic's words
TOPIC_WORDS = 60


def topic(number: int) -> int:
    """The synthetic topic of paper ``syn{number:05d}`` (the benchmark checks related papers against it)."""
    return (number * 5 + number // TOPICS) % TOPICS


class Topics:
    """Topic words, drawn from the vocabulary by a generator of their own, so titles and everything else come
    out as they did before topics existed."""

    def __init__(self, words: Words, seed: int) -> None:
        self.rng = random.Random(seed + 7_777)
        self.words = [self.rng.sample(words.vocabulary, TOPIC_WORDS) for _ in range(TOPICS)]

    def mix(self, abstract: str, number: int) -> str:
        drawn = abstract.split(" ")
        for index in range(3, len(drawn), 6):
            end = "." if drawn[index].endswith(".") else ""
            drawn[index] = self.rng.choice(self.words[topic(number)]) + end
        return " ".join(drawn)


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


SITE = {
    "name": "Synthetic",
    "title": "Synthetic proceedings",
    "description": "Generated proceedings for the benchmark.",
    "introduction": "A workshop that the benchmark makes up.",
    "tracks": [
        {"id": "long", "label": "Long paper", "plural": "Long papers", "in_series": True},
        {"id": "short", "label": "Short paper", "plural": "Short papers"},
    ],
    "presentations": [
        {"id": "poster", "label": "Poster", "plural": "Posters"},
        {"id": "spotlight", "label": "Spotlight", "plural": "Spotlights", "highlight": True},
    ],
    "calendar_domain": "synthetic.invalid",
}


def generate(out: Path, papers: int, seed: int = 0) -> Path:
    """Write a valid metadata tree with ``papers`` papers over three editions; return ``out``."""
    rng = random.Random(seed)
    words = Words(rng)
    topics = Topics(words, seed)
    _write(out / "site.yaml", SITE)
    people = [f"p{index:05d}" for index in range(max(3 * papers, 12))]
    for index, person_id in enumerate(people):
        surname = words.word().capitalize()
        _write(
            out / "people" / f"{person_id}.yaml",
            {
                "name": f"{FIRST[index % len(FIRST)]} {surname}",
                "disambiguation": f"Synthetic person {index}",
                "affiliations": [f"University of {words.word().capitalize()}"],
            },
        )
    shares = [papers // 3 + (1 if i < papers % 3 else 0) for i in range(3)]
    number = 0
    for (edition_id, day, zone, city), count in zip(EDITIONS, shares, strict=True):
        _write(
            out / edition_id / "edition.yaml",
            {
                "name": f"Synthetic workshop {edition_id}",
                "short_name": f"Synthetic {edition_id[:4]}",
                "conference": f"SYNCONF {edition_id[:4]}",
                "date": day,
                "timezone": zone,
                "city": city,
                "venue": "Hall B",
                "status": "held",
                "organizers": [{"person": person} for person in people[:8]],
                "program_committee": [{"person": person} for person in rng.sample(people, min(40, len(people)))],
            },
        )
        ids = []
        for order in range(1, count + 1):
            number += 1
            paper_id = f"syn{number:05d}"
            ids.append(paper_id)
            authors = rng.sample(people, rng.choice([2, 3, 4, 4, 5, 6]))
            _write(
                out / edition_id / "papers" / f"{paper_id}.yaml",
                {
                    "title": words.title(),
                    "authors": [{"person": person} for person in authors],
                    "track": rng.choice(["long", "short"]),
                    "presentation": "spotlight" if order % 10 == 0 else "poster",
                    "keywords": [words.phrase(rng.randint(1, 2)) for _ in range(rng.randint(2, 5))],
                    "abstract": topics.mix(words.abstract(), number),
                    "openreview_id": f"Syn{number:07d}",
                    "links": {"openreview": f"https://openreview.net/forum?id=Syn{number:07d}"},
                    "order": order,
                },
            )
        _write_program(out / edition_id, rng, words, people, ids)
    return out


def _write_program(folder: Path, rng: random.Random, words: Words, people: list[str], paper_ids: list[str]) -> None:
    slots = []
    spotlights = [paper_id for index, paper_id in enumerate(paper_ids, start=1) if index % 10 == 0]
    keynote_number = 0
    for start, end, kind, title in PROGRAM:
        slot: dict[str, object] = {"start": start, "end": end, "kind": kind}
        if kind == "keynote":
            keynote_number += 1
            keynote_id = f"keynote-{keynote_number}"
            _write(
                folder / "keynotes" / f"{keynote_id}.yaml",
                {"speaker": rng.choice(people), "title": words.title(), "abstract": words.abstract(600)},
            )
            slot["keynote"] = keynote_id
        elif kind == "panel":
            _write(
                folder / "panels" / "panel.yaml",
                {"title": words.title(), "panelists": [{"person": p} for p in rng.sample(people, 4)]},
            )
            slot["panel"] = "panel"
        else:
            slot["title"] = title
        if kind == "spotlights":
            half = spotlights[: len(spotlights) // 2] if title == "Spotlights I" else spotlights[len(spotlights) // 2 :]
            slot["papers"] = [{"paper": paper_id} for paper_id in half]
        slots.append(slot)
    _write(folder / "program.yaml", {"slots": slots})


def add_paper(out: Path, edition_id: str, paper_id: str, authors: list[str], title: str) -> Path:
    """One more paper, as an organizer would add it (used to measure incremental rebuilds)."""
    path = out / edition_id / "papers" / f"{paper_id}.yaml"
    _write(
        path,
        {
            "title": title,
            "authors": [{"person": a} for a in authors],
            "track": "short",
            "abstract": "An added paper about " + title.lower() + ".",
        },
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    started = dt.datetime.now()
    generate(args.out, args.papers, args.seed)
    print(f"{args.papers} papers written to {args.out} in {(dt.datetime.now() - started).total_seconds():.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
