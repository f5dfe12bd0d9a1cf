// The web editor's reader and writer of briefs: Markdown with TOML front
// matter between +++ lines.
//
// Reading gives the form every key of the front matter, with dates as the
// editor's date fields show them (wall-clock time in the site's timezone),
// the body, and the file's text as it was, kept under SOURCE.
//
// Writing changes only what the form changed. Each key the buyer left alone
// keeps its lines byte for byte, with their comments and their order; a
// changed key gets new lines in the place of the old, in the same style (a
// date written with an offset keeps one, a quoted date stays quoted); a new
// key goes after the key before it in the form; a key emptied is taken out.
// So changing a deadline in the form is a one-line change in the pull
// request. A new brief is written whole, in the form's order.
//
// The module has no dependencies: the TOML parser is given to it, so that
// the same code runs in the editor and in the tests.

// SOURCE is the key under which the text read is kept, for writing back.
export const SOURCE = "__tenders_source";

// briefFormat is the format, for CMS.registerCustomFormat: parse is a TOML
// parser (smol-toml's), zone the site's IANA timezone, and dates the paths
// of the date keys ("deadline", "events.start").
export function briefFormat({ parse, zone, dates = [] }) {
  const dateKeys = new Set(dates);
  const read = (text) => {
    const doc = split(text);
    if (!doc) {
      return { doc: null, raw: {}, values: {} };
    }
    const raw = parse(doc.head);
    return { doc, raw, values: toForm(raw, zone) };
  };
  return {
    fromFile(text) {
      const doc = split(text);
      const body = doc ? doc.body : text;
      try {
        return { ...(doc ? toForm(parse(doc.head), zone) : {}), body, [SOURCE]: text };
      } catch {
        // The front matter is not TOML: the form starts empty, and saving
        // keeps the front matter as it was (tenders check then says where
        // it is wrong), so nothing written is lost.
        return { body, [SOURCE]: text };
      }
    },
    toFile(data, sortedKeys = []) {
      const order = [...sortedKeys, ...Object.keys(data)].filter((k, i, all) => all.indexOf(k) === i && k !== SOURCE && k !== "body");
      const source = data[SOURCE];
      let old;
      try {
        old = typeof source === "string" ? read(source) : null;
      } catch {
        const doc = split(source);
        return doc ? doc.open + doc.head + doc.close + doc.sep + (data.body ?? doc.body) : source;
      }
      if (old && !old.doc && /^\uFEFF?\+\+\+/.test(source)) {
        // Front matter opened and never closed: the form started empty and
        // the body box held the whole text, which is what is written back
        // (with any change made in the box), not put under a new one.
        return data.body ?? source;
      }
      if (!old || !old.doc) {
        return "+++\n" + fresh(data, order, dateKeys).join("\n") + "+++\n\n" + (data.body ?? "");
      }
      const { doc } = old;
      return doc.open + patch(old, data, order, { dateKeys, zone }) + doc.close + doc.sep + (data.body ?? doc.body);
    },
  };
}

// split cuts a file into its opening +++ line, the front matter, the
// closing +++ line, the one blank line after it and the body; null when
// the file has no front matter.
export function split(text) {
  const open = /^\uFEFF?\+\+\+[ \t]*\r?\n/.exec(text); // a byte-order mark, as tenders reads it, is kept
  if (!open) {
    return null;
  }
  const closing = /^\+\+\+[ \t]*(?:\r?\n|$)/gm;
  closing.lastIndex = open[0].length;
  const close = closing.exec(text);
  if (!close) {
    return null;
  }
  const rest = text.slice(close.index + close[0].length);
  const sep = /^(?:\r?\n)?/.exec(rest)[0];
  return {
    open: open[0], head: text.slice(open[0].length, close.index), close: close[0], sep,
    body: rest.slice(sep.length), nl: open[0].endsWith("\r\n") ? "\r\n" : "\n",
  };
}

// toForm turns parsed TOML into the form's values: dates become the text
// the date fields read ("2026-12-18T12:00:00" on the site's clock, or
// "2026-12-18").
function toForm(v, zone) {
  if (isTomlDate(v)) {
    if (v.isDate()) {
      return v.toISOString();
    }
    if (v.isLocal()) {
      return v.toISOString().slice(0, 19);
    }
    return wallClock(zone, v.getTime());
  }
  if (Array.isArray(v)) {
    return v.map((x) => toForm(x, zone));
  }
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = toForm(x, zone);
    }
    return out;
  }
  return v;
}

const isTomlDate = (v) => v instanceof Date && typeof v.isDate === "function";

// wallClock is the time on the clock in zone at the moment ms, as
// "2026-12-18T12:00:00".
export function wallClock(zone, ms) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

// offsetAt is how many minutes zone's clock is ahead of UTC at ms.
function offsetAt(zone, ms) {
  const whole = Math.floor(ms / 1000) * 1000;
  return (Date.parse(wallClock(zone, whole) + "Z") - whole) / 60000;
}

// withOffset writes the clock time wall in zone as a TOML offset
// date-time, with "Z" for UTC when the old value used it.
export function withOffset(zone, wall, zulu) {
  const asUTC = Date.parse(wall.slice(0, 19) + "Z");
  let minutes = offsetAt(zone, asUTC);
  minutes = offsetAt(zone, asUTC - minutes * 60000);
  if (minutes === 0 && zulu) {
    return wall.slice(0, 19) + "Z";
  }
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(minutes);
  return `${wall.slice(0, 19)}${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

// --- comparing -------------------------------------------------------

// norm is a value as far as the brief is concerned: an empty text, list
// or table, false and null are all the same as no key.
function norm(v) {
  if (v === undefined || v === null || v === "" || v === false) {
    return undefined;
  }
  if (Array.isArray(v)) {
    const items = v.map(norm).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v).sort()) {
      const x = norm(v[k]);
      if (x !== undefined) {
        out[k] = x;
      }
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

const same = (a, b) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

const isTable = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isTableList = (v) => Array.isArray(v) && v.length > 0 && v.every(isTable);

// --- writing values ------------------------------------------------------

const escapes = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f" };

function quote(s) {
  return '"' + s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => escapes[c] ?? "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + '"';
}

const bareKey = (k) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : quote(k));

const dateText = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

// inline writes a value on one line. path is the key's place ("deadline",
// "events.start"), which says whether text is a date; style is the old
// value, whose way of writing a date is kept.
function inline(v, path, ctx, style) {
  if (typeof v === "string") {
    if (ctx.dateKeys.has(path) && dateText.test(v) && typeof style !== "string") {
      const wall = v.replace(" ", "T");
      if (isTomlDate(style) && !style.isLocal() && wall.length > 10) {
        return withOffset(ctx.zone, wall.length === 16 ? wall + ":00" : wall, /z$/i.test(style.toISOString()));
      }
      return wall.length === 16 ? wall + ":00" : wall;
    }
    return quote(v);
  }
  if (typeof v === "number" || typeof v === "bigint") {
    return String(v);
  }
  if (typeof v === "boolean") {
    return String(v);
  }
  if (Array.isArray(v)) {
    return "[" + v.filter((x) => norm(x) !== undefined).map((x, i) => inline(x, path, ctx, Array.isArray(style) ? style[i] : undefined)).join(", ") + "]";
  }
  if (isTable(v)) {
    const parts = Object.keys(v).filter((k) => norm(v[k]) !== undefined).map((k) => `${bareKey(k)} = ${inline(v[k], path + "." + k, ctx, isTable(style) ? style[k] : undefined)}`);
    return parts.length ? "{ " + parts.join(", ") + " }" : "{}";
  }
  return quote(String(v));
}

// entryLines are a table's keys, one a line: "key = value".
function entryLines(table, path, ctx, order = Object.keys(table)) {
  return order.filter((k) => k in table && norm(table[k]) !== undefined).map((k) => `${bareKey(k)} = ${inline(table[k], path ? path + "." + k : k, ctx)}`);
}

// tableLines are the lines of a key whose value is a table or a list of
// them: [key] or [[key]] sections, each after a blank line.
function tableLines(key, v, ctx) {
  if (isTable(v)) {
    return ["", `[${bareKey(key)}]`, ...entryLines(v, key, ctx)];
  }
  return v.filter((x) => norm(x) !== undefined).flatMap((x) => ["", `[[${bareKey(key)}]]`, ...entryLines(x, key, ctx)]);
}

// fresh is the front matter of a new brief, in the form's order: the
// keys of values first, then the tables; ends with a newline.
function fresh(data, order, dateKeys) {
  const ctx = { dateKeys, zone: "UTC" };
  const values = order.filter((k) => norm(data[k]) !== undefined);
  const tables = values.filter((k) => isTable(data[k]) || isTableList(data[k]));
  const lines = [
    ...entryLines(data, "", ctx, values.filter((k) => !tables.includes(k))),
    ...tables.flatMap((k) => tableLines(k, data[k], ctx)),
  ];
  return [...lines, ""];
}

// --- reading the lines of front matter ---------------------------------

// readKey reads a dotted key from s at p, up to stop ("=" or "]"):
// its parts and where it ends; null if it is not one.
function readKey(s, p, stop) {
  const parts = [];
  for (;;) {
    while (s[p] === " " || s[p] === "\t") p++;
    let m;
    if (s[p] === '"') {
      m = /^"(?:[^"\\]|\\.)*"/.exec(s.slice(p));
      if (!m) return null;
      try {
        parts.push(JSON.parse(m[0]));
      } catch {
        parts.push(m[0].slice(1, -1));
      }
    } else if (s[p] === "'") {
      m = /^'[^']*'/.exec(s.slice(p));
      if (!m) return null;
      parts.push(m[0].slice(1, -1));
    } else {
      m = /^[A-Za-z0-9_-]+/.exec(s.slice(p));
      if (!m) return null;
      parts.push(m[0]);
    }
    p += m[0].length;
    while (s[p] === " " || s[p] === "\t") p++;
    if (s[p] === ".") {
      p++;
      continue;
    }
    return s[p] === stop ? { parts, end: p + 1 } : null;
  }
}

// valueEnd is the last line of a value that starts at column p of line i,
// which may run over lines (arrays, inline tables, multi-line strings).
function valueEnd(lines, i, p) {
  let depth = 0;
  let inside = null; // '"', "'", '"""' or "'''"
  for (; i < lines.length; i++, p = 0) {
    const s = lines[i];
    for (; p < s.length; p++) {
      const c = s[p];
      if (inside === '"""' || inside === "'''") {
        if (c === "\\" && inside === '"""') {
          p++;
        } else if (s.startsWith(inside, p)) {
          p += 2;
          while (s[p + 1] === inside[0]) p++;
          inside = null;
        }
      } else if (inside) {
        if (c === "\\" && inside === '"') {
          p++;
        } else if (c === inside) {
          inside = null;
        }
      } else if (s.startsWith('"""', p) || s.startsWith("'''", p)) {
        inside = s.slice(p, p + 3);
        p += 2;
      } else if (c === '"' || c === "'") {
        inside = c;
      } else if (c === "#") {
        break;
      } else if (c === "[" || c === "{") {
        depth++;
      } else if (c === "]" || c === "}") {
        depth--;
      }
    }
    if (inside === '"' || inside === "'") {
      inside = null; // a one-line string cannot go on: the parser has said no already
    }
    if (depth <= 0 && !inside) {
      return i;
    }
  }
  return lines.length - 1;
}

// outline reads the lines into sections: the keys before the first table
// header, then one section a header. Each entry knows its key's parts and
// its first and last lines (end is one after); null if a line is not what
// TOML allows, which the parser would have refused.
export function outline(lines) {
  const top = { header: null, entries: [], start: 0, end: 0 };
  const sections = [top];
  let current = top;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const t = s.trimStart();
    const col = s.length - t.length;
    if (t === "" || t.startsWith("#")) {
      continue;
    }
    if (t.startsWith("[")) {
      const list = t.startsWith("[[");
      const k = readKey(s, col + (list ? 2 : 1), "]");
      if (!k || (list && s[k.end] !== "]")) {
        return null;
      }
      current = { header: { parts: k.parts, list, start: i, end: i + 1 }, entries: [], start: i, end: i + 1 };
      sections.push(current);
      continue;
    }
    const k = readKey(s, col, "=");
    if (!k) {
      return null;
    }
    const last = valueEnd(lines, i, k.end);
    current.entries.push({ parts: k.parts, start: i, end: last + 1 });
    current.end = last + 1;
    i = last;
  }
  return sections;
}

// --- changing only what changed ----------------------------------------

// patch is the front matter with the keys that changed between the values
// read (old; raw as parsed, whose dates say how they were written) and
// data (the form's) written again, and nothing else.
function patch({ doc, values: old, raw }, data, order, ctx) {
  const nl = doc.nl;
  const lines = doc.head.split(/\r?\n/);
  const endsWithNewline = lines.length > 0 && lines[lines.length - 1] === "";
  if (endsWithNewline) {
    lines.pop();
  }
  const sections = outline(lines);
  const keys = [...order, ...Object.keys(old)].filter((k, i, all) => all.indexOf(k) === i && k !== SOURCE && k !== "body");
  const changed = keys.filter((k) => !same(old[k], data[k]));
  if (changed.length === 0) {
    return doc.head;
  }
  if (!sections) {
    return fresh(data, order, ctx.dateKeys).join(nl);
  }
  const edits = []; // { start, end, lines }: replace lines start..end
  const appended = [];
  for (const key of changed) {
    const where = find(sections, key);
    if (where === null) {
      // A key written in a way not changed line by line (dotted keys, or
      // tables inside it): all its lines go, and it is written again.
      for (const r of allOf(sections, key)) {
        edits.push({ ...r, lines: [] });
      }
      addNew(key, data[key], sections, order, edits, appended, ctx);
    } else if (where.entry) {
      edits.push({ ...where.entry, lines: norm(data[key]) === undefined ? [] : [`${bareKey(key)} = ${inline(data[key], key, ctx, raw[key])}`] });
    } else if (where.table) {
      patchTable(where.table, key, { old: old[key], raw: raw[key] }, data[key], edits, appended, ctx, lines);
    } else if (where.list) {
      patchList(where.list, key, { old: old[key], raw: raw[key] }, data[key], edits, appended, ctx, lines);
    } else {
      addNew(key, data[key], sections, order, edits, appended, ctx);
    }
  }
  return apply(lines, edits, appended, nl, endsWithNewline);
}

// find says how key is written: { entry } for "key = value" before any
// header, { table } for one [key] section, { list } for [[key]] sections,
// {} when it is not written; null when it is written some other way.
function find(sections, key) {
  const [top, ...rest] = sections;
  const entries = top.entries.filter((e) => e.parts[0] === key);
  const own = rest.filter((s) => s.header.parts[0] === key);
  if (entries.length === 1 && entries[0].parts.length === 1 && own.length === 0) {
    return { entry: entries[0] };
  }
  if (entries.length > 0 || own.some((s) => s.header.parts.length > 1) || own.some((s) => s.entries.some((e) => e.parts.length > 1))) {
    return null;
  }
  if (own.length === 1 && !own[0].header.list) {
    return { table: own[0] };
  }
  if (own.length > 0 && own.every((s) => s.header.list)) {
    return { list: own };
  }
  return own.length === 0 ? {} : null;
}

// allOf is every range of lines that writes key.
function allOf(sections, key) {
  const [top, ...rest] = sections;
  return [
    ...top.entries.filter((e) => e.parts[0] === key).map((e) => ({ start: e.start, end: e.end })),
    ...rest.filter((s) => s.header.parts[0] === key).map((s) => ({ start: s.start, end: s.end })),
  ];
}

// addNew writes a key that was not there: a value after the key before it
// in the form's order, a table or list of tables at the end.
function addNew(key, v, sections, order, edits, appended, ctx) {
  if (norm(v) === undefined) {
    return;
  }
  if (isTable(v) || isTableList(v)) {
    appended.push(...tableLines(key, v, ctx));
    return;
  }
  const line = `${bareKey(key)} = ${inline(v, key, ctx)}`;
  const top = sections[0].entries;
  const before = order.slice(0, order.indexOf(key)).reverse();
  const after = before.map((k) => top.find((e) => e.parts[0] === k)).find(Boolean) ?? top[top.length - 1];
  const at = after ? after.end : 0;
  edits.push({ start: at, end: at, lines: [line] });
}

// patchTable changes the keys of one [key] section that changed; was is
// its value read, as the form had it (old) and as parsed (raw).
function patchTable(section, key, was, newV, edits, appended, ctx, lines) {
  if (norm(newV) === undefined) {
    edits.push(cut(section, lines));
    return;
  }
  if (!isTable(newV)) {
    edits.push({ ...cut(section, lines), lines: [] });
    addNew(key, newV, [{ entries: [] }], [], edits, appended, ctx);
    return;
  }
  patchEntries(section, key, tableOf(was), newV, edits, ctx);
}

// tableOf is the table read, or an empty one.
const tableOf = (was) => (isTable(was.old) ? was : { old: {}, raw: {} });

// patchList changes the [[key]] sections, one an item. Items the same
// before and after are matched first (the longest run of them in order),
// so taking an item away or putting one in between touches that item
// only; between them, items are changed key by key in order, items left
// over taken away, and new ones put in after the item before them.
function patchList(sections, key, was, newV, edits, appended, ctx, lines) {
  const olds = Array.isArray(was.old) ? was.old : [];
  const news = Array.isArray(newV) ? newV.filter((x) => norm(x) !== undefined) : [];
  if (news.length > 0 && !news.every(isTable)) {
    sections.forEach((s) => edits.push(cut(s, lines)));
    addNew(key, newV, [{ entries: [] }], [], edits, appended, ctx);
    return;
  }
  const item = (x) => ["", `[[${bareKey(key)}]]`, ...entryLines(x, key, ctx)];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matches(olds, news), [olds.length, news.length]]) {
    // olds[i..mi) and news[j..mj) lie between two matched items.
    for (; i < mi && j < mj; i++, j++) {
      patchEntries(sections[i], key, tableOf({ old: olds[i], raw: was.raw[i] }), news[j], edits, ctx);
    }
    for (; i < mi; i++) {
      edits.push(cut(sections[i], lines));
    }
    if (j < mj) {
      const at = i > 0 ? sections[i - 1].end : sections[0].start;
      const more = news.slice(j, mj).flatMap(item);
      edits.push({ start: at, end: at, lines: i > 0 ? more : [...more.slice(1), ""] });
      j = mj;
    }
    i++;
    j++;
  }
}

// matches are the pairs [i, j] of items the same in a and b, the longest
// run of them in order.
function matches(a, b) {
  const eq = a.map((x) => b.map((y) => same(x, y)));
  const l = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      l[i][j] = eq[i][j] ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
    }
  }
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (eq[i][j] && l[i][j] === l[i + 1][j + 1] + 1) {
      out.push([i++, j++]);
    } else if (l[i + 1][j] >= l[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

// patchEntries changes, takes away and adds the keys of one section.
function patchEntries(section, key, was, newT, edits, ctx) {
  const oldT = was.old;
  const names = [...Object.keys(newT), ...Object.keys(oldT)].filter((k, i, all) => all.indexOf(k) === i);
  let at = section.end;
  for (const k of names) {
    if (same(oldT[k], newT[k])) {
      continue;
    }
    const entry = section.entries.find((e) => e.parts[0] === k);
    const text = norm(newT[k]) === undefined ? [] : [`${bareKey(k)} = ${inline(newT[k], key + "." + k, ctx, was.raw[k])}`];
    if (entry) {
      edits.push({ start: entry.start, end: entry.end, lines: text });
    } else {
      edits.push({ start: at, end: at, lines: text });
    }
  }
}

// cut takes a section away, with the blank line before it.
function cut(section, lines) {
  const start = section.start > 0 && lines[section.start - 1].trim() === "" ? section.start - 1 : section.start;
  return { start, end: section.end, lines: [] };
}

// apply makes the edits, from the last line up so that line numbers hold,
// and adds the lines appended at the end.
function apply(lines, edits, appended, nl, endsWithNewline) {
  const out = [...lines];
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (const e of sorted) {
    out.splice(e.start, e.end - e.start, ...e.lines);
  }
  out.push(...appended);
  return out.join(nl) + (endsWithNewline || appended.length ? nl : "");
}
