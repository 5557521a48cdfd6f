"""Rendering a page without repeating what cannot change during a build.

Each time a page includes a template (some thirty times a page with pydata-sphinx-theme), Sphinx's template
environment checks whether the template's file changed on disk since it was compiled. Nothing changes templates
during a build, and each build makes a new environment: templates are compiled once and not checked again.

Each stylesheet and script a page links carries its file's checksum (``?v=…``). Sphinx keeps the checksum of each
file, but finds the file again, resolving its path on disk, for every link of every page. Static files are
copied before pages are written and not changed after, so the checksum is kept by the file's name for the
build. Together these were a twentieth of writing a page (``py-spy`` on a 300-paper site).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import sphinx.builders.html

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Sphinx's own lookup, as it was before any build wrapped it.
FILE_CHECKSUM = getattr(sphinx.builders.html, "_file_checksum", None)


def setup_rendercache(app: Sphinx) -> None:
    app.connect("builder-inited", compile_templates_once)
    app.connect("builder-inited", keep_asset_checksums)


def compile_templates_once(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:  # builders that render no templates have none
        environment.auto_reload = False


def keep_asset_checksums(app: Sphinx) -> None:
    if FILE_CHECKSUM is None:  # a Sphinx without it: pages link their files as that Sphinx does
        return
    # A cache for each build, as each copies its own static files.
    sphinx.builders.html._file_checksum = cache(FILE_CHECKSUM)  # type: ignore[attr-defined]
