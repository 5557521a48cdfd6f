"""RIS records and formatted references, read back with rispy as reference managers read them."""

from __future__ import annotations

from pathlib import Path

import rispy
import yaml

from proceedings_site.exports import reference, ris
from proceedings_site.model import load_proceedings

from .metadata_tree import minimal_tree, write
from .sitebuild import REPO

PROCEEDINGS = load_proceedings(REPO / "proceedings")
ICML = PROCEEDINGS.edition("2025-icml")
BASE = "https://terrabytes-workshop.github.io/proceedings/"


def read_ris(text: str) -> list[dict[str, object]]:
    entries = rispy.loads(text)
    assert all("unknown_tag" not in entry for entry in entries), entries  # every tag is one RIS defines
    return entries


def test_a_pmlr_paper_is_a_conference_paper_with_volume_and_pages() -> None:
    [entry] = read_ris(ris.record(PROCEEDINGS, ICML, "hu25a", BASE))
    paper = ICML.papers["hu25a"]
    assert entry["type_of_reference"] == "CPAPER"
    assert entry["id"] == "hu25a"
    assert entry["title"] == paper.title
    assert entry["authors"] == ["Yuzhen Hu", "Biplab Banerjee", "Saurabh Prasad"]
    assert entry["secondary_title"] == ICML.info.pmlr.title
    assert entry["tertiary_title"] == "Proceedings of Machine Learning Research"
    assert (entry["volume"], entry["start_page"], entry["end_page"]) == ("292", "141", "165")
    assert (entry["year"], entry["date"], entry["place_published"]) == ("2025", "2025/07/19", "Vancouver, Canada")
    assert entry["publisher"] == "PMLR"
    assert entry["urls"] == ["https://proceedings.mlr.press/v292/hu25a.html"]
    assert entry["keywords"] == paper.keywords


def test_a_paper_outside_the_series_links_its_page_and_has_no_volume() -> None:
    [entry] = read_ris(ris.record(PROCEEDINGS, ICML, "shinde25a", BASE))
    assert entry["urls"] == [BASE + "2025-icml/papers/shinde25a.html"]
    assert "volume" not in entry and "start_page" not in entry and "publisher" not in entry
    assert entry["secondary_title"] == ICML.info.pmlr.title  # the workshop's proceedings title


def test_every_real_paper_reads_back_as_one_record() -> None:
    text = "\n".join(ris.record(PROCEEDINGS, ICML, paper_id, BASE) for paper_id in ICML.papers)
    entries = read_ris(text)
    assert [entry["id"] for entry in entries] == list(ICML.papers)
    assert all(entry["title"] == ICML.papers[entry["id"]].title for entry in entries)


def test_line_breaks_in_metadata_cannot_start_a_record_or_tag(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    data = yaml.safe_load(paper.read_text())
    abstract = "First line.\nER  - \nTY  - JOUR\nTI  - Injected\n\nLast paragraph."
    write(paper, data | {"abstract": abstract, "keywords": ["a  - b"]})
    proceedings = load_proceedings(meta)
    text = ris.record(proceedings, proceedings.current, "lovelace30a", "")
    [entry] = read_ris(text)
    assert entry["title"] == "Counting Clouds with Engines"
    assert entry["abstract"] == " ".join(abstract.split())
    assert entry["keywords"] == ["a - b"]
    assert "urls" not in entry  # no site address: no relative URL a reference manager could not open
    assert text.count("\nER  - ") == 1 and text.endswith("ER  - \n")


def test_reference_reads_like_the_acl_anthology() -> None:
    assert reference.names(["A"]) == "A"
    assert reference.names(["A", "B"]) == "A and B"
    assert reference.names(["A", "B", "C"]) == "A, B, and C"
    assert reference.reference(PROCEEDINGS, ICML, "hu25a") == (
        "Yuzhen Hu, Biplab Banerjee, and Saurabh Prasad. 2025. "
        f"{ICML.papers['hu25a'].title}. In {ICML.info.pmlr.title}, volume 292 of "
        "Proceedings of Machine Learning Research, pages 141–165, Vancouver, Canada. PMLR."
    )
    short = reference.reference(PROCEEDINGS, ICML, "shinde25a")
    assert short.endswith(f"In {ICML.info.pmlr.title}, Vancouver, Canada.") and "PMLR." not in short


def test_a_title_ending_in_a_question_mark_gets_no_full_stop(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    write(paper, yaml.safe_load(paper.read_text()) | {"title": "Can Engines Count Clouds?"})
    proceedings = load_proceedings(meta)
    assert "Can Engines Count Clouds? In " in reference.reference(proceedings, proceedings.current, "lovelace30a")
