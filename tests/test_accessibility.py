"""Accessibility of every kind of page, in Chromium: axe-core in light and dark mode, a clean console, no failed
request, keyboard-only paths, and a head whose scripts never hold up the first render."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dev.localsite import serve
from dev.pageweight import kind_pages

from .browsing import paper_browser_count
from .htmlpage import parse
from .sitebuild import SphinxBuilder

KINDS = ["home", "edition", "program", "keynote", "paper list", "paper", "person", "people", "search"]
KINDS += ["topics", "all topics"]  # topic maps: an edition's, all editions'
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    """The fixture workshop: every kind of page, in an edition with keynotes, a panel and a program."""
    return workshop_site.out


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, str]:
    found = kind_pages(site)
    assert list(found) == KINDS
    return found


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_page(browser: Any, url: str, scheme: str = "light", **options: Any) -> tuple[Any, list[str]]:
    """A fresh context at ``url``; returns the page and the console errors, failed requests and 4xx/5xx answers."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda answer: answer.status >= 400 and problems.append(f"{answer.status} {answer.url}"))
    page.goto(url, wait_until="networkidle")
    return page, problems


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_violation_console_error_or_failed_request(
    browser: Any, axe: Any, site_url: str, pages: dict[str, str], kind: str, scheme: str
) -> None:
    page, problems = open_page(browser, site_url + pages[kind], scheme)
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == scheme  # the theme follows the reader
        assert problems == []  # before axe: it re-fetches stylesheets itself
        results = axe.run(page, options={"resultTypes": ["violations"]}).response
        serious = [
            f"{rule['id']}: {[node['html'][:120] for node in rule['nodes']]}"
            for rule in results["violations"]
            if rule["impact"] in SERIOUS
        ]
        assert serious == []
    finally:
        page.context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_no_script_in_the_head_holds_up_the_first_render(site: Path, pages: dict[str, str], kind: str) -> None:
    head = parse(site / pages[kind]).head
    blocking = [
        script["src"]
        for script in head.find_all("script", src=True)
        if not ({"defer", "async"} & set(script.attrs) or script.get("type") == "module")
    ]
    assert blocking == []
    icon = head.find("link", rel="icon")
    assert icon is not None and (site / pages[kind]).parent.joinpath(icon["href"].split("?")[0]).is_file()


def test_scripts_load_only_where_they_are_used(site: Path, pages: dict[str, str]) -> None:
    def scripts(kind: str) -> set[str]:
        head = parse(site / pages[kind]).head
        return {Path(script["src"].split("?")[0]).name for script in head.find_all("script", src=True)}

    assert "proceedings-browser.js" in scripts("paper list") and "proceedings-browser.js" not in scripts("paper")
    assert "proceedings-time.js" in scripts("program") and "proceedings-time.js" not in scripts("people")
    assert "copybutton.js" in scripts("paper") and "copybutton.js" not in scripts("home")
    assert not any("sphinx_highlight" in name or "fontawesome" in name for kind in KINDS for name in scripts(kind))


def focus_by_tab(page: Any, condition: str, limit: int = 60) -> None:
    """Press Tab until ``condition`` (JavaScript, about document.activeElement) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached {condition}")


@pytest.mark.browser
def test_keyboard_skip_link_and_navbar(browser: Any, site_url: str, pages: dict[str, str]) -> None:
    page, _ = open_page(browser, site_url + pages["paper"])
    page.keyboard.press("Tab")  # the first stop is the skip link
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    page.goto(site_url + pages["paper"])
    focus_by_tab(page, "el.matches('.bd-header a.nav-link') && el.textContent.trim() === 'People'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people/index.html")
    page.context.close()


@pytest.mark.browser
def test_keyboard_search_opens_closes_and_searches(browser: Any, site_url: str, pages: dict[str, str]) -> None:
    page, _ = open_page(browser, site_url + pages["edition"])
    focus_by_tab(page, "el.matches('button.search-button-field')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.matches('#pst-search-dialog input[name=q]')")
    page.keyboard.press("Escape")  # closes the dialog without searching
    assert not page.locator("#pst-search-dialog").evaluate("dialog => dialog.open")
    page.keyboard.press("Control+k")
    page.keyboard.type("sea ice")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=sea+ice*")
    page.locator(".proceedings-result").first.wait_for()
    page.context.close()


@pytest.mark.browser
def test_keyboard_paper_browser_filters(browser: Any, site_url: str, pages: dict[str, str]) -> None:
    page, _ = open_page(browser, site_url + pages["paper list"])
    count = paper_browser_count(page)
    total = count.inner_text()
    focus_by_tab(page, "el.matches('.proceedings-browser-form input[type=search]')")
    page.keyboard.type("zzzz-no-such-paper")
    assert count.inner_text().startswith("0 of ")
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    assert count.inner_text() == total
    page.keyboard.press("Tab")  # the next filter: edition or track
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    page.keyboard.press("ArrowDown")  # picks the first value without opening the list
    assert count.inner_text() != total and "=" in page.url
    page.context.close()


@pytest.mark.browser
def test_keyboard_time_zone_switch(browser: Any, site_url: str, pages: dict[str, str]) -> None:
    page, _ = open_page(browser, site_url + pages["program"], timezone_id="Asia/Tokyo")
    first = page.locator("time.proceedings-time").first
    event_time = first.inner_text()
    focus_by_tab(page, "el.matches('.proceedings-timezone-button')")
    page.keyboard.press("Enter")
    button = page.locator(".proceedings-timezone-button").first
    assert button.get_attribute("aria-pressed") == "true" and first.inner_text() != event_time
    assert page.evaluate("document.activeElement.matches('.proceedings-timezone-button')")  # focus stays
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false" and first.inner_text() == event_time
    page.context.close()
