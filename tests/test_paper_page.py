"""A paper page as PMLR and the ACL Anthology show one, read back from the built real site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import rispy
import yaml

from proceedings_site.model import load_proceedings

from .htmlpage import article, internal_links, parse, resolve
from .metadata_tree import minimal_tree
from .sitebuild import REPO, SphinxBuilder

PROCEEDINGS = load_proceedings(REPO / "proceedings")
ICML = PROCEEDINGS.edition("2025-icml")
BASE = "https://terrabytes-workshop.github.io/proceedings/"


def page_of(site: Path, paper_id: str) -> Path:
    return site / f"2025-icml/papers/{paper_id}.html"


def test_authors_are_inline_in_order_with_numbered_affiliations(real_html: Path) -> None:
    page = page_of(real_html, "tseng25a")
    block = article(page).select_one(".proceedings-authors")
    assert block is not None and not block.find(["ul", "ol"])  # a paragraph, as PMLR and the ACL Anthology
    linked = [path.stem for path, _ in internal_links(real_html, page, block)]
    assert linked == [author.person for author in ICML.papers["tseng25a"].authors]
    marks = [sup.get_text() for sup in block.find_all("sup")]
    assert marks[:3] == ["1,2,3", "4", "1,2"]  # Tseng: Mila; McGill; Ai2 — Fuller: Carleton — Reil: Mila; McGill
    affiliations = [li.get_text(" ", strip=True) for li in article(page).select(".proceedings-affiliations li")]
    assert affiliations[:4] == [
        "1 Mila Quebec AI Institute",
        "2 McGill University",
        "3 Allen Institute for AI (Ai2)",
        "4 Carleton University",
    ]
    assert len(affiliations) == 7  # each once


def test_a_paper_without_affiliations_shows_no_numbers(real_html: Path) -> None:
    page = page_of(real_html, "hu25a")
    assert not article(page).select(".proceedings-authors sup")
    assert not article(page).select(".proceedings-affiliations")


def test_one_line_says_track_presentation_edition_and_series_pages(real_html: Path) -> None:
    facts = article(page_of(real_html, "hu25a")).select_one(".proceedings-paper-facts").get_text(" ", strip=True)
    assert "Long paper" in facts and "TerraBytes 2025" in facts and "ICML 2025" in facts
    assert "PMLR volume 292, pages 141–165" in facts
    short = article(page_of(real_html, "shinde25a")).select_one(".proceedings-paper-facts").get_text()
    assert "Short paper" in short and "PMLR" not in short


def test_keywords_link_to_the_edition_list_filtered_by_each(real_html: Path) -> None:
    page = page_of(real_html, "hu25a")
    links = article(page).select(".proceedings-keywords a")
    assert [a.get_text() for a in links] == ICML.papers["hu25a"].keywords
    for anchor in links:
        target = resolve(real_html, page, anchor["href"])
        assert target is not None and target[0] == real_html / "2025-icml/papers/index.html"
        assert parse_qs(urlsplit(anchor["href"]).query) == {"keyword": [anchor.get_text()]}


def test_cite_offers_bibtex_ris_and_a_reference_each_in_a_code_block(real_html: Path) -> None:
    cite = article(page_of(real_html, "hu25a")).select_one(".proceedings-cite")
    assert [label.get_text(strip=True) for label in cite.select("label.sd-tab-label")] == ["BibTeX", "RIS", "Reference"]
    blocks = [pre.get_text() for pre in cite.select("div.highlight pre")]
    assert len(blocks) == 3 and blocks[0].startswith("@inproceedings{hu25a,")
    [entry] = rispy.loads(blocks[1])
    assert entry["title"] == ICML.papers["hu25a"].title and entry["start_page"] == "141"
    assert blocks[2].startswith("Yuzhen Hu, Biplab Banerjee, and Saurabh Prasad. 2025.")


def test_previous_and_next_paper_are_on_the_page_in_list_order(real_html: Path) -> None:
    order = list(ICML.papers)
    for index, paper_id in enumerate(order):
        page = page_of(real_html, paper_id)
        found = {}
        for kind in ("previous", "next"):
            block = article(page).select_one(f".proceedings-neighbours .proceedings-{kind}")
            found[kind] = [path.stem for path, _ in internal_links(real_html, page, block)] if block else []
        assert found["previous"] == ([order[index - 1]] if index else [])
        assert found["next"] == ([order[index + 1]] if index + 1 < len(order) else [])


def test_correct_this_paper_opens_the_prefilled_issue_form(real_html: Path) -> None:
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/metadata-correction.yml").read_text())
    field_ids = {item["id"] for item in form["body"] if "id" in item}
    [link] = [a for a in article(page_of(real_html, "hu25a")).find_all("a") if a.get_text() == "Correct this paper"]
    address = urlsplit(link["href"])
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{PROCEEDINGS.site.repository}/issues/new"
    query = {key: values[0] for key, values in parse_qs(address.query).items()}
    assert query.pop("template") == "metadata-correction.yml"
    assert (REPO / ".github/ISSUE_TEMPLATE" / "metadata-correction.yml").is_file()
    assert "hu25a" in query.pop("title")
    assert set(query) <= field_ids  # every prefilled field is one the form has
    assert query["page"] == BASE + "2025-icml/papers/hu25a.html"
    assert "noopener" in link["rel"]


def test_no_correction_link_without_a_repository(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)  # its site.yaml names no repository
    out = SphinxBuilder(tmp_path, meta).build().out
    page = out / "2030-test/papers/lovelace30a.html"
    assert article(page).select_one(".proceedings-authors") is not None
    assert not article(page).select(".proceedings-correction")
    assert not article(page).select(".proceedings-neighbours")  # the only paper has no neighbours


@pytest.mark.browser
def test_keyword_link_opens_the_list_filtered_by_it_with_copy_buttons_on_citations(real_html: Path, browser) -> None:
    from dev.localsite import serve

    keyword = "Hyperspectral Imaging"
    having = [pid for pid, paper in ICML.papers.items() if keyword in paper.keywords]
    assert 0 < len(having) < len(ICML.papers)
    with serve(real_html) as base:
        page = browser.new_page()
        page.goto(base + "2025-icml/papers/hu25a.html")
        assert page.locator(".proceedings-cite div.highlight button.copybtn").count() == 3
        page.get_by_role("link", name=keyword).click()
        page.wait_for_selector(".proceedings-browser-count")
        assert page.locator("select[name=keyword]").input_value() == keyword
        status = page.locator(".proceedings-browser-count").inner_text()
        assert status == f"{len(having)} of {len(ICML.papers)} papers"
        page.close()
    assert parse(page_of(real_html, "hu25a")) is not None
