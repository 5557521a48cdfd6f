"""Defence in depth for pages built from untrusted metadata.

The assembler escapes every string, so no metadata can become markup. These
settings make sure that even a mistake there could not include a file from
disk, emit raw HTML, or change text (smart quotes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def setup_safety(app: Sphinx) -> None:
    app.connect("config-inited", harden_config)
    app.connect("builder-inited", harden_docutils)


def harden_config(app: Sphinx, config: Config) -> None:
    config.smartquotes = False
    disabled = set(config.myst_disable_syntax) | {"html_block", "html_inline"}
    config.myst_disable_syntax = sorted(disabled)


def harden_docutils(app: Sphinx) -> None:
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False
