"""Search and the paper browser, in a real browser (Chromium driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dev.localsite import serve

from .browsing import paper_browser_count
from .htmlpage import article, parse
from .search_corpus import PAPERS, QUERIES, relevance_misses, search_tree
from .sitebuild import SphinxBuilder


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    return SphinxBuilder(root, search_tree(root)).build().out


@pytest.fixture(scope="module")
def site_url(search_site: Path) -> Iterator[str]:
    with serve(search_site) as base:
        yield base


@pytest.fixture
def page(desktop_tab, site_url: str):
    return desktop_tab


SETTLED = """() => {
    const status = document.getElementById("proceedings-search-status").textContent;
    const shown = document.querySelectorAll(".proceedings-result").length;
    const total = status.match(/^(\\d+) results? for/);
    return total ? shown === Math.min(Number(total[1]), 20) : status.startsWith("No results") && shown === 0;
}"""


def results_settled(page) -> int:
    """The number of results once the list shows what the status says (the script draws results one by one)."""
    page.wait_for_function(SETTLED)
    return page.locator(".proceedings-result").count()


def paper_url(paper_id: str) -> str:
    return f"2030-test/papers/{paper_id}.html"


@pytest.mark.browser
def test_relevance_set_finds_at_least_95_percent_in_the_top_three(page, site_url: str) -> None:
    assert len(QUERIES) >= 25
    misses = relevance_misses(page, site_url)
    assert len(misses) <= len(QUERIES) * 0.05, "\n".join(misses)


@pytest.mark.browser
def test_navbar_search_reaches_the_paper(page, site_url: str) -> None:
    page.goto(site_url + "2030-test/index.html")
    page.locator("button.search-button-field").first.click()
    field = page.locator("#pst-search-dialog input[name='q']")
    field.fill("illegal fishing vessels")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=illegal+fishing+vessels*")
    first = page.locator(".proceedings-result-title").first
    first.wait_for()
    assert first.inner_text() == PAPERS["mensah30a"][0]
    meta = page.locator(".proceedings-result-meta").first.inner_text()
    assert "Kwame Mensah, Helena Costa" in meta and "TerraBytes 2030" in meta
    assert page.locator(".proceedings-result-excerpt mark").count() >= 1  # query terms highlighted
    first.click()
    page.wait_for_url("**/" + paper_url("mensah30a"))


@pytest.mark.browser
def test_a_bookmarked_search_url_shows_results(page, site_url: str) -> None:
    page.goto(site_url + "search.html?q=coral+reef")
    page.locator(".proceedings-result").first.wait_for()
    titles = page.locator(".proceedings-result-title").all_inner_texts()
    assert titles[0] == PAPERS["kahale30a"][0]
    assert page.locator("#proceedings-search form.bd-search input[name='q']").input_value() == "coral reef"


@pytest.mark.browser
def test_a_person_search_finds_their_page_and_papers(page, site_url: str) -> None:
    page.goto(site_url + "search.html?q=Amara+Okafor")
    page.locator(".proceedings-result").first.wait_for()
    titles = page.locator(".proceedings-result-title").all_inner_texts()
    assert titles[0] == "Amara Okafor"
    assert {PAPERS[p][0] for p in ("okafor30a", "zhao30a", "nakamura30a")} <= set(titles)


@pytest.mark.browser
def test_facets_narrow_results_and_live_in_the_url(page, site_url: str) -> None:
    page.goto(site_url + "search.html?q=radar")
    page.get_by_role("button", name="Filter by type, edition, track, keyword…").click()  # facets load on demand
    page.locator(".proceedings-facet").first.wait_for()
    before = results_settled(page)
    page.locator("label", has_text="Spotlight").first.click()
    page.wait_for_url("**presentation=Spotlight*")
    page.wait_for_function(f"document.querySelectorAll('.proceedings-result').length < {before}")
    narrowed = results_settled(page)
    page.reload()
    page.locator(".proceedings-result").first.wait_for()
    assert page.locator("input[type=checkbox]:checked").count() == 1
    assert 0 < results_settled(page) == narrowed < before


@pytest.mark.browser
def test_paper_browser_filters_and_survives_a_reload(page, site_url: str) -> None:
    page.goto(site_url + "2030-test/papers/index.html")
    count = paper_browser_count(page)
    total = len(PAPERS) + 1
    assert count.inner_text() == f"{total} of {total} papers"
    page.select_option("select[name=track]", "Short paper")
    shown = int(count.inner_text().split()[0])
    assert 0 < shown < total
    page.fill(".proceedings-browser-form input[type=search]", "glacier")  # a long paper: nothing left
    assert count.inner_text() == f"0 of {total} papers" and "q=glacier" in page.url
    page.fill(".proceedings-browser-form input[type=search]", "")  # the filters stay usable
    page.select_option("select[name=keyword]", "snow")  # a short paper's keyword
    assert count.inner_text() == f"1 of {total} papers"
    assert "keyword=snow" in page.url and "track=Short+paper" in page.url
    page.reload()
    assert paper_browser_count(page).inner_text() == f"1 of {total} papers"
    visible = [t for t in page.locator("article li:visible a").all_inner_texts() if t]
    assert PAPERS["petrov30a"][0] in visible


@pytest.mark.browser
def test_all_papers_page_filters_by_author(page, site_url: str) -> None:
    page.goto(site_url + "papers.html?author=Omar+Haddad")
    count = paper_browser_count(page)
    assert count.inner_text().startswith("2 of ")
    visible = page.locator("article li:visible > p > a, article li:visible > a").all_inner_texts()
    assert PAPERS["haddad30a"][0] in " ".join(visible) and PAPERS["silva30a"][0] in " ".join(visible)


@pytest.mark.browser
def test_a_filtered_address_counts_nothing_until_its_data_has_come(page, site_url: str) -> None:
    held = []  # the data's request, answered when the test says so

    def hold(route) -> None:
        held.append(route)

    page.route("**/browse.json", hold)
    page.goto(site_url + "papers.html?author=Omar+Haddad")
    page.locator(".proceedings-browser[aria-busy=true]").wait_for(state="attached")
    page.wait_for_function("() => true")  # lets the held request reach the test
    assert held and page.locator(".proceedings-browser-count").inner_text() == ""  # not "27 of 27 papers"
    held[0].continue_()
    assert paper_browser_count(page).inner_text().startswith("2 of ")
    page.unroute("**/browse.json")


@pytest.mark.browser
def test_the_list_says_when_its_filters_cannot_load_their_data(page, site_url: str) -> None:
    page.route("**/browse.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(site_url + "papers.html?author=Omar+Haddad")
    assert paper_browser_count(page).inner_text() == (
        "The filters could not load their data; the list below is unfiltered."
    )
    assert page.locator("article li:visible").count() == len(PAPERS) + 1  # nothing hidden by a filter that failed
    page.unroute("**/browse.json")


@pytest.mark.browser
def test_the_keyboard_alone_can_search_and_open_a_result(page, site_url: str) -> None:
    page.goto(site_url + "about.html")
    page.keyboard.press("Control+k")
    page.keyboard.type("chlorophyll coastal")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.locator(".proceedings-result").first.wait_for()
    for _ in range(40):  # tab through the page until the first result has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('proceedings-result-title')"):
            break
    assert page.evaluate("document.activeElement.textContent") == PAPERS["tanaka30a"][0]
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + paper_url("tanaka30a"))


@pytest.mark.browser
def test_pages_other_than_search_download_no_search_index(page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("index.html", paper_url("okafor30a"), "people/amara-okafor.html", "2030-test/program.html"):
        page.goto(site_url + path, wait_until="networkidle")
    assert not [url for url in requested if "searchindex.js" in url or "/pagefind/" in url]


def test_paper_lists_work_without_javascript(search_site: Path) -> None:
    links = {a["href"] for a in article(search_site / "papers.html").find_all("a", href=True)}
    assert all(f"2030-test/papers/{paper_id}.html" in links for paper_id in PAPERS)
    assert not parse(search_site / "2030-test/papers/index.html").find("script", string=lambda s: s and "pagefind" in s)
