"""Sphinx's checks of what to read and write again, with Sphinx's answers, at a third of the cost.

Before every build Sphinx lists the source folder (``Project.discover``), compares each document's source with
the environment (``BuildEnvironment.get_outdated_files``) and with its HTML page
(``StandaloneHTMLBuilder.get_outdated_docs``). Each does a few path objects' worth of work per document: a
second at 3,000 papers (12,000 pages), a third of a rebuild that changes nothing. The versions here ask the
same questions with plain strings and ``os.stat`` (0.4 s), and hand anything unusual (a document that is
unreadable, found twice, or has dependencies; a changed build or a newer template) back to Sphinx, which then
answers and warns as it always does.

They are set on the build's own objects when the builder starts and taken off the environment before it is
read (and so pickled); other builds in the same process keep Sphinx's own. ``tests/test_outdated.py``
compares their answers with Sphinx's.
"""

from __future__ import annotations

import os
import re
import types
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.html._build_info import BuildInfo
from sphinx.environment import BuildEnvironment, _has_doc_changed
from sphinx.project import EXCLUDE_PATHS, Project
from sphinx.util.matching import _translate_pattern, _unicode_nfc
from sphinx.util.osutil import _last_modified_time, path_stabilize

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Set on the environment and its project while the builder starts; gone before the environment is pickled.
ON_ENVIRONMENT = ("get_outdated_files",)
ON_PROJECT = ("discover",)


def setup_outdated(app: Sphinx) -> None:
    app.connect("builder-inited", use_quick_checks, priority=900)
    app.connect("env-before-read-docs", drop_quick_checks)
    app.connect("build-finished", lambda app, exception: drop_quick_checks(app, app.env, []))


def use_quick_checks(app: Sphinx) -> None:
    builder, standard = app.builder, StandaloneHTMLBuilder
    kind = type(builder)
    if (kind.get_outdated_docs, getattr(kind, "get_output_path", None)) != (
        standard.get_outdated_docs,
        standard.get_output_path,
    ):
        return  # not an HTML builder, or one that decides or places pages in its own way (dirhtml, singlehtml)
    builder.get_outdated_docs = types.MethodType(outdated_pages, builder)  # type: ignore[method-assign]
    env = app.env
    if type(env).get_outdated_files is BuildEnvironment.get_outdated_files:
        env.get_outdated_files = types.MethodType(outdated_sources, env)  # type: ignore[method-assign]
    if type(env.project).discover is Project.discover:
        env.project.discover = types.MethodType(discover, env.project)  # type: ignore[method-assign]


def drop_quick_checks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for name in ON_ENVIRONMENT:
        env.__dict__.pop(name, None)
    for name in ON_PROJECT:
        env.project.__dict__.pop(name, None)


def discover(project: Project, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)) -> set[str]:
    """``Project.discover``: the same walk of the source folder (``sphinx.util.matching.get_matching_files``),
    with the include and the exclude patterns each tested as one expression."""
    included = _any_of(include_paths)
    excluded = _any_of([*exclude_paths, *EXCLUDE_PATHS])
    root, srcdir = str(Path(project.srcdir).resolve()), str(project.srcdir)
    docnames: dict[str, str] = {}  # docname → its file, relative to the source folder
    for folder, folders, files in os.walk(root, followlinks=True):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        folders[:] = [name for name in sorted(folders) if not excluded(_unicode_nfc(prefix + name))]
        for name in sorted(files):
            filename = _unicode_nfc(prefix + name)
            if not included(filename) or excluded(filename):
                continue
            docname = _docname(project, filename)
            if docname is None:
                continue
            if docname in docnames or not os.access(os.path.join(srcdir, filename), os.R_OK):
                return Project.discover(project, exclude_paths, include_paths)  # Sphinx warns as it does
            docnames[docname] = filename
    project.docnames.clear()
    project._path_to_docname.clear()
    project._docname_to_path.clear()
    for docname, filename in docnames.items():
        path = Path(filename)
        project.docnames.add(docname)
        project._path_to_docname[path] = docname
        project._docname_to_path[docname] = path
    return project.docnames


def _docname(project: Project, filename: str) -> str | None:
    # ``Project.path2doc`` of a file the walk found (relative, normalised)
    name = filename.rpartition("/")[2]
    for suffix in project.source_suffix:
        if name.endswith(suffix):
            return path_stabilize(filename).removesuffix(suffix)
    return None


def _any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    # ``sphinx.util.matching.compile_matchers``, the patterns joined: a name matches if one of them does
    return re.compile("|".join(f"(?:{_translate_pattern(pattern)})" for pattern in patterns) or "(?!)").match


def outdated_sources(env: BuildEnvironment, config_changed: bool) -> tuple[set[str], set[str], set[str]]:
    """``BuildEnvironment.get_outdated_files``: added, changed and removed documents."""
    if config_changed or env.reread_always:
        return BuildEnvironment.get_outdated_files(env, config_changed)
    removed = env.all_docs.keys() - env.found_docs
    added: set[str] = set()
    changed: set[str] = set()
    doctreedir, read_at = str(env.doctreedir), env.all_docs
    for docname, source in _sources(env.project, env.found_docs):
        if docname not in env.all_docs:
            added.add(docname)
        elif docname in env.dependencies:  # Sphinx's own check (dependencies are rare in this engine's sites)
            if _has_doc_changed(
                docname,
                filename=env.doc2path(docname),
                reread_always=env.reread_always,
                doctreedir=env.doctreedir,
                all_docs=env.all_docs,
                dependencies=env.dependencies,
            ):
                changed.add(docname)
        elif not os.path.isfile(f"{doctreedir}/{docname}.doctree") or _last_modified_time(source) > read_at[docname]:
            changed.add(docname)
    return added, changed, removed


def outdated_pages(builder: StandaloneHTMLBuilder) -> Iterator[str]:
    """``StandaloneHTMLBuilder.get_outdated_docs``: the documents whose page is older than its source or the
    newest template. Whatever makes Sphinx rebuild everything or log (its build information changed, a template
    is newer than the last build) is Sphinx's to say."""
    info = builder.outdir / ".buildinfo"
    try:
        built = _last_modified_time(info)
    except OSError:
        built = 0
    template = int(builder.templates.newest_template_mtime() * 10**6) if builder.templates else 0
    if not built or template > built or not _same_build_info(builder, info):
        yield from StandaloneHTMLBuilder.get_outdated_docs(builder)
        return
    outdir, suffix = str(builder.outdir), builder.out_suffix
    env = builder.env
    for docname, source in _sources(env.project, env.found_docs):
        if docname not in env.all_docs:
            yield docname
            continue
        try:
            target = _last_modified_time(f"{outdir}/{docname}{suffix}")
        except OSError:
            target = 0
        try:
            if max(_last_modified_time(source), template) > target:
                yield docname
        except OSError:  # the source is gone
            pass


def _same_build_info(builder: StandaloneHTMLBuilder, path: Path) -> bool:
    try:
        return BuildInfo.load(path) == builder.build_info
    except (OSError, ValueError):
        return False


def _sources(project: Project, docnames: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each document with its source file (``Project.doc2path``, absolute), as text."""
    srcdir, known, suffix = str(project.srcdir), project._docname_to_path, project._first_source_suffix
    for docname in docnames:
        relative = known.get(docname)
        yield docname, os.path.join(srcdir, relative if relative is not None else docname + suffix)
