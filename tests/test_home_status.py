"""The home and edition pages say where each edition stands on the build date: upcoming, held with its program
and papers, or held with nothing published yet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble
from proceedings_site.sphinxext.config import build_date

from .htmlpage import article
from .metadata_tree import EDITION, minimal_tree, write
from .sitebuild import WORKSHOP_METADATA, SphinxBuilder

NOT_PUBLISHED = "The program and accepted papers of this edition have not been published yet"


def home(meta: Path, today: dt.date) -> str:
    return assemble(load_proceedings(meta), today=today).pages["index"]


def test_upcoming_edition_shows_its_date_and_next_important_date(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)  # workshop 2030-07-19, submission deadline 2030-05-01
    text = home(meta, dt.date(2030, 4, 1))
    assert "Upcoming: 19 July 2030." in text
    assert r"Next: Submission deadline, 1 May 2030." in text
    assert "{proceedings-page}`2030-test/index Important dates`" in text  # it has dates, no call for papers
    assert "[OpenReview](<https://openreview.net/group?id=Test>)" in text
    assert "{proceedings-page}`2030-test/papers/index 1 accepted papers`" in text  # accepted before the workshop
    after_deadline = home(meta, dt.date(2030, 6, 1))
    assert "Upcoming: 19 July 2030." in after_deadline and "Next:" not in after_deadline  # the workshop itself


def test_held_edition_with_a_program_links_it_and_its_papers(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    text = home(meta, dt.date(2030, 7, 19))  # the day itself: the program is what readers want
    assert "Held on 19 July 2030." in text
    assert "{proceedings-page}`2030-test/program Program`" in text
    assert "{proceedings-page}`2030-test/papers/index 1 accepted papers`" in text
    assert NOT_PUBLISHED not in text and "Upcoming" not in text


def test_held_edition_with_nothing_published_says_so_and_links_the_workshop(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    shutil.rmtree(meta / "2030-test/papers")
    (meta / "2030-test/program.yaml").unlink()
    shutil.rmtree(meta / "2030-test/keynotes")
    shutil.rmtree(meta / "2030-test/panels")
    text = home(meta, dt.date(2030, 11, 29))
    assert f"Held on 19 July 2030. {NOT_PUBLISHED}." in text
    assert "[Workshop website](<https://example.org/2030/>)" in text


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_an_edition_held_with_nothing_published_yet_says_so_on_the_home_and_edition_pages() -> None:
    proceedings = load_proceedings(WORKSHOP_METADATA)
    last = max(proceedings.editions, key=lambda edition: edition.info.date)  # 2026-valparaiso: announced only
    assert not last.papers and not last.slots and last.info.important_dates
    when = long_date(last.info.date)
    site = assemble(proceedings, today=last.info.date + dt.timedelta(days=30))
    home_page = site.pages["index"]
    assert "Papers not yet announced" not in home_page
    assert f"Held on {when}. {NOT_PUBLISHED}." in home_page
    edition = site.pages[f"{last.id}/index"]
    assert f"It was held on {when}" in edition and NOT_PUBLISHED in edition
    first = last.info.important_dates[0]
    before = assemble(proceedings, today=first.date - dt.timedelta(days=1))
    assert f"It is scheduled for {when}" in before.pages[f"{last.id}/index"]
    assert f"Next: {first.label}, {long_date(first.date)}." in before.pages["index"]


def test_build_date_comes_from_the_configuration_then_source_date_epoch_then_the_clock() -> None:
    assert build_date("2026-11-29", "0") == dt.date(2026, 11, 29)
    assert build_date(dt.date(2026, 1, 2), None) == dt.date(2026, 1, 2)
    assert build_date(None, "1788048000") == dt.date(2026, 8, 30)
    before = dt.datetime.now(dt.UTC).date()
    today = build_date(None, None)
    assert today in {before, dt.datetime.now(dt.UTC).date()}  # the clock may pass midnight in between


def test_proceedings_today_reaches_the_built_home_page(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    builder = SphinxBuilder(tmp_path, meta)
    out = builder.build("-D", "proceedings_today=2030-04-01").out
    card = article(out / "index.html").select_one(".proceedings-edition-card")
    assert card is not None and "Upcoming: 19 July 2030." in card.get_text(" ", strip=True)
    assert not card.find_parent("a") and card.find("a", href="2030-test/index.html")  # links inside, not a link
    builder.build("-D", "proceedings_today=2030-08-01")
    from .htmlpage import parse

    fresh = parse.__wrapped__(out / "index.html")  # uncached: the file changed
    assert "Held on 19 July 2030." in fresh.get_text(" ", strip=True)


def test_a_deprecated_status_is_still_accepted_and_ignored(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    write(meta / "2030-test/edition.yaml", EDITION | {"status": "held"})
    assert "Upcoming" in home(meta, dt.date(2030, 1, 1))
    assert yaml.safe_load((meta / "2030-test/edition.yaml").read_text())["status"] == "held"
