"""The build keeps the garbage collector off its long-lived data, and gives it back to the next build."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from .metadata_tree import minimal_tree


class Node:
    partner: Node


def test_a_build_freezes_its_data_and_releases_what_an_earlier_build_left(tmp_path: Path, sphinx_builder) -> None:
    left_over = Node()
    left_over.partner = Node()
    left_over.partner.partner = left_over  # a reference cycle: only the collector can free it
    gc.freeze()  # as an earlier build in this process leaves it
    alive = weakref.ref(left_over)
    del left_over

    try:
        sphinx_builder(minimal_tree(tmp_path)).build()
        assert alive() is None  # thawed and collected before this build froze anything
        assert gc.get_freeze_count() > 0  # the process exits without walking the build's data
    finally:
        gc.unfreeze()


def test_a_build_stopped_by_bad_metadata_leaves_the_collector_on(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    (meta / "people/broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    try:
        site = sphinx_builder(meta).build(assert_pass=False)
        assert not site.passed and "broken.yaml" in site.output
        assert gc.isenabled()
    finally:
        gc.unfreeze()
