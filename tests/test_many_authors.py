"""Papers with many authors (issue 26): a person page names a paper's first co-authors and counts the others; a
paper page names its first authors and shows the rest in place ("and N more") without a reload; the citation has
everyone; and a build stopped by SIGTERM stops whole and leaves the previous site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dev.localsite import serve

from proceedings_site import layout
from proceedings_site.pages.common import FIRST_AUTHORS, FIRST_COAUTHORS

from .browsing import paper_browser_count
from .htmlpage import article
from .metadata_tree import PAPER, minimal_tree, write
from .sitebuild import HAND_WRITTEN, WORKSHOP_DOCS, SphinxBuilder

AUTHORS = 60
BIG, CJK = "lovelace30b", "王小明30a"


def many_tree(root: Path) -> Path:
    meta = minimal_tree(root)
    people = ["ada-lovelace"] + [f"member-{index:02d}" for index in range(AUTHORS - 1)]
    for index, person_id in enumerate(people[1:]):
        write(meta / f"people/{person_id}.yaml", {"name": f"Member Number{index:02d}"})
    write(meta / "people/王小明.yaml", {"name": "王小明"})
    papers = meta / "2030-test/papers"
    authors = [{"person": person_id} for person_id in people]
    own = {key: value for key, value in PAPER.items() if key not in ("openreview_id", "links")}
    write(papers / f"{BIG}.yaml", own | {"title": "A Collaboration Paper", "authors": authors, "order": 2})
    write(papers / f"{CJK}.yaml", own | {"title": "Sea Ice from Space", "authors": [{"person": "王小明"}], "order": 3})
    return meta


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxBuilder:
    root = tmp_path_factory.mktemp("many-authors")
    return SphinxBuilder(root, many_tree(root)).build()


def html(built: SphinxBuilder, docname: str) -> Path:
    return built.out / layout.html(docname)


def test_a_person_page_names_the_first_coauthors_and_counts_the_rest(built: SphinxBuilder) -> None:
    page = html(built, layout.person("ada-lovelace"))
    item = next(li for li in article(page).select("li") if "A Collaboration Paper" in li.get_text())
    links = item.select("a")
    assert len(links) == 1 + FIRST_COAUTHORS + 1  # the paper, its first co-authors, the rest
    more = links[-1]
    assert more.get_text() == f"{AUTHORS - 1 - FIRST_COAUTHORS} more co-authors"
    target = more["href"]
    assert target.endswith(f"{BIG}.html#{layout.authors_anchor('2030-test', BIG).removeprefix('2030-')}")
    paper = html(built, layout.paper("2030-test", BIG))
    assert article(paper).select_one(f"#{target.split('#')[1]}") is not None  # the anchor is the author list


def test_a_small_author_list_is_named_whole(built: SphinxBuilder) -> None:
    page = html(built, layout.person("grace-hopper"))
    item = next(li for li in article(page).select("li") if "Counting Clouds" in li.get_text())
    assert [a.get_text() for a in item.select("a")][1:] == ["Ada Lovelace"]


def test_a_paper_page_shows_the_first_authors_and_folds_the_rest(built: SphinxBuilder) -> None:
    page = html(built, layout.paper("2030-test", BIG))
    shown = article(page).select(".proceedings-authors a")
    assert len(shown) == FIRST_AUTHORS
    folded = article(page).select_one("details.proceedings-more-authors")
    assert folded is not None and "open" not in folded.attrs
    assert folded.summary.get_text(" ", strip=True) == f"and {AUTHORS - FIRST_AUTHORS} more authors"
    assert len(folded.select("a")) == AUTHORS - FIRST_AUTHORS
    bibtex = article(page).select_one("div.highlight-bibtex pre").get_text()
    assert bibtex.count(" and ") == AUTHORS - 1  # the citation names everyone
    description = page.read_text(encoding="utf-8").split('name="description" content="', 1)[1].split('"', 1)[0]
    assert "et al." in description and "Number58" not in description


@pytest.mark.browser
def test_and_n_more_expands_in_place(built: SphinxBuilder, browser) -> None:
    with serve(built.out) as base:
        tab = browser.new_page()
        tab.goto(base + layout.html(layout.paper("2030-test", BIG)))
        tab.evaluate("window.__stayed = true")
        last = tab.locator("details.proceedings-more-authors a").last
        assert not last.is_visible()
        tab.locator("details.proceedings-more-authors summary").click()
        assert last.is_visible() and last.inner_text() == "Member Number58"
        assert tab.evaluate("window.__stayed === true")  # no reload, no navigation
        tab.close()


@pytest.mark.browser
def test_the_paper_browser_counts_papers_with_non_ascii_ids(built: SphinxBuilder, browser) -> None:
    with serve(built.out) as base:
        tab = browser.new_page()
        tab.goto(base + layout.html(layout.papers("2030-test")))
        assert paper_browser_count(tab).inner_text() == "3 of 3 papers"
        tab.close()


# --- interrupting a build -----------------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(child) for child in text.split()]
    return found


def group_members(group: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


@pytest.fixture
def running_build(built: SphinxBuilder, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    out = tmp_path / "html"
    shutil.copytree(built.out, out)  # the previous site
    (out / "previous.txt").write_text("the previous site")
    docs = tmp_path / "docs"  # the build writes its generated pages here: never into the fixture's folder
    docs.mkdir()
    for name in HAND_WRITTEN:
        shutil.copy2(WORKSHOP_DOCS / name, docs / name)
    command = [sys.executable, "-m", "proceedings_site.cli", "build", "--metadata", str(built.metadata)]
    command += ["--docs", str(docs), "--out", str(out), "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    yield process, out
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("phase", ["validating", "in Sphinx"])
def test_sigterm_stops_the_whole_build_and_keeps_the_previous_site(running_build, phase: str) -> None:
    """Stopped while it validates the metadata (the topics' helper, started ahead, is its one child) or once
    Sphinx builds into the staging copy (with Sphinx's forked workers, or the helper still computing)."""
    process, out = running_build
    deadline = time.monotonic() + 600
    building = out.with_name("html.staging")
    while not children(process.pid) or (phase == "in Sphinx" and not building.exists()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert f"Interrupted (SIGTERM); the previous site in {out} is unchanged." in err.decode()
    time.sleep(0.5)
    assert group_members(process.pid) == []  # no orphaned worker
    assert (out / "previous.txt").read_text() == "the previous site"
    assert not out.with_name("html.staging").exists()
