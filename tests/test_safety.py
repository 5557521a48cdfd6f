"""The protections of ``sphinxext/safety.py`` and of the text format, each shown to hold on its own.

A hand-written page uses raw HTML, ``{include}`` of a planted secret file, ``{eval-rst}`` (with raw HTML and an
include inside) and MyST's HTML syntax; a paper's title and abstract carry the same constructs. The build must
refuse each directive by name, show the HTML as text, and let nothing of the secret file or the HTML through.
These tests fail when any one setting of ``safety.py`` is removed, or when paper pages stop rendering abstracts
through the text format.
"""

from __future__ import annotations

import pytest
import yaml

from proceedings_site import textformat
from proceedings_site.textformat import literal

from .hostile import CANARY
from .htmlpage import article
from .metadata_tree import minimal_tree, write
from .sitebuild import SphinxBuilder

ATTACKS_PAGE = f"""\
---
orphan: true
---

# Attacks

(raw-section)=
## Raw HTML

```{{raw}} html
<p id="planted-raw">RAW-HTML-{CANARY}</p>
```

(include-section)=
## Include

```{{include}} ../../secret.txt
```

(literalinclude-section)=
## Literal include

```{{literalinclude}} ../../secret.txt
```

(eval-rst-section)=
## eval-rst

```{{eval-rst}}
.. raw:: html

   <p id="planted-eval-rst">EVAL-RST</p>

.. include:: ../../secret.txt
```

(myst-html-section)=
## MyST HTML

<div id="planted-block">BLOCK</div>

Inline <span id="planted-inline">INLINE</span> HTML.

(quotes-section)=
## Quotes

"straight" and 'single' -- as typed.
"""

METADATA_ATTACK = (
    "Before.\n\n"
    "```{raw} html\n<p id='abstract-raw'>x</p>\n```\n\n"
    "```{include} ../../../secret.txt\n```\n\n"
    "```{eval-rst}\n.. raw:: html\n\n   <p id='abstract-eval'>x</p>\n```\n\n"
    "<div id='abstract-html'>block</div>\n\n"
    "*Emphasis* and <b id='abstract-inline'>bold</b> and $x^2$.\n\n"
    "After."
)


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> SphinxBuilder:
    root = tmp_path_factory.mktemp("safety")
    (root / "secret.txt").write_text(CANARY, encoding="utf-8")
    meta = minimal_tree(root)
    paper = meta / "2030-test/papers/lovelace30a.yaml"
    data = yaml.safe_load(paper.read_text(encoding="utf-8"))
    write(paper, data | {"title": "A <b id='title-html'>title</b> {raw}`html` `<i>`", "abstract": METADATA_ATTACK})
    builder = SphinxBuilder(root, meta)
    builder.add_page("extra/attacks.md", ATTACKS_PAGE)
    return builder.build(assert_pass=False)


def section(builder: SphinxBuilder, anchor: str):
    found = article(builder.path("extra/attacks.html")).find(id=anchor)
    assert found is not None and found.name == "section", anchor
    return found


def test_the_build_refuses_raw_and_include_on_the_hand_written_page(attacked: SphinxBuilder) -> None:
    assert not attacked.passed
    warnings = attacked.warnings.splitlines()
    assert warnings and all("extra/attacks.md" in line for line in warnings), attacked.output  # metadata: none
    text = attacked.warnings.lower()
    assert text.count("disabled") >= 4, attacked.output  # raw, include, eval-rst's raw and its include
    assert "raw" in text and "include" in text


def test_raw_html_is_refused(attacked: SphinxBuilder) -> None:
    page = article(attacked.path("extra/attacks.html"))
    assert page.find(id="planted-raw") is None and page.find(id="planted-eval-rst") is None
    assert "RAW-HTML" not in attacked.html("extra/attacks.html")
    assert "EVAL-RST" not in attacked.html("extra/attacks.html")


def test_no_include_reads_the_planted_secret(attacked: SphinxBuilder) -> None:
    for path in attacked.files():
        assert CANARY.encode() not in path.read_bytes(), path
    for anchor in ("include-section", "literalinclude-section", "eval-rst-section"):
        assert "OUTSIDE-FILE" not in section(attacked, anchor).get_text()


def test_myst_html_is_shown_as_text(attacked: SphinxBuilder) -> None:
    html = section(attacked, "myst-html-section")
    assert html.find(id="planted-block") is None and html.find(id="planted-inline") is None
    shown = " ".join(html.get_text().split())
    assert '<div id="planted-block">BLOCK</div>' in shown
    assert 'Inline <span id="planted-inline">INLINE</span> HTML.' in shown


def test_quotes_and_dashes_stay_as_typed(attacked: SphinxBuilder) -> None:
    shown = " ".join(section(attacked, "quotes-section").get_text().split())
    assert "\"straight\" and 'single' -- as typed." in shown


def test_a_paper_title_and_abstract_with_the_same_constructs_render_inert(attacked: SphinxBuilder) -> None:
    page = article(attacked.path("2030-test/papers/lovelace30a.html"))
    for anchor in ("abstract-raw", "abstract-eval", "abstract-html", "abstract-inline", "title-html"):
        assert page.find(id=anchor) is None, anchor
    abstract = page.select_one(".proceedings-abstract")
    assert abstract is not None  # rendered by the text format's directive, not printed as text
    assert abstract.find("em") is not None and abstract.find("em").get_text() == "Emphasis"
    assert abstract.find("math") is not None  # TeX math became MathML
    assert abstract.find("b") is None
    for formula in abstract.find_all("math"):
        formula.decompose()
    assert " ".join(abstract.get_text().split()) == " ".join(textformat.plain(METADATA_ATTACK).split())
    heading = page.find("h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    assert " ".join(heading.get_text().split()) == textformat.plain_title(
        "A <b id='title-html'>title</b> {raw}`html` `<i>`"
    )


def test_safety_settings_are_in_force_in_the_environment(attacked: SphinxBuilder) -> None:
    """What the output shows above, stated as the settings that cause it."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():  # as sphinx-build does: nodes and roles registered here are removed after
        app = Sphinx(
            str(attacked.src),
            str(attacked.src),
            str(attacked.root / "settings-out"),
            str(attacked.root / "settings-doctrees"),
            "html",
            confoverrides={"proceedings_metadata_dir": str(attacked.metadata)},
            status=None,
            warning=None,
            freshenv=True,
        )
        assert app.config.smartquotes is False
        assert {"html_block", "html_inline"} <= set(app.config.myst_disable_syntax)
        assert app.env.settings["file_insertion_enabled"] is False
        assert app.env.settings["raw_enabled"] is False


def test_literal_text_escapes_every_ascii_punctuation_character() -> None:
    """CommonMark's ASCII punctuation, which a backslash makes literal: every printable non-alphanumeric character."""
    punctuation = [chr(code) for code in range(0x21, 0x7F) if not chr(code).isalnum()]
    assert literal.text("".join(punctuation)) == "".join("\\" + character for character in punctuation)


def test_literal_text_is_one_line_with_single_spaces() -> None:
    assert literal.text("sea  ice\n and\tsnow ") == "sea ice and snow"


def test_literal_paragraphs_are_separated_by_one_blank_line() -> None:
    assert literal.paragraphs("  One\nline.\n \n\n  Two.  \n") == "One line\\.\n\nTwo\\."


def test_an_internal_link_without_query_or_anchor_names_the_page_alone() -> None:
    assert literal.internal("2025-x/papers/ada25a", "Ada `L`") == "{proceedings-page}`2025-x/papers/ada25a Ada %60L%60`"
