// Program times: shown in the event's time zone, with a toggle to the reader's own, remembered across pages.
(() => {
  "use strict";
  const KEY = "proceedings-time-zone";
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function localLabel(moment, eventDate) {
    const time = moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const day = moment.toLocaleDateString("en-CA"); // YYYY-MM-DD in the reader's zone
    if (day === eventDate) return time;
    return `${time} (${moment.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" })})`;
  }

  function apply(mode) {
    for (const element of document.querySelectorAll("time.proceedings-time")) {
      if (!element.dataset.eventTime) element.dataset.eventTime = element.textContent;
      const stamp = element.getAttribute("datetime");
      if (mode === "local") {
        element.textContent = localLabel(new Date(stamp), stamp.slice(0, 10));
        element.title = `${element.dataset.eventTime} event time`;
      } else {
        element.textContent = element.dataset.eventTime;
        element.removeAttribute("title");
      }
    }
    for (const zone of document.querySelectorAll(".proceedings-zone")) {
      if (!zone.dataset.eventZone) zone.dataset.eventZone = zone.textContent;
      zone.textContent = mode === "local" ? `your time (${readerZone})` : zone.dataset.eventZone;
    }
    for (const holder of document.querySelectorAll(".proceedings-timezone")) {
      const button = holder.querySelector("button");
      button.textContent = mode === "local" ? "Show event time" : `Show my time (${readerZone})`;
      button.setAttribute("aria-pressed", String(mode === "local"));
    }
    document.documentElement.dataset.proceedingsTimeZone = mode;
  }

  function start() {
    for (const holder of document.querySelectorAll(".proceedings-timezone")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary proceedings-timezone-button";
      button.addEventListener("click", () => {
        const next = localStorage.getItem(KEY) === "local" ? "event" : "local";
        localStorage.setItem(KEY, next);
        apply(next);
      });
      holder.appendChild(button);
    }
    apply(localStorage.getItem(KEY) === "local" ? "local" : "event");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
