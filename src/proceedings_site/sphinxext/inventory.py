"""``objects.inv`` written again only when what it lists may have changed.

Sphinx writes the inventory at the end of every HTML build: a quarter of a second at 3,000 papers (15,000
entries), a tenth of a rebuild that changes nothing. Everything it lists comes from the environment and the
configuration. Sphinx stores the environment (``environment.pickle``) after every build that read or removed a
document, and a setting that changes what documents hold makes it read them all; the settings that change only
the pages (the pages' file suffix, for one) are in the HTML builder's build information. So a build that finds
the stored environment, the inventory and the build information as they were when the last inventory was
written would write the same file again: it keeps it.

When it is written, the pages' titles come from the last one where they are unchanged. Sphinx lists every
document with its title as plain text, unpickled and copied to be read: 0.3 of the 0.4 s it took to write the
inventory at 3,000 papers. A title is taken from the last inventory when its stored form (the bytes it is pickled
as, ``tocs.PickledTables``) is the same. Titles read or used in the build are converted: Sphinx may have changed
their nodes (rendering a title gives it a parent), so their stored form next time is unknown until then.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.builders.html import INVENTORY_FILENAME, StandaloneHTMLBuilder
from sphinx.util.nodes import clean_astext

from ..files import write_if_changed
from .tocs import PickledTables

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STAMP = "objects-inv.json"  # beside the doctrees: the environment and inventory files when it was written
TITLES = "objects-inv-titles.pickle"  # beside the doctrees: each page's title as the last inventory lists it
TitleDigests = dict[str, tuple[bytes, str]]  # docname → digest of its stored title, the title as listed


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
        with titles_as_listed_last(app):
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


@contextlib.contextmanager
def titles_as_listed_last(app: Sphinx) -> Iterator[None]:
    """While the inventory is written, the standard domain lists each document with its title from the last
    inventory when that title is stored the same (``TITLES``), and converts the others as Sphinx does."""
    env, cache_file = app.env, Path(app.doctreedir) / TITLES
    titles = env.titles
    if not isinstance(titles, PickledTables):  # not this engine's environment: Sphinx lists them
        yield
        return
    std, known = env.domains.standard_domain, _read_titles(cache_file)
    listed: TitleDigests = {}
    sphinx_objects = std.get_objects

    def title_text(docname: str) -> str:
        stored = titles.stored(docname)
        if stored is None:  # set or used in this build (Sphinx may have changed the node meanwhile): not kept
            return clean_astext(titles[docname])
        digest = hashlib.blake2b(stored, digest_size=16).digest()
        found = known.get(docname)
        text = found[1] if found is not None and found[0] == digest else clean_astext(titles[docname])
        listed[docname] = (digest, text)
        return text

    def get_objects() -> Iterator[tuple[str, str, str, str, str, int]]:
        yield from ((docname, title_text(docname), "doc", docname, "", -1) for docname in env.all_docs)
        # Sphinx's own lists the documents first, as above, then the rest: it is asked for the rest alone.
        documents, env.all_docs = env.all_docs, {}
        try:
            rest = list(sphinx_objects())
        finally:
            env.all_docs = documents
        yield from rest

    std.get_objects = get_objects  # type: ignore[method-assign]
    try:
        yield
    finally:
        del std.get_objects  # Sphinx's own again
    write_if_changed(cache_file, pickle.dumps(listed, protocol=pickle.HIGHEST_PROTOCOL))


def _read_titles(path: Path) -> TitleDigests:
    try:
        found = pickle.loads(path.read_bytes())
    except Exception:  # missing, or truncated: every title is converted
        return {}
    return found if isinstance(found, dict) else {}
