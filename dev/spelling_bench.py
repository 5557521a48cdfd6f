"""The benchmark's figures for spelling correction: what the vocabulary weighs, how long a correction takes in
Chromium, and how often it helps or hurts.

Queries come from the synthetic papers: three words of a title (or an author's name) stand for what a reader
remembers of a paper. Each is misspelled in one of five ways (a dropped letter, a doubled letter, two letters
swapped, a wrong vowel, a name typed without its accents); a query counts as found when the paper is among the
first three results after correction. The same queries spelled right must come back unchanged: the share whose
results change is the second relevance figure (target 0). Both run the search page's own correction module
(``_static/proceedings-spelling.js``) with Pagefind in Chromium, on the built site served locally.

    python -m dev.spelling_bench SITE_HTML METADATA   # the figures for a site already built
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

from proceedings_site.identity import fold

VOWELS = "aeiou"
KINDS = ("dropped letter", "doubled letter", "swapped letters", "wrong vowel", "missing accent")


def misspell(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` with one typing mistake of ``kind`` (the first letter kept), or None if it has no place for it."""
    inner = list(range(1, len(word) - 1))
    rng.shuffle(inner)
    for at in inner:
        if kind == "dropped letter":
            return word[:at] + word[at + 1 :]
        if kind == "doubled letter":
            return word[: at + 1] + word[at] + word[at + 1 :]
        if kind == "swapped letters" and word[at] != word[at + 1]:
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        if kind == "wrong vowel" and word[at] in VOWELS:
            return word[:at] + rng.choice([v for v in VOWELS if v != word[at]]) + word[at + 1 :]
    return None


def papers_of(metadata: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(edition, paper id, paper) of every paper, in a fixed order."""
    return [
        (path.parent.parent.name, path.stem, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(metadata.glob("*/papers/*.yaml"))
    ]


def make_queries(metadata: Path, vocabulary: set[str], count: int = 60, seed: int = 1) -> list[dict[str, str]]:
    """``count`` papers' queries, each spelled right and in each way wrong: {kind, typed, right, url}."""
    rng = random.Random(seed)
    people = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["name"] for path in metadata.glob("people/*")}
    accented = [
        paper
        for paper in papers_of(metadata)
        if any(fold(people[a["person"]]) != people[a["person"]].lower() for a in paper[2]["authors"])
    ]
    queries: list[dict[str, str]] = []
    for edition, paper_id, paper in rng.sample(papers_of(metadata), min(count, len(papers_of(metadata)))):
        url = f"{edition}/papers/{paper_id}.html"
        words = sorted({w for w in fold(paper["title"]).split() if len(w) >= 5}, key=len, reverse=True)[:3]
        if len(words) < 3:
            continue
        right = " ".join(words)
        queries.append({"kind": "spelled right", "typed": right, "right": right, "url": url})
        for kind in KINDS[:-1]:
            wrong = misspell(words[0], kind, rng)
            if wrong and wrong not in vocabulary:
                queries.append({"kind": kind, "typed": right.replace(words[0], wrong, 1), "right": right, "url": url})
    for edition, paper_id, paper in rng.sample(accented, min(count // 3, len(accented))):
        name = next(
            people[a["person"]] for a in paper["authors"] if fold(people[a["person"]]) != people[a["person"]].lower()
        )
        words = [w for w in fold(paper["title"]).split() if len(w) >= 5][:1]
        right = f"{name} {' '.join(words)}"
        url = f"{edition}/papers/{paper_id}.html"
        queries.append({"kind": "spelled right", "typed": right, "right": right, "url": url})
        queries.append({"kind": "missing accent", "typed": fold(right), "right": right, "url": url})
    return queries


RUN = """async (queries) => {
    const root = document.getElementById("proceedings-search");  // the index's bundles, as the search page has them
    const pagefind = await import(new URL(root.dataset.pagefind, location.href).href);
    await pagefind.options({ baseUrl: "/" });
    for (const bundle of (root.dataset.pagefindMerge || "").split(" ").filter(Boolean)) {
        await pagefind.mergeIndex(new URL(bundle, location.href).href, { baseUrl: "/" });
    }
    const spelling = await import(new URL("_static/proceedings-spelling.js", location.href).href);
    const vocabulary = new spelling.Vocabulary("/");
    const top = async (query) => Promise.all((await pagefind.search(query)).results.slice(0, 3)
        .map(async (result) => (await result.data()).url));
    const answers = [];
    for (const query of queries) {
        const started = performance.now();
        const { corrections } = await spelling.correct(query.typed, vocabulary);
        const shown = spelling.rewrite(query.typed, corrections);
        const ms = performance.now() - started;
        const first = await top(shown);
        const asTyped = shown === query.typed ? first : await top(query.typed);
        answers.push({ ...query, shown, ms, top: first, typedTop: asTyped });
    }
    return answers;
}"""


def vocabulary_size(site: Path) -> tuple[int, int, int, int]:
    """Words, shards, and gzip bytes of the whole vocabulary and of its largest shard."""
    folder = site / "spelling"
    names = json.loads((folder / "index.json").read_text())["shards"].values()
    sizes = [len(gzip.compress((folder / name).read_bytes(), 6)) for name in names]
    words = sum(len(json.loads((folder / name).read_text())["words"]) for name in names)
    return words, len(sizes), sum(sizes), max(sizes)


def run_queries(site: Path, queries: list[dict[str, str]]) -> tuple[list[dict[str, Any]], int]:
    """The answers in Chromium, and the gzip bytes of the shards loaded for them."""
    from playwright.sync_api import sync_playwright

    from dev.localsite import CHROMIUM_ARGS, SYSTEM_CHROMIUM, serve

    shards: dict[str, bytes] = {}
    with sync_playwright() as playwright, serve(site) as base:
        options = {"executable_path": SYSTEM_CHROMIUM} if SYSTEM_CHROMIUM else {}
        browser = playwright.chromium.launch(args=CHROMIUM_ARGS, **options)
        page = browser.new_page()
        page.on("response", lambda r: shards.__setitem__(r.url, r.body()) if "/spelling/" in r.url else None)
        page.goto(f"{base}search.html")
        answers = page.evaluate(RUN, queries)
        browser.close()
    return answers, sum(len(gzip.compress(body, 6)) for body in shards.values())


def figures(site: Path, metadata: Path) -> list[str]:
    words, count, total, largest = vocabulary_size(site)
    known: set[str] = set()
    for name in json.loads((site / "spelling/index.json").read_text())["shards"].values():
        known.update(json.loads((site / "spelling" / name).read_text())["words"])
    queries = make_queries(metadata, known)
    answers, loaded = run_queries(site, queries)
    wrong = [a for a in answers if a["kind"] != "spelled right"]
    right = [a for a in answers if a["kind"] == "spelled right"]
    times = sorted(a["ms"] for a in wrong) or [0.0]
    found = {kind: [a for a in wrong if a["kind"] == kind] for kind in KINDS}
    hits = {kind: sum(any(url.endswith(a["url"]) for url in a["top"]) for a in found[kind]) for kind in KINDS}
    as_typed = sum(any(url.endswith(a["url"]) for url in a["typedTop"]) for a in wrong)
    changed = [a for a in right if a["shown"] != a["typed"] or a["top"] != a["typedTop"]]
    share = sum(hits.values()) / max(len(wrong), 1)
    return [
        f"spelling_vocabulary={words} words in {count} shards, {total / 1024:.1f} KB gzip in all, "
        f"largest shard {largest / 1024:.1f} KB gzip (loaded only for a query that needs it)",
        f"spelling_shards_loaded_for_{len(answers)}_queries_kb={loaded / 1024:.1f} gzip",
        f"spelling_correction_ms=median {statistics.median(times):.1f}, p95 {times[int(len(times) * 0.95)]:.1f}, "
        f"max {times[-1]:.1f} (Chromium, shards fetched on first use included)",
        f"spelling_misspelled_in_top3={share:.1%} of {len(wrong)} (target >= 90%; without correction "
        f"{as_typed / max(len(wrong), 1):.1%}): "
        + ", ".join(f"{kind} {hits[kind]}/{len(found[kind])}" for kind in KINDS),
        f"spelling_correct_queries_changed={len(changed) / max(len(right), 1):.1%} of {len(right)} (target 0)",
    ]


if __name__ == "__main__":
    for line in figures(Path(sys.argv[1]), Path(sys.argv[2])):
        print(line)
