"""Writing that holds a few pages' doctrees in memory, not the whole site's.

In a parallel build the main process loads and resolves the doctrees of a chunk of pages, hands the chunk to a
forked writer, and goes on with the next chunk at once: Sphinx's task queue never makes it wait. Resolving is
faster than writing (a fifth of the work: the writers render the HTML while the main process resolves), so the
queue grew to nearly every page of the site, each doctree resolved and alive in the main process until its
chunk was written: at 10,000 papers (40,000 pages) most of the build's peak memory, and each writer forked later
inherited the queue as well.

``BoundedTasks`` is Sphinx's task queue with a limit: a chunk added when every worker is busy waits for a
worker to free up before the main process resolves the next one. A worker never idles for long (the next
chunk is ready when it finishes), and at most ``workers + 2`` chunks of doctrees are alive at any time.

Sphinx also keeps the pickled bytes of every doctree it loads, for the rest of the build, in case it loads it
again: the whole site's doctrees, as bytes, by the end of writing. A page's doctree is loaded again only in
rare cases (a page another includes), which then read it from disk: each page's bytes are dropped once the
page is resolved for writing, and all of them once reading ends.

Sphinx writes with one forked writer fewer than ``-j`` asks for, keeping a core for the main process. But the
main process only resolves, about a fifth of the work of writing, so with ``-j 2`` one writer wrote every page
while the other core idled (writing a 300-paper site's 1,238 pages on two cores: 14.1 s, 9.8 s with two
writers). A parallel build writes with as many writers as it reads with, the main process resolving beside them.

Every doctree is a web of reference cycles (each node points to its parent), so a written chunk's doctrees are
freed only by a full collection of the garbage collector. Python starts one whenever the objects that survived
into its oldest generation have grown by a quarter: about once a chunk here, and each walks the whole queue
(800,000 objects at 3,000 papers). Writing that site's 12,137 pages took 45 full collections, 33 s of the main
process's time. While writing, a full collection waits for ``memory.FULL_COLLECTION_EVERY`` collections of the
middle generation instead of 10: 13 collections, 12 s, and the garbage waiting for them adds about 50 MB to the peak.
A forked worker (a reader or a writer) first freezes what it inherited: a writer's full collections walked the
main process's queue as well, and touched (so copied) the memory it shares with it: 18 s over that site's
writers, now 2 s.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks

from .memory import rare_full_collections

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class BoundedTasks(ParallelTasks):
    """Sphinx's parallel tasks; adding one while another already waits for a worker blocks until it started."""

    def add_task(
        self, task_func: Callable[[Any], Any], arg: Any = None, result_func: Callable[[Any, Any], Any] | None = None
    ) -> None:
        super().add_task(task_func, arg, result_func)
        try:
            while len(getattr(self, "_precvs_waiting", ())) > 1:  # a finished worker is joined, the next started
                if not self._join_one():
                    time.sleep(0.01)
        except Exception:  # a worker failed: stop the others, as Sphinx does, and say why
            self.terminate()
            raise

    def _process(self, pipe: Any, func: Callable[[Any], Any], arg: Any) -> None:
        gc.freeze()  # in the forked worker: what it inherited is never walked, so never copied, by the collector
        super()._process(pipe, func, arg)


def forget_pickled_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    cache = getattr(app.env, "_pickled_doctree_cache", None)
    if isinstance(cache, dict):
        cache.pop(docname, None)


def forget_pickled_doctrees(app: Sphinx, env: BuildEnvironment) -> None:
    cache = getattr(env, "_pickled_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def write_with_every_process(app: Sphinx) -> None:
    write_parallel = getattr(app.builder, "_write_parallel", None)
    if write_parallel is None:  # a builder that does not write in parallel, or another Sphinx: as Sphinx does
        return

    def write_in_every_process(docnames: Sequence[str], nproc: int) -> None:
        with rare_full_collections():
            write_parallel(docnames, nproc=max(nproc, app.parallel))

    app.builder._write_parallel = write_in_every_process  # type: ignore[method-assign]


def setup_writequeue(app: Sphinx) -> None:
    app.connect("builder-inited", write_with_every_process)
    app.connect("doctree-resolved", forget_pickled_doctree)
    app.connect("env-updated", forget_pickled_doctrees)
    import sphinx.builders

    # The builders module names the class it makes the queue from; where it no longer does (another Sphinx),
    # builds work as before, with the memory they used before.
    if getattr(sphinx.builders, "ParallelTasks", None) is ParallelTasks and all(
        hasattr(ParallelTasks, name) for name in ("_join_one", "add_task")
    ):
        sphinx.builders.ParallelTasks = BoundedTasks  # type: ignore[attr-defined,misc]
