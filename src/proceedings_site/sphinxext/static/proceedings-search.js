// The search page: Pagefind queries with facets; the query and filters live in the URL (search.html?q=…).
// A word that finds nothing is corrected with proceedings-spelling.js ("Showing results for …"); &exact=1 in the
// URL searches as typed.
(() => {
  "use strict";
  const root = document.getElementById("proceedings-search");
  if (!root) return;
  const FACETS = [["kind", "Type"], ["edition", "Edition"], ["track", "Track"], ["presentation", "Presentation"],
                  ["keyword", "Keyword"]];
  const PAGE = 20;
  const EXCERPT_WORDS = 30;
  const input = root.querySelector("form.bd-search input[name='q']");
  const status = document.getElementById("proceedings-search-status");
  const notice = document.getElementById("proceedings-search-notice");
  const empty = document.getElementById("proceedings-search-empty");
  const list = document.getElementById("proceedings-search-results");
  const facets = document.getElementById("proceedings-search-facets");
  const toggle = document.getElementById("proceedings-search-filters-toggle");
  const base = location.pathname.replace(/[^/]*$/, "");  // the search page sits at the site root
  const narrow = window.matchMedia("(max-width: 720px)");
  let pagefind = null;
  let spelling = null;
  let generation = 0;
  let facetsWanted = false;  // facet data costs more than the query itself: load it when asked for

  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  // Pagefind's excerpts are escaped text with <mark> around matches; keep only those marks.
  // Separators left behind by links the index leaves out ("iCalendar · JSON ·") go too.
  const safeExcerpt = (html) => escapeHtml(html.replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002")
      .replace(/<[^>]*>/g, "").replace(/(?:\s*·)+\s*([.,:;])/g, "$1").replace(/^[\s·.,:;]+/, ""))
      .replace(/&amp;(lt|gt|amp|quot|#39|#x27);/g, "&$1;")
      .replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");
  const foldWord = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  function state() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [key] of FACETS) {
      const values = params.getAll(key);
      if (values.length) filters[key] = values;
    }
    return { query: params.get("q") || "", filters, exact: params.get("exact") === "1" };
  }

  function address(query, filters, exact = false) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [key, values] of Object.entries(filters)) values.forEach((v) => params.append(key, v));
    if (exact) params.set("exact", "1");
    return `${location.pathname}?${params}`;
  }

  function remember(query, filters, exact = false) {
    history.replaceState(null, "", address(query, filters, exact));
  }

  function activeFilters(filters) {
    return Object.values(filters).reduce((sum, values) => sum + values.length, 0);
  }

  function renderFacets(counts, filters) {
    facets.replaceChildren();
    for (const [key, label] of FACETS) {
      const values = Object.entries(counts[key] || {}).filter(([value, count]) => count > 0 || (filters[key] || []).includes(value));
      if (!values.length) continue;
      values.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const group = document.createElement("fieldset");
      group.className = "proceedings-facet";
      const legend = document.createElement("legend");
      legend.textContent = label;
      group.append(legend);
      for (const [value, count] of values.slice(0, key === "keyword" ? 12 : 50)) {
        const id = `facet-${key}-${value}`.replace(/[^A-Za-z0-9_-]/g, "_");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.checked = (filters[key] || []).includes(value);
        box.addEventListener("change", () => {
          const current = state();
          const chosen = new Set(current.filters[key] || []);
          box.checked ? chosen.add(value) : chosen.delete(value);
          if (chosen.size) current.filters[key] = [...chosen]; else delete current.filters[key];
          remember(current.query, current.filters, current.exact);
          run();
        });
        const text = document.createElement("label");
        text.htmlFor = id;
        text.textContent = `${value} (${count})`;
        const row = document.createElement("div");
        row.append(box, text);
        group.append(row);
      }
      facets.append(group);
    }
  }

  // One button opens the filters: it loads their data the first time, and on a phone it folds them away again.
  function showToggle(filters) {
    const active = activeFilters(filters);
    toggle.hidden = false;
    toggle.textContent = active ? `Filters (${active} active)` : "Filter by type, edition, track, keyword…";
    toggle.setAttribute("aria-expanded", String(facetsWanted && !facets.hidden));
  }

  toggle.addEventListener("click", () => {
    if (!facetsWanted) {
      facetsWanted = true;
      facets.hidden = false;
      run();
      return;
    }
    facets.hidden = !facets.hidden;
    toggle.setAttribute("aria-expanded", String(!facets.hidden));
  });

  // The words of ``text`` around the most query words, with those marked: an excerpt of what the reader sees.
  function excerptOf(text, terms) {
    const tokens = text.split(/\s+/).filter(Boolean);
    const hit = (token) => {
      const word = foldWord(token).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      return word.length > 0 && terms.some((term) => word.startsWith(term) || (term.length > 4 && term.startsWith(word)));
    };
    const hits = tokens.map(hit);
    let start = 0;
    let most = -1;
    for (let i = 0; i <= Math.max(0, tokens.length - EXCERPT_WORDS); i++) {
      const count = hits.slice(i, i + EXCERPT_WORDS).filter(Boolean).length;
      if (count > most) { most = count; start = i; }
    }
    const shown = tokens.slice(start, start + EXCERPT_WORDS)
      .map((token, i) => (hits[start + i] ? `<mark>${escapeHtml(token)}</mark>` : escapeHtml(token)));
    return (start > 0 ? "… " : "") + shown.join(" ") + (start + EXCERPT_WORDS < tokens.length ? " …" : "");
  }

  function detailsOf(data) {
    const kind = (data.filters.kind || [])[0] || "";
    const meta = data.meta;
    if (kind === "Person") return [meta.affiliation, meta.counts];
    if (kind === "Keynote" || kind === "Panel") return [meta.speakers, meta.edition, meta.when];
    return [meta.authors, meta.edition, meta.when];
  }

  async function renderResults(results, terms, token) {
    const items = [];
    const loaded = await Promise.all(results.map((result) => result.data()));
    if (token !== generation) return;
    for (const data of loaded) {
      const item = document.createElement("li");
      item.className = "proceedings-result";
      const kind = (data.filters.kind || [])[0];
      if (kind) {
        const badge = document.createElement("span");
        badge.className = "proceedings-result-kind";
        badge.textContent = kind;
        item.append(badge, " ");
      }
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      link.className = "proceedings-result-title";
      item.append(link);
      const details = detailsOf(data).filter(Boolean).join(" · ");
      if (details) {
        const line = document.createElement("div");
        line.className = "proceedings-result-meta";
        line.textContent = details;
        item.append(line);
      }
      // Pages with an abstract or a description are excerpted from it alone; a program from what Pagefind found.
      const text = data.meta.excerpt ? excerptOf(data.meta.excerpt, terms)
        : kind === "Program" ? safeExcerpt(data.excerpt || "") : "";
      if (text) {
        const excerpt = document.createElement("p");
        excerpt.className = "proceedings-result-excerpt";
        excerpt.innerHTML = text;
        item.append(excerpt);
      }
      items.push(item);
    }
    list.replaceChildren(...items);
  }

  function link(text, href, onClick) {
    const anchor = document.createElement("a");
    anchor.href = href;
    const words = document.createElement("em");
    words.textContent = text;
    anchor.append(words);
    if (onClick) anchor.addEventListener("click", (event) => { event.preventDefault(); onClick(); });
    return anchor;
  }

  // "Showing results for …", "Did you mean …", and what to try when nothing is found.
  function explain(query, filters, shown, advice, total) {
    notice.replaceChildren();
    const go = (text, exact) => () => { remember(text, filters, exact); run(); };
    if (shown !== query) {
      const line = document.createElement("p");
      line.append("Showing results for ", link(shown, address(shown, filters), go(shown, false)),
                  " · Search instead for ", link(query, address(query, filters, true), go(query, true)));
      notice.append(line);
    } else if (advice) {
      const line = document.createElement("p");
      line.append("Did you mean ", link(advice, address(advice, filters), go(advice, false)), "?");
      notice.append(line);
    }
    empty.replaceChildren();
    if (!total) {
      const line = empty;
      if (activeFilters(filters)) {
        const clear = document.createElement("button");
        clear.type = "button";
        clear.className = "btn btn-sm btn-outline-primary";
        clear.textContent = "Clear the filters";
        clear.addEventListener("click", () => { remember(query, {}, state().exact); run(); });
        line.append(clear, " or ");
      }
      const papers = document.createElement("a");
      papers.href = root.dataset.papers;
      papers.textContent = "browse the list of all papers";
      line.append(...(activeFilters(filters) ? [] : ["Try other words, or "]), papers, ".");
    }
  }

  async function loadPagefind() {
    if (location.protocol === "file:") throw new Error("file");
    if (!pagefind) {
      pagefind = await import(new URL(root.dataset.pagefind, location.href).href);
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
      // A large site's index is in bundles (the Python side's pagefind.bundles): one search over all of them.
      for (const bundle of (root.dataset.pagefindMerge || "").split(" ").filter(Boolean)) {
        await pagefind.mergeIndex(new URL(bundle, location.href).href, { baseUrl: base, excerptLength: 24 });
      }
    }
    return pagefind;
  }

  // Replace the words Pagefind finds nothing for; returns the query to show results for and a query to offer.
  // The correction's script and the vocabulary's shards load with the first query that has a word to check.
  async function corrected(query) {
    if (!(foldWord(query).match(/[\p{L}\p{N}]{4,}/gu) || []).some((word) => !/^\d+$/.test(word))) {
      return { shown: query, advice: null };
    }
    if (!spelling) {
      const module = await import(new URL(root.dataset.spelling, location.href).href);
      spelling = { module, vocabulary: new module.Vocabulary(base) };
    }
    const { module, vocabulary } = spelling;
    const { corrections, suggestions } = await module.correct(query, vocabulary);
    const advice = Object.keys(suggestions).length ? module.rewrite(query, suggestions) : null;
    return { shown: Object.keys(corrections).length ? module.rewrite(query, corrections) : query, advice };
  }

  async function run() {
    const token = ++generation;
    const { query, filters, exact } = state();
    if (input && input.value !== query) input.value = query;
    notice.replaceChildren();
    empty.replaceChildren();
    if (!query.trim() && !Object.keys(filters).length) {
      status.textContent = "Type to search titles, authors, keywords and abstracts of every edition.";
      list.replaceChildren();
      facets.replaceChildren();
      toggle.hidden = true;
      return;
    }
    status.textContent = "Searching…";
    try {
      await loadPagefind();
    } catch (error) {
      const unserved = location.protocol === "file:";
      document.getElementById("proceedings-search-unserved").hidden = !unserved;
      status.textContent = unserved ? "Search cannot run on a page opened as a file: see below."
        : "The search index could not be loaded. Reload the page to try again.";
      return;
    }
    if (facetsWanted || Object.keys(filters).length) {
      facetsWanted = true;
      await pagefind.filters();  // loads the filter data, without which results carry no facet counts
    }
    const any = Object.fromEntries(Object.entries(filters).map(([key, values]) => [key, { any: values }]));
    let shown = query;
    let advice = null;
    if (query.trim() && !exact) {
      try {
        ({ shown, advice } = await corrected(query));
      } catch {  // without the correction's script, the search as typed
        ({ shown, advice } = { shown: query, advice: null });
      }
    }
    let search = await pagefind.search(shown.trim() || null, { filters: any });
    if (token !== generation || !search) return;
    if (shown !== query && !search.results.length) {  // the correction finds nothing either: offer it only
      advice = shown;
      shown = query;
      search = await pagefind.search(query.trim(), { filters: any });
      if (token !== generation || !search) return;
    }
    const total = search.results.length;
    if (facetsWanted) {
      renderFacets(search.filters, filters);
      if (facets.dataset.opened !== "yes") {  // on a phone the filters start folded, so results come first
        facets.dataset.opened = "yes";
        facets.hidden = narrow.matches && !toggle.matches(":focus");
      }
    }
    showToggle(filters);
    const terms = [...new Set(foldWord(shown).match(/[\p{L}\p{N}]+/gu) || [])];
    await renderResults(search.results.slice(0, PAGE), terms, token);
    if (token !== generation) return;
    // Said once the results are there, so that what is announced is what the page shows.
    status.textContent = total ? `${total} result${total === 1 ? "" : "s"} for “${shown}”.` : `No results for “${query}”.`;
    explain(query, filters, shown, advice, total);
  }

  let timer = null;
  if (input) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => { remember(input.value, state().filters); run(); }, 150);
    });
    input.form.addEventListener("submit", (event) => {
      event.preventDefault();
      remember(input.value, state().filters);
      run();
    });
  }
  run();
})();
