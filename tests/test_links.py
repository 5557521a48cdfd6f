"""Links between generated pages (``proceedings-page`` role): resolved when written, checked, literal labels."""

from __future__ import annotations

from pathlib import Path

from .htmlpage import article
from .metadata_tree import minimal_tree

PAGE = """---
orphan: true
---

# Extra

{proceedings-page}`people/ada-lovelace Ada %60Countess%60 50%25 \\*Lovelace\\*`

{proceedings-page}`2030-test/program#2030-test-slot-0910 The 09:10 slot`

{proceedings-page}`people/nobody Nobody`

{proceedings-page}`2030-test/program#no-such-slot A slot`
"""


def test_page_links_resolve_to_relative_addresses_and_unknown_targets_are_reported(
    tmp_path: Path, sphinx_builder
) -> None:
    site = sphinx_builder(minimal_tree(tmp_path))
    site.add_page("extra/page.md", PAGE)
    site.build(assert_pass=False)
    log, out = site.output, site.out
    assert not site.passed  # warnings are errors
    assert "link to a page or target that does not exist: people/nobody" in log
    assert "link to a page or target that does not exist: 2030-test/program#no-such-slot" in log
    links = {a.get_text(): a["href"] for a in article(out / "extra/page.html").find_all("a", href=True)}
    assert links["Ada `Countess` 50% \\*Lovelace\\*"] == "../people/ada-lovelace.html"
    assert links["The 09:10 slot"] == "../2030-test/program.html#test-slot-0910"  # the id docutils gave the target
    assert article(out / "2030-test/program.html").find(id="test-slot-0910") is not None
    assert "Nobody" not in links and "A slot" not in links  # left as text
