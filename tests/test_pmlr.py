"""import-pmlr and export-pmlr: a volume file as the mlresearch repositories publish it, read and written."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site.bridges import pmlr
from proceedings_site.cli import main
from proceedings_site.model import load_proceedings

from .metadata_tree import PAPER, minimal_tree, write
from .test_organizer import snapshot

VOLUME = Path(__file__).parent / "fixtures/pmlr/volume.bib"
GLACIER = "Glacier Calving Fronts from Sparse SAR Time Series"


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    """The minimal tree with three more papers: a long one matched by title, a long one the volume lacks, a short
    one (not published in the series)."""
    meta = minimal_tree(tmp_path)
    papers = meta / "2030-test/papers"
    write(papers / "lovelace30b.yaml", {**PAPER, "title": GLACIER, "openreview_id": None, "links": {}, "order": 2})
    write(papers / "hopper30a.yaml", {**PAPER, "title": "Snow Without Clouds", "openreview_id": None, "order": 3})
    write(papers / "hopper30b.yaml", {**PAPER, "title": "A Short One", "track": "short", "openreview_id": None})
    for path in papers.glob("*.yaml"):  # safe_dump wrote `openreview_id: null`; the model wants it absent
        path.write_text(path.read_text().replace("openreview_id: null\n", ""))
    return meta


def import_volume(meta: Path, volume: Path = VOLUME, edition: str = "2030-test") -> int:
    return main(["import-pmlr", str(volume), "--edition", edition, "--metadata", str(meta)])


def export_volume(meta: Path, out: Path) -> int:
    return main(["export-pmlr", "--edition", "2030-test", "--out", str(out), "--metadata", str(meta)])


def test_reading_a_volume_file() -> None:
    volume = pmlr.read_volume(VOLUME)
    assert (volume.volume, volume.published.isoformat()) == (999, "2030-11-02")
    assert volume.title == "Proceedings of the Test Workshop on Counting Engines"
    assert [e.series_id for e in volume.entries] == ["lovelace30a", "lovelace30b", "hopper30a"]
    assert [e.pages for e in volume.entries] == ["1-12", "13-30", "31-40"]
    assert volume.entries[1].title == GLACIER  # TeX braces gone
    assert volume.entries[1].authors == ["Lovelace, Ada", "Þórsdóttir, Ingrid"]
    assert volume.entries[2].authors == ["Hopper, Grace", "Rußwurm, Marc"]
    assert volume.entries[0].abstract.endswith("with an $\\ell_1$ penalty.")  # TeX in abstracts kept as written


def test_keys_that_carry_a_letter_keep_it(tmp_path: Path) -> None:
    volume = tmp_path / "v.bib"
    volume.write_text(
        "@inproceedings{smith25b, title={One}}\n@inproceedings{smith25, title={Two}}\n"
        "@inproceedings{Smith2025, title={Three}}\n@inproceedings{jones25a, title={Four}}\n"
    )
    assert [e.series_id for e in pmlr.read_volume(volume).entries] == ["smith25b", "smith25a", "smith25c", "jones25a"]


def test_import_fills_ids_pages_links_and_missing_abstracts(meta: Path, capsys) -> None:
    assert import_volume(meta) == 0
    out = capsys.readouterr().out
    edition = load_proceedings(meta).current
    counting, glacier = edition.papers["lovelace30a"], edition.papers["lovelace30b"]
    assert (counting.pmlr.id, counting.pmlr.pages) == ("lovelace30a", "1-12")
    assert counting.links.pmlr == "https://proceedings.mlr.press/v999/lovelace30a.html"
    assert (
        counting.links.pdf
        == "https://raw.githubusercontent.com/mlresearch/v999/main/assets/lovelace30a/lovelace30a.pdf"
    )
    assert counting.abstract.startswith("An invented abstract")  # the paper had none
    assert (glacier.pmlr.id, glacier.pmlr.pages) == ("lovelace30b", "13-30")  # matched by title
    assert edition.info.pmlr.volume == 999 and edition.info.pmlr.published.isoformat() == "2030-11-02"
    assert edition.info.pmlr.title == "Proceedings of the Test Workshop on Counting Engines"
    assert "not matched to any paper: hopper30 (line 30): Compilers for the Ocean Floor" in out
    assert "papers the volume lacks: hopper30a" in out  # long; the short paper is not published there
    capsys.readouterr()
    before = snapshot(meta)
    assert import_volume(meta) == 0  # a second run changes nothing
    assert snapshot(meta) == before
    assert "Everything was already up to date." in capsys.readouterr().out


def test_an_abstract_is_never_replaced(meta: Path) -> None:
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    paper.write_text(paper.read_text() + "abstract: Our own words.\n")
    assert import_volume(meta) == 0
    assert load_proceedings(meta).current.papers["lovelace30a"].abstract == "Our own words."


def test_export_writes_the_volume_file(meta: Path, tmp_path: Path) -> None:
    assert import_volume(meta) == 0
    out = tmp_path / "volume.bib"
    assert export_volume(meta, out) == 0
    text = out.read_text(encoding="utf-8")
    volume = pmlr.read_volume(out)
    assert volume.volume == 999 and volume.published.isoformat() == "2030-11-02"
    assert "editor = {Ada Lovelace}" in text and "address = {Vancouver, Canada}" in text
    assert "start = {2030-07-19}" in text
    assert [e.key for e in volume.entries] == ["lovelace30a", "lovelace30b", "hopper30a"]  # long papers only
    assert "A Short One" not in text
    assert [e.pages for e in volume.entries] == ["1-12", "13-30", None]
    assert volume.entries[0].openreview == "AbCdEf1234"
    assert "pages = {1--12}" in text


@pytest.mark.parametrize("published", [True, False])
def test_export_then_import_changes_nothing(meta: Path, tmp_path: Path, published: bool) -> None:
    if published:
        assert import_volume(meta) == 0
    out = tmp_path / "volume.bib"
    assert export_volume(meta, out) == 0
    before = snapshot(meta)
    assert import_volume(meta, out) == 0
    assert snapshot(meta) == before


BROKEN = [
    ("syntax error", ("pages = {13-30}\n}", "pages = {13-30}\n"), "volume.bib:24: (file): BibTeX syntax error"),
    (
        "duplicate key",
        ("@inproceedings{hopper30,", "@inproceedings{lovelace30,"),
        "volume.bib:30: lovelace30: duplicate",
    ),
    ("reversed pages", ("pages = {13-30}", "pages = {12-1}"), "volume.bib:27: lovelace2030.pages: '12-1' ends before"),
    (
        "key that cannot be an id",
        ("@inproceedings{hopper30,", "@inproceedings{hopper.30,"),
        "volume.bib:30: hopper.30: the key cannot be the paper's id in the series",
    ),
]


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_volume_is_refused_with_its_location(meta: Path, tmp_path: Path, capsys, change, expected) -> None:
    volume = tmp_path / "volume.bib"
    text = VOLUME.read_text(encoding="utf-8")
    assert change[0] in text
    volume.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    before = snapshot(meta)
    assert import_volume(meta, volume) == 1
    error = capsys.readouterr().err
    assert expected in error, error
    assert "Nothing was changed." in error and "Traceback" not in error
    assert snapshot(meta) == before


def test_an_entry_matching_two_papers_is_refused(meta: Path, capsys) -> None:
    twin = meta / "2030-test/papers/hopper30a.yaml"
    twin.write_text(twin.read_text().replace("Snow Without Clouds", GLACIER))
    before = snapshot(meta)
    assert import_volume(meta) == 1
    error = capsys.readouterr().err
    assert "volume.bib:24: lovelace2030.title: matches several papers: lovelace30b, hopper30a" in error
    assert snapshot(meta) == before


def test_an_unknown_edition_or_volume_mismatch_is_refused(meta: Path, capsys) -> None:
    before = snapshot(meta)
    assert import_volume(meta, edition="2031-x") == 1
    assert "unknown edition '2031-x' (editions: 2030-test)" in capsys.readouterr().err
    edition = meta / "2030-test/edition.yaml"
    edition.write_text(edition.read_text() + "pmlr:\n  volume: 998\n  title: Another volume\n")
    before = snapshot(meta)
    assert import_volume(meta) == 1
    assert "volume 999, but 2030-test is in volume 998" in capsys.readouterr().err
    assert snapshot(meta) == before
    assert main(["export-pmlr", "--edition", "2031-x", "--metadata", str(meta)]) == 1


def test_the_volume_file_writes_titles_names_and_abstracts_as_the_bibtex_export_does(meta: Path) -> None:
    import bibtexparser

    from proceedings_site.exports import bibtex

    paper = meta / "2030-test/papers/lovelace30a.yaml"
    title = "Clouds with an $\\ell_1$ Penalty & <em>Care</em>"
    abstract = "We count *clouds* at 20$\\times$ the speed, 100% of the time."
    write(paper, PAPER | {"title": title, "abstract": abstract})
    proceedings = load_proceedings(meta)
    edition = proceedings.current
    volume = bibtexparser.parse_string(
        pmlr.export_volume(proceedings, edition, {"long"}, pmlr.Series("S", "P", "", ""))
    )
    ours = bibtexparser.parse_string(bibtex.entry(proceedings, edition, "lovelace30a", ""))
    [exported] = [entry for entry in volume.entries if entry.key == "lovelace30a"]
    for name in ("title", "author", "abstract"):
        assert exported[name] == ours.entries[0][name], name
    assert exported["title"] == "Clouds with an $\\ell_1$ Penalty \\& \\emph{Care}"
