"""Blocks: paragraphs separated by blank lines, and simple lists, whose lines start with ``-``, ``*``, ``+`` or
``1.``. Each paragraph and list item is one contiguous slice of the source, so warnings keep their offsets."""

from __future__ import annotations

import re

from .parse import InlineParser
from .tokens import MARKER
from .tree import Block, BulletList, Document, Inline, Paragraph

LINE = re.compile(r"[^\n]*\n?")


def inline(text: str, offset: int, warnings: list[tuple[str, int]]) -> list[Inline]:
    return InlineParser(text, offset, warnings).run()


def parse(source: str) -> Document:
    """The tree of a text. Hard line ends of the source are kept; ``\\r\\n`` counts as ``\\n``."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[tuple[str, int]] = []
    blocks: list[Block] = []
    paragraph: tuple[int, int] | None = None  # (start, end) in the source
    items: list[tuple[int, int]] = []
    ordered = False

    def flush() -> None:
        nonlocal paragraph, items
        if paragraph is not None:
            start, end = paragraph
            blocks.append(Paragraph(inline(source[start:end].strip(), start, warnings)))
        if items:
            blocks.append(BulletList(ordered, [inline(source[s:e].strip(), s, warnings) for s, e in items]))
        paragraph, items = None, []

    for match in LINE.finditer(source):
        line, start, end = match.group().rstrip("\n"), match.start(), match.start() + len(match.group().rstrip("\n"))
        if not line.strip():
            flush()
            if match.end() == len(source):
                break
            continue
        marker = MARKER.match(line)
        if marker:
            is_ordered = marker.group(1)[0].isdigit()
            if paragraph is not None or (items and is_ordered != ordered):
                flush()
            ordered = is_ordered
            items.append((start + marker.end(), end))
        elif items:
            items[-1] = (items[-1][0], end)  # a continuation line of the item
        elif paragraph is None:
            paragraph = (start, end)
        else:
            paragraph = (paragraph[0], end)
    flush()
    return Document(blocks, warnings)


def parse_inline(source: str) -> tuple[list[Inline], list[tuple[str, int]]]:
    """One line of text (a title): inline content only, white space runs shown as one space."""
    warnings: list[tuple[str, int]] = []
    return inline(" ".join(source.split()), 0, warnings), warnings
