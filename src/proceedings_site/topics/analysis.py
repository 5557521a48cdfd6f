"""Related papers and topic maps of a whole site, computed once per change of their inputs.

The inputs are every paper's id, edition, title, keywords and abstract, the ``topics`` settings of site.yaml,
and the method's version. Their digest names the cached result (a pickle beside Sphinx's doctrees): a rebuild
that changes no paper reuses it, and one that adds a paper computes everything once, not once per page.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sklearn

from .. import textformat
from ..model import Proceedings
from .maps import Cluster, TopicMap, topic_map
from .related import Neighbour, nearest
from .vectors import Corpus, Document

ALL_EDITIONS = ""  # the key of the map of all editions
WORKERS = min(4, os.cpu_count() or 1)
# change METHOD when results would change for the same inputs
METHOD = "tfidf-shared-1.3+lsa64-arpack-kmeans-farthest-ring-4"


@dataclass
class Topics:
    related: dict[str, tuple[Neighbour, ...]] = field(default_factory=dict)  # paper id → its neighbours
    maps: dict[str, TopicMap] = field(default_factory=dict)  # edition id, or ALL_EDITIONS → its map

    def topic(self, edition_id: str, paper_id: str) -> Cluster | None:
        """The topic a paper has on its edition's map."""
        found = self.maps.get(edition_id)
        index = found.cluster_of(paper_id) if found else None
        return found.clusters[index] if found and index is not None else None


def analyse(proceedings: Proceedings, cache_file: Path | None = None) -> Topics:
    settings = proceedings.site.topics
    if not (settings.related or settings.map):
        return Topics()
    inputs = [
        [paper_id, edition.id, paper.title, list(paper.keywords), paper.abstract or ""]
        for edition in proceedings.editions
        for paper_id, paper in edition.papers.items()
    ]
    key = digest([METHOD, sklearn.__version__, settings.model_dump(), inputs])
    if cache_file is not None and (cached := read_cache(cache_file, key)) is not None:
        return cached
    topics = compute(proceedings)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_name(cache_file.name + ".tmp")
        temporary.write_bytes(pickle.dumps((key, topics), protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(cache_file)
    return topics


def compute(proceedings: Proceedings) -> Topics:
    settings = proceedings.site.topics
    documents = sorted(
        (
            Document(
                paper_id,
                textformat.plain_title(paper.title),
                tuple(paper.keywords),
                textformat.plain(paper.abstract) if paper.abstract else "",
            )
            for edition in proceedings.editions
            for paper_id, paper in edition.papers.items()
        ),
        key=lambda doc: doc.paper,
    )
    position = {doc.paper: index for index, doc in enumerate(documents)}
    corpus = Corpus.of(documents)
    topics = Topics()
    scopes = [(edition.id, list(edition.papers)) for edition in proceedings.editions if edition.papers]
    if scopes:
        scopes.append((ALL_EDITIONS, [paper_id for _, papers in scopes for paper_id in papers]))
    # Maps and blocks of related papers in parallel: their sparse products and decompositions leave the GIL.
    with ThreadPoolExecutor(WORKERS) as pool:
        maps = {
            scope: pool.submit(topic_map, corpus, [position[paper_id] for paper_id in papers], settings.max_topics)
            for scope, papers in (scopes if settings.map else [])
        }
        if settings.related:
            topics.related = nearest(corpus, settings.related_count, pool.map)
        topics.maps = {scope: future.result() for scope, future in maps.items()}
    return topics


def digest(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def read_cache(path: Path, key: str) -> Topics | None:
    try:
        stored_key, topics = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None  # no cache yet, or one an older engine wrote
    return topics if stored_key == key and isinstance(topics, Topics) else None
