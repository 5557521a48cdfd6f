"""Cutting text into tokens: one regular expression, one pass."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tree import Inline, SpanKind

MAX_NESTING = 40
MARKER = re.compile(r"[ \t]{0,3}([-*+]|\d{1,9}[.)])[ \t]+(?=\S)")
URL = re.compile(r"https?://[^\s\"'<>\\{}^|`]+\Z")
# The lookahead lets the scan pass over plain letters at once: without it, every alternative is tried at every
# character (seven times slower on abstracts). It must name the first character of every alternative below.
TOKEN = re.compile(
    r"""(?=[\\$`'*_{}\[\]<~\n \t-])
    (?:(?P<cmd>\\[A-Za-z]+)
    |(?P<sym>\\[^A-Za-z])
    |(?P<dd>\$\$)|(?P<d>\$)
    |(?P<ticks>`+)
    |(?P<quote>'')
    |(?P<dash>-{2,3})
    |(?P<star>\*+)|(?P<under>_+)
    |(?P<lbrace>\{)|(?P<rbrace>\})
    |(?P<lbrack>\[)|(?P<dest>\]\([^\s()]{0,2000}\))|(?P<rbrack>\])
    |(?P<auto><https?://[^\s<>]{1,2000}>)
    |(?P<tag></?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,300})?/?>)
    |(?P<tilde>~)
    |(?P<nl>[ \t]*\n[ \t]*))""",
    re.VERBOSE,
)
HTML_SPANS: dict[str, SpanKind] = {
    "em": "emphasis",
    "i": "emphasis",
    "strong": "strong",
    "b": "strong",
    "sub": "sub",
    "sup": "sup",
}
HTML_OPEN = re.compile(r"<(em|i|strong|b|sub|sup|code)\s*>\Z", re.IGNORECASE)
HTML_CLOSE = re.compile(r"</(em|i|strong|b|sub|sup|code|a)\s*>\Z", re.IGNORECASE)
HTML_BREAK = re.compile(r"<br\s*/?>\Z", re.IGNORECASE)
HTML_LINK = re.compile(r"""<a\s+href\s*=\s*(?:"([^"]*)"|'([^']*)')\s*>\Z""", re.IGNORECASE)


@dataclass(slots=True)
class Token:
    kind: str  # a group name of TOKEN, or "text"
    value: str
    start: int


@dataclass(slots=True)
class Frame:
    key: str  # what closes it: "*", "**", "_", "__", "{", "[", "html:em", …
    opener: str  # its text, shown if it never closes
    kind: SpanKind | None  # None: a group that only protects case
    href: str = ""
    children: list[Inline] = field(default_factory=list)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    for match in TOKEN.finditer(text):
        if match.start() > position:
            tokens.append(Token("text", text[position : match.start()], position))
        tokens.append(Token(match.lastgroup or "text", match.group(), match.start()))
        position = match.end()
    if position < len(text):
        tokens.append(Token("text", text[position:], position))
    return tokens


def is_url(value: str) -> bool:
    return bool(URL.match(value))
