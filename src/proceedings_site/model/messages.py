"""What a validation error says to an organizer: every pydantic error kind in our own words, located by file, line
and field. Pydantic's English ("Input should be…") never reaches a user: a kind this module does not know gets a
plain sentence of ours, not the library's."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem
from ..load import Document, FieldPath

# Patterns of the models, said as what to write rather than as a regular expression (by the field's name).
_PATTERNS = {
    "email": ("must be an email address such as name@example.org", ""),
    "id": ("must be the paper's PMLR id: lowercase letters and digits, such as 'lovelace30a'", ""),
    "pages": ("must be a page or a page range such as 1-12", ""),
    "openreview_id": (
        "must be an OpenReview id: 6 to 20 letters, digits, '_' or '-'",
        "copy it from the paper's address, https://openreview.net/forum?id=…",
    ),
}
_QUOTE_HINT = "put the value in quotes to make it text"


def describe(error: ValidationError, model: type[BaseModel], doc: Document) -> list[Problem]:
    """One problem per thing to fix: a misspelt required field is one problem ("unknown field 'titel'; did you
    mean 'title'?"), not also "'title' is missing"."""
    items = [(location(item), item) for item in error.errors(include_url=False)]
    missing = {loc for loc, item in items if item["type"] == "missing"}
    renamed: set[FieldPath] = set()
    problems: list[Problem] = []
    for loc, item in items:
        if item["type"] == "extra_forbidden":
            problem, guess = _unknown_field(loc, model, doc, missing)
            problems.append(problem)
            if guess is not None:
                renamed.add(guess)
    for loc, item in items:
        if item["type"] == "missing" and loc not in renamed:
            problems.append(doc.problem(loc, "this required field is missing", f"add '{loc[-1]}:' to the file"))
        elif item["type"] in {"model_type", "dict_type"} and "person" in fields_at(model, loc):
            problems.append(_bare_name(loc, item.get("input"), doc))
        elif item["type"] not in {"missing", "extra_forbidden"}:
            message, hint = words(item)
            problems.append(doc.problem(loc, message, hint))
    return problems


def location(item: ErrorDetails) -> FieldPath:
    """Where an error is, without the names pydantic gives to members of a union."""
    return tuple(part for part in item["loc"] if not _is_union_tag(part))


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type name in locations inside unions ("str", "function-after[...]")
    return isinstance(part, str) and (part in {"str", "int", "none"} or "[" in part)


def _unknown_field(
    loc: FieldPath, model: type[BaseModel], doc: Document, missing: set[FieldPath]
) -> tuple[Problem, FieldPath | None]:
    name, parent = str(loc[-1]), loc[:-1]
    absent = [str(path[-1]) for path in missing if path[:-1] == parent]
    known = fields_at(model, parent)
    guess = difflib.get_close_matches(name, absent, n=1, cutoff=0.6) or difflib.get_close_matches(
        name, known, n=1, cutoff=0.6
    )
    if guess:
        required = guess[0] in absent
        hint = f"'{guess[0]}' is required: rename the key" if required else "rename the key"
        problem = doc.problem(loc, f"unknown field '{name}'; did you mean '{guess[0]}'?", hint)
        return problem, ((*parent, guess[0]) if required else None)
    return doc.problem(loc, f"unknown field '{name}'", f"known fields: {', '.join(known)}"), None


def _bare_name(loc: FieldPath, value: Any, doc: Document) -> Problem:
    """``- Ada Lovelace`` where ``- person: ada-lovelace`` belongs: people are named by their id."""
    return doc.problem(
        loc,
        _with_value("must name a person by id, as 'person: <id>'", value),
        "the id is the person's file name in proceedings/people/; `proceedings new-person` adds someone new",
    )


def words(item: ErrorDetails) -> tuple[str, str]:
    """Our message and hint for one error."""
    kind, value, context = item["type"], item.get("input"), item.get("ctx") or {}
    if kind in {"value_error", "assertion_error"}:
        message = str(context.get("error", "")) or str(item["msg"]).removeprefix("Value error, ")
        return _with_value(message, value), ""
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "must be a mapping of fields ('key: value' lines)", ""
    if kind == "string_type":
        return _not_text(value)
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return _with_value("must be a whole number", value), ""
    if kind in {"bool_type", "bool_parsing"}:
        return _with_value("must be true or false", value), ""
    if kind in {"list_type", "tuple_type", "set_type"}:
        return "must be a list: one '- ' line per entry, or [a, b]", ""
    if kind == "string_too_long":
        return f"is longer than {context.get('max_length')} characters", "shorten it"
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "too_short":
        count = context.get("min_length", 1)
        return f"needs at least {count} entr{'y' if count == 1 else 'ies'}", ""
    if kind == "too_long":
        return f"has more than {context.get('max_length')} entries", ""
    if kind in {"greater_than", "greater_than_equal"}:
        bound = context.get("gt", context.get("ge"))
        return _with_value(f"must be {'greater than' if 'gt' in context else 'at least'} {bound}", value), ""
    if kind == "string_pattern_mismatch":
        field = next((str(part) for part in reversed(item["loc"]) if isinstance(part, str)), "")
        message, hint = _PATTERNS.get(field, ("is not written in the expected form", ""))
        return _with_value(message, value), hint
    if kind in {"literal_error", "enum"}:
        return _with_value(f"must be {context.get('expected', 'one of the values listed')}", value), ""
    return _with_value("is not a value this field accepts", value), ""


def _not_text(value: Any) -> tuple[str, str]:
    if isinstance(value, bool):
        return (
            f"must be text, not {'true' if value else 'false'} (unquoted true and false are yes/no values)",
            _QUOTE_HINT,
        )
    if isinstance(value, int | float):
        return f"must be text, not the number {value}", _QUOTE_HINT
    if isinstance(value, list):
        return "must be a single text, not a list", ""
    if isinstance(value, dict):
        return "must be a single text, not a mapping", "quote the value if it contains ': '"
    return _with_value("must be text", value), ""


def _with_value(message: str, value: Any) -> str:
    """The message with the value that was given, unless the message shows it already."""
    if value is None or isinstance(value, dict | list):
        return message
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return message if str(value) in message else f"{message} (got {shown})"


def fields_at(model: type[BaseModel], path: Iterable[str | int]) -> list[str]:
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
