"""The intermediate tree between source text and every output: small, so each renderer is a short walk."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpanKind = Literal["emphasis", "strong", "sub", "sup", "link", "group"]


@dataclass(slots=True)
class Text:
    text: str


@dataclass(slots=True)
class Code:
    text: str


@dataclass(slots=True)
class LineBreak:
    pass


@dataclass(slots=True)
class Math:
    """A formula: ``source`` is the TeX between the delimiters, ``written`` the formula as the author wrote it."""

    source: str
    display: bool
    written: str
    offset: int = 0  # in the source, for warnings


@dataclass(slots=True)
class Span:
    """Inline content with a meaning: ``group`` is a TeX brace group, which only protects case (kept in BibTeX)."""

    kind: SpanKind
    children: list[Inline] = field(default_factory=list)
    href: str = ""


Inline = Text | Code | LineBreak | Math | Span


@dataclass(slots=True)
class Paragraph:
    children: list[Inline]


@dataclass(slots=True)
class BulletList:
    ordered: bool
    items: list[list[Inline]]


Block = Paragraph | BulletList


@dataclass(slots=True)
class Document:
    blocks: list[Block]
    warnings: list[tuple[str, int]]  # (message, offset in the source)
