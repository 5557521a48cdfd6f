"""Quoting text that came from outside (an export, a server, a volume file, a pull request) in a message.

A message is one line: newlines, ANSI escape sequences (which can retitle or clear a terminal), other control
characters and bidi overrides are shown as ``\\n``, ``\\x1b``, ``\\u202e``; long text is cut. And no line may
begin with ``::``, which GitHub Actions reads as a workflow command (``::error``, ``::add-mask``,
``::stop-commands``) however the text got there.
"""

from __future__ import annotations

import re
import unicodedata

LIMIT = 300  # characters of one quoted text; a message stays readable

_PLAIN = re.compile(r"[\x20-\x7e]*")
_SPECIAL = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn") and char != "\u200d":
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return char


def printable(text: object, limit: int | None = LIMIT) -> str:
    """``text`` with every control, format and line-separator character escaped, cut at ``limit`` characters."""
    value = str(text)
    if limit is not None and len(value) > limit:
        value = value[:limit] + f"… ({len(value):,} characters)"
    if _PLAIN.fullmatch(value):
        return value
    return "".join(_escaped(char) for char in value)


def one_line(message: str) -> str:
    """A whole message as one safe line (quoted parts are already cut; the message is not)."""
    line = printable(message, limit=None)
    return f"> {line}" if line.lstrip().startswith("::") else line
