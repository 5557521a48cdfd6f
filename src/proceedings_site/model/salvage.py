"""The valid part of a file with errors, so that the checks across files still run on it: one mistake must not hide
the next (a bare author name hid an unknown person; an unquoted time hid a slot ending before it starts).

The errors of a file are reported as they are; then the entries in error are left out (a list item, or an optional
field) and the rest is validated again. Problems found later in what remains are located in the file as written:
``Document.index_maps`` maps the indexes of shortened lists back to the file's."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..load import Document, FieldPath, remap
from .messages import location

M = TypeVar("M", bound=BaseModel)

_GONE = object()  # a list item left out
_ROUNDS = 20


def salvage(model: type[M], doc: Document, stand_ins: dict[str, Any] | None = None) -> tuple[M | None, set[str]]:
    """The model of what is valid in ``doc`` (None when a required field has no valid value and no stand-in), and
    the fields given a stand-in value. Sets ``doc.index_maps`` for the lists it shortened."""
    stand_ins = stand_ins or {}
    tree = copy.deepcopy(doc.data) if isinstance(doc.data, dict) else {}
    used: set[str] = set()
    for _ in range(_ROUNDS):
        maps: dict[FieldPath, list[int]] = {}
        data = _compact(tree, (), maps)
        try:
            result = model.model_validate(data)
        except ValidationError as error:
            errors = error.errors(include_url=False)
        else:
            doc.index_maps = maps
            return result, used
        progress = False
        for item in errors:
            loc = remap(location(item), maps)
            if item["type"] == "missing" and len(loc) == 1 and str(loc[0]) in stand_ins.keys() - used:
                tree[str(loc[0])] = stand_ins[str(loc[0])]
                used.add(str(loc[0]))
                progress = True
            elif (target := loc[:-1] if item["type"] == "missing" else loc) and _remove(tree, target):
                progress = True
        if not progress:
            return None, used
    return None, used


def _compact(node: Any, path: FieldPath, maps: dict[FieldPath, list[int]]) -> Any:
    if isinstance(node, dict):
        return {key: _compact(value, (*path, key), maps) for key, value in node.items()}
    if isinstance(node, list):
        kept = [index for index, value in enumerate(node) if value is not _GONE]
        if len(kept) != len(node):
            maps[path] = kept
        return [_compact(node[index], (*path, index), maps) for index in kept]
    return node


def _remove(tree: Any, path: FieldPath) -> bool:
    """Leave out the entry at ``path``: a list item becomes a gap, a mapping loses the key."""
    node = tree
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node) and node[last] is not _GONE:
        node[last] = _GONE
        return True
    return False
