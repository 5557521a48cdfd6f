"""RIS records and formatted references, read back with rispy as reference managers read them."""

from __future__ import annotations

from pathlib import Path

import rispy
import yaml

from proceedings_site.exports import reference, ris
from proceedings_site.model import load_proceedings

from .metadata_tree import minimal_tree, write
from .sitebuild import WORKSHOP_METADATA

PROCEEDINGS = load_proceedings(WORKSHOP_METADATA)
EDITION = next(edition for edition in PROCEEDINGS.editions if edition.info.pmlr)  # 2025-tromso, in the series
BASE = "https://sea-ice-sensing.example.org/archive/"


def read_ris(text: str) -> list[dict[str, object]]:
    entries = rispy.loads(text)
    assert all("unknown_tag" not in entry for entry in entries), entries  # every tag is one RIS defines
    return entries


def test_a_paper_in_the_series_is_a_conference_paper_with_volume_and_pages() -> None:
    [entry] = read_ris(ris.record(PROCEEDINGS, EDITION, "lind25a", BASE))
    paper = EDITION.papers["lind25a"]
    assert entry["type_of_reference"] == "CPAPER"
    assert entry["id"] == "lind25a"
    assert entry["title"] == paper.title
    assert entry["authors"] == ["Oskar Lind", "Sigrid Ødegård", "Priya Raman"]
    assert entry["secondary_title"] == EDITION.info.pmlr.title
    assert entry["tertiary_title"] == "Proceedings of the Polar Sensing Society"
    assert (entry["volume"], entry["start_page"], entry["end_page"]) == ("7", "1", "14")
    assert (entry["year"], entry["date"], entry["place_published"]) == ("2025", "2025/03/20", "Tromsø, Norway")
    assert entry["publisher"] == "Polar Sensing Society"
    assert entry["urls"] == ["https://polar-sensing.example.org/proceedings/v7/lind25a.html"]
    assert entry["keywords"] == paper.keywords


def test_a_paper_outside_the_series_links_its_page_and_has_no_volume() -> None:
    [entry] = read_ris(ris.record(PROCEEDINGS, EDITION, "schuster25a", BASE))
    assert entry["urls"] == [BASE + "2025-tromso/papers/schuster25a.html"]
    assert "volume" not in entry and "start_page" not in entry and "publisher" not in entry
    assert entry["secondary_title"] == EDITION.info.pmlr.title  # the workshop's proceedings title


def test_every_paper_reads_back_as_one_record() -> None:
    for edition in PROCEEDINGS.editions:
        entries = read_ris("\n".join(ris.record(PROCEEDINGS, edition, paper_id, BASE) for paper_id in edition.papers))
        assert [entry["id"] for entry in entries] == list(edition.papers)
        assert all(entry["title"] == edition.papers[entry["id"]].title for entry in entries)


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
    assert reference.reference(PROCEEDINGS, EDITION, "lind25a") == (
        "Oskar Lind, Sigrid Ødegård, and Priya Raman. 2025. "
        f"{EDITION.papers['lind25a'].title}. In {EDITION.info.pmlr.title}, volume 7 of "
        "Proceedings of the Polar Sensing Society, pages 1–14, Tromsø, Norway. Polar Sensing Society."
    )
    short = reference.reference(PROCEEDINGS, EDITION, "schuster25a")
    assert short.endswith(f"In {EDITION.info.pmlr.title}, Tromsø, Norway.") and "Society." not in short


def test_a_title_ending_in_a_question_mark_gets_no_full_stop(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    write(paper, yaml.safe_load(paper.read_text()) | {"title": "Can Engines Count Clouds?"})
    proceedings = load_proceedings(meta)
    assert "Can Engines Count Clouds? In " in reference.reference(proceedings, proceedings.current, "lovelace30a")
