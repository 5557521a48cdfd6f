"""Plain and TeX forms of texts, remembered within a build and from one build to the next.

A paper page's citations need its abstract as plain text and as TeX, and so do the exports of every paper:
parsing ten thousand abstracts again took most of the assembler's time in a rebuild that changed one paper.
The forms this build made are kept in a file beside Sphinx's doctrees and read back by the next build, which
takes from it only texts it meets again (so the file holds no text that left the proceedings). The file
names the text format's own source, so a build with a changed text format converts everything again.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable
from pathlib import Path

from ..files import files_digest, write_if_changed

FORMAT = 1
_current: dict[tuple[str, str], str] = {}  # (form, text) → that form of the text, made or met in this build
_previous: dict[tuple[str, str], str] = {}  # what the previous build made, not yet met in this one


def remembered(form: str) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    def wrap(convert: Callable[[str], str]) -> Callable[[str], str]:
        @functools.wraps(convert)
        def cached(text: str) -> str:
            key = (form, text)
            found = _current.get(key)
            if found is None:
                found = _previous.pop(key, None)
                if found is None:
                    found = convert(text)
                _current[key] = found
            return found

        return cached

    return wrap


@functools.cache
def source_digest() -> str:
    """What the text format's code is: a change to it makes every remembered form stale."""
    folder = Path(__file__).parent
    return files_digest(folder, folder.glob("*.py"))


def start_build(file: Path | None) -> None:
    """Forget this process's earlier builds; remember what the last build stored in ``file``, if it still holds."""
    global _previous
    _previous = dict(_current)
    _current.clear()
    if file is None:
        return
    try:
        stored_format, digest, entries = pickle.loads(file.read_bytes())
    except Exception:  # missing, truncated or from another version: convert again
        return
    if stored_format == FORMAT and digest == source_digest() and isinstance(entries, dict):
        _previous.update(entries)


def save(file: Path) -> None:
    write_if_changed(file, pickle.dumps((FORMAT, source_digest(), _current), pickle.HIGHEST_PROTOCOL))
