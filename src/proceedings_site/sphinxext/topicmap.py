"""The topic map (an inline SVG), a paper page's related papers, and ``related.json`` / ``map.json``.

Both directives name ids only and carry a digest (``pages.topics``); what they show comes from the build's
``topics.Topics`` when the page is written. The map is drawn as SVG at build time, with no script: each mark a
link to its paper, named by the paper's title (a ``<text>`` inside the link, which appears beside the mark on
hover and on focus), each topic a shape and a colour, and a legend of the topics above it that leads to the
lists of the same topics below it. Titles reach the SVG as plain text, escaped.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import layout, textformat
from ..exports import topics as exports
from ..pages.topics import edition_of, related_entry, topic_name
from ..topics import ALL_EDITIONS, TopicMap
from .assembler import proceedings_of, site_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator

logger = logging.getLogger(__name__)
WIDTH = 1000  # the SVG's viewBox width; marks and text scale with the map
TITLE_LETTER = 11  # the width of a title's average letter at the map's 20-unit font
STYLE = (Path(__file__).parent / "static" / "proceedings-topics.css").read_text(encoding="utf-8")

# One outline per topic, so that colour is never the only cue: circle, square, triangle, diamond, triangle
# down, cross, hexagon, star; each within a radius of 1.
SHAPES = [
    "M1,0A1,1 0 1,1 -1,0A1,1 0 1,1 1,0Z",
    "M-.85-.85H.85V.85H-.85Z",
    "M0-1.1L1,.75H-1Z",
    "M0-1.15L1.15,0 0,1.15-1.15,0Z",
    "M0,1.1L1-.75H-1Z",
    "M-.35-1H.35V-.35H1V.35H.35V1H-.35V.35H-1V-.35H-.35Z",
    "M1,0L.5,.87-.5,.87-1,0-.5-.87.5-.87Z",
    "M0-1.15L.3-.4 1.1-.35 .48.15 .68,.95 0,.5-.68,.95-.48,.15-1.1-.35-.3-.4Z",
]


class topic_map(nodes.General, nodes.Element):
    """A topic map of an edition (``scope``: its id) or of all editions (``scope``: "all")."""


class related_list(nodes.General, nodes.Element):
    """The related papers of one paper (``paper``: its id)."""


class TopicMapDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar = {"digest": directives.unchanged}  # not read: it changes the page when the map would

    def run(self) -> list[nodes.Node]:
        scope = "".join(self.content).strip()
        node = topic_map(scope=scope)
        self.set_source_info(node)
        return [node]


class RelatedDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar = {"digest": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        _, paper_id = layout.split_item_reference("".join(self.content).strip())
        node = related_list(paper=paper_id)
        self.set_source_info(node)
        return [node]


def visit_topic_map(self: SphinxTranslator, node: topic_map) -> None:
    site, proceedings = site_of(self.builder.env), proceedings_of(self.builder.env)
    scope = None if node["scope"] == "all" else node["scope"]
    shown = site.topics.maps.get(scope or ALL_EDITIONS) if site and site.topics else None
    if shown is None or proceedings is None:
        raise nodes.SkipNode
    here = self.builder.current_docname

    def paper_uri(paper_id: str) -> str:
        return self.builder.get_relative_uri(here, layout.paper(edition_of(proceedings, paper_id), paper_id))

    titles = {
        paper_id: textformat.plain_title(paper.title)
        for edition in proceedings.editions
        for paper_id, paper in edition.papers.items()
    }
    self.body.append(draw(shown, scope, titles, paper_uri))
    raise nodes.SkipNode


def draw(shown: TopicMap, scope: str | None, titles: dict[str, str], uri: object) -> str:
    """The legend, then the map: HTML to put in the page as it is."""
    area = WIDTH * WIDTH * shown.height / max(1, len(shown.points))
    radius = min(9.0, max(3.5, 0.32 * math.sqrt(area)))
    prefix = f"proceedings-topic-{scope or 'all'}"
    legend = ['<ol class="proceedings-topic-legend">']
    for index, cluster in enumerate(shown.clusters):
        key = (
            f'<svg class="proceedings-topic-key" viewBox="{-1.3 * radius:g} {-1.3 * radius:g} {2.6 * radius:g} '
            f'{2.6 * radius:g}" aria-hidden="true"><use href="#{prefix}-{index}"/></svg>'
        )
        anchor = layout.topic_anchor(scope, cluster.anchor)
        count = len(cluster.papers)
        legend.append(
            f'<li class="proceedings-topic-{index % len(SHAPES)}">{key} <a href="#{anchor}">'
            f"{html.escape(topic_name(cluster.terms))}</a> ({count} {'paper' if count == 1 else 'papers'})</li>"
        )
    legend.append("</ol>")
    left, top, width, height = view_box(shown, radius)
    label = f"Topic map of {len(shown.points)} papers; every paper is also listed by topic below the map"
    svg = [
        f'<figure class="proceedings-topic-map"><style>{STYLE}</style>'
        f'<svg viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" role="group" '
        f'aria-label="{html.escape(label)}">',
        "<defs>",
        *(  # each shape at the size of a mark, so that a mark is a <use> and a translation
            f'<path id="{prefix}-{index}" d="{SHAPES[index % len(SHAPES)]}" transform="scale({radius:g})"/>'
            for index in range(len(shown.clusters))
        ),
        "</defs>",
    ]
    for index, cluster in enumerate(shown.clusters):  # under the marks, whose titles show over them
        inside = [point for point in shown.points if point.cluster == index]
        x = sum(point.x for point in inside) / len(inside) * WIDTH
        y = min(point.y for point in inside) * WIDTH - radius - 10
        name = f"{index + 1}. {cluster.terms[0] if cluster.terms else topic_name(())}"
        half = len(name) * 13  # about half the name's width on a phone (44 units a letter): kept inside the map
        x = min(max(x, left + half + 4), left + width - half - 4)
        svg.append(
            f'<text class="proceedings-topic-name" x="{round(x, 1)}" y="{round(y, 1)}" text-anchor="middle" '
            f'aria-hidden="true">{html.escape(name)}</text>'
        )
    by_cluster: dict[int, list[str]] = {}
    offset = round(radius + 4)  # from a mark to its title
    for point in shown.points:  # thousands on a large map: each mark as short as it can be
        x, y = round(point.x * WIDTH), round(point.y * WIDTH)
        title = titles.get(point.paper, point.paper)
        text = title_position(x, len(title), offset, left, width)
        by_cluster.setdefault(point.cluster, []).append(
            f'<a href="{html.escape(uri(point.paper))}" transform="translate({x} {y})">'  # type: ignore[operator]
            f'<use href="#{prefix}-{point.cluster}"/>{text}{html.escape(title)}</text></a>'
        )
    for cluster, marks in sorted(by_cluster.items()):
        svg.append(f'<g class="proceedings-topic-{cluster % len(SHAPES)}">{"".join(marks)}</g>')
    svg.append("</svg></figure>")
    return "".join(legend) + "".join(svg)


def title_position(x: int, letters: int, offset: int, left: float, width: float) -> str:
    """The opening tag of a mark's title (relative to the mark): beside the mark on the side where it fits, else
    above it from the map's left edge, so that a title is shown whole where it fits in the map's width and
    from its first word where it does not."""
    wide = letters * TITLE_LETTER
    if x + offset + wide <= left + width:
        return f'<text x="{offset}" y="6">'
    if x - offset - wide >= left:
        return f'<text x="-{offset}" y="6" class="end">'
    return f'<text x="{round(left + 4) - x}" y="{-offset - 6}">'


def view_box(shown: TopicMap, radius: float) -> tuple[float, float, float, float]:
    """Around the marks and the topics' names above them, not the whole layout: small maps leave discs empty."""
    xs = [point.x * WIDTH for point in shown.points] or [WIDTH / 2]
    ys = [point.y * WIDTH for point in shown.points] or [WIDTH / 2]
    pad = radius + 16
    left, right = min(xs) - pad, max(xs) + pad
    if right - left < WIDTH / 2:  # a handful of papers: not magnified
        middle = (left + right) / 2
        left, right = middle - WIDTH / 4, middle + WIDTH / 4
    top, bottom = min(ys) - radius - 48, max(ys) + pad
    return left, top, right - left, bottom - top


def visit_related(self: SphinxTranslator, node: related_list) -> None:
    """Each related paper: its title (a link), authors and edition, and the terms both papers share."""
    site, proceedings = site_of(self.builder.env), proceedings_of(self.builder.env)
    neighbours = site.topics.related.get(node["paper"], ()) if site and site.topics else ()
    if not neighbours or proceedings is None:
        return
    here = self.builder.current_docname
    self.body.append('<div data-pagefind-ignore="all">')  # other papers' titles: not words of this paper
    node["opened"] = True
    items = []
    for neighbour in neighbours:
        doc, _, title, names, edition, shared = related_entry(proceedings, neighbour.paper, neighbour.shared)
        link = nodes.reference(
            "",
            "",
            *textformat.title_nodes(str(title), links=False),
            internal=True,
            refuri=self.builder.get_relative_uri(here, str(doc)),
        )
        line = nodes.paragraph("", "", link, nodes.raw("", "<br />\n", format="html"))
        shown = [*names[:3], "et al."] if len(names) > 4 else names  # type: ignore[index]
        line += nodes.Text(f"{', '.join(shown)} · {edition}")  # type: ignore[arg-type]
        if shared:
            line += [nodes.raw("", "<br />\n", format="html"), nodes.emphasis("", f"Shares: {', '.join(shared)}")]  # type: ignore[arg-type]
        items.append(nodes.list_item("", line))
    node += nodes.container("", nodes.bullet_list("", *items, bullet="-"), classes=["proceedings-related"])


def depart_nothing(self: SphinxTranslator, node: nodes.Element) -> None:
    pass


def depart_related(self: SphinxTranslator, node: related_list) -> None:
    if node.get("opened"):
        self.body.append("</div>")


def export_files(app: Sphinx) -> dict[str, bytes]:
    """related.json, map.json and their schemas, written with the other exports (``exports.write_exports``)."""
    site, proceedings = site_of(app), proceedings_of(app)
    if site is None or site.topics is None or proceedings is None:
        return {}
    files: dict[str, bytes] = {}
    if proceedings.site.topics.related:
        files[layout.related_data()] = exports.related_file(site.topics)
    editions = {paper_id: e.id for e in proceedings.editions for paper_id in e.papers}
    for scope, shown in site.topics.maps.items():
        files[layout.map_data(scope or None)] = exports.map_file(shown, editions)
    for name in exports.SCHEMAS:
        files[layout.data_schema(name, exports.SCHEMA_VERSION)] = exports.schema(name)
    return files


def setup_topicmap(app: Sphinx) -> None:
    app.add_node(topic_map, html=(visit_topic_map, depart_nothing))
    app.add_node(related_list, html=(visit_related, depart_related))
    app.add_directive("proceedings-topic-map", TopicMapDirective)
    app.add_directive("proceedings-related", RelatedDirective)
