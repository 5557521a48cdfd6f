"""Stars and My schedule, in Chromium on the fixture workshop (a program over two days in Pacific/Auckland): star
from the program, talk and paper pages and a paper list; My schedule in both time zones; its calendar file parsed
with icalendar; a share link in a fresh browser; cleared storage; no JavaScript; accessibility; a phone."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dev.localsite import serve
from icalendar import Calendar

from proceedings_site import layout, textformat
from proceedings_site.exports import calendar
from proceedings_site.exports.stars import keynote_star, panel_star, paper_star, slot_star
from proceedings_site.model import Edition, Proceedings, Slot

READER_ZONE = "Europe/Paris"


@pytest.fixture(scope="module")
def site_url(workshop_site: Any) -> Iterator[str]:
    with serve(workshop_site.out) as base:
        yield base


@pytest.fixture(scope="module")
def christchurch(workshop: Proceedings) -> Edition:
    """The fixture's edition with a program over two days."""
    edition = next(edition for edition in workshop.editions if len(edition.days) > 1)
    assert edition.zone.utcoffset(dt.datetime.combine(edition.info.date, dt.time(12))) != dt.timedelta(hours=1)
    return edition


def open_page(browser: Any, url: str, **options: Any) -> tuple[Any, list[str]]:
    context = browser.new_context(timezone_id=READER_ZONE, **options)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda answer: answer.status >= 400 and problems.append(f"{answer.status} {answer.url}"))
    page.goto(url)
    return page, problems


def star_button(page: Any, star: str) -> Any:
    return page.locator(f'button.proceedings-star-button[data-star="{star}"]').first


def press_star(page: Any, star: str) -> None:
    button = star_button(page, star)
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def keynote_slot(edition: Edition) -> Slot:
    return next(slot for slot in edition.slots if slot.keynote)


def oral_papers(edition: Edition) -> list[tuple[Slot, str]]:
    """(slot, paper id) of every paper the program presents, in program order."""
    return [(slot, entry.paper) for slot in edition.slots for entry in slot.papers]


def unslotted_paper(edition: Edition) -> str:
    return next(paper_id for paper_id in edition.papers if not edition.slots_for_paper(paper_id))


def starred_by_reader(edition: Edition) -> dict[str, Any]:
    """What the main test stars, and where: a keynote slot on the program, a paper on its page, another paper (of
    another day) in the paper list, the other keynote on its page, and a paper presented in no slot."""
    first_keynote = keynote_slot(edition)
    second_keynote = next(slot for slot in edition.slots if slot.keynote and slot is not first_keynote)
    papers = oral_papers(edition)
    on_page = papers[0]
    in_list = next(pair for pair in papers if edition.slot_date(pair[0]) != edition.slot_date(on_page[0]))
    return {
        "program": slot_star(edition, first_keynote),
        "keynote page": keynote_star(edition, str(second_keynote.keynote)),
        "paper page": paper_star(edition, on_page[1]),
        "paper list": paper_star(edition, in_list[1]),
        "unslotted": paper_star(edition, unslotted_paper(edition)),
        "slots": [first_keynote, on_page[0], second_keynote, in_list[0]],
        "papers": (on_page[1], in_list[1], unslotted_paper(edition)),
        "keynote": str(second_keynote.keynote),
    }


def star_everything(page: Any, site_url: str, edition: Edition, plan: dict[str, Any]) -> None:
    page.goto(site_url + layout.html(layout.program(edition.id)))
    press_star(page, plan["program"])
    page.goto(site_url + layout.html(layout.keynote(edition.id, plan["keynote"])))
    press_star(page, plan["keynote page"])
    on_page, _, unslotted = plan["papers"]
    page.goto(site_url + layout.html(layout.paper(edition.id, on_page)))
    press_star(page, plan["paper page"])
    page.goto(site_url + layout.html(layout.paper(edition.id, unslotted)))
    press_star(page, plan["unslotted"])
    page.goto(site_url + layout.html(layout.papers(edition.id)))
    press_star(page, plan["paper list"])


def my_schedule(page: Any, site_url: str) -> None:
    page.goto(site_url + layout.html(layout.MY_SCHEDULE))
    page.locator(".proceedings-my-schedule > *").first.wait_for()


def shown_times(page: Any) -> list[str]:
    return page.locator(".proceedings-entry-title").evaluate_all(
        "lines => lines.map(line => [...line.querySelectorAll('time')].map(t => t.textContent).join('-'))"
    )


def clock(moment: dt.datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).strftime("%H:%M")


def download_calendar(page: Any, tmp_path: Path) -> bytes:
    with page.expect_download() as event:
        page.get_by_role("button", name="Download calendar").click()
    target = tmp_path / "my-schedule.ics"
    event.value.save_as(target)
    return target.read_bytes()


def test_data_file_has_the_program_calendars_events(workshop_site: Any, workshop: Proceedings) -> None:
    """The browser's calendar is made of the VEVENTs program.ics has: same UIDs, same instants, same text."""
    for edition in (edition for edition in workshop.editions if edition.slots):
        program = Calendar.from_ical(workshop_site.path(layout.calendar(edition.id)).read_bytes())
        expected = {str(event["UID"]): event for event in program.walk("VEVENT")}
        data = json.loads(workshop_site.path(layout.star_data(edition.id)).read_text(encoding="utf-8"))
        assert [slot["key"] for slot in data["slots"]] == [edition.slot_key(slot) for slot in edition.slots]
        for slot in data["slots"]:
            event = Calendar.from_ical(f"BEGIN:VCALENDAR\r\n{slot['ics']}END:VCALENDAR\r\n").walk("VEVENT")[0]
            assert event.to_ical() == expected[str(event["UID"])].to_ical()
            assert event.decoded("DTSTART") == dt.datetime.fromisoformat(slot["start"])
        stars_of = {slot_star(edition, slot) for slot in edition.slots}
        assert stars_of | {paper_star(edition, paper_id) for paper_id in edition.papers} <= set(data["items"])


def test_my_schedules_own_script_loads_on_its_page_only(workshop_site: Any) -> None:
    loading = {
        page.relative_to(workshop_site.out).as_posix()
        for page in workshop_site.out.rglob("*.html")
        if "proceedings-schedule.js" in page.read_text(encoding="utf-8")
    }
    assert loading == {layout.html(layout.MY_SCHEDULE)}


def test_every_star_mark_names_an_item_of_the_data(workshop_site: Any, workshop: Proceedings) -> None:
    """A button can only star what My schedule can show: every mark of every page is in its edition's data, and
    program, keynote, panel, paper pages and paper lists all have marks."""
    items = {}
    for edition in workshop.editions:
        items.update(json.loads(workshop_site.path(layout.star_data(edition.id)).read_text(encoding="utf-8"))["items"])
    marked: dict[str, set[str]] = {}
    for page in workshop_site.out.rglob("*.html"):
        for mark in workshop_site.soup(page.relative_to(workshop_site.out).as_posix()).select("[data-star]"):
            assert mark.get_text() == "" and mark["data-star"] in items, (page, mark)
            marked.setdefault(mark["data-star"], set()).add(page.relative_to(workshop_site.out).as_posix())
    for edition in (edition for edition in workshop.editions if edition.slots):
        assert {slot_star(edition, slot) for slot in edition.slots} <= marked.keys()
        for paper_id in edition.papers:
            assert {layout.html(layout.paper(edition.id, paper_id)), layout.html(layout.papers(edition.id))} <= marked[
                paper_star(edition, paper_id)
            ]
        for keynote_id in edition.keynotes:
            assert layout.html(layout.keynote(edition.id, keynote_id)) in marked[keynote_star(edition, keynote_id)]
        for panel_id in edition.panels:
            assert layout.html(layout.panel(edition.id, panel_id)) in marked[panel_star(edition, panel_id)]


@pytest.mark.browser
def test_star_from_four_page_kinds_and_see_them_in_my_schedule(
    browser: Any, site_url: str, christchurch: Edition, workshop: Proceedings, tmp_path: Path
) -> None:
    plan = starred_by_reader(christchurch)
    page, problems = open_page(browser, site_url + "index.html")
    star_everything(page, site_url, christchurch, plan)
    page.reload()
    assert page.locator(".bd-header a.proceedings-stars-nav .proceedings-stars-count").first.inner_text() == "5"
    assert star_button(page, plan["paper list"]).get_attribute("aria-pressed") == "true"  # remembered

    my_schedule(page, site_url)
    slots = sorted(plan["slots"], key=lambda slot: christchurch.slot_datetime(slot, slot.start))
    starts = [christchurch.slot_datetime(slot, slot.start) for slot in slots]
    ends = [christchurch.slot_datetime(slot, slot.end) for slot in slots]
    zone = christchurch.info.timezone
    # The event's time zone, by the event's days.
    assert shown_times(page) == [f"{clock(s, zone)}-{clock(e, zone)}" for s, e in zip(starts, ends, strict=True)]
    days = [f"{day:%A} {day.day} {day:%B %Y}" for day in christchurch.days]
    assert page.locator(".proceedings-my-schedule h3").all_inner_texts() == days
    unslotted = textformat.plain_title(christchurch.papers[plan["papers"][2]].title)
    assert unslotted in page.locator(".proceedings-my-schedule").inner_text()
    # The reader's time zone, by the reader's days; the choice is remembered.
    page.get_by_role("button", name=f"Show my time ({READER_ZONE})").click()
    assert shown_times(page) == [
        f"{clock(s, READER_ZONE)}-{clock(e, READER_ZONE)}" for s, e in zip(starts, ends, strict=True)
    ]
    from zoneinfo import ZoneInfo

    local_days = sorted({start.astimezone(ZoneInfo(READER_ZONE)).date() for start in starts})
    assert page.locator(".proceedings-my-schedule h3").all_inner_texts() == [
        f"{day:%A} {day.day} {day:%B %Y}" for day in local_days
    ]
    page.reload()
    page.locator(".proceedings-entry-title").first.wait_for()
    assert shown_times(page)[0] == f"{clock(starts[0], READER_ZONE)}-{clock(ends[0], READER_ZONE)}"

    # The calendar file: exactly the starred slots, program.ics's UIDs, the right instants, RFC 5545 lines.
    raw = download_calendar(page, tmp_path)
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    events = Calendar.from_ical(raw).walk("VEVENT")
    assert sorted(str(event["UID"]) for event in events) == sorted(
        calendar.uid(workshop, christchurch, slot) for slot in slots
    )

    def utc(moments: Any) -> list[dt.datetime]:
        return sorted(moment.astimezone(dt.UTC) for moment in moments)

    assert utc(event.decoded("DTSTART") for event in events) == utc(starts)
    assert utc(event.decoded("DTEND") for event in events) == utc(ends)
    assert problems == []
    page.context.close()


@pytest.mark.browser
def test_a_share_link_shows_the_same_list_in_a_fresh_browser(
    browser: Any, site_url: str, christchurch: Edition
) -> None:
    plan = starred_by_reader(christchurch)
    page, problems = open_page(browser, site_url + "index.html")
    star_everything(page, site_url, christchurch, plan)
    my_schedule(page, site_url)
    own_list = page.locator(".proceedings-entry p:first-child a").all_inner_texts()
    page.get_by_role("button", name="Copy share link").click()
    link = page.locator("input.proceedings-share-link").input_value()
    assert link.startswith(site_url + layout.html(layout.MY_SCHEDULE) + "#share=")
    assert christchurch.id in link and "@" not in link and len(link) < 200
    page.get_by_role("button", name="Show QR code").click()
    qr = page.get_by_role("img", name="QR code of the share link")
    assert int(qr.get_attribute("data-modules")) >= 21  # a version-1 code is 21 modules wide
    page.context.close()

    fresh, fresh_problems = open_page(browser, link)
    fresh.locator(".proceedings-shared-note").wait_for()
    assert fresh.locator(".proceedings-entry p:first-child a").all_inner_texts() == own_list
    assert fresh.locator(".proceedings-my-schedule button.proceedings-star-button").count() == 0  # read-only
    assert fresh.evaluate("localStorage.getItem(window.proceedingsStars.key)") is None  # nothing stored by looking
    fresh.get_by_role("button", name="Add these to my schedule").click()
    assert fresh.locator(".bd-header .proceedings-stars-count").first.inner_text() == "5"
    fresh.goto(site_url + layout.html(layout.MY_SCHEDULE))
    fresh.locator(".proceedings-entry").first.wait_for()
    assert fresh.locator(".proceedings-entry p:first-child a").all_inner_texts() == own_list
    assert problems == [] and fresh_problems == []
    fresh.context.close()


@pytest.mark.browser
def test_clearing_storage_clears_the_view(browser: Any, site_url: str, christchurch: Edition) -> None:
    page, problems = open_page(browser, site_url + layout.html(layout.program(christchurch.id)))
    press_star(page, slot_star(christchurch, keynote_slot(christchurch)))
    my_schedule(page, site_url)
    assert page.locator(".proceedings-entry").count() == 1
    key = page.evaluate("window.proceedingsStars.key")
    ours = page.evaluate("Object.keys(localStorage).filter(name => name.startsWith('proceedings-stars'))")
    assert ours == [key] and key.endswith("/")  # one key, for this site's root
    assert page.context.cookies() == []
    page.evaluate("localStorage.clear()")
    page.reload()
    page.get_by_text("Nothing is starred yet").wait_for()
    assert page.locator(".proceedings-entry").count() == 0
    assert page.locator(".bd-header .proceedings-stars-count").first.inner_text() == "0"
    assert problems == []
    page.context.close()


@pytest.mark.browser
def test_without_javascript_there_are_no_buttons(browser: Any, site_url: str, christchurch: Edition) -> None:
    page, _ = open_page(browser, site_url + layout.html(layout.program(christchurch.id)), java_script_enabled=False)
    assert page.locator(".proceedings-star").count() > 0
    assert page.locator("button.proceedings-star-button").count() == 0
    # The marks take no room: blocks have no height, marks in a line no width; the page reads as before.
    assert set(page.locator("div.proceedings-star").evaluate_all("ms => ms.map(m => m.offsetHeight)")) == {0}
    assert set(page.locator("span.proceedings-star").evaluate_all("ms => ms.map(m => m.offsetWidth)")) == {0}
    assert not page.locator("a.proceedings-stars-nav").first.is_visible()
    page.goto(site_url + layout.html(layout.MY_SCHEDULE))
    assert "needs JavaScript" in page.locator(".proceedings-my-schedule-static").inner_text()
    page.context.close()


@pytest.mark.browser
def test_my_schedule_is_accessible_in_both_modes_and_by_keyboard(
    browser: Any, site_url: str, christchurch: Edition, tmp_path: Path
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    plan = starred_by_reader(christchurch)
    for scheme in ("light", "dark"):
        page, problems = open_page(browser, site_url + "index.html", color_scheme=scheme)
        star_everything(page, site_url, christchurch, plan)
        for url in (layout.html(layout.program(christchurch.id)), layout.html(layout.MY_SCHEDULE)):
            page.goto(site_url + url)
            page.locator("button.proceedings-star-button").first.wait_for()
            assert problems == []  # before axe, which fetches stylesheets again by itself
            results = Axe().run(page, options={"resultTypes": ["violations"]}).response
            serious = [rule["id"] for rule in results["violations"] if rule["impact"] in {"serious", "critical"}]
            assert serious == [], (scheme, url)
            problems.clear()
        page.context.close()

    # Keyboard only: star on a paper page, then download and unstar from My schedule.
    page, problems = open_page(browser, site_url + layout.html(layout.paper(christchurch.id, plan["papers"][0])))
    tab_to(page, "el.matches('button.proceedings-star-button')")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    tab_to(page, "el.matches('a.proceedings-stars-nav')", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + layout.html(layout.MY_SCHEDULE))
    page.locator(".proceedings-entry").first.wait_for()
    tab_to(page, "el.textContent === 'Download calendar'")
    with page.expect_download() as event:
        page.keyboard.press("Enter")
    assert event.value.suggested_filename == "my-schedule.ics"
    tab_to(page, "el.matches('.proceedings-entry button.proceedings-star-button')")
    page.keyboard.press("Enter")
    page.get_by_text("Nothing is starred yet").wait_for()
    assert problems == []
    page.context.close()


def tab_to(page: Any, condition: str, backwards: bool = False, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached {condition}")


@pytest.mark.browser
def test_my_schedule_fits_a_phone(browser: Any, site_url: str, christchurch: Edition) -> None:
    plan = starred_by_reader(christchurch)
    page, _ = open_page(browser, site_url + "index.html", viewport={"width": 360, "height": 740}, is_mobile=True)
    star_everything(page, site_url, christchurch, plan)
    my_schedule(page, site_url)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    sizes = page.locator("button.proceedings-star-button, a.proceedings-stars-nav").evaluate_all(
        "items => items.filter(i => i.offsetParent).map(i => [i.offsetWidth, i.offsetHeight])"
    )
    assert sizes and min(min(size) for size in sizes) >= 24
    assert page.locator(".navbar-persistent--mobile a.proceedings-stars-nav").is_visible()
    page.context.close()


def add_parallel_edition(metadata: Path, edition: Edition) -> str:
    """An edition on the same day as ``edition``, with one slot over its first: a clash for a reader who stars both."""
    parallel = f"{edition.id}-parallel"
    (metadata / parallel).mkdir()
    info = (metadata / edition.id / "edition.yaml").read_text(encoding="utf-8")
    info = info.replace(f"short_name: {edition.info.short_name}", "short_name: Parallel track")
    (metadata / parallel / "edition.yaml").write_text(info, encoding="utf-8")
    first = edition.slots[0]
    program = f'slots:\n- start: "{first.start}"\n  end: "{first.end}"\n  kind: opening\n  title: Parallel opening\n'
    (metadata / parallel / "program.yaml").write_text(program, encoding="utf-8")
    return parallel


@pytest.mark.browser
def test_stars_gone_after_a_rebuild_are_dropped_and_counted_and_clashes_marked(
    browser: Any, sphinx_builder: Any, christchurch: Edition, tmp_path: Path
) -> None:
    """Also: the calendar's name, from the project's, is escaped and folded as RFC 5545 wants."""
    project = "Atelier glace de mer, océan; Ωmega — Tromsø, a workshop with a long name"
    builder = sphinx_builder()
    parallel = add_parallel_edition(builder.metadata, christchurch)
    builder.build("-D", f"project={project}")
    first = christchurch.slots[0]
    kept, gone = keynote_slot(christchurch), unslotted_paper(christchurch)
    with serve(builder.out) as base:
        page, problems = open_page(browser, base + layout.html(layout.program(christchurch.id)))
        press_star(page, slot_star(christchurch, kept))
        press_star(page, slot_star(christchurch, first))
        page.goto(base + layout.html(layout.program(parallel)))
        press_star(page, layout.star(parallel, "slot", christchurch.slot_key(first)))
        page.goto(base + layout.html(layout.paper(christchurch.id, gone)))
        press_star(page, paper_star(christchurch, gone))
        my_schedule(page, base)
        clashing = page.locator(".proceedings-clash")
        assert clashing.count() == 2
        assert "Clashes with Parallel opening" in clashing.first.inner_text() + clashing.last.inner_text()
        raw = download_calendar(page, tmp_path)
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75
        # an X- property's value is TEXT (RFC 5545, 3.8.8.2), escaped; icalendar leaves unknown ones as written
        written = str(Calendar.from_ical(raw)["X-WR-CALNAME"])
        assert re.sub(r"\\([\\;,])", r"\1", written) == f"{project}: my schedule"
        assert re.search(r"(?<!\\)[,;]", written) is None

        (builder.metadata / christchurch.id / "papers" / f"{gone}.yaml").unlink()
        builder.build()
        page.reload()
        page.locator(".proceedings-gone").wait_for()
        assert page.locator(".proceedings-gone").inner_text() == "1 starred item is no longer in the program."
        assert page.locator(".proceedings-entry").count() == 3
        assert page.locator(".bd-header .proceedings-stars-count").first.inner_text() == "3"
        assert problems == []
        page.context.close()


@pytest.mark.browser
def test_the_buttons_take_the_room_kept_for_them(browser: Any, site_url: str, christchurch: Edition) -> None:
    """A long program is painted before the stars script ends: its headings and entries must not move when the
    buttons arrive (no layout shift), so the page laid out without the script has them where it has them after."""
    url = site_url + layout.html(layout.program(christchurch.id))
    where = "els => els.map(e => Math.round(e.getBoundingClientRect().top + window.scrollY))"
    selector = "article h2, article h3, article li"

    context = browser.new_context(timezone_id=READER_ZONE)
    page = context.new_page()
    page.route("**/proceedings-stars.js*", lambda route: route.abort())
    page.goto(url)
    before = page.locator(selector).evaluate_all(where)
    context.close()

    page, problems = open_page(browser, url)
    page.locator("button.proceedings-star-button").first.wait_for()
    assert page.locator(selector).evaluate_all(where) == before
    assert problems == []
    page.context.close()
