"""Sphinx configuration of the TerraBytes proceedings site.

The pages are assembled from ../proceedings by the proceedings_site extension
at the start of every build; only about.md is written by hand.
"""

project = "TerraBytes proceedings"
author = "TerraBytes organizers"
copyright = "TerraBytes organizers"

extensions = ["proceedings_site.sphinxext"]

proceedings_metadata_dir = "../proceedings"
html_baseurl = "https://terrabytes-workshop.github.io/proceedings/"
# The 404 page is served at any depth, so its links are absolute from this path (sphinx-notfound-page).
notfound_urls_prefix = "/proceedings/"

exclude_patterns = ["_build", ".assembled.json", "**/*.md.tmp"]
myst_enable_extensions = []
suppress_warnings = ["myst.header"]

html_theme = "pydata_sphinx_theme"
html_title = "TerraBytes proceedings"
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navbar_align": "left",
    "header_links_before_dropdown": 6,
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["theme-version"],
    "navigation_with_keys": True,
}
