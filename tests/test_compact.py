"""Pages leave out the theme's indentation and empty lines, and nothing a reader sees or a script runs changes."""

from __future__ import annotations

import re

from proceedings_site.sphinxext.compact import compact

from .sitebuild import SphinxBuilder

PAGE = """<!DOCTYPE html>
<html>
  <head>
    <script>
      const a = 1
      const b = 2
    </script>
    <style>
      p { color: red }
    </style>
  </head>


  <body>
    <p>Sea <em>ice</em>
       and snow</p>
    <pre>
  two spaces
	a tab
    </pre>
    <textarea>
  kept
</textarea>
  </body>
</html>
"""


def test_indentation_and_empty_lines_go_and_verbatim_elements_stay() -> None:
    shown = compact(PAGE)
    assert "\n  <head>" not in shown and "\n\n" not in shown.split("<pre>")[0]
    assert "<p>Sea <em>ice</em>\nand snow</p>" in shown  # a line break is still white space between words
    for element in ("script", "style", "pre", "textarea"):
        kept = re.search(rf"<{element}>.*?</{element}>", PAGE, re.DOTALL)
        assert kept is not None and kept.group() in shown


def test_a_page_without_indentation_is_left_as_it_is() -> None:
    assert compact("<p>a</p>\n<p>b</p>\n") == "<p>a</p>\n<p>b</p>\n"


def test_built_pages_start_no_line_with_spaces_outside_verbatim_elements(workshop_site: SphinxBuilder) -> None:
    pages = sorted(page for page in workshop_site.out.rglob("*.html") if "_static" not in page.parts)  # not files
    assert pages
    for page in pages:
        text = re.sub(
            r"<(pre|textarea|script|style)\b.*?</\1\s*>", "<kept/>", page.read_text(encoding="utf-8"), flags=re.S
        )
        assert not re.search(r"\n[ \t]+\S", text), page
        assert "\n\n" not in text, page
