"""Loading: every metadata file validated against its model, problems described with file, line and field."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import MetadataError, Problem, display_path
from ..load import Document, FieldPath, LoadError, ParseCache, load_yaml
from .checks import CrossChecker, collect_roles
from .fields import check_id
from .files import EditionFile, Keynote, Panel, Paper, Person, ProgramFile
from .proceedings import Edition, Proceedings, Source
from .site import SiteFile

SITE_FILE = "site.yaml"

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], doc: Document, problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(_describe(error, model, doc))
        return None


def _describe(error: ValidationError, model: type[BaseModel], doc: Document) -> Iterable[Problem]:
    for item in error.errors(include_url=False):
        loc: FieldPath = tuple(part for part in item["loc"] if not _is_union_tag(part))
        kind = item["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            known = _fields_at(model, loc[:-1])
            guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'?" if guess else f"known fields: {', '.join(known)}"
            yield doc.problem(loc, f"unknown field '{name}'", hint)
        elif kind == "missing":
            yield doc.problem(loc, "this required field is missing", f"add '{loc[-1]}:' to the file")
        elif kind == "model_type" or kind == "dict_type":
            yield doc.problem(loc, "must be a mapping of fields ('key: value' lines)")
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
            yield doc.problem(loc, _friendly(message, item.get("input")), _hint_for(kind, item.get("input")))


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type name in locations inside unions ("str", "function-after[...]")
    return isinstance(part, str) and (part in {"str", "int", "none"} or "[" in part)


def _friendly(message: str, value: Any) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{message} (got {shown})" if value is not None and not isinstance(value, dict | list) else message


def _hint_for(kind: str, value: Any) -> str:
    if kind in {"string_type"} and isinstance(value, int | float | bool):
        return "put the value in quotes to make it text"
    if kind in {"date_type", "date_from_datetime_parsing", "date_parsing"}:
        return "write dates as YYYY-MM-DD"
    if kind == "literal_error" or kind == "enum":
        return "use one of the values listed"
    return ""


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    """Field names of the (nested) model at ``path``, for "did you mean" hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _model_in(info.annotation)
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _read(path: Path, root: Path, problems: list[Problem], cache: ParseCache | None) -> Document | None:
    try:
        return load_yaml(path, display_path(path, root), cache)
    except LoadError as error:
        problems.append(error.problem)
        return None


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"), key=str) if folder.is_dir() else []  # by string: Path comparisons are slow


def _stem_problem(path: Path, root: Path) -> Problem | None:
    try:
        check_id(path.stem)
    except ValueError as error:
        return Problem(
            display_path(path, root),
            1,
            "(file name)",
            f"'{path.stem}' {error}",
            "rename the file; its name is the id used in addresses and references",
        )
    return None


def _load_folder(
    model: type[M], folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> dict[str, tuple[M, Source]]:
    """Validate every file of a folder; ids of files that exist but are invalid go into ``invalid``
    (as ``folder/id`` relative to the metadata root) so references to them do not cascade into more errors."""
    loaded: dict[str, tuple[M, Source]] = {}
    for path in _yaml_files(folder):
        if (problem := _stem_problem(path, root)) is not None:
            problems.append(problem)
            continue
        doc = _read(path, root, problems, cache)
        item = _validate(model, doc, problems) if doc is not None else None
        if item is None or doc is None:
            invalid.add(f"{folder.relative_to(root).as_posix()}/{path.stem}")
            continue
        loaded[unicodedata.normalize("NFC", path.stem)] = (item, Source(doc))
    return loaded


def load_proceedings(root: Path, cache_file: Path | None = None) -> Proceedings:
    """Load and cross-check every metadata file under ``root``; raise :class:`MetadataError` listing all problems.

    With ``cache_file``, files parsed by an earlier call are not parsed again (see :class:`load.ParseCache`).
    """
    problems: list[Problem] = []
    invalid: set[str] = set()
    if not root.is_dir():
        raise MetadataError([Problem(root.as_posix(), 1, "", "metadata folder not found")])
    cache = ParseCache(cache_file) if cache_file is not None else None
    site = _load_site(root, problems, cache)
    people = _load_folder(Person, root / "people", root, problems, invalid, cache)
    editions = [
        edition
        for folder in sorted(path for path in root.iterdir() if (path / "edition.yaml").is_file())
        if (edition := _load_edition(folder, root, problems, invalid, cache)) is not None
    ]
    if cache is not None:
        cache.save()
    if site is None:  # every other check needs the site's tracks and presentations
        raise MetadataError(problems)
    editions.sort(key=lambda edition: (edition.info.date, edition.id), reverse=True)
    for edition in editions:  # a paper that names no presentation has the site's first one
        edition.papers = {
            key: paper if paper.presentation else paper.model_copy(update={"presentation": site.presentation_ids[0]})
            for key, paper in edition.papers.items()
        }
    everyone = {key: person for key, (person, _) in people.items()}
    proceedings = Proceedings(root=root, site=site, people=everyone, editions=editions)
    checker = CrossChecker(proceedings, {key: source for key, (_, source) in people.items()}, problems, invalid)
    checker.run()
    if problems:
        raise MetadataError(problems)
    proceedings.roles = collect_roles(proceedings)
    return proceedings


def _load_site(root: Path, problems: list[Problem], cache: ParseCache | None) -> SiteFile | None:
    path = root / SITE_FILE
    if not path.is_file():
        hint = "every site has one: it names the workshop and its tracks (`proceedings init` writes a first one)"
        problems.append(Problem(display_path(path, root), 1, "", f"{SITE_FILE} not found", hint))
        return None
    doc = _read(path, root, problems, cache)
    return _validate(SiteFile, doc, problems) if doc is not None else None


def _load_edition(
    folder: Path, root: Path, problems: list[Problem], invalid: set[str], cache: ParseCache | None
) -> Edition | None:
    if (problem := _stem_problem(folder, root)) is not None:
        problems.append(problem)
        return None
    doc = _read(folder / "edition.yaml", root, problems, cache)
    info = _validate(EditionFile, doc, problems) if doc else None
    keynotes = _load_folder(Keynote, folder / "keynotes", root, problems, invalid, cache)
    panels = _load_folder(Panel, folder / "panels", root, problems, invalid, cache)
    papers = _load_folder(Paper, folder / "papers", root, problems, invalid, cache)
    program_path = folder / "program.yaml"
    program_doc = _read(program_path, root, problems, cache) if program_path.is_file() else None
    program = _validate(ProgramFile, program_doc, problems) if program_doc else None
    if info is None or doc is None:
        return None
    edition = Edition(id=folder.name, info=info, source=Source(doc))
    edition.keynotes = {key: item for key, (item, _) in keynotes.items()}
    edition.panels = {key: item for key, (item, _) in panels.items()}
    ordered = sorted(papers.items(), key=lambda kv: (kv[1][0].order is None, kv[1][0].order or 0, kv[1][0].title))
    edition.papers = {key: item for key, (item, _) in ordered}
    if program is not None and program_doc is not None:
        edition.slots = list(program.slots)
        edition.program_source = Source(program_doc)
    edition.item_sources = {
        "keynotes": {key: source for key, (_, source) in keynotes.items()},
        "panels": {key: source for key, (_, source) in panels.items()},
        "papers": {key: source for key, (_, source) in papers.items()},
    }
    return edition
