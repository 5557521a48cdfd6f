"""A large site's search index in bundles: each indexed again only when its pages change, and one search over
all of them in the browser (``sphinxext.pagefind``)."""

from __future__ import annotations

import gzip
import json
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from dev import synthetic
from dev.localsite import serve
from sphinx.builders.html import StandaloneHTMLBuilder

from proceedings_site.layout import PageKind
from proceedings_site.pages import PageMeta
from proceedings_site.sphinxext import pagefind
from proceedings_site.sphinxext.pagefind import ENTRY, bundles

from .htmlpage import parse
from .metadata_tree import minimal_tree
from .search_corpus import PAPERS, QUERIES, relevance_misses, search_tree
from .sitebuild import SphinxBuilder

SPLIT = ("-D", "proceedings_search_bundle_pages=12")  # the relevance set: its edition in bundles too
BY_EDITION = ("-D", "proceedings_search_bundle_pages=20")  # 30 synthetic papers: a bundle per edition


def site_meta(papers: dict[str, int], people: int) -> dict[str, PageMeta]:
    """Page data of a site with ``papers`` papers in each edition and ``people`` person pages."""
    meta = {"index": PageMeta("", PageKind.HOME), "papers": PageMeta("", PageKind.PAPERS_HUB)}
    for edition, count in papers.items():
        meta[f"{edition}/index"] = PageMeta("", PageKind.EDITION, edition)
        meta |= {f"{edition}/papers/p{n}": PageMeta("", PageKind.PAPER, edition, f"p{n}") for n in range(count)}
    return meta | {f"people/p{n}": PageMeta("", PageKind.PERSON, None, f"p{n}") for n in range(people)}


def test_a_site_of_up_to_the_bundle_size_has_one_bundle() -> None:
    meta = site_meta({"2030-a": 5}, 4)
    assigned = bundles(meta, 10)
    assert set(assigned.values()) == {""}
    assert "index" not in assigned and "papers" not in assigned  # lists are not indexed
    assert len(assigned) == 10


def test_a_larger_site_has_a_bundle_per_edition_and_people_split_to_size() -> None:
    meta = site_meta({"2030-a": 30, "2031-b": 300}, 1000)
    assigned = bundles(meta, 100)
    sizes = Counter(assigned.values())
    assert sizes["edition-2030-a"] == 31  # the edition page and its papers
    assert {name for name in sizes if name.startswith("edition-2031-b-")} == {
        f"edition-2031-b-{n}" for n in range(1, 5)
    }
    assert {name for name in sizes if name.startswith("people-")} == {f"people-{n}" for n in range(1, 11)}
    assert sum(sizes.values()) == len(meta) - 2
    assert max(sizes.values()) < 2 * 100  # split by a digest: about the size asked for
    assert bundles(meta, 100) == assigned  # the same from build to build


def test_adding_pages_moves_no_page_while_the_bundle_count_stays() -> None:
    before = bundles(site_meta({"2030-a": 300}, 990), 100)
    after = bundles(site_meta({"2030-a": 301}, 991), 100)
    assert {docname: after[docname] for docname in before} == before


@pytest.mark.parametrize("size", ["0", "-5"])
def test_a_bundle_size_below_one_is_refused_in_our_words(tmp_path: Path, size: str) -> None:
    site = SphinxBuilder(tmp_path, minimal_tree(tmp_path)).build(
        "-D", f"proceedings_search_bundle_pages={size}", assert_pass=False
    )
    assert site.status != 0
    assert f"proceedings_search_bundle_pages in conf.py is {size}: it must be a whole number" in site.output
    assert "Traceback" not in site.output


def fragments(out: Path) -> dict[str, dict]:
    """Every bundle's pages, by address."""
    pages = {}
    for fragment in (out / "pagefind").rglob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"].lstrip("/")] = data
    return pages


def entry_times(out: Path) -> dict[str, int]:
    return {path.parent.name: path.stat().st_mtime_ns for path in (out / "pagefind").glob(f"*/{ENTRY}")}


def test_a_new_paper_indexes_its_edition_and_its_authors_bundles_again(tmp_path: Path, monkeypatch) -> None:
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=3)
    site = SphinxBuilder(tmp_path, meta).build("-j", "2", *BY_EDITION)
    out = site.out
    names = set(entry_times(out))
    assert {"edition-2031-syn", "edition-2032-syn", "edition-2033-syn"} <= names
    assert sum(name.startswith("people-") for name in names) >= 2
    assert not (out / "pagefind" / ENTRY).exists()  # no bundle of the whole site beside them
    search = parse(out / "search.html").select_one("#proceedings-search")
    merged = search["data-pagefind-merge"].split()
    assert search["data-pagefind"] == f"pagefind/{sorted(names)[0]}/pagefind.js"
    assert merged == [f"pagefind/{name}/" for name in sorted(names)[1:]]
    indexed = fragments(out)
    assert "2031-syn/papers/syn00001.html" in indexed and "people/p00001.html" in indexed

    before = entry_times(out)
    synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    looked_at: list[str] = []
    stat = pagefind._stat
    monkeypatch.setattr(pagefind, "_stat", lambda source: looked_at.append(source.name) or stat(source))
    site.build("-j", "2", *BY_EDITION)
    # the sources of the pages written again, not of every indexed page: the others are as last recorded
    assert "added00001.html" in looked_at and "p00001.html" in looked_at
    assert len(looked_at) < len(indexed) / 2
    after = entry_times(out)
    again = {name for name in before if after[name] != before[name]}
    author = bundles_of_page(site, "people/p00001")
    assert again == {"edition-2031-syn", author}
    assert fragments(out)["2031-syn/papers/added00001.html"]["meta"]["title"] == "An added paper on glaciers"

    site.build("-j", "2")  # one bundle again: the split bundles leave the site
    assert (out / "pagefind" / ENTRY).is_file()
    assert not any(
        path.is_dir() and path.name.startswith(("edition-", "people")) for path in (out / "pagefind").iterdir()
    )
    assert "data-pagefind-merge" not in (out / "search.html").read_text(encoding="utf-8")
    assert "2031-syn/papers/added00001.html" in fragments(out)


def bundles_of_page(site: SphinxBuilder, docname: str) -> str:
    record = json.loads((site.doctrees / "search-bundles.json").read_text(encoding="utf-8"))
    return next(bundle for bundle, sources in record.items() if f"{docname}.html" in sources)


def test_a_rebuild_without_changes_indexes_no_bundle(tmp_path: Path) -> None:
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=4)
    site = SphinxBuilder(tmp_path, meta).build(*BY_EDITION)
    before = entry_times(site.out)
    site.build(*BY_EDITION)
    assert entry_times(site.out) == before and len(before) > 3


def test_pagefind_starts_when_the_pages_are_written_before_the_inventory_and_exports(
    tmp_path: Path, monkeypatch
) -> None:
    """The builder's finishing work and the exports are written while Pagefind indexes, not before it starts."""
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=5)
    events: list[str] = []
    run, dump = pagefind.run_pagefind, StandaloneHTMLBuilder.dump_inventory
    monkeypatch.setattr(pagefind, "run_pagefind", lambda *args: events.append("pagefind") or run(*args))
    monkeypatch.setattr(StandaloneHTMLBuilder, "dump_inventory", lambda self: events.append("inventory") or dump(self))
    site = SphinxBuilder(tmp_path, meta).build(*BY_EDITION)
    assert events.index("inventory") > events.index("pagefind") and events.count("pagefind") >= 3
    assert "2031-syn/papers/syn00001.html" in fragments(site.out)


def test_a_build_that_stopped_while_writing_makes_the_next_one_check_every_search_source(tmp_path: Path) -> None:
    """A rebuild that writes no indexed page trusts the record of the last indexing; one after a build that
    stopped between writing search sources and indexing them looks at the sources themselves."""
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=7)
    site = SphinxBuilder(tmp_path, meta).build(*BY_EDITION)
    source = site.doctrees / "search-source/2031-syn/papers/syn00001.html"
    indexed = source.read_text(encoding="utf-8").replace("</div></body>", "<p>zebrafinch</p></div></body>")
    source.write_text(indexed)  # as a build that stopped after writing the page would leave it
    before = entry_times(site.out)
    site.build(*BY_EDITION)
    assert entry_times(site.out) == before
    (site.doctrees / "search-sources-writing").touch()  # what a build that stopped halfway leaves
    site.build(*BY_EDITION)
    after = entry_times(site.out)
    assert {name for name in before if after[name] != before[name]} == {"edition-2031-syn"}
    assert "zebrafinch" in fragments(site.out)["2031-syn/papers/syn00001.html"]["content"]
    assert not (site.doctrees / "search-sources-writing").exists()


def test_bundles_folders_kept_between_builds_follow_added_and_removed_pages(tmp_path: Path) -> None:
    """Pagefind's input, a folder per bundle (``link_farm``), is kept and changed where its pages changed; one
    that is not as the last indexing left it is made anew."""
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=5)
    site = SphinxBuilder(tmp_path, meta).build(*BY_EDITION)
    farm = site.doctrees / "search-bundles/edition-2031-syn"
    (farm / "2031-syn/papers/stray.html").write_text("<html><body><h1>Stray</h1><p>zebrafinch</p></body></html>")
    added = synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    site.build(*BY_EDITION)
    indexed = fragments(site.out)
    assert "2031-syn/papers/added00001.html" in indexed and "2031-syn/papers/stray.html" not in indexed
    recorded = json.loads((site.doctrees / "search-bundles.json").read_text(encoding="utf-8"))
    listed = {path.relative_to(farm).as_posix() for path in farm.rglob("*.html")}
    assert listed == set(recorded["edition-2031-syn"])

    added.unlink()
    site.build(*BY_EDITION)
    assert "2031-syn/papers/added00001.html" not in fragments(site.out)
    assert not (farm / "2031-syn/papers/added00001.html").exists()
    assert "2031-syn/papers/syn00001.html" in fragments(site.out)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundles")
    return SphinxBuilder(root, search_tree(root)).build(*SPLIT).out


@pytest.fixture(scope="module")
def split_url(split_site: Path) -> Iterator[str]:
    with serve(split_site) as base:
        yield base


@pytest.fixture
def page(desktop_tab, split_url: str):
    return desktop_tab


@pytest.mark.browser
def test_one_search_finds_pages_of_every_bundle(page, split_url: str, split_site: Path) -> None:
    assert len(entry_times(split_site)) >= 3
    page.goto(split_url + "search.html?q=Amara+Okafor")
    page.locator(".proceedings-result").first.wait_for()
    titles = page.locator(".proceedings-result-title").all_inner_texts()
    assert titles[0] == "Amara Okafor"  # a person page, from a people bundle
    assert {PAPERS[p][0] for p in ("okafor30a", "zhao30a", "nakamura30a")} <= set(titles)  # the edition's bundle


@pytest.mark.browser
def test_filters_count_the_pages_of_every_bundle(page, split_url: str) -> None:
    page.goto(split_url + "search.html?q=Okafor")
    page.get_by_role("button", name="Filter by type, edition, track, keyword…").click()
    page.locator(".proceedings-facet").first.wait_for()
    kinds = page.locator(".proceedings-facet label").all_inner_texts()
    assert any(text.startswith("Paper") for text in kinds) and any(text.startswith("Person") for text in kinds)


@pytest.mark.browser
def test_merged_bundles_keep_the_relevance_set(page, split_url: str) -> None:
    """The bundles are ranked each on its own words; merged, the relevance set still finds its papers."""
    misses = relevance_misses(page, split_url)
    assert len(misses) <= len(QUERIES) * 0.05, "\n".join(misses)


def test_pagefind_runs_as_its_own_program_not_through_a_python_launcher() -> None:
    program = pagefind.pagefind_program()
    assert len(program) == 1 and Path(program[0]).name.startswith("pagefind")
    ran = subprocess.run([*program, "--version"], capture_output=True, text=True, check=True)
    assert ran.stdout.startswith("pagefind ")


@pytest.mark.parametrize(
    ("options", "file_suffix", "address_suffix"),
    [
        (("-D", "html_link_suffix="), ".html", ".html"),
        (("-D", "html_file_suffix=.htm"), ".htm", ".htm"),
        (("-b", "dirhtml"), "/index.html", "/"),
    ],
    ids=["links-without-suffix", "pages-as-htm", "dirhtml"],
)
def test_search_indexes_the_pages_files_whatever_their_links_or_files_suffix(
    tmp_path: Path, options: tuple[str, str], file_suffix: str, address_suffix: str
) -> None:
    """Pagefind gives each result its page's file (which any host serves), and a removed paper's page goes."""
    meta = synthetic.generate(tmp_path / "proceedings", 6, seed=8)
    site = SphinxBuilder(tmp_path, meta).build(*options)
    paper = "2031-syn/papers/syn00001"
    assert (site.out / f"{paper}{file_suffix}").is_file()
    indexed = fragments(site.out)
    assert f"{paper}{address_suffix}" in indexed and f"people/p00001{address_suffix}" in indexed
    (meta / "2031-syn/papers/syn00001.yaml").unlink()
    site.build(*options)
    assert not (site.out / f"{paper}{file_suffix}").exists()
    assert f"{paper}{address_suffix}" not in fragments(site.out)
