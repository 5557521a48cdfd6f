"""A topic map: papers in topics, each named by its top terms, laid out in 2-D so that near papers are near.

Topics are clusters of the papers' LSA vectors (an exact truncated SVD of their TF-IDF vectors, normalised):
Ward's agglomerative clustering up to 2,000 papers, which has no start to choose, so that one paper more
leaves the topics nearly as they were; k-means beyond, started without chance from the farthest papers. k grows
with the square root of the number of papers, up to ``max_topics``, and is 1 for a handful of papers. The
layout is deterministic and linear in the number of papers, where t-SNE took
105 s at 10,000: each topic is a disc, its area proportional to its papers, and the discs stand on a ring in
the order of their centroids' angle in the centroids' own 2-D PCA, so that neighbouring discs hold related
topics. Within a disc, papers keep the direction they have in a 2-D PCA of the topic's vectors, and their
distance from the centre is spread by rank, so a disc is evenly filled and papers close in the PCA stay close.
Coordinates are in [0, 1], y downwards, the width being 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.preprocessing import normalize

from .results import Cluster, Point, TopicMap
from .vectors import Corpus, top_terms

SEED = 0
LSA_DIMENSIONS = 64
MAX_TERMS = 20_000
LABEL_TERMS = 3
WARD_PAPERS = 2000  # Ward's clustering keeps a distance for every pair: 16 MB at 2,000 papers
GAP = 0.35  # between discs, in units of the smallest disc's radius


def topic_count(papers: int, max_topics: int) -> int:
    return max(1, min(max_topics, round(math.sqrt(papers / 3))))


def topic_map(corpus: Corpus, max_topics: int) -> TopicMap:
    """The map of the corpus' documents. Each edition's map has a corpus of its own (its own weights and LSA),
    so that a paper added to one edition leaves the maps of the others as they were."""
    members = corpus.documents
    matrix = corpus.vectors.matrix
    kept = shared_terms(matrix.getnnz(axis=0))
    matrix, terms, words = matrix[:, kept].tocsr(), corpus.vectors.terms[kept], corpus.vectors.words[kept]
    latent = lsa(matrix)
    labels = clusters(latent, topic_count(len(members), max_topics))
    found = []
    overall = np.asarray(matrix.mean(axis=0)).ravel()
    for label in range(int(labels.max()) + 1 if len(labels) else 0):
        inside = np.flatnonzero(labels == label)
        weights = np.asarray(matrix[inside].mean(axis=0)).ravel()
        if len(inside) < len(members):  # what sets the topic apart, not what every paper says
            weights = np.clip(weights - overall, 0, None)
        columns = np.flatnonzero(weights)
        # a phrase in a name stands in one of the topic's papers
        written = " | ".join(corpus.texts[i] for i in inside)

        def readable(term: str, written: str = written) -> bool:
            return " " not in term or f" {term} " in written

        named = (
            top_terms(weights[columns], columns, terms, words, LABEL_TERMS, corpus.spelled, readable)
            if len(columns)
            else ()
        )
        found.append((named, inside))
    found.sort(key=lambda item: (-len(item[1]), item[0], int(item[1][0])))
    anchors = unique_anchors([named for named, _ in found])
    final = np.zeros(len(members), dtype=int)
    for index, (_, inside) in enumerate(found):
        final[inside] = index
    positions, height = place(latent, final, len(found))
    points = tuple(
        Point(doc.paper, round(float(x), 4), round(float(y), 4), int(c))
        for doc, (x, y), c in zip(members, positions, final, strict=True)
    )
    cluster_records = tuple(
        Cluster(anchor, named, tuple(members[i].paper for i in inside))
        for anchor, (named, inside) in zip(anchors, found, strict=True)
    )
    return TopicMap(cluster_records, points, round(height, 4))


def shared_terms(frequency: np.ndarray) -> np.ndarray:
    """The columns worth decomposing: terms of at least two papers (a term of one paper, most bigrams, says
    nothing about topics), the most frequent ``MAX_TERMS`` of them; all terms when too few are shared."""
    shared = np.flatnonzero(frequency >= 2)
    if len(shared) < 2:
        return np.flatnonzero(frequency)
    if len(shared) > MAX_TERMS:
        shared = np.sort(shared[np.lexsort((shared, -frequency[shared]))][:MAX_TERMS])
    return shared


def lsa(matrix: sparse.csr_matrix) -> np.ndarray:
    """Rows as normalised LSA vectors; the TF-IDF rows themselves when too few for a decomposition."""
    rows, columns = matrix.shape
    dimensions = min(LSA_DIMENSIONS, rows - 1, columns - 1)
    if dimensions < 2:
        return normalize(matrix.toarray()) if columns else np.zeros((rows, 1))
    # ARPACK's exact decomposition, not a randomized one: a paper more leaves the space nearly as it was
    latent = TruncatedSVD(dimensions, algorithm="arpack", random_state=SEED).fit_transform(matrix)
    return normalize(latent)


def clusters(latent: np.ndarray, wanted: int) -> np.ndarray:
    """Cluster labels 0..k-1, every one used (k-means may leave one empty when papers are alike).

    Up to ``WARD_PAPERS`` papers, Ward's agglomerative clustering: it has no starting point to choose, so one
    paper more leaves the topics as they were unless that paper joins two of them (measured on an edition of
    the 3,000-paper benchmark, five different papers added one at a time: at most one other paper changed
    topic, where k-means moved 83 to 333 of the 1,000). Its memory grows with the square of the papers, so a
    larger map is clustered by k-means, started without chance from the farthest papers."""
    distinct = len(np.unique(np.round(latent, 6), axis=0)) if len(latent) else 0
    wanted = min(wanted, distinct)
    if wanted <= 1:
        return np.zeros(len(latent), dtype=int)
    if len(latent) <= WARD_PAPERS:
        labels = fcluster(linkage(latent, "ward"), wanted, "maxclust")
    else:
        labels = KMeans(wanted, init=farthest_points(latent, wanted), n_init=1).fit_predict(latent)
    return np.unique(labels, return_inverse=True)[1].astype(int)


def farthest_points(latent: np.ndarray, count: int) -> np.ndarray:
    """k-means' starting centres, chosen without chance so that one paper more starts it where it started
    before: the paper farthest from the centroid of all, then each time the one farthest from those chosen."""
    centre = latent.mean(axis=0)
    chosen = [int(np.argmax(np.round(((latent - centre) ** 2).sum(axis=1), 9)))]
    nearest = ((latent - latent[chosen[0]]) ** 2).sum(axis=1)
    while len(chosen) < count:
        chosen.append(int(np.argmax(np.round(nearest, 9))))
        nearest = np.minimum(nearest, ((latent - latent[chosen[-1]]) ** 2).sum(axis=1))
    return latent[chosen]


def place(latent: np.ndarray, labels: np.ndarray, count: int) -> tuple[np.ndarray, float]:
    """Positions in [0, 1] x [0, height] and the height."""
    if not len(labels):
        return np.zeros((0, 2)), 1.0
    sizes = np.bincount(labels, minlength=count)
    radii = np.sqrt(sizes)
    centres = ring(latent, labels, radii)
    positions = np.zeros((len(labels), 2))
    for label in range(count):
        inside = np.flatnonzero(labels == label)
        positions[inside] = centres[label] + radii[label] * disc(latent[inside])
    margin = radii.min() * 0.6 + 0.5
    low = (centres - radii[:, None]).min(axis=0) - margin
    high = (centres + radii[:, None]).max(axis=0) + margin
    width = max(high[0] - low[0], 1e-9)
    return (positions - low) / width, float((high[1] - low[1]) / width)


def ring(latent: np.ndarray, labels: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Disc centres on a circle, in the order of the topics' angle in a 2-D PCA of their centroids, the circle
    just large enough that neighbouring discs do not touch."""
    count = len(radii)
    if count == 1:
        return np.zeros((1, 2))
    centroids = np.array([latent[labels == label].mean(axis=0) for label in range(count)])
    if count > 2 and centroids.shape[1] >= 2:
        flat = PCA(2, svd_solver="full").fit_transform(centroids)
        order = np.lexsort((np.arange(count), np.round(np.arctan2(flat[:, 1], flat[:, 0]), 6)))
    else:
        order = np.arange(count)
    step = 2 * math.pi / count
    gap = GAP * radii.min()
    needed = [(radii[order[i]] + radii[order[(i + 1) % count]] + gap) for i in range(count)]
    radius = max(needed) / (2 * math.sin(step / 2))
    centres = np.zeros((count, 2))
    for place_index, label in enumerate(order):
        angle = math.pi + place_index * step  # the largest topic on the left, then clockwise
        centres[label] = (radius * math.cos(angle), -radius * math.sin(angle))
    return centres


def disc(vectors: np.ndarray) -> np.ndarray:
    """Points in the unit disc: the direction of each in a 2-D PCA, the distance from the centre by rank."""
    count = len(vectors)
    if count == 1:
        return np.zeros((1, 2))
    if count >= 3 and vectors.shape[1] >= 2:
        flat = PCA(2, svd_solver="full").fit_transform(vectors)
    else:
        flat = np.array([[-1.0, 0.0], [1.0, 0.0]])[:count]
    angles = np.arctan2(flat[:, 1], flat[:, 0])
    lengths = np.round(np.hypot(flat[:, 0], flat[:, 1]), 9)
    rank = np.empty(count)
    rank[np.lexsort((np.arange(count), lengths))] = np.arange(count)
    spread = np.sqrt((rank + 0.5) / count)  # uniform density over the disc
    return np.column_stack([spread * np.cos(angles), -spread * np.sin(angles)])


def unique_anchors(names: Sequence[tuple[str, ...]]) -> list[str]:
    anchors: list[str] = []
    for index, named in enumerate(names, start=1):
        slug = re.sub(r"[^a-z0-9]+", "-", " ".join(named).lower()).strip("-")[:60].strip("-") or f"topic-{index}"
        anchor, suffix = slug, 2
        while anchor in anchors:
            anchor, suffix = f"{slug}-{suffix}", suffix + 1
        anchors.append(anchor)
    return anchors
