from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from proceedings_site.model import Proceedings, load_proceedings
from proceedings_site.textformat import math, memo

from .sitebuild import (
    REAL_DOCS,
    REAL_METADATA,
    WORKSHOP_DOCS,
    WORKSHOP_METADATA,
    SphinxBuilder,
    copy_metadata,
)

MakeBuilder = Callable[..., SphinxBuilder]


@pytest.fixture(autouse="MUTANT_UNDER_TEST" in os.environ)
def _text_caches_start_empty() -> None:
    """Under mutmut (``nox -s mutants``), every test converts its texts itself. mutmut runs the whole suite once in
    its main process and forks each mutant's run from it: the formulas and texts that run converted, and the tests
    that converted them first, would otherwise be all a mutant's run sees, and mutants of the conversions survive."""
    math.convert.cache_clear()
    memo.start_build(None)
    memo.start_build(None)  # the second start forgets what the first kept as "previous"


@pytest.fixture
def sphinx_builder(tmp_path: Path) -> MakeBuilder:
    """Makes builders in this test's folder: ``sphinx_builder(metadata)`` builds that folder;
    ``sphinx_builder()`` builds an editable copy of the fixture workshop (``builder.metadata``). Each call gets
    its own folder, so a test can build twice side by side."""
    count = 0

    def make(metadata: Path | None = None, docs: Path = WORKSHOP_DOCS) -> SphinxBuilder:
        nonlocal count
        count += 1
        root = tmp_path / f"site-{count}"
        if metadata is None:
            metadata = copy_metadata(WORKSHOP_METADATA, root / "proceedings")
        return SphinxBuilder(root, metadata, docs)

    return make


@pytest.fixture(scope="session")
def workshop() -> Proceedings:
    """The fixture workshop's metadata, loaded: what tests of its site expect."""
    return load_proceedings(WORKSHOP_METADATA)


@pytest.fixture(scope="session")
def workshop_site(tmp_path_factory: pytest.TempPathFactory) -> SphinxBuilder:
    """The fixture workshop (tests/fixtures/workshop) built once for the whole session; do not modify it."""
    return SphinxBuilder(tmp_path_factory.mktemp("workshop-site"), WORKSHOP_METADATA).build()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> SphinxBuilder:
    """The real proceedings/ with the real docs/ built once for the whole session."""
    return SphinxBuilder(tmp_path_factory.mktemp("real-site"), REAL_METADATA, REAL_DOCS).build()


@pytest.fixture(scope="session")
def real_html(real_site: SphinxBuilder) -> Path:
    """The HTML folder of the real site, for tests that only read it."""
    return real_site.out


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session."""
    from dev.localsite import CHROMIUM_ARGS, SYSTEM_CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        options = {"executable_path": SYSTEM_CHROMIUM} if SYSTEM_CHROMIUM else {}
        chromium = playwright.chromium.launch(args=CHROMIUM_ARGS, **options)
        yield chromium
        chromium.close()


@pytest.fixture
def desktop_tab(browser):
    """A tab in a context of its own, the size of a laptop's screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The ``browser`` marker says what a test uses: every test that takes the ``browser`` fixture has it, and a
    test that has it without the fixture says why (``@pytest.mark.browser("starts Chromium through …")``), so
    ``-m "not browser"`` runs exactly the tests that need no Chromium."""
    wrong = []
    for item in items:
        marker = item.get_closest_marker("browser")
        uses = "browser" in getattr(item, "fixturenames", ())
        if uses and marker is None:
            wrong.append(f"{item.nodeid}: uses the browser fixture without the browser marker")
        elif marker is not None and not uses and not marker.args:
            wrong.append(f"{item.nodeid}: marked browser, uses no browser (give the reason if it starts its own)")
    if wrong:
        raise pytest.UsageError("\n".join(wrong))
