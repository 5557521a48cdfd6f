"""``objects.inv`` is written again only when what it lists may have changed (``sphinxext.inventory``)."""

from __future__ import annotations

import contextlib
import io
import pickle
from pathlib import Path

import yaml
from sphinx.util.inventory import InventoryFile

from proceedings_site import layout
from proceedings_site.sphinxext import inventory


def entries(site_out: Path) -> dict[str, dict[str, object]]:
    """The inventory as Sphinx's own reader reads it (what intersphinx does with it)."""
    inventory = site_out / "objects.inv"
    return InventoryFile.load(io.BytesIO(inventory.read_bytes()), "https://example.org", lambda *parts: "/".join(parts))


def test_the_inventory_is_kept_when_nothing_changed_and_written_when_something_did(sphinx_builder) -> None:
    site = sphinx_builder().build()
    inventory = site.out / "objects.inv"
    first, written = inventory.read_bytes(), inventory.stat().st_mtime_ns
    assert "index" in entries(site.out)["std:doc"]

    site.build()  # nothing changed: the same file, not written again
    assert inventory.stat().st_mtime_ns == written and inventory.read_bytes() == first

    paper = next(site.metadata.glob("*/papers/*.yaml"))
    added = paper.with_name("added-paper.yaml")
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    added.write_text(yaml.safe_dump({"title": "Added", "authors": record["authors"], "track": record["track"]}))
    site.build()
    docname = layout.paper(paper.parent.parent.name, "added-paper")
    assert docname in entries(site.out)["std:doc"]  # listed in the inventory written again
    assert inventory.stat().st_mtime_ns != written

    kept = inventory.read_bytes()
    inventory.write_bytes(b"edited by hand")
    site.build()  # the file is not as the last build left it: written again, the same as before
    assert inventory.read_bytes() == kept

    inventory.unlink()
    site.build()
    assert inventory.read_bytes() == kept

    # A setting that changes the pages, not what the environment holds (the pages' link suffix would change the
    # inventory's addresses so): written again, not trusted to be as it was.
    written = inventory.stat().st_mtime_ns
    site.build("-D", "html_title=Another title")
    assert inventory.stat().st_mtime_ns != written and inventory.read_bytes() == kept


def test_titles_are_listed_as_sphinx_lists_them_and_reused_only_while_stored_the_same(
    sphinx_builder, monkeypatch
) -> None:
    ours = sphinx_builder().build()
    sphinx_own = sphinx_builder(ours.metadata)  # the same metadata, listed by Sphinx's own code
    paper = next(ours.metadata.glob("*/papers/*.yaml"))
    docname = layout.paper(paper.parent.parent.name, paper.stem)

    def build_with_sphinx_own_titles() -> bytes:
        with monkeypatch.context() as patch:
            patch.setattr(inventory, "titles_as_listed_last", lambda app: contextlib.nullcontext())
            return (sphinx_own.build().out / "objects.inv").read_bytes()

    assert (ours.out / "objects.inv").read_bytes() == build_with_sphinx_own_titles()

    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    paper.write_text(yaml.safe_dump({**record, "title": "A title *edited* with $x^2$"}), encoding="utf-8")
    ours.build()  # that page's title changed: listed anew, the others as listed last
    assert (ours.out / "objects.inv").read_bytes() == build_with_sphinx_own_titles()
    assert entries(ours.out)["std:doc"][docname].display_name == "A title edited with x²"

    # The last inventory's titles are used when stored the same: one given another text there shows it. (The
    # titles of pages written are converted: the first build after theirs keeps them.)
    (ours.out / "objects.inv").unlink()
    ours.build()
    cache = ours.doctrees / inventory.TITLES
    listed = pickle.loads(cache.read_bytes())
    assert docname in listed
    listed[docname] = (listed[docname][0], "Listed last")
    cache.write_bytes(pickle.dumps(listed))
    (ours.out / "objects.inv").unlink()
    ours.build()
    assert entries(ours.out)["std:doc"][docname].display_name == "Listed last"

    # One stored otherwise (an environment from a build that stopped before its inventory) is converted again.
    listed[docname] = (b"another stored form", "Stale")
    cache.write_bytes(pickle.dumps(listed))
    (ours.out / "objects.inv").unlink()
    ours.build()
    assert entries(ours.out)["std:doc"][docname].display_name == "A title edited with x²"
