"""Breadcrumbs show the way up from every page, orphans included, and every step of them resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proceedings_site.model import load_proceedings

from .htmlpage import parse, resolve, title_of
from .sitebuild import REPO

PROCEEDINGS = load_proceedings(REPO / "proceedings")
ICML = PROCEEDINGS.edition("2025-icml")
EDITION_TRAIL = [("Home", "index.html"), ("Editions", "editions.html"), ("TerraBytes 2025", "2025-icml/index.html")]


def trail(site: Path, page: Path) -> list[tuple[str, Path | None]]:
    """(label, file linked) of each crumb; Home is the theme's house icon, labelled for screen readers."""
    crumbs = []
    for item in parse(page).select("ul.bd-breadcrumbs li"):
        anchor = item.find("a", href=True)
        label = (anchor.get("aria-label") if anchor else None) or item.get_text(" ", strip=True)
        target = resolve(site, page, anchor["href"]) if anchor else None
        crumbs.append((label, target[0] if target else None))
    return crumbs


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "2025-icml/papers/hu25a.html",
            [*EDITION_TRAIL, ("Accepted papers", "2025-icml/papers/index.html")],
        ),
        (
            "2025-icml/keynotes/sujit-roy.html",
            EDITION_TRAIL,
        ),
        ("people/ritu-yadav.html", [("Home", "index.html"), ("People", "people/index.html")]),
    ],
)
def test_trail_of_a_paper_keynote_and_person(real_html: Path, page: str, expected: list[tuple[str, str]]) -> None:
    path = real_html / page
    crumbs = trail(real_html, path)
    assert crumbs[:-1] == [(label, real_html / target) for label, target in expected]
    assert crumbs[-1] == (title_of(path), None)  # the page itself, not a link


def test_panel_trail_goes_through_its_edition(real_html: Path) -> None:
    [panel_id] = list(ICML.panels)
    path = real_html / f"2025-icml/panels/{panel_id}.html"
    labels = [label for label, _ in trail(real_html, path)]
    assert labels[:3] == ["Home", "Editions", "TerraBytes 2025"]


def test_every_crumb_of_every_paper_and_person_page_resolves(real_html: Path) -> None:
    pages = [real_html / f"2025-icml/papers/{paper_id}.html" for paper_id in ICML.papers]
    pages += [real_html / f"people/{person_id}.html" for person_id in PROCEEDINGS.people]
    for page in pages:
        crumbs = trail(real_html, page)
        assert len(crumbs) >= 3, page
        for label, target in crumbs[:-1]:
            assert target is not None and target.is_file(), f"{page}: {label} → {target}"


def test_orphans_stay_out_of_every_toctree(real_html: Path) -> None:
    """The trail comes from page metadata, not from a toctree listing every paper (a build-time rule)."""
    sources = real_html.parent / "src"
    entries = set()
    for source in sources.rglob("*.md"):
        for block in re.findall(r"```\{toctree\}\n(.*?)```", source.read_text(encoding="utf-8"), re.DOTALL):
            entries |= {line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")}
    assert entries and not {entry for entry in entries if "papers/" in entry and not entry.endswith("index")}
    assert not {entry for entry in entries if entry.startswith("people/") and entry != "people/index"}
