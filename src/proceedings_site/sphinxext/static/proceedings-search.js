// The search page: Pagefind queries with facets; the query and filters live in the URL (search.html?q=…).
(() => {
  "use strict";
  const root = document.getElementById("proceedings-search");
  if (!root) return;
  const FACETS = [["kind", "Type"], ["edition", "Edition"], ["track", "Track"], ["presentation", "Presentation"],
                  ["keyword", "Keyword"]];
  const PAGE = 20;
  const input = root.querySelector("form.bd-search input[name='q']");
  const status = document.getElementById("proceedings-search-status");
  const list = document.getElementById("proceedings-search-results");
  const facets = document.getElementById("proceedings-search-facets");
  const base = location.pathname.replace(/[^/]*$/, "");  // the search page sits at the site root
  let pagefind = null;
  let generation = 0;
  let facetsWanted = false;  // facet data costs more than the query itself: load it when asked for

  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
  // Pagefind's excerpts are escaped text with <mark> around matches; keep only those marks.
  const safeExcerpt = (html) => escapeHtml(html.replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002")
      .replace(/<[^>]*>/g, "")).replace(/&amp;(lt|gt|amp|quot|#39|#x27);/g, "&$1;")
      .replace(/\u0001/g, "<mark>").replace(/\u0002/g, "</mark>");

  function state() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const [key] of FACETS) {
      const values = params.getAll(key);
      if (values.length) filters[key] = values;
    }
    return { query: params.get("q") || "", filters };
  }

  function remember(query, filters) {
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [key, values] of Object.entries(filters)) values.forEach((v) => params.append(key, v));
    history.replaceState(null, "", `${location.pathname}?${params}`);
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
          remember(current.query, current.filters);
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

  function offerFacets() {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-primary proceedings-facets-button";
    button.textContent = "Filter by type, edition, track, keyword…";
    button.addEventListener("click", () => { facetsWanted = true; run(); });
    facets.replaceChildren(button);
  }

  async function renderResults(results, token) {
    list.replaceChildren();
    for (const result of results) {
      const data = await result.data();
      if (token !== generation) return;
      const item = document.createElement("li");
      item.className = "proceedings-result";
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      link.className = "proceedings-result-title";
      item.append(link);
      const details = [data.meta.authors, data.meta.edition].filter(Boolean).join(" · ");
      if (details) {
        const line = document.createElement("div");
        line.className = "proceedings-result-meta";
        line.textContent = details;
        item.append(line);
      }
      const excerpt = document.createElement("p");
      excerpt.className = "proceedings-result-excerpt";
      excerpt.innerHTML = safeExcerpt(data.excerpt || "");
      item.append(excerpt);
      list.append(item);
    }
  }

  async function run() {
    const token = ++generation;
    const { query, filters } = state();
    if (input && input.value !== query) input.value = query;
    if (!query.trim() && !Object.keys(filters).length) {
      status.textContent = "Type to search titles, authors, keywords and abstracts of every edition.";
      list.replaceChildren();
      facets.replaceChildren();
      return;
    }
    status.textContent = "Searching…";
    if (!pagefind) {
      pagefind = await import(new URL(root.dataset.pagefind, location.href).href);
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
    }
    if (facetsWanted || Object.keys(filters).length) {
      facetsWanted = true;
      await pagefind.filters();  // loads the filter data, without which results carry no facet counts
    }
    const any = Object.fromEntries(Object.entries(filters).map(([key, values]) => [key, { any: values }]));
    const search = await pagefind.search(query.trim() || null, { filters: any });
    if (token !== generation || !search) return;
    const total = search.results.length;
    status.textContent = total ? `${total} result${total === 1 ? "" : "s"} for “${query}”.` : `No results for “${query}”.`;
    if (facetsWanted) renderFacets(search.filters, filters);
    else offerFacets();
    await renderResults(search.results.slice(0, PAGE), token);
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
