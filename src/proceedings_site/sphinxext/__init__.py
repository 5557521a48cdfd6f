"""Sphinx extension: ``extensions = ["proceedings_site.sphinxext"]`` in ``conf.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import __version__
from .assembler import setup_assembler
from .buildlock import setup_buildlock
from .compact import setup_compact
from .docsettings import setup_docsettings
from .exports import setup_exports
from .frontend import setup_frontend
from .inventory import setup_inventory
from .links import setup_links
from .lists import setup_lists
from .memory import setup_memory
from .navigation import setup_navigation
from .outdated import setup_outdated
from .pagefind import setup_pagefind
from .pagemeta import setup_pagemeta
from .parallel import setup_parallel
from .rendercache import setup_rendercache
from .richtext import setup_richtext
from .safety import setup_safety
from .search import setup_search
from .stars import setup_stars
from .theme import setup_theme
from .tocs import setup_tocs
from .topicmap import setup_topicmap
from .writequeue import setup_writequeue

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    setup_buildlock(app)
    setup_safety(app)
    setup_theme(app)
    setup_compact(app)
    setup_rendercache(app)
    setup_docsettings(app)
    setup_assembler(app)
    setup_navigation(app)
    setup_links(app)
    setup_lists(app)
    setup_topicmap(app)
    setup_richtext(app)
    setup_pagemeta(app)
    setup_exports(app)
    setup_search(app)
    setup_stars(app)
    setup_frontend(app)
    setup_pagefind(app)
    setup_memory(app)
    setup_parallel(app)
    setup_tocs(app)
    setup_writequeue(app)
    setup_outdated(app)
    setup_inventory(app)
    # env_version: bump when generated pages change shape, so old build environments are rebuilt
    return {"version": __version__, "env_version": 15, "parallel_read_safe": True, "parallel_write_safe": True}
