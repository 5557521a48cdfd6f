"""External links open without handing the new page a reference to ours (``rel="noopener"``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
    app.add_post_transform(ExternalLinkRel)
