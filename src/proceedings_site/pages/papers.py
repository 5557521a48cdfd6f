"""Paper pages and the paper lists: all editions', and each edition's grouped by track and presentation."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby
from typing import NamedTuple

from .. import layout
from .. import textformat as tf
from ..exports import bibtex, reference, ris, stars
from ..layout import PageKind
from ..model import Edition, Paper, Proceedings
from ..textformat import literal as md
from ..textformat import myst as tfm
from ..topics import Topics
from . import topics as topic_pages
from .common import (
    FIRST_AUTHORS,
    PAPERS_PER_PAGE,
    Page,
    PageMeta,
    browser,
    buttons,
    code_block,
    edition_nav,
    edition_trail,
    file,
    id_list,
    list_page_front,
    no_abstract,
    page_numbers,
    pager,
    pager_block,
    pager_line,
    plain_authors,
    present,
    slot_link,
    split_list_stably,
    times,
    zone,
)
from .fingerprints import Reuse, paper_part, with_section
from .schedule import star_block


class ListedPaper(NamedTuple):
    """What a paper list shows of one paper. The list's entries are made from this when the page is written
    (``sphinxext.lists``); the page hashes it, so the page changes whenever an entry would."""

    doc: str
    title: str
    authors: tuple[tuple[str, str], ...]  # (person's docname, name as printed)
    keywords: tuple[str, ...]


def listed_paper(proceedings: Proceedings, edition: Edition, paper_id: str) -> ListedPaper:
    paper = edition.papers[paper_id]
    authors = tuple((layout.person(a.person), proceedings.displayed_name(a)) for a in paper.authors)
    return ListedPaper(layout.paper(edition.id, paper_id), paper.title, authors, tuple(paper.keywords))


def paper_list(proceedings: Proceedings, edition: Edition, paper_ids: list[str], compact: bool = False) -> list[str]:
    """Compact entries, as PMLR's volume pages have them, are a title and the authors as text."""
    shown = [listed_paper(proceedings, edition, paper_id) for paper_id in paper_ids]
    ids = [layout.item_reference(edition.id, paper_id) for paper_id in paper_ids]
    return id_list("proceedings-paper-list", ids, shown, *(["compact"] if compact else []))


class PaperDraft(NamedTuple):
    """A paper's page but for its topic and related papers, which come last in the build (``topics.analyse``)."""

    edition: Edition
    paper_id: str
    before: list[str]  # the page's lines before the topics section
    after: list[str]
    docname: str
    meta: PageMeta
    fingerprint: str = ""  # of its inputs but the topics (``fingerprints``), when the assembly records them

    def page(self, proceedings: Proceedings, topics: Topics | None, section_print: str = "") -> Page:
        """The page, with its topics section; ``section_print``: the section's digest (``fingerprints``)."""
        section = topic_pages.paper_section(proceedings, topics, self.edition, self.paper_id)
        fingerprint = with_section(self.fingerprint, section_print) if self.fingerprint else ""
        return Page(self.docname, "\n".join([*self.before, *section, *self.after]), self.meta, fingerprint)


class PaperUnmade(NamedTuple):
    """A paper whose page's inputs but the topics are as recorded: made once the topics are known, if its topics
    section changed."""

    edition: Edition
    paper_id: str
    neighbours: tuple[str | None, str | None]
    base_url: str
    fingerprint: str  # as ``PaperDraft``'s
    recorded: str  # what the page was made from, topics included, as the last assembly recorded it
    meta: PageMeta

    def page(self, proceedings: Proceedings, topics: Topics | None, section_print: str) -> Page:
        if with_section(self.fingerprint, section_print) == self.recorded:
            return Page(layout.paper(self.edition.id, self.paper_id), None, self.meta, self.recorded)
        draft = paper_draft(proceedings, self.edition, self.paper_id, self.neighbours, self.base_url)
        return draft._replace(fingerprint=self.fingerprint).page(proceedings, topics, section_print)


def drafts(
    proceedings: Proceedings, base_url: str, reuse: Reuse | None = None
) -> list[Page | PaperDraft | PaperUnmade]:
    """The family's pages, the papers' as drafts: made while the topics are computed. With ``reuse``, a paper
    whose page's inputs but the topics are as recorded is not drafted (``PaperUnmade``)."""
    made: list[Page | PaperDraft | PaperUnmade] = [*papers_hub(proceedings, base_url)]
    for edition in proceedings.editions:
        made += papers_index(proceedings, edition)
        paper_ids = list(edition.papers)
        for index, paper_id in enumerate(paper_ids):
            previous = paper_ids[index - 1] if index else None
            following = paper_ids[index + 1] if index + 1 < len(paper_ids) else None
            neighbours = (previous, following)
            if reuse is None:
                made.append(paper_draft(proceedings, edition, paper_id, neighbours, base_url))
                continue
            fingerprint = reuse.prints.paper(edition, paper_id, neighbours)
            recorded = reuse.recorded(layout.paper(edition.id, paper_id))
            if recorded is not None and paper_part(recorded) == fingerprint:
                meta = paper_meta(proceedings, edition, paper_id, neighbours)
                made.append(PaperUnmade(edition, paper_id, neighbours, base_url, fingerprint, recorded, meta))
            else:
                draft = paper_draft(proceedings, edition, paper_id, neighbours, base_url)
                made.append(draft._replace(fingerprint=fingerprint))
    return made


def finished(
    proceedings: Proceedings,
    made: list[Page | PaperDraft | PaperUnmade],
    topics: Topics | None,
    reuse: Reuse | None = None,
) -> Iterator[Page]:
    for page in made:
        if isinstance(page, Page):
            yield page
        else:
            section_print = reuse.prints.section(topics, page.edition, page.paper_id) if reuse else ""
            yield page.page(proceedings, topics, section_print)


def papers_hub(proceedings: Proceedings, base_url: str) -> list[Page]:
    """Every edition's papers, most recent edition first: on one page when they fit in ``PAPERS_PER_PAGE``,
    otherwise in pages of that size, each of one edition's papers (``hub_parts``)."""
    listed = [(edition, paper_id) for edition in proceedings.editions for paper_id in edition.papers]
    if len(listed) <= PAPERS_PER_PAGE:
        return [hub_page(proceedings, base_url, layout.PAPERS_HUB, listed)]
    parts = hub_parts(proceedings)
    editions = [(chunks[0][0], edition.info.short_name) for edition, chunks, _ in parts]
    hub = []
    for edition, chunks, labels in parts:
        links = [pager_line("Editions", editions, chunks[0][0])]  # this edition's name is text on all its pages
        for number, (docname, chunk) in enumerate(chunks, 1):
            title = "Papers" if docname == layout.PAPERS_HUB else f"Papers of {md.text(edition.info.short_name)}"
            title += "" if number == 1 else f", page {number}"
            pages = [pager_line(f"Pages of {edition.info.short_name}", labels, docname)] if len(chunks) > 1 else []
            shown = [(edition, paper_id) for paper_id in chunk]
            hub.append(hub_page(proceedings, base_url, docname, shown, title, pager_block([*links, *pages])))
    return hub


# An edition's part of the list of every edition's papers: the edition, its pages as (docname, paper ids), and
# their labels as ``page_numbers`` gives them.
HubPart = tuple[Edition, list[tuple[str, Sequence[str]]], list[tuple[str, str]]]


def hub_parts(proceedings: Proceedings) -> list[HubPart]:
    """A long list of every edition's papers, split by edition and then in pages: a part for each edition with
    papers. A paper added to one edition changes that edition's pages only; one list paged across editions
    changed every page (each page's count and ranges), for a large conference's archive hundreds of pages."""
    parts: list[HubPart] = []
    for edition in (edition for edition in proceedings.editions if edition.papers):
        part = layout.papers_hub_part(edition.id)
        chunks = split_list_stably(part, list(edition.papers), PAPERS_PER_PAGE, key=str)
        if not parts:  # the newest edition's part starts on the list's first page
            chunks[0] = (layout.PAPERS_HUB, chunks[0][1])
        parts.append((edition, chunks, page_numbers(chunks)))
    return parts


def hub_page(
    proceedings: Proceedings,
    base_url: str,
    docname: str,
    listed: list[tuple[Edition, str]],
    title: str = "Papers",
    paged: list[str] | None = None,
) -> Page:
    """One page of the list of every edition's papers; ``paged``: the pager of a list in several pages."""
    first = docname == layout.PAPERS_HUB
    lines = [*list_page_front(1 if first else 2), f"# {title}", ""]
    lines += ["Accepted papers of every edition, most recent edition first.", ""]
    if paged is None:
        lines += [*browser(layout.ALL_BROWSE, editions=True), ""]
    else:  # no count: the pages of the editions a paper was not added to stay as they are
        listing = "Each edition's papers are listed in pages of their own; the filters search every edition's."
        lines += [*browser(layout.ALL_BROWSE, pages=2, editions=True, listing=listing), ""]
    lines += paged or []
    for edition in proceedings.editions:
        shown = [paper_id for e, paper_id in listed if e is edition]
        if not edition.papers:
            if first:  # said once, on the first page
                lines += [f"## {md.text(edition.info.short_name)}", ""]
                lines += ["Papers for this edition have not been announced yet.", ""]
            continue
        if not shown:
            continue
        lines += [f"## {md.text(edition.info.short_name)}", ""]
        lines.append(f"{md.internal(layout.papers(edition.id), 'Grouped by track and presentation')}.")
        if topic_pages.has_topics_page(proceedings, edition):
            lines[-1] += f" {md.internal(layout.topics(edition.id), 'By topic')}, on a map."
        lines += ["", *paper_list(proceedings, edition, shown, compact=True), ""]
    everything = f"All papers as {file('BibTeX', layout.ALL_BIBTEX)}"
    everything += f" and as an {file('Atom feed', layout.FEED)}." if base_url else "."  # written only then
    if proceedings.site.topics.map and listed:
        everything += f" Papers of every edition {md.internal(layout.topics(None), 'by topic')}, on a map."
    if proceedings.site.topics.related and listed:
        everything += f" Every paper's related papers as {file('JSON', layout.related_data())}."
    lines += [*(paged or []), everything, ""]
    meta = PageMeta(f"Accepted papers of every {proceedings.site.name} edition.", PageKind.PAPERS_HUB)
    return Page(docname, "\n".join(lines), meta)


def papers_index(proceedings: Proceedings, edition: Edition) -> list[Page]:
    """An edition's papers under their track and presentation, in pages of at most ``PAPERS_PER_PAGE`` when they
    are many (each page with the headings of the groups it holds). Only the first page gives the count, so that a
    paper added changes the first page and its own, not every page."""
    site = proceedings.site
    ranked = sorted(
        edition.papers.items(),
        key=lambda kv: (site.track_rank(kv[1].track), site.presentation_rank(kv[1].presentation)),
    )
    chunks = split_list_stably(layout.papers(edition.id), ranked, PAPERS_PER_PAGE, key=lambda kv: kv[0])
    labels = page_numbers(chunks)
    listed = []
    for number, (docname, chunk) in enumerate(chunks, 1):
        title = f"Accepted papers of {md.text(edition.info.short_name)}"
        lines = [*list_page_front(number), f"# {title}" + ("" if number == 1 else f", page {number}"), ""]
        if not edition.papers:
            lines += ["Accepted papers will be listed here once they are announced.", ""]
        elif number == 1:
            lines += [*browser(layout.browse(edition.id), len(ranked), len(chunks)), ""]
        else:
            listing = f"The papers are listed in {len(chunks)} pages; the filters search all of them."
            lines += [*browser(layout.browse(edition.id), pages=len(chunks), listing=listing), ""]
        if topic_pages.has_topics_page(proceedings, edition):
            lines += [f"The same papers {md.internal(layout.topics(edition.id), 'by topic')}, on a map.", ""]
        paged = pager(labels, docname) if len(chunks) > 1 else []
        lines += paged
        for track, papers in groupby(chunk, key=lambda kv: kv[1].track):
            lines += [f"## {md.text(site.track(track).plural)}", ""]
            for presentation, group in groupby(papers, key=lambda kv: kv[1].presentation):
                paper_ids = [paper_id for paper_id, _ in group]
                heading = md.text(site.presentation(presentation).plural)
                lines += [f"### {heading}", "", *paper_list(proceedings, edition, paper_ids), ""]
        lines += paged
        described = f"Accepted papers of {edition.info.short_name}, page {number} of {len(chunks)}."
        meta = PageMeta(
            f"{len(edition.papers)} accepted papers of {edition.info.short_name}." if number == 1 else described,
            PageKind.PAPERS,
            edition.id,
            nav=edition_nav(edition),
            trail=[] if number == 1 else [*edition_trail(edition), ("Accepted papers", layout.papers(edition.id))],
        )
        listed.append(Page(docname, "\n".join(lines), meta))
    return listed


def paper_draft(
    proceedings: Proceedings,
    edition: Edition,
    paper_id: str,
    neighbours: tuple[str | None, str | None],
    base_url: str,
) -> PaperDraft:
    """Laid out as PMLR and the ACL Anthology show a paper: title, authors inline, one line of where it appeared,
    links, abstract, its topic and related papers, then how to cite it."""
    paper = edition.papers[paper_id]
    lines = [
        md.front_matter({"orphan": True}),
        f"# {tfm.inline(paper.title)}",
        "",
        *authors(proceedings, edition, paper_id),
    ]
    lines += ["```{container} proceedings-paper-facts", facts(proceedings, edition, paper), "```", ""]
    for slot, entry in edition.slots_for_paper(paper_id):
        start, end = (entry.start, entry.end) if entry.start and entry.end else (slot.start, slot.end)
        where = slot_link(edition, slot, tf.slot_title(edition, slot))
        lines += [
            "```{container} proceedings-timezone",
            f"Presented in {where}, {times(edition, slot, start, end)}, {zone(edition)}.",
            "```",
            "",
        ]
    lines += star_block(stars.paper_star(edition, paper_id))
    if links := paper_links(paper):
        lines += [buttons(links), ""]
    short_name = edition.info.short_name
    lines += [
        "## Abstract",
        "",
        tfm.abstract_block("paper", layout.item_reference(edition.id, paper_id), paper.abstract)
        if paper.abstract
        else no_abstract(paper.links.openreview, "paper"),
        "",
    ]
    if paper.keywords:
        # each to the edition's list filtered by it, as its paper browser reads ?keyword=… from the address
        listed = layout.papers(edition.id)
        keywords = (md.internal(listed, k, query=layout.filtered_query(keyword=k)) for k in paper.keywords)
        lines += ["```{container} proceedings-keywords", f"**Keywords:** {' · '.join(keywords)}", "```", ""]
    before, lines = lines, ["## Cite", "", *citations(proceedings, edition, paper_id, base_url)]
    lines += [
        f"BibTeX of {file('every paper of ' + short_name, layout.bibtex(edition.id))} "
        f"or {file('every edition', layout.ALL_BIBTEX)}.",
        "",
    ]
    lines += neighbour_links(edition, neighbours)
    if repository := proceedings.site.repository:
        page = layout.absolute_or_relative(base_url, layout.html(layout.paper(edition.id, paper_id)))
        form = layout.correction_form(repository, f"Correction: {edition.id}/{paper_id}", page)
        lines += [
            "```{container} proceedings-correction",
            f"Is something wrong on this page? {md.external('Correct this paper', form)}.",
            "```",
            "",
        ]
    meta = paper_meta(proceedings, edition, paper_id, neighbours)
    return PaperDraft(edition, paper_id, before, lines, layout.paper(edition.id, paper_id), meta)


def paper_meta(
    proceedings: Proceedings, edition: Edition, paper_id: str, neighbours: tuple[str | None, str | None]
) -> PageMeta:
    paper = edition.papers[paper_id]
    return PageMeta(
        f"{tf.plain_title(paper.title)}. {plain_authors(proceedings, paper.authors, 3)}. {edition.info.short_name}.",
        PageKind.PAPER,
        edition.id,
        paper_id,
        nav=edition_nav(edition) + neighbour_nav(edition, neighbours),
        trail=[*edition_trail(edition), ("Accepted papers", layout.papers(edition.id))],
    )


def authors(proceedings: Proceedings, edition: Edition, paper_id: str) -> list[str]:
    """Names inline, in order, each linked; affiliations once, numbered by first appearance (as a paper's own
    title block has them), so twelve authors stay a paragraph. One shared affiliation needs no numbers."""
    paper = edition.papers[paper_id]
    numbers: dict[str, int] = {}
    marks: list[list[int]] = []
    for author in paper.authors:
        person = proceedings.people[author.person]
        affiliation = author.affiliation or (person.affiliations[0] if person.affiliations else "")
        parts = [part.strip() for part in affiliation.split(";") if part.strip()]  # "A; B": several, as imported
        marks.append([numbers.setdefault(part, len(numbers) + 1) for part in parts])
    numbered = len(numbers) > 1
    names = [
        md.internal(layout.person(author.person), proceedings.displayed_name(author))
        + (f"{{sup}}`{','.join(map(str, mark))}`" if numbered and mark else "")
        for author, mark in zip(paper.authors, marks, strict=True)
    ]
    lines = author_names(names, layout.authors_anchor(edition.id, paper_id))
    if numbers:  # a list, so that no affiliation breaks across lines between its number and its name
        shown = [f"- {{sup}}`{n}` {md.text(name)}" if numbered else f"- {md.text(name)}" for name, n in numbers.items()]
        lines += ["```{container} proceedings-affiliations", *shown, "```", ""]
    return lines


def author_names(names: list[str], anchor: str) -> list[str]:
    """All names in one paragraph; past ``FIRST_AUTHORS``, the first ones and a native disclosure ("and N more")
    that shows the rest in place, without a script or a reload. The citation below always has everyone."""
    shown, rest = (names, []) if len(names) <= FIRST_AUTHORS + 1 else (names[:FIRST_AUTHORS], names[FIRST_AUTHORS:])
    lines = ["```{container} proceedings-authors", f":name: {anchor}", "", ", ".join(shown), "```", ""]
    if rest:
        lines += [
            f"```{{dropdown}} and {len(rest):,} more authors",
            ":class-container: proceedings-more-authors",
            "",
            ", ".join(rest),
            "```",
            "",
        ]
    return lines


def facts(proceedings: Proceedings, edition: Edition, paper: Paper) -> str:
    """One line: track and presentation, the edition, and the series volume and pages once published there."""
    site, info = proceedings.site, edition.info
    line = [
        badges(proceedings, paper),
        md.internal(layout.edition(edition.id), info.short_name)
        + (f", {md.text(info.conference)}" if info.conference else ""),
    ]
    if paper.pmlr and info.pmlr and site.series:
        pages = paper.pmlr.pages.replace("-", "–")
        line.append(md.text(f"{site.series.short_name} volume {info.pmlr.volume}, pages {pages}"))
    return " · ".join(line)


def citations(proceedings: Proceedings, edition: Edition, paper_id: str, base_url: str) -> list[str]:
    """BibTeX, RIS (Zotero, EndNote, Mendeley) and a formatted reference in tabs, each a code block that
    sphinx-copybutton gives a copy button (``sphinxext.exports``)."""
    shown = [
        ("BibTeX", "bibtex", bibtex.entry(proceedings, edition, paper_id, base_url)),
        ("RIS", "text", ris.record(proceedings, edition, paper_id, base_url)),
        ("Reference", "text", reference.reference(proceedings, edition, paper_id)),
    ]
    blocks = [(label, code_block(language, content)) for label, language, content in shown]
    # Each enclosing fence is longer than the ones inside it, however long the blocks' own fences had to be.
    inner = max(len(block) - len(block.lstrip("`")) for _, block in blocks)
    item, tabs = "`" * (inner + 1), "`" * (inner + 2)
    lines = [f"{tabs}{{tab-set}}", ":class: proceedings-cite", ""]
    for label, block in blocks:
        lines += [f"{item}{{tab-item}} {label}", block, item, ""]
    return [*lines, tabs, ""]


def neighbour_links(edition: Edition, neighbours: tuple[str | None, str | None]) -> list[str]:
    """Previous and next paper of the edition's list, on the page itself and not only in the sidebar."""
    shown = []
    for kind, pid in zip(("Previous", "Next"), neighbours, strict=True):
        if pid:
            link = md.internal(layout.paper(edition.id, pid), tf.plain_title(edition.papers[pid].title))
            shown += [f"```{{container}} proceedings-{kind.lower()}", f"{kind}: {link}", "```"]
    return ["````{container} proceedings-neighbours", *shown, "````", ""] if shown else []


def badges(proceedings: Proceedings, paper: Paper) -> str:
    """Track and highlighted presentation as badges. A badge role takes its content literally up to a backtick, and
    site.yaml's labels cannot hold one (``model.site.Label``)."""
    site = proceedings.site
    shown = [f"{{bdg-primary}}`{site.track(paper.track).label}`"]
    presentation = site.presentation(paper.presentation)
    if presentation.highlight:
        shown.append(f"{{bdg-warning}}`{presentation.label}`")
    return " ".join(shown)


def paper_links(paper: Paper) -> list[tuple[str, str]]:
    links = paper.links
    named = [
        ("OpenReview", links.openreview),
        ("PDF", links.pdf),
        ("PMLR", links.pmlr),
        ("arXiv", links.arxiv),
        ("Code", links.code),
        ("Data", links.data),
        ("Video", links.video),
        ("Poster", links.poster),
        ("Project page", links.project),
    ]
    return present(named, links.other)


def neighbour_nav(edition: Edition, neighbours: tuple[str | None, str | None]) -> list[tuple[str, str]]:
    """Previous and next paper in list order, for the compact sidebar (the template escapes labels)."""
    labelled = zip(("Previous: ", "Next: "), neighbours, strict=True)
    return [
        (label + tf.plain_title(edition.papers[pid].title), layout.paper(edition.id, pid))
        for label, pid in labelled
        if pid
    ]
