"""Run the assembler when the builder starts, so a plain ``sphinx-build`` sees fresh pages."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..errors import MetadataError
from ..files import folder_digests
from ..model import Proceedings, load_proceedings
from ..model.loading import take_over
from ..pages import Fingerprints, Recorded, Reuse, Site, assemble, write_site
from ..textformat import memo
from ..topics.analysis import Helper, Topics, analyse_aside, discard_helper_ahead, start_helper
from . import snapshot
from .config import ProceedingsConfig, add_config_values, address_from_site_file, notice_without_address
from .memory import paused_collector

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
METADATA_CACHE = "proceedings-metadata.pickle"  # parsed metadata files, beside Sphinx's doctrees
TOPICS_CACHE = "proceedings-topics.pickle"  # related papers and topic maps, by a digest of their inputs
TEXT_CACHE = "proceedings-text.pickle"  # plain and TeX forms of abstracts and titles (``textformat.memo``)


def setup_assembler(app: Sphinx) -> None:
    add_config_values(app)
    app.connect("config-inited", address_from_site_file, priority=100)
    app.connect("config-inited", start_topics_early, priority=900)
    app.connect("builder-inited", run_assembler, priority=100)
    # Emitted with the loaded model while the topics are computed aside, before the build waits for them: work
    # that needs the model alone is done then (``exports.make_editions_ahead``).
    app.add_event("proceedings-topics-pending")
    app.connect("env-get-outdated", note_removed_docs)
    app.connect("build-finished", remove_stale_output, priority=100)  # before the search index is built
    app.connect("build-finished", wait_for_snapshot, priority=100)
    app.connect("build-finished", remember_texts, priority=950)  # after the exports (500) and the search index


def remember_texts(app: Sphinx, exception: Exception | None) -> None:
    # A build that kept the last assembly converted no text: the file still holds what the pages need.
    if exception is None and str(app.srcdir) not in _KEPT:
        memo.save(Path(app.doctreedir) / TEXT_CACHE)


def note_removed_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    _REMOVED[str(app.srcdir)] = set(removed)
    return []


def remove_stale_output(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx leaves the HTML of a deleted document behind: a removed paper would stay online. (The search index
    is rebuilt without it, see ``pagefind.check_search_sources``.)"""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    removed = sorted(_REMOVED.pop(str(app.srcdir), set()))
    for docname in removed:
        stale = Path(app.builder.get_outfilename(docname))  # its file, whatever suffix links have
        if stale.is_file():
            stale.unlink()
            logger.info(f"[proceedings] removed {stale.relative_to(app.outdir)} (its page is gone)")


def start_topics_early(app: Sphinx, _config: object) -> None:
    """When the metadata changed since the last assembly, the topics' helper (``topics.analysis.Helper``) starts
    before Sphinx loads its environment, not after: it imports scikit-learn meanwhile, and the build waits for
    it less (a quarter of a second of adding a paper at 3,000 papers)."""
    try:
        config = ProceedingsConfig.from_app(app)
    except (TypeError, ValueError):  # a setting in error: reported when the pages are assembled
        return
    folders = folder_digests(config.metadata_dir)
    stale = snapshot.stored_key(Path(app.doctreedir) / snapshot.SNAPSHOT) != snapshot.inputs_key(config, folders)
    _, unused = _EARLY.pop(str(app.srcdir), (None, None))  # of a build that stopped before its builder started
    if unused is not None:
        unused.close()
    _EARLY[str(app.srcdir)] = (folders, start_helper() if stale else None)
    discard_helper_ahead()  # started by ``proceedings build``, for nothing when the metadata did not change


def run_assembler(app: Sphinx) -> None:
    config = ProceedingsConfig.from_app(app)
    memo.start_build(Path(app.doctreedir) / TEXT_CACHE)
    snapshot_file, srcdir = Path(app.doctreedir) / snapshot.SNAPSHOT, Path(app.srcdir)
    folders, helper = _EARLY.pop(str(srcdir), (None, None))
    folders = _FOLDERS[str(srcdir)] = folders if folders is not None else folder_digests(config.metadata_dir)
    key = snapshot.inputs_key(config, folders)
    handed = take_over(config.metadata_dir, folders)  # by ``proceedings build``, which validated the metadata
    _KEPT.discard(str(srcdir))
    with paused_collector():
        kept = snapshot.reuse(snapshot_file, key, srcdir)
    if kept is not None:
        if helper is not None:
            helper.close()
        _BUILDS[str(srcdir)] = (kept.proceedings, kept.site)
        _KEPT.add(str(srcdir))
        logger.info(
            f"[proceedings] metadata and settings unchanged: the {len(kept.sources)} pages assembled last are kept"
        )
        notice_without_address(app)
        return
    snapshot.forget(snapshot_file)  # before any page changes: a build stopped halfway leaves no stale snapshot
    if helper is None:
        helper = start_helper()  # imports the topics' libraries while the metadata loads
    # Loading and assembling make hundreds of thousands of objects, little garbage.
    with paused_collector(), contextlib.closing(helper) if helper else contextlib.nullcontext():
        try:
            cache_file = Path(app.doctreedir) / METADATA_CACHE
            proceedings = handed if handed is not None else load_proceedings(config.metadata_dir, cache_file)
        except MetadataError as error:
            for problem in error.problems:
                logger.error(str(problem), type="proceedings", subtype="metadata")
            logger.error(f"{len(error.problems)} problem(s) in {config.metadata_dir}; nothing was built.")
            # SystemExit passes through Sphinx's generic handler, which would
            # otherwise bury the organizer's message under a traceback dump.
            raise SystemExit(1) from None
        topics = analyse_aside(proceedings, Path(app.doctreedir) / TOPICS_CACHE, helper)

        def analysis() -> Topics:
            app.emit("proceedings-topics-pending", proceedings)
            return topics()

        recorded = Recorded(srcdir)
        reuse = Reuse(Fingerprints(proceedings, config.base_url, snapshot.engine_digest()), recorded.fingerprint)
        site = assemble(proceedings, config.base_url, config.today, analysis, reuse)
    try:
        written, removed = write_site(site.pages, srcdir, site.fingerprints, recorded)
    except FileExistsError as error:
        logger.error(str(error))
        raise SystemExit(1) from None
    kept = len(site.meta) - len(site.pages)
    logger.info(
        f"[proceedings] {len(site.meta)} pages assembled ({kept} kept as their inputs were), {len(written)} written, "
        f"{len(removed)} removed"
    )
    # The pages' sources are on disk now; the build needs only what the pages are about (tens of megabytes
    # fewer for a large conference, in the main process and in every worker forked from it).
    _BUILDS[str(app.srcdir)] = (proceedings, Site({}, site.meta, site.topics))
    sources = snapshot.source_stats(srcdir, list(site.meta))
    _SNAPSHOTS[str(srcdir)] = snapshot.take_aside(snapshot_file, key, snapshot.Snapshot(*_BUILDS[str(srcdir)], sources))
    notice_without_address(app)


def wait_for_snapshot(app: Sphinx, exception: Exception | None) -> None:
    stored = _SNAPSHOTS.pop(str(app.srcdir), None)
    if stored is not None and not stored():
        logger.info("[proceedings] the assembled pages' snapshot could not be stored: the next build assembles again")


_REMOVED: dict[str, set[str]] = {}  # documents removed in the build under way, by source folder
# The metadata folder's top-level folders' digests (``files.folder_digests``) as the build under way found them.
_FOLDERS: dict[str, dict[str, str]] = {}
# The metadata folder's digests and the topics' helper, when started before the builder (``start_topics_early``).
_EARLY: dict[str, tuple[dict[str, str], Helper | None]] = {}
_KEPT: set[str] = set()  # source folders whose build under way kept the last assembly (``snapshot``)
_SNAPSHOTS: dict[str, Callable[[], bool]] = {}  # the snapshot being stored aside, by source folder

# The model of the build under way, by source folder. Not on the environment, which Sphinx pickles, nor
# on the app, which transforms should no longer reach; forked parallel workers inherit it.
_BUILDS: dict[str, tuple[Proceedings, Site]] = {}


def site_of(app_or_env: Sphinx | BuildEnvironment) -> Site | None:
    build = _BUILDS.get(str(app_or_env.srcdir))
    return build[1] if build else None


def metadata_digests(app: Sphinx) -> dict[str, str]:
    """What the build under way was made from: a digest of each top-level folder of the metadata folder."""
    return _FOLDERS[str(app.srcdir)]


def proceedings_of(app_or_env: Sphinx | BuildEnvironment) -> Proceedings | None:
    build = _BUILDS.get(str(app_or_env.srcdir))
    return build[0] if build else None
