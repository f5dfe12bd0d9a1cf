// Statuses that are true as the page is read. The build writes what was
// true when it ran, and marks what a deadline still to come will change:
// an element with data-after is true from that moment, one with
// data-until until it; data-day holds a deadline's date, whose days left
// this script counts in the site's timezone; a card with data-deadline
// leaves its list of open briefs once that moment passes. The script
// looks again at the next such moment, and at least every minute, so a
// page left open stays true. Without JavaScript the built text stays,
// with a line saying when it was last updated (data-built), which this
// script hides once it has brought everything up to date. It reads the
// page alone: no requests, and no addresses, so it works under any path.
(function () {
  "use strict";
  if (!("querySelectorAll" in document) || !Array.prototype.forEach) { return; }
  var script = document.currentScript;
  var zone = script && script.getAttribute("data-timezone");
  var timer = null;

  // today returns the date of a moment in the site's timezone, as the
  // milliseconds of that date's start in UTC, or NaN if this browser
  // cannot tell dates in that timezone.
  var today = function () { return NaN; };
  try {
    var format = new Intl.DateTimeFormat("en-GB", { timeZone: zone || "UTC", year: "numeric", month: "numeric", day: "numeric" });
    today = function (ms) {
      var d = {};
      format.formatToParts(new Date(ms)).forEach(function (p) { d[p.type] = Number(p.value); });
      return Date.UTC(d.year, d.month - 1, d.day);
    };
  } catch (e) { /* keep the built days left */ }

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function moment(el, name) {
    var v = el.getAttribute(name);
    return v === null ? NaN : Date.parse(v);
  }

  // daysLeft says what the build's days function says.
  function daysLeft(n) {
    if (n <= 0) { return "Closes today"; }
    return n === 1 ? "1 day left" : n + " days left";
  }

  // leave takes a card out of its list, takes one from the count in the
  // heading above the list (a count of every page of a paged listing, so
  // it goes down by one rather than to this page's length), and puts the
  // list's empty message in place of a list left empty.
  function leave(li) {
    var list = li.parentNode;
    list.removeChild(li);
    var h = list.previousElementSibling;
    while (h && !/^H[1-6]$/.test(h.tagName)) { h = h.previousElementSibling; }
    var c = h && h.querySelector(".count");
    var m = c && /(\d[\d,]*)( opportunit(?:y|ies))?/.exec(c.textContent);
    if (m) {
      var n = Math.max(0, Number(m[1].replace(/,/g, "")) - 1);
      var word = m[2] ? (n === 1 ? " opportunity" : " opportunities") : "";
      c.textContent = c.textContent.replace(m[0], n.toLocaleString("en-GB") + word);
    }
    if (!list.querySelector("li.opp") && list.hasAttribute("data-empty")) {
      var p = document.createElement("p");
      p.className = "empty";
      p.textContent = list.getAttribute("data-empty");
      list.parentNode.replaceChild(p, list);
    }
    document.dispatchEvent(new CustomEvent("tenders:left", { detail: li }));
  }

  function update() {
    var now = Date.now(), next = now + 60000;
    all("[data-after], [data-until]").forEach(function (el) {
      var after = moment(el, "data-after"), until = moment(el, "data-until");
      var hide = after > now || until <= now;
      if (el.hidden !== hide) { el.hidden = hide; }
      if (after > now && after < next) { next = after; }
      if (until > now && until < next) { next = until; }
    });
    var day = today(now);
    if (!isNaN(day)) {
      all("[data-day]").forEach(function (el) {
        var n = Math.round((Date.parse(el.getAttribute("data-day") + "T00:00:00Z") - day) / 86400000);
        var text = daysLeft(n);
        if (el.textContent !== text) { el.textContent = text; }
      });
      all("[data-built]").forEach(function (el) { el.hidden = true; });
    }
    all("li.opp[data-deadline]").forEach(function (li) {
      if (moment(li, "data-deadline") <= now && li.parentNode) { leave(li); }
    });
    clearTimeout(timer);
    timer = setTimeout(update, next - now);
  }

  update();
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { update(); }
  });
})();
