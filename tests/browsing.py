"""Driving the paper browser in a real browser."""

from __future__ import annotations

from typing import Any

READY = ".proceedings-browser[aria-busy=false]"


def paper_browser_count(page: Any) -> Any:
    """The browser's count, once its data has come and the filters work on it.

    The data comes after the page has loaded, so a test that reads the count at once races with it.
    """
    page.locator(READY).wait_for(state="attached")
    return page.locator(".proceedings-browser-count")
