"""Search that forgives misspellings, result lines and excerpts, the search page on a phone and opened as a file:
in Chromium over the fixture workshop."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dev.localsite import serve

from proceedings_site.sphinxext.pagefind import EXCLUDED
from proceedings_site.sphinxext.search import plain
from proceedings_site.sphinxext.spelling import fragment_words, words_of

from .metadata_tree import minimal_tree, write
from .sitebuild import SphinxBuilder


@pytest.fixture(scope="module")
def site_url(workshop_site: SphinxBuilder) -> Iterator[str]:
    with serve(workshop_site.out) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    assert not errors, errors


def settle(page: Any) -> None:
    page.wait_for_function(
        "() => { const s = document.getElementById('proceedings-search-status').textContent;"
        " return s && !s.startsWith('Searching'); }"
    )


def search(page: Any, site_url: str, address: str) -> dict[str, Any]:
    page.goto(f"{site_url}search.html?{address}")
    settle(page)
    return {
        "notice": page.locator("#proceedings-search-notice").inner_text(),
        "status": page.locator("#proceedings-search-status").inner_text(),
        "titles": page.locator(".proceedings-result-title").all_inner_texts(),
    }


def title_of(workshop, paper_id: str) -> str:
    return next(e.papers[paper_id].title for e in workshop.editions if paper_id in e.papers)


# (kind of misspelling, query as typed, the correction shown, paper that must be in the top 3)
MISSPELLED = [
    ("dropped letter", "segmentaton", "segmentation", "quispe24a"),
    ("doubled letter", "radar altimmetry", "radar altimetry", "durand24a"),
    ("swapped letters", "passive microwvae", "passive microwave", "tewhaiti24a"),
    ("wrong vowel", "coastal antarctaca", "coastal antarctica", "parata24a"),
    ("wrong vowel in a name", "Samuel Okoru", "Samuel Okoro", "okoro24a"),
    ("doubled letter in a name", "Kofi Boatengg", "Kofi Boateng", "boateng24a"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "typed", "shown", "paper_id"), MISSPELLED, ids=[m[0] for m in MISSPELLED])
def test_each_kind_of_misspelling_is_corrected(page, site_url, workshop, kind, typed, shown, paper_id) -> None:
    found = search(page, site_url, f"q={typed.replace(' ', '+')}")
    assert found["notice"] == f"Showing results for {shown} · Search instead for {typed}"
    assert title_of(workshop, paper_id) in found["titles"][:3], found
    assert found["status"].endswith(f"for “{shown}”.")
    assert (
        page.locator("#proceedings-search form.bd-search input[name='q']").input_value() == typed
    )  # the box and the address keep the words
    assert f"q={typed.replace(' ', '+')}" in page.url


@pytest.mark.browser
def test_a_name_typed_without_its_accents_needs_no_correction(page, site_url) -> None:
    found = search(page, site_url, "q=sigrid+odegard")
    assert found["notice"] == "" and found["titles"][0] == "Sigrid Ødegård"
    found = search(page, site_url, "q=tomas+nunez")
    assert found["notice"] == "" and "Tomás Núñez" in found["titles"]


@pytest.mark.browser
def test_correct_rare_words_are_never_corrected_to_frequent_ones(page, site_url, workshop_site) -> None:
    counts = vocabulary(workshop_site.out)
    for word, frequent in (("lead", "leads"), ("universite", "university"), ("antarctica", "antarctic")):
        assert counts[word] < counts[frequent]  # what would tempt a corrector that prefers frequent words
        found = search(page, site_url, f"q={word}")
        assert found["notice"] == "", word
        assert found["titles"], word


@pytest.mark.browser
def test_search_instead_for_the_typed_words_and_facets_after_a_correction(page, site_url, workshop) -> None:
    search(page, site_url, "q=segmentaton")
    page.get_by_role("link", name="segmentaton").click()
    page.wait_for_url("**exact=1*")
    settle(page)
    assert page.locator("#proceedings-search-notice").inner_text() == ""
    assert page.locator("#proceedings-search-status").inner_text().endswith("for “segmentaton”.")  # as typed

    found = search(page, site_url, "q=segmentaton&kind=Paper")  # a filter in the address, then a facet clicked
    assert found["notice"].startswith("Showing results for segmentation")
    assert title_of(workshop, "quispe24a") in found["titles"]
    page.get_by_role("checkbox", name=re.compile(r"^SIS 2024")).check()
    page.wait_for_url("**edition=SIS+2024*")
    settle(page)
    assert page.locator("#proceedings-search-notice").inner_text().startswith("Showing results for segmentation")
    assert title_of(workshop, "quispe24a") in page.locator(".proceedings-result-title").all_inner_texts()
    page.reload()
    settle(page)
    assert page.locator("input[type=checkbox]:checked").count() == 2
    assert title_of(workshop, "quispe24a") in page.locator(".proceedings-result-title").all_inner_texts()


@pytest.mark.browser
def test_the_correction_is_announced(page, site_url) -> None:
    search(page, site_url, "q=segmentaton")
    region = page.locator("[role=status]").filter(has=page.locator("#proceedings-search-notice"))
    assert region.get_attribute("aria-live") == "polite"
    assert "Showing results for segmentation" in region.inner_text()


@pytest.mark.browser
def test_the_vocabulary_loads_only_for_a_query_and_only_the_shards_it_needs(page, site_url, workshop_site) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "search.html", wait_until="networkidle")
    assert not [url for url in requested if "/spelling/" in url or "spelling.js" in url]
    search(page, site_url, "q=segmentaton")
    shards = [url for url in requested if re.search(r"/spelling/[^/]+\.[0-9a-f]{10}\.json$", url)]
    every = json.loads((workshop_site.out / "spelling/index.json").read_text())["shards"]
    assert 0 < len(shards) < len(every)


@pytest.mark.browser
def test_zero_results_offer_the_correction_the_filters_to_clear_and_the_paper_list(page, site_url) -> None:
    found = search(page, site_url, "q=segmentaton&kind=Person")
    assert found["status"] == "No results for “segmentaton”." and found["titles"] == []
    assert found["notice"] == "Did you mean segmentation?"
    empty = page.locator("#proceedings-search-empty")
    assert empty.get_by_role("link", name="browse the list of all papers").get_attribute("href") == "papers.html"
    empty.get_by_role("button", name="Clear the filters").click()
    settle(page)
    assert "kind=" not in page.url
    assert page.locator("#proceedings-search-notice").inner_text().startswith("Showing results for segmentation")


NOT_FOR_READERS = [
    re.compile(r"[A-Za-zà-ÿ]\d\b"),  # an affiliation mark glued to a name ("Keller1")
    re.compile(r"Add to calendar|BibTeX|iCalendar|Previous:|Next:|Is something wrong|Correct this"),
    re.compile(r"(^|\. )Abstract\.|Keywords:"),
]


def result_lines(page: Any) -> list[dict[str, str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.proceedings-result')].map((item) => ({
            kind: item.querySelector('.proceedings-result-kind')?.textContent || '',
            title: item.querySelector('.proceedings-result-title').textContent,
            meta: item.querySelector('.proceedings-result-meta')?.textContent || '',
            excerpt: item.querySelector('.proceedings-result-excerpt')?.textContent || '',
            marked: [...item.querySelectorAll('.proceedings-result-excerpt mark')].map((m) => m.textContent),
        }))"""
    )


@pytest.mark.browser
def test_result_lines_and_excerpts_hold_only_what_a_person_would_write(page, site_url, workshop) -> None:
    hidden = {plain(p.name) for p in workshop.people.values() if plain(p.name) != p.name.lower()}  # "amelie durand"
    for query in ("keller", "amelie durand", "ice", "program", "keynote", "radar", "thirty winters", "Núñez"):
        search(page, site_url, f"q={query}")
        lines = result_lines(page)
        assert lines, query
        for line in lines:
            shown = f"{line['meta']} {line['excerpt']}"
            for pattern in NOT_FOR_READERS:
                assert not pattern.search(shown), (query, line)
            assert not any(name in shown for name in hidden), (query, line)
            assert line["kind"] in {"Paper", "Person", "Keynote", "Panel", "Edition", "Program"}, line


@pytest.mark.browser
def test_paper_and_talk_result_lines(page, site_url, workshop) -> None:
    search(page, site_url, "q=iceberg+drift")
    paper = result_lines(page)[0]
    assert paper["kind"] == "Paper" and paper["title"] == title_of(workshop, "durand24a")
    assert paper["meta"].startswith("Amélie Durand, Tomás Núñez · SIS 2024")
    assert paper["excerpt"].startswith("Altimeters see icebergs") and "icebergs" in paper["marked"]

    search(page, site_url, "q=passive+microwave+sequences")  # a paper presented as a talk: its day and time
    edition = next(e for e in workshop.editions if "tewhaiti24a" in e.papers)
    slot, entry = edition.slots_for_paper("tewhaiti24a")[0]
    talk = next(line for line in result_lines(page) if line["title"] == title_of(workshop, "tewhaiti24a"))
    day = edition.slot_date(slot)
    assert talk["meta"].endswith(
        f" · {day:%A} {day.day} {day:%B %Y}, {entry.start or slot.start}–{entry.end or slot.end} Auckland time"
    )

    search(page, site_url, "q=thirty+winters")
    talk = next(line for line in result_lines(page) if line["kind"] == "Keynote")
    speaker, edition, when = talk["meta"].split(" · ")
    assert (speaker, edition) == ("Hana Kobayashi", "SIS 2024")
    assert re.fullmatch(r"\w+day \d+ \w+ \d{4}, \d\d:\d\d–\d\d:\d\d .+ time", when), when


@pytest.mark.browser
def test_person_results_show_name_affiliation_and_counts(page, site_url, workshop) -> None:
    search(page, site_url, "q=jonas+keller")
    person = next(line for line in result_lines(page) if line["kind"] == "Person")
    papers = sum(
        1
        for edition in workshop.editions
        for p in edition.papers.values()
        if "jonas-keller" in [a.person for a in p.authors]
    )
    affiliation = workshop.people["jonas-keller"].affiliations[0]
    assert person["title"] == "Jonas Keller"
    assert person["meta"].startswith(f"{affiliation} · {papers} paper")
    assert person["excerpt"] == ""


@pytest.mark.browser
def test_on_a_phone_filters_start_folded_and_results_come_first(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{site_url}search.html?q=ice&kind=Paper")
    settle(phone)
    toggle = phone.locator("#proceedings-search-filters-toggle")
    assert toggle.inner_text() == "Filters (1 active)" and toggle.get_attribute("aria-expanded") == "false"
    assert phone.locator("#proceedings-search-facets").is_hidden()
    first = phone.locator(".proceedings-result").first.bounding_box()
    assert first["y"] < 844  # the first result is on the first screen
    box = phone.locator("#proceedings-search form.bd-search").bounding_box()
    count = phone.locator("#proceedings-search-status").bounding_box()
    assert count["y"] - (box["y"] + box["height"]) >= 8  # the count does not touch the search box
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.locator("#proceedings-search-facets").is_visible()
    context.close()


@pytest.mark.browser
def test_opened_as_a_file_search_says_it_needs_the_site_served(browser: Any, workshop_site: SphinxBuilder) -> None:
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto((workshop_site.out / "search.html").as_uri() + "?q=ice")
    settle(tab)
    notice = tab.locator("#proceedings-search-unserved")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "nox -s serve" in text and "python3 -m http.server -d docs/_build/html" in text
    assert tab.locator("#proceedings-search-status").inner_text() != "Searching…"
    assert not errors
    context.close()


def vocabulary(site: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in json.loads((site / "spelling/index.json").read_text())["shards"].values():
        counts.update(json.loads((site / "spelling" / name).read_text())["words"])
    return counts


def test_the_vocabulary_holds_the_indexed_words_and_nothing_readers_do_not_see(workshop_site, workshop) -> None:
    counts = vocabulary(workshop_site.out)
    papers = sum(len(edition.papers) for edition in workshop.editions)
    assert counts["segmentation"] >= 1 and counts["odegard"] >= 1 and counts["nunez"] >= 1  # folded, like Pagefind
    assert not {"núñez", "wrong", "calendar", "icalendar", "previous"} & set(counts)  # folded; excluded parts
    assert max(counts.values()) <= len(list(workshop_site.out.rglob("*.html")))  # pages, not occurrences
    assert counts["abstract"] <= papers + sum(len(edition.keynotes) for edition in workshop.editions)


def test_the_vocabulary_reads_the_words_pagefind_indexed(tmp_path: Path) -> None:
    """What Pagefind's fragments give back: hidden weighted names in; filters, excluded parts and marks out."""
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    (site / "page.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><p>Outside</p>'
        '<div data-pagefind-body=""><span data-pagefind-ignore=""><span data-pagefind-filter="kind" hidden="">'
        'Filterword</span></span><span data-pagefind-weight="1" hidden="">hiddenname</span>'
        '<h1>Malmö<a class="headerlink">#</a></h1><div class="proceedings-authors"><p>Tseng<sup>1</sup></p></div>'
        '<p>Ra<em>dar</em> <br>images</p><div class="proceedings-neighbours"><p>Next: Elsewhere</p></div>'
        '<div class="highlight"><pre>bibtexonly</pre></div></div></body></html>',
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    subprocess.run(command, check=True)
    (fragment,) = (out / "fragment").iterdir()
    assert fragment_words(fragment).split() == sorted({"hiddenname", "malmo", "tseng", "radar", "images"})
    assert words_of("Siobhán O'Brien, Rußwurm") == ["siobhan", "o", "brien", "russwurm"]


def test_the_vocabulary_follows_the_index_and_is_left_alone_when_nothing_changed(
    tmp_path: Path, sphinx_builder
) -> None:
    meta = minimal_tree(tmp_path)
    site = sphinx_builder(meta).build()
    folder = site.out / "spelling"
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    site.build()
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == before
    write(
        meta / "2030-test/papers/zephyr30a.yaml",
        {
            "title": "Katabatic Winds",
            "authors": [{"person": "ada-lovelace"}],
            "track": "long",
            "abstract": "Katabatic winds shape polynyas.",
        },
    )
    site.build()
    # the paper's page, and its edition's Topics page when it names the word as a topic term
    assert 1 <= vocabulary(site.out)["polynyas"] <= 2 and vocabulary(site.out)["katabatic"] >= 1
    assert len(list(folder.iterdir())) == len(json.loads((folder / "index.json").read_text())["shards"]) + 1
    (meta / "2030-test/papers/zephyr30a.yaml").unlink()
    site.build()
    assert "polynyas" not in vocabulary(site.out)
    assert vocabulary(site.out) == counted_afresh(site.out)  # counts kept between builds, corrected by page


def counted_afresh(site: Path) -> dict[str, int]:
    """Each word of two letters or more, and how many of the index's fragments hold it."""
    pages = [fragment_words(path).split() for path in site.glob("pagefind/**/*.pf_fragment")]
    return dict(Counter(word for words in pages for word in words if len(word) > 1))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", ["q=segmentaton&kind=Paper", "q=segmentaton&kind=Person"])
def test_a_corrected_search_with_filters_has_no_serious_accessibility_violation(
    browser: Any, site_url: str, address: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(f"{site_url}search.html?{address}")
    settle(tab)
    violations = Axe().run(tab, options={"resultTypes": ["violations"]}).response["violations"]
    context.close()
    assert [rule["id"] for rule in violations if rule["impact"] in {"serious", "critical"}] == []


@pytest.mark.browser
def test_without_the_vocabulary_the_search_runs_as_typed(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.route("**/spelling/**", lambda route: route.abort())  # a site rebuilt meanwhile, a lost connection
    tab.goto(f"{site_url}search.html?q=segmentaton")
    settle(tab)
    assert tab.locator("#proceedings-search-notice").inner_text() == ""
    assert tab.locator("#proceedings-search-status").inner_text().endswith("for “segmentaton”.")
    context.close()
