"""The real proceedings built with Sphinx, read back with an HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import Tag

from proceedings_site.model import load_proceedings

from .htmlpage import article, heading_text, internal_links, parse, resolve, title_of
from .sitebuild import REPO

PROCEEDINGS = load_proceedings(REPO / "proceedings")
ICML = PROCEEDINGS.edition("2025-icml")


def person_pages_linked_from(site: Path, page: Path) -> set[str]:
    links = internal_links(site, page, article(page))
    return {path.stem for path, _ in links if path.parent.name == "people" and path != page}


def test_every_2025_paper_has_a_page_titled_with_its_title(real_site: Path) -> None:
    pages = sorted((real_site / "2025-icml/papers").glob("*.html"))
    paper_pages = [page for page in pages if page.stem != "index"]
    assert len(paper_pages) == 24
    for paper_id, paper in ICML.papers.items():
        page = real_site / f"2025-icml/papers/{paper_id}.html"
        assert title_of(page) == paper.title
        assert parse(page).title.get_text().startswith(paper.title)


def test_authors_link_in_order_to_person_pages_that_link_back(real_site: Path) -> None:
    for paper_id, paper in ICML.papers.items():
        page = real_site / f"2025-icml/papers/{paper_id}.html"
        first_list = article(page).select_one(".proceedings-authors")  # inline, as PMLR shows them
        linked = [path.stem for path, _ in internal_links(real_site, page, first_list)]
        assert linked == [author.person for author in paper.authors], paper_id
        for person_id in linked:
            person_page = real_site / f"people/{person_id}.html"
            back = {path for path, _ in internal_links(real_site, person_page, article(person_page))}
            assert page in back, f"{person_id} does not link back to {paper_id}"


def test_program_lists_every_slot_in_order_with_its_times(real_site: Path) -> None:
    page = real_site / "2025-icml/program.html"
    headings = [heading_text(h2) for h2 in article(page).find_all("h2")]
    program = yaml.safe_load((REPO / "proceedings/2025-icml/program.yaml").read_text())
    expected = [f"{slot['start']}–{slot['end']}" for slot in program["slots"]]
    assert [heading.split(" · ")[0] for heading in headings] == expected
    assert headings[0] == "09:00–09:10 · Opening remarks"
    assert headings[1] == "09:10–09:50 · Keynote: Building Scientific AI Foundation Models for Earth"
    assert "Vancouver time (UTC-07:00)" in article(page).get_text()


def test_program_slots_link_keynotes_panel_papers_and_videos(real_site: Path) -> None:
    page = real_site / "2025-icml/program.html"
    targets = {path.relative_to(real_site).as_posix() for path, _ in internal_links(real_site, page, article(page))}
    assert {f"2025-icml/keynotes/{k}.html" for k in ICML.keynotes} <= targets
    assert "2025-icml/panels/towards-global-geospatial-models.html" in targets
    assert "2025-icml/papers/boum25a.html" in targets
    videos = [a["href"] for a in article(page).find_all("a", href=True) if "slideslive.com" in a["href"]]
    assert len(videos) == sum(1 for slot in ICML.slots if slot.video)


def test_keynote_pages_link_their_speakers(real_site: Path) -> None:
    for keynote_id, keynote in ICML.keynotes.items():
        page = real_site / f"2025-icml/keynotes/{keynote_id}.html"
        assert title_of(page) == keynote.title
        assert keynote.speaker in person_pages_linked_from(real_site, page)
        assert "No abstract is available" in article(page).get_text()


def test_panel_page_links_its_four_panelists(real_site: Path) -> None:
    page = real_site / "2025-icml/panels/towards-global-geospatial-models.html"
    panelists = {"ritwik-gupta", "tanya-nair", "ryan-avery", "mikhail-klassen"}
    assert panelists <= person_pages_linked_from(real_site, page)


def roles_text(real_site: Path, person_id: str) -> str:
    return " ".join(article(real_site / f"people/{person_id}.html").get_text().split())


@pytest.mark.parametrize(
    ("person_id", "name", "spellings", "roles"),
    [
        (
            "ritu-yadav",
            "Ritu Yadav",
            ["RITU YADAV"],
            [
                "Organizer of TerraBytes 2026",
                "Organizer of TerraBytes 2025",
                "Program committee member of TerraBytes 2025",
            ],
        ),
        (
            "javiera-castillo-navarro",
            "Javiera Castillo Navarro",
            ["Javiera Castillo"],
            [
                "Organizer of TerraBytes 2026",
                "Organizer of TerraBytes 2025",
                "Program committee member of TerraBytes 2025",
                "Author of Open-Canopy",
            ],
        ),
    ],
)
def test_one_page_per_person_with_every_role(
    real_site: Path, person_id: str, name: str, spellings: list[str], roles: list[str]
) -> None:
    people = sorted((real_site / "people").glob("*.html"))
    titled = [page.stem for page in people if title_of(page).casefold() in {n.casefold() for n in [name, *spellings]}]
    assert titled == [person_id]
    text = roles_text(real_site, person_id)
    for role in roles:
        assert role.split(" of ")[0] in text
    # the 2025 and 2026 editions each appear as a section of the page
    sections = [heading_text(h2) for h2 in article(real_site / f"people/{person_id}.html").find_all("h2")]
    assert sections == ["TerraBytes 2026", "TerraBytes 2025"]


def test_javiera_is_credited_on_her_paper(real_site: Path) -> None:
    [paper_id] = [
        pid for pid, p in ICML.papers.items() if any(a.person == "javiera-castillo-navarro" for a in p.authors)
    ]
    text = roles_text(real_site, "javiera-castillo-navarro")
    assert f"Author of {ICML.papers[paper_id].title}" in text


def test_every_person_mention_on_edition_pages_is_a_link(real_site: Path) -> None:
    page = real_site / "2025-icml/index.html"
    linked = person_pages_linked_from(real_site, page)
    info = ICML.info
    assert {r.person for r in info.organizers} <= linked
    assert {r.person for r in info.program_committee} <= linked
    assert len(info.program_committee) == 57 and len(info.organizers) == 10


def test_people_index_groups_everyone_a_to_z(real_site: Path) -> None:
    page = real_site / "people/index.html"
    letters = [heading_text(h2) for h2 in article(page).find_all("h2")]
    assert letters == sorted(letters)
    assert person_pages_linked_from(real_site, page) == set(PROCEEDINGS.people)


def test_paper_pages_without_abstract_link_to_openreview(real_site: Path) -> None:
    page = real_site / "2025-icml/papers/hu25a.html"
    text = article(page).get_text()
    assert "No abstract has been imported" in text
    hrefs = [a["href"] for a in article(page).find_all("a", href=True)]
    assert "https://openreview.net/forum?id=l9wTrSu9i9" in hrefs


def test_paper_and_person_pages_have_a_compact_sidebar(real_site: Path) -> None:
    for page in (real_site / "2025-icml/papers/hu25a.html", real_site / "people/ritu-yadav.html"):
        sidebar = parse(page).select_one(".bd-sidebar-primary .sidebar-primary-items__start")
        assert sidebar is not None and sidebar.select_one("nav.proceedings-nav") is not None
        assert len(sidebar.find_all("a")) <= 5, "paper and person pages must not list every sibling page"


def test_pages_without_a_section_have_no_empty_section_navigation(real_site: Path) -> None:
    def sidebar(page: str) -> Tag:
        found = parse(real_site / page).select_one("#pst-primary-sidebar")
        assert found is not None, page
        return found

    for page in ("papers.html", "program.html", "about.html"):  # nothing under them in the toctree
        assert "hide-on-wide" in sidebar(page)["class"] and sidebar(page).select_one("nav.bd-docs-nav") is None
    editions = sidebar("editions.html")  # a section with pages keeps its navigation
    assert "hide-on-wide" not in editions["class"] and editions.select("nav.bd-docs-nav a")


def test_no_broken_internal_link_anywhere(real_site: Path) -> None:
    # Not the theme's templates in _static, nor 404.html, whose links are absolute for the deployed
    # address on purpose (it is served at any depth; test_exports checks it).
    pages = sorted(p for p in real_site.rglob("*.html") if "_static" not in p.parts and p.name != "404.html")
    assert len(pages) > 250
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        for anchor in parse(page).find_all(["a", "link", "script", "img"]):
            href = anchor.get("href") or anchor.get("src")
            if not href or (resolved := resolve(real_site, page, href)) is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                broken.append(f"{page.relative_to(real_site)} → {href}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {tag["id"] for tag in parse(target).find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(real_site)} → {href} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_meta_description_on_every_generated_page(real_site: Path) -> None:
    page = real_site / "2025-icml/papers/boum25a.html"
    description = parse(page).find("meta", attrs={"name": "description"})
    assert description is not None
    assert description["content"].startswith("Smoothing Continual Segmentation Oscillations")
    assert "Marie-Ange Boum" in description["content"]


def test_incremental_build_refreshes_navigation_titles(tmp_path: Path) -> None:
    """Renaming an edition changes breadcrumbs and sidebars of pages whose own source did not change."""
    from .metadata_tree import minimal_tree
    from .sitebuild import copy_docs, sphinx_build

    meta = minimal_tree(tmp_path)
    srcdir, out = copy_docs(tmp_path / "src"), tmp_path / "html"
    assert sphinx_build(srcdir, out, meta)[0] == 0
    edition = meta / "2030-test/edition.yaml"
    edition.write_text(edition.read_text().replace("short_name: TerraBytes 2030", "short_name: TerraBytes MMXXX"))
    status, output = sphinx_build(srcdir, out, meta)
    assert status == 0, output
    keynote = parse.__wrapped__(out / "2030-test/keynotes/grace-hopper.html")  # uncached: the file changed
    crumbs = [item.get_text(strip=True) for item in keynote.select(".bd-breadcrumbs li")]
    assert "TerraBytes MMXXX" in crumbs
    assert "TerraBytes 2030" not in keynote.get_text()
