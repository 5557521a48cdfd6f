"""Related papers and topic maps of a whole site, computed once per change of their inputs.

The inputs are every paper's id, edition, title, keywords and abstract, the ``topics`` settings of site.yaml,
and the method's version. Their digest names the cached result (a pickle beside Sphinx's doctrees): a rebuild
that changes no paper reuses it, and one that adds a paper computes everything once, not once per page. An
edition's map depends on that edition's papers alone and has a digest of its own: adding a paper to one edition
computes the related papers, that edition's map and the map of all editions again, and keeps the others.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .. import textformat
from ..files import write_if_changed
from ..model import Proceedings
from .results import Cluster, Document, Neighbour, TopicMap

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ..model.site import Topics as TopicSettings

ALL_EDITIONS = ""  # the key of the map of all editions
WORKERS = min(4, os.cpu_count() or 1)
# change METHOD when results would change for the same inputs
METHOD = "tfidf-shared-1.4+lsa64-arpack-ward2000-kmeans-farthest-ring-6"


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
    return analyse_aside(proceedings, cache_file)()


def analyse_aside(
    proceedings: Proceedings, cache_file: Path | None = None, helper: Helper | None = None
) -> Callable[[], Topics]:
    """``analyse``, started: call the result for the topics. With a ``helper`` (``start_helper``), what the cache
    does not hold is computed there, and the caller assembles the pages that need no topics meanwhile."""
    settings = proceedings.site.topics
    if not (settings.related or settings.map):
        return Topics
    inputs = {
        edition.id: [
            [paper_id, paper.title, list(paper.keywords), paper.abstract or ""]
            for paper_id, paper in edition.papers.items()
        ]
        for edition in proceedings.editions
    }
    version = [METHOD, metadata.version("scikit-learn")]
    # A map depends on its own papers alone: one paper more leaves the other editions' maps as they were.
    map_keys = {edition_id: digest([*version, settings.max_topics, papers]) for edition_id, papers in inputs.items()}
    key = digest([*version, settings.model_dump(), map_keys])
    stored = read_cache(cache_file) if cache_file is not None else None
    kept: dict[str, TopicMap] = {}
    if stored is not None:
        if stored.key == key:
            return functools.partial(stored.topics)
        kept = {
            scope: stored.map(scope)
            for scope, old_key in stored.map_keys.items()
            if map_keys.get(scope) == old_key and scope in stored.maps
        }

    def remembered(topics: Topics) -> Topics:
        if cache_file is not None:
            stored = Stored.of(key, map_keys, topics)
            write_if_changed(cache_file, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
        return topics

    request = (settings, documents_of(proceedings), scopes_of(proceedings), kept)
    if helper is not None:
        pending = helper.compute(*request)
        return functools.cache(lambda: remembered(pending()))
    topics = remembered(compute_documents(*request))
    return lambda: topics


class Helper:
    """A forked process that imports scikit-learn and the rest while the build loads the metadata, then computes
    the topics it is sent. The computation, the import included, takes seconds on a large site: the build
    assembles the pages that need no topics meanwhile, and its own process, with every worker Sphinx forks
    from it, never holds scikit-learn."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_help, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()
        self.delivered = False  # the request (``compute``) was sent
        self.sender: threading.Thread | None = None
        self.unsent: Exception | None = None  # why the request could not be sent, raised where it is awaited

    def compute(self, *request: object) -> Callable[[], Topics]:
        # Sent from a thread: until the helper has imported scikit-learn it does not read, and a large site's
        # request (every abstract) fills the pipe, which would hold the build's process up meanwhile.
        self.sender = threading.Thread(target=self._send, args=(request,), daemon=True)
        self.sender.start()

        def result() -> Topics:
            try:
                self._sent()
                if self.unsent is not None:
                    raise self.unsent
                outcome, value = self.connection.recv()
            except EOFError:  # the process was killed (out of memory, for one)
                raise RuntimeError("the computation of related papers and topic maps stopped unfinished") from None
            finally:
                self.close()
            if outcome == "error":
                raise value
            return value

        return result

    def _send(self, request: tuple[object, ...]) -> None:
        try:
            self.connection.send(request)
            self.delivered = True
        except OSError:  # it has ended (killed): ``result`` finds the pipe closed
            pass
        except Exception as error:  # a thread's error would only be printed: raised where awaited
            self.unsent = error

    def _sent(self) -> None:
        if self.sender is not None:
            self.sender.join()

    def close(self) -> None:
        """Send the process away unasked (the cache held the answer, the metadata did not load, or the request
        could not be sent)."""
        self._sent()
        if not self.connection.closed:
            if not self.delivered:
                with contextlib.suppress(OSError):  # it has ended already (killed, or its import failed)
                    self.connection.send(None)
            self.connection.close()
            self.process.join()

    def stop(self) -> None:
        """End the process unasked and at once, even while it is still importing (``close`` waits for that)."""
        self.connection.close()
        self.process.kill()
        self.process.join()


def start_helper() -> Helper | None:
    """A helper where the system forks safely (Linux); elsewhere the topics are computed in the build's process.
    One started ahead (``started_ahead``) is taken first."""
    return _AHEAD.pop() if _AHEAD else Helper() if sys.platform == "linux" else None


# A helper that ``proceedings build`` started before validating the metadata, for the Sphinx build it runs next
# in the same process: it imports scikit-learn while the metadata is validated, which Sphinx then takes without
# loading it again. Started by Sphinx instead, it left nothing to overlap its import with: adding a paper at
# 3,000 papers waited 2.2 s for the topics, against 0.8-1.3 s now.
_AHEAD: list[Helper] = []


@contextlib.contextmanager
def started_ahead() -> Iterator[None]:
    """Within the block, the next ``start_helper`` takes a helper already started; one not taken is ended."""
    if sys.platform == "linux":
        _AHEAD.append(Helper())
    try:
        yield
    finally:
        discard_helper_ahead()


def discard_helper_ahead() -> None:
    """End the helper started ahead if no build took it (nothing to compute)."""
    while _AHEAD:
        _AHEAD.pop().stop()


def _help(connection: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to report; the helper just ends with it
    from . import maps, related, vectors  # noqa: F401 (imported while the build loads the metadata)

    try:
        request = connection.recv()
        if request is None:
            return
        try:
            answer = ("topics", compute_documents(*request))
        except Exception as error:  # raised in the build's process
            answer = ("error", error if _picklable(error) else RuntimeError(f"{type(error).__name__}: {error}"))
        connection.send(answer)
    except (EOFError, OSError):  # the build ended without waiting for the answer
        return


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def compute(proceedings: Proceedings, kept: dict[str, TopicMap] | None = None) -> Topics:
    """Related papers and maps; ``kept``: maps, by scope, that an earlier build made of the same papers."""
    return compute_documents(proceedings.site.topics, documents_of(proceedings), scopes_of(proceedings), kept)


def scopes_of(proceedings: Proceedings) -> dict[str, list[str]]:
    """The papers of each edition that has some."""
    return {edition.id: list(edition.papers) for edition in proceedings.editions if edition.papers}


def compute_documents(
    settings: TopicSettings, documents: list[Document], scopes: dict[str, list[str]], kept: dict[str, TopicMap] | None
) -> Topics:
    """Related papers of ``documents`` and the maps of ``scopes`` (papers by edition); ``kept``: maps, by scope,
    that an earlier build made of the same papers."""
    # Here, not at the top: only a build that computes something pays for importing scikit-learn.
    from threadpoolctl import threadpool_limits

    from .maps import topic_map
    from .related import nearest
    from .vectors import Corpus, coded

    kept = kept or {}
    documents = sorted(documents, key=lambda doc: doc.paper)
    position = {doc.paper: index for index, doc in enumerate(documents)}
    found = coded(documents)
    corpus = Corpus.of(documents, found)
    topics = Topics()
    scopes = dict(scopes)
    if not settings.map:
        scopes = {}
    elif scopes:
        scopes[ALL_EDITIONS] = [paper_id for papers in scopes.values() for paper_id in papers]
    corpora = {
        scope: corpus if scope == ALL_EDITIONS else corpus.part([position[p] for p in papers], found)
        for scope, papers in scopes.items()
        if scope not in kept
    }
    del found  # large at 10,000 papers; the corpora have what they need
    # Maps and blocks of related papers in parallel: the sparse products leave the GIL (ARPACK's loop does not).
    # BLAS and OpenMP get one thread in each of ours: with their own threads on top, the cores are oversubscribed
    # (adding one paper at 3,000 papers took 2.2-2.6 s, with one thread each 1.9-2.3 s and about 30 % less CPU).
    with threadpool_limits(limits=1), ThreadPoolExecutor(WORKERS) as pool:
        maps = {scope: pool.submit(topic_map, scoped, settings.max_topics) for scope, scoped in corpora.items()}
        if settings.related:
            topics.related = nearest(corpus, settings.related_count, pool.map)
        made = {scope: future.result() for scope, future in maps.items()}
    topics.maps = {scope: made[scope] if scope in made else kept[scope] for scope in scopes}
    return topics


def documents_of(proceedings: Proceedings) -> list[Document]:
    """Every paper as it is compared: its title and abstract as plain text, and its keywords."""
    return [
        Document(
            paper_id,
            textformat.plain_title(paper.title),
            tuple(paper.keywords),
            textformat.plain(paper.abstract) if paper.abstract else "",
        )
        for edition in proceedings.editions
        for paper_id, paper in edition.papers.items()
    ]


@dataclass(frozen=True)
class Stored:
    """What the cache file holds: the digest of every input, each map's own digest, and the results, each
    pickled on its own, so that a build that keeps some maps unpickles only those (the whole took 0.4 s at
    3,000 papers)."""

    key: str
    map_keys: dict[str, str]
    related: bytes
    maps: dict[str, bytes]

    @classmethod
    def of(cls, key: str, map_keys: dict[str, str], topics: Topics) -> Stored:
        def pickled(value: object) -> bytes:
            return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

        return cls(key, map_keys, pickled(topics.related), {scope: pickled(m) for scope, m in topics.maps.items()})

    def map(self, scope: str) -> TopicMap:
        return pickle.loads(self.maps[scope])

    def topics(self) -> Topics:
        return Topics(pickle.loads(self.related), {scope: self.map(scope) for scope in self.maps})


def digest(value: object) -> str:
    return hashlib.blake2b(json.dumps(value, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def read_cache(path: Path) -> Stored | None:
    try:
        stored = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None  # no cache yet, or one an older engine wrote
    return stored if isinstance(stored, Stored) else None
