"""Pages without the theme's indentation: a tenth of every page, and of a large site, where the host limits size.

The theme's templates are written for people to read: every line of a page's header, sidebars and footer starts
with the spaces of its depth in the template, and tag-only template lines leave blank lines. A person page of
the 10,000-paper benchmark was 18 KB, 13 KB of it this chrome; 30,000 such pages are most of the published site.
Each rendered page loses the spaces and tabs that start its lines, and its empty lines. A browser shows the page
the same: outside ``<pre>`` and ``<textarea>`` (and the ``<script>`` and ``<style>`` elements, which are left as
they are too) a line break followed by spaces is white space like a line break alone. Sphinx has no event after
a page is rendered, so the builder's template renderer is wrapped, in every builder that renders HTML pages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Kept as they are: elements whose white space is their content, or code.
VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
INDENTED_LINES = re.compile(r"\n[ \t\n]+")  # a line break, then indentation, empty lines, or both


def compact(page: str) -> str:
    """The page without the white space that starts its lines and without empty lines (outside verbatim
    elements)."""
    parts = VERBATIM.split(page)
    # split() returns: text, element, its tag name, text, element, its tag name, …
    for index in range(0, len(parts), 3):
        parts[index] = INDENTED_LINES.sub("\n", parts[index])
    return "".join(part for position, part in enumerate(parts) if position % 3 != 2)


def wrap_renderer(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    render = getattr(templates, "render", None)
    if templates is None or render is None or app.builder.format != "html":
        return  # builders that render no HTML pages

    def render_compact(template: str, context: dict[str, Any]) -> str:
        page = render(template, context)
        return compact(page) if template.endswith(".html") else page

    templates.render = render_compact  # type: ignore[method-assign]


def setup_compact(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_renderer)
