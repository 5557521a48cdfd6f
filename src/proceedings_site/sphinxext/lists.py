"""Long lists (papers, people): directives naming entries by id, made into entries when the page is written.

An edition's paper list, the all-editions list and the list of people name thousands of entries. Written out
as Markdown they were the slowest pages to read, and their doctrees, megabytes each, the slowest to store,
load and run post-transforms over, on every build that added a paper. Here the stored doctree holds one small
node per list. The writer turns it into ordinary docutils nodes (a bullet list of references and text,
escaped like any text) just before rendering them, in the worker that writes the page. The assembler writes
each list with a ``:digest:`` of what its entries show, so a page whose list would look different is read
and written again.

    ```{proceedings-paper-list}
    :digest: 3f2a…
    :compact:

    2025-icml/hu25a
    ```

Full paper entries have the title in bold, each author linked to their page, and the keywords; ``:compact:``
ones a linked title and the authors as text; ``:titles:`` ones only the linked title (the lists beside a topic
map, which has thousands of titles already). ``{proceedings-people-list}`` lists person ids: each entry links
the person's page, with the words that tell namesakes apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import layout, textformat
from ..pages.papers import ListedPaper, listed_paper
from ..pages.people import ListedPerson, listed_person
from .assembler import proceedings_of
from .stars import paper_list_stars

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxTranslator

    from ..model import Proceedings

logger = logging.getLogger(__name__)


class id_list(nodes.General, nodes.Element):
    """A list of papers or people (``kind``) by id (``ids``), made into entries when written."""


def has_paper(proceedings: Proceedings, reference: str) -> bool:
    edition_id, paper_id = layout.split_item_reference(reference)
    edition = proceedings.find_edition(edition_id)
    return edition is not None and paper_id in edition.papers


def find_paper(proceedings: Proceedings, reference: str) -> ListedPaper | None:
    edition_id, paper_id = layout.split_item_reference(reference)
    edition = proceedings.find_edition(edition_id)
    return listed_paper(proceedings, edition, paper_id) if edition and paper_id in edition.papers else None


def find_person(proceedings: Proceedings, person_id: str) -> ListedPerson | None:
    return listed_person(proceedings, person_id) if person_id in proceedings.people else None


FINDERS: dict[str, Callable[[Proceedings, str], ListedPaper | ListedPerson | None]] = {
    "paper": find_paper,
    "person": find_person,
}


# Whether an entry exists, checked when the page is read: its entry is made when the page is written.
KNOWN: dict[str, Callable[[Proceedings, str], bool]] = {
    "paper": has_paper,
    "person": lambda proceedings, person_id: person_id in proceedings.people,
}


class IdListDirective(SphinxDirective):
    has_content = True
    # The digest is not read: it is there so that the page's source changes whenever its entries would.
    option_spec: ClassVar = {"digest": directives.unchanged}
    kind: ClassVar[str]

    def run(self) -> list[nodes.Node]:
        node = id_list(kind=self.kind, ids=[], compact="compact" in self.options, titles="titles" in self.options)
        self.set_source_info(node)
        proceedings = proceedings_of(self.env)
        for line in self.content:
            if not (identifier := line.strip()):
                continue
            if proceedings is None or not KNOWN[self.kind](proceedings, identifier):
                logger.warning(f"{self.kind} list: no {self.kind} {identifier!r} in the proceedings", location=node)
                continue
            node["ids"].append(identifier)
        return [node]


class PaperListDirective(IdListDirective):
    option_spec: ClassVar = {**IdListDirective.option_spec, "compact": directives.flag, "titles": directives.flag}
    kind = "paper"


class PeopleListDirective(IdListDirective):
    kind = "person"


def visit_id_list(self: SphinxTranslator, node: id_list) -> None:
    """Add the entries as children, which the translator then visits like any others."""
    proceedings = proceedings_of(self.builder.env)
    if node.children or proceedings is None:
        return
    here = self.builder.current_docname

    def uri(docname: str) -> str:
        return self.builder.get_relative_uri(here, docname)

    found = [FINDERS[node["kind"]](proceedings, identifier) for identifier in node["ids"]]
    if node["kind"] == "paper":
        listed = [paper for paper in found if isinstance(paper, ListedPaper)]
        if node.get("titles"):
            papers = [nodes.list_item("", nodes.paragraph("", "", title_link(paper, uri))) for paper in listed]
        else:
            papers = [paper_entry(paper, node["compact"], uri) for paper in listed]
            paper_list_stars(papers, [ref for ref, paper in zip(node["ids"], found, strict=True) if paper is not None])
        node += nodes.container("", nodes.bullet_list("", *papers, bullet="-"), classes=["proceedings-paper-list"])
    else:
        node += nodes.bullet_list("", *(person_entry(p, uri) for p in found if isinstance(p, ListedPerson)), bullet="-")


def depart_id_list(self: SphinxTranslator, node: id_list) -> None:
    pass


def paper_entry(paper: ListedPaper, compact: bool, uri: Callable[[str], str]) -> nodes.list_item:
    """One paper, as ACL Anthology's volumes list them: the headings above already say track and presentation."""
    title = title_link(paper, uri)
    line = nodes.paragraph("", "", title if compact else nodes.strong("", "", title), line_break())
    if compact:
        line += nodes.Text(", ".join(name for _, name in paper.authors))
    else:
        for index, (person, name) in enumerate(paper.authors):
            if index:
                line += nodes.Text(", ")
            line += nodes.reference("", name, internal=True, refuri=uri(person))
        if paper.keywords:
            line += [line_break(), nodes.emphasis("", ", ".join(paper.keywords))]
    return nodes.list_item("", line)


def title_link(paper: ListedPaper, uri: Callable[[str], str]) -> nodes.reference:
    # The title as rendered (emphasis, math), without links of its own: the entry is a link already.
    shown = textformat.title_nodes(paper.title, links=False)
    return nodes.reference("", "", *shown, internal=True, refuri=uri(paper.doc))


def person_entry(person: ListedPerson, uri: Callable[[str], str]) -> nodes.list_item:
    line = nodes.paragraph("", "", nodes.reference("", person.name, internal=True, refuri=uri(person.doc)))
    if person.disambiguation:
        line += nodes.Text(f" ({person.disambiguation})")
    return nodes.list_item("", line)


def line_break() -> nodes.raw:
    """A hard line break, as MyST makes one for HTML (a trailing double space)."""
    return nodes.raw("", "<br />\n", format="html")


def setup_lists(app: Sphinx) -> None:
    app.add_node(id_list, html=(visit_id_list, depart_id_list))
    app.add_directive("proceedings-paper-list", PaperListDirective)
    app.add_directive("proceedings-people-list", PeopleListDirective)
