"""Related papers and topic maps: the right neighbours on the fixture workshop, a map that parses and names every
paper, exports valid against their schemas, small sites, settings that turn them off, small rebuilds."""

from __future__ import annotations

import copy
import json
import os
import pickle
import posixpath
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import yaml
from lxml import etree
from sklearn.feature_extraction.text import TfidfVectorizer

from proceedings_site import layout, textformat
from proceedings_site.exports import topics as topic_exports
from proceedings_site.model import Proceedings
from proceedings_site.topics import ALL_EDITIONS, analyse, analysis
from proceedings_site.topics import maps as topic_maps
from proceedings_site.topics.analysis import analyse_aside, compute, documents_of, start_helper
from proceedings_site.topics.related import ranking
from proceedings_site.topics.vectors import coded, read, vectorize

from .htmlpage import parse
from .metadata_tree import minimal_tree, write
from .sitebuild import WORKSHOP_METADATA, SphinxBuilder, copy_metadata

# Pairs whose abstracts (tests/fixtures/workshop) share a subject no third paper shares as closely: each is the
# other's first related paper, within an edition or across two.
PARTNERS = [
    ("boateng24a", "nguyen25a"),  # snow depth from two radar frequencies
    ("tewhaiti24a", "parata24a"),  # passive microwave concentration
    ("keller24a", "abebe25a"),  # lead detection in winter
    ("wei24a", "lind25a"),  # melt ponds in optical imagery
    ("petrova24a", "tanabe25a"),  # ship tracks in ice
]


def words_of(proceedings: Proceedings, paper_id: str) -> str:
    paper = next(e.papers[paper_id] for e in proceedings.editions if paper_id in e.papers)
    text = " ".join([textformat.plain_title(paper.title), *paper.keywords, textformat.plain(paper.abstract or "")])
    return " ".join(text.lower().replace(",", " ").replace(".", " ").split())


def test_related_papers_prefer_the_paper_on_the_same_subject(workshop: Proceedings) -> None:
    related = compute(workshop).related
    for first, second in PARTNERS:
        assert related[first][0].paper == second
        assert related[second][0].paper == first


def test_related_papers_are_never_the_paper_itself_and_give_checkable_reasons(workshop: Proceedings) -> None:
    related = compute(workshop).related
    count = workshop.site.topics.related_count
    papers = {paper_id for edition in workshop.editions for paper_id in edition.papers}
    assert set(related) == papers
    for paper_id, neighbours in related.items():
        assert 0 < len(neighbours) <= count
        assert paper_id not in [n.paper for n in neighbours]
        assert len({n.paper for n in neighbours}) == len(neighbours)
        for neighbour in neighbours:
            assert neighbour.shared  # "shares: …", each term found in both papers
            for term in neighbour.shared:
                assert term.lower() in words_of(workshop, paper_id)
                assert term.lower() in words_of(workshop, neighbour.paper)


def test_the_vectors_are_scikit_learns_on_the_terms_two_papers_share(workshop: Proceedings) -> None:
    documents = documents_of(workshop)
    ours = vectorize(documents)
    reference = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    full = reference.fit_transform([" . ".join([d.title, *d.keywords, d.abstract]) for d in documents])
    names = list(reference.get_feature_names_out())
    papers = np.asarray((full > 0).sum(axis=0)).ravel()
    shared = [term for term, count in zip(names, papers, strict=True) if count >= 2]
    assert 2 <= len(shared) < len(names) and list(ours.terms) == shared
    columns = [names.index(term) for term in shared]
    assert np.allclose(ours.matrix.toarray(), full[:, columns].toarray(), atol=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "Sea-ice leads, x 1 y; C++ and C# a_b __init__ 3D 10m",
        "Naïve e\u0301te\u0301 İstanbul ǅemal ΣΑΡ ﬁelds ½ ²³ 北极 海冰",  # accents composed and not, ligatures, CJK
        "The and of it is: nothing but stop words",
        "",
    ],
)
def test_a_text_is_read_into_scikit_learns_words_and_its_runs_of_words(text: str) -> None:
    analyzer = TfidfVectorizer(stop_words="english").build_analyzer()
    spaced, words = read(text)
    assert words == analyzer(text)
    assert spaced == " " + " ".join(re.sub(r"\W+", " ", text.lower()).split()) + " "


def test_each_row_ranks_its_highest_positive_scores_ties_by_position() -> None:
    scores = np.array(
        [
            [0.5, 0.9, 0.5, 0.0, 0.5],  # a tie at the cut: the earlier positions
            [0.0, 0.0, -0.1, 0.2, 0.0],  # fewer positive scores than asked for
            [0.3000001, 0.3, 0.1, 0.3, 0.2],  # equal once rounded to six places
        ],
        dtype=np.float32,
    )
    assert ranking(scores, 3) == [(0, 1), (0, 0), (0, 2), (1, 3), (2, 0), (2, 1), (2, 3)]
    assert ranking(scores[:, :2], 3) == [(0, 1), (0, 0), (2, 0), (2, 1)]


def test_two_computations_are_identical(workshop: Proceedings) -> None:
    assert compute(workshop) == compute(copy.deepcopy(workshop))


def test_topics_computed_by_a_helper_are_those_computed_at_once(workshop: Proceedings, tmp_path: Path) -> None:
    helper = start_helper()
    assert helper is not None  # Linux
    aside = analyse_aside(workshop, tmp_path / "aside.pickle", helper)
    assert aside() == analyse(workshop) and aside() is aside()
    assert analysis.read_cache(tmp_path / "aside.pickle").topics() == aside()  # remembered for the next build
    assert not helper.process.is_alive()


def test_a_helper_not_needed_goes_away(workshop: Proceedings, tmp_path: Path) -> None:
    analyse(workshop, tmp_path / "cache.pickle")
    helper = start_helper()
    assert helper is not None
    assert analyse_aside(workshop, tmp_path / "cache.pickle", helper)() == analyse(workshop)  # from the cache
    helper.close()
    assert not helper.process.is_alive()


def test_a_helper_whose_answer_is_not_awaited_ends_quietly(workshop: Proceedings, capfd) -> None:
    """The build may fail between asking and reading (its own bug, Ctrl-C): the helper ends, with no traceback."""
    helper = start_helper()
    assert helper is not None
    analyse_aside(workshop, None, helper)  # asked, never read
    helper.close()
    assert not helper.process.is_alive()
    assert "Traceback" not in capfd.readouterr().err


def test_a_helper_that_ended_early_is_sent_away_without_an_error() -> None:
    helper = start_helper()
    assert helper is not None
    helper.process.kill()  # as the system would end it, out of memory
    helper.process.join()
    helper.close()
    assert helper.connection.closed


def test_an_error_while_computing_aside_reaches_the_build(workshop: Proceedings, monkeypatch) -> None:
    def broken(*args: object) -> None:
        raise ValueError("no topics today")

    monkeypatch.setattr(analysis, "compute_documents", broken)  # the forked process inherits it
    pending = analyse_aside(workshop, None, start_helper())
    with pytest.raises(ValueError, match="no topics today"):
        pending()


def test_a_request_that_cannot_be_sent_fails_where_it_is_awaited(workshop: Proceedings) -> None:
    """The request is sent from a thread (the helper reads it only once its imports are done): an error there
    reaches the build, and the helper goes away rather than wait for a request that never comes."""
    helper = start_helper()
    assert helper is not None
    pending = helper.compute(lambda: None)  # a function cannot be pickled
    with pytest.raises((AttributeError, TypeError, pickle.PicklingError)):
        pending()
    assert not helper.process.is_alive()


def test_a_helper_killed_after_it_was_asked_is_reported(workshop: Proceedings) -> None:
    helper = start_helper()
    assert helper is not None
    helper.process.kill()
    helper.process.join()
    pending = analyse_aside(workshop, None, helper)
    with pytest.raises(RuntimeError, match="stopped unfinished"):
        pending()
    assert helper.connection.closed


def test_asking_does_not_wait_for_the_helper_to_read(workshop: Proceedings) -> None:
    """A request far larger than the pipe holds is handed over at once, while the helper is still importing."""
    helper = start_helper()
    assert helper is not None
    os.kill(helper.process.pid, signal.SIGSTOP)  # it reads nothing until it goes on
    try:
        started = threading.Event()
        asked = threading.Thread(target=lambda: (helper.compute("x" * 2**22), started.set()), daemon=True)
        asked.start()
        assert started.wait(timeout=30), "compute() waited for the helper to read"
    finally:
        os.kill(helper.process.pid, signal.SIGCONT)
    helper.close()
    assert not helper.process.is_alive()


def test_the_process_that_builds_never_imports_scikit_learn() -> None:
    """Its imported code would stay in the build's process, and in every worker forked from it, to the end."""
    script = (
        "import sys; from pathlib import Path; from proceedings_site.model import load_proceedings; "
        "from proceedings_site.topics.analysis import analyse_aside, start_helper; "
        f"helper = start_helper(); proceedings = load_proceedings(Path({str(WORKSHOP_METADATA)!r})); "
        "topics = analyse_aside(proceedings, None, helper)(); "
        "print(len(topics.related), 'sklearn' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert int(found[0]) > 0 and found[1] == "False"


def test_a_paper_without_an_abstract_gets_neighbours_from_its_title_and_keywords(workshop: Proceedings) -> None:
    changed = copy.deepcopy(workshop)
    edition = next(e for e in changed.editions if "wei24a" in e.papers)
    edition.papers["wei24a"] = edition.papers["wei24a"].model_copy(update={"abstract": None})
    assert compute(changed).related["wei24a"]


@pytest.mark.parametrize("count", [0, 1, 2, 3])
def test_sites_with_a_handful_of_papers(workshop: Proceedings, count: int) -> None:
    small = copy.deepcopy(workshop)
    kept = 0
    for edition in small.editions:
        ids = list(edition.papers)[: max(0, count - kept)]
        edition.papers = {paper_id: edition.papers[paper_id] for paper_id in ids}
        kept += len(ids)
    topics = compute(small)
    assert len(topics.related) == count
    for scope, shown in topics.maps.items():
        assert len(shown.points) == (count if scope == ALL_EDITIONS else len(small.edition(scope).papers))
        assert all(0 <= p.x <= 1 and 0 <= p.y <= shown.height for p in shown.points)
    if count == 0:
        assert topics.maps == {}


def test_text_with_only_stop_words_has_no_neighbours_and_one_topic(workshop: Proceedings) -> None:
    bare = copy.deepcopy(workshop)
    edition = next(e for e in bare.editions if e.papers)
    edition.papers = {
        pid: paper.model_copy(update={"title": "A", "abstract": None, "keywords": []})
        for pid, paper in list(edition.papers.items())[:2]
    }
    for other in bare.editions:
        if other is not edition:
            other.papers = {}  # only the two bare papers are left in the whole site
    topics = compute(bare)
    assert all(neighbours == () for neighbours in topics.related.values())
    assert len(topics.maps[edition.id].clusters) == 1


def test_the_cache_is_used_exactly_when_the_inputs_are_the_same(workshop: Proceedings, tmp_path: Path) -> None:
    cache = tmp_path / "topics.pickle"
    first = analyse(workshop, cache)
    stamp = cache.stat().st_mtime_ns
    assert analyse(workshop, cache) == first and cache.stat().st_mtime_ns == stamp
    changed = copy.deepcopy(workshop)
    edition = next(e for e in changed.editions if "wei24a" in e.papers)
    edition.papers["wei24a"] = edition.papers["wei24a"].model_copy(update={"keywords": ["radar altimetry"]})
    analyse(changed, cache)
    assert cache.stat().st_mtime_ns != stamp


def test_a_paper_added_to_one_edition_leaves_the_other_maps_as_computed_alone(
    workshop: Proceedings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "topics.pickle"
    analyse(workshop, cache)
    grown = copy.deepcopy(workshop)
    first, second = (e for e in grown.editions if e.papers)
    extra = next(iter(first.papers.values())).model_copy(update={"title": "Sea ice leads in radar altimetry"})
    first.papers = {"added30a": extra, **first.papers}  # first in id order: every word is numbered anew
    drawn: list[int] = []
    real = topic_maps.topic_map
    monkeypatch.setattr(
        topic_maps, "topic_map", lambda corpus, most: drawn.append(len(corpus.documents)) or real(corpus, most)
    )
    kept = analyse(grown, cache)
    assert sorted(drawn) == [len(first.papers), sum(len(e.papers) for e in grown.editions)]  # not the other edition
    assert kept.maps[second.id] == compute(grown).maps[second.id]  # as if computed from nothing


def test_weights_of_some_papers_do_not_depend_on_the_papers_counted_with_them(workshop: Proceedings) -> None:
    documents = documents_of(workshop)
    rows = list(range(len(documents) - 1, 0, -3))  # later papers, in another order: words are numbered otherwise
    alone = vectorize([documents[row] for row in rows])
    counted_with_others = vectorize([documents[row] for row in rows], coded(documents).subset(rows))
    assert list(alone.terms) == list(counted_with_others.terms)
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(alone.matrix, part), getattr(counted_with_others.matrix, part))


# --- the built site --------------------------------------------------------------------------------------------


def map_svg(page: Path) -> etree._Element:
    """The map's SVG, parsed by an XML parser (the HTML must hold well-formed SVG)."""
    svg = parse.__wrapped__(page).select_one("figure.proceedings-topic-map svg")  # uncached: sites are rebuilt
    assert svg is not None
    return etree.fromstring(str(svg).replace("viewbox=", "viewBox="))


def test_each_edition_has_a_topics_page_whose_map_links_every_paper(
    workshop: Proceedings, workshop_site: SphinxBuilder
) -> None:
    for edition in [e for e in workshop.editions if e.papers]:
        page = workshop_site.out / layout.html(layout.topics(edition.id))
        svg = map_svg(page)
        links = svg.findall(".//{*}a")
        assert len(links) == len(edition.papers)
        named = {"".join(link.itertext()).strip(): link.get("href") for link in links}
        for paper_id, paper in edition.papers.items():  # the title is each link's name, and it leads to the paper
            assert named[textformat.plain_title(paper.title)] == f"papers/{paper_id}.html"
        html = parse(page)
        listed = [a["href"] for a in html.select("section .proceedings-paper-list a")]
        assert sorted(listed) == sorted(f"papers/{paper_id}.html" for paper_id in edition.papers)
        for item in html.select("section .proceedings-paper-list li"):  # titles only: the map has them already
            assert item.get_text(strip=True) == item.a.get_text(strip=True)
        for item in html.select(".proceedings-topic-legend a"):  # the legend leads to each topic's list
            assert html.find(id=item["href"][1:]) is not None
        edition_page = parse(workshop_site.out / layout.html(layout.edition(edition.id)))
        assert edition_page.find("a", href="topics.html") is not None
        assert parse(workshop_site.out / layout.html(layout.papers(edition.id))).find("a", href="../topics.html")


def test_the_topics_page_of_all_editions_maps_every_paper(workshop: Proceedings, workshop_site: SphinxBuilder) -> None:
    svg = map_svg(workshop_site.out / layout.html(layout.topics(None)))
    assert len(svg.findall(".//{*}a")) == sum(len(e.papers) for e in workshop.editions)


def test_a_paper_page_names_its_topic_and_lists_related_papers(
    workshop: Proceedings, workshop_site: SphinxBuilder
) -> None:
    for first, second in PARTNERS:
        edition = next(e for e in workshop.editions if first in e.papers)
        page = parse(workshop_site.out / layout.html(layout.paper(edition.id, first)))
        entries = page.select(".proceedings-related li")
        assert 0 < len(entries) <= workshop.site.topics.related_count
        assert entries[0].a["href"].endswith(f"{second}.html")
        partner_edition = next(e for e in workshop.editions if second in e.papers)
        assert "Shares:" in entries[0].get_text() and partner_edition.info.short_name in entries[0].get_text()
        topic = page.select_one(".proceedings-topic a")
        assert topic is not None and topic["href"].startswith("../topics.html#topic-")


def test_related_json_and_map_json_follow_their_schemas(workshop: Proceedings, workshop_site: SphinxBuilder) -> None:
    out = workshop_site.out
    for name in topic_exports.SCHEMAS:
        schema = json.loads((out / layout.data_schema(name, topic_exports.SCHEMA_VERSION)).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        paths = [layout.related_data()] if name == "related" else [layout.map_data(None)]
        paths += [layout.map_data(e.id) for e in workshop.editions if e.papers and name == "map"]
        for path in paths:
            jsonschema.validate(json.loads((out / path).read_text(encoding="utf-8")), schema)
    related = json.loads((out / layout.related_data()).read_text())
    expected = compute(workshop).related
    assert related == {paper: [n.paper for n in neighbours] for paper, neighbours in expected.items()}
    everything = json.loads((out / layout.map_data(None)).read_text())
    assert len(everything) == sum(len(e.papers) for e in workshop.editions)


# --- settings and rebuilds ----------------------------------------------------------------------------------------


def set_topics(meta: Path, **settings: object) -> None:
    site = yaml.safe_load((meta / "site.yaml").read_text(encoding="utf-8"))
    write(meta / "site.yaml", {**site, "topics": settings})


def test_site_yaml_turns_related_papers_and_maps_off(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    set_topics(meta, related=False, map=False)
    site = sphinx_builder(meta).build()
    paper = next((site.out / "2030-test/papers").glob("*.html"))
    assert parse(paper).select(".proceedings-related, .proceedings-topic") == []
    assert not (site.out / "topics.html").exists() and not (site.out / "2030-test/topics.html").exists()
    assert not (site.out / "related.json").exists() and not (site.out / "map.json").exists()


def test_a_wrong_setting_is_refused_with_its_place(tmp_path: Path) -> None:
    from proceedings_site.errors import MetadataError
    from proceedings_site.model import load_proceedings

    meta = minimal_tree(tmp_path)
    set_topics(meta, related_count=0)
    with pytest.raises(MetadataError) as error:
        load_proceedings(meta)
    assert "related_count" in str(error.value.problems[0]) and "site.yaml" in str(error.value.problems[0])


def test_sites_of_one_two_and_three_papers_build_with_maps(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    site = sphinx_builder(meta).build()
    assert len(map_svg(site.out / "2030-test/topics.html").findall(".//{*}a")) == 1
    for number, title in [(2, "Cloud Engines for Rain Gauges"), (3, "Counting Rain with Engines")]:
        write(
            meta / f"2030-test/papers/extra30{number}.yaml",
            {"title": title, "authors": [{"person": "ada-lovelace"}], "track": "short", "keywords": ["engines"]},
        )
        site.build()
        assert len(map_svg(site.out / "2030-test/topics.html").findall(".//{*}a")) == number
        assert parse.__wrapped__(site.out / f"2030-test/papers/extra30{number}.html").select(".proceedings-related li")


def test_adding_a_paper_rewrites_only_the_paper_pages_whose_related_list_changed(
    tmp_path: Path, sphinx_builder
) -> None:
    from dev import synthetic

    meta = synthetic.generate(tmp_path / "proceedings", 60, seed=5)
    site = sphinx_builder(meta).build("-j", "2")
    before = {page: page.stat().st_mtime_ns for page in site.out.glob("*/papers/*.html")}
    related_before = json.loads((site.out / "related.json").read_text())
    synthetic.add_paper(meta, "2031-syn", "added00001", ["p00001"], "An added paper on glaciers")
    site.build("-j", "2")
    related_after = json.loads((site.out / "related.json").read_text())
    rewritten = {page.stem for page, stamp in before.items() if page.stat().st_mtime_ns != stamp}
    changed = {paper for paper, ids in related_before.items() if related_after[paper] != ids}
    # the new paper's neighbours in the list, and pages whose topic or related entries changed: never all of them
    assert changed <= rewritten
    assert len(rewritten) < len(before) / 2


@pytest.mark.browser
def test_focusing_or_hovering_a_mark_shows_its_title(browser, workshop: Proceedings, workshop_site: SphinxBuilder):
    from dev.localsite import serve

    edition = next(e for e in workshop.editions if e.papers)
    with serve(workshop_site.out) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + layout.html(layout.topics(edition.id)), wait_until="networkidle")
        marks = page.locator("figure.proceedings-topic-map svg a")
        assert marks.count() == len(edition.papers)
        opacity = "(link) => getComputedStyle(link.querySelector('text')).opacity"
        assert marks.first.evaluate(opacity) == "0"
        page.keyboard.press("Tab")
        marks.first.focus()
        assert marks.first.evaluate(opacity) == "1"
        page.mouse.move(0, 0)
        marks.nth(1).locator("use").hover()
        assert marks.nth(1).evaluate(opacity) == "1"
        context.close()


# --- a map split by topic -----------------------------------------------------------------------------------------

SPLIT_AT = 6  # papers on one page: the fixture's 15-paper map of all editions and its 10-paper edition are split


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> SphinxBuilder:
    meta = copy_metadata(WORKSHOP_METADATA, tmp_path_factory.mktemp("split") / "proceedings")
    set_topics(meta, map_page_papers=SPLIT_AT)
    return SphinxBuilder(meta.parent, meta).build()


def test_a_map_of_more_papers_than_a_page_holds_is_split_by_topic(
    workshop: Proceedings, split_site: SphinxBuilder
) -> None:
    maps = compute(workshop).maps
    for scope, shown in maps.items():
        edition = scope or None
        overview = split_site.out / layout.html(layout.topics(edition))
        if len(shown.points) <= SPLIT_AT:  # a small edition keeps one page
            assert len(map_svg(overview).findall(".//{*}a")) == len(shown.points)
            continue
        svg = map_svg(overview)
        marks = svg.findall(".//{*}g/{*}use")
        assert len(marks) == len(shown.points)  # every paper drawn, none a link: their topics' pages name them
        pages = {cluster.anchor: layout.topic_page(edition, cluster.anchor) for cluster in shown.clusters}
        links = {link.get("href") for link in svg.findall(".//{*}a")}
        assert links == {relative(layout.topics(edition), page) for page in pages.values()}
        assert parse(overview).select(".proceedings-paper-list") == []
        listed: list[str] = []
        for cluster in shown.clusters:
            page = split_site.out / layout.html(pages[cluster.anchor])
            named = {"".join(a.itertext()).strip(): a.get("href") for a in map_svg(page).findall(".//{*}a")}
            expected = {
                textformat.plain_title(paper.title): relative(pages[cluster.anchor], layout.paper(e.id, paper_id))
                for e in workshop.editions
                for paper_id, paper in e.papers.items()
                if paper_id in cluster.papers
            }
            assert named == expected  # each mark a link to its paper, named by its title
            in_list = [a["href"] for a in parse(page).select(".proceedings-paper-list a")]
            assert sorted(in_list) == sorted(expected.values())
            listed += cluster.papers
        assert sorted(listed) == sorted(point.paper for point in shown.points)  # each paper on one topic page
        first, second = (split_site.out / layout.html(pages[c.anchor]) for c in shown.clusters[:2])
        text = parse(first).get_text()
        assert "Next topic" in text and "Previous topic" not in text
        assert parse(first).find("a", href=second.name) is not None  # the next topic, beside this one


def test_a_paper_page_leads_to_its_topics_page_when_the_map_is_split(
    workshop: Proceedings, split_site: SphinxBuilder
) -> None:
    topics = compute(workshop)
    for edition in workshop.editions:
        for paper_id in edition.papers:
            page = layout.paper(edition.id, paper_id)
            link = parse(split_site.out / layout.html(page)).select_one(".proceedings-topic a")
            cluster = topics.topic(edition.id, paper_id)
            assert link is not None and cluster is not None
            if len(edition.papers) > SPLIT_AT:
                assert link["href"] == relative(page, layout.topic_page(edition.id, cluster.anchor))
            else:
                target = relative(page, layout.topics(edition.id))
                assert link["href"] == f"{target}#{layout.topic_anchor(edition.id, cluster.anchor)}"


def relative(here: str, there: str) -> str:
    """The link from one page to another, as the HTML builder writes it."""
    return posixpath.relpath(layout.html(there), posixpath.dirname(layout.html(here)))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_split_map_and_a_topic_page_pass_axe(browser, workshop: Proceedings, split_site: SphinxBuilder, scheme: str):
    from axe_playwright_python.sync_playwright import Axe
    from dev.localsite import serve

    shown = compute(workshop).maps[ALL_EDITIONS]
    pages = [layout.topics(None), layout.topic_page(None, shown.clusters[0].anchor)]
    with serve(split_site.out) as base:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        for docname in pages:
            page.goto(base + layout.html(docname), wait_until="networkidle")
            assert page.evaluate("document.documentElement.dataset.theme") == scheme
            results = Axe().run(page, options={"resultTypes": ["violations"]}).response
            serious = [rule["id"] for rule in results["violations"] if rule["impact"] in {"serious", "critical"}]
            assert serious == [], docname
        page.goto(base + layout.html(pages[0]))
        name = page.locator("figure.proceedings-topic-map svg a text").first  # a topic's name, never hidden
        assert name.evaluate("text => getComputedStyle(text).opacity") == "1"
        assert name.text_content().startswith("1. ")
        context.close()
