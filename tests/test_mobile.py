"""Narrow screens, in Chromium at 360px: no sideways scrolling, tap targets of at least 24px (WCAG 2.5.8),
and a program that reads as a list."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dev.localsite import serve
from dev.pageweight import kind_pages

from .sitebuild import SphinxBuilder

pytestmark = pytest.mark.browser

KINDS = ["home", "edition", "program", "keynote", "paper list", "paper", "person", "people", "search"]
KINDS += ["topics", "all topics"]  # topic maps: an edition's, all editions'
# Interactive elements under 24px, leaving out what WCAG 2.5.8 leaves out: links that are words in running
# text (inline, inside a paragraph, list item or cell) and what takes no room (hidden, or collapsed menus).
# A transparent control (sphinx-design's tab radios) is not what a reader taps: its label is, and is checked.
# A topic map's marks are exempt as WCAG 2.5.8 exempts a target with an equivalent: each is listed under the map.
SMALL_TARGETS = """() => [...document.querySelectorAll("a[href], button, input, select, summary, label, [role=button]")]
  .filter((el) => {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") return false;
    if (getComputedStyle(el).opacity === "0" && el.labels && el.labels.length) return false;
    if (el.tagName === "LABEL" && !el.control) return false;
    if (el.closest(".proceedings-topic-map svg")) return false;  // the same links are listed below the map
    if (el.tagName === "A" && getComputedStyle(el).display === "inline" && el.closest("p, li, dd, td")) return false;
    return box.width < 24 || box.height < 24;
  })
  .map((el) => `${el.outerHTML.slice(0, 100)} ${Math.round(el.getBoundingClientRect().width)}x${
    Math.round(el.getBoundingClientRect().height)}`)"""


@pytest.fixture(scope="module")
def site(workshop_site: SphinxBuilder) -> Path:
    """The fixture workshop: every kind of page, in an edition with keynotes, a panel and a program."""
    return workshop_site.out


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with serve(site) as base:
        yield base


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_no_sideways_scrolling_and_big_enough_tap_targets(phone: Any, site: Path, site_url: str, kind: str) -> None:
    phone.goto(site_url + kind_pages(site)[kind], wait_until="networkidle")
    width = phone.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width[0] <= width[1]
    assert phone.evaluate(SMALL_TARGETS) == []


def test_the_program_stacks_its_slots(phone: Any, site: Path, site_url: str) -> None:
    phone.goto(site_url + kind_pages(site)["program"], wait_until="networkidle")
    slots = phone.locator("section[id*='-slot-']")
    assert slots.count() >= 3
    boxes = [slots.nth(index).bounding_box() for index in range(3)]
    article = phone.locator("article.bd-article").bounding_box()
    for above, below in itertools.pairwise(boxes):
        assert above and below and below["y"] >= above["y"] + above["height"] - 1  # one under the other
    assert all(box and box["x"] + box["width"] <= article["x"] + article["width"] + 1 for box in boxes)
