"""What every page family shares: the page record, and small MyST snippets made from the model.

Metadata text reaches MyST only through ``markup`` (``md``); labels and paths written here are our own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .. import layout
from ..layout import PageKind
from ..model import Author, Edition, Link, Proceedings, Slot
from ..textformat import literal as md

T = TypeVar("T")
# Entries of a long list on one page: a first visit stays light however large the proceedings grow (the paper
# list's entries are a few hundred bytes each, the list of people's about a hundred).
PAPERS_PER_PAGE = 100
PEOPLE_PER_PAGE = 500


@dataclass
class PageMeta:
    """What the Sphinx extension needs to know about a generated page."""

    description: str
    kind: PageKind
    edition: str | None = None
    item: str | None = None  # the paper, keynote, panel or person the page is about
    nav: list[tuple[str, str]] = field(default_factory=list)  # (label, docname) for the compact sidebar
    # (label, docname) of the pages above this one, after Home: the breadcrumbs. Orphans (papers, people) have no
    # toctree parents for the theme to find, and no toctree may list every paper (build time), so pages say it.
    trail: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    docname: str
    source: str | None  # MyST; None: its inputs are as when the last assembly wrote it (``fingerprints``)
    meta: PageMeta
    fingerprint: str = ""  # what the page was made from, for the pages that tell (``fingerprints``)


def date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def time(edition: Edition, slot: Slot, clock: str) -> str:
    """A program time as a ``<time>`` element the reader can switch to their own time zone."""
    return f"{{proceedings-time}}`{edition.slot_datetime(slot, clock).isoformat()}`"


def zone(edition: Edition) -> str:
    """The event's time zone label, marked so the page script can replace it with the reader's zone."""
    return f"{{proceedings-zone}}`{zone_label(edition)}`"


def zone_label(edition: Edition) -> str:
    moment = edition.moment(edition.info.date, "12:00")
    offset = moment.strftime("%z")
    city = edition.info.timezone.split("/")[-1].replace("_", " ")
    return f"{city} time (UTC{offset[:3]}:{offset[3:]})"


def times(edition: Edition, slot: Slot, start: str, end: str) -> str:
    return f"{time(edition, slot, start)}–{time(edition, slot, end)}"


def file(label: str, path: str) -> str:
    """A link to a file the extension writes next to the HTML (labels and paths are ours)."""
    return f"{{proceedings-file}}`{label} <{path}>`"


def browser(data: str, papers: int = 0, pages: int = 1, editions: bool = False, listing: str = "") -> list[str]:
    """The paper browser's place: its script adds filters here and filters the list below, read from ``data``.
    A list of several pages says so (``listing`` in place of the count), and its browser filters all of them;
    ``editions``: it lists several."""
    classes = "proceedings-browser" + (" proceedings-browser-paged" if pages > 1 else "")
    classes += " proceedings-browser-all" if editions else ""
    listed = listing or (
        "Every paper is listed below."
        if pages == 1
        else f"{papers:,} papers, listed in {pages} pages; the filters search all of them."
    )
    return [f"```{{container}} {classes}", f"{listed} The list can also be downloaded as {file('JSON', data)}.", "```"]


def split_list(first_page: str, entries: Sequence[T], size: int) -> list[tuple[str, Sequence[T]]]:
    """The pages of a long list, (docname, entries) of each, ``size`` entries a page; one page when it fits."""
    chunks = [entries[start : start + size] for start in range(0, len(entries), size)] or [entries]
    return [(first_page if n == 1 else layout.list_page(first_page, n), chunk) for n, chunk in enumerate(chunks, 1)]


def split_list_stably(
    first_page: str, entries: Sequence[T], size: int, key: Callable[[T], str]
) -> list[tuple[str, Sequence[T]]]:
    """The pages of a long list, at most ``size`` entries each, cut where the entries say rather than by count: a
    page ends after an entry whose ``key``'s digest picks it (one in ``size // 4``) once the page holds half of
    ``size``, or when it is full. An entry added or removed changes the page it is on, and now and then the next
    ones until a cut falls where it fell before, not every later page: cut by count, a paper added to a
    3,000-paper edition rewrote all of its list's pages. Pages hold about 70 % of ``size`` on average; an entry
    that is itself picked may add a cut, and a page, renumbering the pages after it."""
    least, one_in = (size + 1) // 2, max(1, size // 4)
    chunks: list[Sequence[T]] = []
    start = 0
    for index, entry in enumerate(entries):
        held = index + 1 - start
        if held >= size or (held >= least and _picks(key(entry), one_in)):
            chunks.append(entries[start : index + 1])
            start = index + 1
    if start < len(entries) or not chunks:
        chunks.append(entries[start:])
    return [(first_page if n == 1 else layout.list_page(first_page, n), chunk) for n, chunk in enumerate(chunks, 1)]


def _picks(key: str, one_in: int) -> bool:
    # A digest, not hash(): the same entries are cut the same way in every build.
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") % one_in == 0


def page_numbers(chunks: Sequence[tuple[str, object]]) -> list[tuple[str, str]]:
    """(docname, "3") of each page of a list split by ``split_list_stably``: numbers, which stay as they are when an
    entry is added, where ranges ("201–300") change on every page after it."""
    return [(docname, str(number)) for number, (docname, _) in enumerate(chunks, 1)]


def pager(pages: Sequence[tuple[str, str]], current: str, label: str = "Pages") -> list[str]:
    """Links to every page of a long list (docname, label), which a reader and a crawler follow; the page
    shown is text. Labels are ours or escaped here."""
    return pager_block([pager_line(label, pages, current)])


def pager_line(label: str, pages: Sequence[tuple[str, str]], current: str) -> str:
    """``label`` (text) and a link to each page but ``current``."""
    shown = [md.text(text) if docname == current else md.internal(docname, text) for docname, text in pages]
    return f"{md.text(label)}: " + " · ".join(shown)


def pager_block(lines: list[str]) -> list[str]:
    """Pager lines, each a paragraph, in the block the paper browser hides while it shows matches."""
    return ["```{container} proceedings-pager", *"\n\n".join(lines).split("\n"), "```", ""]


def list_page_front(number: int) -> list[str]:
    """Pages after the first of a long list are in no table of contents: the first page's pager leads to them."""
    return [md.front_matter({"orphan": True})] if number > 1 else []


def code_block(language: str, content: str) -> str:
    """A fenced block whose fence is longer than any run of backticks in the (untrusted) content."""
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{content.rstrip()}\n{fence}"


def person_link(proceedings: Proceedings, person_id: str, name: str | None = None) -> str:
    return md.internal(layout.person(person_id), name or proceedings.people[person_id].name)


def author_list(proceedings: Proceedings, authors: list[Author]) -> str:
    return ", ".join(person_link(proceedings, a.person, proceedings.displayed_name(a)) for a in authors)


def plain_authors(proceedings: Proceedings, authors: list[Author], first: int | None = None) -> str:
    """Names as text; with ``first``, a long list is cut there and ends "et al." (descriptions, tooltips)."""
    shown = authors if first is None or len(authors) <= first + 1 else authors[:first]
    names = ", ".join(proceedings.displayed_name(a) for a in shown)
    return names if len(shown) == len(authors) else f"{names} et al."


# A paper page names its first authors and folds the rest away; a person page names a paper's first co-authors and
# counts the others. So a paper by a thousand authors costs each of its authors' pages a line, not a thousand links.
FIRST_AUTHORS = 20
FIRST_COAUTHORS = 5


def id_list(directive: str, ids: list[str], shown: Sequence[tuple[object, ...]], *flags: str) -> list[str]:
    """A long list as a directive (``sphinxext.lists``): ids, which the model has validated and which are never
    free text, and a digest of what the entries show, so that the page changes whenever an entry would."""
    digest = hashlib.blake2b(json.dumps(shown, ensure_ascii=False).encode(), digest_size=10).hexdigest()
    return [f"```{{{directive}}}", f":digest: {digest}", *(f":{flag}:" for flag in flags), "", *ids, "```"]


def present(named: Sequence[tuple[str, str | None]], other: Sequence[Link] = ()) -> list[tuple[str, str]]:
    """(label, address) of the links a record has: its named ones that are set, then its others."""
    return [(label, address) for label, address in named if address] + [(link.label, link.url) for link in other]


def buttons(links: list[tuple[str, str]]) -> str:
    """A row of sphinx-design buttons; labels are ours or escaped, URLs are validated by the model."""
    options = ":color: primary\n:outline:"
    rows = "\n".join(f"```{{button-link}} {address}\n{options}\n\n{md.text(label)}\n```" for label, address in links)
    return f"````{{container}} proceedings-links\n{rows}\n````"


def people_section(proceedings: Proceedings, title: str, entries: list[tuple[str, str | None]]) -> list[str]:
    if not entries:
        return []
    lines = [f"## {title}", ""]
    for person_id, affiliation in entries:
        lines.append(f"- {person_link(proceedings, person_id)}" + (f", {md.text(affiliation)}" if affiliation else ""))
    return [*lines, ""]


def slot_link(edition: Edition, slot: Slot, label: str) -> str:
    return md.internal(layout.program(edition.id), label, layout.slot_anchor(edition.id, edition.slot_key(slot)))


def when(edition: Edition, slot: Slot | None) -> list[str]:
    """Where a keynote or panel is in the program, in the event's time zone."""
    if slot is None:
        return []
    return [
        "```{container} proceedings-timezone",
        f"{date(edition.slot_date(slot))}, {times(edition, slot, slot.start, slot.end)}, {zone(edition)}; "
        f"see the {slot_link(edition, slot, 'program')}.",
        "```",
        "",
    ]


def edition_trail(edition: Edition) -> list[tuple[str, str]]:
    """Home › Editions › the edition: where every page of an edition hangs."""
    return [("Editions", layout.EDITIONS), (edition.info.short_name, layout.edition(edition.id))]


def edition_nav(edition: Edition) -> list[tuple[str, str]]:
    return [
        (edition.info.short_name, layout.edition(edition.id)),
        ("Program", layout.program(edition.id)),
        ("Accepted papers", layout.papers(edition.id)),
    ]


def no_abstract(openreview: str | None, what: str) -> str:
    if openreview:
        return f"No abstract has been imported for this {what} yet. {md.external('Read it on OpenReview', openreview)}."
    return f"No abstract is available for this {what}."
