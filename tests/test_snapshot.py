"""A rebuild with nothing changed keeps the last assembly (``sphinxext.snapshot``); any change assembles again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from proceedings_site import layout
from proceedings_site.model import load_proceedings
from proceedings_site.sphinxext import assembler, snapshot

from .sitebuild import SphinxBuilder


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The metadata folders the assembler loads, build after build."""
    loaded: list[Path] = []

    def counted(root: Path, cache_file: Path | None = None):
        loaded.append(root)
        return load_proceedings(root, cache_file=cache_file)

    monkeypatch.setattr(assembler, "load_proceedings", counted)
    return loaded


def contents(site: SphinxBuilder) -> dict[str, bytes]:
    return {path.relative_to(site.out).as_posix(): path.read_bytes() for path in site.files()}


def test_a_rebuild_with_nothing_changed_keeps_the_last_assembly(
    sphinx_builder: Callable[..., SphinxBuilder], loads: list[Path]
) -> None:
    site = sphinx_builder().build()
    before = contents(site)
    site.build()
    assert len(loads) == 1  # the second build loaded nothing
    assert contents(site) == before


@pytest.mark.parametrize("change", ["metadata", "deleted page", "edited page", "build date"])
def test_any_change_assembles_again(sphinx_builder: Callable[..., SphinxBuilder], loads: list[Path], change: str):
    site = sphinx_builder().build()
    paper = next(site.metadata.glob("*/papers/*.yaml"))
    source = site.src / f"{layout.paper(paper.parent.parent.name, paper.stem)}.md"
    extra: list[str] = []
    if change == "metadata":
        record = yaml.safe_load(paper.read_text(encoding="utf-8"))
        paper.write_text(yaml.safe_dump({**record, "title": "Revised " + record["title"]}), encoding="utf-8")
    elif change == "deleted page":
        source.unlink()
    elif change == "edited page":
        source.write_text("# Written over by hand\n", encoding="utf-8")
    else:
        extra = ["-D", "proceedings_today=2099-01-01"]
    site.build(*extra)
    assert len(loads) == 2
    page = site.html(layout.html(layout.paper(paper.parent.parent.name, paper.stem)))
    assert "Written over by hand" not in page
    assert ("Revised " in page) == (change == "metadata")


def test_a_build_stopped_by_bad_metadata_leaves_no_snapshot(sphinx_builder: Callable[..., SphinxBuilder]) -> None:
    site = sphinx_builder().build()
    snapshot = site.doctrees / "proceedings-assembled.pickle"
    assert snapshot.is_file()
    paper = next(site.metadata.glob("*/papers/*.yaml"))
    original = paper.read_text(encoding="utf-8")
    paper.write_text(original.replace("title: ", "titel: ", 1), encoding="utf-8")
    assert not site.build(assert_pass=False).passed
    assert not snapshot.exists()
    paper.write_text(original, encoding="utf-8")  # back as it was: assembled again, not taken from a snapshot
    site.build()
    assert snapshot.is_file()


def test_a_snapshot_stored_aside_is_there_once_waited_for(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    kept = snapshot.Snapshot(proceedings=None, site=None, sources={})  # type: ignore[arg-type]
    stored = snapshot.take_aside(tmp_path / "kept.pickle", "the key", kept)
    assert stored() is True
    assert snapshot.reuse(tmp_path / "kept.pickle", "the key", tmp_path) == kept
    (tmp_path / "a file").write_text("", encoding="utf-8")
    assert snapshot.take_aside(tmp_path / "a file" / "kept.pickle", "the key", kept)() is False  # not a folder
    assert "Traceback" not in capfd.readouterr().err


def test_the_topics_helper_starts_before_the_environment_loads_only_when_metadata_changed(
    sphinx_builder: Callable[..., SphinxBuilder], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It imports scikit-learn while Sphinx loads its environment; a build that keeps the last assembly has no
    topics to compute and starts none."""
    from sphinx.application import Sphinx

    happened: list[str] = []
    start_helper, init_env = assembler.start_helper, Sphinx._init_env

    def started() -> object:
        happened.append("helper")
        return start_helper()

    def loading(app: Sphinx, *args: object, **kwargs: object) -> object:
        happened.append("environment")
        return init_env(app, *args, **kwargs)

    monkeypatch.setattr(assembler, "start_helper", started)
    monkeypatch.setattr(Sphinx, "_init_env", loading)
    site = sphinx_builder().build()
    assert happened == ["helper", "environment"]
    happened.clear()
    site.build()
    assert happened == ["environment"]
    paper = next(site.metadata.glob("*/papers/*.yaml"))
    record = yaml.safe_load(paper.read_text(encoding="utf-8"))
    paper.write_text(yaml.safe_dump({**record, "title": "Revised " + record["title"]}), encoding="utf-8")
    happened.clear()
    site.build()
    assert happened == ["helper", "environment"]
    assert not assembler._EARLY  # handed over to the assembly
