"""Links between generated pages, and external links that open without a reference to ours.

- ``{proceedings-page}`people/ada-lovelace Ada Lovelace``` links another page of the site: the target
  document (and ``?query``, ``#anchor``), a space, the label. The assembler writes it (``markup.internal``,
  which encodes backticks and ``%``); the role makes the label plain text, and when the page is written the pending link
  becomes a relative address for the builder at hand (``#anchor`` is a target name, as in MyST). A MyST
  link would look the target file up on disk when read and go through cross-reference resolution when
  written: at 3,000 papers those cost more than the rest of reading and resolving the pages.
- External links get ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class pending_page_link(nodes.Inline, nodes.TextElement):
    """A link to another document, resolved when the page is written."""


def page_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    target, _, label = text.partition(" ")
    page, _, anchor = unquote(target).partition("#")
    docname, _, query = page.partition("?")
    return [pending_page_link(rawtext, unquote(label), docname=docname, anchor=anchor, query=query)], []


def resolve_page_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each pending link becomes a reference to its page (and target on it), relative for the builder."""
    assert app.builder is not None
    anchors = app.env.domains.standard_domain.anonlabels  # target name -> (docname, id on the page)
    for link in list(doctree.findall(pending_page_link)):
        target, anchor = link["docname"], link["anchor"]
        found = anchors.get(anchor.lower()) if anchor else (target, "")
        if target not in app.env.all_docs or found is None or found[0] != target:
            where = f"{target}#{anchor}" if anchor else target
            logger.warning(f"link to a page or target that does not exist: {where}", location=link)
            link.replace_self(nodes.inline(link.rawsource, link.astext()))
            continue
        query = f"?{link['query']}" if link.get("query") else ""
        uri = app.builder.get_relative_uri(docname, target) + query + (f"#{found[1]}" if found[1] else "")
        link.replace_self(nodes.reference(link.rawsource, link.astext(), internal=True, refuri=uri))


class ExternalLinkRel(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.reference):
            if node.get("internal") or not node.get("refuri", "").startswith(("http://", "https://")):
                continue
            rel = set(node.get("rel", "").split())
            node["rel"] = " ".join(sorted(rel | {"noopener", "noreferrer"}))


def setup_links(app: Sphinx) -> None:
    app.add_node(pending_page_link)
    app.add_role("proceedings-page", page_role)
    app.connect("doctree-resolved", resolve_page_links)
    app.add_post_transform(ExternalLinkRel)
