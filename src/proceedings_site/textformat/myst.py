"""MyST for the page modules: where an abstract or a title goes on a generated page.

The text itself never enters the MyST source as markup. An abstract is a directive naming a validated id, whose
nodes the directive makes from the model (``sphinxext.richtext``), with a digest of the text so that the page
changes whenever the abstract does. A title is the content of a role, where MyST takes text literally up to a
backtick: backticks and ``%`` are percent-encoded, as for ``{proceedings-page}``.
"""

from __future__ import annotations

import hashlib
import re

from .literal import role_content

KINDS = ("paper", "keynote")
# "2025-icml/hu25a": an edition id and a paper or keynote id, as the model validates them; never free text.
REFERENCE = re.compile(r"[\w.-]+/[\w.-]+\Z")


def digest(source: str) -> str:
    return hashlib.blake2b(source.encode(), digest_size=10).hexdigest()


def abstract_block(kind: str, ref: str, source: str) -> str:
    """The abstract of a paper or keynote (``kind``) of an edition (``ref`` is ``edition/id``)."""
    if kind not in KINDS or not REFERENCE.match(ref):
        raise ValueError(f"not a {' or '.join(KINDS)} reference: {kind!r} {ref!r}")
    return f"```{{proceedings-abstract}} {kind} {ref}\n:digest: {digest(source)}\n```"


def inline(source: str) -> str:
    """One line of text (a title) as the ``proceedings-text`` role, rendered with its markup; "" stays ""."""
    content = role_content(source)
    return f"{{proceedings-text}}`{content}`" if content else ""
