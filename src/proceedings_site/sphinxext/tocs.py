"""Each document's table of contents and title kept pickled on its own in the environment, unpickled when used.

Sphinx stores the whole environment after reading whenever a document changed, and loads it at the start of every
build. Of a large conference's environment, the tables of contents (``env.tocs``: a small tree of docutils nodes per
page, 12,000 of them at 3,000 papers) are most of the bytes and most of the time: pickling them took most of a
second of a rebuild that added one paper, and loading them most of the environment's load time. Yet a rebuild uses
only the tables of the pages it writes and of the pages the navigation lists; papers and people are in no table of
contents. Here each table stays as the bytes it was stored as until it is used, and only the ones used or read in
this build are pickled again (used ones, because Sphinx may number their sections in place). The pages' titles
(``env.titles`` and ``env.longtitles``, a node each) were then half of what remained of loading the environment
(0.11 of 0.23 s at 3,000 papers), and most builds use few of them: they are kept the same way.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, MutableMapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class PickledTables(MutableMapping[str, "nodes.Node"]):
    """A mapping of docname → node tree that keeps the trees it was loaded with pickled until they are asked for."""

    def __init__(self, tables: Iterable[tuple[str, nodes.Node]] = ()) -> None:
        self._pickled: dict[str, bytes] = {}  # as loaded, not used since
        self._live: dict[str, nodes.Node] = dict(tables)  # set or used in this process

    def __getitem__(self, docname: str) -> nodes.Node:
        try:
            return self._live[docname]
        except KeyError:
            table = self._live[docname] = pickle.loads(self._pickled.pop(docname))
            return table

    def __setitem__(self, docname: str, table: nodes.Node) -> None:
        self._pickled.pop(docname, None)
        self._live[docname] = table

    def __delitem__(self, docname: str) -> None:
        if self._live.pop(docname, None) is None:
            del self._pickled[docname]

    def __contains__(self, docname: object) -> bool:  # without unpickling, as Mapping's would
        return docname in self._live or docname in self._pickled

    def __iter__(self) -> Iterator[str]:
        yield from list(self._live)
        yield from list(self._pickled)

    def __len__(self) -> int:
        return len(self._live) + len(self._pickled)

    def stored(self, docname: str) -> bytes | None:
        """The table as it was loaded, if it was not used since."""
        return self._pickled.get(docname)

    @property
    def still_pickled(self) -> int:
        """How many tables were not used since they were loaded."""
        return len(self._pickled)

    def clear(self) -> None:
        self._live.clear()
        self._pickled.clear()

    def __getstate__(self) -> dict[str, bytes]:
        protocol = pickle.HIGHEST_PROTOCOL
        return {**self._pickled, **{docname: pickle.dumps(table, protocol) for docname, table in self._live.items()}}

    def __setstate__(self, state: dict[str, bytes]) -> None:
        self._pickled, self._live = dict(state), {}


def setup_tocs(app: Sphinx) -> None:
    app.connect("builder-inited", keep_tocs_pickled, priority=0)  # before any document is read


KEPT_PICKLED = ("tocs", "titles", "longtitles")  # the environment's tables of nodes by docname kept this way


def keep_tocs_pickled(app: Sphinx) -> None:
    """A new environment, or one stored by an engine without this, gets its plain dicts replaced."""
    for name in KEPT_PICKLED:
        tables = getattr(app.env, name)
        if not isinstance(tables, PickledTables):
            setattr(app.env, name, PickledTables(tables.items()))
