"""The text format of abstracts and titles: the one place where their text becomes page content.

Authors write Markdown (OpenReview), a little HTML, and TeX (PMLR volume files). ``parse`` turns it into a
small tree (``tree``) in time linear in the text; renderers make docutils nodes (``nodes``), plain text (what a
reader sees, for search, meta tags and JSON) and BibTeX-safe TeX. Whatever is not understood stays literal text.
Math becomes allow-listed MathML at build time (``math``). ``myst`` writes the directive and role that put
abstracts and titles on the generated pages.

- ``plain(text)``, ``tex(text)``, ``nodes(text)``: an abstract (paragraphs and lists);
- ``plain_title(text)``, ``tex_title(text)``, ``title_nodes(text)``: one line (titles, names): inline only;
- ``warnings(text)``: (message, offset) of what an author should fix; ``located(text)``: (line in the text,
  message) and ``check(text)``: "line N: message", for ``proceedings validate``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes as _docutils

from .blocks import parse, parse_inline
from .math import Formula, convert
from .memo import remembered
from .nodes import block_nodes, inline_nodes, mathml
from .render import plain_blocks, plain_inline, tex_blocks, tex_inline
from .tree import Block, BulletList, Inline, Math, Paragraph, Span

if TYPE_CHECKING:
    from ..model import Edition, Slot

__all__ = [
    "Formula",
    "check",
    "convert",
    "located",
    "mathml",
    "nodes",
    "parse",
    "plain",
    "plain_title",
    "slot_title",
    "tex",
    "tex_title",
    "title_nodes",
    "warnings",
]


@remembered("plain")  # the exports ask for the same text in several forms and files, every build
def plain(text: str) -> str:
    return plain_blocks(parse(text).blocks)


@remembered("plain_title")  # the exports ask for the same text in several forms and files, every build
def plain_title(text: str) -> str:
    """One line, as a browser shows it: runs of spaces are one (a no-break space from ``~`` stays)."""
    return re.sub(r"[ \t\n]+", " ", plain_inline(parse_inline(text)[0])).strip()


@remembered("tex")  # the exports ask for the same text in several forms and files, every build
def tex(text: str) -> str:
    return tex_blocks(parse(text).blocks)


@remembered("tex_title")  # the exports ask for the same text in several forms and files, every build
def tex_title(text: str) -> str:
    return tex_inline(parse_inline(text)[0])


def nodes(text: str) -> list[_docutils.Element]:
    return block_nodes(parse(text).blocks)


def title_nodes(text: str, links: bool = True) -> list[_docutils.Node]:
    return inline_nodes(parse_inline(text)[0], links, breaks=False)


def warnings(text: str) -> list[tuple[str, int]]:
    """What would not show as the author meant: unknown TeX commands and formulas that do not convert."""
    document = parse(text)
    found = list(document.warnings)
    pending: list[Block | Inline | list[Inline]] = list(document.blocks)
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, Math) and convert(item.source, item.display) is None:
            found.append((f"formula {item.written} does not convert to MathML; it is shown as written", item.offset))
        elif isinstance(item, Paragraph | Span):
            pending.extend(item.children)
        elif isinstance(item, BulletList):
            pending.extend(item.items)
    return sorted(found, key=lambda warning: warning[1])


def located(text: str) -> list[tuple[int, str]]:
    """``warnings`` as (line within the text, counted from 0; message): for ``file:line: field: warning``."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return [(normalized.count("\n", 0, offset), message) for message, offset in warnings(text)]


def check(text: str) -> list[str]:
    """``warnings`` as "line N: message", N counted from 1 at the field's first line."""
    return [f"line {line + 1}: {message}" for line, message in located(text)]


def slot_title(edition: Edition, slot: Slot) -> str:
    """What a reader sees as a program slot's title: the organizers' own title as written, or the title of its
    keynote or panel, which authors write with markup, as plain text."""
    return slot.title or plain_title(edition.slot_title(slot))
