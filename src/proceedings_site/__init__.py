"""proceedings-site: a workshop's proceedings site from validated YAML metadata, built by Sphinx.

The one version number of the engine: the package metadata (pyproject.toml reads it from here), the Sphinx
extension and ``proceedings --version`` all show it. CHANGELOG.md has an entry for each.
"""

__version__ = "0.1.0"
