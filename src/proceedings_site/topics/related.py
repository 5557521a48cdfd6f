"""Every paper's nearest papers by cosine similarity of their TF-IDF vectors, with the terms they share.

Exact, not approximate: the similarities are computed a block of rows at a time, over the terms that at least
two papers have (the others add nothing to any similarity), so memory stays small at 10,000 papers. Scores are
rounded before ranking, and equal scores are ranked by position (papers in id order), so that two builds rank
alike on any machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from .results import Neighbour
from .vectors import Corpus, shared_terms

BLOCK = 256  # rows per block: 256 x 10,000 similarities are 10 MB (and their sparse product 30 MB)
SHOWN_TERMS = 3  # terms in a reason ("shares: sea ice, SAR, floes")
BlockResult = tuple[list[tuple[int, int]], list[tuple[str, ...]]]  # (paper, neighbour) positions, their reasons


def nearest(
    corpus: Corpus, count: int, run: Callable[..., Iterable[BlockResult]] = map
) -> dict[str, tuple[Neighbour, ...]]:
    """Up to ``count`` neighbours of every document: never itself, never one that shares no term. ``run``: a
    ``map`` over the blocks of rows, such as a thread pool's (the sparse products leave the GIL)."""
    vectors, documents = corpus.vectors, corpus.documents
    related: dict[str, tuple[Neighbour, ...]] = {doc.paper: () for doc in documents}
    if vectors.empty or len(documents) < 2:
        return related
    matrix = vectors.matrix
    shared = np.flatnonzero(np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 2)
    if not len(shared):
        return related
    reduced = matrix[:, shared].tocsr()
    transposed = reduced.T.tocsr()

    def block(start: int) -> BlockResult:
        scores = (reduced[start : start + BLOCK] @ transposed).toarray()
        pairs = []
        for offset, row in enumerate(scores):
            row[start + offset] = 0.0
            pairs.extend((start + offset, other) for other in ranking(row, count))
        return pairs, shared_terms(corpus, pairs, SHOWN_TERMS)

    for pairs, reasons in run(block, range(0, len(documents), BLOCK)):
        neighbours: dict[int, list[Neighbour]] = {}
        for (first, other), reason in zip(pairs, reasons, strict=True):
            neighbours.setdefault(first, []).append(Neighbour(documents[other].paper, reason))
        for first, found in neighbours.items():
            related[documents[first].paper] = tuple(found)
    return related


def ranking(row: np.ndarray, count: int) -> list[int]:
    """The positions of the ``count`` highest positive scores, ties by position."""
    rounded = np.round(row, 6)
    positive = np.flatnonzero(rounded > 0)
    if len(positive) > count:
        threshold = np.partition(rounded[positive], len(positive) - count)[len(positive) - count]
        positive = positive[rounded[positive] >= threshold]  # all those tied at the threshold too
    order = np.lexsort((positive, -rounded[positive]))
    return [int(i) for i in positive[order][:count]]
