"""The text format rendered as HTML with docutils' own writer, for fixtures compared as HTML."""

from __future__ import annotations

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from docutils.writers.html5_polyglot import HTMLTranslator, Writer

from proceedings_site import textformat
from proceedings_site.textformat.nodes import depart_mathml_html, visit_mathml_html


class Translator(HTMLTranslator):
    visit_mathml = visit_mathml_html
    depart_mathml = depart_mathml_html


def html(children: list[nodes.Node]) -> str:
    settings = get_default_settings(Writer)
    document = new_document("fixture", settings)
    document.extend(children)
    writer = Writer()
    writer.translator_class = Translator
    writer.write(document, destination=_Sink())
    writer.assemble_parts()
    return writer.parts["body"].strip()


def abstract_html(source: str) -> str:
    return html(list(textformat.nodes(source)))


def title_html(source: str) -> str:
    return html([nodes.paragraph("", "", *textformat.title_nodes(source))])


def unlinked_title_html(source: str) -> str:
    """A title as it shows inside a link (a list entry): its own links are text."""
    return html([nodes.paragraph("", "", *textformat.title_nodes(source, links=False))])


class _Sink:
    def write(self, data: str) -> str:
        return data
