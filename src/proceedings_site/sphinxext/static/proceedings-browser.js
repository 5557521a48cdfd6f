// The paper browser: filters the paper list of the page by text, edition, track, presentation, keyword and
// author, with counts per value; the filters live in the URL so a filtered view can be shared or reloaded.
// Without JavaScript the page is a plain list of papers (of a long list, one page of it, with links to the
// others). A list of several pages ("proceedings-browser-paged") fetches its data only when the reader starts
// to filter (focus, a tap or a key in the filters) or opens a filtered address, so a first visit downloads
// none of it, and shows the papers that match, from the data, in place of the page's own; a list on one page
// (a few hundred papers at most) fetches its small data at once and filters its own entries.
// The filters take the same place before and after the data arrives (a filter with one value is disabled,
// not removed), and the stylesheet keeps that place from the start, so nothing moves when the script runs.
(() => {
  "use strict";
  const holder = document.querySelector(".proceedings-browser");
  if (!holder) return;
  const dataLink = holder.querySelector("a.proceedings-download");
  const paged = holder.classList.contains("proceedings-browser-paged");
  const FACETS = [["edition", "Edition"], ["track", "Track"], ["presentation", "Presentation"],
                  ["keyword", "Keyword"], ["author", "Author"]]
    .filter(([key]) => key !== "edition" || holder.classList.contains("proceedings-browser-all"));
  const ENTRIES = "article .proceedings-paper-list > ul > li";
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);  // the site's
  const SHOWN = 100;  // matching papers rendered at once on a paged list; "Show more" adds as many again
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
      if (paper) {
        element.dataset.paper = paper.reference;
        items.push({ element, paper });
      }
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
    select.append(new Option(`${label}: all`, ""));
    selects[key] = select;
    form.append(select);
  }
  const count = document.createElement("p");
  count.className = "proceedings-browser-count";
  count.setAttribute("role", "status");
  const state = readState();
  const ownEntries = document.querySelectorAll(ENTRIES).length;
  const filtered = Boolean(state.text) || Object.keys(state.chosen).length > 0;
  // A filtered address counts nothing until the data has come: the page's own total would be wrong meanwhile.
  if (!paged && !filtered) count.textContent = `${ownEntries} of ${ownEntries} papers`;
  holder.append(form, count);
  search.value = state.text;
  for (const [key, value] of Object.entries(state.chosen)) {
    selects[key].append(new Option(value, value));
    selects[key].value = value;
  }

  // On a paged list, matching papers are shown here, in place of the page's own list and its page links.
  const results = document.createElement("div");
  results.className = "proceedings-paper-list proceedings-browser-results";
  results.hidden = true;
  const pageParts = () => [...document.querySelectorAll("article section, article .proceedings-pager")]
    .filter((part) => !part.contains(holder) && !holder.contains(part));

  function entry(paper) {
    const item = document.createElement("li");
    item.dataset.paper = paper.reference;
    const line = document.createElement("p");
    const link = document.createElement("a");
    link.className = "reference internal";
    link.href = new URL(paper.url, root).href;
    link.textContent = paper.title;
    const strong = document.createElement("strong");
    strong.append(link);
    line.append(strong, document.createElement("br"), paper.authors.join(", "));
    if (paper.keywords.length) {
      const keywords = document.createElement("em");
      keywords.textContent = paper.keywords.join(", ");
      line.append(document.createElement("br"), keywords);
    }
    item.append(line);
    return item;
  }

  function showResults(found, limit) {
    const list = document.createElement("ul");
    for (const paper of found.slice(0, limit)) list.append(entry(paper));
    results.replaceChildren(list);
    if (found.length > limit) {
      const more = document.createElement("button");
      more.type = "button";
      more.className = "btn btn-outline-primary";
      more.textContent = `Show ${Math.min(SHOWN, found.length - limit)} more`;
      more.addEventListener("click", () => showResults(found, limit + SHOWN));
      results.append(more);
    }
  }

  function start(papers) {
    const items = paged ? [] : paperItems(papers);
    if (paged) holder.after(results);

    function update(save) {
      const text = search.value.trim();
      const chosen = {};
      for (const [key] of FACETS) if (selects[key].value) chosen[key] = selects[key].value;
      if (save) writeState(text, chosen);
      const filtering = Boolean(text) || Object.keys(chosen).length > 0;
      if (paged) {
        const found = filtering ? papers.filter((paper) => matches(paper, text, chosen)) : [];
        for (const part of pageParts()) part.hidden = filtering;
        results.hidden = !filtering;
        if (filtering) showResults(found, SHOWN);
        count.textContent = filtering ? `${found.length} of ${papers.length} papers` : "";
      } else {
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
      }
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
        select.disabled = options.length < 2 && !current;
      }
    }

    search.addEventListener("input", () => update(true));
    for (const select of Object.values(selects)) select.addEventListener("change", () => update(true));
    update(true);  // what the reader typed or chose while the data was on its way counts too
  }

  // aria-busy is "true" while the data is on its way and "false" once the filters work on it (or have failed).
  let loading = null;
  function load() {
    if (loading) return loading;
    holder.setAttribute("aria-busy", "true");
    loading = fetch(dataLink.href)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${dataLink.href}`);
        return response.json();
      })
      .then((data) => start(data.papers))
      .catch((error) => {
        console.error("[proceedings] paper browser:", error);
        count.textContent = "The filters could not load their data; the list below is unfiltered.";
      })
      .finally(() => holder.setAttribute("aria-busy", "false"));
    return loading;
  }
  if (!paged || filtered) load();
  else for (const event of ["focusin", "pointerdown", "keydown"]) form.addEventListener(event, load, { once: true });
})();
