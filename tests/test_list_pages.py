"""Long lists in pages: the paper lists and the list of people split into pages of a bounded size that link each
other, and the paper browser of a paged list filters every paper while fetching its data only when asked.

The page sizes are made small here, so the fixture workshop's lists take several pages."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from proceedings_site import layout
from proceedings_site.model import Proceedings, load_proceedings
from proceedings_site.pages import papers as paper_pages
from proceedings_site.pages import people as people_pages
from proceedings_site.pages.common import split_list_stably

from .htmlpage import article, parse

PAPERS_PER_PAGE = 3
PEOPLE_PER_PAGE = 4


@pytest.fixture
def paged_site(sphinx_builder, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(paper_pages, "PAPERS_PER_PAGE", PAPERS_PER_PAGE)
    monkeypatch.setattr(people_pages, "PEOPLE_PER_PAGE", PEOPLE_PER_PAGE)
    return sphinx_builder().build()  # warnings are errors: pages after the first are in no toctree


def pages_of(out: Path, first: str) -> list[Path]:
    """Every page of a list, found by following its pager's links from the first page, as a crawler would."""
    found, queue = [], [out / layout.html(first)]
    while queue:
        page = queue.pop(0)
        if page in found:
            continue
        found.append(page)
        for link in article(page).select(".proceedings-pager a[href]:not([href=''])"):
            queue.append((page.parent / link["href"].split("#")[0]).resolve())
    return found


def entry_links(page: Path) -> list[str]:
    return [
        (page.parent / item.select_one("a[href]")["href"]).resolve().as_posix()
        for item in article(page).select(".proceedings-paper-list li, .proceedings-people-list li, section li")
        if item.select_one("a[href]") and not item.find_parent(class_="proceedings-pager")
    ]


def test_every_paper_and_person_is_on_exactly_one_page_of_its_list(paged_site: Any) -> None:
    out, proceedings = paged_site.out, load_proceedings(paged_site.metadata)
    for edition in proceedings.editions:
        if len(edition.papers) <= PAPERS_PER_PAGE:
            continue
        pages = pages_of(out, layout.papers(edition.id))
        assert -(-len(edition.papers) // PAPERS_PER_PAGE) <= len(pages) < len(edition.papers)
        listed = [link for page in pages for link in entry_links(page)]
        expected = [(out / layout.html(layout.paper(edition.id, p))).resolve().as_posix() for p in edition.papers]
        assert sorted(listed) == sorted(expected)  # each once
        assert all(len(article(page).select(".proceedings-paper-list li")) <= PAPERS_PER_PAGE for page in pages)
        first, second = (article(page).select_one(".proceedings-browser") for page in pages[:2])
        assert "proceedings-browser-paged" in first["class"] and "proceedings-browser-paged" in second["class"]
        assert f"{len(edition.papers)} papers, listed in {len(pages)} pages" in first.get_text()
        assert f"listed in {len(pages)} pages" in second.get_text()  # no count: it changes with every paper added
        assert [link.get_text() for link in article(pages[1]).select(".proceedings-pager a")][:1] == ["1"]
    everyone = pages_of(out, layout.PEOPLE)
    assert len(everyone) == -(-len(proceedings.people) // PEOPLE_PER_PAGE)
    people = [link for page in everyone for link in entry_links(page)]
    assert sorted(people) == sorted(
        (out / layout.html(layout.person(p))).resolve().as_posix() for p in proceedings.people
    )
    hub = pages_of(out, layout.PAPERS_HUB)  # in pages by edition: each page holds one edition's papers
    assert len(hub) >= sum(-(-len(edition.papers) // PAPERS_PER_PAGE) for edition in proceedings.editions)
    listed = [link for page in hub for link in entry_links(page)]
    everything = [layout.paper(edition.id, p) for edition in proceedings.editions for p in edition.papers]
    assert sorted(listed) == sorted((out / layout.html(doc)).resolve().as_posix() for doc in everything)
    for page in hub:
        editions = {link.split("/")[-3] for link in entry_links(page)}
        assert len(editions) == 1, page


def test_a_paper_added_to_one_edition_leaves_the_other_editions_pages_of_the_list_of_all_papers(
    workshop: Proceedings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paper_pages, "PAPERS_PER_PAGE", PAPERS_PER_PAGE)
    before = {page.docname: page.source for page in paper_pages.papers_hub(workshop, "")}
    oldest = [edition for edition in workshop.editions if edition.papers][-1]
    grown = copy.deepcopy(workshop)
    edition = next(edition for edition in grown.editions if edition.id == oldest.id)
    edition.papers["added24a"] = next(iter(edition.papers.values())).model_copy(update={"title": "An added paper"})
    after = {page.docname: page.source for page in paper_pages.papers_hub(grown, "")}
    changed = {docname for docname in before.keys() | after.keys() if before.get(docname) != after.get(docname)}
    part = layout.papers_hub_part(oldest.id)
    assert changed and all(docname == part or docname.startswith(f"{part}_") for docname in changed), changed
    assert len(before) > len(changed) + 1  # the newest edition's pages, the list's first among them, stay


def test_a_list_split_stably_changes_the_page_of_an_entry_added_not_the_pages_after_it() -> None:
    entries = [f"p{n:05}" for n in range(3000)]
    before = dict(split_list_stably("papers", entries, 100, key=str))
    assert all(len(chunk) <= 100 for chunk in before.values())
    assert 60 < len(entries) / len(before) < 80  # pages about 70 % full
    for added in ("p00010a", "p01500a", "p02990b"):  # near the start, in the middle, near the end
        after = dict(split_list_stably("papers", sorted([*entries, added]), 100, key=str))
        assert len(after) == len(before)  # these keys add no cut: no page is renumbered
        changed = [docname for docname in after if after[docname] != before[docname]]
        assert 1 <= len(changed) <= 2, (added, changed)  # its page, and the next when its cut moved
    assert dict(split_list_stably("papers", entries, 100, key=str)) == before  # the same cuts every time
    assert split_list_stably("papers", [], 100, key=str) == [("papers", [])]


def test_a_paper_added_to_a_long_list_changes_its_first_page_and_its_own(
    workshop: Proceedings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut by count, a paper listed early moved every later page's papers, and each page gave the count."""
    monkeypatch.setattr(paper_pages, "PAPERS_PER_PAGE", 40)
    grown = copy.deepcopy(workshop)
    edition = next(edition for edition in grown.editions if edition.papers)
    model = next(iter(edition.papers.values()))
    edition.papers |= {f"bulk{n:03}": model.model_copy(update={"title": f"Bulk paper {n}"}) for n in range(400)}
    papers = edition.papers
    before = {page.docname: page.source for page in paper_pages.papers_index(grown, edition)}
    for added in (f"added{n}" for n in range(10)):  # listed first; the first whose id adds no cut
        edition.papers = {added: model.model_copy(update={"title": "An added paper"}), **papers}
        after = {page.docname: page.source for page in paper_pages.papers_index(grown, edition)}
        if after.keys() == before.keys():
            break
    assert len(before) >= 10 and before.keys() == after.keys()
    changed = [docname for docname in after if after[docname] != before[docname]]
    assert layout.papers(edition.id) in changed and len(changed) <= 3, changed


def test_pages_after_the_first_say_where_they_belong(paged_site: Any) -> None:
    out = paged_site.out
    second = out / layout.html(layout.list_page(layout.PEOPLE, 2))
    html = parse(second)
    assert re.match(r"People: \S.* – \S", article(second).h1.get_text().rstrip("#¶ "))
    crumbs = [a.get_text(strip=True) for a in html.select(".bd-breadcrumbs a")]
    assert "People" in crumbs
    initials = article(out / layout.html(layout.PEOPLE)).select(".proceedings-pager")[0]
    assert initials.get_text().strip().startswith("Initials:")


@pytest.mark.browser
def test_a_paged_list_fetches_its_data_only_to_filter_and_then_filters_every_page(paged_site: Any, browser) -> None:
    from dev.localsite import serve

    out, proceedings = paged_site.out, load_proceedings(paged_site.metadata)
    edition = max(proceedings.editions, key=lambda e: len(e.papers))
    last_id, last = list(edition.papers.items())[-1]
    data = json.loads((out / layout.browse(edition.id)).read_text(encoding="utf-8"))
    with serve(out) as base:
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(base + layout.html(layout.papers(edition.id)), wait_until="networkidle")
        shift = page.evaluate(
            """() => new Promise((done) => new PerformanceObserver((list) => done(
                list.getEntries().reduce((sum, entry) => sum + (entry.hadRecentInput ? 0 : entry.value), 0)))
              .observe({type: "layout-shift", buffered: true}) || setTimeout(() => done(0), 500))"""
        )
        assert shift <= 0.1
        assert not [url for url in fetched if url.endswith("browse.json")]  # nothing until the reader filters
        word = last.title.split()[-1]
        page.fill(".proceedings-browser-form input[type=search]", word)
        count = page.locator(".proceedings-browser-count")
        page.wait_for_function("document.querySelector('.proceedings-browser-count').textContent.includes(' of ')")
        matching = [
            p for p in data["papers"] if word.lower() in " ".join([p["title"], *p["authors"], *p["keywords"]]).lower()
        ]
        assert count.inner_text() == f"{len(matching)} of {len(data['papers'])} papers"
        found = page.locator(".proceedings-browser-results li")
        assert found.count() == len(matching)
        references = found.evaluate_all("(items) => items.map((item) => item.dataset.paper)")
        assert layout.item_reference(edition.id, last_id) in references  # from a later page, with its id
        links = found.locator("a").evaluate_all("(links) => links.map((link) => link.href)")
        assert base + layout.html(layout.paper(edition.id, last_id)) in links
        assert page.locator(".proceedings-pager").first.is_hidden()
        page.fill(".proceedings-browser-form input[type=search]", "")
        page.wait_for_function("!document.querySelector('.proceedings-browser-count').textContent")
        assert page.locator(".proceedings-pager").first.is_visible()
        assert page.locator(".proceedings-browser-results").is_hidden()
        page.close()
