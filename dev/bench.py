"""Scale benchmark: ``nox -s bench -- 300 3000`` prints one figure per line.

For each paper count it generates synthetic proceedings (three editions, about four authors per paper from a
pool of 3N people, 1,200-character abstracts, a full program), builds the site as ``nox -s docs`` does
(parallel Sphinx, this extension, pydata-sphinx-theme), then rebuilds with no change and after adding one
paper. The floor is the same generated MyST pages built by plain Sphinx on the same machine in the same run:
basic theme, no proceedings extension, only myst-parser and sphinx-design (the pages use their syntax) and
minimal stand-ins for our four roles (links between pages become plain references). Our long lists are
directives whose entries come from the model when written; the floor gets the same entries written out in
Markdown, as a site without the extension would have them. The last line is the ratio of our full build to
that floor.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from dev import many_authors, scale, spelling_bench, synthetic, textformat_bench, topics_bench
from dev.pageweight import page_weights
from dev.scale import Run
from dev.starsweight import star_data_line
from proceedings_site.building import doctree_folder
from proceedings_site.model import Proceedings, load_proceedings
from proceedings_site.sphinxext.lists import find_paper, find_person
from proceedings_site.textformat import literal as md

DOCS = Path(__file__).resolve().parents[1] / "docs"
PLAIN_CONF = """
from urllib.parse import unquote

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.roles import GenericRole

project = "plain"
extensions = ["myst_parser", "sphinx_design"]
html_theme = "basic"
exclude_patterns = [".assembled.json"]
suppress_warnings = ["myst.header"]


def page_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    target, _, label = text.partition(" ")
    return [nodes.reference(rawtext, unquote(label), refuri=unquote(target) + ".html")], []


class Mark(Directive):  # where stars and My schedule go (sphinxext.stars): empty marks here too
    optional_arguments = 1
    has_content = True

    def run(self):
        return []


def setup(app):
    for name in ("proceedings-star", "proceedings-my-schedule"):
        app.add_directive(name, Mark)
    for name in ("proceedings-time", "proceedings-file", "proceedings-zone", "proceedings-star"):
        app.add_role(name, GenericRole(name, nodes.inline))
    app.add_role("proceedings-page", page_role)
"""


def measure(command: list[str], log: Path) -> Run:
    """Wall time, the largest process's peak memory, the process tree's and the seconds of each stage."""
    return scale.measure(command, log)


LIST_DIRECTIVE = re.compile(r"^```\{proceedings-(paper|people)-list\}\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def lists_as_markdown(source: str, proceedings: Proceedings) -> str:
    """A page whose list directives are replaced by the Markdown lists they stand for."""

    def entries(match: re.Match[str]) -> str:
        lines = [line.strip() for line in match[2].splitlines()]
        ids = [line for line in lines if line and not line.startswith(":")]
        if match[1] == "people":
            people = [find_person(proceedings, person_id) for person_id in ids]
            return "\n".join(
                f"- {md.internal(p.doc, p.name)}" + (f" ({md.text(p.disambiguation)})" if p.disambiguation else "")
                for p in people
                if p
            )
        papers = [paper for paper in (find_paper(proceedings, ref) for ref in ids) if paper]
        if ":compact:" in lines:
            items = [
                f"- {md.internal(p.doc, p.title)}  \n  {md.text(', '.join(name for _, name in p.authors))}"
                for p in papers
            ]
        else:
            items = [
                f"- **{md.internal(p.doc, p.title)}**  \n  "
                + ", ".join(md.internal(doc, name) for doc, name in p.authors)
                + (f"  \n  *{md.text(', '.join(p.keywords))}*" if p.keywords else "")
                for p in papers
            ]
        return "\n".join(["```{container} proceedings-paper-list", *items, "```"])

    return LIST_DIRECTIVE.sub(entries, source)


def plain_copy(srcdir: Path, target: Path, metadata: Path) -> None:
    """The floor's sources: our generated pages, lists written out, and the plain configuration."""
    shutil.copytree(srcdir, target, ignore=shutil.ignore_patterns("conf.py", ".assembled.json"))
    proceedings = load_proceedings(metadata)
    for page in target.rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        if "-list}" in source:
            page.write_text(lists_as_markdown(source, proceedings), encoding="utf-8")
    (target / "conf.py").write_text(PLAIN_CONF)


def sphinx(srcdir: Path, outdir: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "auto", *options, str(srcdir), str(outdir)]


def html_bytes(folder: Path, pattern: str) -> list[int]:
    return [path.stat().st_size for path in folder.glob(pattern) if path.name != "index.html"]


def search_download(site: Path, query: str) -> tuple[int, int, int]:
    """What a reader's browser downloads to open the search page and get results for ``query``, in Chromium:
    raw bytes, bytes as a host that compresses (GitHub Pages gzips) sends them, and Pagefind's share of those."""
    from playwright.sync_api import sync_playwright

    from dev.localsite import CHROMIUM_ARGS, SYSTEM_CHROMIUM, serve

    bodies: dict[str, bytes] = {}
    with sync_playwright() as playwright, serve(site) as base:
        options = {"executable_path": SYSTEM_CHROMIUM} if SYSTEM_CHROMIUM else {}
        browser = playwright.chromium.launch(args=CHROMIUM_ARGS, **options)
        page = browser.new_page()
        page.on("response", lambda response: bodies.__setitem__(response.url, response.body()))
        page.goto(f"{base}search.html?q={query}")
        page.locator(".proceedings-result").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        browser.close()
    sent = {url: len(gzip.compress(body, 6)) for url, body in bodies.items()}
    raw = sum(len(body) for body in bodies.values())
    return raw, sum(sent.values()), sum(size for url, size in sent.items() if "/pagefind/" in url)


# The paper that the add-one rebuilds add: edition, id, authors, title.
ADDED = ("2031-syn", "added00001", ["p00001", "p00002"], "An added paper on glaciers")


def bench(
    papers: int, work: Path, emit: Callable[[str], None], floor_wanted: bool = True, bundle_pages: int | None = None
) -> tuple[float, float | None]:
    """Run every measurement for one paper count; return the seconds of our full build and of the floor.
    ``bundle_pages``: the search index's bundle size, when not the engine's default."""
    metadata = synthetic.generate(work / "proceedings", papers, seed=papers).resolve()
    srcdir, outdir, log = work / "docs", work / "html", work / "build.log"
    srcdir.mkdir()
    for name in ("conf.py", "about.md"):
        shutil.copy2(DOCS / name, srcdir / name)
    settings = ["-D", "extensions=proceedings_site.sphinxext,dev.stages"]  # logs when each stage ends
    if bundle_pages is not None:
        settings += ["-D", f"proceedings_search_bundle_pages={bundle_pages}"]
    doctrees = doctree_folder(outdir)  # where `proceedings build --out html` keeps them: it rebuilds this site
    ours = sphinx(srcdir, outdir, "-d", str(doctrees), "-W", "--keep-going", *settings)
    ours += ["-D", f"proceedings_metadata_dir={metadata}"]

    full = measure(ours, log)  # each figure is printed as soon as it is known: a large run takes long
    pages = sum(1 for _ in srcdir.rglob("*.md"))
    paper_pages = html_bytes(outdir, "*/papers/*.html")
    total = sum(path.stat().st_size for folder in (outdir, doctrees) for path in folder.rglob("*") if path.is_file())
    emit(f"papers={papers} pages={pages} cores={os.cpu_count()} load_average={os.getloadavg()[0]:.2f}")
    emit(f"full_build_seconds={full.seconds:.1f}")
    emit(f"seconds_per_page={full.seconds / pages:.4f}")
    emit(f"peak_memory_mb={full.peak_mb:.0f} (largest process; {full.tree_peak_mb:.0f} MB the process tree)")
    emit(f"avg_paper_page_kb={sum(paper_pages) / len(paper_pages) / 1024:.1f}")
    emit(f"total_output_mb={total / 2**20:.1f}")
    scale.emit_site(outdir, emit)
    emit(f"full_build_stages={scale.stage_line(full)}")
    weights = page_weights(outdir, {"all papers": "papers.html"})
    for kind, first_visit in weights.items():  # targets: a paper page <= 150 KB, no blocking script
        emit(f"first_visit_{kind.replace(' ', '_')}={first_visit.line()}")
    plain_src, plain_out = work / "plain-docs", work / "plain-html"
    if floor_wanted:
        plain_copy(srcdir, plain_src, metadata)  # the floor builds exactly the pages of the full build
    noop = measure(ours, log)
    emit(f"noop_rebuild_seconds={noop.seconds:.1f} ({noop.seconds / full.seconds:.1%} of the full build)")
    emit(f"noop_rebuild_stages={scale.stage_line(noop)}")
    synthetic.add_paper(metadata, *ADDED)
    added = measure(ours, log)
    if not (outdir / ADDED[0] / "papers" / f"{ADDED[1]}.html").is_file():
        raise SystemExit("the added paper was not built")
    emit(f"add_one_paper_rebuild_seconds={added.seconds:.1f} ({added.seconds / full.seconds:.1%} of the full build)")
    emit(f"add_one_paper_stages={scale.stage_line(added)}")
    organizers_rebuild(metadata, srcdir, outdir, settings, log, full.seconds, emit)
    topics_bench.report(metadata, ADDED[1], emit, full.seconds / pages)  # related papers and topic maps

    floor = measure(sphinx(plain_src, plain_out), log) if floor_wanted else None
    title = yaml.safe_load((metadata / "2031-syn/papers/syn00001.yaml").read_text(encoding="utf-8"))["title"]
    raw, sent, pagefind = search_download(outdir, "+".join(title.split()[:2]))
    emit(
        f"search_query_download_kb={sent / 1024:.0f} gzip "
        f"(raw {raw / 1024:.0f} KB; Pagefind {pagefind / 1024:.0f} KB of it)"
    )
    emit(star_data_line(outdir))
    for line in spelling_bench.figures(outdir, metadata):  # vocabulary size, correction time, relevance shares
        emit(line)
    for line in scale.goals(papers, full, noop, added, outdir, weights, floor.seconds if floor else None):
        emit(line)
    if floor is None:
        emit("plain_sphinx_seconds=skipped (--no-floor or above --floor-up-to)")
        return full.seconds, None
    plain_index = plain_out / "searchindex.js"
    emit(
        f"sphinx_searchindex_js_kb={plain_index.stat().st_size / 1024:.0f} raw, "
        f"{len(gzip.compress(plain_index.read_bytes(), 6)) / 1024:.0f} gzip (loaded by every page of plain pydata)"
    )
    emit(f"plain_sphinx_seconds={floor.seconds:.1f}")
    emit(f"ratio_vs_plain_sphinx={full.seconds / floor.seconds:.2f}")
    return full.seconds, floor.seconds


def organizers_rebuild(
    metadata: Path, srcdir: Path, outdir: Path, settings: list[str], log: Path, full: float, emit: Callable[[str], None]
) -> None:
    """The same paper added with `proceedings build`, as organizers build (`nox -s docs`): it validates the metadata
    and builds into a staging copy of the site. Its first run, which removes the paper again, makes that copy
    whole (plain Sphinx built the site until then)."""
    command = [sys.executable, "-m", "proceedings_site.cli", "build", "--metadata", str(metadata)]
    command += ["--docs", str(srcdir), "--out", str(outdir), *settings]
    edition, paper_id = ADDED[0], ADDED[1]
    (metadata / edition / "papers" / f"{paper_id}.yaml").unlink()
    removed = measure(command, log)
    synthetic.add_paper(metadata, *ADDED)
    added = measure(command, log)
    if not (outdir / edition / "papers" / f"{paper_id}.html").is_file():
        raise SystemExit("the paper added again with proceedings build was not built")
    emit(
        f"add_one_paper_proceedings_build_seconds={added.seconds:.1f} ({added.seconds / full:.1%} of the full "
        f"build; validation and the staging copy included; removing it first, with the whole site copied: "
        f"{removed.seconds:.1f} s)"
    )
    emit(f"add_one_paper_proceedings_build_stages={scale.stage_line(added)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build synthetic proceedings of N papers and print the figures.")
    parser.add_argument("papers", type=int, nargs="*", default=[300, 3000])
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    parser.add_argument(
        "--hostile-bytes", type=int, default=1_000_000, help="hostile text the text format is timed on (1 MB)"
    )
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the plain-Sphinx floor (reported as skipped), e.g. at 10,000"
    )
    parser.add_argument(
        "--floor-up-to",
        type=int,
        metavar="PAPERS",
        help="build the plain-Sphinx floor only at sizes up to PAPERS (skipped above, reported as skipped), so "
        "one run gives every size's figures: `300 3000 10000 --floor-up-to 3000`",
    )
    parser.add_argument(
        "--search-bundle-pages",
        type=int,
        help="the search index's bundle size (proceedings_search_bundle_pages), to split a small site's index",
    )
    parser.add_argument(
        "--many-authors",
        type=int,
        nargs=2,
        default=list(many_authors.COUNTS),
        metavar=("SMALL", "LARGE"),
        help="author counts of the many-authors figure (default: 30 3000); 0 0 skips it",
    )
    args = parser.parse_args(argv)
    counts = sorted(args.papers)

    def emit(line: str) -> None:  # each figure as soon as it is known: a large run takes long
        print(line, flush=True)

    results: dict[int, tuple[float, float | None]] = {}
    root = args.keep or Path(tempfile.mkdtemp(prefix="proceedings-bench-"))
    try:
        for papers in counts:
            work = root / f"papers-{papers}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            floor = not args.no_floor and (args.floor_up_to is None or papers <= args.floor_up_to)
            results[papers] = bench(papers, work, emit, floor, args.search_bundle_pages)
        if all(args.many_authors):  # one paper by 30, then by 3,000 authors (issue 26)
            authors = (args.many_authors[0], args.many_authors[1])
            many_authors.measure(root / "many-authors", emit, measure, authors)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    smallest, largest = counts[0], counts[-1]
    if largest != smallest:
        scale = results[largest][0] / results[smallest][0]
        print(f"time_ratio_{largest}_vs_{smallest}={scale:.2f} (paper ratio {largest / smallest:.0f})")
    if largest >= 1000 and topics_bench.BUDGET_SIZE not in counts:  # related papers and maps at their budget's size
        topics_bench.report_budget_size(root / "topics", emit)
    for name, value in textformat_bench.measure(args.hostile_bytes).items():  # abstracts formatted, hostile ones
        print(f"{name}={value:.2f}", flush=True)
    floored = [papers for papers in counts if results[papers][1]]  # the ratio at the largest size with a floor
    if floored:
        ours, floor = results[floored[-1]]
        print(
            f"ratio_vs_plain_sphinx={ours / floor:.2f}"
            + (f" (at {floored[-1]} papers)" if floored[-1] != largest else "")
        )
    else:
        print("ratio_vs_plain_sphinx=skipped (--no-floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
