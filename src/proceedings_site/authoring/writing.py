"""What every command that writes metadata shares: its refusal, YAML text, option-level messages, and writing
all files or none."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

from pydantic import ValidationError

from ..model.messages import location, words


class ScaffoldError(Exception):
    """Something the organizer must decide; nothing was written."""


def quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def option_problem(error: ValidationError, options: Mapping[str, str]) -> str:
    """The first problem of values given on the command line, named by its option ("--orcid … has a wrong check
    digit"), in our words."""
    item = error.errors(include_url=False)[0]
    loc = location(item)
    field = next((str(part) for part in loc if isinstance(part, str)), "")
    message, hint = words(item)
    return f"{options.get(field, f'--{field}')} {message}" + (f" ({hint})" if hint else "")


def write(files: dict[Path, str]) -> None:
    """Write new files; if any exists already, none is written."""
    for path in files:
        if path.exists():
            raise ScaffoldError(f"{path} already exists")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
