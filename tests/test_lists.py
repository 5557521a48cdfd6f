"""Long lists (``proceedings-paper-list``, ``proceedings-people-list``): entries made from the model when written,
kept current by a digest."""

from __future__ import annotations

from pathlib import Path

import yaml

from proceedings_site.model import load_proceedings
from proceedings_site.pages import assemble

from .htmlpage import article
from .metadata_tree import minimal_tree, write

PAGE = """---
orphan: true
---

# Extra

```{proceedings-paper-list}
:digest: 0

2030-test/lovelace30a
2030-test/nobody30a
```

```{proceedings-paper-list}
:compact:

2030-test/lovelace30a
```

```{proceedings-people-list}
:digest: 0

grace-hopper
nobody
```
"""


def test_entries_link_their_pages_and_unknown_ids_are_reported(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    write(meta / "people/grace-hopper.yaml", {"name": "Grace Hopper", "disambiguation": "US Navy"})
    site = sphinx_builder(meta)
    site.add_page("extra/page.md", PAGE)
    log, out = site.build(assert_pass=False).output, site.out
    assert not site.passed  # warnings are errors
    assert "paper list: no paper '2030-test/nobody30a' in the proceedings" in log
    assert "person list: no person 'nobody' in the proceedings" in log
    full, compact = article(out / "extra/page.html").select(".proceedings-paper-list li")
    title = full.select_one("strong > a")
    assert (title.get_text(), title["href"]) == ("Counting Clouds with Engines", "../2030-test/papers/lovelace30a.html")
    authors = {a.get_text(): a["href"] for a in full.find_all("a")[1:]}
    assert authors == {"Ada Lovelace": "../people/ada-lovelace.html", "Grace Hopper": "../people/grace-hopper.html"}
    assert full.find("em").get_text() == "clouds, engines"
    assert [a.get_text() for a in compact.find_all("a")] == ["Counting Clouds with Engines"]
    assert "Ada Lovelace, Grace Hopper" in compact.get_text() and compact.find("em") is None
    [person] = article(out / "extra/page.html").select("ul:not(.proceedings-paper-list ul) > li")
    assert person.get_text(" ", strip=True) == "Grace Hopper (US Navy)"
    assert person.a["href"] == "../people/grace-hopper.html"


def test_the_digest_changes_with_what_an_entry_shows_and_only_then(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)

    def list_page() -> str:
        return assemble(load_proceedings(meta)).pages["2030-test/papers/index"]

    before = list_page()
    assert "2030-test/lovelace30a" in before and ":digest: " in before
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    data = yaml.safe_load(paper.read_text(encoding="utf-8"))
    write(paper, {**data, "openreview_id": "ZyXwVu9876"})  # not shown in the list
    assert list_page() == before
    for change in ({"keywords": ["clouds"]}, {"title": "Counting Clouds with Looms"}):
        write(paper, {**data, **change})
        assert list_page() != before
    write(paper, data)
    people = assemble(load_proceedings(meta)).pages["people/index"]
    write(meta / "people/grace-hopper.yaml", {"name": "Grace B. Hopper"})  # a name printed in both lists
    assert list_page() != before
    assert assemble(load_proceedings(meta)).pages["people/index"] != people


def test_a_renamed_author_reaches_every_list_on_rebuild(tmp_path: Path, sphinx_builder) -> None:
    meta = minimal_tree(tmp_path)
    site = sphinx_builder(meta).build("-j", "2")
    write(meta / "people/grace-hopper.yaml", {"name": "Grace Brewster Hopper"})
    site.build("-j", "2")
    for page in ("2030-test/papers/index.html", "papers.html", "people/index.html"):
        text = site.soup(page).get_text(" ")  # parsed anew: the page changed since the first build
        assert "Grace Brewster Hopper" in text, page
