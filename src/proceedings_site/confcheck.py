"""Check a site's ``docs/conf.py`` before Sphinx reads it.

Sphinx reports a broken configuration as "Configuration error!" with a traceback and a request to open an issue
with Sphinx. An organizer needs the file and line instead: this runs the file the way Sphinx does (in its folder,
with ``__file__`` and ``tags`` set) and turns what goes wrong into a located :class:`Problem`.
"""

from __future__ import annotations

import contextlib
import traceback
from pathlib import Path
from typing import Any

from .errors import Problem

CONF_FILE = "conf.py"
FIELD = "configuration"  # what Problem shows in place of a metadata field


def check_sphinx_conf(docs: Path) -> Problem | None:
    """Why ``docs/conf.py`` cannot configure a build, or None when it loads."""
    conf = docs / CONF_FILE
    shown = conf.as_posix()
    if not docs.is_dir():
        return Problem(
            docs.as_posix(), 1, FIELD, "no such folder: the site's Sphinx folder (with conf.py) is missing",
            "run inside your site, pass --docs DIR, or start a site with 'proceedings init'",
        )  # fmt: skip
    if not conf.is_file():
        return Problem(
            shown, 1, FIELD, "the Sphinx configuration file is missing",
            f"restore it from your repository's history, or copy {CONF_FILE} from a new 'proceedings init' site",
        )  # fmt: skip
    try:
        source = conf.read_bytes()
        code = compile(source, str(conf), "exec")
    except SyntaxError as error:
        return Problem(shown, error.lineno or 1, FIELD, f"Python syntax error: {error.msg}", _FIX)
    except (OSError, ValueError) as error:
        return Problem(shown, 1, FIELD, f"cannot read the file: {error}")
    return _run(code, conf)


_FIX = "fix this line of conf.py; the site's own values are plain assignments such as html_baseurl = '…'"


def _run(code: Any, conf: Path) -> Problem | None:
    from sphinx.util.tags import Tags  # what Sphinx gives conf.py as ``tags``

    namespace: dict[str, Any] = {"__file__": str(conf.resolve()), "tags": Tags()}
    with contextlib.chdir(conf.parent):
        try:
            exec(code, namespace)
        except SystemExit as error:
            return Problem(conf.as_posix(), 1, FIELD, f"conf.py exits while loading (exit code {error.code})", _FIX)
        except Exception as error:
            line = _line_in(error, conf)
            return Problem(conf.as_posix(), line, FIELD, f"this line raises {type(error).__name__}: {error}", _FIX)
    return None


def _line_in(error: BaseException, conf: Path) -> int:
    """The last line of conf.py on the traceback (a call into a library fails on the line that made it)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename) == conf]
    return (frames[-1].lineno or 1) if frames else 1
