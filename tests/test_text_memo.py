"""Plain and TeX forms of abstracts are remembered from one build to the next (``textformat.memo``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proceedings_site import textformat
from proceedings_site.textformat import memo

TEXT = "Snow *cover* from $\\ell_1$ maps"


def new_process() -> None:
    """What a new build process starts with: nothing converted yet."""
    memo.start_build(None)
    memo.start_build(None)


def test_forms_made_by_one_build_are_read_back_by_the_next_and_not_after_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "texts.pickle"
    new_process()
    memo.start_build(file)  # no file yet: everything is converted
    made = textformat.plain(TEXT), textformat.tex(TEXT), textformat.plain_title(TEXT)
    memo.save(file)
    parsed: list[str] = []
    real_parse, real_inline = textformat.parse, textformat.parse_inline
    monkeypatch.setattr(textformat, "parse", lambda text: parsed.append(text) or real_parse(text))
    monkeypatch.setattr(textformat, "parse_inline", lambda text: parsed.append(text) or real_inline(text))
    new_process()
    memo.start_build(file)
    assert (textformat.plain(TEXT), textformat.tex(TEXT), textformat.plain_title(TEXT)) == made
    assert parsed == []
    assert textformat.plain("Another text") == "Another text" and parsed == ["Another text"]
    memo.save(file)  # keeps what this build met, and only that
    monkeypatch.setattr(memo, "source_digest", lambda: "another text format")
    new_process()
    memo.start_build(file)
    assert textformat.tex(TEXT) == made[1] and parsed[-1] == TEXT  # converted again by the changed code
