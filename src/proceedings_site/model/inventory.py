"""Nothing under the metadata folder is ignored without a word: every file and folder is either one the loader
reads or reported here (a paper saved as ``x.yml``, a ``keynote/`` folder, an edition folder without
``edition.yaml``). Hidden files (``.gitkeep``) and Markdown notes (``README.md``) are left alone."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import NamedTuple

from ..errors import Problem, display_path

SITE_FILE = "site.yaml"
PEOPLE = "people"
EDITION_FILE = "edition.yaml"
# the files of an edition folder: its own two and the OpenReview importer's record (bridges.openreview.STATE_FILE)
EDITION_FILES = (EDITION_FILE, "program.yaml", "openreview-import.json")
ITEM_FOLDERS = ("keynotes", "panels", "papers")


class Entry(NamedTuple):
    path: Path
    is_dir: bool


def is_edition(folder: Path) -> bool:
    return (folder / EDITION_FILE).is_file()


def unread(root: Path) -> list[Problem]:
    """A problem for every file or folder under ``root`` that the loader would not read."""
    problems: list[Problem] = []
    for path, is_dir in _entries(root):
        if is_dir:
            if path.name == PEOPLE:
                problems += _check_items(path, root)
            elif is_edition(path):
                problems += _check_edition(path, root)
            else:
                problems.append(_stray_folder(path, root))
        elif path.name != SITE_FILE:
            problems.append(_stray_file(path, root, [SITE_FILE], "the metadata folder holds site.yaml"))
    return problems


def _entries(folder: Path, unusual: bool = False) -> list[Entry]:
    """The entries of a folder that should be metadata, by name; with ``unusual``, only those that are not a
    ``.yaml`` file (one directory read and no object per file: papers/ may hold thousands)."""
    found: list[tuple[str, bool]] = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                if unusual and item.name.endswith(".yaml") and not item.is_dir():
                    continue
                if _considered(item.name):
                    found.append((item.name, item.is_dir()))
    except OSError:
        return []
    return [Entry(folder / name, is_dir) for name, is_dir in sorted(found)]


def _considered(name: str) -> bool:
    return not name.startswith(".") and not name.lower().endswith(".md")


def refused(folder: Path) -> list[str]:
    """Ids of files meant for an item folder that are not read: ``x.yml`` in it, and the files of a misnamed
    sibling (``keynote/`` for ``keynotes/``), so that references to them are not reported again as unknown."""
    stems = [path.stem for path, is_dir in _entries(folder, unusual=True) if not is_dir and _misnamed_yaml(path)]
    choices = ITEM_FOLDERS if folder.name in ITEM_FOLDERS else (PEOPLE,)
    for sibling, is_dir in _entries(folder.parent):
        if not is_dir or sibling.name in (PEOPLE, *ITEM_FOLDERS) or is_edition(sibling):
            continue
        if difflib.get_close_matches(sibling.name, choices, n=1, cutoff=0.6) == [folder.name]:
            stems += [path.stem for path, inner in _entries(sibling) if not inner and _is_yaml(path)]
    return stems


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yml", ".yaml")


def _misnamed_yaml(path: Path) -> bool:
    return _is_yaml(path) and path.suffix != ".yaml"


def _check_edition(folder: Path, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for path, is_dir in _entries(folder):
        if is_dir:
            if path.name in ITEM_FOLDERS:
                problems += _check_items(path, root)
            else:
                guess = difflib.get_close_matches(path.name, ITEM_FOLDERS, n=1, cutoff=0.6)
                hint = f"did you mean {guess[0]}/?" if guess else f"an edition folder holds {', '.join(ITEM_FOLDERS)}/"
                problems.append(_problem(path, root, f"folder '{path.name}/' is not read", hint))
        elif path.name not in EDITION_FILES:
            problems.append(_stray_file(path, root, list(EDITION_FILES), "an edition folder holds these files"))
    return problems


def _check_items(folder: Path, root: Path) -> list[Problem]:
    """people/, keynotes/, panels/, papers/: one .yaml file per item, nothing else."""
    problems: list[Problem] = []
    for path, is_dir in _entries(folder, unusual=True):
        if is_dir:
            problems.append(
                _problem(path, root, f"folder '{path.name}/' is not read", f"{folder.name}/ holds only .yaml files")
            )
        elif path.suffix != ".yaml":
            problems.append(_stray_file(path, root, [], f"{folder.name}/ holds one .yaml file per entry"))
    return problems


def _stray_file(path: Path, root: Path, expected: list[str], what: str) -> Problem:
    if _misnamed_yaml(path):
        message = f"'{path.name}' is not read: metadata files end in .yaml"
        return _problem(path, root, message, f"rename it to {path.stem}.yaml")
    if path.suffix == ".yaml":
        guess = difflib.get_close_matches(path.name, expected, n=1, cutoff=0.6)
        hint = f"did you mean {guess[0]}?" if guess else f"{what}: {', '.join(expected)}"
        return _problem(path, root, f"'{path.name}' is not read", hint)
    return _problem(path, root, f"'{path.name}' is not a metadata file and is not read", f"{what}; move or remove it")


def _stray_folder(folder: Path, root: Path) -> Problem:
    if (folder / "edition.yml").is_file():
        return _problem(folder / "edition.yml", root, "'edition.yml' is not read", "rename it to edition.yaml")
    guess = difflib.get_close_matches(folder.name, [PEOPLE, *ITEM_FOLDERS], n=1, cutoff=0.6)
    if guess and guess[0] == PEOPLE:
        return _problem(folder, root, f"folder '{folder.name}/' is not read", f"did you mean {PEOPLE}/?")
    if guess:
        return _problem(
            folder, root, f"folder '{folder.name}/' is not read", f"{guess[0]}/ belongs inside an edition folder"
        )
    return _problem(
        folder,
        root,
        f"folder '{folder.name}/' has no {EDITION_FILE}, so it is not read as an edition",
        f"add {folder.name}/{EDITION_FILE} (`proceedings new-edition` writes one), or remove the folder",
    )


def _problem(path: Path, root: Path, message: str, hint: str) -> Problem:
    field = "(folder name)" if path.is_dir() else "(file name)"
    return Problem(display_path(path, root), 1, field, message, hint)
