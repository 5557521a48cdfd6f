// My schedule: the starred items in time order, grouped by day, in the event's time zone or the reader's; their
// calendar file, built here from the slots' VEVENTs as program.ics has them; a share link and its QR code.
// Everything happens in this browser: it reads the editions' stars.json from this site, and sends nothing.
(() => {
  "use strict";
  const stars = window.proceedingsStars;
  const place = document.querySelector(".proceedings-my-schedule");
  if (!stars || !place) return;
  const ZONE_KEY = "proceedings-time-zone"; // the program's switch (proceedings-time.js): one choice for the site
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const editions = JSON.parse(place.dataset.editions || "{}");
  const calendarName = place.dataset.calendarName || "My schedule";
  const qrScript = new URL("qrcode-generator.js", document.currentScript.src);
  const loaded = new Map(); // edition id -> its data, or null when it could not be read

  // --- the selection: the reader's own stars, or a shared one from the address (#share=ed/k.a,p.b~ed2/s.0900) ---
  function shared() {
    const match = /^#share=(.*)$/.exec(location.hash);
    if (!match) return null;
    const ids = [];
    let text = "";
    try {
      text = decodeURIComponent(match[1]);
    } catch {
      return []; // a damaged link shows an empty shared list, not an error
    }
    for (const group of text.split("~")) {
      const [edition, items = ""] = group.split("/");
      for (const item of items.split(",")) if (item) ids.push(`${edition}/${item}`);
    }
    return ids.filter(stars.valid);
  }

  function shareFragment(ids) {
    const groups = new Map();
    for (const id of ids) {
      const [edition, item] = id.split("/");
      groups.set(edition, [...(groups.get(edition) || []), item]);
    }
    return [...groups].map(([edition, items]) => `${edition}/${items.join(",")}`).join("~");
  }

  async function load(editionIds) {
    await Promise.all(
      editionIds
        .filter((id) => id in editions && !loaded.has(id))
        .map(async (id) => {
          try {
            const answer = await fetch(new URL(editions[id].data, location.href));
            loaded.set(id, answer.ok ? await answer.json() : null);
          } catch {
            loaded.set(id, null);
          }
        }),
    );
  }

  // --- from star ids to entries: one per slot, with the starred items in it; items without a slot apart ---
  function plan(ids) {
    const slots = new Map(); // "edition slot-key" -> entry
    const unslotted = [];
    let gone = 0;
    let unread = 0;
    for (const id of ids) {
      const edition = id.split("/")[0];
      if (!(edition in editions)) {
        gone += 1;
        continue;
      }
      const data = loaded.get(edition);
      if (!data) {
        unread += 1;
        continue;
      }
      const item = data.items[id];
      if (!item) {
        gone += 1;
        continue;
      }
      if (!item.slots.length) unslotted.push({ id, item, data });
      for (const where of item.slots) {
        const slot = data.slots.find((candidate) => candidate.key === where.key);
        if (!slot) continue;
        const key = `${edition} ${slot.key}`;
        if (!slots.has(key)) slots.set(key, { slot, data, items: [], start: new Date(slot.start), end: new Date(slot.end) });
        slots.get(key).items.push({ id, item, where });
      }
    }
    const entries = [...slots.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const entry of entries) {
      entry.clashes = entries.filter((other) => other !== entry && other.start < entry.end && entry.start < other.end);
    }
    return { entries, unslotted, gone, unread };
  }

  // --- times: the event's zone or the reader's, as the program shows them ---
  const local = () => localStorage.getItem(ZONE_KEY) === "local";
  const zoneOf = (data) => (local() ? readerZone : data.timezone);
  const clock = (date, zone) =>
    date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });
  const dayKey = (date, zone) => date.toLocaleDateString("en-CA", { timeZone: zone });
  function dayLabel(date, zone) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  }
  function zoneLabel(data, moment) {
    if (local()) return `your time (${readerZone})`;
    const offset = new Intl.DateTimeFormat("en-GB", { timeZone: data.timezone, timeZoneName: "longOffset" })
      .formatToParts(moment)
      .find((part) => part.type === "timeZoneName").value;
    const city = data.timezone.split("/").pop().replaceAll("_", " ");
    return `${city} time (${offset === "GMT" ? "UTC+00:00" : offset.replace("GMT", "UTC")})`;
  }

  // --- the page ---
  function element(tag, properties = {}, ...children) {
    const made = Object.assign(document.createElement(tag), properties);
    made.append(...children.filter((child) => child !== null && child !== undefined));
    return made;
  }
  const pageLink = (path, text) => element("a", { href: new URL(path, stars.root).href, textContent: text });
  const timeElement = (date, zone) => element("time", { dateTime: date.toISOString(), textContent: clock(date, zone) });

  function entryItem(entry, readOnly) {
    const zone = zoneOf(entry.data);
    const own = entry.items.find((starred) => starred.item.kind !== "paper");
    const title = own ? pageLink(own.item.url, own.item.title) : pageLink(entry.slot.url, entry.slot.title);
    const line = element("p", { className: "proceedings-entry-title" },
      timeElement(entry.start, zone), "–", timeElement(entry.end, zone), " ", title);
    if (own && own.item.by) line.append(element("span", { className: "proceedings-entry-by", textContent: `, ${own.item.by}` }));
    if (own && !readOnly) line.append(" ", stars.button(own.id, own.item.title));
    const item = element("li", { className: "proceedings-entry" }, line);
    const papers = entry.items.filter((starred) => starred.item.kind === "paper");
    if (papers.length) {
      const list = element("ul");
      for (const { id, item: paper, where } of papers) {
        const at = where.start
          ? [timeElement(new Date(where.start), zone), "–", timeElement(new Date(where.end), zone), ": "]
          : [];
        const row = element("li", {}, ...at, pageLink(paper.url, paper.title), paper.by ? `, ${paper.by}` : "");
        if (!readOnly) row.append(" ", stars.button(id, paper.title));
        list.append(row);
      }
      item.append(list);
    }
    if (entry.clashes.length) {
      const names = entry.clashes.map((other) => other.slot.title).join("; ");
      item.classList.add("proceedings-clash");
      item.append(element("p", { className: "proceedings-clash-note", textContent: `Clashes with ${names}.` }));
    }
    return item;
  }

  function scheduleSection(entries, readOnly) {
    const section = element("div", { className: "proceedings-schedule-days" });
    const byEdition = new Map();
    for (const entry of entries) byEdition.set(entry.data, [...(byEdition.get(entry.data) || []), entry]);
    for (const [data, group] of byEdition) {
      const zone = zoneOf(data);
      section.append(element("h2", { textContent: data.name }));
      section.append(element("p", { className: "proceedings-schedule-zone", textContent: `All times are ${zoneLabel(data, group[0].start)}.` }));
      let day = null;
      let list = null;
      for (const entry of group) {
        if (dayKey(entry.start, zone) !== day) {
          day = dayKey(entry.start, zone);
          section.append(element("h3", { textContent: dayLabel(entry.start, zone) }));
          list = section.appendChild(element("ul", { className: "proceedings-entries" }));
        }
        list.append(entryItem(entry, readOnly));
      }
    }
    return section;
  }

  function unslottedSection(unslotted, readOnly) {
    const list = element("ul", { className: "proceedings-entries" });
    for (const { id, item, data } of unslotted) {
      const row = element("li", { className: "proceedings-entry" },
        element("p", {}, pageLink(item.url, item.title), item.by ? `, ${item.by}` : "", ` (${data.name})`));
      if (!readOnly) row.firstChild.append(" ", stars.button(id, item.title));
      list.append(row);
    }
    return element("div", {}, element("h2", { textContent: "Starred, not in a program slot" }), list);
  }

  function zoneSwitch() {
    const button = element("button", {
      type: "button",
      className: "btn btn-sm btn-outline-primary proceedings-timezone-button",
      textContent: local() ? "Show event time" : `Show my time (${readerZone})`,
    });
    button.setAttribute("aria-pressed", String(local()));
    button.addEventListener("click", () => {
      localStorage.setItem(ZONE_KEY, local() ? "event" : "local");
      render().then(() => place.querySelector(".proceedings-timezone-button")?.focus());
    });
    return button;
  }

  const status = element("p", { className: "proceedings-schedule-status", role: "status", tabIndex: -1 });
  let dropped = 0; // starred items that left the program, dropped from the reader's stars while on this page
  let pruning = false;

  function actions(ids, readOnly) {
    const row = element("div", { className: "proceedings-schedule-actions" });
    const download = element("button", { type: "button", className: "btn btn-primary", textContent: "Download calendar" });
    download.addEventListener("click", () => downloadCalendar(ids));
    row.append(download);
    if (readOnly) {
      const adopt = element("button", { type: "button", className: "btn btn-outline-primary", textContent: "Add these to my schedule" });
      adopt.addEventListener("click", () => {
        stars.write([...stars.read(), ...ids]);
        status.textContent = `${ids.length === 1 ? "1 item was" : `${ids.length} items were`} added to your schedule.`;
      });
      row.append(adopt, element("a", { href: location.pathname, textContent: "Open my own schedule" }));
      return row;
    }
    const share = element("button", { type: "button", className: "btn btn-outline-primary", textContent: "Copy share link" });
    const qr = element("button", { type: "button", className: "btn btn-outline-primary", textContent: "Show QR code" });
    qr.setAttribute("aria-expanded", "false");
    share.addEventListener("click", () => copyShareLink(ids));
    qr.addEventListener("click", () => toggleQr(ids, qr));
    row.append(share, qr);
    return row;
  }

  const shareUrl = (ids) => `${location.origin}${location.pathname}#share=${shareFragment(ids)}`;

  async function copyShareLink(ids) {
    const url = shareUrl(ids);
    let field = place.querySelector(".proceedings-share-link");
    if (!field) {
      field = element("input", { type: "text", readOnly: true, className: "form-control proceedings-share-link" });
      field.setAttribute("aria-label", "Share link");
      place.querySelector(".proceedings-schedule-actions").after(field);
    }
    field.value = url;
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = "The share link is copied. Whoever opens it sees this list and can add it to theirs.";
    } catch {
      field.focus();
      field.select();
      status.textContent = "Copy the share link from the field below the buttons.";
    }
  }

  function loadQrLibrary() {
    if (window.qrcode) return Promise.resolve(window.qrcode);
    return new Promise((resolve, reject) => {
      const script = element("script", { src: qrScript.href });
      script.addEventListener("load", () => resolve(window.qrcode));
      script.addEventListener("error", reject);
      document.head.append(script);
    });
  }

  async function toggleQr(ids, button) {
    const shown = place.querySelector(".proceedings-share-qr");
    if (shown) {
      shown.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    const qrcode = await loadQrLibrary();
    const code = qrcode(0, "M");
    code.addData(shareUrl(ids));
    code.make();
    const count = code.getModuleCount();
    const namespace = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(namespace, "svg");
    svg.setAttribute("viewBox", `-4 -4 ${count + 8} ${count + 8}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of the share link");
    svg.dataset.modules = String(count);
    let path = "";
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < count; column += 1) if (code.isDark(row, column)) path += `M${column} ${row}h1v1h-1z`;
    }
    const background = document.createElementNS(namespace, "rect");
    Object.entries({ x: -4, y: -4, width: count + 8, height: count + 8, fill: "#fff" }).forEach(([k, v]) => background.setAttribute(k, v));
    const modules = document.createElementNS(namespace, "path");
    modules.setAttribute("d", path);
    modules.setAttribute("fill", "#000");
    svg.append(background, modules);
    place.querySelector(".proceedings-schedule-actions").after(element("figure", { className: "proceedings-share-qr" }, svg));
    button.setAttribute("aria-expanded", "true");
  }

  // --- the calendar file (RFC 5545): the VEVENTs program.ics has, so importing it updates those events ---
  function contentLine(name, value) {
    const escaped = value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
    const bytes = new TextEncoder().encode(`${name}:${escaped}`);
    const decoder = new TextDecoder();
    const lines = [];
    let start = 0;
    while (start < bytes.length) {
      let end = Math.min(start + (lines.length ? 74 : 75), bytes.length); // 75 octets, the space of a fold counts
      while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end -= 1; // never inside a UTF-8 sequence
      lines.push(decoder.decode(bytes.slice(start, end)));
      start = end;
    }
    return `${lines.join("\r\n ")}\r\n`;
  }

  function calendarText(ids) {
    const { entries } = plan(ids);
    const zones = [...new Set(entries.map((entry) => entry.data))].map((data) => data.vtimezone).join("");
    return (
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//proceedings-site//My schedule//EN\r\nCALSCALE:GREGORIAN\r\n" +
      contentLine("X-WR-CALNAME", calendarName) +
      zones +
      entries.map((entry) => entry.slot.ics).join("") +
      "END:VCALENDAR\r\n"
    );
  }

  function downloadCalendar(ids) {
    const file = new Blob([calendarText(ids)], { type: "text/calendar;charset=utf-8" });
    const link = element("a", { href: URL.createObjectURL(file), download: "my-schedule.ics" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    const { entries } = plan(ids);
    status.textContent = `Downloaded my-schedule.ics with ${entries.length === 1 ? "1 event" : `${entries.length} events`}.`;
  }

  function emptyState() {
    const programs = Object.values(editions).map((edition) => edition.program);
    const text = element("p", {},
      "Nothing is starred yet. Press the ", element("strong", { textContent: "Star" }),
      " button of a slot on a program, of a keynote, panel or paper on its page, or of a paper in a list of papers: " +
      "it appears here, in time order, to take to your calendar or to share.");
    if (programs.length) text.append(" Start with the ", element("a", { href: programs[0], textContent: "latest program" }), ".");
    return text;
  }

  async function render() {
    const sharedIds = shared();
    const readOnly = sharedIds !== null;
    const ids = readOnly ? sharedIds : stars.read();
    await load([...new Set(ids.map((id) => id.split("/")[0]))]);
    const { entries, unslotted, gone, unread } = plan(ids);
    if (!readOnly && gone) {
      const known = (id) => {
        const edition = id.split("/")[0];
        return edition in editions && (!loaded.get(edition) || id in loaded.get(edition).items);
      };
      dropped += gone;
      pruning = true;
      stars.write(ids.filter(known));
      pruning = false;
    }
    const missing = readOnly ? gone : dropped;
    const parts = [];
    if (readOnly) parts.push(element("p", { className: "proceedings-shared-note", textContent: `A shared schedule of ${ids.length === 1 ? "1 item" : `${ids.length} items`}, shown as it was sent.` }));
    if (missing) {
      const what = missing === 1 ? "1 starred item is" : `${missing} starred items are`;
      parts.push(element("p", { className: "proceedings-gone", textContent: `${what} no longer in the program.` }));
    }
    if (unread) {
      const why = location.protocol === "file:"
        ? "browsers do not let a page opened from a file read the program data; open the site from a web server"
        : "the program data did not load; try again later";
      const what = unread === 1 ? "1 starred item" : `${unread} starred items`;
      parts.push(element("p", { className: "proceedings-unread", textContent: `${what} could not be shown: ${why}.` }));
    }
    if (!entries.length && !unslotted.length) {
      if (readOnly) parts.push(element("p", { textContent: "This shared schedule holds nothing that is in the program now." }));
      else parts.push(emptyState());
    } else {
      parts.push(actions(ids, readOnly));
      if (entries.length) parts.push(element("div", { className: "proceedings-timezone" }, zoneSwitch()), scheduleSection(entries, readOnly));
      if (unslotted.length) parts.push(unslottedSection(unslotted, readOnly));
    }
    place.replaceChildren(...parts, status);
    stars.decorate(place);
  }

  document.querySelector(".proceedings-my-schedule-static")?.setAttribute("hidden", "");
  document.addEventListener("proceedings:stars", () => {
    if (pruning) return;
    const focused = document.activeElement?.dataset?.star;
    render().then(() => {
      // unstarring here removes the entry: keep the keyboard in the list rather than at the top of the page
      const again = focused && place.querySelector(`button[data-star="${CSS.escape(focused)}"]`);
      (again || status).focus?.();
    });
  });
  window.addEventListener("hashchange", () => render());
  render();
})();
