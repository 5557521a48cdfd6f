"""A minimal, valid metadata tree written into a temporary folder; tests break one thing at a time."""

from __future__ import annotations

from pathlib import Path

import yaml

SITE = {
    "name": "TerraBytes",
    "title": "TerraBytes proceedings",
    "description": "Proceedings of a test workshop.",
    "introduction": "A workshop that exists only in the tests.",
    "tracks": [
        {"id": "long", "label": "Long paper", "plural": "Long papers", "in_series": True},
        {"id": "short", "label": "Short paper", "plural": "Short papers"},
    ],
    "presentations": [
        {"id": "poster", "label": "Poster", "plural": "Posters"},
        {"id": "spotlight", "label": "Spotlight", "plural": "Spotlights", "highlight": True},
    ],
    "series": {"name": "Proceedings of Machine Learning Research", "short_name": "PMLR", "publisher": "PMLR"},
    "calendar_domain": "terrabytes-proceedings",
}
EDITION = {
    "name": "TerraBytes - Test edition",
    "short_name": "TerraBytes 2030",
    "ordinal": "V",
    "conference": "TESTCONF 2030",
    "date": "2030-07-19",
    "timezone": "America/Vancouver",
    "city": "Vancouver, Canada",
    "venue": "Hall A",
    "status": "held",
    "links": {"website": "https://example.org/2030/", "openreview": "https://openreview.net/group?id=Test"},
    "important_dates": [
        {"label": "Submission deadline", "date": "2030-05-01"},
        {"label": "Workshop", "date": "2030-07-19"},
    ],
    "organizers": [{"person": "ada-lovelace", "affiliation": "Analytical Engines Ltd"}],
    "program_committee": [{"person": "grace-hopper"}],
    "contacts": [{"person": "ada-lovelace", "email": "ada@example.org"}],
}
PROGRAM = {
    "slots": [
        {"start": "09:00", "end": "09:10", "kind": "opening", "title": "Opening remarks"},
        {"start": "09:10", "end": "09:50", "kind": "keynote", "keynote": "grace-hopper"},
        {
            "id": "spotlights",
            "start": "09:50",
            "end": "10:30",
            "kind": "spotlights",
            "title": "Spotlights",
            "papers": [{"paper": "lovelace30a", "start": "09:50", "end": "10:00"}],
        },
        {"start": "10:30", "end": "11:30", "kind": "panel", "panel": "future"},
    ]
}
KEYNOTE = {"speaker": "grace-hopper", "affiliation": "Navy", "title": "Compilers for Earth"}
PANEL = {"title": "The future", "panelists": [{"person": "ada-lovelace"}, {"person": "grace-hopper"}]}
PAPER = {
    "title": "Counting Clouds with Engines",
    "authors": [{"person": "ada-lovelace"}, {"person": "grace-hopper", "affiliation": "Navy"}],
    "track": "long",
    "presentation": "spotlight",
    "keywords": ["clouds", "engines"],
    "openreview_id": "AbCdEf1234",
    "links": {"openreview": "https://openreview.net/forum?id=AbCdEf1234"},
    "order": 1,
}
PEOPLE = {
    "ada-lovelace": {"name": "Ada Lovelace", "variants": ["A. Lovelace"], "affiliations": ["Analytical Engines Ltd"]},
    "grace-hopper": {"name": "Grace Hopper", "orcid": "0000-0002-1825-0097"},
}


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def minimal_tree(root: Path) -> Path:
    """Write the tree under ``root/proceedings`` and return that folder."""
    meta = root / "proceedings"
    write(meta / "site.yaml", SITE)
    for person_id, person in PEOPLE.items():
        write(meta / "people" / f"{person_id}.yaml", person)
    edition = meta / "2030-test"
    write(edition / "edition.yaml", EDITION)
    write(edition / "program.yaml", PROGRAM)
    write(edition / "keynotes" / "grace-hopper.yaml", KEYNOTE)
    write(edition / "panels" / "future.yaml", PANEL)
    write(edition / "papers" / "lovelace30a.yaml", PAPER)
    return meta


# What pydantic and PyYAML say in their own words; none of it may reach an organizer.
LIBRARY_PHRASES = (
    "Input should",
    "valid date or datetime",
    "Datetimes provided to dates",
    "should have zero time",
    "String should",
    "Field required",
    "Extra inputs are not permitted",
    "Value error",
    "validation error",
    "[type=",
    "found unknown escape character",
    "while scanning",
    "while parsing",
    "did not find expected",
    "could not find expected",
    "unexpected end of stream",
    "cannot start any token",
    "mapping values are not allowed",
    "found undefined alias",
)


def assert_in_our_words(report: str) -> None:
    """No traceback and no library's sentence in what `proceedings validate` printed."""
    assert "Traceback" not in report, report
    for phrase in LIBRARY_PHRASES:
        assert phrase not in report, f"{phrase!r} reached the user:\n{report}"
