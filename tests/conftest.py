from __future__ import annotations

from pathlib import Path

import pytest

from .sitebuild import REPO, copy_docs, sphinx_build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real proceedings/ built once for the whole session; returns the HTML folder."""
    root = tmp_path_factory.mktemp("real-site")
    srcdir = copy_docs(root / "src")
    outdir = root / "html"
    status, output = sphinx_build(srcdir, outdir, REPO / "proceedings")
    assert status == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    return outdir


@pytest.fixture(scope="session")
def real_srcdir(real_site: Path) -> Path:
    return real_site.parent / "src"


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
