"""Tables of contents and titles stay pickled in the stored environment until a build uses them (``sphinxext.tocs``)."""

from __future__ import annotations

import pickle
from pathlib import Path

from docutils import nodes

from proceedings_site.sphinxext.tocs import PickledTables

from .metadata_tree import minimal_tree, write
from .test_incremental import html_pages, stored_environment


def table(label: str) -> nodes.bullet_list:
    return nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", label)))


def stored_and_loaded(tables: PickledTables) -> PickledTables:
    return pickle.loads(pickle.dumps(tables, pickle.HIGHEST_PROTOCOL))


def test_loaded_tables_are_unpickled_one_by_one_when_used() -> None:
    loaded = stored_and_loaded(PickledTables({"a": table("A"), "b": table("B"), "c": table("C")}.items()))
    assert len(loaded) == loaded.still_pickled == 3
    assert "a" in loaded and "z" not in loaded and sorted(loaded) == ["a", "b", "c"]
    assert loaded.still_pickled == 3  # asking what it holds unpickles nothing
    assert loaded["b"].astext() == "B" and loaded["b"] is loaded["b"]
    assert loaded.still_pickled == 2
    assert loaded.get("z") is None and loaded.pop("c").astext() == "C"
    assert sorted(loaded) == ["a", "b"] and loaded.still_pickled == 1


def test_tables_changed_in_place_are_stored_as_changed() -> None:
    """Sphinx numbers sections in the tables it uses: a used table is pickled again, an unused one as it was."""
    loaded = stored_and_loaded(PickledTables({"a": table("A"), "b": table("B")}.items()))
    loaded["a"][0][0]["secnumber"] = (1,)
    loaded["c"] = table("C")
    again = stored_and_loaded(loaded)
    assert again["a"][0][0]["secnumber"] == (1,)
    assert {docname: again[docname].astext() for docname in again} == {"a": "A", "b": "B", "c": "C"}
    del again["b"]
    again.clear()
    assert len(again) == 0 and "a" not in again


def test_a_rebuild_from_stored_tables_writes_what_a_fresh_build_writes(tmp_path: Path, sphinx_builder) -> None:
    """Pages' own contents and the navigation come from the tables; after a paper is added, a rebuild that loads
    them pickled writes the same pages as a build from scratch."""
    site = sphinx_builder(minimal_tree(tmp_path / "rebuilt")).build("-j", "2")
    environment = stored_environment(site)
    assert all(isinstance(getattr(environment, name), PickledTables) for name in ("tocs", "titles", "longtitles"))
    added = {"title": "An Added Paper", "authors": [{"person": "grace-hopper"}], "track": "short"}
    write(site.metadata / "2030-test/papers/added30a.yaml", added)
    site.build("-j", "2")
    environment = stored_environment(site)
    for name in ("tocs", "titles", "longtitles"):
        stored = getattr(environment, name)
        assert isinstance(stored, PickledTables) and "2030-test/papers/added30a" in stored
    assert environment.titles["2030-test/papers/added30a"].astext() == "An Added Paper"
    fresh = sphinx_builder(site.metadata).build()
    rebuilt, made = html_pages(site.out), html_pages(fresh.out)
    assert rebuilt.keys() == made.keys() and [page for page in made if rebuilt[page] != made[page]] == []
