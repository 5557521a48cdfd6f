"""What ``proceedings validate`` tells authors about their titles and abstracts: markup the text format does not
understand (an undefined TeX macro such as ``\\geotiff``), located at the file, line and field. Warnings, not
errors: the text is still shown, readably."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..model import Proceedings
from . import located

FIELDS = ("title", "abstract")


def text_warnings(proceedings: Proceedings) -> Iterator[Problem]:
    for edition in proceedings.editions:
        for kind, items in (("papers", edition.papers), ("keynotes", edition.keynotes)):
            for item_id, item in items.items():
                doc = edition.item_sources[kind][item_id].doc
                for field in FIELDS:
                    text = getattr(item, field)
                    if not text:
                        continue
                    # A multi-line text is a block scalar here ("abstract: |"): it starts on the line after the key.
                    first = doc.line_of((field,)) + (1 if "\n" in text else 0)
                    for line, message in located(text):
                        yield Problem(doc.display, first + line, field, message)
