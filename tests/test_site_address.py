"""Absolute URLs or none: a site without an address leaves URLs out of citations and does not write the feed and
sitemap; ``url`` in site.yaml gives the address when conf.py names none."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import icalendar
import yaml

from proceedings_site.model import Proceedings

from .conftest import MakeBuilder
from .sitebuild import SphinxBuilder

ADDRESS = "https://ice.example.net/proceedings/"


def without_conf_address(builder: SphinxBuilder) -> SphinxBuilder:
    conf = builder.src / "conf.py"
    conf.write_text(re.sub(r"^html_baseurl = .*$", "", conf.read_text(), flags=re.MULTILINE))
    return builder


def set_site_url(metadata: Path, url: str | None) -> None:
    site_file = metadata / "site.yaml"
    site = yaml.safe_load(site_file.read_text())
    site.pop("url", None)
    site_file.write_text(yaml.safe_dump(site | ({"url": url} if url else {}), allow_unicode=True))


def json_ld(builder: SphinxBuilder, page: str) -> list[dict]:
    return [json.loads(tag.string) for tag in builder.soup(page).find_all("script", type="application/ld+json")]


def test_without_an_address_no_export_carries_a_relative_url(sphinx_builder: MakeBuilder, workshop: Proceedings):
    builder = without_conf_address(sphinx_builder()).build()
    assert not builder.path("sitemap.xml").exists()
    assert not builder.path("papers.atom").exists()
    assert "Atom feed" not in builder.soup("papers.html").get_text()  # no link to a file that is not there

    edition = next(e for e in workshop.editions if e.papers and e.slots)
    library = bibtexparser.parse_string(builder.path(f"{edition.id}/papers.bib").read_text())
    for entry in library.entries:
        paper = edition.papers.get(entry.key)
        url = entry.fields_dict.get("url")
        if paper is not None and not paper.links.pmlr:
            assert url is None, entry.key  # it was "2024-…/papers/….html", which no reference manager can open
        if url is not None:
            assert url.value.startswith("https://")

    paper_id = next(iter(edition.papers))
    page = f"{edition.id}/papers/{paper_id}.html"
    (article,) = json_ld(builder, page)
    assert "url" not in article and all("url" not in author for author in article["author"])
    ris = builder.soup(page).find(string=re.compile(r"TY  - CPAPER")).parent.get_text()
    assert not any(line.startswith("UR  - ") and "://" not in line for line in ris.splitlines())
    assert builder.soup(page).find("meta", attrs={"name": "citation_abstract_html_url"}) is None

    calendar = icalendar.Calendar.from_ical(builder.path(f"{edition.id}/program.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        assert "URL" not in event
        assert "Program:" not in str(event.get("DESCRIPTION", ""))


def test_the_address_comes_from_site_yaml_and_a_removed_one_takes_the_feed_with_it(sphinx_builder: MakeBuilder):
    builder = without_conf_address(sphinx_builder())
    set_site_url(builder.metadata, ADDRESS)
    builder.build()
    locations = re.findall(r"<loc>([^<]+)</loc>", builder.path("sitemap.xml").read_text())
    assert locations and all(location.startswith(ADDRESS) for location in locations)
    assert f"<id>{ADDRESS}papers.atom</id>" in builder.path("papers.atom").read_text()
    assert builder.soup("index.html").find("link", rel="canonical")["href"].startswith(ADDRESS)

    set_site_url(builder.metadata, None)
    builder.build()
    assert not builder.path("sitemap.xml").exists() and not builder.path("papers.atom").exists()


def test_conf_py_wins_over_site_yaml(sphinx_builder: MakeBuilder) -> None:
    builder = sphinx_builder()
    set_site_url(builder.metadata, ADDRESS)
    builder.build()
    locations = re.findall(r"<loc>([^<]+)</loc>", builder.path("sitemap.xml").read_text())
    conf_address = "https://sea-ice-sensing.example.org/archive/"
    assert locations and all(location.startswith(conf_address) for location in locations)
