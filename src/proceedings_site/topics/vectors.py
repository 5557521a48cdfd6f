"""Papers as TF-IDF vectors, and the terms two of them share, as a reader can check them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .results import Document


@dataclass
class Vectors:
    matrix: sparse.csr_matrix  # one L2-normalised row per document
    terms: np.ndarray  # the term of each column, in alphabetical order
    words: np.ndarray  # how many words each term has (1 or 2)

    @property
    def empty(self) -> bool:
        return self.matrix.shape[1] == 0


@dataclass
class Corpus:
    """The papers compared, their vectors, and what reasons and topic names are checked against."""

    documents: Sequence[Document]  # in id order
    vectors: Vectors
    texts: list[str]  # each document's words as the vectorizer reads them (``read``)
    spelled: dict[str, str]  # ``keyword_spellings``

    @classmethod
    def of(cls, documents: Sequence[Document], found: Coded | None = None) -> Corpus:
        """``found``: the documents' terms, when counted already."""
        found = found if found is not None else coded(documents)
        return cls(documents, vectorize(documents, found), found.texts, keyword_spellings(documents))

    def part(self, rows: Sequence[int], found: Coded) -> Corpus:
        """The corpus of the documents at ``rows``, in that order, with weights of their own (``found``: the
        terms of this corpus' documents, so that they are not counted again)."""
        documents = [self.documents[row] for row in rows]
        mine = found.subset(rows)
        return Corpus(documents, vectorize(documents, mine), mine.texts, keyword_spellings(documents))


WORD = re.compile(r"\w+")
STOP_WORDS = ENGLISH_STOP_WORDS  # what ``TfidfVectorizer(stop_words="english")`` leaves out
BIGRAM = 2**31  # a bigram of the words numbered a and b is coded (a + 1) * BIGRAM + b; a word is its number
CHUNK = 1000  # papers whose terms are sorted together: the sort's memory stays small at 10,000 papers


@dataclass
class Coded:
    """Every (document, term) pair of a corpus, in document then term order: a document's position, the term's
    code, and how often the term stands in the document."""

    documents: np.ndarray
    codes: np.ndarray
    counts: np.ndarray
    words: list[str]  # the words that codes number
    texts: list[str]  # each document's words as the vectorizer reads them (see ``read``)

    def subset(self, rows: Sequence[int]) -> Coded:
        """The pairs of the documents at ``rows`` alone, the first of them now at position 0, and so on: a
        corpus of some papers without counting their words again."""
        chosen = np.asarray(rows, dtype=np.int64)
        position = np.full(int(max(self.documents.max(initial=-1), chosen.max(initial=-1))) + 1, -1, dtype=np.int64)
        position[chosen] = np.arange(len(chosen))
        placed = position[self.documents]
        mine = placed >= 0
        order = np.argsort(placed[mine], kind="stable")  # document order again, each document's terms as before
        texts = [self.texts[row] for row in rows]
        return Coded(placed[mine][order], self.codes[mine][order], self.counts[mine][order], self.words, texts)


def vectorize(documents: Sequence[Document], found: Coded | None = None) -> Vectors:
    """Unigrams and bigrams, sublinear tf, English stop words: on real abstracts (ACL 2020, ICLR 2020) as good
    at finding same-track papers as SPECTER embeddings. Title and keywords count as much as the abstract's
    words: a paper without an abstract is compared by them alone.

    The weights are those of scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``, with its token pattern and
    stop words, but only terms that at least two papers have get a column (all terms when fewer than two are
    shared): a term of one paper adds nothing to any similarity or topic, and at 10,000 papers such terms are
    1.2 million of 1.3 million. Terms are counted as numbers (``BIGRAM``) and only kept ones are spelled out,
    which saves most of the time and memory a vocabulary of strings costs. A row keeps the length it has over
    all its terms, so similarities are the same as with every column. ``found``: the documents' terms, when
    counted already; the vectors do not depend on how ``found`` numbers words."""
    found = found if found is not None else coded(documents)
    codes, papers = np.unique(found.codes, return_counts=True)  # each pair is one paper that has the term
    keep = papers >= 2 if np.count_nonzero(papers >= 2) >= 2 else np.ones(len(codes), dtype=bool)
    kept = codes[keep]
    words = found.words
    names = [words[c] if c < BIGRAM else f"{words[c // BIGRAM - 1]} {words[c % BIGRAM]}" for c in kept.tolist()]
    alphabetical = sorted(range(len(names)), key=names.__getitem__)
    column = np.empty(len(kept), dtype=np.int64)  # of each kept code, in code order
    column[alphabetical] = np.arange(len(kept))
    idf = np.log((1 + len(documents)) / (1 + papers.astype(np.float64))) + 1  # of each code, in code order
    which = np.searchsorted(codes, found.codes)  # each pair's term, as a position in codes
    weights = (1 + np.log(found.counts)) * idf[which]
    # Each document's squares added smallest first: in the order of codes, the sum would depend on the order
    # in which words were first met, and so on the other papers counted with this one.
    squares = weights**2
    ascending = np.lexsort((squares, found.documents))
    lengths = np.sqrt(np.bincount(found.documents[ascending], weights=squares[ascending], minlength=len(documents)))
    mine = keep[which]
    rows = found.documents[mine]
    values = (weights[mine] / np.where(lengths > 0, lengths, 1.0)[rows]).astype(np.float32)
    position_in_kept = np.cumsum(keep) - 1  # of each code
    columns = column[position_in_kept[which[mine]]]
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(len(documents), len(kept)))
    matrix.sort_indices()
    terms = np.array([names[i] for i in alphabetical], dtype=object)
    return Vectors(matrix, terms, np.array([term.count(" ") + 1 for term in terms], dtype=np.int64))


def coded(documents: Sequence[Document]) -> Coded:
    numbers: defaultdict[str, int] = defaultdict()
    numbers.default_factory = numbers.__len__  # each word numbered as first met, in C calls
    texts: list[str] = []
    pieces = [coded_chunk(documents, start, numbers, texts) for start in range(0, len(documents), CHUNK)]
    if not pieces:
        return Coded(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), [], [])
    owners, codes, counts = (np.concatenate(column) for column in zip(*pieces, strict=True))
    return Coded(owners, codes, counts, list(numbers), texts)


def coded_chunk(
    documents: Sequence[Document], start: int, numbers: defaultdict[str, int], texts: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (document, term) pairs of ``CHUNK`` documents from ``start``, with their counts, sorted; each
    document's text as read is added to ``texts``."""
    numbered: list[int] = []  # every document's words, one after the other
    lengths = []
    for doc in documents[start : start + CHUNK]:
        text, words = read(doc.text)
        texts.append(text)
        numbered.extend(map(numbers.__getitem__, words))
        lengths.append(len(words))
    found = np.array(numbered, dtype=np.int64)
    readers = np.repeat(np.arange(start, start + len(lengths)), lengths)  # the document of each word
    within = readers[1:] == readers[:-1]  # two neighbouring words of one document make a bigram
    codes = np.concatenate([found, ((found[:-1] + 1) * BIGRAM + found[1:])[within]])
    owners = np.concatenate([readers, readers[1:][within]])
    order = np.lexsort((codes, owners))
    owners, codes = owners[order], codes[order]
    starts = np.ones(len(codes), dtype=bool)  # where a new (document, term) pair starts
    starts[1:] = (owners[1:] != owners[:-1]) | (codes[1:] != codes[:-1])
    first = np.flatnonzero(starts)
    return owners[first], codes[first], np.diff(np.r_[first, len(codes)])


def top_terms(
    weights: np.ndarray,
    columns: np.ndarray,
    terms: np.ndarray,
    words: np.ndarray,
    count: int,
    spelled: dict[str, str],
    readable: Callable[[str], bool] = lambda term: True,
) -> tuple[str, ...]:
    """The ``count`` heaviest terms (a phrase weighs its words together; ties in alphabetical order, which is
    the order of the columns); ``words``: each column's word count. See ``pick``."""
    # A shared phrase says more than its words apart: "passive microwave" before "microwave".
    boosted = np.round(weights.astype(np.float64) * words[columns], 6)
    return pick((str(terms[column]) for column in columns[np.lexsort((columns, -boosted))]), count, spelled, readable)


def pick(
    ordered: Iterable[str], count: int, spelled: dict[str, str], readable: Callable[[str], bool]
) -> tuple[str, ...]:
    """The first ``count`` terms, skipping any that repeats a word of one already taken ("sea ice", then not
    "ice") or that is not readable; a term that is a keyword is shown as the keyword is written."""
    chosen: list[str] = []
    taken: set[str] = set()
    for term in ordered:
        words = term.split()
        if not taken.isdisjoint(words) or not readable(term):
            continue
        chosen.append(spelled.get(term, term))
        taken.update(words)
        if len(chosen) == count:
            break
    return tuple(chosen)


def keyword_spellings(documents: Sequence[Document]) -> dict[str, str]:
    """Lowercase keyword → the keyword as its paper writes it (the first paper that has it)."""
    spelled: dict[str, str] = {}
    for doc in documents:
        for keyword in doc.keywords:
            spelled.setdefault(" ".join(keyword.lower().split()), keyword)
    return spelled


def read(text: str) -> tuple[str, list[str]]:
    r"""A text as the vectorizer reads it: lowercased, each run of other characters than word characters made
    one space (to check that a phrase is written as it is shown), and its words without the stop words. One
    pass for both: scikit-learn's token pattern, ``\b\w\w+\b``, matches exactly the runs of two or more word
    characters."""
    runs = WORD.findall(text.lower())
    return " " + " ".join(runs) + " ", [run for run in runs if len(run) > 1 and run not in STOP_WORDS]


def shared_terms(corpus: Corpus, pairs: Sequence[tuple[int, int]], count: int) -> list[tuple[str, ...]]:
    """The terms each pair of documents shares, heaviest in both first (ordered as ``top_terms`` orders them):
    the one-line reason a reader can check. A phrase must stand in both as shown: bigrams skip stop words
    ("models in the real world" makes "models real"). All pairs at once: one product of sparse rows."""
    if not pairs:
        return []
    vectors, texts = corpus.vectors, corpus.texts
    firsts, seconds = (list(side) for side in zip(*pairs, strict=True))
    common = vectors.matrix[firsts].multiply(vectors.matrix[seconds]).tocsr()  # nonzero where both have a term
    common.eliminate_zeros()
    pair = np.repeat(np.arange(len(pairs)), np.diff(common.indptr))
    boosted = np.round(common.data.astype(np.float64) * vectors.words[common.indices], 6)
    ordered = common.indices[np.lexsort((common.indices, -boosted, pair))]  # each pair's entries in order
    names = vectors.terms.tolist()
    reasons = []
    for index, (first, second) in enumerate(pairs):

        def readable(term: str, first: int = first, second: int = second) -> bool:
            return " " not in term or (f" {term} " in texts[first] and f" {term} " in texts[second])

        columns = ordered[common.indptr[index] : common.indptr[index + 1]].tolist()
        reasons.append(pick((names[column] for column in columns), count, corpus.spelled, readable))
    return reasons
