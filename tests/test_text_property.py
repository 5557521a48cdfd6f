"""Property: any string the model accepts comes out of MyST exactly as the model stored it.

The strategies generate what they test: ``one_line`` and ``block`` only texts the model accepts (the tests
assert that it does); ``hidden``, ``blank`` and over-long texts only ones it must refuse (the tests assert the
error). Health checks are on, and filters throw away almost nothing (``pytest --hypothesis-show-statistics``
shows the share). Every example is a real one, so fewer are asked for than when three in four were thrown away."""

from __future__ import annotations

import re
import unicodedata

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from pydantic import BaseModel, ValidationError

from proceedings_site import textformat
from proceedings_site.model import LongText, Text
from proceedings_site.sphinxext.links import page_role, pending_page_link
from proceedings_site.textformat import literal as md
from proceedings_site.textformat import tokens

from .docutils_roles import registered

SETTINGS = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": False}

# Every character the model accepts in a text, weighted towards the ones that mean something to MyST, HTML or
# reStructuredText; the model refuses invisible and control characters (fields.py), but for the zero-width joiner.
INVISIBLE = ("Cc", "Cf", "Co", "Cs", "Cn")
SYNTAX = "`*_{}[]()<>#!|\\$&:;-+=.~^%@\"' "
visible = st.one_of(
    st.sampled_from(SYNTAX), st.just("\u200d"), st.characters(codec="utf-8", exclude_categories=INVISIBLE)
)
shown = st.characters(codec="utf-8", exclude_categories=(*INVISIBLE, "Zs", "Zl", "Zp"))  # not white space either


def _text(characters: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[str]:
    """Texts with at least one character that is not white space: a visible one somewhere among the others."""
    return st.tuples(
        st.text(characters, max_size=max_size // 2), shown, st.text(characters, max_size=max_size // 2)
    ).map("".join)


one_line = _text(visible, 60)  # a title, name or label
block = _text(st.one_of(visible, st.sampled_from("\n\n\t")), 200)  # an abstract: line breaks and tabs too
# What the model refuses: an invisible or control character anywhere (a line break in a one-line text too).
hidden = st.characters(codec="utf-8", categories=("Cc", "Cf", "Co", "Cn"), exclude_characters="\u200d")
hidden_in_block = st.characters(codec="utf-8", categories=("Cc", "Cf", "Co", "Cn"), exclude_characters="\u200d\n\t")
blank = st.text(st.sampled_from(" \u00a0\u2003\u3000"), max_size=10)


class OneLine(BaseModel):
    value: Text


class Block(BaseModel):
    value: LongText


def parse(source: str) -> nodes.document:
    return publish_doctree(source, parser=Parser(), settings_overrides=SETTINGS)


def accepted(model: type[BaseModel], raw: str) -> str:
    """The value the model stores; a generated valid text that the model refuses fails the test here."""
    return model(value=raw).value  # type: ignore[attr-defined]


def refusal(model: type[BaseModel], raw: str) -> str:
    with pytest.raises(ValidationError) as error:
        model(value=raw)
    return str(error.value)


def inline_text(doctree: nodes.document) -> str:
    for system_message in doctree.findall(nodes.system_message):
        system_message.parent.remove(system_message)
    return doctree.astext()


@settings(max_examples=100, deadline=None)
@given(one_line)
@pytest.mark.parametrize(
    "template",
    ["# {}\n", "{}\n", "- {}\n", "**{}**\n", "Before {} after\n", "[{}](<https://example.org/>)\n"],
    ids=["heading", "paragraph", "list-item", "strong", "inline", "link-label"],
)
def test_one_line_text_is_literal_in_every_context(template: str, raw: str) -> None:
    value = accepted(OneLine, raw)
    doctree = parse(template.format(md.text(value)))
    assert not list(doctree.findall(nodes.raw)) and not list(doctree.findall(nodes.literal_block))
    rendered = inline_text(doctree)
    prefix, _, suffix = template.strip("\n").partition("{}")
    stripped = {"# ": "", "- ": "", "**": "", "[": ""}.get(prefix, prefix)
    closing = {"**": "", "](<https://example.org/>)": ""}.get(suffix, suffix)
    assert rendered == f"{stripped}{value}{closing}"


@settings(max_examples=100, deadline=None)
@given(block)
def test_abstract_paragraphs_are_literal(raw: str) -> None:
    value = accepted(Block, raw)
    doctree = parse(md.paragraphs(value))
    assert all(isinstance(child, nodes.paragraph) for child in doctree.children)
    expected = [" ".join(block.split()) for block in re.split(r"\n\s*\n", value.strip()) if block.strip()]
    assert [p.astext() for p in doctree.children] == expected


@given(one_line)
def test_the_model_stores_text_normalized(raw: str) -> None:
    value = accepted(OneLine, raw)
    assert value == " ".join(unicodedata.normalize("NFC", raw).split())
    assert not any(unicodedata.category(c) in INVISIBLE and c != "\u200d" for c in value)


@given(one_line, hidden, one_line)
def test_an_invisible_or_control_character_is_refused_by_name(before: str, char: str, after: str) -> None:
    message = refusal(OneLine, before + char + after)
    assert f"invisible or control character U+{ord(char):04X}" in message and "remove it" in message


@given(block, hidden_in_block, block)
def test_an_abstract_refuses_control_characters_but_keeps_line_breaks(before: str, char: str, after: str) -> None:
    assert f"U+{ord(char):04X}" in refusal(Block, before + char + after)
    assert "\n" in accepted(Block, before + "\n" + after)


@given(blank)
def test_blank_text_is_refused_as_empty(raw: str) -> None:
    assert "must not be empty" in refusal(OneLine, raw)
    assert "must not be empty" in refusal(Block, raw + "\n" + raw)


@given(st.text(shown, min_size=301, max_size=400))
def test_a_text_over_its_length_limit_is_refused(raw: str) -> None:
    assert "at most 300 characters" in refusal(OneLine, raw)


# Page names as layout.py makes them: lowercase words of any script, joined by hyphens, in folders.
words = st.text(st.characters(categories=("Ll", "Lo", "Nd"), codec="utf-8"), min_size=1, max_size=8)
docnames = st.lists(st.lists(words, min_size=1, max_size=3).map("-".join), min_size=1, max_size=4)


@pytest.fixture(scope="module", autouse=True)
def _page_role_registered():
    with registered("proceedings-page", page_role):
        yield


@settings(max_examples=100, deadline=None)
@given(one_line, docnames, st.one_of(st.just(""), words.map("2030-test-slot-{}".format)))
def test_page_links_carry_any_label_as_plain_text(raw: str, target: list[str], anchor: str) -> None:
    """A link's label is whatever the model accepted, and nothing in it can end the role or add markup."""
    value = accepted(OneLine, raw)
    docname = "/".join(target)
    doctree = parse(f"- Before **{md.internal(docname, value, anchor)}** after\n")
    assert not list(doctree.findall(nodes.system_message))
    [link] = doctree.findall(pending_page_link)
    assert (link["docname"], link["anchor"], link.astext()) == (docname, anchor, value)
    assert doctree.astext() == f"Before {value} after"


# Characters that mean nothing to the text format (no Markdown, HTML, TeX or math delimiter), and no line ends.
MARKUP = set("\\$*_`<>[]{}~-'^&#+\n\r")
unmarked = st.text(
    st.characters(codec="utf-8", exclude_characters=MARKUP, exclude_categories=INVISIBLE), min_size=1, max_size=80
)


def reader_text(children: list[nodes.Node]) -> str:
    """What a reader sees of rendered nodes: a line break is white space, a formula its plain text. Blocks are
    separated by white space, inline nodes by nothing."""
    inline = not any(isinstance(child, nodes.Body) for child in children)
    container = nodes.paragraph("", "", *children) if inline else nodes.container("", *children)
    for raw in list(container.findall(nodes.raw)):
        raw.replace_self(nodes.Text(" "))
    return " ".join(container.astext().split())


@settings(max_examples=200, deadline=None)
@given(unmarked)
def test_text_without_markup_is_shown_exactly_as_written(raw: str) -> None:
    value = accepted(OneLine, "Text " + raw)
    assert textformat.plain_title(value) == value
    assert reader_text(textformat.title_nodes(value)) == value
    abstract = accepted(Block, "Text " + raw)
    assert textformat.plain(abstract) == abstract.strip()


@settings(max_examples=150, deadline=None)
@given(block)
def test_plain_text_is_what_a_reader_sees_of_any_markup(raw: str) -> None:
    value = accepted(Block, raw)
    assert reader_text(textformat.nodes(value)) == " ".join(textformat.plain(value).split())
    assert reader_text(textformat.title_nodes(value)) == " ".join(textformat.plain_title(value).split())


def _without_lookahead() -> re.Pattern[str]:
    """The token pattern as it would be without its leading lookahead, which only makes the scan faster."""
    pattern = tokens.TOKEN.pattern
    start = pattern.index("(?:")
    assert pattern[:start].strip().startswith("(?=[")  # the lookahead is where the shortcut expects it
    return re.compile(pattern[start:], re.VERBOSE)


@settings(max_examples=300)
@given(st.text(st.one_of(st.sampled_from(SYNTAX + "\n\t\\'"), st.sampled_from("ab1 ")), max_size=80))
def test_the_tokenizers_shortcut_finds_every_token_the_full_pattern_finds(text: str) -> None:
    full = [(m.lastgroup, m.group(), m.start()) for m in _without_lookahead().finditer(text)]
    assert [(m.lastgroup, m.group(), m.start()) for m in tokens.TOKEN.finditer(text)] == full
