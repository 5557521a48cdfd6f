"""Stage 1: read YAML files into plain data, remembering where every value came from.

PyYAML's composer (libyaml when available) gives us nodes with source marks; we
turn nodes into Python values ourselves so that we can record the line of each
field, refuse duplicate keys and tags, and bound alias expansion.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yamlsyntax
from .errors import Problem
from .files import write_if_changed

try:  # libyaml is an optional speed-up of PyYAML
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Keys are tuples of str (mapping keys) and int (list indexes).
FieldPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000  # counted after alias expansion: stops "billion laughs" documents
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_SEXAGESIMAL = re.compile(r"[0-9]:[0-5][0-9]")


class Unquoted(str):
    """An unquoted value like 9:00, which YAML 1.1 tools read as a number (540): kept as text, but marked, so
    that a time with a one-digit hour is explained as such."""

    __slots__ = ()


@dataclass
class Document:
    """The data of one YAML file and the line (1-based) where each value starts."""

    path: Path
    display: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    # lists shortened when the valid part of a file with errors was kept (model.salvage): list → kept indexes
    index_maps: dict[FieldPath, list[int]] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
        """The line of ``path``, or of its nearest located parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        path = remap(path, self.index_maps) if self.index_maps else path
        return Problem(self.display, self.line_of(path), dotted(path), message, hint)


def remap(path: FieldPath, maps: dict[FieldPath, list[int]]) -> FieldPath:
    """A place in data whose lists were shortened → the same place in the file."""
    result: FieldPath = ()
    for part in path:
        if isinstance(part, int) and result in maps and part < len(maps[result]):
            part = maps[result][part]
        result = (*result, part)
    return result


def dotted(path: FieldPath) -> str:
    """``('authors', 2, 'person')`` → ``authors[2].person`` (indexes shown 1-based)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def fail(self, node: yaml.Node, field_path: FieldPath, message: str, hint: str = "") -> LoadError:
        line = node.start_mark.line + 1
        return LoadError(Problem(self.doc.display, line, dotted(field_path), message, hint))

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                path,
                f"the file expands to more than {MAX_NODES} values",
                "YAML anchors and aliases may not be used to multiply content",
            )
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(
                node,
                path,
                f"YAML tag {node.tag!r} is not allowed",
                "remove the tag; metadata is plain text, numbers, lists and mappings",
            )
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.build_scalar(node, path)

    def build_mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(
                    key_node, path, "YAML merge keys ('<<') are not allowed", "write the fields out in full"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "a key must be plain text")
            key = str(key_node.value)
            if key in result:
                first = self.doc.lines.get((*path, key), "?")
                raise self.fail(
                    key_node,
                    (*path, key),
                    f"duplicate key (first given on line {first})",
                    "keep one of the two entries",
                )
            self.doc.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))
        return result

    def build_scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        # YAML 1.2 core-schema resolution: quoted text and anything unusual stays
        # text, so "10:40" never becomes 640 (YAML 1.1 base 60) nor "NO" False.
        text = node.value
        if node.style or node.tag == "tag:yaml.org,2002:str":
            return text
        if text in _NULLS:
            return None
        if text in _BOOLS:
            return _BOOLS[text]
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        if len(text) == 4 and _SEXAGESIMAL.fullmatch(text):
            return Unquoted(text)
        return text


Stat = tuple[int, int, int, int]  # a file's size, modification and change times (ns) and inode


class ParseCache:
    """Files parsed by an earlier build, by path and content, kept beside Sphinx's doctrees: parsing thousands of
    unchanged files took a second of every rebuild of a large conference. A file whose size, modification and
    change times and inode are as when it was read is not even read again (opening 12,000 unchanged files took
    half a second more); one that was touched is read and compared by content. Only files that loaded without a
    problem are kept, so every problem is found and reported again. Entries are stored pickled one by one, so
    the model can never change what the next build reads."""

    FORMAT = 2
    Entry = tuple[bytes, bytes, Stat | None]  # digest of the file, pickled data and lines, the file's stat

    def __init__(self, file: Path) -> None:
        self.file = file
        self.stored: dict[str, ParseCache.Entry] = {}
        self.used: dict[str, ParseCache.Entry] = {}
        try:
            stored_format, entries = pickle.loads(file.read_bytes())
        except Exception:  # missing, truncated or from another version: parse everything again
            return
        if stored_format == self.FORMAT and isinstance(entries, dict):
            self.stored = entries

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=16).digest()

    def unread(self, path: Path, stat: Stat | None) -> tuple[Any, dict[FieldPath, int]] | None:
        """What the file held when parsed, if its ``stat`` (taken now, before any reading) is as it was then."""
        entry = self.stored.get(str(path))
        if entry is None or stat is None or entry[2] != stat:
            return None
        return self._use(str(path), entry)

    def get(self, path: Path, raw: bytes, stat: Stat | None = None) -> tuple[Any, dict[FieldPath, int]] | None:
        entry = self.stored.get(str(path))
        if entry is None or entry[0] != self.digest(raw):
            return None
        return self._use(str(path), (entry[0], entry[1], stat))

    def _use(self, path: str, entry: ParseCache.Entry) -> tuple[Any, dict[FieldPath, int]]:
        self.used[path] = entry
        data, lines = pickle.loads(entry[1])
        return data, lines

    def put(self, path: Path, raw: bytes, doc: Document, stat: Stat | None = None) -> None:
        pickled = pickle.dumps((doc.data, doc.lines), pickle.HIGHEST_PROTOCOL)
        self.used[str(path)] = (self.digest(raw), pickled, stat)

    def save(self) -> None:
        """Keep the files this build read, and only those."""
        if self.used != self.stored:
            write_if_changed(self.file, pickle.dumps((self.FORMAT, self.used), pickle.HIGHEST_PROTOCOL))


def file_stat(path: Path) -> Stat | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def load_yaml(path: Path, display: str, cache: ParseCache | None = None) -> Document:
    """Read one metadata file; raise :class:`LoadError` with its location if it is not usable."""
    doc = Document(path=path, display=display, data=None)
    stat = file_stat(path) if cache is not None else None  # before reading: a file changed meanwhile is read again
    if cache is not None and (parsed := cache.unread(path, stat)) is not None:
        doc.data, doc.lines = parsed
        return doc
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise LoadError(Problem(display, 1, "", f"cannot read file: {error.strerror}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(Problem(display, 1, "", f"file is larger than {MAX_FILE_BYTES} bytes"))
    if cache is not None and (parsed := cache.get(path, raw, stat)) is not None:
        doc.data, doc.lines = parsed
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LoadError(Problem(display, line, "", "file is not valid UTF-8", "save it as UTF-8")) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, message, hint = yamlsyntax.explain(error, text)
        raise LoadError(Problem(display, line, "", f"YAML syntax error: {message}", hint)) from None
    except yaml.YAMLError:
        raise LoadError(Problem(display, 1, "", "YAML syntax error: the file cannot be read as YAML")) from None
    doc.data = {} if node is None else _Builder(doc).build(node, ())
    if cache is not None:
        cache.put(path, raw, doc, stat)
    return doc
