"""Search with Pagefind: a chunked index, so a query downloads only the fragments it needs.

Sphinx's own index is one ``searchindex.js`` that pydata-sphinx-theme loads on every page and that grows
to megabytes with a few thousand abstracts. Instead, each generated page's content is marked up for Pagefind
from the model (filters: edition, kind, track, presentation, keyword; meta: authors, edition; keywords
weighted above body text), Pagefind indexes those parts at the end of the build (``pagefind``), Sphinx's own
indexer is off, and the theme no longer loads ``searchindex.js`` anywhere (``templates/layout.html``,
``search.html``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..identity import fold
from ..layout import PageKind
from ..pages.common import zone_label
from ..textformat import plain as plain_text
from .assembler import proceedings_of, site_of
from .pagefind import INDEXED_KINDS, bundle_folder, bundle_names, search_source_html, write_search_source
from .spelling import setup_spelling

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

    from ..model import Edition, Proceedings, Slot
    from ..pages import PageMeta

KEYWORD_WEIGHT = "5"  # Pagefind weighs headings up to 7 and body text 1: keywords rank between
NAME_WEIGHT = "10"


class search_body(nodes.Element):
    """The indexed part of a page."""


class search_field(nodes.TextElement):
    """A filter value, meta value or weighted text for the index, not shown on the page."""


def visit_search_body(self: HTML5Translator, node: search_body) -> None:
    node["html_start"] = len(self.body)
    self.body.append('<div data-pagefind-body="">')


def depart_search_body(self: HTML5Translator, node: search_body) -> None:
    self.body.append("</div>")
    write_search_source(self.builder, search_source_html(self, node["html_start"]))


_ATTRIBUTES = {"filter": "data-pagefind-filter", "meta": "data-pagefind-meta", "weight": "data-pagefind-weight"}


def visit_search_field(self: HTML5Translator, node: search_field) -> None:
    # Filter and meta values are not words of the page: data-pagefind-ignore keeps them out of the
    # text and excerpts while Pagefind still reads them. Weighted text is meant to be searched.
    ignore = "" if node["role"] == "weight" else '<span data-pagefind-ignore="">'
    self.body.append(f'{ignore}<span {_ATTRIBUTES[node["role"]]}="{self.attval(node["key"])}" hidden="">')


def depart_search_field(self: HTML5Translator, node: search_field) -> None:
    self.body.append("</span>" if node["role"] == "weight" else "</span></span>")


def plain(name: str) -> str:
    """How people type a name into a search box: no accents, no apostrophes ("Siobhán O'Brien" → "siobhan obrien")."""
    return re.sub(r"['’`]", "", fold(name))


def person_fields(proceedings: Proceedings, person_id: str) -> list[search_field]:
    """A person is found by name, other spellings and affiliations, not by the titles their page lists."""
    person = proceedings.people[person_id]
    names = [person.name, *person.variants]
    names += [folded for folded in {plain(name) for name in names} if folded not in {n.lower() for n in names}]
    fields = [search_field("", name, role="weight", key=NAME_WEIGHT) for name in names]  # "russwurm" finds Rußwurm
    return fields + [search_field("", affiliation, role="weight", key="2") for affiliation in person.affiliations]


def person_meta(proceedings: Proceedings, person_id: str) -> list[search_field]:
    """What a person's result line says: their affiliation, then how many papers and talks they have."""
    person = proceedings.people[person_id]
    roles = proceedings.roles.get(person_id, [])
    papers = len({(role.edition, role.target) for role in roles if role.kind == "author"})
    talks = len({(role.edition, role.target) for role in roles if role.kind in ("keynote", "panelist", "moderator")})
    counts = [f"{count} {noun}{'' if count == 1 else 's'}" for count, noun in ((papers, "paper"), (talks, "talk"))]
    shown = " · ".join(text for text, count in zip(counts, (papers, talks), strict=True) if count)
    fields = [search_field("", person.affiliations[0], role="meta", key="affiliation")] if person.affiliations else []
    return fields + ([search_field("", shown, role="meta", key="counts")] if shown else [])


def when_meta(edition: Edition, slot: Slot, start: str | None = None, end: str | None = None) -> search_field:
    """When a talk is, in the event's time zone: "Thursday 28 November 2024, 09:15–10:00 Auckland time"."""
    day = edition.slot_date(slot)
    zone = zone_label(edition).split(" (")[0]
    when = f"{day:%A} {day.day} {day:%B %Y}, {start or slot.start}–{end or slot.end} {zone}"
    return search_field("", when, role="meta", key="when")


def talk_meta(edition: Edition, slot: Slot | None, speakers: list[str]) -> list[search_field]:
    """A keynote's or panel's speakers, and when it is."""
    fields = [search_field("", ", ".join(speakers), role="meta", key="speakers")] if speakers else []
    return fields + ([when_meta(edition, slot)] if slot is not None else [])


def excerpt_meta(text: str | None) -> list[search_field]:
    """The text a result's excerpt is cut from: the abstract or description a reader sees, nothing else."""
    return [search_field("", plain_text(text).strip(), role="meta", key="excerpt")] if text else []


def item_fields(proceedings: Proceedings, meta: PageMeta, edition: Edition) -> list[search_field]:
    """Meta of keynote and panel pages, and the edition page's description."""
    if meta.kind == PageKind.KEYNOTE and meta.item in edition.keynotes:
        keynote = edition.keynotes[meta.item]
        speaker = proceedings.people[keynote.speaker].name
        slot = edition.slot_for_keynote(meta.item)
        return talk_meta(edition, slot, [speaker]) + excerpt_meta(keynote.abstract)
    if meta.kind == PageKind.PANEL and meta.item in edition.panels:
        panel = edition.panels[meta.item]
        people = ([panel.moderator] if panel.moderator else []) + [role.person for role in panel.panelists]
        names = [proceedings.people[person].name for person in people if person in proceedings.people]
        return talk_meta(edition, edition.slot_for_panel(meta.item), names)
    return excerpt_meta(meta.description) if meta.kind == PageKind.EDITION else []


def fields_for(proceedings: Proceedings, meta: PageMeta) -> list[search_field]:
    fields = [search_field("", INDEXED_KINDS[meta.kind], role="filter", key="kind")]
    edition = proceedings.edition(meta.edition) if meta.edition else None
    if edition is not None:
        fields.append(search_field("", edition.info.short_name, role="filter", key="edition"))
        fields.append(search_field("", edition.info.short_name, role="meta", key="edition"))
        fields += item_fields(proceedings, meta, edition)
    if meta.kind == PageKind.PAPER and edition is not None and meta.item:
        paper = edition.papers[meta.item]
        track, presentation = proceedings.site.track(paper.track), proceedings.site.presentation(paper.presentation)
        fields.append(search_field("", track.label, role="filter", key="track"))
        fields.append(search_field("", presentation.label, role="filter", key="presentation"))
        fields += [search_field("", keyword, role="filter", key="keyword") for keyword in paper.keywords]
        if paper.keywords:
            fields.append(search_field("", ", ".join(paper.keywords), role="weight", key=KEYWORD_WEIGHT))
        names = [proceedings.displayed_name(author) for author in paper.authors]
        fields.append(search_field("", ", ".join(names), role="meta", key="authors"))
        fields += excerpt_meta(paper.abstract)
        talks = edition.slots_for_paper(meta.item)
        if talks:  # the first time it is presented
            slot, entry = talks[0]
            fields.append(when_meta(edition, slot, entry.start, entry.end))
        folded = [plain(name) for name in names if plain(name) != name.lower()]
        if folded:  # accent-free spellings, so a search typed without them still finds the paper
            fields.append(search_field("", ", ".join(folded), role="weight", key="1"))
    return fields


class MarkSearchBody(SphinxPostTransform):
    """Wrap a generated page's content for Pagefind and attach its filters and meta."""

    default_priority = 950
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        site, proceedings = site_of(self.env), proceedings_of(self.env)
        docname = self.env.docname
        meta = site.meta.get(docname) if site else None
        if meta is None or proceedings is None or meta.kind not in INDEXED_KINDS:
            return
        wrapper = search_body()
        title = self.env.titles[docname].astext() if docname in self.env.titles else docname
        wrapper.append(search_field("", title, role="meta", key="title"))  # without the heading's permalink sign
        wrapper.extend(fields_for(proceedings, meta))
        if meta.kind == PageKind.PERSON and meta.item:
            wrapper.extend(person_fields(proceedings, meta.item) + person_meta(proceedings, meta.item))
            self.document.append(wrapper)  # the page itself stays out of the index
            return
        wrapper.extend(self.document.children)
        self.document.children = []
        self.document.append(wrapper)


def keep_search_page(app: Sphinx, config: Config) -> None:
    # With Sphinx's indexer off, the builder no longer writes search.html itself: ask for it as an
    # extra page. At config-inited, so the stored configuration stays the same from build to build.
    config.html_additional_pages = {"search": "search.html", **config.html_additional_pages}


def name_bundles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The search page loads the index's first bundle and merges the others (``pagefind.bundles``)."""
    if pagename == "search":
        context["proceedings_search_bundles"] = [bundle_folder(bundle) for bundle in bundle_names(app)] or ["pagefind"]


def setup_search(app: Sphinx) -> None:
    app.add_node(search_body, html=(visit_search_body, depart_search_body))
    app.add_node(search_field, html=(visit_search_field, depart_search_field))
    app.add_post_transform(MarkSearchBody)
    app.add_js_file("proceedings-browser.js", loading_method="defer")
    app.connect("config-inited", keep_search_page)
    app.connect("html-page-context", name_bundles)
    setup_spelling(app)
