// Stars: a toggle button wherever the build marked an item (data-star), and the count in the navbar.
// Stars are kept in this browser's localStorage only, under a key made of the site's root path, so two sites on one
// host keep their own. The value is a JSON list of star ids ("2024-christchurch/p.durand24a"), nothing else.
(() => {
  "use strict";
  const STAR_ID = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*\/[sknp]\.[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const KEY = `proceedings-stars:${root.pathname}`;
  const ICON =
    '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">' +
    '<path d="M8 1.2l2.05 4.3 4.7.6-3.45 3.25.88 4.67L8 11.75 3.82 14.02l.88-4.67L1.25 6.1l4.7-.6z"/></svg>';

  function storage() {
    try {
      const probe = `${KEY}:probe`;
      localStorage.setItem(probe, "1");
      localStorage.removeItem(probe);
      return localStorage;
    } catch {
      return null; // storage blocked: no buttons rather than buttons that forget
    }
  }
  const store = storage();

  function read() {
    try {
      const value = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(value) ? [...new Set(value.filter((id) => typeof id === "string" && STAR_ID.test(id)))] : [];
    } catch {
      return [];
    }
  }

  function write(ids) {
    const valid = [...new Set(ids.filter((id) => STAR_ID.test(id)))];
    if (valid.length) store.setItem(KEY, JSON.stringify(valid));
    else store.removeItem(KEY);
    refresh();
    document.dispatchEvent(new CustomEvent("proceedings:stars"));
  }

  function toggle(id) {
    const ids = read();
    write(ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]);
  }

  // What the button stars, for its accessible name: the entry's title, or the heading of the section it is in.
  function subject(mark) {
    const entry = mark.closest("li");
    const link = entry && entry.querySelector("a");
    if (link) return link.textContent.trim();
    const heading = mark.closest("section")?.querySelector("h1, h2, h3, h4");
    if (!heading) return "";
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((anchor) => anchor.remove());
    return copy.textContent.trim();
  }

  function button(id, label) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "proceedings-star-button";
    element.dataset.star = id;
    element.innerHTML = `${ICON}<span>Star</span>`;
    if (label) element.setAttribute("aria-label", `Star: ${label}`);
    element.addEventListener("click", () => toggle(id));
    return element;
  }

  function decorate(scope = document) {
    if (!store) return;
    for (const mark of scope.querySelectorAll(".proceedings-star[data-star]")) {
      if (mark.firstChild || !STAR_ID.test(mark.dataset.star)) continue;
      mark.appendChild(button(mark.dataset.star, subject(mark)));
    }
    refresh();
  }

  function refresh() {
    const ids = new Set(read());
    for (const element of document.querySelectorAll("button.proceedings-star-button")) {
      element.setAttribute("aria-pressed", String(ids.has(element.dataset.star)));
    }
    // A slot of the program is in the reader's schedule when a paper in it is starred, too.
    for (const section of document.querySelectorAll('section[id*="-slot-"]')) {
      const marks = [...section.querySelectorAll(".proceedings-star[data-star]")];
      section.classList.toggle("proceedings-in-schedule", marks.some((mark) => ids.has(mark.dataset.star)));
    }
    for (const link of document.querySelectorAll("a.proceedings-stars-nav")) {
      link.hidden = false;
      link.querySelector(".proceedings-stars-count").textContent = String(ids.size);
      link.classList.toggle("proceedings-stars-none", ids.size === 0);
    }
  }

  if (!store) return;
  window.proceedingsStars = { key: KEY, root, read, write, toggle, decorate, button, valid: (id) => STAR_ID.test(id) };
  window.addEventListener("storage", (event) => {
    if (event.key !== KEY && event.key !== null) return;
    refresh();
    document.dispatchEvent(new CustomEvent("proceedings:stars"));
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => decorate());
  else decorate();
})();
