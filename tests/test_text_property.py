"""Property: any string the model accepts comes out of MyST exactly as the model stored it."""

from __future__ import annotations

import re
import unicodedata

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from pydantic import BaseModel, ValidationError

from proceedings_site import textformat
from proceedings_site.model import LongText, Text
from proceedings_site.sphinxext.links import page_role, pending_page_link
from proceedings_site.textformat import literal as md

from .docutils_roles import registered

SETTINGS = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": False}

# Every character, weighted towards the ones that mean something to MyST, HTML or reStructuredText.
SYNTAX = "`*_{}[]()<>#!|\\$&:;-+=.~^%@\"' \n\t"
characters = st.one_of(st.sampled_from(SYNTAX), st.characters(codec="utf-8"))
strings = st.text(characters, min_size=1, max_size=60)


class OneLine(BaseModel):
    value: Text


class Block(BaseModel):
    value: LongText


def parse(source: str) -> nodes.document:
    return publish_doctree(source, parser=Parser(), settings_overrides=SETTINGS)


def accepted(model: type[BaseModel], raw: str) -> str | None:
    try:
        return model(value=raw).value  # type: ignore[attr-defined]
    except ValidationError:
        return None


def inline_text(doctree: nodes.document) -> str:
    for system_message in doctree.findall(nodes.system_message):
        system_message.parent.remove(system_message)
    return doctree.astext()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(strings)
@pytest.mark.parametrize(
    "template",
    ["# {}\n", "{}\n", "- {}\n", "**{}**\n", "Before {} after\n", "[{}](<https://example.org/>)\n"],
    ids=["heading", "paragraph", "list-item", "strong", "inline", "link-label"],
)
def test_one_line_text_is_literal_in_every_context(template: str, raw: str) -> None:
    value = accepted(OneLine, raw)
    if value is None:
        return
    doctree = parse(template.format(md.text(value)))
    assert not list(doctree.findall(nodes.raw)) and not list(doctree.findall(nodes.literal_block))
    rendered = inline_text(doctree)
    prefix, _, suffix = template.strip("\n").partition("{}")
    stripped = {"# ": "", "- ": "", "**": "", "[": ""}.get(prefix, prefix)
    closing = {"**": "", "](<https://example.org/>)": ""}.get(suffix, suffix)
    assert rendered == f"{stripped}{value}{closing}"


@settings(max_examples=200, deadline=None)
@given(st.text(characters, min_size=1, max_size=200))
def test_abstract_paragraphs_are_literal(raw: str) -> None:
    value = accepted(Block, raw)
    if value is None:
        return
    doctree = parse(md.paragraphs(value))
    assert all(isinstance(child, nodes.paragraph) for child in doctree.children)
    expected = [" ".join(block.split()) for block in re.split(r"\n\s*\n", value.strip()) if block.strip()]
    assert [p.astext() for p in doctree.children] == expected


@given(strings)
def test_the_model_stores_text_normalized_or_refuses_it(raw: str) -> None:
    value = accepted(OneLine, raw)
    if value is None:
        return
    assert value == " ".join(unicodedata.normalize("NFC", raw).split())
    assert not any(unicodedata.category(c) in {"Cc", "Cf"} and c != "\u200d" for c in value)


docnames = st.lists(st.sampled_from(["a", "b", "papers", "people", "index", "zoë-ünal"]), min_size=1, max_size=4)


@pytest.fixture(scope="module", autouse=True)
def _page_role_registered():
    with registered("proceedings-page", page_role):
        yield


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(strings, docnames, st.sampled_from(["", "2030-test-slot-0940"]))
def test_page_links_carry_any_label_as_plain_text(raw: str, target: list[str], anchor: str) -> None:
    """A link's label is whatever the model accepted, and nothing in it can end the role or add markup."""
    value = accepted(OneLine, raw)
    if value is None:
        return
    docname = "/".join(target)
    doctree = parse(f"- Before **{md.internal(docname, value, anchor)}** after\n")
    assert not list(doctree.findall(nodes.system_message))
    [link] = doctree.findall(pending_page_link)
    assert (link["docname"], link["anchor"], link.astext()) == (docname, anchor, value)
    assert doctree.astext() == f"Before {value} after"


# Characters that mean nothing to the text format (no Markdown, HTML, TeX or math delimiter), and no line ends.
MARKUP = set("\\$*_`<>[]{}~-'^&#+\n\r")
unmarked = st.text(st.characters(codec="utf-8", exclude_characters=MARKUP), min_size=1, max_size=80)


def reader_text(children: list[nodes.Node]) -> str:
    """What a reader sees of rendered nodes: a line break is white space, a formula its plain text. Blocks are
    separated by white space, inline nodes by nothing."""
    inline = not any(isinstance(child, nodes.Body) for child in children)
    container = nodes.paragraph("", "", *children) if inline else nodes.container("", *children)
    for raw in list(container.findall(nodes.raw)):
        raw.replace_self(nodes.Text(" "))
    return " ".join(container.astext().split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(unmarked)
def test_text_without_markup_is_shown_exactly_as_written(raw: str) -> None:
    value = accepted(OneLine, "Text " + raw)
    if value is None:
        return
    assert textformat.plain_title(value) == value
    assert reader_text(textformat.title_nodes(value)) == value
    abstract = accepted(Block, "Text " + raw)
    assert abstract is not None and textformat.plain(abstract) == abstract.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(characters, min_size=1, max_size=200))
def test_plain_text_is_what_a_reader_sees_of_any_markup(raw: str) -> None:
    value = accepted(Block, raw)
    if value is None:
        return
    assert reader_text(textformat.nodes(value)) == " ".join(textformat.plain(value).split())
    assert reader_text(textformat.title_nodes(value)) == " ".join(textformat.plain_title(value).split())
