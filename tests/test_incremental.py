"""Incremental and parallel builds are correct, not only fast (scale issue)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import pickle
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from dev import synthetic

from proceedings_site import layout
from proceedings_site.exports import data, feeds
from proceedings_site.files import write_pickled
from proceedings_site.model import load_proceedings
from proceedings_site.sphinxext import exports

from .htmlpage import article, parse, title_of
from .metadata_tree import minimal_tree, write
from .sitebuild import SphinxBuilder

NEW_TITLE = "Sea Ice Leads from Thermal Imagery"


def page_text(path: Path) -> str:
    return parse.__wrapped__(path).get_text(" ")  # uncached: pages change between builds


def search_pages(out: Path) -> dict[str, dict]:
    """Pagefind's index, page by page: each fragment is gzip'd JSON after a signature."""
    pages = {}
    for fragment in (out / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[data["url"].lstrip("/")] = data
    return pages


@pytest.fixture
def built(tmp_path: Path, sphinx_builder) -> SphinxBuilder:
    return sphinx_builder(minimal_tree(tmp_path)).build("-j", "2")


def test_adding_a_paper_updates_every_page_that_should_mention_it(built: SphinxBuilder) -> None:
    meta, out = built.metadata, built.out
    write(meta / "people/alan-turing.yaml", {"name": "Alan Turing"})
    write(
        meta / "2030-test/papers/turing30a.yaml",
        {
            "title": NEW_TITLE,
            "authors": [{"person": "alan-turing"}, {"person": "grace-hopper"}],
            "track": "short",
            "abstract": "Leads open in winter sea ice and we map them with a brightness temperature threshold.",
        },
    )
    built.build("-j", "2")
    assert title_of(out / "2030-test/papers/turing30a.html") == NEW_TITLE
    assert NEW_TITLE in page_text(out / "people/grace-hopper.html")  # an existing author's page
    assert NEW_TITLE in page_text(out / "people/alan-turing.html")  # the new author's page
    assert "Alan Turing" in page_text(out / "people/index.html")
    assert NEW_TITLE in page_text(out / "2030-test/papers/index.html")  # the edition's list
    assert NEW_TITLE in page_text(out / "papers.html")  # all editions
    assert "1 accepted papers" not in page_text(out / "index.html") and "2 accepted papers" in page_text(
        out / "index.html"
    )
    indexed = search_pages(out)["2030-test/papers/turing30a.html"]  # the search index, rebuilt
    assert indexed["meta"]["title"] == NEW_TITLE and "brightness temperature" in indexed["content"]
    assert indexed["filters"]["track"] == ["Short paper"]
    assert NEW_TITLE in (out / "2030-test/papers.bib").read_text(encoding="utf-8")


def test_adding_a_paper_leaves_unrelated_pages_alone(tmp_path: Path, sphinx_builder) -> None:
    """Only the pages that mention the new paper are rewritten: not every page of the navigation."""
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=3)
    site = sphinx_builder(meta).build("-j", "2")
    out = site.out
    before = {page: page.stat().st_mtime_ns for page in out.rglob("*.html")}
    synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    site.build("-j", "2")
    rewritten = {page.relative_to(out).as_posix() for page, mtime in before.items() if page.stat().st_mtime_ns != mtime}
    assert "2031-syn/papers/index.html" in rewritten and "people/p00001.html" in rewritten
    for untouched in ("2032-syn/papers/index.html", "2032-syn/program.html", "2031-syn/keynotes/keynote-1.html"):
        assert untouched not in rewritten


def test_a_rebuild_without_changes_keeps_the_search_index(built: SphinxBuilder) -> None:
    entry = built.path("pagefind/pagefind-entry.json")
    indexed_at = entry.stat().st_mtime_ns
    built.build("-j", "2")
    assert entry.stat().st_mtime_ns == indexed_at


def test_a_paper_in_the_program_updates_the_program(built: SphinxBuilder) -> None:
    meta, out = built.metadata, built.out
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text().replace("Counting Clouds with Engines", "Counting Clouds with Looms"))
    built.build()
    assert "Counting Clouds with Looms" in page_text(out / "2030-test/program.html")
    assert "Counting Clouds with Engines" not in page_text(out / "2030-test/program.html")


def test_removing_a_paper_removes_its_page_and_every_mention(built: SphinxBuilder) -> None:
    meta, srcdir, out = built.metadata, built.src, built.out
    title = "Counting Clouds with Engines"
    (meta / "2030-test/papers/lovelace30a.yaml").unlink()
    program = meta / "2030-test/program.yaml"
    schedule = yaml.safe_load(program.read_text())
    schedule["slots"][2]["papers"] = []
    write(program, schedule)
    built.build()
    assert not (srcdir / "2030-test/papers/lovelace30a.md").exists()
    assert not (out / "2030-test/papers/lovelace30a.html").exists()  # not left online
    for page in (
        "people/ada-lovelace.html",
        "people/grace-hopper.html",
        "2030-test/papers/index.html",
        "papers.html",
        "2030-test/program.html",
    ):
        assert title not in page_text(out / page), page
    assert "2030-test/papers/lovelace30a.html" not in search_pages(out)
    assert not any(title in page["content"] for page in search_pages(out).values())


def test_parallel_build_of_synthetic_proceedings(tmp_path: Path, sphinx_builder) -> None:
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=1)
    out = sphinx_builder(meta).build("-j", "2").out
    papers = [p for p in (out / "2031-syn/papers").glob("*.html") if p.name != "index.html"]
    assert len(papers) == 10
    sample = papers[0]
    assert article(sample).find("h1") is not None
    # metadata the extension adds at write time reaches pages written by parallel workers
    assert parse(sample).find("meta", attrs={"name": "citation_title"}) is not None
    assert parse(sample).select_one("nav.proceedings-nav") is not None


def html_pages(out: Path) -> dict[str, bytes]:
    return {page.relative_to(out).as_posix(): page.read_bytes() for page in out.rglob("*.html")}


def test_parallel_and_serial_builds_write_the_same_pages(tmp_path: Path, sphinx_builder) -> None:
    """Parallel readers send back only what they read (``sphinxext.parallel``): nothing may go missing. Thirty
    papers make a dozen reading chunks, so later workers start from an environment that already holds pages."""
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=5)
    serial_build = sphinx_builder(meta).build()
    parallel_build = sphinx_builder(meta).build("-j", "2")
    serial_pages, parallel_pages = html_pages(serial_build.out), html_pages(parallel_build.out)
    assert len(serial_pages) > 100
    assert serial_pages.keys() == parallel_pages.keys()
    assert [page for page in serial_pages if serial_pages[page] != parallel_pages[page]] == []
    # and what the next build checks against: each document's front matter, sources and read time
    serial, parallel = (stored_environment(build) for build in (serial_build, parallel_build))
    assert len(parallel.all_docs) == len(serial.all_docs) > 100
    assert parallel.all_docs.keys() == serial.all_docs.keys() == parallel.project.docnames
    assert parallel.metadata == serial.metadata
    assert filled(parallel.included) == filled(serial.included)  # Sphinx's merge writes empty sets, serial none
    assert relative(parallel.dependencies, parallel_build.src) == relative(serial.dependencies, serial_build.src)
    assert {doc: title.astext() for doc, title in parallel.titles.items()} == {
        doc: title.astext() for doc, title in serial.titles.items()
    }
    assert {doc: toc.pformat() for doc, toc in parallel.tocs.items()} == {
        doc: toc.pformat() for doc, toc in serial.tocs.items()
    }


def stored_environment(build: SphinxBuilder) -> Any:
    with (build.doctrees / "environment.pickle").open("rb") as stored:
        return pickle.load(stored)


def filled(table: dict[str, set[Any]]) -> dict[str, set[Any]]:
    return {doc: entries for doc, entries in table.items() if entries}


def relative(dependencies: dict[str, set[Any]], srcdir: Path) -> dict[str, set[str]]:
    return {
        doc: {Path(srcdir, path).resolve().as_posix() for path in paths} for doc, paths in filled(dependencies).items()
    }


def test_adding_a_paper_rewrites_a_few_search_index_files(built: SphinxBuilder) -> None:
    """Pagefind rebuilds the whole index, but its files are named by content: only those that changed are
    written into the site, so unrelated pages' fragments keep their files."""
    meta, out = built.metadata, built.out
    before = {path: path.stat().st_mtime_ns for path in (out / "pagefind").rglob("*") if path.is_file()}
    synthetic.add_paper(meta, "2030-test", "added30a", ["grace-hopper"], "An added paper on sea ice")
    built.build("-j", "2")
    after = {path: path.stat().st_mtime_ns for path in (out / "pagefind").rglob("*") if path.is_file()}
    kept = [path for path in before if after.get(path) == before[path]]
    assert any(path.suffix == ".pf_fragment" for path in kept)
    assert "2030-test/papers/added30a.html" in search_pages(out)
    assert all(path in after for path in (out / "pagefind").rglob("*.pf_fragment"))
    assert len(list((out / "pagefind/fragment").iterdir())) == len(search_pages(out))  # no leftovers


def test_search_sources_are_written_again_when_deleted(built: SphinxBuilder) -> None:
    out = built.out
    pages = set(search_pages(out))
    sources = built.doctrees / "search-source"
    urls = {path.relative_to(sources).as_posix().removesuffix("index.html") for path in sources.rglob("*.html")}
    assert urls == pages  # Pagefind gives a folder's index page the folder's address
    shutil.rmtree(sources)
    built.build("-j", "2")
    assert set(search_pages(out)) == pages


def test_exports_are_rewritten_exactly_when_what_they_are_made_from_changes(built: SphinxBuilder) -> None:
    bib = built.out / "papers.bib"
    bib.write_text("% a probe: kept only if the exports are not made again", encoding="utf-8")
    built.build("-j", "2")
    assert bib.read_text(encoding="utf-8").startswith("% a probe")  # nothing changed: nothing made again
    paper = next((built.metadata / "2030-test/papers").glob("*.yaml"))
    write(paper, yaml.safe_load(paper.read_text(encoding="utf-8")) | {"keywords": ["a keyword added later"]})
    built.build("-j", "2")
    assert "a keyword added later" in bib.read_text(encoding="utf-8")


def test_a_paper_added_to_one_edition_makes_that_editions_exports_and_the_sites_again(
    tmp_path: Path, sphinx_builder
) -> None:
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=6)
    site = sphinx_builder(meta).build()
    out = site.out
    probes = {path: out / path for path in ("2031-syn/papers.bib", "2032-syn/papers.bib", "papers.bib")}
    for path in probes.values():
        path.write_text("% a probe: kept only if the file is not made again", encoding="utf-8")
    synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    site.build()
    assert "An added paper on glaciers" in probes["2031-syn/papers.bib"].read_text(encoding="utf-8")
    assert "An added paper on glaciers" in probes["papers.bib"].read_text(encoding="utf-8")
    assert probes["2032-syn/papers.bib"].read_text(encoding="utf-8").startswith("% a probe")  # another edition's
    # all editions' files join the editions' parts kept beside the doctrees, not the site's files (a probe here)
    everything, proceedings = probes["papers.bib"].read_text(encoding="utf-8"), load_proceedings(meta)
    assert "% a probe" not in everything
    assert everything.count("@inproceedings{") == sum(len(edition.papers) for edition in proceedings.editions)
    browse = json.loads((out / "browse.json").read_text(encoding="utf-8"))
    assert browse == json.loads(
        data.joined_browse_file([data.browse_papers(proceedings, e) for e in proceedings.editions])
    )
    feed = ElementTree.parse(out / layout.FEED).getroot()
    titles = [entry.findtext(f"{{{feeds.ATOM}}}title") for entry in feed.iter(f"{{{feeds.ATOM}}}entry")]
    assert len(titles) == sum(len(edition.papers) for edition in proceedings.editions)
    assert "An added paper on glaciers" in titles
    kept = site.doctrees / exports.EXPORT_PARTS  # an unchanged edition's part is joined as kept, not made again
    parts = exports.read_parts(kept)
    key, part = parts["2032-syn"]
    parts["2032-syn"] = (key, dataclasses.replace(part, bibtex=b"% the kept part", feed_entries="<!-- kept -->"))
    write_pickled(kept, parts)
    synthetic.add_paper(meta, "2031-syn", "added00002", ["p00001"], "Another added paper")
    site.build()
    assert "% the kept part" in probes["papers.bib"].read_text(encoding="utf-8")
    assert "<!-- kept -->" in (out / layout.FEED).read_text(encoding="utf-8")
    person = meta / "people/p00005.yaml"  # what editions share: every edition's exports are made again
    write(person, yaml.safe_load(person.read_text(encoding="utf-8")) | {"name": "Renamed Person"})
    site.build()
    assert not probes["2032-syn/papers.bib"].read_text(encoding="utf-8").startswith("% a probe")


def test_the_editions_exports_are_made_while_the_topics_are_computed_and_written_after_the_build(
    tmp_path: Path, sphinx_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = synthetic.generate(tmp_path / "proceedings", 30, seed=6)
    site = sphinx_builder(meta).build()
    synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    made, written = exports.edition_exports, exports.write_exports
    moments: list[str] = []
    monkeypatch.setattr(exports, "edition_exports", lambda *args: moments.append("made") or made(*args))
    monkeypatch.setattr(exports, "write_exports", lambda *args: moments.append("written") or written(*args))
    site.build()
    assert moments == ["made", "written"]  # made once, ahead, and not again when written
    assert "An added paper on glaciers" in (site.out / "2031-syn/papers.bib").read_text(encoding="utf-8")
