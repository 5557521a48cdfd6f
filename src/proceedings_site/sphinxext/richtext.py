"""Abstracts and titles rendered from the text format (``textformat``): Markdown, a little HTML, TeX and math.

- ``{proceedings-abstract}`` names a paper or keynote (``paper 2025-icml/hu25a``) and carries a ``:digest:`` of
  its abstract; it makes the abstract's nodes from the model when the page is read. The digest is not read: it
  is there so that the page's source changes, and the page is read again, whenever the abstract does.
- ``{proceedings-text}`` renders one line of text (a title), percent-encoded like ``{proceedings-page}``.

Formulas are ``textformat.mathml`` nodes: the HTML writer emits the allow-listed MathML and a plain-text copy
for the search index; other writers show the plain text.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import unquote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import layout, textformat
from ..textformat.nodes import depart_mathml_html, depart_mathml_text, visit_mathml_html, visit_mathml_text
from .assembler import proceedings_of

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

    from ..model import Proceedings

logger = logging.getLogger(__name__)
ABSTRACT_CLASS = "proceedings-abstract"


def abstract_of(proceedings: Proceedings, kind: str, reference: str) -> str | None:
    """The abstract's source, "" for a paper or keynote without one, None if there is no such paper or keynote."""
    edition_id, item_id = layout.split_item_reference(reference)
    if (edition := proceedings.find_edition(edition_id)) is None:
        return None
    items: dict[str, Any] = edition.papers if kind == "paper" else edition.keynotes if kind == "keynote" else {}
    item = items.get(item_id)
    return None if item is None else item.abstract or ""


class AbstractDirective(SphinxDirective):
    required_arguments = 2
    option_spec: ClassVar = {"digest": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        kind, reference = self.arguments
        proceedings = proceedings_of(self.env)
        source = abstract_of(proceedings, kind, reference) if proceedings is not None else None
        container = nodes.container(classes=[ABSTRACT_CLASS])
        self.set_source_info(container)
        if source is None:
            logger.warning(f"abstract: no {kind} {reference!r} in the proceedings", location=container)
            return []
        container.extend(textformat.nodes(source))
        return [container]


def text_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    return [nodes.inline(rawtext, "", *textformat.title_nodes(unquote(text)), classes=["proceedings-text"])], []


def plain_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Sphinx renders the page title as HTML for ``<title>`` and the meta tags, which strip the tags: a formula
    would read as its MathML text and its plain text run together. Titles with a formula become plain text."""
    title = app.env.titles.get(pagename)
    if title is not None and any(True for _ in title.findall(textformat.mathml)):
        context["title"] = escape(title.astext())


def setup_richtext(app: Sphinx) -> None:
    other = (visit_mathml_text, depart_mathml_text)
    app.add_node(
        textformat.mathml,
        html=(visit_mathml_html, depart_mathml_html),
        text=other,
        latex=other,
        man=other,
        texinfo=other,
    )
    app.add_directive("proceedings-abstract", AbstractDirective)
    app.add_role("proceedings-text", text_role)
    app.connect("html-page-context", plain_titles, priority=400)  # before pagemeta reads the title
