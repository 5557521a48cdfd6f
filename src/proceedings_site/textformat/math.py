"""TeX math to MathML at build time, with latex2mathml, filtered to an allow-list of MathML Core.

latex2mathml turns ``\\href``, ``\\style``, ``\\class`` and ``\\color`` into attributes and keeps unknown commands
as text, so its output is parsed with a real XML parser and rebuilt from an allow-list of presentation elements
and attributes: no links, no styles, no classes, no ``maction`` or annotations, nothing outside MathML. Formulas
are capped in length and nesting (latex2mathml recurses), and conversions are cached, so the cost stays linear in
the text. A formula that does not convert is ``None``: callers show its source.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from latex2mathml.converter import convert as latex_to_mathml

MAX_LENGTH = 1000
MAX_DEPTH = 30
NS = "{http://www.w3.org/1998/Math/MathML}"

# MathML Core presentation elements (https://w3c.github.io/mathml-core/), without maction and semantics.
ELEMENTS = frozenset(
    [
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "munder",
        "mover",
        "munderover",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "mpadded",
        "mphantom",
        "mtable",
        "mtr",
        "mtd",
        "mmultiscripts",
        "mprescripts",
        "none",
        "merror",
    ]
)
DROPPED = frozenset(["maction", "semantics", "annotation", "annotation-xml"])  # removed with their content
ATTRIBUTES = frozenset(
    [
        "display",
        "mathvariant",
        "stretchy",
        "fence",
        "form",
        "separator",
        "accent",
        "accentunder",
        "largeop",
        "movablelimits",
        "symmetric",
        "lspace",
        "rspace",
        "minsize",
        "maxsize",
        "width",
        "height",
        "depth",
        "linethickness",
        "scriptlevel",
        "displaystyle",
        "columnspan",
        "rowspan",
        "voffset",
        "columnalign",
        "rowalign",
    ]
)
SAFE_VALUE = re.compile(r"[\w.%+\- ]*\Z")  # lengths, names and numbers: never a URL or script
# Commands that set attributes, define macros or reach outside the formula: the formula is shown as source.
REFUSED = re.compile(
    r"\\(?:[a-z]*def|let|(?:re|provide)?newcommand|href|url|style|class|cssId|unicode|html[A-Za-z]*|input|include"
    r"|write|immediate|openout|read|csname|catcode|special|require|toggle|mathtip|texttip|[a-z]*color[a-z]*"
    r"|mmlToken|verb|begingroup|endgroup)(?![A-Za-z])"
)
SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
SCRIPT_CHARACTERS = {"sup": set("0123456789+-=()ni"), "sub": set("0123456789+-=()")}


@dataclass(frozen=True, slots=True)
class Formula:
    markup: str  # allow-listed MathML, serialized for HTML
    plain: str  # what a reader sees, as text: "0.1°", "20×", "ℓ₁"


def depth(source: str) -> int:
    level = deepest = 0
    for character in source:
        if character == "{":
            level += 1
            deepest = max(deepest, level)
        elif character == "}":
            level -= 1
            if level < 0:
                return MAX_DEPTH + 1  # unbalanced
    return deepest if level == 0 else MAX_DEPTH + 1


@lru_cache(maxsize=4096)
def convert(source: str, display: bool) -> Formula | None:
    if not source.strip() or len(source) > MAX_LENGTH or depth(source) > MAX_DEPTH or REFUSED.search(source):
        return None
    try:
        root = ET.fromstring(latex_to_mathml(source, display="block" if display else "inline"))
    except Exception:  # latex2mathml raises many kinds on bad input; any of them means "show the source"
        return None
    if any((element.text or "").startswith("\\") for element in root.iter()):
        return None  # an unknown command, which latex2mathml keeps as text
    parts: list[str] = []
    _serialize(root, parts)
    return Formula("".join(parts), _plain(root).strip())


def _name(element: ET.Element) -> str | None:
    """The element's MathML name, or None for anything outside MathML."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.startswith(NS):
        return tag[len(NS) :]
    return None


def _serialize(element: ET.Element, parts: list[str]) -> None:
    name = _name(element)
    if name is None or name in DROPPED:
        return
    if name not in ELEMENTS:
        name = "mrow"  # a presentation element Core lacks (menclose): its content, grouped, keeps the arity
    attributes = "".join(
        f' {key}="{escape(value)}"'
        for key, value in sorted(element.attrib.items())
        if key in ATTRIBUTES and SAFE_VALUE.match(value)
    )
    if name == "math":
        attributes += ' data-pagefind-ignore=""'  # the index reads the plain text beside it instead
    parts.append(f"<{name}{attributes}>{escape(element.text or '', quote=False)}")
    for child in element:
        _serialize(child, parts)
        parts.append(escape(child.tail or "", quote=False))
    parts.append(f"</{name}>")


def _plain(element: ET.Element) -> str:
    name = _name(element)
    if name is None or name in DROPPED:
        return ""
    children = [_plain(child) for child in element]
    if name in {"mi", "mn", "mo", "mtext", "ms"}:
        return (element.text or "").replace("\u2061", "")  # no "function application" character in text
    if name == "mspace":
        return " " if element.get("width") or element.get("linebreak") else ""
    if name in {"msup", "msub", "msubsup"} and len(children) >= 2:
        base, *scripts = children
        kinds = {"msup": ["sup"], "msub": ["sub"], "msubsup": ["sub", "sup"]}[name]
        return base + "".join(_script(kind, text) for kind, text in zip(kinds, scripts, strict=False))
    if name == "mfrac" and len(children) == 2:
        return "/".join(text if len(text) == 1 else f"({text})" for text in children)
    if name == "msqrt":
        inner = "".join(children)
        return "√" + (inner if len(inner) == 1 else f"({inner})")
    if name == "mroot" and len(children) == 2:
        return f"{_script('sup', children[1])}√({children[0]})"
    if name in {"mover", "munder", "munderover"} and children:
        if element.get("accent") == "true" or element.get("accentunder") == "true":
            return children[0]
        return children[0] + "".join(
            _script("sub" if index == 1 and name != "mover" else "sup", text)
            for index, text in enumerate(children[1:], 1)
        )
    if name == "mtr":
        return ", ".join(children)
    if name == "mtable":
        return "; ".join(children)
    return "".join(children)


def _script(kind: str, text: str) -> str:
    """A sub- or superscript as text: ° for a degree sign, Unicode scripts where they exist, else ^(…) or _(…)."""
    text = text.strip()
    if kind == "sup" and text in {"∘", "°", "○"}:
        return "°"
    if kind == "sup" and text in {"′", "'", "″"}:
        return text
    if text and set(text) <= SCRIPT_CHARACTERS[kind]:
        return text.translate(SUPERSCRIPTS if kind == "sup" else SUBSCRIPTS)
    mark = "^" if kind == "sup" else "_"
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"
