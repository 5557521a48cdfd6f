"""What the topics computations find, as the pages use it: plain data, with none of the libraries that compute it
(scikit-learn takes a second or two to import, which a build that computes nothing should not pay)."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Neighbour:
    paper: str
    shared: tuple[str, ...]  # the terms both papers have, heaviest first, as the reason shown


@dataclass(frozen=True)
class Cluster:
    anchor: str  # names the topic in addresses: from its terms, so it stays while they do
    terms: tuple[str, ...]
    papers: tuple[str, ...]  # in the order of the map's papers


@dataclass(frozen=True)
class Point:
    paper: str
    x: float
    y: float
    cluster: int


@dataclass(frozen=True)
class TopicMap:
    clusters: tuple[Cluster, ...]  # largest first
    points: tuple[Point, ...]
    height: float  # the width is 1

    def cluster_of(self, paper: str) -> int | None:
        return self._clusters.get(paper)

    @functools.cached_property
    def _clusters(self) -> dict[str, int]:
        """Each paper's topic. Scanning the points for every paper page made assembling quadratic."""
        return {point.paper: point.cluster for point in self.points}


@dataclass(frozen=True)
class Document:
    """What a paper is compared by: its title and abstract as plain text, and its keywords."""

    paper: str
    title: str
    keywords: tuple[str, ...]
    abstract: str

    @property
    def text(self) -> str:
        """Title, keywords and abstract as one text, as the vectorizer reads them."""
        return " . ".join([self.title, *self.keywords, self.abstract])
