"""Related papers and topic maps, computed from the model when the site is built (scikit-learn, no model download).

- ``vectors``: each paper's title, keywords and abstract as a TF-IDF vector (unigrams and bigrams, sublinear tf,
  English stop words), and the terms two vectors share;
- ``related``: every paper's nearest papers by cosine similarity, across all editions, with the terms they share;
- ``maps``: the papers of an edition (or of all editions) in topics (k-means over an LSA of the vectors), each
  named by its top terms, and laid out in 2-D;
- ``results``: what they find (topics, points, neighbours), as the pages use it;
- ``analysis``: all of it for one site, cached by a digest of its inputs, so a build that changes no paper
  computes nothing and one that adds a paper computes everything once.
"""

from __future__ import annotations

from .analysis import ALL_EDITIONS, Topics, analyse
from .results import Cluster, Neighbour, Point, TopicMap

__all__ = ["ALL_EDITIONS", "Cluster", "Neighbour", "Point", "TopicMap", "Topics", "analyse"]
