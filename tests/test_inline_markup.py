"""Inline markup at its edges (``textformat.parse``): TeX accents, letters, symbols and commands in every form authors
write them, and spans that never close or nest past the parser's cap, which must show as written.

Tables are checked against the Unicode names of their characters: the accent mark's name in TeX's sense (acute,
cedilla, …) finds the precomposed letter, independently of the combining characters the code uses."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Callable

import pytest

from proceedings_site import textformat

from .textformat_html import abstract_html, title_html, unlinked_title_html

tex = importlib.import_module("proceedings_site.textformat.tex")  # the package's ``tex`` is the function

# Each TeX accent with what Unicode calls it, and a letter that has a precomposed form with it.
ACCENT_NAMES = {
    "'": ("e", "ACUTE"),
    "`": ("e", "GRAVE"),
    "^": ("e", "CIRCUMFLEX"),
    '"': ("o", "DIAERESIS"),
    "~": ("n", "TILDE"),
    "=": ("e", "MACRON"),
    ".": ("z", "DOT ABOVE"),
    "c": ("c", "CEDILLA"),
    "u": ("g", "BREVE"),
    "v": ("s", "CARON"),
    "H": ("o", "DOUBLE ACUTE"),
    "k": ("a", "OGONEK"),
    "r": ("u", "RING ABOVE"),
    "d": ("d", "DOT BELOW"),
    "b": ("b", "LINE BELOW"),
}


def test_every_accent_the_format_knows_is_named_here() -> None:
    assert set(tex.ACCENTS) == set(ACCENT_NAMES)


@pytest.mark.parametrize("mark", sorted(ACCENT_NAMES))
def test_an_accent_in_braces_is_the_precomposed_letter(mark: str) -> None:
    letter, accent = ACCENT_NAMES[mark]
    assert textformat.plain_title(f"\\{mark}{{{letter}}}") == unicodedata.lookup(
        f"LATIN SMALL LETTER {letter} WITH {accent}"
    )


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"Caf\'e", "Café"),  # a control symbol takes the letter right after it
        (r"caf\'{e}", "café"),  # braces, at the very end of the text
        (r"Gar\c con", "Garçon"),  # a control word takes the letter after its space
        (r"\c{c}a", "ça"),
        (r"na\"{\i}ve", "naïve"),  # dotless i in braces
        (r"na\"\i ve", "naïve"),  # dotless i as a command
        (r"\v{\j}", "ǰ"),  # dotless j in braces
        (r"\v\j", "ǰ"),
    ],
)
def test_accents_in_every_form_authors_write(source: str, text: str) -> None:
    assert textformat.plain_title(source) == text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"x\'", "x'"),  # nothing left to accent
        (r"\' e", "' e"),  # a control symbol does not reach over a space
        (r"\cc", "cc"),  # one unknown command, not \c and c
        (r"\'{*}", "'*"),  # no letter
        (r"caf\'{e", "caf'{e"),  # a brace that never closes
    ],
)
def test_an_accent_with_no_letter_to_take_shows_as_written(source: str, text: str) -> None:
    assert textformat.plain_title(source) == text


@pytest.mark.parametrize(("name", "letter"), sorted(tex.LETTERS.items()))
def test_letter_commands_are_letters(name: str, letter: str) -> None:
    """Each is a letter or letters (``\\SS`` is "SS"), and ends its word at the space after it, also at the end."""
    assert letter.isalpha()
    assert textformat.plain_title(f"x\\{name} Xy") == f"x{letter}Xy"
    assert textformat.plain_title(f"x\\{name}") == f"x{letter}"


@pytest.mark.parametrize(("name", "symbol"), sorted(tex.SYMBOLS.items()))
def test_symbol_commands_keep_the_space_after_them(name: str, symbol: str) -> None:
    assert textformat.plain(f"a \\{name} b") == f"a {symbol} b".strip()


def test_symbols_are_the_characters_their_commands_name() -> None:
    """Spot checks by Unicode name, for the symbols whose command names say what they are."""
    named = {
        "times": "MULTIPLICATION SIGN",
        "pm": "PLUS-MINUS SIGN",
        "leq": "LESS-THAN OR EQUAL TO",
        "geq": "GREATER-THAN OR EQUAL TO",
        "approx": "ALMOST EQUAL TO",
        "textdegree": "DEGREE SIGN",
        "euro": "EURO SIGN",
        "pounds": "POUND SIGN",
        "copyright": "COPYRIGHT SIGN",
        "textregistered": "REGISTERED SIGN",
        "dag": "DAGGER",
        "ddag": "DOUBLE DAGGER",
        "textendash": "EN DASH",
        "textemdash": "EM DASH",
        "ldots": "HORIZONTAL ELLIPSIS",
    }
    assert {name: unicodedata.name(tex.SYMBOLS[name]) for name in named} == named


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"``quoted'' and ``again''", "“quoted” and “again”"),  # TeX quotes, not code between the two ``
        ("it`s", "it‘s"),  # a lone backtick is an opening quote
        ("```not code```", "```not code```"),  # three backticks or more show as written
    ],
)
def test_backticks_are_quotes_unless_they_close(source: str, text: str) -> None:
    assert textformat.plain_title(source) == text


@pytest.mark.parametrize(
    "source",
    [
        "<em>never closed",
        "<code>never closed",
        '<a href="https://example.org/">never closed',
        "a </em> b <div> c",
        '<https://example.org/"onmouseover="x>',  # an address with a quote is no link
    ],
)
def test_html_that_does_not_make_a_span_shows_as_written(source: str) -> None:
    assert textformat.plain_title(source) == source
    assert "<a " not in title_html(source)


def test_an_html_link_may_quote_its_address_with_single_quotes() -> None:
    assert 'href="https://example.org/">the data</a>' in title_html("<a href='https://example.org/'>the data</a>")


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\emph{never closed", "{never closed"),
        (r"\texttt{never closed", "{never closed"),
        (r"\href{https://example.org/}{never closed", "{never closed"),
        (r"\href{https://example.org/} and no label", "https://example.org/ and no label"),
        (r"\url{https://example.org/", "url{https://example.org/"),
        (r"a \emph", "a"),
        (r"see \url and {a group}", "see url and a group"),
    ],
)
def test_tex_commands_missing_their_braces_show_their_text(source: str, text: str) -> None:
    assert textformat.plain_title(source) == text


def test_a_command_may_have_spaces_before_its_argument() -> None:
    assert textformat.tex_title(r"\emph {spaced} argument") == r"\emph{spaced} argument"


def test_a_declaration_sets_the_innermost_group_only() -> None:
    assert textformat.tex_title(r"{a {\em b}}") == r"{a \emph{b}}"


def test_a_declaration_does_not_change_a_span_that_has_a_kind() -> None:
    assert textformat.tex_title(r"\emph{\bf x}") == r"\emph{x}"
    assert textformat.tex_title(r"{\rm x}") == "{x}"


def test_texttt_shows_what_is_inside_as_code() -> None:
    code = '<span class="docutils literal">snake_case x unknowncmd</span>'
    assert code in title_html(r"\texttt{snake\_case $x$ \unknowncmd}")
    assert textformat.plain_title(r"\texttt{snake\_case $x$ \unknowncmd}") == "snake_case x unknowncmd"


@pytest.mark.parametrize(
    "inside",
    ["[a](https://example.org/)", "*not emphasis*", "<b>not bold</b>", "`ticks`", "<https://example.org/>"],
)
def test_markdown_and_html_inside_texttt_are_its_text(inside: str) -> None:
    """As in a Markdown code span: what a title exported to TeX writes inside \\texttt comes back as it was."""
    assert textformat.plain_title(rf"\texttt{{{inside}}}") == inside
    assert textformat.plain_title(textformat.tex_title(f"`{inside}`")) == textformat.plain_title(f"`{inside}`")


NESTED_PAST_THE_CAP = [
    ("[" * 200 + "x", "[" * 200 + "x"),
    ("<em>" * 200 + "x", "<em>" * 200 + "x"),
    ('<a href="https://example.org/">' * 200 + "x", '<a href="https://example.org/">' * 200 + "x"),
    ("\\emph{" * 200 + "x" + "}" * 200, "x"),
    ("\\href{https://example.org/}{" * 200 + "x" + "}" * 200, "x"),
]


@pytest.mark.parametrize(
    ("source", "text"), NESTED_PAST_THE_CAP, ids=["brackets", "html", "html-links", "emph", "href"]
)
def test_nesting_past_the_cap_shows_as_written_and_closes_what_it_opened(source: str, text: str) -> None:
    assert textformat.plain_title(source) == text
    assert textformat.plain_title(source + " after") == text + " after"


def test_formulas_in_lists_are_checked_too() -> None:
    source = "Intro.\n\n- first $\\badmacro$\n- second"
    assert textformat.check(source) == [
        "line 3: formula $\\badmacro$ does not convert to MathML; it is shown as written"
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_warnings_are_located_by_line_whatever_the_line_ends(newline: str) -> None:
    source = newline.join(["", "First line.", "Second line.", "\\geotiff files."])
    assert textformat.located(source) == [(3, "unknown TeX command \\geotiff, shown as 'geotiff'")]


@pytest.mark.parametrize(
    ("source", "tex_text"),
    [
        ("snake_case_name", r"snake\_case\_name"),  # underscores inside a word are no emphasis
        ("un*frigging*believable", r"un\emph{frigging}believable"),  # stars inside a word are
        ("_under_ and __strong__", r"\emph{under} and \textbf{strong}"),
        ("*not closed *here", "{*}not closed {*}here"),  # a star after a space does not close (a literal star
        ("a * b*", "a {*} b{*}"),  # is a brace group, which reads back as one); a star before a space does not open
    ],
)
def test_markdown_emphasis_opens_and_closes_where_commonmark_says(source: str, tex_text: str) -> None:
    assert textformat.tex_title(source) == tex_text


@pytest.mark.parametrize(
    ("source", "tex_text"),
    [
        (r"\href{https://example.org/a%20b#c}{x}", r"\href{https://example.org/a\%20b\#c}{x}"),  # TeX's comment and
        ("- a\n- b", r"\textbullet{} a \textbullet{} b"),  # parameter signs escaped; a list as one paragraph
        ("one\n\ntwo", "one\n\ntwo"),
        ("hard  \nbreak", "hard break"),  # a line break is a space in a BibTeX field
    ],
)
def test_bibtex_escapes_link_addresses_and_flattens_lists(source: str, tex_text: str) -> None:
    assert textformat.tex(source) == tex_text


LINKED = '<a class="reference external" href="https://example.org/d">'


@pytest.mark.parametrize(
    ("render", "source", "expected"),
    [
        # an abstract: links and line breaks work inside emphasis too
        (
            abstract_html,
            "*see [the data](https://example.org/d) here*",
            f"<p><em>see {LINKED}the data</a> here</em></p>",
        ),
        (abstract_html, r"*first\\ second*", "<p><em>first<br />\n second</em></p>"),
        # a title: its line break is a space at any depth, its links stay links
        (title_html, r"**[x](https://example.org/d) and \\ y**", f"<p><strong>{LINKED}x</a> and   y</strong></p>"),
        # a title inside a link (a list entry): no link at any depth
        (unlinked_title_html, "*see [the data](https://example.org/d) here*", "<p><em>see the data here</em></p>"),
    ],
)
def test_nested_markup_keeps_what_links_and_line_breaks_become(
    render: Callable[[str], str], source: str, expected: str
) -> None:
    assert render(source) == expected
