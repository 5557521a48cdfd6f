"""Untrusted metadata reaches the reader exactly as written and never acts (issue: untrusted metadata)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import Tag

from .hostile import CANARY, HOSTILE, HOSTILE_BLOCKS
from .htmlpage import article, heading_text, parse, title_of
from .metadata_tree import minimal_tree, write
from .sitebuild import copy_docs, sphinx_build

ACTIVE_TAGS = ["script", "iframe", "style", "svg", "img", "object", "embed", "form", "input", "math", "b"]
CJK_PERSON, RTL_PERSON = "王小明", "محمد-علي"


def expected(text: str) -> str:
    """What the reader must see: the text itself, with runs of white space shown as one space."""
    return " ".join(text.split())


def hostile_tree(root: Path) -> Path:
    meta = minimal_tree(root)
    (root / "secret.txt").write_text(CANARY)
    for index, (_, text) in enumerate(HOSTILE):
        write(
            meta / f"people/hostile-{index}.yaml", {"name": text, "affiliations": [text], "disambiguation": f"#{index}"}
        )
        write(
            meta / f"2030-test/papers/h{index}.yaml",
            {
                "title": text,
                "authors": [{"person": f"hostile-{index}", "affiliation": text}, {"person": "ada-lovelace"}],
                "track": "short",
                "keywords": [text],
                "abstract": f"Before. {text} After.",
                "links": {"other": [{"label": text, "url": "https://example.org/x?a=1&b=2"}]},
                "order": 100 + index,
            },
        )
    for index, (name, text) in enumerate(HOSTILE_BLOCKS):
        write(
            meta / f"2030-test/papers/b{index}.yaml",
            {
                "title": f"Block {name}",
                "authors": [{"person": "ada-lovelace"}],
                "track": "long",
                "abstract": f"First paragraph.\n\n{text}\n\nLast paragraph.",
                "order": 200 + index,
            },
        )
    write(meta / f"people/{CJK_PERSON}.yaml", {"name": "王小明", "affiliations": ["清华大学"]})
    write(meta / f"people/{RTL_PERSON}.yaml", {"name": "محمد علي", "affiliations": ["جامعة القاهرة"]})
    write(
        meta / "2030-test/papers/unicode30a.yaml",
        {
            "title": "Ünïcödé names",
            "authors": [{"person": CJK_PERSON}, {"person": RTL_PERSON}],
            "track": "short",
        },
    )
    edition = yaml.safe_load((meta / "2030-test/edition.yaml").read_text())
    edition |= {"venue": HOSTILE[0][1], "funding": HOSTILE[1][1], "sponsors": [{"name": HOSTILE[9][1]}]}
    write(meta / "2030-test/edition.yaml", edition)
    keynote = meta / "2030-test/keynotes/grace-hopper.yaml"
    write(keynote, yaml.safe_load(keynote.read_text()) | {"title": HOSTILE[2][1], "abstract": HOSTILE[27][1]})
    panel = meta / "2030-test/panels/future.yaml"
    write(panel, yaml.safe_load(panel.read_text()) | {"title": HOSTILE[3][1]})
    program = yaml.safe_load((meta / "2030-test/program.yaml").read_text())
    program["slots"][0]["title"] = HOSTILE[4][1]
    write(meta / "2030-test/program.yaml", program)
    return meta


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    meta = hostile_tree(root)
    status, output = sphinx_build(copy_docs(root / "src"), root / "html", meta)
    assert status == 0, output
    return root / "html"


def normalized_text(page: Path) -> str:
    return expected(article(page).get_text(" "))


@pytest.mark.parametrize(("index", "text"), list(enumerate(text for _, text in HOSTILE)), ids=[n for n, _ in HOSTILE])
def test_hostile_text_is_shown_literally_in_every_field(hostile_site: Path, index: int, text: str) -> None:
    paper = hostile_site / f"2030-test/papers/h{index}.html"
    person = hostile_site / f"people/hostile-{index}.html"
    assert title_of(paper) == expected(text)
    assert title_of(person) == expected(text)
    paper_text = normalized_text(paper)
    assert f"Before. {expected(text)} After." in paper_text  # abstract
    assert paper_text.count(expected(text)) >= 5  # title, author, affiliation, keyword, link label, abstract
    assert expected(text) in normalized_text(person)  # affiliation on the person page
    assert parse(paper).title.get_text().startswith(expected(text))
    description = parse(paper).find("meta", attrs={"name": "description"})
    assert description["content"].startswith(expected(text))


@pytest.mark.parametrize("index", range(len(HOSTILE_BLOCKS)), ids=[n for n, _ in HOSTILE_BLOCKS])
def test_hostile_blocks_in_abstracts_stay_paragraph_text(hostile_site: Path, index: int) -> None:
    page = hostile_site / f"2030-test/papers/b{index}.html"
    abstract = article(page).find(id="abstract")
    paragraphs = [expected(p.get_text()) for p in abstract.find_all("p")]
    blocks = HOSTILE_BLOCKS[index][1].split("\n\n")
    assert paragraphs == ["First paragraph.", *(expected(block) for block in blocks), "Last paragraph."]
    assert not abstract.find(["pre", "ul", "ol", "div", "blockquote", "table", "script"])


def is_tab_control(tag: Tag) -> bool:
    """The radio button of a sphinx-design tab (the paper page's Cite tabs): our markup, around no metadata."""
    parent = tag.parent
    return (
        tag.name == "input"
        and tag.get("type") == "radio"
        and str(tag.get("id", "")).startswith("sd-tab-item-")
        and parent is not None
        and "sd-tab-set" in (parent.get("class") or [])
    )


def test_no_markup_from_metadata_exists_anywhere(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        if "_static" in page.parts or page.name in {"search.html", "genindex.html"}:
            continue
        content = article(page)
        found = [tag.name for tag in content.find_all(ACTIVE_TAGS) if not is_tab_control(tag)]
        assert not found, f"{page}: {found}"
        for tag in content.find_all(True):
            events = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not events, f"{page}: {tag.name} {events}"
            for name in ("href", "src"):
                value = str(tag.get(name, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{page}: {tag}"
        # A heading reading "(injected-label)=" gets that id from its own text; an injected label would be a target.
        for tag in content.find_all(id="injected-label"):
            assert tag.name == "section" and heading_text(tag.find(["h1", "h2"])) == "(injected-label)=", page


def test_no_outside_file_reaches_the_site(hostile_site: Path) -> None:
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    for path in hostile_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert CANARY.encode() not in data, path
            if hostname and len(hostname) > 6 and path.suffix == ".html":
                assert hostname.encode() not in data, path


def test_edition_keynote_panel_and_slot_fields_are_literal(hostile_site: Path) -> None:
    edition = normalized_text(hostile_site / "2030-test/index.html")
    assert (
        expected(HOSTILE[0][1]) in edition and expected(HOSTILE[1][1]) in edition and expected(HOSTILE[9][1]) in edition
    )
    assert title_of(hostile_site / "2030-test/keynotes/grace-hopper.html") == expected(HOSTILE[2][1])
    assert expected(HOSTILE[27][1]) in normalized_text(hostile_site / "2030-test/keynotes/grace-hopper.html")
    assert title_of(hostile_site / "2030-test/panels/future.html") == "Panel: " + expected(HOSTILE[3][1])
    headings = [heading_text(h) for h in article(hostile_site / "2030-test/program.html").find_all("h2")]
    assert headings[0] == f"09:00–09:10 · {expected(HOSTILE[4][1])}"


def test_tex_math_in_abstracts_is_shown_as_written(hostile_site: Path) -> None:
    """Decision: TeX stays literal. Rendering it would need MathJax on every paper page and a math parser
    running on untrusted input; readers of ML abstracts read $\\ell_1$ fine, as on OpenReview."""
    index = [name for name, _ in HOSTILE].index("dollar-math")
    page = hostile_site / f"2030-test/papers/h{index}.html"
    assert r"$\ell_1$ and $$x^2$$" in normalized_text(page)
    assert not parse(page).find(class_="math")
    assert not any("mathjax" in (s.get("src") or "").lower() for s in parse(page).find_all("script"))


def test_external_links_carry_noopener(hostile_site: Path) -> None:
    page = parse(hostile_site / "2030-test/papers/h0.html")
    external = [
        a
        for a in article(hostile_site / "2030-test/papers/h0.html").find_all("a", href=True)
        if a["href"].startswith("http")
    ]
    assert external and all("noopener" in a.get("rel", []) for a in external)
    assert page is not None


def test_unicode_people_get_readable_stable_addresses(hostile_site: Path) -> None:
    cjk, rtl = hostile_site / f"people/{CJK_PERSON}.html", hostile_site / f"people/{RTL_PERSON}.html"
    assert title_of(cjk) == "王小明" and title_of(rtl) == "محمد علي"
    links = {a["href"] for a in article(hostile_site / "2030-test/papers/unicode30a.html").find_all("a", href=True)}
    assert f"../../people/{CJK_PERSON}.html" in links or "../../people/%E7%8E%8B%E5%B0%8F%E6%98%8E.html" in links


@pytest.mark.browser
def test_hostile_pages_run_no_injected_script_in_a_real_browser(hostile_site: Path, browser) -> None:
    from dev.localsite import serve

    pages = [f"2030-test/papers/h{index}.html" for index in range(len(HOSTILE))]
    pages += [f"2030-test/papers/b{index}.html" for index in range(len(HOSTILE_BLOCKS))]
    pages += [
        "2030-test/index.html",
        "2030-test/program.html",
        "2030-test/papers/index.html",
        "2030-test/keynotes/grace-hopper.html",
        "people/hostile-0.html",
        "people/index.html",
        "papers.html",
    ]
    dialogs: list[str] = []
    with serve(hostile_site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.ok, path
            page.wait_for_timeout(50)  # let error handlers of broken images fire, if any existed
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            # Executable scripts only: JSON-LD is data, and carries the (escaped) hostile title by design.
            inline = page.evaluate(
                "[...document.scripts].filter(s => !s.type || /javascript|module/.test(s.type))"
                ".map(s => s.textContent).join('\\n')"
            )
            assert "__pwned" not in inline, path
            for data in page.evaluate(
                "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => s.textContent)"
            ):
                assert "</" not in data and "<!--" not in data, path
        page.close()
    assert dialogs == []
