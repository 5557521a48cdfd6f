"""Docutils settings from kept parsers (``sphinxext.docsettings``): the same settings, and the same site, as when
every document makes its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils.readers import standalone
from myst_parser.mdit_to_docutils import base as myst_base
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.util import docutils as sphinx_docutils

from proceedings_site.sphinxext import docsettings

from .sitebuild import SphinxBuilder
from .test_determinism import compared

SPHINX = "sphinx.util.docutils._get_settings"
MYST = "myst_parser.mdit_to_docutils.base.make_document"


def plain(settings: object) -> dict[str, object]:
    """Settings as values, the per-document dependency list by kind (each document has its own)."""
    values = dict(vars(settings))
    values["record_dependencies"] = type(values["record_dependencies"])
    return values


@pytest.fixture(scope="module")
def installed(workshop_site: SphinxBuilder) -> dict[str, object]:
    """The originals, once a build has wrapped them."""
    assert sphinx_docutils._get_settings is docsettings.settings_for
    assert myst_base.make_document is docsettings.document_for
    return dict(docsettings.ORIGINALS)


def test_a_build_wraps_both_functions_once(installed: dict[str, object]) -> None:
    assert set(installed) == {SPHINX, MYST}
    assert docsettings.settings_for not in installed.values() and docsettings.document_for not in installed.values()


def test_the_readers_settings_are_those_sphinx_makes(installed, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no docutils.conf here, as in a project without one
    env = object()  # Sphinx's defaults hold its environment: by identity, as the cache keys them
    defaults = {"traceback": True, "env": env, "input_encoding": "utf-8-sig", "language_code": "en"}
    ours = docsettings.settings_for(standalone.Reader, MystParser, defaults=defaults, read_config_files=True)
    theirs = installed[SPHINX](standalone.Reader, MystParser, defaults=defaults, read_config_files=True)
    assert plain(ours) == plain(theirs) and ours.env is env


def test_each_document_gets_fresh_settings(installed) -> None:
    defaults = {"traceback": True}
    first = docsettings.settings_for(standalone.Reader, MystParser, defaults=defaults)
    second = docsettings.settings_for(standalone.Reader, MystParser, defaults=dict(defaults))
    assert first is not second and first.record_dependencies is not second.record_dependencies
    first.report_level = 1
    first._source = "one.md"
    assert second.report_level != 1 and getattr(second, "_source", None) is None


def test_a_throwaway_document_is_the_one_myst_makes(installed) -> None:
    ours, theirs = docsettings.document_for(), installed[MYST]()
    assert plain(ours.settings) == plain(theirs.settings)
    assert ours["source"] == theirs["source"] == "notset"


def test_another_docutils_conf_is_read_again(installed, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "docutils.conf").write_text("[general]\ntab_width: 3\n", encoding="utf-8")
    read = {"defaults": {"traceback": True}, "read_config_files": True}
    monkeypatch.setenv("DOCUTILSCONFIG", str(tmp_path / "missing.conf"))
    assert docsettings.settings_for(standalone.Reader, MystParser, **read).tab_width == 8
    monkeypatch.setenv("DOCUTILSCONFIG", str(tmp_path / "docutils.conf"))  # as Sphinx sets it for a confdir
    assert docsettings.settings_for(standalone.Reader, MystParser, **read).tab_width == 3


def test_the_kept_parsers_stay_few(installed) -> None:
    for count in range(docsettings.KEPT_PARSERS * 2):
        docsettings.settings_for(standalone.Reader, MystParser, defaults={"tab_width": 100 + count})
    assert len(docsettings._PARSERS) == docsettings.KEPT_PARSERS


def test_the_site_is_the_same_with_settings_made_per_document(
    installed, workshop_site: SphinxBuilder, sphinx_builder, monkeypatch
) -> None:
    monkeypatch.setattr(sphinx_docutils, "_get_settings", installed[SPHINX])
    monkeypatch.setattr(myst_base, "make_document", installed[MYST])
    monkeypatch.setattr(docsettings, "install_settings_cache", lambda app: None)
    per_document = sphinx_builder().build()
    assert sphinx_docutils._get_settings is installed[SPHINX]  # the build above ran without the cache
    first, second = compared(workshop_site.out), compared(per_document.out)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
