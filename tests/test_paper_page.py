"""A paper page as PMLR and the ACL Anthology show one, read back from the built fixture workshop: its edition
published in a series (``2025-tromso``, volume 7 of the PPSS) has authors with one, several or no affiliations,
papers in the series with page ranges and papers outside it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import rispy
import yaml

from proceedings_site.model import load_proceedings

from .browsing import paper_browser_count
from .htmlpage import article, internal_links, parse, resolve
from .metadata_tree import minimal_tree
from .sitebuild import REPO, WORKSHOP_METADATA, SphinxBuilder

WORKSHOP = load_proceedings(WORKSHOP_METADATA)
PUBLISHED = next(edition for edition in WORKSHOP.editions if edition.info.pmlr)  # 2025-tromso
SERIES = WORKSHOP.site.series
BASE = "https://sea-ice-sensing.example.org/archive/"  # html_baseurl of the fixture's conf.py


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    return workshop_site.out


def page_of(site: Path, paper_id: str) -> Path:
    return site / f"{PUBLISHED.id}/papers/{paper_id}.html"


def test_authors_are_inline_in_order_with_numbered_affiliations(site: Path) -> None:
    page = page_of(site, "lind25a")
    block = article(page).select_one(".proceedings-authors")
    assert block is not None and not block.find(["ul", "ol"])  # a paragraph, as PMLR and the ACL Anthology
    linked = [path.stem for path, _ in internal_links(site, page, block)]
    assert linked == [author.person for author in PUBLISHED.papers["lind25a"].authors]
    marks = [sup.get_text() for sup in block.find_all("sup")]
    assert marks == ["1,2", "3", "1"]  # Lind: NPI; UiT — Ødegård: the data centre — Raman: NPI
    affiliations = [li.get_text(" ", strip=True) for li in article(page).select(".proceedings-affiliations li")]
    assert affiliations == [
        "1 Norwegian Polar Institute",
        "2 UiT The Arctic University of Norway",
        "3 Norwegian Polar Data Centre",
    ]  # each once


def test_a_paper_without_affiliations_shows_no_numbers(site: Path) -> None:
    page = page_of(site, "abebe25a")
    assert not any(author.affiliation for author in PUBLISHED.papers["abebe25a"].authors)
    assert not article(page).select(".proceedings-authors sup")
    assert not article(page).select(".proceedings-affiliations")


def test_one_line_says_track_presentation_edition_and_series_pages(site: Path) -> None:
    facts = article(page_of(site, "lind25a")).select_one(".proceedings-paper-facts").get_text(" ", strip=True)
    assert "Full paper" in facts and "SIS 2025" in facts and "PRS 2025" in facts
    assert "PPSS volume 7, pages 1–14" in facts
    tiny = article(page_of(site, "tanabe25a")).select_one(".proceedings-paper-facts").get_text()
    assert "Tiny paper" in tiny and "PPSS" not in tiny and "volume" not in tiny


def test_keywords_link_to_the_edition_list_filtered_by_each(site: Path) -> None:
    page = page_of(site, "lind25a")
    links = article(page).select(".proceedings-keywords a")
    assert [a.get_text() for a in links] == PUBLISHED.papers["lind25a"].keywords
    for anchor in links:
        target = resolve(site, page, anchor["href"])
        assert target is not None and target[0] == site / f"{PUBLISHED.id}/papers/index.html"
        assert parse_qs(urlsplit(anchor["href"]).query) == {"keyword": [anchor.get_text()]}


def test_cite_offers_bibtex_ris_and_a_reference_each_in_a_code_block(site: Path) -> None:
    cite = article(page_of(site, "lind25a")).select_one(".proceedings-cite")
    assert [label.get_text(strip=True) for label in cite.select("label.sd-tab-label")] == ["BibTeX", "RIS", "Reference"]
    blocks = [pre.get_text() for pre in cite.select("div.highlight pre")]
    assert len(blocks) == 3 and blocks[0].startswith("@inproceedings{lind25a,")
    [entry] = rispy.loads(blocks[1])
    assert entry["title"] == PUBLISHED.papers["lind25a"].title
    assert (entry["volume"], entry["start_page"], entry["end_page"]) == ("7", "1", "14")
    assert blocks[2].startswith("Oskar Lind, Sigrid Ødegård, and Priya Raman. 2025.")
    assert f"volume 7 of {SERIES.name}, pages 1–14" in blocks[2]


def test_previous_and_next_paper_are_on_the_page_in_list_order(site: Path) -> None:
    order = list(PUBLISHED.papers)
    for index, paper_id in enumerate(order):
        page = page_of(site, paper_id)
        found = {}
        for kind in ("previous", "next"):
            block = article(page).select_one(f".proceedings-neighbours .proceedings-{kind}")
            found[kind] = [path.stem for path, _ in internal_links(site, page, block)] if block else []
        assert found["previous"] == ([order[index - 1]] if index else [])
        assert found["next"] == ([order[index + 1]] if index + 1 < len(order) else [])


def test_correct_this_paper_opens_the_prefilled_issue_form(site: Path) -> None:
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/metadata-correction.yml").read_text())
    field_ids = {item["id"] for item in form["body"] if "id" in item}
    [link] = [a for a in article(page_of(site, "lind25a")).find_all("a") if a.get_text() == "Correct this paper"]
    address = urlsplit(link["href"])
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{WORKSHOP.site.repository}/issues/new"
    query = {key: values[0] for key, values in parse_qs(address.query).items()}
    assert query.pop("template") == "metadata-correction.yml"
    assert (REPO / ".github/ISSUE_TEMPLATE" / "metadata-correction.yml").is_file()
    assert "lind25a" in query.pop("title")
    assert set(query) <= field_ids  # every prefilled field is one the form has
    assert query["page"] == BASE + f"{PUBLISHED.id}/papers/lind25a.html"
    assert "noopener" in link["rel"]


def test_no_correction_link_without_a_repository(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)  # its site.yaml names no repository
    out = SphinxBuilder(tmp_path, meta).build().out
    page = out / "2030-test/papers/lovelace30a.html"
    assert article(page).select_one(".proceedings-authors") is not None
    assert not article(page).select(".proceedings-correction")
    assert not article(page).select(".proceedings-neighbours")  # the only paper has no neighbours


@pytest.mark.browser
def test_keyword_link_opens_the_list_filtered_by_it_with_copy_buttons_on_citations(site: Path, browser) -> None:
    from dev.localsite import serve

    keyword = "sea ice"
    having = [pid for pid, paper in PUBLISHED.papers.items() if keyword in paper.keywords]
    assert 0 < len(having) < len(PUBLISHED.papers)
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + f"{PUBLISHED.id}/papers/lind25a.html")
        assert page.locator(".proceedings-cite div.highlight button.copybtn").count() == 3
        page.get_by_role("link", name=keyword, exact=True).click()
        page.wait_for_url(f"**/{PUBLISHED.id}/papers/index.html?keyword=*")
        count = paper_browser_count(page)
        assert page.locator("select[name=keyword]").input_value() == keyword
        assert count.inner_text() == f"{len(having)} of {len(PUBLISHED.papers)} papers"
        shown = {
            link.split("/")[-1].removesuffix(".html")
            for link in page.locator("article li:visible a").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))"
            )
            if link and link.endswith(".html")
        }
        assert set(having) <= shown
        page.close()
    assert parse(page_of(site, "lind25a")).find("meta", attrs={"name": "citation_firstpage"})["content"] == "1"
