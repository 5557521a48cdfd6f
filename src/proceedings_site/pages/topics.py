"""Topics pages (each edition's, and all editions'), and what a paper page shows of the topics: its related papers
and its topic.

A Topics page is the topic map (``{proceedings-topic-map}``, drawn as an inline SVG when the page is written)
followed by the same topics as headings over plain lists of their papers, so the map is never the only way in.
A map of more papers than ``map_page_papers`` is split by topic, so that no page grows with the proceedings: its
Topics page shows the map of the topics, whose marks are not links, and each topic has a page of its own with
its part of the map (each mark a link) and the list of its papers.
The related papers of a paper page are a ``{proceedings-related}`` directive naming the paper, with a digest of
what its entries show: a page is rewritten exactly when its related list or its topic would look different.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from .. import layout
from .. import textformat as tf
from ..layout import PageKind
from ..model import Edition, Proceedings
from ..textformat import literal as md
from ..topics import ALL_EDITIONS, TopicMap, Topics
from .common import Page, PageMeta, edition_nav, edition_trail, file, id_list


def has_topics_page(proceedings: Proceedings, edition: Edition) -> bool:
    return proceedings.site.topics.map and bool(edition.papers)


def pages(proceedings: Proceedings, topics: Topics) -> Iterator[Page]:
    scopes = [edition for edition in proceedings.editions if edition.id in topics.maps]
    titles = paper_titles(proceedings)  # once: every map and topic page has a digest of its papers' titles
    for edition in [*scopes, *([None] if ALL_EDITIONS in topics.maps else [])]:
        yield topics_page(proceedings, topics, edition, titles)
        shown = topics.maps[edition.id if edition else ALL_EDITIONS]
        if split_by_topic(proceedings, shown):
            for index in range(len(shown.clusters)):
                yield topic_page(proceedings, shown, edition, index, titles)


def split_by_topic(proceedings: Proceedings, shown: TopicMap) -> bool:
    """Whether a map has too many papers for one page: then each topic has a page of its own."""
    return len(shown.points) > proceedings.site.topics.map_page_papers


def topics_page(
    proceedings: Proceedings, topics: Topics, edition: Edition | None, titles: dict[str, str] | None = None
) -> Page:
    scope = edition.id if edition else None
    shown = topics.maps[edition.id if edition else ALL_EDITIONS]
    name = scope_name(proceedings, edition)
    count = len(shown.points)
    split = split_by_topic(proceedings, shown)
    lines = [md.front_matter({"orphan": True}) if edition is None else "", f"# Topics of {md.text(name)}", ""]
    lines += [
        f"{count} {'paper' if count == 1 else 'papers'} in {len(shown.clusters)} "
        f"{'topic' if len(shown.clusters) == 1 else 'topics'}, found in the words that their titles, keywords and "
        "abstracts share. On the map each mark is a paper, and papers close together share more words; each "
        "topic has its own shape and colour. "
        + (
            "Each topic has a page of its own with its part of the map and its papers; the topics below lead to them."
            if split
            else "Below the map, the same topics list their papers."
        ),
        "",
    ]
    lines += map_directive(map_digest(proceedings, shown, titles=titles), scope, [":overview:"] if split else [])
    for index, cluster in enumerate(shown.clusters):
        lines += [f"({layout.topic_anchor(scope, cluster.anchor)})=", f"## {md.text(topic_name(cluster.terms))}", ""]
        if split:
            papers = f"{len(cluster.papers)} {'paper' if len(cluster.papers) == 1 else 'papers'}"
            page = md.internal(layout.topic_page(scope, cluster.anchor), f"Topic {index + 1}: {papers}")
            lines += [f"{page}, on the map and listed.", ""]
        else:
            lines += [*title_list(proceedings, references_of(proceedings, cluster.papers)), ""]
    others = (
        [f"Topics of {md.internal(layout.topics(None), 'every edition')}."]
        if edition
        else [
            "Topics of each edition: "
            + ", ".join(md.internal(layout.topics(e.id), e.info.short_name) for e in proceedings.editions if e.papers)
            + "."
        ]
    )
    data = file("JSON", layout.map_data(scope))
    lines += [*others, "", f"The map's positions and topics as {data}.", ""]
    meta = PageMeta(
        f"The papers of {name} by topic, on a map and in lists.",
        PageKind.TOPICS,
        scope,
        nav=edition_nav(edition) if edition else [],
        trail=[*edition_trail(edition), ("Accepted papers", layout.papers(edition.id))]
        if edition
        else [("Papers", layout.PAPERS_HUB)],
    )
    return Page(layout.topics(scope), "\n".join(lines), meta)


def topic_page(
    proceedings: Proceedings, shown: TopicMap, edition: Edition | None, index: int, titles: dict[str, str] | None = None
) -> Page:
    """One topic of a map split by topic: its part of the map, its papers, and the way to the other topics."""
    scope = edition.id if edition else None
    cluster = shown.clusters[index]
    name = scope_name(proceedings, edition)
    count = len(cluster.papers)
    lines = [
        md.front_matter({"orphan": True}),
        f"# {md.text(topic_name(cluster.terms))}",
        "",
        f"Topic {index + 1} of {len(shown.clusters)} on the {md.internal(layout.topics(scope), f'map of {name}')}: "
        f"{count} {'paper' if count == 1 else 'papers'}. On the map each mark is one of them.",
        "",
        *map_directive(map_digest(proceedings, shown, index, titles), scope, [f":topic: {cluster.anchor}"]),
        "## Papers",
        "",
        *title_list(proceedings, references_of(proceedings, cluster.papers)),
        "",
    ]
    neighbours = [
        f"{label}: {md.internal(layout.topic_page(scope, other.anchor), topic_name(other.terms))}"
        for label, at in (("Previous topic", index - 1), ("Next topic", index + 1))
        for other in shown.clusters[at : at + 1]
        if at >= 0  # none before the first topic, none after the last
    ]
    lines += [" · ".join(neighbours), ""] if neighbours else []
    meta = PageMeta(
        f"The papers of {name} on {topic_name(cluster.terms)}, on a map and in a list.",
        PageKind.TOPICS,
        scope,
        nav=edition_nav(edition) if edition else [],
        trail=[*edition_trail(edition), ("Topics", layout.topics(scope))] if edition else [("Topics", layout.topics())],
    )
    return Page(layout.topic_page(scope, cluster.anchor), "\n".join(lines), meta)


def map_directive(digest: str, scope: str | None, options: list[str]) -> list[str]:
    return ["```{proceedings-topic-map}", f":digest: {digest}", *options, "", scope or "all", "```", ""]


def scope_name(proceedings: Proceedings, edition: Edition | None) -> str:
    return edition.info.short_name if edition else f"every {proceedings.site.name} edition"


def references_of(proceedings: Proceedings, papers: tuple[str, ...]) -> list[str]:
    return [layout.item_reference(edition_of(proceedings, paper), paper) for paper in papers]


def title_list(proceedings: Proceedings, references: list[str]) -> list[str]:
    """The papers' titles, each a link to its paper (the paper lists have their authors)."""
    shown = []
    for reference in references:
        edition_id, paper_id = layout.split_item_reference(reference)
        shown.append([layout.paper(edition_id, paper_id), proceedings.edition(edition_id).papers[paper_id].title])
    return id_list("proceedings-paper-list", references, shown, "titles")


def topic_name(terms: tuple[str, ...]) -> str:
    return ", ".join(terms) if terms else "Other papers"


def edition_of(proceedings: Proceedings, paper_id: str) -> str:
    return next(edition.id for edition in proceedings.editions if paper_id in edition.papers)


def paper_titles(proceedings: Proceedings) -> dict[str, str]:
    return {paper_id: paper.title for edition in proceedings.editions for paper_id, paper in edition.papers.items()}


def map_digest(
    proceedings: Proceedings, shown: TopicMap, only: int | None = None, titles: dict[str, str] | None = None
) -> str:
    """Of everything the drawn map shows (``only``: of one topic's part): positions, topics, each paper's title
    (``titles``: ``paper_titles``, when known)."""
    titles = titles if titles is not None else paper_titles(proceedings)
    drawn = [
        [[c.anchor, list(c.terms)] for c in shown.clusters],
        [[p.paper, p.x, p.y, p.cluster, titles.get(p.paper, "")] for p in shown.points if only in (None, p.cluster)],
        shown.height,
    ]
    return hashlib.blake2b(json.dumps(drawn, ensure_ascii=False).encode(), digest_size=10).hexdigest()


# --- on a paper page ------------------------------------------------------------------


def paper_section(proceedings: Proceedings, topics: Topics | None, edition: Edition, paper_id: str) -> list[str]:
    """The paper's topic (a link to it on its edition's Topics page) and its related papers."""
    if topics is None:
        return []
    lines: list[str] = []
    if (cluster := topics.topic(edition.id, paper_id)) is not None:
        if split_by_topic(proceedings, topics.maps[edition.id]):
            to = md.internal(layout.topic_page(edition.id, cluster.anchor), topic_name(cluster.terms))
        else:
            anchor = layout.topic_anchor(edition.id, cluster.anchor)
            to = md.internal(layout.topics(edition.id), topic_name(cluster.terms), anchor)
        lines += ["```{container} proceedings-topic", f"**Topic:** {to}", "```", ""]
    neighbours = topics.related.get(paper_id, ())
    if neighbours:
        shown = [related_entry(proceedings, n.paper, n.shared) for n in neighbours]
        digest = hashlib.blake2b(json.dumps(shown, ensure_ascii=False).encode(), digest_size=10).hexdigest()
        lines += [
            "## Related papers",
            "",
            "```{proceedings-related}",
            f":digest: {digest}",
            "",
            layout.item_reference(edition.id, paper_id),
            "```",
            "",
        ]
    return lines


def related_entry(proceedings: Proceedings, paper_id: str, shared: tuple[str, ...]) -> list[object]:
    """What a related paper's entry shows (``sphinxext.topicmap`` makes it of the same data)."""
    edition = proceedings.edition(edition_of(proceedings, paper_id))
    paper = edition.papers[paper_id]
    names = [proceedings.displayed_name(author) for author in paper.authors]
    return [layout.paper(edition.id, paper_id), tf.plain_title(paper.title), paper.title, names,
            edition.info.short_name, list(shared)]  # fmt: skip
