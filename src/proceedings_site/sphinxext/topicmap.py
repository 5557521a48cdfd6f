"""The topic map (an inline SVG), a paper page's related papers, and ``related.json`` / ``map.json``.

Both directives name ids only and carry a digest (``pages.topics``); what they show comes from the build's
``topics.Topics`` when the page is written. The map is drawn as SVG at build time, with no script: each mark a
link to its paper, named by the paper's title (a ``<text>`` inside the link, which appears beside the mark on
hover and on focus), each topic a shape and a colour, and a legend of the topics above it that leads to the
lists of the same topics below it. Titles reach the SVG as plain text, escaped. A map split by topic
(``pages.topics``) is drawn twice over: as an overview whose marks are not links and whose topics' names lead
to their pages, and, on each topic's page, as that topic's part scaled to the map's width.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import layout, textformat
from ..exports import topics as exports
from ..pages.topics import edition_of, related_entry, topic_name
from ..topics import ALL_EDITIONS, Cluster, Point, TopicMap
from .assembler import proceedings_of, site_of
from .pagefind import leave_out_of_search_source

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
    """A map (its scope as content); ``:overview:`` when it is split by topic, ``:topic: ANCHOR`` for one topic's
    part of it."""

    has_content = True
    option_spec: ClassVar = {
        "digest": directives.unchanged,  # not read: it changes the page when the map would
        "overview": directives.flag,
        "topic": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        scope = "".join(self.content).strip()
        node = topic_map(scope=scope, overview="overview" in self.options, topic=self.options.get("topic"))
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

    def topic_uri(cluster: Cluster) -> str:
        return self.builder.get_relative_uri(here, layout.topic_page(scope, cluster.anchor))

    titles = {
        paper_id: textformat.plain_title(paper.title)
        for edition in proceedings.editions
        for paper_id, paper in edition.papers.items()
    }
    if node.get("overview"):
        self.body.append(draw(shown, scope, titles, paper_uri, topic_uri=topic_uri))
    elif node.get("topic"):
        index = next((i for i, cluster in enumerate(shown.clusters) if cluster.anchor == node["topic"]), None)
        if index is None:
            raise nodes.SkipNode
        self.body.append(draw(zoomed(shown, index), scope, titles, paper_uri, only=index))
    else:
        self.body.append(draw(shown, scope, titles, paper_uri))
    raise nodes.SkipNode


def draw(
    shown: TopicMap,
    scope: str | None,
    titles: dict[str, str],
    uri: Callable[[str], str],
    topic_uri: Callable[[Cluster], str] | None = None,
    only: int | None = None,
) -> str:
    """The legend, then the map: HTML to put in the page as it is. ``topic_uri``: the map is split by topic and
    this is its overview, whose marks are not links and whose topics lead to their pages. ``only``: the index
    of the one topic drawn, on its own page, without a legend."""
    area = WIDTH * WIDTH * shown.height / max(1, len(shown.points))
    radius = min(9.0, max(3.5, 0.32 * math.sqrt(area)))
    prefix = f"proceedings-topic-{scope or 'all'}"
    drawn = [index for index in range(len(shown.clusters)) if only in (None, index)]
    points = [point for point in shown.points if point.cluster in drawn]
    left, top, width, height = view_box(points, radius)
    count = len(points)
    if topic_uri is not None:
        label = f"Topic map of {count} papers in {len(drawn)} topics; each topic's name leads to its page"
    elif only is not None:
        label = f"Map of the {count} papers of this topic; every paper is also listed below the map"
    else:
        label = f"Topic map of {count} papers; every paper is also listed by topic below the map"
    svg = [
        f'<figure class="proceedings-topic-map"><style>{STYLE}</style>'
        f'<svg viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" role="group" '
        f'aria-label="{html.escape(label)}">',
        "<defs>",
        *(  # each shape at the size of a mark, so that a mark is a <use> and a translation
            f'<path id="{prefix}-{index}" d="{SHAPES[index % len(SHAPES)]}" transform="scale({radius:g})"/>'
            for index in drawn
        ),
        "</defs>",
    ]
    for index in drawn:  # under the marks, whose titles show over them
        svg.append(topic_label(shown, index, radius, (left, width), topic_uri))
    by_cluster: dict[int, list[str]] = {}
    offset = round(radius + 4)  # from a mark to its title
    for point in points:  # thousands on a large map: each mark as short as it can be
        x, y = round(point.x * WIDTH), round(point.y * WIDTH)
        use = f'<use href="#{prefix}-{point.cluster}"'
        if topic_uri is not None:  # the overview: the topics' pages name the papers
            by_cluster.setdefault(point.cluster, []).append(f'{use} x="{x}" y="{y}"/>')
            continue
        title = titles.get(point.paper, point.paper)
        text = title_position(x, len(title), offset, left, width)
        by_cluster.setdefault(point.cluster, []).append(
            f'<a href="{html.escape(uri(point.paper))}" transform="translate({x} {y})">'
            f"{use}/>{text}{html.escape(title)}</text></a>"
        )
    for cluster, marks in sorted(by_cluster.items()):
        hidden = ' aria-hidden="true"' if topic_uri is not None else ""
        svg.append(f'<g class="proceedings-topic-{cluster % len(SHAPES)}"{hidden}>{"".join(marks)}</g>')
    svg.append("</svg></figure>")
    return ("" if only is not None else legend(shown, scope, prefix, radius, topic_uri)) + "".join(svg)


def zoomed(shown: TopicMap, index: int) -> TopicMap:
    """One topic's part of a map, scaled to the map's width: the map of the topic's own page."""
    inside = [point for point in shown.points if point.cluster == index]
    low_x, low_y = min(point.x for point in inside), min(point.y for point in inside)
    wide, high = max(point.x for point in inside) - low_x, max(point.y for point in inside) - low_y
    margin = 0.05
    scale = (1 - 2 * margin) / max(wide, high, 1e-9)

    def moved(point: Point) -> Point:
        x, y = margin + (point.x - low_x) * scale, margin + (point.y - low_y) * scale
        return Point(point.paper, round(x, 4), round(y, 4), index)

    return TopicMap(shown.clusters, tuple(map(moved, inside)), round(2 * margin + high * scale, 4))


def legend(
    shown: TopicMap, scope: str | None, prefix: str, radius: float, topic_uri: Callable[[Cluster], str] | None
) -> str:
    """The topics, each with its shape (``prefix``: of the shapes' ids) and colour, leading to its list below
    the map (or to its page)."""
    items = ['<ol class="proceedings-topic-legend">']
    for index, cluster in enumerate(shown.clusters):
        key = (
            f'<svg class="proceedings-topic-key" viewBox="{-1.3 * radius:g} {-1.3 * radius:g} {2.6 * radius:g} '
            f'{2.6 * radius:g}" aria-hidden="true"><use href="#{prefix}-{index}"/></svg>'
        )
        to = topic_uri(cluster) if topic_uri else f"#{layout.topic_anchor(scope, cluster.anchor)}"
        count = len(cluster.papers)
        items.append(
            f'<li class="proceedings-topic-{index % len(SHAPES)}">{key} <a href="{html.escape(to)}">'
            f"{html.escape(topic_name(cluster.terms))}</a> ({count} {'paper' if count == 1 else 'papers'})</li>"
        )
    items.append("</ol>")
    return "".join(items)


def topic_label(
    shown: TopicMap,
    index: int,
    radius: float,
    across: tuple[float, float],
    topic_uri: Callable[[Cluster], str] | None,
) -> str:
    """A topic's number and first term above its disc, kept inside the map (``across``: its left and width); on
    an overview, a link to the topic's page."""
    cluster = shown.clusters[index]
    inside = [point for point in shown.points if point.cluster == index]
    x = sum(point.x for point in inside) / len(inside) * WIDTH
    y = min(point.y for point in inside) * WIDTH - radius - 10
    name = f"{index + 1}. {cluster.terms[0] if cluster.terms else topic_name(())}"
    half = len(name) * 13  # about half the name's width on a phone (44 units a letter): kept inside the map
    left, width = across
    x = min(max(x, left + half + 4), left + width - half - 4)
    text = f'<text class="proceedings-topic-name" x="{round(x, 1)}" y="{round(y, 1)}" text-anchor="middle"'
    if topic_uri is None:
        return f'{text} aria-hidden="true">{html.escape(name)}</text>'
    return f'<a href="{html.escape(topic_uri(cluster))}">{text}>{html.escape(name)}</text></a>'


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


def view_box(points: Sequence[Point], radius: float) -> tuple[float, float, float, float]:
    """Around the marks and the topics' names above them, not the whole layout: small maps leave discs empty."""
    xs = [point.x * WIDTH for point in points] or [WIDTH / 2]
    ys = [point.y * WIDTH for point in points] or [WIDTH / 2]
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
    node["opened"] = len(self.body)
    self.body.append('<div data-pagefind-ignore="all">')  # other papers' titles: not words of this paper
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
    if "opened" in node:
        self.body.append("</div>")
        leave_out_of_search_source(self, node["opened"])


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
