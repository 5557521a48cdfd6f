"""What a reader's browser gets: the theme made accessible, and scripts only where they are used (the theme's
defaults, favicon and colour mode are ``theme.py``'s).

- The section navigation's expand buttons (``<summary>``) get names: the theme leaves them empty.
- Scripts load only on pages that use them (the paper browser on paper lists, the time-zone switch on pages
  with times, the copy button on pages with a code block, sphinx-design's tabs on pages with tabs, My schedule's
  script on its page), and every script in the head is deferred, so the first render waits for no JavaScript.
  Sphinx's search highlighter is dropped: search is Pagefind's (``search.py``), which never adds ``?highlight=``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

NEVER = {"_static/sphinx_highlight.js"}
# Scripts (and styles) that only some pages need, by what in the page needs them.
ON_DEMAND = {
    "_static/proceedings-browser.js": "browser",
    "_static/proceedings-time.js": "times",
    "_static/clipboard.min.js": "code",
    "_static/copybutton.js": "code",
    "_static/copybutton.css": "code",
    "_static/pygments.css": "code",
    "_static/design-tabs.js": "tabs",
    "_static/proceedings-schedule.js": "my-schedule",  # sphinxext.stars: the My schedule page's own
}


def setup_frontend(app: Sphinx) -> None:
    # After the theme's own handlers (priority 500), which add the scripts and the toctree function.
    app.connect("html-page-context", trim_assets, priority=600)
    app.connect("html-page-context", name_toggles, priority=600)


def page_needs(doctree: nodes.document | None) -> set[str]:
    """What the page's content needs scripts for."""
    if doctree is None:
        return set()
    needs: set[str] = set()
    for node in doctree.findall(nodes.Element):
        classes = node.get("classes", [])
        if "proceedings-browser" in classes:
            needs.add("browser")
        if "sd-tab-set" in classes:
            needs.add("tabs")
        if isinstance(node, nodes.literal_block):
            needs.add("code")
        if node.tagname == "time_node":
            needs.add("times")
        if node.tagname == "my_schedule_node":
            needs.add("my-schedule")
    return needs


def trim_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    needs = page_needs(doctree)

    def wanted(asset: Any) -> bool:
        name = str(getattr(asset, "filename", asset))
        return name not in NEVER and ON_DEMAND.get(name, "") in {"", *needs}

    if "css_files" in context:
        context["css_files"] = [css for css in context["css_files"] if wanted(css)]
    if "script_files" in context:
        context["script_files"] = [deferred(js) for js in context["script_files"] if wanted(js)]


def deferred(js: Any) -> Any:
    """The same script, run after parsing: files get ``defer``; inline snippets that set
    ``DOCUMENTATION_OPTIONS`` become module scripts, which run in document order after the deferred file that
    defines it."""
    if isinstance(js, str):  # old-style entry: a plain file name
        return js
    attributes = dict(js.attributes)
    if {"defer", "async"} & attributes.keys() or attributes.get("type") == "module":
        return js
    if js.filename:
        attributes["defer"] = "defer"
    elif "DOCUMENTATION_OPTIONS" in attributes.get("body", ""):
        attributes["type"] = "module"
    else:
        return js
    return type(js)(js.filename, priority=js.priority, **attributes)


def name_toggles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Name each expand button of the section navigation after the page whose subpages it shows."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def labelled(*args: Any, **kwargs: Any) -> Any:
        toctree = generate(*args, **kwargs)  # a BeautifulSoup tree (the theme renders it with str())
        for summary in toctree.select("details > summary:not([aria-label])") if hasattr(toctree, "select") else []:
            link = summary.parent.find_previous_sibling("a")
            if link is not None:
                summary["aria-label"] = f"Pages under {link.get_text(strip=True)}"
        return toctree

    context["generate_toctree_html"] = labelled
