"""Docutils settings made once per build, not once per document.

Sphinx (``sphinx.util.docutils._parse_str_to_doctree``) builds a docutils ``OptionParser`` for every document it
reads, and MyST-Parser builds another one for a document it throws away (``setup_render`` evaluates its default
``make_document()`` even when Sphinx gives the document). Each parser declares about 150 options and reads the
docutils configuration files: 10 to 20 ms a page, a fifth of reading a page of ours, and the same for every page.
The settings come out the same for every document of a build, so each distinct request is answered here by one
parser, kept, whose ``get_default_values()`` makes fresh settings per document exactly as before.

Both functions are private to their projects: the cache wraps them only when they are there with the signature
read here, and otherwise leaves them alone (the build is then as slow as before, never different).
"""

from __future__ import annotations

import inspect
import os
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import frontend, utils
from sphinx.util import logging

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
KEPT_PARSERS = 8  # distinct requests of one build: the reader's, MyST's, a builder's; later builds add theirs

# A request: the components, the defaults by identity, whether configuration files are read, and what decides
# which files those are. Each entry keeps the defaults and components alive, so no identity is reused while it
# is kept.
_Key = tuple[tuple[object, ...], tuple[tuple[str, int], ...], bool, str, str | None]
_PARSERS: dict[_Key, tuple[frontend.OptionParser, Mapping[str, Any], tuple[object, ...]]] = {}
ORIGINALS: dict[str, Callable[..., Any]] = {}  # what was wrapped, by "module.name"


def setup_docsettings(app: Sphinx) -> None:
    app.connect("builder-inited", install_settings_cache)


def parser_for(
    components: Iterable[object], defaults: Mapping[str, Any] | None = None, read_config_files: bool = False
) -> frontend.OptionParser:
    """The one option parser for this request, made on first use."""
    components, defaults = tuple(components), dict(defaults or {})
    read = bool(read_config_files)
    key: _Key = (
        tuple(map(_component_key, components)),
        tuple(sorted((name, id(value)) for name, value in defaults.items())),
        read,
        os.getcwd() if read else "",
        os.environ.get("DOCUTILSCONFIG") if read else None,
    )
    if (kept := _PARSERS.get(key)) is not None:
        return kept[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # docutils announces the parser's replacement
        parser = frontend.OptionParser(components=components, defaults=defaults, read_config_files=read)
    while len(_PARSERS) >= KEPT_PARSERS:
        del _PARSERS[next(iter(_PARSERS))]  # the oldest request: an earlier build's
    _PARSERS[key] = (parser, defaults, components)
    return parser


# What a parser reads of each component (``frontend.OptionParser``): Sphinx makes a parser instance per document,
# so a component is known by these, not by its identity.
_SPEC_ATTRIBUTES = (
    "settings_spec",
    "settings_defaults",
    "settings_default_overrides",
    "relative_path_settings",
    "config_section",
    "config_section_dependencies",
)


def _component_key(component: object) -> tuple[object, ...]:
    if component is None:
        return (None,)
    kind = component if isinstance(component, type) else type(component)
    return (kind, *(id(getattr(component, name, None)) for name in _SPEC_ATTRIBUTES))


def settings_for(*components: object, defaults: Mapping[str, Any], read_config_files: bool = False) -> frontend.Values:
    """What ``sphinx.util.docutils._get_settings`` returns: fresh settings from the kept parser."""
    return parser_for(components, defaults, read_config_files).get_default_values()


def document_for(source_path: str = "notset", parser_cls: type | None = None) -> nodes.document:
    """What ``myst_parser.mdit_to_docutils.base.make_document`` returns, its settings from the kept parser."""
    from docutils.parsers.rst import Parser as RSTParser

    settings = parser_for((parser_cls or RSTParser,)).get_default_values()
    return utils.new_document(source_path, settings=settings)


def _wrap(module: Any, name: str, replacement: Callable[..., Any], parameters: list[str]) -> None:
    original = getattr(module, name, None)
    if original is None or original is replacement:
        return
    if list(inspect.signature(original).parameters) != parameters:
        logger.debug(f"[proceedings] {module.__name__}.{name} has changed: its settings are made per document")
        return
    ORIGINALS[f"{module.__name__}.{name}"] = original
    setattr(module, name, replacement)


def install_settings_cache(app: Sphinx) -> None:
    """Answer Sphinx's and MyST's requests for settings from kept parsers (once per process)."""
    from myst_parser.mdit_to_docutils import base as myst_base
    from sphinx.util import docutils as sphinx_docutils

    _wrap(sphinx_docutils, "_get_settings", settings_for, ["components", "defaults", "read_config_files"])
    _wrap(myst_base, "make_document", document_for, ["source_path", "parser_cls"])
