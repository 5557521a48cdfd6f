"""The extension's configuration, read once from ``conf.py``."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..load import LoadError, load_yaml
from ..model.loading import SITE_FILE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


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
        return cls(
            metadata_dir=(Path(app.confdir) / app.config.proceedings_metadata_dir).resolve(),
            base_url=base_url(app.config),
            today=build_date(app.config.proceedings_today, os.environ.get("SOURCE_DATE_EPOCH")),
        )


def base_url(config: Config) -> str:
    """The published address with one trailing slash, or empty: alone, for what runs once a page."""
    base = config.proceedings_base_url or config.html_baseurl or ""
    return base.rstrip("/") + "/" if base else ""


def build_date(configured: str | dt.date | None, source_date_epoch: str | None) -> dt.date:
    """``proceedings_today`` when set, else ``SOURCE_DATE_EPOCH`` (reproducible builds fix it), else today."""
    if isinstance(configured, dt.date):
        return configured
    if configured:
        return dt.date.fromisoformat(configured)
    if source_date_epoch:
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def address_from_site_file(app: Sphinx, config: Config) -> None:
    """``url`` in site.yaml is the site's address when conf.py names none. Read at config-inited, before Sphinx
    compares the configuration with the stored one, so it counts as configuration and never forces a rebuild.
    A site.yaml that does not load is left to the assembler, which reports every problem with its line."""
    if config.proceedings_base_url or config.html_baseurl:
        return
    site_file = (Path(app.confdir) / config.proceedings_metadata_dir / SITE_FILE).resolve()
    try:
        url = load_yaml(site_file, SITE_FILE).data.get("url")
    except (LoadError, AttributeError):
        return
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        config.html_baseurl = url


def notice_without_address(app: Sphinx) -> None:
    if not base_url(app.config):
        logger.info(WITHOUT_ADDRESS_NOTICE)


WITHOUT_ADDRESS_NOTICE = (
    "notice: the site has no address yet, so citations, calendars and link previews leave out absolute URLs "
    "and the Atom feed and sitemap are not written. Set url: in proceedings/site.yaml (or html_baseurl in "
    "docs/conf.py) to the address where the site is published."
)


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
