"""JSON from outside, read with bounds: a located message instead of a traceback for any text.

``json`` raises ``ValueError`` on integers of more than 4,300 digits and ``RecursionError`` on arrays nested some
thousands deep; neither names a place. Nothing an OpenReview export or answer holds needs more than a few levels
or a number of more than a few digits, so both are refused far below those limits, with the line.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 32  # an export is {"notes": [{"content": {"authors": {"value": [...]}}}]}: six levels
MAX_DIGITS = 20  # counts and timestamps (milliseconds: 13 digits)


class JsonProblem(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, max(offset, 0)) + 1


def _number(text: str, written: str, kind: type) -> Any:
    digits = sum(char.isdigit() for char in written)
    if digits > MAX_DIGITS:
        match = re.search(re.escape(written[:40]), text)
        raise JsonProblem(
            _line(text, match.start() if match else 0), f"a number of {digits:,} digits; at most {MAX_DIGITS}"
        )
    return kind(written)


def loads(text: str) -> Any:
    """The document, or :class:`JsonProblem` (line, message) for invalid JSON, absurd numbers or deep nesting."""
    try:
        document = json.loads(
            text,
            parse_int=lambda written: _number(text, written, int),
            parse_float=lambda written: _number(text, written, float),
            parse_constant=lambda written: _refuse_constant(written),
        )
    except json.JSONDecodeError as error:
        raise JsonProblem(error.lineno, f"not valid JSON: {error.msg}") from None
    except RecursionError:
        raise JsonProblem(1, f"nested deeper than {MAX_DEPTH} levels") from None
    if (where := _too_deep(document)) is not None:
        raise JsonProblem(1, f"nested deeper than {MAX_DEPTH} levels (at {where})")
    return document


def _refuse_constant(written: str) -> Any:
    raise JsonProblem(1, f"{written} is not a JSON number")


def _too_deep(document: Any) -> str | None:
    """The path of the first value nested deeper than MAX_DEPTH, without recursion."""
    pending: list[tuple[Any, int, str]] = [(document, 0, "$")]
    while pending:
        value, depth, path = pending.pop()
        if depth > MAX_DEPTH:
            return path
        if isinstance(value, dict):
            pending.extend((item, depth + 1, f"{path}.{key}"[:80]) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((item, depth + 1, f"{path}[{index}]"[:80]) for index, item in enumerate(value))
    return None
