"""The extension's configuration, read once from ``conf.py``."""

from __future__ import annotations

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

    @classmethod
    def from_app(cls, app: Sphinx) -> ProceedingsConfig:
        base = app.config.proceedings_base_url or app.config.html_baseurl or ""
        return cls(
            metadata_dir=(Path(app.confdir) / app.config.proceedings_metadata_dir).resolve(),
            base_url=base.rstrip("/") + "/" if base else "",
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
