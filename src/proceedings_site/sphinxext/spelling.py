"""The vocabulary behind "Showing results for …": the words Pagefind indexed, with how many pages hold each.

Pagefind matches prefixes and stems but forgives no typo. Once Pagefind has written its index, the words of every
page are read back from its fragments (the very text it indexed: hidden names and keywords in, what it was told to
ignore out), accent-folded and lower-cased as a reader types them, counted by page, and written as small JSON shards
by first letter into ``spelling/``, with ``spelling/index.json`` naming them (each shard is named by its content, so
a browser never mixes shards of two builds). Fragments are named by their content too, so the words of each are kept
between builds by name, only new fragments are read, and the counts are corrected by the fragments that came or
went. The search page loads the shards a query needs (``static/proceedings-spelling.js``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..files import write_if_changed
from ..identity import fold
from .assembler import proceedings_of
from .pagefind import bundle_folder, bundle_names

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..model import Proceedings

logger = logging.getLogger(__name__)

FOLDER = "spelling"
MANIFEST = "index.json"
CACHE = "spelling-words.pickle"  # in the doctree folder: what the vocabulary was made from (``Counted``)
CACHE_FORMAT = 3
OLD_CACHE = "spelling-words.json"  # what engines before CACHE_FORMAT 3 kept, removed
WORD = re.compile(r"[^\W_]+")
SIGNATURE = b"pagefind_dcd"  # what a decompressed fragment starts with


def words_of(text: str) -> list[str]:
    """The words of ``text`` as the vocabulary and the search page both split them: lower-case, without
    accents ("Malmö" → "malmo"), broken at anything that is not a letter or digit."""
    return WORD.findall(fold(text))


def fragment_words(fragment: Path) -> str:
    """The distinct words of one page as Pagefind indexed them, space-separated."""
    data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(SIGNATURE))
    return " ".join(sorted(set(words_of(data.get("content", "")))))


def name_words(proceedings: Proceedings, known: dict[str, str] | None = None) -> tuple[set[str], dict[str, str]]:
    """Words of people's names and their other spellings: a misspelled name is corrected to a name. Also the
    words of each name, space-separated, to give as ``known`` next time: names met before are not split again."""
    known = known or {}
    words: set[str] = set()
    of_names: dict[str, str] = {}
    for person in proceedings.people.values():
        for name in (person.name, *person.variants):
            found = known.get(name)
            if found is None:
                found = " ".join(sorted({*words_of(name.replace("'", "").replace("’", "")), *words_of(name)}))
            of_names[name] = found
            words.update(found.split())
    return words, of_names


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


@dataclass
class Counted:
    """What the vocabulary was made from, kept between builds (``CACHE``): the words of each fragment, how many
    fragments hold each word, and the words of each person's name."""

    fragments: dict[str, str] = field(default_factory=dict)  # fragment file name → its words, space-separated
    counts: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)  # a name → its words (``name_words``)

    @classmethod
    def read(cls, file: Path) -> Counted:
        """As the last build left it; empty when there is none, or one of another format."""
        try:
            stored_format, counted = pickle.loads(file.read_bytes())
        except Exception:  # missing, truncated or from another version: count afresh
            return cls()
        return counted if stored_format == CACHE_FORMAT and isinstance(counted, cls) else cls()

    def save(self, file: Path) -> None:
        write_if_changed(file, pickle.dumps((CACHE_FORMAT, self), protocol=pickle.HIGHEST_PROTOCOL))


def page_counts(folders: list[Path], counted: Counted) -> Counter[str] | None:
    """How many pages hold each word (in fragments of all the index's bundles), or None when the fragments are
    those of the last build. Only the fragments that came or went since ``counted`` are counted, and it is
    brought up to date (counting every page's words again took a fifth of a second of adding a paper at 3,000
    papers)."""
    words, counts = counted.fragments, counted.counts
    found = {name: folder for folder in folders for name in os.listdir(folder) if name.endswith(".pf_fragment")}
    if found.keys() == words.keys():
        return None
    for name in words.keys() - found.keys():
        gone = set(words.pop(name).split())
        counts.subtract(gone)
        for word in gone:  # no page holds it any more
            if counts[word] <= 0:
                del counts[word]
    for name in sorted(found.keys() - words.keys()):
        words[name] = fragment_words(found[name] / name)
        counts.update(words[name].split())
    return counts


def update_vocabulary(app: Sphinx, exception: Exception | None) -> None:
    """After Pagefind has written its index: rewrite the vocabulary if the index changed, or if it is missing."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / FOLDER
    fragments = [Path(app.outdir) / bundle_folder(bundle) / "fragment" for bundle in bundle_names(app)]
    if not fragments or not all(path.is_dir() for path in fragments):  # nothing indexed
        shutil.rmtree(folder, ignore_errors=True)
        return
    cache_file = Path(app.doctreedir) / CACHE
    counted = Counted.read(cache_file) if (folder / MANIFEST).is_file() else Counted()
    counts = page_counts(fragments, counted)
    if counts is None:
        return
    proceedings = proceedings_of(app.env)
    names, counted.names = name_words(proceedings, counted.names) if proceedings else (set(), {})
    counted.save(cache_file)
    (Path(app.doctreedir) / OLD_CACHE).unlink(missing_ok=True)
    os.makedirs(folder, exist_ok=True)
    written = write_vocabulary(folder, counts, names)
    logger.info(f"[proceedings] spelling vocabulary: {len(counts)} words ({written} files written)")


def setup_spelling(app: Sphinx) -> None:
    app.connect("build-finished", update_vocabulary, priority=950)  # after Pagefind's index is in place (900)
