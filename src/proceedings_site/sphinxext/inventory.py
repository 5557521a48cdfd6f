"""``objects.inv`` written again only when what it lists may have changed.

Sphinx writes the inventory at the end of every HTML build: a quarter of a second at 3,000 papers (15,000
entries), a tenth of a rebuild that changes nothing. Everything it lists comes from the environment and the
configuration. Sphinx stores the environment (``environment.pickle``) after every build that read or removed a
document, and a setting that changes what documents hold makes it read them all; the settings that change only
the pages (the pages' file suffix, for one) are in the HTML builder's build information. So a build that finds
the stored environment, the inventory and the build information as they were when the last inventory was
written would write the same file again: it keeps it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.html import INVENTORY_FILENAME, StandaloneHTMLBuilder

from ..files import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STAMP = "objects-inv.json"  # beside the doctrees: the environment and inventory files when it was written


def setup_inventory(app: Sphinx) -> None:
    app.connect("builder-inited", keep_unchanged_inventory)


def keep_unchanged_inventory(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    dump = builder.dump_inventory
    stamp_file = Path(app.doctreedir) / STAMP

    def dump_inventory() -> None:
        if (stamp := files_stamp(app)) is not None and _read(stamp_file) == stamp:
            return
        stamp_file.unlink(missing_ok=True)  # a build stopped while writing leaves no stamp behind
        dump()
        if (stamp := files_stamp(app)) is not None:
            write_if_changed(stamp_file, json.dumps(stamp).encode())

    builder.dump_inventory = dump_inventory  # type: ignore[method-assign]


def files_stamp(app: Sphinx) -> list[object] | None:
    """The builder, its build information (digests of the settings that change pages), and the path, size and
    modification time of the inventory and of the stored environment."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    stamp: list[object] = [builder.name, builder.build_info.config_hash, builder.build_info.tags_hash]
    for path in (Path(app.doctreedir) / ENV_PICKLE_FILENAME, Path(app.outdir) / INVENTORY_FILENAME):
        try:
            found = os.stat(path)
        except OSError:
            return None
        stamp += [str(path), found.st_size, found.st_mtime_ns]
    return stamp


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
