"""YAML syntax errors in our words, at the line where the mistake is (where a quote or bracket was opened, not
where the parser gave up). PyYAML's and libyaml's own sentences ("while scanning a quoted scalar") never reach an
organizer."""

from __future__ import annotations

import yaml

_INDENT_HINT = "check the indentation: keys of one mapping start in the same column, with spaces (no tabs)"


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """(line, message, hint) for a syntax error of ``text``."""
    problem, context = str(error.problem or ""), str(error.context or "")
    stopped = error.problem_mark or error.context_mark
    opened = error.context_mark or stopped
    stop_line = stopped.line + 1 if stopped else 1
    open_line = opened.line + 1 if opened else stop_line
    lines = text.splitlines()

    def char_at(mark: yaml.Mark | None) -> str:
        if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
            return ""
        return lines[mark.line][mark.column]

    if "quoted scalar" in context:
        quote = char_at(error.context_mark) or '"'
        if "escape" in problem and open_line == stop_line:
            return (
                stop_line,
                "a backslash in double-quoted text starts an escape that does not exist",
                "write \\\\ for a backslash, or put the text in single quotes ('…')",
            )
        return (
            open_line,
            f"the quote {quote} opened on this line is never closed",
            f"end the text with {quote} on the same line"
            + (' (inside "…", write \\" for a quote mark)' if quote == '"' else " (inside '…', write '' for ')"),
        )
    for kind, (opening, closing) in (("flow sequence", ("[", "]")), ("flow mapping", ("{", "}"))):
        if kind in context:
            return (
                open_line,
                f"the '{opening}' opened on this line is not closed with '{closing}'",
                f"close it on the same line, or write one entry per line without '{opening}'",
            )
    if "tab character" in problem:
        return stop_line, "a tab character in the indentation", "indent with spaces only"
    if "cannot start any token" in problem:
        char = char_at(error.problem_mark)
        if char == "\t":
            return stop_line, "a tab character in the indentation", "indent with spaces only"
        return stop_line, f"a value cannot begin with '{char}'", "put the value in quotes"
    if "mapping values are not allowed" in problem:
        return stop_line, "a ': ' inside an unquoted value", 'put the value in quotes, like title: "Maps: a survey"'
    if "simple key" in context:
        return open_line, "this line is neither 'key: value' nor a list entry ('- …')", _INDENT_HINT
    if "block collection" in context:
        return stop_line, "a list entry ('- …') was expected on this line", _INDENT_HINT
    if "block mapping" in context:
        return (
            stop_line,
            "this line does not fit the 'key: value' lines above it",
            (_INDENT_HINT + "; a quoted value ends at its closing quote"),
        )
    if "undefined alias" in problem:
        return stop_line, "'*' refers to an anchor ('&name') that is not defined", "put the value in quotes"
    if "duplicate anchor" in context:
        return stop_line, "the same anchor ('&name') is defined twice", "rename one of them"
    if "another document" in problem:
        return stop_line, "a second document ('---') in the file", "a metadata file holds one document"
    if "directive" in context:
        return stop_line, "a line cannot begin with '%'", "put the value in quotes"
    return stop_line, "the text here is not valid YAML", _INDENT_HINT + "; quote text containing ': ' or ' #'"
