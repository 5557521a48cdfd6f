"""TeX of a volume file (titles, names, the volume's title) as the text a reader sees, by the site's own text
format (``textformat``), which parses in time linear in the text and keeps what it does not know as text:
``\\href{url}{label}`` is its label, ``\\url{…}`` its address, an unknown macro its name and argument.

Braces nested deeper than ``MAX_NESTING`` are refused before anything is converted: no title needs more than a
few levels, and such text is a mistake or an attack.
"""

from __future__ import annotations

import re

from .. import textformat

MAX_NESTING = 32
_BRACE = re.compile(r"\\.|[{}]", re.DOTALL)  # an escaped character, or a brace


def nesting(tex: str) -> int:
    """How deep braces nest in ``tex`` (``\\{`` and ``\\}`` are characters, not groups)."""
    depth = deepest = 0
    for match in _BRACE.finditer(tex):
        if match[0] == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif match[0] == "}":
            depth = max(depth - 1, 0)
    return deepest


def text_of(tex: str) -> str:
    """One line of TeX as plain Unicode text (the caller has checked ``nesting``)."""
    return " ".join(textformat.plain_title(tex).split())
