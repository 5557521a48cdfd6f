"""Plain text (what a reader sees) and BibTeX-safe TeX from the tree."""

from __future__ import annotations

from .math import convert
from .tree import Block, BulletList, Code, Inline, LineBreak, Math, Paragraph, Span, Text

# LaTeX specials; letters with diacritics stay UTF-8, which biber, bibtexparser and modern BibTeX read.
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
}
_TEX_SPANS = {"emphasis": "\\emph", "strong": "\\textbf", "sub": "\\textsubscript", "sup": "\\textsuperscript"}


# Characters that the text format, reading TeX back (an imported PMLR volume), would take as Markdown or HTML
# markup: a literal "[a](url)" or "*a*" in a title must come back as written, not as a link or emphasis. A brace
# group holds each as a character, as BibTeX styles write "{[}".
_MARKUP = {"[": "{[}", "*": "{*}", "<": "{<}", "`": r"\textasciigrave{}"}
_LATEX = str.maketrans(_SPECIALS)
_LATEX_TEXT = str.maketrans({**_SPECIALS, **_MARKUP})


def escape_tex(value: str) -> str:
    return value.translate(_LATEX)


def escape_tex_text(value: str) -> str:
    """Text as TeX that reads back as the same text (``escape_tex``, and markup characters held literal)."""
    return value.translate(_LATEX_TEXT)


def plain_inline(children: list[Inline]) -> str:
    parts: list[str] = []
    for child in children:
        if isinstance(child, Text | Code):
            parts.append(child.text)
        elif isinstance(child, LineBreak):
            parts.append("\n")
        elif isinstance(child, Math):
            formula = convert(child.source, child.display)
            parts.append(formula.plain if formula else child.written)
        else:
            parts.append(plain_inline(child.children))
    return "".join(parts)


def plain_blocks(blocks: list[Block]) -> str:
    """Paragraphs separated by a blank line, list items one a line."""
    texts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(plain_inline(block.children))
        else:
            texts.append("\n".join(plain_inline(item) for item in block.items))
    return "\n\n".join(texts)


def tex_inline(children: list[Inline]) -> str:
    parts: list[str] = []
    for child in children:
        if isinstance(child, Text):
            parts.append(escape_tex_text(child.text))
        elif isinstance(child, Code):
            parts.append(f"\\texttt{{{escape_tex(child.text)}}}")
        elif isinstance(child, LineBreak):
            parts.append(" ")
        elif isinstance(child, Math):
            # Kept as TeX only if it converted: that refuses macros, \href, \style and unbalanced braces.
            converted = convert(child.source, child.display) is not None
            delimiter = "$$" if child.display else "$"
            parts.append(f"{delimiter}{child.source}{delimiter}" if converted else escape_tex_text(child.written))
        elif isinstance(child, Span):
            inner = tex_inline(child.children)
            if child.kind == "link":
                address = child.href.replace("\\", "").replace("%", "\\%").replace("#", "\\#")
                parts.append(f"\\href{{{address}}}{{{inner}}}")
            elif child.kind == "group":
                parts.append(f"{{{inner}}}")  # braces that protect case stay
            else:
                parts.append(f"{_TEX_SPANS[child.kind]}{{{inner}}}")
    return "".join(parts)


def tex_blocks(blocks: list[Block]) -> str:
    texts = []
    for block in blocks:
        if isinstance(block, BulletList):
            texts.append(" ".join(f"\\textbullet{{}} {tex_inline(item)}" for item in block.items))
        else:
            texts.append(tex_inline(block.children))
    return "\n\n".join(texts)
