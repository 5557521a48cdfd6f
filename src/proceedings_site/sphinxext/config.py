"""The extension's configuration, read once from ``conf.py``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class ProceedingsConfig:
    metadata_dir: Path
    """The folder organizers edit (``proceedings/``)."""
    base_url: str
    """Where the site is published, for absolute links in meta tags; may be empty."""

    today: dt.date
    """The build date: what the home and edition pages call upcoming or held."""

    @classmethod
    def from_app(cls, app: Sphinx) -> ProceedingsConfig:
        base = app.config.proceedings_base_url or app.config.html_baseurl or ""
        return cls(
            metadata_dir=(Path(app.confdir) / app.config.proceedings_metadata_dir).resolve(),
            base_url=base.rstrip("/") + "/" if base else "",
            today=build_date(app.config.proceedings_today, os.environ.get("SOURCE_DATE_EPOCH")),
        )


def build_date(configured: str | dt.date | None, source_date_epoch: str | None) -> dt.date:
    """``proceedings_today`` when set, else ``SOURCE_DATE_EPOCH`` (reproducible builds fix it), else today."""
    if isinstance(configured, dt.date):
        return configured
    if configured:
        return dt.date.fromisoformat(configured)
    if source_date_epoch:
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def add_config_values(app: Sphinx) -> None:
    app.add_config_value(
        "proceedings_metadata_dir",
        "../proceedings",
        "env",
        types=frozenset({str}),
        description="The metadata folder, relative to conf.py.",
    )
    app.add_config_value(
        "proceedings_base_url",
        "",
        "html",
        types=frozenset({str}),
        description="The published site's address, for absolute URLs.",
    )
    # No rebuild scope: the assembler rewrites exactly the pages whose text depends on the date, and Sphinx
    # reads those again because they changed; "env" would re-read every page whenever the date moves.
    app.add_config_value(
        "proceedings_today",
        None,
        "",
        types=frozenset({str, dt.date, type(None)}),
        description="The build date (ISO 8601, 2026-11-29) that decides which editions are upcoming; "
        "defaults to SOURCE_DATE_EPOCH, else today.",
    )
