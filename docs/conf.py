"""Sphinx configuration of the TerraBytes proceedings site.

The pages are assembled from ../proceedings by the proceedings_site extension at the start of every build; only
about.md is written by hand. The extension supplies the theme and its settings (options, favicon, colour mode,
sidebars, the 404 page's address); any of them set here wins.
"""

project = "TerraBytes proceedings"
author = "TerraBytes organizers"
copyright = "TerraBytes organizers"

extensions = ["proceedings_site.sphinxext"]

html_baseurl = "https://terrabytes-workshop.github.io/proceedings/"
