"""The tree as docutils nodes: standard ones, and ``mathml`` for a converted formula.

A ``mathml`` node holds the allow-listed markup and, as its only child, the formula's plain text. The HTML
visitor writes the MathML, hidden from the search index, and the plain text beside it, hidden from view but
indexed: Pagefind then reads "0.1°" where the MathML's own text would read "0.1∘". Any other writer, and
``astext()`` (page titles, search titles), see the plain text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .math import convert
from .tree import Block, BulletList, Code, Inline, LineBreak, Math, Text

MATH_SOURCE_CLASS = "proceedings-math-source"  # a formula that did not convert, shown as written


class mathml(nodes.Inline, nodes.TextElement):
    """A formula: ``markup`` is allow-listed MathML, the text child what a reader sees of it."""


def visit_mathml_html(self: Any, node: mathml) -> None:
    kind = "proceedings-math-display" if node.get("display") else "proceedings-math-inline"
    hidden = '<span class="proceedings-math-text" hidden="">'
    self.body.append(f'<span class="proceedings-math {kind}">{node["markup"]}{hidden}')


def depart_mathml_html(self: Any, node: mathml) -> None:
    self.body.append("</span></span>")


def visit_mathml_text(self: Any, node: mathml) -> None:
    """Other writers show the plain text child."""


def depart_mathml_text(self: Any, node: mathml) -> None:
    pass


def line_break() -> nodes.raw:
    """A hard line break, as MyST makes one for HTML; other writers drop it. The content is ours."""
    return nodes.raw("", "<br />\n", format="html")


def inline_nodes(children: list[Inline], links: bool = True, breaks: bool = True) -> list[nodes.Node]:
    """``links=False`` where the text sits inside a link already (a title in a list entry); ``breaks=False`` where
    a line break has no place (a title, which also becomes ``<title>`` text): it is a space."""
    result: list[nodes.Node] = []
    for child in children:
        if isinstance(child, Text):
            result.append(nodes.Text(child.text))
        elif isinstance(child, Code):
            result.append(nodes.literal(child.text, child.text))
        elif isinstance(child, LineBreak):
            result.append(line_break() if breaks else nodes.Text(" "))
        elif isinstance(child, Math):
            formula = convert(child.source, child.display)
            if formula is None:
                result.append(nodes.literal(child.written, child.written, classes=[MATH_SOURCE_CLASS]))
            else:
                result.append(mathml("", formula.plain, markup=formula.markup, display=child.display))
        else:
            inner = inline_nodes(child.children, links, breaks)
            if child.kind == "group" or (child.kind == "link" and not links):
                result.extend(inner)
            elif child.kind == "link":
                result.append(nodes.reference("", "", *inner, refuri=child.href))
            else:
                element = {
                    "emphasis": nodes.emphasis,
                    "strong": nodes.strong,
                    "sub": nodes.subscript,
                    "sup": nodes.superscript,
                }[child.kind]
                result.append(element("", "", *inner))
    return result


def block_nodes(blocks: list[Block]) -> list[nodes.Element]:
    result: list[nodes.Element] = []
    for block in blocks:
        if isinstance(block, BulletList):
            items = [nodes.list_item("", nodes.paragraph("", "", *inline_nodes(item))) for item in block.items]
            if block.ordered:
                result.append(nodes.enumerated_list("", *items, enumtype="arabic", prefix="", suffix="."))
            else:
                result.append(nodes.bullet_list("", *items, bullet="-"))
        else:
            result.append(nodes.paragraph("", "", *inline_nodes(block.children)))
    return result
