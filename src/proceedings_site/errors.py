"""Problems found in metadata, reported as ``file:line: field: message``."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .untrusted import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the metadata, located as precisely as we can."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """One line (and a hint line): quoted input cannot add lines, escape sequences or CI commands."""
        text = one_line(f"{self.file}:{self.line}: {self.field or '(file)'}: {self.message}")
        return f"{text}\n    hint: {one_line(self.hint)}" if self.hint else text


class MetadataError(Exception):
    """Raised with every problem found, so an organizer can fix them all at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the metadata.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """The path as an organizer would type it: relative to the repository (the metadata folder's parent)."""
    inside = os.path.join(root, "")
    if str(path).startswith(inside):  # the usual case, a file found under the metadata folder: string work only
        return f"{_resolved(root, os.getcwd()).name}/{str(path)[len(inside) :].replace(os.sep, '/')}"
    try:
        return path.resolve().relative_to(_resolved(root, os.getcwd()).parent).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=8)
def _resolved(root: Path, cwd: str) -> Path:  # a relative root resolves differently from another folder
    return root.resolve()
