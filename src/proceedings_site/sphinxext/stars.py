"""Stars and My schedule: readers star slots, talks and papers, privately, in their browser.

The build writes only small marks and data; the browser does the rest, so a reader without JavaScript sees every
page as it was and no button that cannot work:

- ``{proceedings-star}`2024-christchurch/p.durand24a``` (inline) and the ``proceedings-star`` directive (a block)
  render an empty element with the item's star id (``layout.star``) in ``data-star``; ``proceedings-stars.js``,
  loaded on every page, puts a toggle button there and the count of starred items in the navbar.
- ``proceedings-my-schedule`` (My schedule's page, ``pages.schedule``) names the editions whose ``stars.json``
  (``exports.stars``, written with the other exports) ``proceedings-schedule.js`` may read; that script, loaded on
  that page only, shows the starred items, builds their calendar file, and the share link and its QR code.
- The navbar link to My schedule (``templates/proceedings-stars-nav.html``) is hidden until the script shows it.

Stars live in the browser's ``localStorage`` under a key made of the site's root path, so two sites on one host
keep their own. Nothing is sent anywhere.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import layout
from .assembler import proceedings_of

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

NAV_ITEM = "proceedings-stars-nav"  # the navbar template
PAGE_SCRIPT = "proceedings-schedule.js"  # My schedule's page only (frontend.ON_DEMAND)
# Run in the page's head, before anything is painted: the marks keep room for their buttons (proceedings.css).
SCRIPT_RUNS = '<script>document.documentElement.classList.add("proceedings-js")</script>'
_PART = r"[^\W_]+(?:-[^\W_]+)*"  # a model id (model.fields.check_id) or a slot key
STAR_ID = re.compile(rf"{_PART}/[{''.join(layout.STAR_KINDS.values())}]\.{_PART}")


class star_node(nodes.General, nodes.Element):
    """Where a star button goes: ``star`` is the item's star id, ``block`` whether it is a paragraph-level mark."""


def visit_star_html(self: HTML5Translator, node: star_node) -> None:
    tag = "div" if node["block"] else "span"
    self.body.append(f'<{tag} class="proceedings-star" data-star="{escape(node["star"])}"></{tag}>')
    raise nodes.SkipNode


def keep_room_for_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """On a page with marks, say in its head that JavaScript runs, so that the marks keep room for their buttons
    from the first paint (no layout shift); without JavaScript they take none."""
    if doctree is not None and doctree.next_node(star_node) is not None:
        context["metatags"] = context.get("metatags", "") + SCRIPT_RUNS


def star_mark(star: str, block: bool = False) -> star_node:
    return star_node(star=star, block=block)


def paper_list_stars(entries: list[nodes.list_item], references: list[str]) -> None:
    """A star at the end of each entry of a paper list (``sphinxext.lists``); ``references``: ``edition/paper``."""
    for entry, reference in zip(entries, references, strict=True):
        edition_id, paper_id = layout.split_item_reference(reference)
        entry[0] += [nodes.Text(" "), star_mark(layout.star(edition_id, "paper", paper_id))]


def star_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    if not STAR_ID.fullmatch(text):
        message = inliner.reporter.error(f"not a star id: {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [star_mark(text)], []


class StarDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        if not STAR_ID.fullmatch(self.arguments[0]):
            raise self.error(f"not a star id: {self.arguments[0]!r}")
        return [star_mark(self.arguments[0], block=True)]


class my_schedule_node(nodes.General, nodes.Element):
    """My schedule's place: ``editions`` are the ids whose data the page's script reads."""


class MyScheduleDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        node = my_schedule_node(editions=[])
        self.set_source_info(node)
        proceedings = proceedings_of(self.env)
        for line in self.content:
            if not (edition_id := line.strip()):
                continue
            if proceedings is None or proceedings.find_edition(edition_id) is None:
                logger.warning(f"my schedule: no edition {edition_id!r} in the proceedings", location=node)
                continue
            node["editions"].append(edition_id)
        return [node]


def visit_my_schedule_html(self: HTML5Translator, node: my_schedule_node) -> None:
    here = self.builder.current_docname
    folder = posixpath.dirname(here) or "."
    editions = {
        edition_id: {
            "data": posixpath.relpath(layout.star_data(edition_id), folder),
            "program": self.builder.get_relative_uri(here, layout.program(edition_id)),
        }
        for edition_id in node["editions"]
    }
    attributes = {
        "data-editions": json.dumps(editions, separators=(",", ":")),
        "data-calendar-name": f"{self.builder.config.project}: my schedule",
    }
    shown = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    self.body.append(f'<div class="proceedings-my-schedule" {shown}></div>\n')
    raise nodes.SkipNode


def configure_stars(app: Sphinx, config: Config) -> None:
    """The navbar's link to My schedule, next to the search button (so it stays in the header on a phone), and no
    sidebar on My schedule's page, which is in no section."""
    config.html_context = {"proceedings_my_schedule": layout.MY_SCHEDULE, **config.html_context}
    config.html_sidebars = {layout.MY_SCHEDULE: [], **config.html_sidebars}
    if config.html_theme != "pydata_sphinx_theme":
        return
    options = dict(config.html_theme_options)
    persistent = options.get("navbar_persistent", ["search-button-field"])
    if isinstance(persistent, str):
        persistent = [item.strip() for item in persistent.split(",") if item.strip()]
    if NAV_ITEM not in persistent:
        options["navbar_persistent"] = [*persistent, NAV_ITEM]
    config.html_theme_options = options


def setup_stars(app: Sphinx) -> None:
    app.add_node(star_node, html=(visit_star_html, None))
    app.add_node(my_schedule_node, html=(visit_my_schedule_html, None))
    app.add_role("proceedings-star", star_role)
    app.add_directive("proceedings-star", StarDirective)
    app.add_directive("proceedings-my-schedule", MyScheduleDirective)
    app.add_js_file("proceedings-stars.js", loading_method="defer")
    app.connect("html-page-context", keep_room_for_buttons)
    app.add_js_file(PAGE_SCRIPT, loading_method="defer")
    app.connect("config-inited", configure_stars)
