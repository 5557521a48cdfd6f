"""Abstracts as they arrive (an OpenReview export, a PMLR volume file, a pull request) show no tag or TeX source
anywhere a reader looks: the paper page, its meta tags and structured data, the search index's text, the feed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from proceedings_site.cli import main

from .htmlpage import article, parse
from .metadata_tree import minimal_tree
from .sitebuild import SphinxBuilder

OPENREVIEW = {
    "notes": [
        {
            "id": "AirCast001",
            "forum": "AirCast001",
            "content": {
                "title": {"value": "Forecasting Air Quality at $0.1^\\circ$"},
                "authors": {"value": ["Ada Lovelace"]},
                "authorids": {"value": ["~Ada_Lovelace1"]},
                "abstract": {
                    "value": "We introduce <em>AirCast</em>, a model at (0.1$^\\circ$ to 0.25$^\\circ$) "
                    "resolution that is **20$\\times$ faster**."
                },
                "venue": {"value": "TESTCONF 2030 Workshop Poster (Short Paper)"},
                "venueid": {"value": "Test.cc/2030/Workshop"},
            },
        }
    ]
}
VOLUME = r"""@proceedings{testconf2030,
    booktitle = {Proceedings of the Test Workshop},
    editor = {Lovelace, Ada},
    volume = {999},
    year = {2030},
    published = {2030-11-02},
    address = {Vancouver, Canada}
}

@inproceedings{lovelace30,
    title = {Counting Clouds with Engines},
    author = {Lovelace, Ada and Hopper, Grace},
    pages = {1--12},
    openreview = {AbCdEf1234},
    abstract = {We count clouds with \emph{optical} data, $6$--$15$\% faster; see \href{https://example.org/c}{here}.}
}
"""
HAND_WRITTEN = "Keynote text written in a pull request, with *emphasis*, `code` and $\\alpha$.\n\nA second paragraph."
SOURCE = re.compile(r"<em>|</|\$|\\(emph|href|times|circ|alpha)|\*\*|`")  # what must not reach a reader


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imported")
    meta = minimal_tree(root)
    export = root / "accepted.json"
    export.write_text(json.dumps(OPENREVIEW), encoding="utf-8")
    assert main(["import-openreview", str(export), "--edition", "2030-test", "--metadata", str(meta)]) == 0
    volume = root / "volume.bib"
    volume.write_text(VOLUME, encoding="utf-8")
    assert main(["import-pmlr", str(volume), "--edition", "2030-test", "--metadata", str(meta)]) == 0
    keynote = meta / "2030-test/keynotes/grace-hopper.yaml"
    keynote.write_text(
        keynote.read_text(encoding="utf-8")
        + "abstract: |\n"
        + "".join(f"  {line}\n" if line else "\n" for line in HAND_WRITTEN.splitlines()),
        encoding="utf-8",
    )
    assert yaml.safe_load(keynote.read_text(encoding="utf-8"))["abstract"].startswith("Keynote text")
    return SphinxBuilder(root, meta).build().out


def imported_paper(site: Path) -> Path:
    (page,) = [path for path in (site / "2030-test/papers").glob("*.html") if "AirCast" in path.read_text()]
    return page


def test_the_openreview_abstract_and_title_render(site: Path) -> None:
    page = imported_paper(site)
    content = article(page)
    abstract = content.select_one(".proceedings-abstract")
    assert abstract.find("em").get_text() == "AirCast" and abstract.find("strong") is not None
    assert len(abstract.find_all("math")) == 3 and content.find("h1").find("math") is not None
    for cite in content.find_all(["pre", "math"]):  # the BibTeX keeps TeX, as it should; MathML has its text
        cite.decompose()
    shown = " ".join(content.get_text("").split())
    assert "(0.1° to 0.25°) resolution" in shown and "20× faster" in shown
    assert not SOURCE.search(shown), SOURCE.search(shown)


def test_the_pmlr_abstract_renders(site: Path) -> None:
    content = article(site / "2030-test/papers/lovelace30a.html").select_one(".proceedings-abstract")
    assert content.find("em").get_text() == "optical"
    assert content.find("a", href="https://example.org/c").get_text() == "here"
    text = " ".join(content.get_text(" ").split())
    assert "%" in text and "\\%" not in text and "\\emph" not in text and "\\href" not in text


def test_the_hand_written_abstract_renders(site: Path) -> None:
    content = article(site / "2030-test/keynotes/grace-hopper.html").select_one(".proceedings-abstract")
    assert [p.get_text(" ", strip=True)[:7] for p in content.find_all("p")] == ["Keynote", "A secon"]
    assert content.find("em") is not None and content.find("code") is not None and content.find("math") is not None


def test_meta_tags_structured_data_search_and_feed_are_plain_text(site: Path) -> None:
    page = imported_paper(site)
    head = parse(page)
    shown = [tag["content"] for tag in head.find_all("meta") if tag.get("name", "").startswith(("citation_", "desc"))]
    shown += [tag["content"] for tag in head.find_all("meta", property=re.compile("^og:"))]
    shown += [head.title.get_text()]
    shown += [script.get_text() for script in head.find_all("script", type="application/ld+json")]
    feed = (site / "papers.atom").read_text(encoding="utf-8")
    assert "AirCast" in feed
    for text in [*shown, feed]:
        assert not re.search(r"<em>|\$|\\circ|\\times|\*\*", text), text
    abstract = next(t for t in shown if "citation_abstract" in t or "AirCast, a model" in t)
    assert "0.1° to 0.25°" in abstract
