"""How a new site installs this engine: the requirement that names the engine the way it was installed here.

pip and uv record where a distribution came from in ``direct_url.json`` (PEP 610): nothing for a package index,
a VCS URL and commit, an archive URL, or a local folder. A new site's ``requirements.txt`` repeats that source, so
its build uses the same engine; a source on this machine only is named too, with a warning, since the site's CI
cannot install it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata as distributions
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import __version__

DISTRIBUTION = "proceedings-site"
_SOURCE_TREE = Path(__file__).resolve().parents[3]  # src/proceedings_site/authoring/engine.py → the checkout


@dataclass(frozen=True)
class EngineSource:
    requirement: str
    """A line for ``requirements.txt`` (PEP 508)."""
    local: str | None = None
    """What on this machine only the requirement names ("folder", "file"), or None when anyone can install it."""


def installed_engine() -> EngineSource:
    """The requirement naming this engine as it is installed in the running Python."""
    found = list(distributions.distributions(name=DISTRIBUTION))
    # An installer records itself (INSTALLER); the egg-info a build leaves in a source tree does not, and comes
    # first on sys.path when the tree's src/ is there.
    installed = [candidate for candidate in found if candidate.read_text("INSTALLER") is not None]
    if not (installed or found):  # run from a checkout that was never installed (scripts/)
        if (_SOURCE_TREE / "pyproject.toml").is_file():
            return EngineSource(f"{DISTRIBUTION} @ {_SOURCE_TREE.as_uri()}", "folder")
        return EngineSource(DISTRIBUTION)
    distribution = (installed or found)[0]
    text = distribution.read_text("direct_url.json")
    return requirement_for(json.loads(text) if text else None, distribution.version or __version__)


def requirement_for(direct_url: dict[str, Any] | None, version: str) -> EngineSource:
    """The requirement for an installation described by PEP 610's ``direct_url.json`` (None: from an index)."""
    if not direct_url or "url" not in direct_url:
        return EngineSource(f"{DISTRIBUTION}=={version}")
    url = str(direct_url["url"])
    on_this_machine = urlsplit(url).scheme == "file"
    if vcs := direct_url.get("vcs_info"):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        reference = f"{vcs.get('vcs', 'git')}+{url}" + (f"@{revision}" if revision else "")
        local = "repository" if on_this_machine else None
    elif "archive_info" in direct_url:
        hashes = direct_url["archive_info"].get("hashes") or {}
        digest = f"#sha256={hashes['sha256']}" if "sha256" in hashes and not on_this_machine else ""
        reference = url + digest
        local = "file" if on_this_machine else None
    else:  # dir_info: a folder, editable or not
        reference, local = url, "folder"
    if subdirectory := direct_url.get("subdirectory"):
        reference += f"{'&' if '#' in reference else '#'}subdirectory={subdirectory}"
    return EngineSource(f"{DISTRIBUTION} @ {reference}", local)


def local_warning(source: EngineSource, site: Path) -> str:
    """What to tell an organizer whose new site names an engine only this machine has."""
    return (
        f"warning: this engine was installed from a local {source.local}, so {site / 'requirements.txt'} names\n"
        f"  {source.requirement}\n"
        "  The site builds on this machine, but its CI (and anyone else) cannot install that. Before you push the\n"
        "  site, replace that line with something public (or start the site with --engine naming it), such as:\n"
        f'    --engine "{DISTRIBUTION} @ git+https://github.com/OWNER/REPOSITORY@COMMIT"   (a public repository)\n'
        f'    --engine "{DISTRIBUTION}=={__version__}"   (once this version is on the package index)'
    )
