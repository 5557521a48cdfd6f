"""Run the assembler when the builder starts, so a plain ``sphinx-build`` sees fresh pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..assemble import Site, assemble, write_site
from ..errors import MetadataError
from ..model import Proceedings, load_proceedings
from .config import ProceedingsConfig, add_config_values

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def setup_assembler(app: Sphinx) -> None:
    add_config_values(app)
    app.connect("builder-inited", run_assembler, priority=100)


def run_assembler(app: Sphinx) -> None:
    config = ProceedingsConfig.from_app(app)
    try:
        proceedings = load_proceedings(config.metadata_dir)
    except MetadataError as error:
        for problem in error.problems:
            logger.error(str(problem), type="proceedings", subtype="metadata")
        logger.error(f"{len(error.problems)} problem(s) in {config.metadata_dir}; nothing was built.")
        # SystemExit passes through Sphinx's generic handler, which would
        # otherwise bury the organizer's message under a traceback dump.
        raise SystemExit(1) from None
    site = assemble(proceedings, config.base_url)
    try:
        written, removed = write_site(site, Path(app.srcdir))
    except FileExistsError as error:
        logger.error(str(error))
        raise SystemExit(1) from None
    logger.info(f"[proceedings] {len(site.pages)} pages assembled, {len(written)} written, {len(removed)} removed")
    app.proceedings = proceedings  # type: ignore[attr-defined]
    app.proceedings_site = site  # type: ignore[attr-defined]


def site_of(app: Sphinx) -> Site | None:
    return getattr(app, "proceedings_site", None)


def proceedings_of(app: Sphinx) -> Proceedings | None:
    return getattr(app, "proceedings", None)
