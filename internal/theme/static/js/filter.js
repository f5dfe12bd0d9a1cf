// Filters for lists of opportunities: narrow the list in place, say how
// many match in a live region, and keep the choices in the address so a
// view can be shared. Without JavaScript the form stays hidden and the
// links to prebuilt lists (topics, boroughs, closing soon) do the job.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !("URLSearchParams" in window)) { return; }
  // The cards are looked up at each change: the status script takes a
  // card out of the page when its deadline passes.
  function items() { return Array.prototype.slice.call(document.querySelectorAll("li.opp[data-topics]")); }
  var status = document.getElementById("filter-count");
  var fields = ["q", "topic", "borough", "value", "days"];
  var bands = {
    "under-10k": [0, 9999], "10k-100k": [10000, 100000],
    "100k-500k": [100001, 500000], "over-500k": [500001, Infinity]
  };

  function words(s) { return (s || "").split(" ").filter(Boolean); }

  function matches(li, f) {
    if (f.q && li.textContent.toLowerCase().indexOf(f.q) < 0) { return false; }
    if (f.topic && words(li.dataset.topics).indexOf(f.topic) < 0) { return false; }
    if (f.borough && words(li.dataset.boroughs).indexOf(f.borough) < 0 &&
        words(li.dataset.boroughs).indexOf("london-wide") < 0) { return false; }
    if (f.value) {
      var v = Number(li.dataset.value), band = bands[f.value];
      if (!li.dataset.value || !band || v < band[0] || v > band[1]) { return false; }
    }
    if (f.days) {
      var d = Number(li.dataset.days);
      if (li.dataset.days === "" || d < 0 || d > Number(f.days)) { return false; }
    }
    for (var i = 0; i < f.suits.length; i++) {
      if (words(li.dataset.suits).indexOf(f.suits[i]) < 0) { return false; }
    }
    return true;
  }

  function read() {
    var f = { suits: [] };
    fields.forEach(function (name) {
      var el = form.elements[name];
      f[name] = el ? el.value.trim() : "";
    });
    f.q = f.q.toLowerCase();
    Array.prototype.forEach.call(form.querySelectorAll('input[name="suits"]:checked'), function (el) {
      f.suits.push(el.value);
    });
    return f;
  }

  function apply() {
    var f = read(), shown = 0;
    items().forEach(function (li) {
      var ok = matches(li, f);
      li.hidden = !ok;
      if (ok) { shown++; }
    });
    status.textContent = shown === 1 ? "1 opportunity matches" : shown + " opportunities match";
    var params = new URLSearchParams();
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el && el.value.trim()) { params.set(name, el.value.trim()); }
    });
    f.suits.forEach(function (s) { params.append("suits", s); });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el && params.has(name)) { el.value = params.get(name); }
    });
    var suits = params.getAll("suits");
    Array.prototype.forEach.call(form.querySelectorAll('input[name="suits"]'), function (el) {
      el.checked = suits.indexOf(el.value) >= 0;
    });
  }

  form.hidden = false;
  restore();
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  document.addEventListener("tenders:left", function () { if (location.search) { apply(); } });
  if (location.search) { apply(); }
})();
