// The paper browser: filters the paper list of the page by text, edition, track, presentation, keyword and
// author, with counts per value; the filters live in the URL so a filtered view can be shared or reloaded.
// Without JavaScript the page is a plain list of every paper.
(() => {
  "use strict";
  const holder = document.querySelector(".proceedings-browser");
  if (!holder) return;
  const dataLink = holder.querySelector("a.proceedings-download");
  const FACETS = [["edition", "Edition"], ["track", "Track"], ["presentation", "Presentation"],
                  ["keyword", "Keyword"], ["author", "Author"]];
  const ENTRIES = "article .proceedings-paper-list > ul > li";
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function paperItems(papers) {
    // Each paper on the page is an entry of a paper list whose first link goes to the paper's page.
    // Paper URLs are relative to the site root, which may sit below the host's root: look the link's path
    // up by its trailing segments, so a list of thousands of papers is matched in linear time.
    const byPath = new Map(papers.map((paper) => [paper.url, paper]));
    const depth = Math.max(...papers.map((paper) => paper.url.split("/").length));
    // A link's pathname is percent-encoded (王小明30a.html is %E7%8E%8B…); the data's URLs are not.
    const decoded = (segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    };
    const lookup = (path) => {
      const segments = path.split("/").map(decoded);
      for (let count = 1; count <= depth; count++) {
        const paper = byPath.get(segments.slice(-count).join("/"));
        if (paper) return paper;
      }
      return undefined;
    };
    const items = [];
    for (const element of document.querySelectorAll(ENTRIES)) {
      const link = element.querySelector("a[href]");
      if (!link) continue;
      const paper = lookup(new URL(link.href).pathname);
      if (paper) items.push({ element, paper });
    }
    return items;
  }

  function values(paper, key) {
    if (key === "keyword") return paper.keywords;
    if (key === "author") return paper.authors;
    return [paper[key]];
  }

  function readState() {
    const params = new URLSearchParams(location.search);
    const chosen = {};
    for (const [key] of FACETS) if (params.get(key)) chosen[key] = params.get(key);
    return { text: params.get("q") || "", chosen };
  }

  function writeState(text, chosen) {
    const params = new URLSearchParams();
    if (text) params.set("q", text);
    for (const [key, value] of Object.entries(chosen)) params.set(key, value);
    const query = params.toString();
    history.replaceState(null, "", query ? `${location.pathname}?${query}` : location.pathname);
  }

  function matches(paper, text, chosen, except) {
    for (const [key, value] of Object.entries(chosen)) {
      if (key !== except && !values(paper, key).includes(value)) return false;
    }
    if (!text) return true;
    const haystack = fold([paper.title, ...paper.authors, ...paper.keywords].join(" "));
    return fold(text).split(/\s+/).every((word) => haystack.includes(word));
  }

  function build(papers, items) {
    const form = document.createElement("form");
    form.className = "proceedings-browser-form";
    form.setAttribute("role", "search");
    form.addEventListener("submit", (event) => event.preventDefault());
    const search = document.createElement("input");
    search.type = "search";
    search.name = "q";
    search.placeholder = "Filter by title, author or keyword";
    search.setAttribute("aria-label", "Filter papers");
    search.className = "form-control";
    form.append(search);
    const selects = {};
    for (const [key, label] of FACETS) {
      const select = document.createElement("select");
      select.name = key;
      select.className = "form-select";
      select.setAttribute("aria-label", label);
      selects[key] = select;
      form.append(select);
    }
    const count = document.createElement("p");
    count.className = "proceedings-browser-count";
    count.setAttribute("role", "status");
    holder.append(form, count);

    function update(save) {
      const text = search.value.trim();
      const chosen = {};
      for (const [key] of FACETS) if (selects[key].value) chosen[key] = selects[key].value;
      if (save) writeState(text, chosen);
      let shown = 0;
      for (const { element, paper } of items) {
        const visible = matches(paper, text, chosen);
        element.hidden = !visible;
        shown += visible;
      }
      for (const section of document.querySelectorAll("article section")) {
        if (section.contains(holder)) continue;  // never hide the filters themselves
        const own = section.querySelectorAll(ENTRIES);
        if (own.length) section.hidden = [...own].every((element) => element.hidden);
      }
      count.textContent = `${shown} of ${items.length} papers`;
      for (const [key, label] of FACETS) {  // counts of each value given the other filters
        const tally = new Map();
        for (const paper of papers) {
          if (!matches(paper, text, chosen, key)) continue;
          for (const value of new Set(values(paper, key))) tally.set(value, (tally.get(value) || 0) + 1);
        }
        const select = selects[key];
        const current = chosen[key] || "";
        const options = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        select.replaceChildren(new Option(`${label}: all`, ""));
        for (const [value, n] of options) select.append(new Option(`${value} (${n})`, value));
        if (current && !tally.has(current)) select.append(new Option(`${current} (0)`, current));
        select.value = current;
        select.hidden = options.length < 2 && !current;
      }
    }

    const state = readState();
    search.value = state.text;
    for (const [key, value] of Object.entries(state.chosen)) {
      selects[key].append(new Option(value, value));
      selects[key].value = value;
    }
    search.addEventListener("input", () => update(true));
    for (const select of Object.values(selects)) select.addEventListener("change", () => update(true));
    update(false);
  }

  fetch(dataLink.href)
    .then((response) => response.json())
    .then((data) => build(data.papers, paperItems(data.papers)))
    .catch((error) => console.error("[proceedings] paper browser:", error));
})();
