"""``objects.inv`` is written again only when what it lists may have changed (``sphinxext.inventory``)."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from sphinx.util.inventory import InventoryFile

from proceedings_site import layout


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
