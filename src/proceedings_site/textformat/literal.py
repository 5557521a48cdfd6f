"""Metadata text as literal MyST: every string that is not an abstract or a title passes through here.

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


def role_content(value: str) -> str:
    """Text as the content of one of our roles, which decode it with ``urllib.parse.unquote``.

    Inside a role, MyST takes text literally up to the closing backtick, so only the backtick (and the ``%``
    that starts an escape) need encoding: the text stays readable in the generated pages.
    """
    return " ".join(value.split()).replace("%", "%25").replace("`", "%60")


def internal(to_doc: str, label: str, anchor: str = "", query: str = "") -> str:
    """A link to another generated page, as the ``proceedings-page`` role (``sphinxext.links``), which turns the
    label into plain text. Unlike a MyST link, it costs no file-system lookups when read and no cross-reference
    resolution when written: seconds on a large site. ``query`` (``layout.filtered_query``) is percent-encoded,
    so it holds no space that would end the target."""
    target = to_doc + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
    return f"{{proceedings-page}}`{role_content(target)} {role_content(label)}`"


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter written as JSON (a subset of YAML), so values cannot break out of it."""
    body = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items())
    return f"---\n{body}\n---\n\n"
