"""What a first visit to each kind of page costs a reader, measured in Chromium: for the benchmark and the tests.

A first visit has an empty cache, so every response counts. The local server sends files as they are; a host
that compresses (GitHub Pages gzips text) sends less, so each body is counted as gzip would send it. What blocks
the first render is what Chromium itself reports as render-blocking (``renderBlockingStatus`` of each resource).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Already-compressed formats gain nothing from gzip, and hosts send them as they are.
COMPRESSED = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".webp", ".gz")


def kind_pages(site: Path) -> dict[str, str]:
    """One page of each kind, by path from the site root: from an edition with keynotes, papers and a program."""

    def first(pattern: str) -> str:
        found = sorted(path for path in site.glob(pattern) if path.name != "index.html")
        return found[0].relative_to(site).as_posix()

    edition = Path(first("*/keynotes/*.html")).parts[0]
    found = {
        "home": "index.html",
        "edition": f"{edition}/index.html",
        "program": f"{edition}/program.html",
        "keynote": first(f"{edition}/keynotes/*.html"),
        "paper list": f"{edition}/papers/index.html",
        "paper": first(f"{edition}/papers/*.html"),
        "person": first("people/*.html"),
        "people": "people/index.html",
        "search": "search.html",
    }
    # Topic maps (an edition's, all editions'), where site.yaml has not turned them off
    maps = {"topics": f"{edition}/topics.html", "all topics": "topics.html"}
    found |= {kind: path for kind, path in maps.items() if (site / path).is_file()}
    # A map split by topic: the heaviest page of one topic of all editions
    topic_pages = sorted(site.glob("topics/*.html"), key=lambda path: (-path.stat().st_size, path.name))
    return found | ({"topic": topic_pages[0].relative_to(site).as_posix()} if topic_pages else {})


@dataclass
class Visit:
    requests: int = 0
    raw_bytes: int = 0
    sent_bytes: int = 0  # as a compressing host sends them
    blocking: list[str] = field(default_factory=list)  # render-blocking resources, by file name
    layout_shift: float = 0.0  # cumulative layout shift while loading, as Lighthouse counts it (CLS)

    def line(self) -> str:
        scripts = [name for name in self.blocking if name.endswith(".js")]
        return (
            f"{self.sent_bytes / 1024:.0f} KB gzip in {self.requests} requests; CLS {self.layout_shift:.3f}; first "
            f"render waits for {len(scripts)} scripts and {len(self.blocking) - len(scripts)} stylesheets "
            f"({', '.join(self.blocking)})"
        )


def sent_size(url: str, body: bytes) -> int:
    path = url.split("?")[0]
    return len(body) if path.endswith(COMPRESSED) else len(gzip.compress(body, 6))


# The layout shifts the page has had, not caused by the reader (Chromium's Layout Instability API). A page load
# is one session window here, so their sum is its CLS.
LAYOUT_SHIFT = """() => new Promise((done) => {
    const entries = [];
    new PerformanceObserver((list) => entries.push(...list.getEntries()))
      .observe({ type: "layout-shift", buffered: true });
    setTimeout(() => done(entries.reduce((sum, e) => sum + (e.hadRecentInput ? 0 : e.value), 0)), 300);
  })"""


def visit(page: Any, url: str) -> Visit:
    """Load ``url`` in a fresh Playwright page (empty cache) and count what it transferred."""
    bodies: dict[str, bytes] = {}

    def keep(response: Any) -> None:
        if response.ok:
            bodies[response.url] = response.body()

    page.on("response", keep)
    page.goto(url, wait_until="networkidle")
    blocking = page.evaluate(
        """() => performance.getEntriesByType("resource")
            .filter((entry) => entry.renderBlockingStatus === "blocking")
            .map((entry) => new URL(entry.name).pathname.split("/").pop())"""
    )
    page.remove_listener("response", keep)
    shift = page.evaluate(LAYOUT_SHIFT)
    return Visit(
        layout_shift=shift,
        requests=len(bodies),
        raw_bytes=sum(len(body) for body in bodies.values()),
        sent_bytes=sum(sent_size(url, body) for url, body in bodies.items()),
        blocking=blocking,
    )


def page_weights(site: Path, extra: dict[str, str] | None = None) -> dict[str, Visit]:
    """A first visit to one page of each kind (and to the ``extra`` pages: kind → path), each in a new browser
    context (nothing cached)."""
    from playwright.sync_api import sync_playwright

    from dev.localsite import CHROMIUM_ARGS, SYSTEM_CHROMIUM, serve

    visits: dict[str, Visit] = {}
    with sync_playwright() as playwright, serve(site) as base:
        options = {"executable_path": SYSTEM_CHROMIUM} if SYSTEM_CHROMIUM else {}
        browser = playwright.chromium.launch(args=CHROMIUM_ARGS, **options)
        for kind, path in {**kind_pages(site), **(extra or {})}.items():
            context = browser.new_context(viewport={"width": 390, "height": 844})
            visits[kind] = visit(context.new_page(), base + path)
            context.close()
        browser.close()
    return visits


if __name__ == "__main__":
    import sys

    for kind, result in page_weights(Path(sys.argv[1])).items():
        print(f"{kind}: {result.line()}")
