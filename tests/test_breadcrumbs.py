"""Breadcrumbs show the way up from every page, orphans included, and every step of them resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proceedings_site.model import load_proceedings

from .htmlpage import parse, resolve, title_of
from .sitebuild import WORKSHOP_METADATA, SphinxBuilder

PROCEEDINGS = load_proceedings(WORKSHOP_METADATA)
EDITION = PROCEEDINGS.edition("2024-christchurch")  # with papers, keynotes and a panel
EDITION_TRAIL = [("Home", "index.html"), ("Editions", "editions.html"), ("SIS 2024", "2024-christchurch/index.html")]


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    return workshop_site.out


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
            "2024-christchurch/papers/tewhaiti24a.html",
            [*EDITION_TRAIL, ("Accepted papers", "2024-christchurch/papers/index.html")],
        ),
        (
            "2024-christchurch/keynotes/hana-kobayashi.html",
            EDITION_TRAIL,
        ),
        ("people/aroha-te-whaiti.html", [("Home", "index.html"), ("People", "people/index.html")]),
    ],
)
def test_trail_of_a_paper_keynote_and_person(site: Path, page: str, expected: list[tuple[str, str]]) -> None:
    path = site / page
    crumbs = trail(site, path)
    assert crumbs[:-1] == [(label, site / target) for label, target in expected]
    assert crumbs[-1] == (title_of(path), None)  # the page itself, not a link


def test_panel_trail_goes_through_its_edition(site: Path) -> None:
    [panel_id] = list(EDITION.panels)
    path = site / f"2024-christchurch/panels/{panel_id}.html"
    labels = [label for label, _ in trail(site, path)]
    assert labels[:3] == ["Home", "Editions", "SIS 2024"]


def test_every_crumb_of_every_paper_and_person_page_resolves(site: Path) -> None:
    pages = [
        site / f"{edition.id}/papers/{paper_id}.html" for edition in PROCEEDINGS.editions for paper_id in edition.papers
    ]
    pages += [site / f"people/{person_id}.html" for person_id in PROCEEDINGS.people]
    for page in pages:
        crumbs = trail(site, page)
        assert len(crumbs) >= 3, page
        for label, target in crumbs[:-1]:
            assert target is not None and target.is_file(), f"{page}: {label} → {target}"


def test_orphans_stay_out_of_every_toctree(site: Path) -> None:
    """The trail comes from page metadata, not from a toctree listing every paper (a build-time rule)."""
    sources = site.parent / "src"
    entries = set()
    for source in sources.rglob("*.md"):
        for block in re.findall(r"```\{toctree\}\n(.*?)```", source.read_text(encoding="utf-8"), re.DOTALL):
            entries |= {line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")}
    assert entries and not {entry for entry in entries if "papers/" in entry and not entry.endswith("index")}
    assert not {entry for entry in entries if entry.startswith("people/") and entry != "people/index"}
