"""The build keeps the garbage collector off its long-lived data, and gives it back to the next build; parallel
writing keeps a bounded queue of chunks (``sphinxext.writequeue``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from .metadata_tree import minimal_tree


class Node:
    partner: Node


def test_a_build_freezes_its_data_and_releases_what_an_earlier_build_left(tmp_path: Path, sphinx_builder) -> None:
    left_over = Node()
    left_over.partner = Node()
    left_over.partner.partner = left_over  # a reference cycle: only the collector can free it
    gc.freeze()  # as an earlier build in this process leaves it
    alive = weakref.ref(left_over)
    del left_over

    try:
        sphinx_builder(minimal_tree(tmp_path)).build()
        assert alive() is None  # thawed and collected before this build froze anything
        assert gc.get_freeze_count() > 0  # the process exits without walking the build's data
    finally:
        gc.unfreeze()


def test_a_build_stopped_by_bad_metadata_leaves_the_collector_on(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    (meta / "people/broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    try:
        site = sphinx_builder(meta).build(assert_pass=False)
        assert not site.passed and "broken.yaml" in site.output
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_write_queue_keeps_at_most_one_chunk_waiting_and_loses_none() -> None:
    """``sphinxext.writequeue``: adding a chunk while one already waits for a worker waits for a worker."""
    import time

    import sphinx.builders
    from sphinx.util.parallel import ParallelTasks

    from proceedings_site.sphinxext.writequeue import BoundedTasks

    assert sphinx.builders.ParallelTasks is BoundedTasks or sphinx.builders.ParallelTasks is ParallelTasks
    tasks, done, most_waiting = BoundedTasks(1), [], 0
    for chunk in range(6):
        tasks.add_task(lambda arg: time.sleep(0.05) or arg, chunk, lambda arg, result: done.append(result))
        most_waiting = max(most_waiting, len(tasks._precvs_waiting))
    tasks.join()
    assert sorted(done) == list(range(6)) and most_waiting <= 1


def test_parallel_builds_use_the_bounded_queue(sphinx_builder) -> None:
    import sphinx.builders

    from proceedings_site.sphinxext.writequeue import BoundedTasks

    site = sphinx_builder().build("-j", "2")
    assert sphinx.builders.ParallelTasks is BoundedTasks
    assert (site.out / "people/index.html").is_file()


def test_a_parallel_build_writes_with_as_many_writers_as_it_reads_with(sphinx_builder, monkeypatch) -> None:
    """Sphinx writes with one writer fewer than ``-j``; here the main process resolves pages beside all of them,
    and full collections are rarer while it writes (the doctrees waiting in the queue are not walked each chunk)."""
    from proceedings_site.sphinxext.memory import FULL_COLLECTION_EVERY
    from proceedings_site.sphinxext.writequeue import BoundedTasks

    queues: list[tuple[int, int]] = []
    start = BoundedTasks.__init__

    def counting(self: BoundedTasks, nproc: int) -> None:
        queues.append((nproc, gc.get_threshold()[2]))
        start(self, nproc)

    monkeypatch.setattr(BoundedTasks, "__init__", counting)
    before = gc.get_threshold()
    site = sphinx_builder().build("-j", "2")
    assert queues == [(2, before[2]), (2, FULL_COLLECTION_EVERY)]  # reading, then writing
    assert gc.get_threshold() == before
    assert (site.out / "people/index.html").is_file()


def test_a_forked_worker_freezes_what_it_inherited() -> None:
    """Its collections walk only what it made itself: the main process's queue of doctrees is not walked (or
    copied) once for each worker."""
    from proceedings_site.sphinxext.writequeue import BoundedTasks

    inherited = [[index] for index in range(1000)]  # objects the collector tracks, alive when the worker forks
    frozen_here = gc.get_freeze_count()
    counts: list[int] = []
    tasks = BoundedTasks(1)
    tasks.add_task(lambda arg: gc.get_freeze_count(), "a chunk", lambda arg, result: counts.append(result))
    tasks.join()
    assert counts[0] >= frozen_here + len(inherited)
    assert gc.get_freeze_count() == frozen_here  # the main process freezes nothing
