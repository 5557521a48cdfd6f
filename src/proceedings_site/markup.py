"""Writing MyST safely: every metadata string passes through here before it reaches a page.

CommonMark lets any ASCII punctuation character be escaped with a backslash, and
an escaped character is always literal text: it cannot open a role, directive,
link, HTML tag, entity, substitution, math span or emphasis. Escaping all of them
is blunt but leaves nothing to get wrong.
"""

from __future__ import annotations

import json
import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def text(value: str) -> str:
    """Metadata text as MyST inline content that renders exactly as written."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(value.split()))


def paragraphs(value: str) -> str:
    """Multi-line metadata (an abstract) as MyST paragraphs; blank lines separate paragraphs."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return "\n\n".join(text(block) for block in blocks if block.strip())


def url(value: str) -> str:
    """A link destination. URLs are validated by the model (http(s), no spaces, quotes or brackets)."""
    return f"<{value}>"


def external(label: str, address: str) -> str:
    return f"[{text(label)}]({url(address)})"


def doc_path(from_doc: str, to_doc: str) -> str:
    """Relative path from one document to another, as MyST resolves it (``../people/x.md``).

    Docnames are plain relative paths without ``.`` or ``..`` parts, so this is string work; it runs for every
    link of every page, where ``posixpath.relpath`` (which resolves against the working directory) took seconds.
    """
    here = from_doc.split("/")[:-1]
    there = to_doc.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + ".md"


def internal(from_doc: str, to_doc: str, label: str, anchor: str = "") -> str:
    target = doc_path(from_doc, to_doc) + (f"#{anchor}" if anchor else "")
    return f"[{text(label)}]({target})"


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter written as JSON (a subset of YAML), so values cannot break out of it."""
    body = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
    return f"---\n{body}\n---\n\n"
