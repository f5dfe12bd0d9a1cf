// The checker of /check/. It loads the linter of tenders check, built for
// the browser as WebAssembly: the form's data-module names its file, and
// wasm_exec.js, loaded before this script, runs it. The module defines
// tendersCheck(text, settings), the settings being the site's, in the
// form's data-settings. Each check marks the findings at their words and
// lists them. Nothing but the page's own files is fetched, and the text
// never leaves the browser.
(() => {
  "use strict";
  const form = document.getElementById("checker");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const status = $("checker-status"), box = $("checker-text"), result = $("checker-result");
  const marked = $("checker-marked"), list = $("checker-findings");
  const settings = form.dataset.settings;
  const guide = form.dataset.guide || "";
  const say = (msg) => { status.textContent = msg; };
  const severities = { error: "Error", warning: "Warning", suggestion: "Suggestion" };

  // load fetches the module and starts it. The file is gzipped; a host
  // that sends it with Content-Encoding: gzip has had it unzipped already.
  async function load() {
    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      throw new Error("this browser cannot run WebAssembly, which it needs");
    }
    const res = await fetch(form.dataset.module);
    if (!res.ok) throw new Error(`its file did not load (status ${res.status})`);
    let bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      if (typeof DecompressionStream !== "function") throw new Error("this browser cannot unzip its file");
      const unzipped = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      bytes = new Uint8Array(await new Response(unzipped).arrayBuffer());
    }
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    go.run(instance);
    if (typeof globalThis.tendersCheck !== "function") throw new Error("it did not start");
    // The first call reads the settings and builds the word list (about
    // 300 ms); make it now, so the reader's first check is quick.
    const out = JSON.parse(globalThis.tendersCheck("", settings));
    if (out.error) throw new Error(out.error);
  }

  // The text as the checker reads it, so offsets match what is shown.
  const normalize = (s) => s.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };

  // spans are every place of every finding, nested: a place inside
  // another is marked inside it; one that crosses another's end is left
  // unmarked (its finding is still listed, with its line and column).
  function spans(findings) {
    const all = [];
    findings.forEach((f, i) => {
      [f, ...(f.also || [])].forEach((p, k) => {
        if (p.end > p.start) all.push({ start: p.start, end: p.end, n: i + 1, k, sev: f.severity, kids: [] });
      });
    });
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const root = { start: 0, end: Infinity, kids: [] }, stack = [root];
    for (const s of all) {
      while (stack.length > 1 && s.start >= stack[stack.length - 1].end) stack.pop();
      const top = stack[stack.length - 1];
      if (s.end > top.end) continue;
      top.kids.push(s);
      stack.push(s);
    }
    return root;
  }

  // paint writes text[from, to) into parent with the marks of node's kids.
  function paint(parent, text, node, from, to) {
    let at = from;
    for (const s of node.kids) {
      parent.append(text.slice(at, s.start));
      const mark = el("mark", { class: `checker-mark checker-${s.sev}`, id: `checker-mark-${s.n}-${s.k}` });
      paint(mark, text, s, s.start, s.end);
      const ref = el("a", { href: `#checker-finding-${s.n}` }, String(s.n));
      parent.append(mark, el("sup", { class: "checker-ref" }, "[", ref, "]"));
      at = s.end;
    }
    parent.append(text.slice(at, to));
  }

  function item(text, f, n) {
    const li = el("li", { id: `checker-finding-${n}`, class: `checker-${f.severity}` });
    const where = el("p", { class: "checker-where" }, el("strong", {}, severities[f.severity] || f.severity),
      `, line ${f.line}, column ${f.col}`);
    if (f.end > f.start) {
      const words = text.slice(f.start, f.end);
      where.append(": ", el("q", {}, words.length > 80 ? `${words.slice(0, 77).trimEnd()}…` : words));
    }
    li.append(where, el("p", {}, f.message));
    if (f.fix) {
      const fix = el("p", {}, "Write instead: ", el("strong", {}, f.fix));
      if (f.safe) fix.append(" (tenders check --fix makes this change)");
      li.append(fix);
    }
    const about = el("p", { class: "hint" }, f.doc || "");
    if (guide) about.append(" ", el("a", { href: `${guide}#${f.rule}` }, `About the ${f.rule} check in the writing guide`));
    li.append(about);
    if (f.end > f.start) li.append(el("p", {}, el("a", { href: `#checker-mark-${n}-0` }, "Show it in the text")));
    return li;
  }

  function count(findings) {
    if (findings.length === 0) return "No findings: the check found nothing to change.";
    const by = {};
    for (const f of findings) by[f.severity] = (by[f.severity] || 0) + 1;
    const parts = ["error", "warning", "suggestion"].filter((s) => by[s])
      .map((s) => `${by[s]} ${s}${by[s] === 1 ? "" : "s"}`);
    return `${findings.length} finding${findings.length === 1 ? "" : "s"}: ${parts.join(", ")}.`;
  }

  function check() {
    const text = normalize(box.value);
    if (text.trim() === "") {
      result.hidden = true;
      say("Paste or type some text to check.");
      return;
    }
    const out = JSON.parse(globalThis.tendersCheck(text, settings));
    if (out.error) { say(`The checker could not run: ${out.error}`); return; }
    marked.replaceChildren();
    paint(marked, text, spans(out.findings), 0, text.length);
    list.replaceChildren(...out.findings.map((f, i) => item(text, f, i + 1)));
    result.hidden = false;
    say(count(out.findings));
  }

  form.hidden = false;
  say("Loading the checker…");
  const ready = load().then(() => say("The checker is ready."), (err) => {
    say(`The checker could not start: ${err.message}. tenders check on your computer runs the same checks.`);
    throw err;
  });
  let timer = 0;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    ready.then(check, () => {});
  });
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => ready.then(check, () => {}), 600);
  });
})();
