"""Papers as TF-IDF vectors, and the terms two of them share, as a reader can check them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(frozen=True)
class Document:
    """What a paper is compared by: its title and abstract as plain text, and its keywords."""

    paper: str
    title: str
    keywords: tuple[str, ...]
    abstract: str


@dataclass
class Vectors:
    matrix: sparse.csr_matrix  # one L2-normalised row per document
    terms: np.ndarray  # the term of each column

    @property
    def empty(self) -> bool:
        return self.matrix.shape[1] == 0


def vectorize(documents: Sequence[Document]) -> Vectors:
    """Unigrams and bigrams, sublinear tf, English stop words: on real abstracts (ACL 2020, ICLR 2020) as good
    at finding same-track papers as SPECTER embeddings. Title and keywords count as much as the abstract's
    words: a paper without an abstract is compared by them alone."""
    texts = [" . ".join([doc.title, *doc.keywords, doc.abstract]) for doc in documents]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english", dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no document has a word that is not a stop word
        return Vectors(sparse.csr_matrix((len(texts), 0), dtype=np.float32), np.array([], dtype=object))
    matrix = sparse.csr_matrix(matrix)
    matrix.sort_indices()
    return Vectors(matrix, vectorizer.get_feature_names_out())


def top_terms(
    weights: np.ndarray,
    columns: np.ndarray,
    terms: np.ndarray,
    count: int,
    spelled: dict[str, str],
    readable: Callable[[str], bool] = lambda term: True,
) -> tuple[str, ...]:
    """The ``count`` heaviest terms (a phrase weighs its words together; ties in alphabetical order), skipping
    any that repeats a word of one already taken ("sea ice", then not "ice"); a term that is a keyword is shown
    as the keyword is written."""
    # A shared phrase says more than its words apart: "passive microwave" before "microwave".
    boosted = [float(weights[i]) * len(str(terms[columns[i]]).split()) for i in range(len(columns))]
    order = sorted(range(len(columns)), key=lambda i: (-round(boosted[i], 6), terms[columns[i]]))
    chosen: list[str] = []
    words: set[str] = set()
    for i in order:
        term = str(terms[columns[i]])
        if words.intersection(term.split()) or not readable(term):
            continue
        chosen.append(spelled.get(term, term))
        words.update(term.split())
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


def lowered(doc: Document) -> str:
    """A document's words as the vectorizer reads them, to check that a phrase is written as it is shown."""
    return " " + re.sub(r"\W+", " ", " . ".join([doc.title, *doc.keywords, doc.abstract]).lower()) + " "


def shared_terms(
    vectors: Vectors, first: int, second: int, count: int, spelled: dict[str, str], texts: Sequence[str]
) -> tuple[str, ...]:
    """The terms two documents share, heaviest in both first: the one-line reason a reader can check. A phrase
    must stand in both as shown: bigrams skip stop words ("models in the real world" makes "models real")."""
    matrix = vectors.matrix
    a = slice(matrix.indptr[first], matrix.indptr[first + 1])
    b = slice(matrix.indptr[second], matrix.indptr[second + 1])
    common, in_a, in_b = np.intersect1d(matrix.indices[a], matrix.indices[b], assume_unique=True, return_indices=True)
    weights = matrix.data[a][in_a] * matrix.data[b][in_b]

    def readable(term: str) -> bool:
        return " " not in term or (f" {term} " in texts[first] and f" {term} " in texts[second])

    return top_terms(weights, common, vectors.terms, count, spelled, readable)
