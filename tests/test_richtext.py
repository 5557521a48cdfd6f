"""Abstracts and titles on pages (issue 14): the ``proceedings-abstract`` directive and ``proceedings-text`` role
in a small site built from a metadata tree, and MathML drawn by a real browser without any script."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from proceedings_site import textformat
from proceedings_site.textformat import myst

from .htmlpage import article, parse
from .metadata_tree import minimal_tree, write
from .sitebuild import SphinxBuilder

ABSTRACT = r"""We introduce <em>AirCast</em>, a *novel* model at (0.1$^\circ$ to 0.25$^\circ$) resolution,
20$\times$ faster, with $6$--$15$\% less error; see \href{https://example.org/code}{the code}.

- \emph{optical} and **radar** inputs,
- $$\frac{a}{b}$$ and a formula that fails: $\frac{x$

Stored as \geotiff files by Ru{\ss}wurm <script>window.__pwned = 1</script>."""
TITLE = r"Counting $\ell_1$ *Clouds* at 0.1$^\circ$"
KEYNOTE = "The keynote's abstract with `code` and <b>bold</b>."


def page(title: str = TITLE) -> str:
    return "\n".join(
        [
            "---",
            "orphan: true",
            "---",
            "",
            f"# {myst.inline(title)}",
            "",
            myst.abstract_block("paper", "2030-test/lovelace30a", ABSTRACT),
            "",
            "## Keynote",
            "",
            myst.abstract_block("keynote", "2030-test/grace-hopper", KEYNOTE),
            "",
            "```{proceedings-paper-list}",
            ":compact:",
            "",
            "2030-test/lovelace30a",
            "```",
            "",
        ]
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("richtext")
    meta = minimal_tree(root)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    write(paper, yaml.safe_load(paper.read_text()) | {"title": TITLE, "abstract": ABSTRACT})
    keynote = meta / "2030-test/keynotes/grace-hopper.yaml"
    write(keynote, yaml.safe_load(keynote.read_text()) | {"abstract": KEYNOTE})
    builder = SphinxBuilder(root, meta)
    builder.add_page("extra/page.md", page())
    return builder.build().out


def test_the_abstract_renders_its_markup(site: Path) -> None:
    content = article(site / "extra/page.html")
    paper, keynote = content.select(".proceedings-abstract")
    assert [p.name for p in paper.find_all(["p", "ul"], recursive=False)] == ["p", "ul", "p"]
    assert paper.find("em").get_text() == "AirCast"
    link = paper.find("a", href="https://example.org/code")
    assert link.get_text() == "the code" and "noopener" in link["rel"]
    assert len(paper.find_all("math")) == 6
    assert paper.select_one("code.proceedings-math-source").get_text() == r"$\frac{x$"
    assert not paper.find("script") and "<script>window.__pwned = 1</script>" in paper.get_text()
    texts = [span.get_text() for span in paper.select(".proceedings-math-text")]
    assert texts[:3] == ["°", "°", "×"]
    assert keynote.find("strong").get_text() == "bold" and keynote.find("code").get_text() == "code"


def test_the_title_renders_and_reads_as_plain_text(site: Path) -> None:
    html = parse(site / "extra/page.html")
    heading = article(site / "extra/page.html").find("h1")
    assert heading.find("math") is not None and heading.find("em").get_text() == "Clouds"
    assert html.title.get_text().startswith("Counting ℓ₁ Clouds at 0.1° ")
    entry = article(site / "extra/page.html").select_one(".proceedings-paper-list li a")
    assert entry.find("em").get_text() == "Clouds" and entry.find("math") is not None


def test_exports_carry_plain_text_and_bibtex_keeps_tex(site: Path) -> None:
    import json

    papers = json.loads((site / "2030-test/papers.json").read_text(encoding="utf-8"))["papers"]
    assert papers[0]["abstract"] == ABSTRACT
    assert papers[0]["abstract_text"] == textformat.plain(ABSTRACT)
    assert "(0.1° to 0.25°)" in papers[0]["abstract_text"] and "20×" in papers[0]["abstract_text"]
    assert papers[0]["title_text"] == "Counting ℓ₁ Clouds at 0.1°"
    page = parse(site / "2030-test/papers/lovelace30a.html")
    tags = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
    assert tags["citation_title"] == "Counting ℓ₁ Clouds at 0.1°"
    assert tags["citation_abstract"].startswith("We introduce AirCast, a novel model at (0.1° to 0.25°)")
    assert tags["description"].startswith("Counting ℓ₁ Clouds at 0.1°. Ada Lovelace")
    bib = (site / "2030-test/papers.bib").read_text(encoding="utf-8")
    assert r"title = {Counting $\ell_1$ \emph{Clouds} at 0.1$^\circ$}" in bib
    assert r"\emph{AirCast}" in bib and r"\href{https://example.org/code}{the code}" in bib


def test_unknown_ids_are_reported(tmp_path: Path) -> None:
    meta = minimal_tree(tmp_path)
    source = "---\norphan: true\n---\n\n# X\n\n```{proceedings-abstract} paper 2030-test/nobody\n```\n"
    builder = SphinxBuilder(tmp_path, meta)
    builder.add_page("extra/page.md", source)
    builder.build(assert_pass=False)
    assert not builder.passed and "abstract: no paper '2030-test/nobody' in the proceedings" in builder.output


@pytest.mark.browser
def test_mathml_renders_in_chromium_and_no_script_runs(site: Path, browser) -> None:
    from dev.localsite import serve

    dialogs: list[str] = []
    with serve(site) as base:
        tab = browser.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(base + "extra/page.html", wait_until="load")
        sizes = tab.evaluate(
            "[...document.querySelectorAll('article math')].map(m => {"
            "const r = m.getBoundingClientRect(); return [r.width, r.height]; })"
        )
        assert len(sizes) >= 8 and all(width > 0 and height > 0 for width, height in sizes), sizes
        # MathML Core: a fraction is laid out as one, its numerator above its denominator.
        stacked = tab.evaluate(
            "(() => { const f = document.querySelector('article mfrac');"
            "const [a, b] = [...f.children].map(c => c.getBoundingClientRect()); return a.bottom <= b.top + 1; })()"
        )
        assert stacked
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        hidden = tab.evaluate("getComputedStyle(document.querySelector('.proceedings-math-text')).display")
        assert hidden == "none"
        tab.close()
    assert dialogs == []


def test_search_indexes_formulas_as_the_plain_text_a_reader_sees(tmp_path: Path) -> None:
    """Pagefind skips the MathML (its text reads "0.1∘") and indexes the plain text hidden beside it."""
    import gzip
    import subprocess
    import sys

    from .textformat_html import abstract_html

    body = abstract_html(r"A model (0.1$^\circ$ to 0.25$^\circ$) is 20$\times$ faster with \emph{optical} inputs.")
    site = tmp_path / "site"
    site.mkdir()
    html = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><div data-pagefind-body="">{body}'
    (site / "index.html").write_text(html + "</div></body></html>", encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(tmp_path / "out")]
    subprocess.run([*command, "--silent"], check=True)
    [fragment] = (tmp_path / "out/fragment").iterdir()
    content = gzip.decompress(fragment.read_bytes()).decode()
    assert '"content":"A model (0.1° to 0.25°) is 20× faster with optical inputs."' in content
