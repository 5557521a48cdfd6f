"""Pages kept by their fingerprints: an assembly that does not make again the paper and person pages whose inputs
did not change writes exactly the pages that an assembly making every page writes, whatever changed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from proceedings_site import layout
from proceedings_site.model import load_proceedings
from proceedings_site.pages import Fingerprints, Recorded, Reuse, Site, assemble, write_site
from proceedings_site.topics import analyse

from .conftest import WORKSHOP_METADATA
from .test_assemble import snapshot

BASE_URL = "https://sea-ice.example.org/"
CHRISTCHURCH = "2024-christchurch"


def assemble_reusing(meta: Path, out: Path, engine: str = "engine") -> Site:
    """As the Sphinx extension assembles: reusing what the last assembly into ``out`` recorded."""
    proceedings = load_proceedings(meta)
    recorded = Recorded(out)
    reuse = Reuse(Fingerprints(proceedings, BASE_URL, engine), recorded.fingerprint)
    site = assemble(proceedings, BASE_URL, analysis=analyse(proceedings), reuse=reuse)
    write_site(site.pages, out, site.fingerprints, recorded)
    return site


def assemble_afresh(meta: Path, out: Path) -> None:
    write_site(assemble(load_proceedings(meta), BASE_URL).pages, out)


def edit(path: Path, change: Callable[[Any], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def paper_file(meta: Path, paper_id: str, edition: str = CHRISTCHURCH) -> Path:
    return meta / edition / "papers" / f"{paper_id}.yaml"


def add_paper(meta: Path) -> None:
    added = yaml.safe_load(paper_file(meta, "boateng24a").read_text(encoding="utf-8"))
    added |= {"title": "Melt Ponds Seen by Lidar", "order": 7, "openreview_id": "SiS24added"}
    added["abstract"] = "Lidar profiles of melt ponds on sea ice, and how radar altimetry sees the same ponds."
    added["links"] = {"openreview": "https://openreview.net/forum?id=SiS24added"}
    paper_file(meta, "added24a").write_text(yaml.safe_dump(added, sort_keys=False), encoding="utf-8")


def rename_person(meta: Path) -> None:
    edit(meta / "people/elena-petrova.yaml", lambda person: person.update(name="Jelena Petrova"))


def move_affiliation(meta: Path) -> None:
    edit(meta / "people/kofi-boateng.yaml", lambda person: person.update(affiliations=["Polar Institute"]))


def retitle_paper(meta: Path) -> None:
    edit(paper_file(meta, "boateng24a"), lambda paper: paper.update(title="Snow Depth on Sea Ice from Radar"))


def rewrite_abstract(meta: Path) -> None:  # changes the topics: related papers, the map
    text = "Melt ponds, leads and ridges mapped by lidar and by radar altimetry, and the snow on them."
    edit(paper_file(meta, "okoro24a"), lambda paper: paper.update(abstract=text))


def reorder_papers(meta: Path) -> None:  # the papers before and after in the list
    edit(paper_file(meta, "boateng24a"), lambda paper: paper.update(order=1))


def remove_paper(meta: Path) -> None:
    for slot in yaml.safe_load((meta / CHRISTCHURCH / "program.yaml").read_text())["slots"]:
        assert "petrova24a" not in [entry["paper"] for entry in slot.get("papers", [])]
    paper_file(meta, "petrova24a").unlink()


def move_slot(meta: Path) -> None:
    def later(program: dict[str, Any]) -> None:
        session = next(slot for slot in program["slots"] if slot.get("papers"))
        session["title"] = "Oral session: Sea ice, seen from space"

    edit(meta / CHRISTCHURCH / "program.yaml", later)


def rename_edition(meta: Path) -> None:
    edit(meta / CHRISTCHURCH / "edition.yaml", lambda edition: edition.update(short_name="SIS '24"))


def rename_series(meta: Path) -> None:
    edit(meta / "site.yaml", lambda site: site["series"].update(name="Proceedings of the Polar Society"))


def retitle_keynote(meta: Path) -> None:
    edit(meta / CHRISTCHURCH / "keynotes/hana-kobayashi.yaml", lambda talk: talk.update(title="Ice from orbit"))


CHANGES = [add_paper, rename_person, move_affiliation, retitle_paper, rewrite_abstract, reorder_papers, remove_paper,
           move_slot, rename_edition, rename_series, retitle_keynote]  # fmt: skip


def kept_kinds(docname: str) -> bool:
    """Paper and person pages: the pages that are kept when their inputs did not change."""
    return (docname.startswith(layout.person("")) or "/papers/" in docname) and not docname.endswith("/index")


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    return Path(shutil.copytree(WORKSHOP_METADATA, tmp_path / "proceedings"))


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_an_assembly_that_keeps_pages_writes_what_one_making_every_page_writes(
    change: Callable[[Path], None], meta: Path, tmp_path: Path
) -> None:
    kept, before, fresh = tmp_path / "kept", tmp_path / "before", tmp_path / "fresh"
    assemble_reusing(meta, kept)
    assemble_afresh(meta, before)
    change(meta)
    site = assemble_reusing(meta, kept)
    assemble_afresh(meta, fresh)
    assert snapshot(kept) == snapshot(fresh)
    # The change reached pages that can be kept (so their fingerprints were put to the test), and others were kept.
    old, new = snapshot(before), snapshot(fresh)
    assert any(kept_kinds(name.removesuffix(".md")) for name in old.keys() ^ new.keys() | {
        name for name in old.keys() & new.keys() if old[name] != new[name]
    })  # fmt: skip
    if change not in (rename_edition, rename_series):  # named on every page of the edition, or of the site
        assert len(site.pages) < len(site.meta)


def test_an_unchanged_assembly_makes_no_paper_or_person_page(meta: Path, tmp_path: Path) -> None:
    first = assemble_reusing(meta, tmp_path / "out")
    assert first.fingerprints.keys() == {docname for docname in first.meta if kept_kinds(docname)}
    again = assemble_reusing(meta, tmp_path / "out")
    assert not [docname for docname in again.pages if kept_kinds(docname)]
    assert again.meta == first.meta and again.fingerprints == first.fingerprints


def test_every_page_is_made_again_for_another_engine_or_a_page_edited_by_hand(meta: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = assemble_reusing(meta, out)
    assert assemble_reusing(meta, out, engine="another engine").pages == first.pages
    page = out / f"{layout.paper(CHRISTCHURCH, 'boateng24a')}.md"
    made = page.read_text(encoding="utf-8")
    page.write_text("# Edited by hand\n", encoding="utf-8")
    again = assemble_reusing(meta, out, engine="another engine")
    assert again.pages.keys() & {docname for docname in first.meta if kept_kinds(docname)} == {
        layout.paper(CHRISTCHURCH, "boateng24a")
    }
    assert page.read_text(encoding="utf-8") == made
