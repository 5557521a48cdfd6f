"""GitHub Actions workflow commands, so validation errors appear on the pull request's diff.

https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
"""

from __future__ import annotations

import os

from .errors import Problem
from .untrusted import printable


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(value: str) -> str:
    value = "\n".join(printable(line, limit=None) for line in value.split("\n"))  # escape sequences, bidi…
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error") -> str:
    """``level``: "error" fails validation; "warning" is something to look at."""
    title = f"{problem.field or 'metadata'}"
    message = problem.message + (f"\nHint: {problem.hint}" if problem.hint else "")
    properties = f"file={_escape_property(problem.file)},line={problem.line},title={_escape_property(title)}"
    return f"::{level} {properties}::{_escape_data(message)}"
