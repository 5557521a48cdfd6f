"""Every paper's nearest papers by cosine similarity of their TF-IDF vectors, with the terms they share.

Exact, not approximate: the similarities are computed a block of rows at a time, over the terms that at least
two papers have (the others add nothing to any similarity), so memory stays small at 10,000 papers. Scores are
rounded before ranking, and equal scores are ranked by position (papers in id order), so that two builds rank
alike on any machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .vectors import Document, Vectors, keyword_spellings, lowered, shared_terms

BLOCK = 512  # rows per block: 512 x 10,000 similarities are 20 MB
SHOWN_TERMS = 3  # terms in a reason ("shares: sea ice, SAR, floes")


@dataclass(frozen=True)
class Neighbour:
    paper: str
    shared: tuple[str, ...]  # the terms both papers have, heaviest first, as the reason shown


def nearest(vectors: Vectors, documents: Sequence[Document], count: int) -> dict[str, tuple[Neighbour, ...]]:
    """Up to ``count`` neighbours of every document: never itself, never one that shares no term."""
    found: dict[str, tuple[Neighbour, ...]] = {doc.paper: () for doc in documents}
    if vectors.empty or len(documents) < 2:
        return found
    matrix = vectors.matrix
    shared = np.flatnonzero(np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 2)
    if not len(shared):
        return found
    reduced = matrix[:, shared].tocsr()
    transposed = reduced.T.tocsr()
    spelled = keyword_spellings(documents)
    texts = [lowered(doc) for doc in documents]
    for start in range(0, len(documents), BLOCK):
        scores = (reduced[start : start + BLOCK] @ transposed).toarray()
        for offset, row in enumerate(scores):
            index = start + offset
            row[index] = 0.0
            ranked = ranking(row, count)
            found[documents[index].paper] = tuple(
                Neighbour(documents[other].paper, shared_terms(vectors, index, other, SHOWN_TERMS, spelled, texts))
                for other in ranked
            )
    return found


def ranking(row: np.ndarray, count: int) -> list[int]:
    """The positions of the ``count`` highest positive scores, ties by position."""
    rounded = np.round(row, 6)
    positive = np.flatnonzero(rounded > 0)
    if len(positive) > count:
        threshold = np.partition(rounded[positive], len(positive) - count)[len(positive) - count]
        positive = positive[rounded[positive] >= threshold]  # all those tied at the threshold too
    order = np.lexsort((positive, -rounded[positive]))
    return [int(i) for i in positive[order][:count]]
