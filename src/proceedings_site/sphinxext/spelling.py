"""The vocabulary behind "Showing results for …": the words Pagefind indexed, with how many pages hold each.

Pagefind matches prefixes and stems but forgives no typo. At the end of a build that re-indexed the site, the
indexed words are counted from the same search sources Pagefind reads (without what it is told to ignore),
accent-folded and lower-cased as a reader types them, and written as small JSON shards by first letter into
``spelling/``, with ``spelling/index.json`` naming them (each shard is named by its content, so a browser
never mixes shards of two builds). The search page loads the shards a query needs only when a query word
finds nothing or almost nothing (``static/proceedings-spelling.js``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..files import write_if_changed
from ..identity import fold
from .assembler import proceedings_of
from .pagefind import _INDEXES, EXCLUDED, indexed_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Proceedings

logger = logging.getLogger(__name__)

FOLDER = "spelling"
MANIFEST = "index.json"
WORD = re.compile(r"[^\W_]+")
# Elements that hold nothing: they never close.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements inside a word ("Ra<em>dar</em>"); every other element, and a span Pagefind is told about, ends a word.
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup"}


def words_of(text: str) -> list[str]:
    """The words of ``text`` as the vocabulary and the search page both split them: lower-case, without
    accents ("Malmö" → "malmo"), broken at anything that is not a letter or digit."""
    return WORD.findall(fold(text))


Simple = tuple[str, str]  # an element's tag and one of its classes, either may be empty


def _simple(part: str) -> Simple:
    tag, _, name = part.partition(".")
    return tag, name


# The excluded selectors are simple ones ("div.highlight") or a simple one inside another (".a sup").
EXCLUDED_ELEMENTS = [[_simple(part) for part in selector.split()] for selector in EXCLUDED]


def _matches(simple: Simple, tag: str, classes: list[str]) -> bool:
    return (not simple[0] or simple[0] == tag) and (not simple[1] or simple[1] in classes)


class IndexedText(HTMLParser):
    """The text of a search source that Pagefind indexes: inside ``data-pagefind-body``, outside what it is
    told to ignore (``data-pagefind-ignore``, the excluded selectors, scripts and styles)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str], bool]] = []  # open elements: tag, classes, whether text is indexed
        self.parts: list[str] = []

    def excluded(self, tag: str, classes: list[str]) -> bool:
        for selector in EXCLUDED_ELEMENTS:
            *outer, last = selector
            if _matches(last, tag, classes) and all(
                any(_matches(simple, open_tag, open_classes) for open_tag, open_classes, _ in self.stack)
                for simple in outer
            ):
                return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag not in INLINE or any(name.startswith("data-pagefind") for name in names):
            self.parts.append(" ")
        if tag in VOID:
            return
        indexed = self.stack[-1][2] if self.stack else False
        classes = (names.get("class") or "").split()
        if "data-pagefind-body" in names:
            indexed = True
        if "data-pagefind-ignore" in names or tag in ("script", "style") or self.excluded(tag, classes):
            indexed = False
        self.stack.append((tag, classes, indexed))

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE or (self.stack and self.stack[-1][0] == tag and not self.stack[-1][2]):
            self.parts.append(" ")
        for depth in range(len(self.stack) - 1, -1, -1):  # close what HTML leaves open, such as <p> and <li>
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][2]:
            self.parts.append(data)


def page_words(source: Path) -> set[str]:
    """The distinct words Pagefind indexes from one search source."""
    parser = IndexedText()
    parser.feed(source.read_text(encoding="utf-8"))
    parser.close()
    return set(words_of("".join(parser.parts)))


def name_words(proceedings: Proceedings) -> set[str]:
    """Words of people's names and their other spellings: a misspelled name is corrected to a name."""
    words: set[str] = set()
    for person in proceedings.people.values():
        for name in (person.name, *person.variants):
            words.update(words_of(name.replace("'", "").replace("’", "")))
            words.update(words_of(name))
    return words


def shard_key(word: str) -> str:
    """The shard that holds ``word``: its first letter (digits and other scripts share one shard each)."""
    first = word[0]
    if "a" <= first <= "z":
        return first
    return "0" if first.isdigit() else "_"


def shards(counts: Counter[str], names: set[str]) -> dict[str, bytes]:
    """Each shard's JSON: ``{"words": {word: pages, …}, "names": [word, …]}``, sorted so equal input gives
    equal bytes. Single letters are left out: they are never corrected, and never a correction."""
    grouped: dict[str, dict[str, int]] = {}
    for word in sorted(counts):
        if len(word) > 1:
            grouped.setdefault(shard_key(word), {})[word] = counts[word]
    return {
        key: json.dumps(
            {"words": words, "names": sorted(names.intersection(words))}, ensure_ascii=False, separators=(",", ":")
        ).encode()
        for key, words in grouped.items()
    }


def write_vocabulary(folder: Path, counts: Counter[str], names: set[str]) -> int:
    """Write the shards and their manifest (last) into ``folder``, remove shards no longer named; return how
    many files were written."""
    named: dict[str, str] = {}
    written = 0
    for key, data in shards(counts, names).items():
        name = f"{key}.{hashlib.sha256(data).hexdigest()[:10]}.json"
        named[key] = name
        written += write_if_changed(folder / name, data)
    manifest = json.dumps({"shards": named}, sort_keys=True, separators=(",", ":")).encode()
    written += write_if_changed(folder / MANIFEST, manifest)
    for path in folder.iterdir():
        if path.name != MANIFEST and path.name not in named.values():
            path.unlink()
    return written


def count_words(sources: Iterable[Path]) -> Counter[str]:
    """For every word, how many pages hold it."""
    counts: Counter[str] = Counter()
    for source in sources:
        if source.is_file():
            counts.update(page_words(source))
    return counts


def update_vocabulary(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the vocabulary when Pagefind re-indexes the site (it runs meanwhile), or when it is missing."""
    state = _INDEXES.get(app.srcdir)
    if exception is not None or state is None or app.builder is None:
        return
    folder = Path(app.outdir) / FOLDER
    sources = indexed_pages(app, app.env.all_docs)
    if not sources:
        shutil.rmtree(folder, ignore_errors=True)
        return
    if state.pagefind is None and (folder / MANIFEST).is_file():
        return  # the index did not change, so neither did its words
    proceedings = proceedings_of(app.env)
    counts = count_words(sources.values())
    names = name_words(proceedings) if proceedings else set()
    os.makedirs(folder, exist_ok=True)
    written = write_vocabulary(folder, counts, names)
    logger.info(f"[proceedings] spelling vocabulary: {len(counts)} words ({written} files written)")


def setup_spelling(app: Sphinx) -> None:
    # After Pagefind has started (150) and before it is awaited (900): the words are counted while it indexes.
    app.connect("build-finished", update_vocabulary, priority=500)
