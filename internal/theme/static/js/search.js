// Search every opportunity, open or closed, from the filter form: the
// words typed and the filters chosen are looked up in the index the build
// writes under search/ (see the search package), fetching only the term
// shards and result chunks a query needs. Results replace the listing
// below the form; a live region says how many match; the choices stay in
// the address so a search can be shared. Without JavaScript the form stays
// hidden and the paged lists and the browse links do the job.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !window.fetch || !window.URLSearchParams || !window.Promise || !window.TextDecoder) { return; }
  var base = form.getAttribute("data-search");
  var root = form.getAttribute("data-root") || "";
  var fixed = form.getAttribute("data-facet") || "";
  var listing = document.getElementById("listing");
  var count = document.getElementById("filter-count");
  var fields = ["q", "status", "topic", "borough", "buyer", "value", "days"];
  var pageSize = 10;
  var words = /[^\p{L}\p{N}]+/u;
  var manifest = null, shards = {}, chunks = {}, stop = {};
  var shown = 0, order = [], serial = 0, timer = 0, last = null;
  var out = results();

  function results() {
    var sec = document.createElement("section");
    sec.id = "search-results";
    sec.hidden = true;
    sec.setAttribute("aria-labelledby", "search-results-heading");
    var h = document.createElement("h2");
    h.id = "search-results-heading";
    h.textContent = "Results";
    var ul = document.createElement("ul");
    ul.className = "opp-list";
    var more = document.createElement("button");
    more.type = "button";
    more.className = "more";
    more.hidden = true;
    more.addEventListener("click", function () { showMore(true); });
    sec.appendChild(h);
    sec.appendChild(ul);
    sec.appendChild(more);
    form.parentNode.insertBefore(sec, listing || form.nextSibling);
    return { sec: sec, list: ul, more: more };
  }

  function get(path, binary) {
    return fetch(base + path).then(function (r) {
      if (!r.ok) { throw new Error(path + ": " + r.status); }
      return binary ? r.arrayBuffer() : r.json();
    });
  }

  function loadManifest() {
    if (!manifest) {
      manifest = get("index.json").then(function (m) {
        m.stop.forEach(function (w) { stop[w] = true; });
        return m;
      });
    }
    return manifest;
  }

  // The terms of a query, as the build split the text it indexed.
  function terms(q) {
    return q.toLowerCase().replace(/['\u2019]/g, "").split(words).filter(function (w) {
      return Array.from(w).length >= 2 && !stop[w];
    }).map(function (w) { return Array.from(w).slice(0, 32).join(""); });
  }

  // shardOf is the shard that holds term, if any does: the last whose
  // first term is not after it.
  function shardOf(m, term) {
    var lo = 0, hi = m.shards.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (m.shards[mid] <= term) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }

  function shard(i) {
    if (!shards[i]) {
      shards[i] = get("t/" + i + ".bin", true).then(decodeShard);
    }
    return shards[i];
  }

  // decodeShard reads a term shard: see the search package for its format.
  function decodeShard(buf) {
    var b = new Uint8Array(buf), at = 0, dec = new TextDecoder(), out = [];
    function uvarint() {
      var x = 0, mul = 1, c;
      do {
        if (at >= b.length) { throw new Error("a term shard ends too soon"); }
        c = b[at++];
        x += (c & 127) * mul;
        mul *= 128;
      } while (c & 128);
      return x;
    }
    while (at < b.length) {
      var n = uvarint();
      var term = dec.decode(b.subarray(at, at + n));
      at += n;
      var count = uvarint(), ids = new Array(count), prev = 0;
      for (var i = 0; i < count; i++) { prev += uvarint(); ids[i] = prev; }
      out.push({ term: term, ids: ids });
    }
    return out;
  }

  // posting is the sorted documents holding term; with prefix, holding
  // any term that starts with it (the word still being typed).
  function posting(m, term, prefix) {
    var first = shardOf(m, term);
    if (first < 0 && !prefix) { return Promise.resolve([]); }
    var last = Math.max(first, 0);
    while (prefix && last + 1 < m.shards.length && m.shards[last + 1].indexOf(term) === 0 && last - first < 3) { last++; }
    var wanted = [];
    for (var i = Math.max(first, 0); i <= last; i++) { wanted.push(shard(i)); }
    return Promise.all(wanted).then(function (lists) {
      var found = [];
      lists.forEach(function (entries) {
        entries.forEach(function (e) {
          if (e.term === term || (prefix && e.term.indexOf(term) === 0)) { found.push(e.ids); }
        });
      });
      return found.length === 1 ? found[0] : union(found);
    });
  }

  // facet is the documents of a facet term; a borough's include the work
  // across all of London, as its page does.
  function facet(m, term) {
    if (term.indexOf("borough:") !== 0 || term === "borough:london-wide") { return posting(m, term, false); }
    return Promise.all([posting(m, term, false), posting(m, "borough:london-wide", false)]).then(union);
  }

  function union(lists) {
    var seen = {}, out = [];
    lists.forEach(function (l) { l.forEach(function (id) { if (!seen[id]) { seen[id] = true; out.push(id); } }); });
    return out.sort(function (a, b) { return a - b; });
  }

  function intersect(lists) {
    lists.sort(function (a, b) { return a.length - b.length; });
    var acc = lists[0];
    for (var k = 1; k < lists.length && acc.length; k++) {
      var l = lists[k], next = [], j = 0;
      for (var i = 0; i < acc.length; i++) {
        while (j < l.length && l[j] < acc[i]) { j++; }
        if (j < l.length && l[j] === acc[i]) { next.push(acc[i]); }
      }
      acc = next;
    }
    return acc;
  }

  // liveCut is the first document of the timed group still open now, and
  // the deadline of each from the build's cut on, in milliseconds.
  function live(g, now) {
    var at = 0, deadlines = [];
    for (var k = 0; k < g.window.length; k++) {
      at += g.window[k];
      deadlines.push(at * 1000);
    }
    var cut = g.cut;
    while (cut - g.cut < deadlines.length && deadlines[cut - g.cut] <= now) { cut++; }
    return { cut: cut, deadlines: deadlines };
  }

  // arrange puts matching documents in the order the listings show them,
  // keeping those of the status and closing time asked for.
  function arrange(m, ids, f) {
    var now = Date.now(), sections = { open: [], upcoming: [], past: [], awarded: [] };
    var inRange = ids === null ? null : new Uint8Array(m.docs);
    if (ids) { ids.forEach(function (id) { inRange[id] = 1; }); }
    m.groups.forEach(function (g) {
      var lv = g.timed ? live(g, now) : null;
      var closedTimed = [];
      for (var id = g.from; id < g.to; id++) {
        if (inRange && !inRange[id]) { continue; }
        if (!g.timed) {
          (g.name === "upcoming" ? sections.upcoming : g.name === "awarded" ? sections.awarded : sections.past).push(id);
        } else if (id < lv.cut) {
          closedTimed.push(id);
        } else if (!f.days || (id - g.cut < lv.deadlines.length && lv.deadlines[id - g.cut] - now <= f.days * 86400000)) {
          sections.open.push(id);
        }
      }
      sections.past = closedTimed.reverse().concat(sections.past);
    });
    if (f.days) { return sections.open; }
    switch (f.status) {
      case "open": return sections.open;
      case "upcoming": return sections.upcoming;
      case "closed": return sections.past.concat(sections.awarded);
      case "awarded": return sections.awarded;
    }
    return sections.open.concat(sections.upcoming, sections.past, sections.awarded);
  }

  function read() {
    var f = { suits: [] };
    fields.forEach(function (name) {
      var el = form.elements[name];
      f[name] = el ? el.value.trim() : "";
    });
    Array.prototype.forEach.call(form.querySelectorAll('input[name="suits"]:checked'), function (el) {
      f.suits.push(el.value);
    });
    return f;
  }

  function chosen(f) {
    return f.q || f.status || f.topic || f.borough || f.buyer || f.value || f.days || f.suits.length;
  }

  // search runs the form's query, unless it is the one already shown (a
  // text field also fires "change" when it loses focus).
  function search() {
    var f = read(), key = JSON.stringify(f);
    if (key === last) { return; }
    last = key;
    var mine = ++serial;
    remember(f);
    if (!chosen(f)) {
      out.sec.hidden = true;
      if (listing) { listing.hidden = false; }
      count.textContent = "";
      return;
    }
    count.textContent = "Searching…";
    loadManifest().then(function (m) {
      var qs = terms(f.q), lists = [];
      var typing = f.q && !/\s$/.test(f.q);
      qs.forEach(function (t, i) { lists.push(posting(m, t, typing && i === qs.length - 1)); });
      if (fixed) { lists.push(facet(m, fixed)); }
      if (f.topic) { lists.push(posting(m, "topic:" + f.topic, false)); }
      if (f.borough) { lists.push(facet(m, "borough:" + f.borough)); }
      if (f.buyer) { lists.push(posting(m, "buyer:" + f.buyer, false)); }
      if (f.value) { lists.push(posting(m, "value:" + f.value, false)); }
      f.suits.forEach(function (s) { lists.push(posting(m, "suits:" + s, false)); });
      if (f.q && !qs.length && !lists.length) { lists.push(Promise.resolve([])); }
      return Promise.all(lists).then(function (ls) {
        if (mine !== serial) { return; }
        order = arrange(m, ls.length ? intersect(ls) : null, f);
        shown = 0;
        out.list.textContent = "";
        out.sec.hidden = false;
        if (listing) { listing.hidden = true; }
        return showMore(false).then(function () {
          if (mine !== serial) { return; }
          count.textContent = order.length === 0 ? "No opportunities match. Try fewer words or filters." :
            order.length === 1 ? "1 opportunity matches" : order.length.toLocaleString("en-GB") + " opportunities match";
        });
      });
    }).catch(function () {
      if (mine !== serial) { return; }
      last = null;
      out.sec.hidden = true;
      if (listing) { listing.hidden = false; }
      count.textContent = "Search is not working right now. The lists below still are.";
    });
  }

  // showMore adds the next page of results; focus moves to the first new
  // one when a person asked for more.
  function showMore(focus) {
    var m, ids = order.slice(shown, shown + pageSize), mine = serial;
    return loadManifest().then(function (man) {
      m = man;
      var need = {};
      ids.forEach(function (id) { need[Math.floor(id / m.chunk)] = true; });
      return Promise.all(Object.keys(need).map(function (c) {
        if (!chunks[c]) { chunks[c] = get("d/" + c + ".json"); }
        return chunks[c];
      }));
    }).then(function () {
      if (mine !== serial) { return; }
      return Promise.all(ids.map(function (id) { return chunks[Math.floor(id / m.chunk)]; }));
    }).then(function (cs) {
      if (!cs || mine !== serial) { return; }
      var firstNew = null;
      ids.forEach(function (id, i) {
        var li = card(cs[i][id % m.chunk]);
        if (!firstNew) { firstNew = li; }
        out.list.appendChild(li);
      });
      shown += ids.length;
      var left = order.length - shown;
      out.more.hidden = left <= 0;
      out.more.textContent = "Show " + Math.min(left, pageSize) + " more of " + left.toLocaleString("en-GB");
      if (focus && firstNew) { firstNew.querySelector("a").focus(); }
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fact(dl, term, value) {
    var div = el("div");
    div.appendChild(el("dt", "", term));
    var dd = el("dd");
    if (typeof value === "string") { dd.textContent = value; } else { dd.appendChild(value); }
    div.appendChild(dd);
    dl.appendChild(div);
  }

  // daysLeft counts calendar days from now to the deadline, in the
  // visitor's time zone (the site's own for most of its readers).
  function daysLeft(deadline) {
    var a = new Date(), b = new Date(deadline);
    var da = Date.UTC(a.getFullYear(), a.getMonth(), a.getDate());
    var db = Date.UTC(b.getFullYear(), b.getMonth(), b.getDate());
    return Math.round((db - da) / 86400000);
  }

  // card builds a result as a listing's card shows a brief; every string
  // goes in as text, never as markup.
  function card(c) {
    var li = el("li", "opp");
    var h = el("h3", "opp-title");
    var a = el("a", "", c.t);
    a.href = root + c.u;
    h.appendChild(a);
    li.appendChild(h);
    // A brief open at build time is closed once its deadline has passed.
    var open = c.k === "open" && !(c.d && new Date(c.d).getTime() <= Date.now());
    var key = c.k === "open" && !open ? "closed" : c.k;
    var tags = el("ul", "tags");
    tags.setAttribute("aria-label", "Status");
    tags.appendChild(el("li", "tag tag-" + key, key === c.k ? c.s : "Closed"));
    li.appendChild(tags);
    var dl = el("dl", "opp-facts");
    fact(dl, "Value", c.v);
    if (c.d) {
      var span = el("span");
      var t = el("time", "", c.w);
      t.setAttribute("datetime", c.d);
      span.appendChild(t);
      if (open) {
        var n = daysLeft(c.d);
        span.appendChild(document.createTextNode(" "));
        span.appendChild(el("span", "days", "(" + (n <= 0 ? "Closes today" : n === 1 ? "1 day left" : n + " days left") + ")"));
      }
      fact(dl, open || c.k === "pipeline" || c.k === "engagement" ? "Closes" : "Closed", span);
    } else {
      fact(dl, "Closes", "Date to be confirmed");
    }
    fact(dl, "Buyer", c.b);
    if (c.p) { fact(dl, c.p.indexOf("; ") >= 0 ? "Places" : "Place", c.p); }
    fact(dl, "Insurance", c.i);
    li.appendChild(dl);
    li.appendChild(el("p", "opp-summary", c.m));
    return li;
  }

  function remember(f) {
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (f[name]) { params.set(name, f[name]); } });
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

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  }

  // On a narrow screen the filters wait behind a button, so the first
  // results are on the first screen; on a wide one they are all shown.
  function toggle() {
    var more = document.getElementById("filter-more");
    var actions = form.querySelector(".filter-actions");
    if (!more || !actions || !window.matchMedia) { return; }
    var narrow = window.matchMedia("(max-width: 40rem)");
    var button = el("button", "filter-toggle", "Filters");
    button.type = "button";
    button.setAttribute("aria-controls", "filter-more");
    actions.insertBefore(button, actions.firstChild);
    function show(open) {
      more.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
    }
    function fit() {
      button.hidden = !narrow.matches;
      var f = read();
      show(!narrow.matches || Boolean(f.status || f.topic || f.borough || f.buyer || f.value || f.days || f.suits.length));
    }
    button.addEventListener("click", function () { show(more.hidden); });
    if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
    fit();
  }

  form.hidden = false;
  restore();
  toggle();
  // The manifest is small: fetch it now, so a query waits only for its
  // terms and results.
  loadManifest().catch(function () { manifest = null; });
  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
  form.addEventListener("reset", function () { setTimeout(search, 0); });
  if (location.search) { search(); }
})();
