"""Untrusted metadata reaches the reader exactly as written and never acts (issue: untrusted metadata); markup in
abstracts and titles renders, and only the markup the text format allows (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from proceedings_site import textformat
from proceedings_site.model.fields import has_visible_letter
from proceedings_site.textformat import math, myst

from .hostile import CANARY, HOSTILE, HOSTILE_BLOCKS, HOSTILE_LONG
from .htmlpage import article, heading_text, parse, title_of
from .metadata_tree import minimal_tree, write
from .sitebuild import SphinxBuilder

ACTIVE_TAGS = ["script", "iframe", "style", "svg", "img", "object", "embed", "form", "input", "b"]
CJK_PERSON, RTL_PERSON = "王小明", "محمد-علي"


def expected(text: str) -> str:
    """What the reader must see: the text itself, with runs of white space shown as one space."""
    return " ".join(text.split())


def person_name(text: str) -> str:
    """The text as a person's name: a name needs a visible letter (issue 26), which "***" lacks."""
    return text if has_visible_letter(text) else f"Ann {text}"


def hostile_tree(root: Path) -> Path:
    meta = minimal_tree(root)
    (root / "secret.txt").write_text(CANARY)
    for index, (_, text) in enumerate(HOSTILE):
        write(
            meta / f"people/hostile-{index}.yaml",
            {"name": person_name(text), "affiliations": [text], "disambiguation": f"#{index}"},
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
    for index, (_, text) in enumerate(HOSTILE_LONG):
        write(
            meta / f"2030-test/papers/l{index}.yaml",
            {"title": f"Long {index}", "authors": [{"person": "ada-lovelace"}], "track": "long", "abstract": text},
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


def rendered_page() -> str:
    """Every hostile title and abstract through the text format's role and directive, one section each."""
    lines = ["---", "orphan: true", "---", "", "# Rendered", ""]
    papers = [(f"h{i}", text) for i, (_, text) in enumerate(HOSTILE)]
    papers += [(f"b{i}", f"Block {name}") for i, (name, _) in enumerate(HOSTILE_BLOCKS)]
    papers += [(f"l{i}", f"Long {i}") for i in range(len(HOSTILE_LONG))]
    for paper_id, title in papers:
        lines += [f"(rendered-{paper_id})=", f"## {myst.inline(title)}", ""]
        lines += [myst.abstract_block("paper", f"2030-test/{paper_id}", ""), ""]
    lines += ["(rendered-keynote)=", "## Keynote", "", myst.abstract_block("keynote", "2030-test/grace-hopper", "")]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    meta = hostile_tree(root)
    builder = SphinxBuilder(root, meta)
    builder.add_page("extra/rendered.md", rendered_page())
    return builder.build().out


def normalized_text(page: Path) -> str:
    return expected(article(page).get_text(" "))


def reader_text(tag: Tag) -> str:
    """What a reader sees of rendered text: each formula reads as the plain text hidden beside its MathML."""
    tag = BeautifulSoup(str(tag), "lxml")
    for formula in tag.find_all("math"):
        formula.decompose()
    return expected(tag.get_text())


def shown_abstract(page: Path) -> str:
    """The abstract as the page shows it: rendered by the text format's directive (``proceedings-abstract``);
    a page that printed the abstract's source as text fails here."""
    abstract = article(page).select_one(".proceedings-abstract")
    assert abstract is not None, f"{page}: no abstract rendered by the text format"
    return reader_text(abstract)


@pytest.mark.parametrize(("index", "text"), list(enumerate(text for _, text in HOSTILE)), ids=[n for n, _ in HOSTILE])
def test_hostile_text_is_shown_literally_in_every_field(hostile_site: Path, index: int, text: str) -> None:
    paper = hostile_site / f"2030-test/papers/h{index}.html"
    person = hostile_site / f"people/hostile-{index}.html"
    heading = article(paper).find("h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    assert reader_text(heading) == expected(textformat.plain_title(text))  # the paper's title is rendered
    assert title_of(person) == expected(person_name(text))  # a name is not
    paper_text = normalized_text(paper)
    assert shown_abstract(paper) == expected(textformat.plain(f"Before. {text} After."))
    assert paper_text.count(expected(text)) >= 4  # author, affiliation, keyword, link label (and abstract)
    assert expected(text) in normalized_text(person)  # affiliation on the person page
    assert expected(parse(paper).title.get_text()).startswith(expected(textformat.plain_title(text)))
    description = parse(paper).find("meta", attrs={"name": "description"})
    assert description["content"].startswith(textformat.plain_title(text))  # what a reader sees of the title


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


def is_topic_map(tag: Tag) -> bool:
    """The topic map is an SVG the engine draws, with its own stylesheet; the titles in it are text, and
    tests/test_topics.py checks that they reach it only as text (its marks' accessible names)."""
    if tag.name == "svg" and "proceedings-topic-key" in tag.get("class", []):  # a topic's shape in its legend
        return True
    return tag.find_parent("figure", class_="proceedings-topic-map") is not None


def test_no_markup_from_metadata_exists_anywhere(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        if "_static" in page.parts or page.name in {"search.html", "genindex.html"}:
            continue
        content = article(page)
        found = [tag.name for tag in content.find_all(ACTIVE_TAGS) if not is_tab_control(tag) and not is_topic_map(tag)]
        assert not found, f"{page}: {found}"
        for formula in content.find_all("math"):  # MathML from the text format: its allow-list only
            for tag in [formula, *formula.find_all(True)]:
                assert tag.name in math.ELEMENTS, f"{page}: {tag.name}"
                assert set(tag.attrs) <= math.ATTRIBUTES | {"data-pagefind-ignore"}, f"{page}: {tag}"
        for tag in content.find_all(True):
            events = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not events, f"{page}: {tag.name} {events}"
            for name in ("href", "src"):
                value = str(tag.get(name, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{page}: {tag}"
        # A heading reading "(injected-label)=" gets that id from its own text; an injected label would be a target.
        for tag in content.find_all(id="injected-label"):
            section = tag if tag.name == "section" else tag.parent  # with a label of ours, the id is a span's
            assert section.name == "section" and heading_text(section.find(["h1", "h2"])) == "(injected-label)=", page


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
    keynote = hostile_site / "2030-test/keynotes/grace-hopper.html"
    assert title_of(keynote) == expected(textformat.plain_title(HOSTILE[2][1]))
    assert shown_abstract(keynote) == expected(textformat.plain(HOSTILE[27][1]))  # the abstract, as the format shows it
    assert title_of(hostile_site / "2030-test/panels/future.html") == "Panel: " + expected(HOSTILE[3][1])
    headings = [heading_text(h) for h in article(hostile_site / "2030-test/program.html").find_all("h2")]
    assert headings[0] == f"09:00–09:10 · {expected(HOSTILE[4][1])}"


def test_tex_math_in_abstracts_renders_without_scripts(hostile_site: Path) -> None:
    """Math becomes MathML at build time (issue 14): no MathJax, no script, nothing from a CDN."""
    index = [name for name, _ in HOSTILE].index("dollar-math")
    page = hostile_site / f"2030-test/papers/h{index}.html"
    on_page = article(page).select_one(".proceedings-abstract")
    assert on_page is not None and [m["display"] for m in on_page.select("math")] == ["inline", "block"]
    assert "$" not in reader_text(on_page)  # no TeX shown as written
    rendered = article(hostile_site / "extra/rendered.html").find(id=f"rendered-h{index}")
    assert [m["display"] for m in rendered.select(".proceedings-abstract math")] == ["inline", "block"]
    for html in (page, hostile_site / "extra/rendered.html"):
        assert not any("mathjax" in (s.get("src") or "").lower() for s in parse(html).find_all("script"))


ALLOWED_IN_RENDERED = {"section", "h2", "a", "div", "p", "em", "strong", "sub", "sup", "code", "span", "br"}
ALLOWED_IN_RENDERED |= {"ul", "ol", "li"}


@pytest.mark.parametrize(
    ("paper_id", "source"),
    [(f"h{i}", f"Before. {text} After.") for i, (_, text) in enumerate(HOSTILE)]
    + [(f"b{i}", f"First paragraph.\n\n{text}\n\nLast paragraph.") for i, (_, text) in enumerate(HOSTILE_BLOCKS)]
    + [(f"l{i}", text) for i, (_, text) in enumerate(HOSTILE_LONG)],
    ids=[name for name, _ in HOSTILE + HOSTILE_BLOCKS + HOSTILE_LONG],
)
def test_rendered_abstracts_and_titles_are_inert(hostile_site: Path, paper_id: str, source: str) -> None:
    """Allowed markup renders, everything else stays text: the reader sees the plain text the format promises."""
    section = article(hostile_site / "extra/rendered.html").find(id=f"rendered-{paper_id}")
    assert section is not None and section.name == "section"
    abstract = section.select_one(".proceedings-abstract")
    assert reader_text(abstract) == expected(textformat.plain(source))
    if paper_id.startswith("h"):
        title = HOSTILE[int(paper_id[1:])][1]
        assert reader_text(section.find("h2")).removesuffix("#").strip() == expected(textformat.plain_title(title))
    for tag in section.find_all(True):
        if tag.name in math.ELEMENTS:
            continue
        assert tag.name in ALLOWED_IN_RENDERED, tag
        for name, value in tag.attrs.items():
            assert not name.lower().startswith(("on", "style", "xlink")), tag
            if name == "href":
                assert str(value).startswith(("http://", "https://", "#")), tag


def test_external_links_carry_noopener(hostile_site: Path) -> None:
    external = [
        a
        for a in article(hostile_site / "2030-test/papers/h0.html").find_all("a", href=True)
        if a["href"].startswith("http")
    ]
    assert external and all("noopener" in a.get("rel", []) for a in external)
    assert "https://example.org/x?a=1&b=2" in [a["href"] for a in external]  # the paper's own link, intact


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
        "extra/rendered.html",
    ]
    dialogs: list[str] = []
    with serve(hostile_site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            response = page.goto(base + path, wait_until="load")
            assert response is not None and response.ok, path
            # Every image has loaded or failed, so an injected load or error handler would have run by now.
            page.wait_for_function("[...document.images].every(image => image.complete)")
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
