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

  // count writes a list's new length in the count of the heading above it,
  // and puts the list's empty message in place of a list left empty.
  function count(list) {
    var n = list.querySelectorAll("li.opp").length;
    var h = list.previousElementSibling;
    while (h && !/^H[1-6]$/.test(h.tagName)) { h = h.previousElementSibling; }
    var c = h && h.querySelector(".count");
    if (c) {
      c.textContent = c.textContent.replace(/\d+/, String(n))
        .replace(/opportunit(y|ies)/, n === 1 ? "opportunity" : "opportunities");
    }
    if (n === 0 && list.hasAttribute("data-empty")) {
      var p = document.createElement("p");
      p.className = "empty";
      p.textContent = list.getAttribute("data-empty");
      list.parentNode.replaceChild(p, list);
    }
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
        var card = el.closest ? el.closest("li.opp") : null;
        if (card) { card.setAttribute("data-days", String(n)); }
      });
      all("[data-built]").forEach(function (el) { el.hidden = true; });
    }
    all("li.opp[data-deadline]").forEach(function (li) {
      if (moment(li, "data-deadline") <= now && li.parentNode) {
        var list = li.parentNode;
        li.setAttribute("data-days", "");
        list.removeChild(li);
        count(list);
      }
    });
    clearTimeout(timer);
    timer = setTimeout(update, next - now);
  }

  update();
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { update(); }
  });
})();
