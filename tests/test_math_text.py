"""Formulas as a reader gets them (``textformat.math``): the plain text beside each formula (search, feeds, meta
tags, screen readers' fallback) and the allow-listed MathML, whatever latex2mathml hands over.

The plain-text table says what a reader reads for each construct; the script tables are checked against the
Unicode names of their characters, not against a copy of themselves."""

from __future__ import annotations

import unicodedata

import pytest

from proceedings_site import textformat
from proceedings_site.textformat import math

from .textformat_html import abstract_html

READER_TEXT = [
    # scripts: Unicode where every character has one, else ^(…) and _(…)
    (r"x^2", "x²"),
    (r"x_1", "x₁"),
    (r"2^{10}", "2¹⁰"),
    (r"x^{n+1}", "xⁿ⁺¹"),
    (r"x_{2+1}", "x₂₊₁"),
    (r"x_{n+1}", "x_(n+1)"),
    (r"x^{ab}", "x^(ab)"),
    (r"x_{a}", "x_a"),
    (r"x_i^2", "x_i²"),
    (r"\mathrm{km}^2", "km²"),
    # degrees and primes
    (r"0.1^\circ", "0.1°"),
    (r"0.1^{\circ}", "0.1°"),
    (r"T_{\circ}", "T_∘"),
    (r"f'", "f′"),
    (r"f''", "f″"),
    (r"x^\prime", "x′"),
    # fractions and roots: one character bare, more in parentheses
    (r"\frac{a}{b}", "a/b"),
    (r"\frac{ab}{c}", "(ab)/c"),
    (r"\frac{a+b}{c+d}", "(a+b)/(c+d)"),
    (r"\sqrt{x}", "√x"),
    (r"\sqrt{xy}", "√(xy)"),
    (r"\sqrt[3]{x}", "³√(x)"),
    # accents read as their letter; limits as scripts, the lower one first
    (r"\hat{x}", "x"),
    (r"\overset{a}{b}", "b^a"),
    (r"\underset{a}{b}", "b_a"),
    (r"\int\limits_0^1 f", "∫₀¹f"),
    (r"\sum\limits_{i=1}^{n} i", "∑_(i=1)ⁿi"),
    # tables: cells by commas, rows by semicolons
    (r"\begin{matrix}a&b\\c&d\end{matrix}", "a, b; c, d"),
    # spaces and line breaks
    (r"a\;b", "a b"),
    (r"a \\ b", "a b"),
]


@pytest.mark.parametrize(("source", "text"), READER_TEXT)
def test_a_formula_reads_as_its_plain_text(source: str, text: str) -> None:
    formula = math.convert(source, False)
    assert formula is not None and formula.plain == text


@pytest.mark.parametrize(("source", "deepest"), [("x", 0), ("{a}{b}", 1), ("{a{b}}{c}", 2), ("x^{{{y}}}", 3)])
def test_depth_is_the_deepest_brace_nesting(source: str, deepest: int) -> None:
    assert math.depth(source) == deepest


@pytest.mark.parametrize("source", ["}{", "{a}}{", "{{a}", "{"])
def test_unbalanced_braces_count_as_too_deep_to_convert(source: str) -> None:
    assert math.depth(source) > math.MAX_DEPTH


def test_display_formulas_read_as_inline_ones_and_say_they_are_displayed() -> None:
    inline, display = math.convert(r"\frac{a}{b}", False), math.convert(r"\frac{a}{b}", True)
    assert inline is not None and display is not None and inline.plain == display.plain == "a/b"
    assert inline.markup.startswith('<math display="inline" data-pagefind-ignore="">')
    assert display.markup.startswith('<math display="block" data-pagefind-ignore="">')


def script_of(character: str, kind: str) -> str:
    """The Unicode super- or subscript of a character, found by name: SUPERSCRIPT TWO for DIGIT TWO."""
    name = unicodedata.name(character).removeprefix("DIGIT ").replace("HYPHEN-MINUS", "MINUS")
    return unicodedata.lookup(f"{kind} {name}")


@pytest.mark.parametrize("character", sorted(math.SCRIPT_CHARACTERS["sup"]))
def test_superscripts_are_the_unicode_superscript_of_their_character(character: str) -> None:
    assert character.translate(math.SUPERSCRIPTS) == script_of(character, "SUPERSCRIPT")


@pytest.mark.parametrize("character", sorted(math.SCRIPT_CHARACTERS["sub"]))
def test_subscripts_are_the_unicode_subscript_of_their_character(character: str) -> None:
    assert character.translate(math.SUBSCRIPTS) == script_of(character, "SUBSCRIPT")


def test_the_script_tables_translate_exactly_their_characters() -> None:
    assert {chr(code) for code in math.SUPERSCRIPTS} == math.SCRIPT_CHARACTERS["sup"]
    assert {chr(code) for code in math.SUBSCRIPTS} == math.SCRIPT_CHARACTERS["sub"]


MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">{}</math>'


def filtered(monkeypatch: pytest.MonkeyPatch, content: str) -> math.Formula:
    """What ``convert`` makes of MathML as latex2mathml might write it (past the cache, which keys on the source)."""
    monkeypatch.setattr(math, "latex_to_mathml", lambda source, display: MATHML.format(content))
    formula = math.convert.__wrapped__("x", False)
    assert formula is not None
    return formula


def test_mathml_keeps_allowed_attributes_with_safe_values_only(monkeypatch: pytest.MonkeyPatch) -> None:
    formula = filtered(
        monkeypatch,
        '<mi mathvariant="bold" class="c" style="color:red" onclick="alert(1)">a</mi>'
        '<mspace width="javascript:alert(1)" depth="1em"/><mpadded width="+0.5em" lspace="url(x)" voffset="-.2em">'
        "<mi>b</mi></mpadded>",
    )
    assert formula.markup == (
        '<math display="inline" data-pagefind-ignore=""><mi mathvariant="bold">a</mi><mspace depth="1em"></mspace>'
        '<mpadded voffset="-.2em" width="+0.5em"><mi>b</mi></mpadded></math>'
    )


def test_mathml_drops_actions_annotations_and_foreign_elements_with_their_content(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    formula = filtered(
        monkeypatch,
        '<mi>a</mi><maction actiontype="toggle"><mi>hidden</mi></maction>'
        '<semantics><mi>s</mi><annotation encoding="text/html">t</annotation></semantics>'
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg><mi>b</mi>',
    )
    assert formula.markup == '<math display="inline" data-pagefind-ignore=""><mi>a</mi><mi>b</mi></math>'
    assert formula.plain == "ab"


def test_mathml_outside_core_keeps_its_content_as_a_group(monkeypatch: pytest.MonkeyPatch) -> None:
    formula = filtered(monkeypatch, '<menclose notation="box"><mi>x</mi><mi>y</mi></menclose>')
    assert formula.markup == '<math display="inline" data-pagefind-ignore=""><mrow><mi>x</mi><mi>y</mi></mrow></math>'
    assert formula.plain == "xy"


def test_mathml_text_is_escaped_and_keeps_the_text_between_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    formula = filtered(monkeypatch, '<mtext>1 &lt; 2 &amp; "q"</mtext> &lt;b&gt; <mi>x</mi>')
    assert formula.markup == (
        '<math display="inline" data-pagefind-ignore=""><mtext>1 &lt; 2 &amp; "q"</mtext> &lt;b&gt; <mi>x</mi></math>'
    )


def test_plain_text_keeps_the_text_of_every_token_element(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = "<mi>x</mi><mo>=</mo><mn>2</mn><mtext> if </mtext><ms>s</ms><mi/>"
    assert filtered(monkeypatch, tokens).plain == "x=2 if s"


def test_plain_text_has_no_function_application_character(monkeypatch: pytest.MonkeyPatch) -> None:
    formula = filtered(monkeypatch, "<mi>sin</mi><mo>&#x2061;</mo><mi>x</mi>")
    assert formula.plain == "sinx"


def test_plain_text_reads_spaces_and_line_breaks_but_not_empty_space(monkeypatch: pytest.MonkeyPatch) -> None:
    spaced = '<mi>a</mi><mspace width="1em"/><mi>b</mi><mspace linebreak="newline"/><mi>c</mi><mspace/><mi>d</mi>'
    assert filtered(monkeypatch, spaced).plain == "a b cd"


def test_plain_text_reads_accents_over_and_under_as_their_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    over = '<mover accent="true"><mi>x</mi><mo>~</mo></mover>'
    under = '<munder accentunder="true"><mi>y</mi><mo>‿</mo></munder>'
    assert filtered(monkeypatch, over + under).plain == "xy"


def test_plain_text_reads_limits_below_as_subscripts_and_above_as_superscripts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limits = (
        "<munder><mo>lim</mo><mi>n</mi></munder><mover><mi>x</mi><mi>k</mi></mover>"
        "<munderover><mo>∑</mo><mn>0</mn><mi>m</mi></munderover>"
    )
    assert filtered(monkeypatch, limits).plain == "lim_nx^k∑₀^m"


def test_plain_text_of_a_degree_or_prime_superscript_is_the_sign_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    signs = "".join(f"<msup><mn>1</mn><mo>{sign}</mo></msup>" for sign in ["∘", "°", "○", "′", "'", "″"])
    assert filtered(monkeypatch, signs).plain == "1°1°1°1′1'1″"


def test_plain_text_of_a_degree_or_prime_subscript_is_a_subscript(monkeypatch: pytest.MonkeyPatch) -> None:
    signs = "".join(f"<msub><mi>x</mi><mo>{sign}</mo></msub>" for sign in ["°", "′"])
    assert filtered(monkeypatch, signs).plain == "x_°x_′"


def test_plain_text_reads_a_square_root_of_several_elements_as_one_group(monkeypatch: pytest.MonkeyPatch) -> None:
    assert filtered(monkeypatch, "<msqrt><mi>x</mi><mi>y</mi></msqrt>").plain == "√(xy)"


def test_plain_text_ignores_extra_scripts_rather_than_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert filtered(monkeypatch, "<msup><mi>a</mi><mn>2</mn><mn>3</mn></msup>").plain == "a²"


def test_plain_text_of_incomplete_scripts_and_fractions_is_their_content(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = "<msup><mi>a</mi></msup><mfrac><mi>b</mi></mfrac><mroot><mi>c</mi></mroot><mover></mover>"
    assert filtered(monkeypatch, broken).plain == "abc"


@pytest.mark.parametrize(
    ("source", "tex"),
    [
        (r"a $x^2$ b", r"a $x^2$ b"),
        (r"a \(x\) b", r"a $x$ b"),  # one inline delimiter in BibTeX, whatever the author wrote
        (r"$$\frac{a}{b}$$", r"$$\frac{a}{b}$$"),
        (r"\[y\]", r"$$y$$"),
        (r"fails: $\badmacro$", r"fails: \$\textbackslash{}badmacro\$"),  # shown as written, so escaped
        ("one\ntwo", "one two"),
    ],
)
def test_bibtex_keeps_formulas_that_convert_as_tex_and_escapes_the_others(source: str, tex: str) -> None:
    assert textformat.tex(source) == tex


@pytest.mark.parametrize(
    "source",
    [
        "costs $ x$ here",  # a space after the opening dollar: no formula
        "only $5 today",  # a dollar that nothing closes
        "between $a$2 and",  # a digit right after the closing dollar: no formula
        "$5 and $10",  # a space before the closing dollar: no formula
    ],
)
def test_dollars_that_pandoc_reads_as_money_stay_dollars(source: str) -> None:
    assert textformat.plain(source) == source
    assert "<math" not in abstract_html(source)
