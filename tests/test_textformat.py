"""The text format (issue 14): abstracts and titles as authors write them, rendered safely.

Fixtures in ``fixtures/textformat/`` (MyST-Parser's style: a name, then input, HTML and plain text, each ended by a
line holding a dot) are written for these tests; no real abstract is copied."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from proceedings_site import textformat
from proceedings_site.sphinxext.richtext import text_role
from proceedings_site.textformat import literal, math, myst
from proceedings_site.textformat.blocks import parse_inline
from proceedings_site.textformat.tokens import MAX_NESTING

from .docutils_roles import registered
from .hostile import HOSTILE, HOSTILE_BLOCKS, HOSTILE_LONG
from .textformat_html import abstract_html, title_html

FIXTURES = Path(__file__).parent / "fixtures/textformat"


def read_fixtures(path: Path) -> list[tuple[str, str, str, str]]:
    cases, lines = [], path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        name, parts, index = lines[index], [], index + 2
        for _ in range(3):
            end = lines.index(".", index)
            parts.append("\n".join(lines[index:end]))
            index = end + 1
        cases.append((name, *parts))
    return cases


CASES = read_fixtures(FIXTURES / "abstracts.md")


@pytest.mark.parametrize(("name", "source", "html", "text"), CASES, ids=[case[0] for case in CASES])
def test_fixture_abstracts_render_as_html_and_plain_text(name: str, source: str, html: str, text: str) -> None:
    assert abstract_html(source) == html
    assert textformat.plain(source) == text


def reader_text(html: str) -> str:
    """What a reader sees of rendered HTML: MathML stands for the plain text hidden beside it."""
    soup = BeautifulSoup(html, "lxml")
    for formula in soup.find_all("math"):
        formula.decompose()
    for hidden in soup.select(".proceedings-math-text"):
        hidden.unwrap()
    return " ".join(soup.get_text().split())


@pytest.mark.parametrize(("name", "source", "html", "text"), CASES, ids=[case[0] for case in CASES])
def test_plain_text_is_what_a_reader_sees(name: str, source: str, html: str, text: str) -> None:
    """What the format renders and what it gives as plain text (search, feeds, descriptions) read the same."""
    assert reader_text(abstract_html(source)) == " ".join(textformat.plain(source).split())


def test_the_issue_examples_show_no_source() -> None:
    openreview = r"we introduce <em>AirCast</em>, a novel model (0.1$^\circ$ to 0.25$^\circ$)."
    assert textformat.plain(openreview) == "we introduce AirCast, a novel model (0.1° to 0.25°)."
    pmlr = r"\emph{optical} 20$\times$ faster, $6$--$15$\% \#1 <b>(SatML)</b> \href{https://example.org/}{here}"
    assert textformat.plain(pmlr) == "optical 20× faster, 6–15% #1 (SatML) here"
    names = r"Ru{\ss}wurm, Cornu{\'e}jols, Gan{\c{c}}arski, {Bergeron Quick}"
    assert textformat.plain_title(names) == "Rußwurm, Cornuéjols, Gançarski, Bergeron Quick"


def test_titles_are_inline_only() -> None:
    assert textformat.plain_title("- not a list") == "- not a list"
    assert textformat.plain_title("1. Not a list either") == "1. Not a list either"
    assert title_html(r"Learning $\ell_1$ *maps*") == (
        '<p>Learning <span class="proceedings-math proceedings-math-inline"><math display="inline" '
        'data-pagefind-ignore=""><mrow><msub><mi>ℓ</mi><mn>1</mn></msub></mrow></math>'
        '<span class="proceedings-math-text" hidden="">ℓ₁</span></span> <em>maps</em></p>'
    )
    [link] = [n for n in textformat.title_nodes("[a](https://example.org/)") if isinstance(n, nodes.reference)]
    assert link["refuri"] == "https://example.org/"
    assert not any(isinstance(n, nodes.reference) for n in textformat.title_nodes("[a](https://x.org/)", links=False))


def test_unknown_commands_and_failed_formulas_are_reported_with_their_line() -> None:
    source = "First line.\nStored as \\geotiff files.\n\nThen $\\badmacro$ and $x$."
    assert textformat.check(source) == [
        "line 2: unknown TeX command \\geotiff, shown as 'geotiff'",
        "line 4: formula $\\badmacro$ does not convert to MathML; it is shown as written",
    ]
    assert textformat.warnings("plain text, $x^2$ and \\emph{known}") == []


ALLOWED_TAGS = {"p", "em", "strong", "sub", "sup", "span", "a", "br", "ul", "ol", "li", "math"} | set(math.ELEMENTS)


def assert_inert(html: str) -> None:
    soup = BeautifulSoup(f"<body>{html}</body>", "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS | {"body"}, tag
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith(("on", "xlink", "style")), tag
            if attribute == "href":
                assert str(value).startswith(("http://", "https://")), tag
            if tag.name in math.ELEMENTS:
                assert attribute in math.ATTRIBUTES | {"data-pagefind-ignore"}, tag
    assert not soup.find(["maction", "semantics", "annotation", "annotation-xml", "script", "svg", "img", "iframe"])


ALL_HOSTILE = HOSTILE + HOSTILE_BLOCKS + HOSTILE_LONG


@pytest.mark.parametrize("text", [text for _, text in ALL_HOSTILE], ids=[name for name, _ in ALL_HOSTILE])
def test_hostile_text_renders_harmlessly(text: str) -> None:
    assert_inert(abstract_html(text))
    assert_inert(title_html(text))
    assert reader_text(abstract_html(text)) == " ".join(textformat.plain(text).split())


@pytest.mark.parametrize("text", [text for _, text in ALL_HOSTILE], ids=[name for name, _ in ALL_HOSTILE])
def test_bibtex_of_any_text_parses(text: str) -> None:
    """TeX kept as TeX, and still a valid field: braces balanced, specials escaped."""
    title, abstract = textformat.tex_title(text), textformat.tex(text)
    entry = f"@article{{key,\n  title = {{{title}}},\n  abstract = {{{abstract}}}\n}}\n"
    library = bibtexparser.parse_string(entry)
    assert not library.failed_blocks and len(library.entries) == 1


def test_hostile_sizes_stay_harmless() -> None:
    assert textformat.plain("{" * 10_000 + "x" + "}" * 10_000) == "x"
    assert textformat.plain("$" * 10_000) == "$" * 10_000
    assert textformat.plain("\\(" * 5_000) == "(" * 5_000
    nesting = MAX_NESTING  # groups past the parser's cap only protect case: dropped
    assert textformat.tex("{" * 10_000 + "x" + "}" * 10_000) == "{" * nesting + "x" + "}" * nesting
    formula = "$" + "{" * 100 + "x" + "}" * 100 + "$"
    assert textformat.plain(formula) == formula  # too deep to convert: shown as written


def test_mathml_keeps_only_the_allow_list() -> None:
    assert math.convert(r"\href{javascript:alert(1)}{x}", False) is None
    assert math.convert(r"\unicode{x3C}", False) is None
    formula = math.convert(r"\fbox{x} \overline{y}", False)
    assert formula is not None and "menclose" not in formula.markup and "<mrow>" in formula.markup
    assert re.findall(r"<(\w+)", formula.markup) and set(re.findall(r"<(\w+)", formula.markup)) <= math.ELEMENTS


def test_myst_helpers_name_ids_and_encode_titles() -> None:
    block = myst.abstract_block("paper", "2025-icml/hu25a", "An *abstract*.")
    assert block == f"```{{proceedings-abstract}} paper 2025-icml/hu25a\n:digest: {myst.digest('An *abstract*.')}\n```"
    assert myst.digest("a") != myst.digest("b")
    for kind, reference in [("person", "2025-icml/x"), ("paper", "x y/z"), ("paper", "a/b\n```"), ("paper", "a")]:
        with pytest.raises(ValueError):
            myst.abstract_block(kind, reference, "")
    assert myst.inline("") == ""
    assert myst.inline("100% `code` $x$") == "{proceedings-text}`100%25 %60code%60 $x$`"


@pytest.fixture(scope="module", autouse=True)
def _text_role_registered():
    with registered("proceedings-text", text_role):
        yield


@pytest.mark.parametrize("text", [text for _, text in HOSTILE], ids=[name for name, _ in HOSTILE])
def test_the_text_role_renders_any_title_from_its_myst(text: str) -> None:
    settings = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": False}
    doctree = publish_doctree(f"# {myst.inline(text)}\n", parser=Parser(), settings_overrides=settings)
    assert not list(doctree.findall(nodes.system_message))
    [role] = [n for n in doctree.findall(nodes.inline) if "proceedings-text" in n["classes"]]
    assert re.sub(r"[ \t\n]+", " ", role.astext()).strip() == textformat.plain_title(text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("One\r\nTwo", "<p>One Two</p>"),  # Windows line ends are line ends
        ("One\rTwo", "<p>One Two</p>"),  # and so are old Mac ones
        ("One\r\n\r\nTwo", "<p>One</p>\n<p>Two</p>"),
        # a line under the last item continues it, however many items come before
        (
            "- a\n- b\n- c\n  more",
            '<ul class="simple">\n<li><p>a</p></li>\n<li><p>b</p></li>\n<li><p>c more</p></li>\n</ul>',
        ),
    ],
)
def test_line_ends_and_list_continuations(source: str, expected: str) -> None:
    assert abstract_html(source) == expected


def test_a_title_warns_at_the_place_of_the_word_in_it() -> None:
    """Positions count in the title as shown: runs of white space are one space."""
    assert parse_inline(r"\foo bar")[1] == [("unknown TeX command \\foo, shown as 'foo'", 0)]
    assert parse_inline("  x \\foo bar")[1] == [("unknown TeX command \\foo, shown as 'foo'", 2)]


@pytest.mark.parametrize(
    ("source", "text"),
    [(r"10\,km", "10\u202fkm"), (r"a\ b", "a b"), (r"a\;b", "a b"), (r"a\!b", "ab"), (r"x\@y", "xy")],
)
def test_tex_spacing_commands_are_the_spaces_they_stand_for(source: str, text: str) -> None:
    assert textformat.plain(source) == text
    assert textformat.plain_title(source) == text


def test_front_matter_is_json_that_yaml_reads_back() -> None:
    fields = {"orphan": True, "title": 'Café "x"\n---'}
    written = literal.front_matter(fields)
    assert written == '---\norphan: true\ntitle: "Café \\"x\\"\\n---"\n---\n\n'
    assert yaml.safe_load(written.split("---\n")[1]) == fields
