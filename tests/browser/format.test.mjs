// The web editor's reader and writer of briefs (internal/site/editor/
// format.js), with the TOML parser the editor is given: a brief read and
// written back unchanged is byte for byte the same; a change in the form
// changes only the lines of what changed, in the brief's own style, and the
// file still says everything else it said.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repo } from "./lib.mjs";
import { parse } from "../../editor/node_modules/smol-toml/dist/index.js";
import { briefFormat, split, SOURCE, withOffset, wallClock } from "../../internal/site/editor/format.js";

const dates = ["published", "deadline", "questions_deadline", "contract_start", "contract_end", "events.start", "events.end", "updates.date", "award.date"];
const format = briefFormat({ parse, zone: "Europe/London", dates });
const order = ["title", "reference", "buyer", "published", "deadline", "questions_deadline", "summary", "category", "topics", "cpv", "boroughs",
  "value_min", "value_max", "contract_start", "contract_end", "suitable_for", "procedure", "apply_url", "stage", "payment_days", "turnover_min",
  "aliases", "contact", "location", "insurance", "social_value", "documents", "events", "lots", "updates", "award", "body"];

const dir = join(repo, "content/opportunities");
const examples = readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => [f, readFileSync(join(dir, f), "utf8")]);

// edit reads text as the editor does, changes it with f, and writes it back.
function edit(text, f) {
  const data = structuredClone(format.fromFile(text));
  f(data);
  return format.toFile(data, order);
}

// changedLines are the lines of a that b does not have and those of b that
// a does not have, in order ("-" and "+"), as a line diff shows them.
function changedLines(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  // the longest common subsequence, small files only
  const n = x.length, m = y.length;
  const l = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      l[i][j] = x[i] === y[j] ? l[i + 1][j + 1] + 1 : Math.max(l[i + 1][j], l[i][j + 1]);
    }
  }
  const out = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { i++; j++; } else if (i < n && (j === m || l[i + 1][j] >= l[i][j + 1])) { out.push("-" + x[i++]); } else { out.push("+" + y[j++]); }
  }
  return out;
}

const front = (text) => parse(split(text).head);

// plain is a value with dates as they are written, for comparing.
const plain = (v) => JSON.parse(JSON.stringify(v));

test("every example brief read and written back unchanged is byte for byte the same", () => {
  assert.ok(examples.length > 10);
  for (const [name, text] of examples) {
    assert.equal(edit(text, () => {}), text, name);
  }
});

test("changing the deadline of any example brief changes that one line, in its own style", () => {
  let n = 0;
  for (const [name, text] of examples) {
    const old = front(text);
    if (!old.deadline) {
      continue;
    }
    n++;
    const out = edit(text, (d) => { d.deadline = "2027-02-19T12:00:00"; });
    const diff = changedLines(text, out);
    assert.equal(diff.length, 2, `${name}:\n${diff.join("\n")}`);
    assert.match(diff[0], /^-deadline = /, name);
    // February in London is UTC; a quoted date stays quoted
    assert.equal(diff[1], diff[0].includes('"') ? '+deadline = "2027-02-19T12:00:00"' : "+deadline = 2027-02-19T12:00:00Z", name);
    const now = front(out);
    assert.ok(String(now.deadline).startsWith("2027-02-19T12:00:00") || now.deadline.toISOString() === "2027-02-19T12:00:00.000Z", name);
    delete old.deadline;
    delete now.deadline;
    assert.deepEqual(plain(now), plain(old), `${name}: nothing else changed`);
  }
  assert.ok(n > 10);
});

test("any one key changed in the form is what changes in the file", () => {
  for (const [name, text] of examples) {
    const old = front(text);
    for (const key of Object.keys(old)) {
      const v = old[key];
      let change;
      if (typeof v === "string") {
        change = (d) => { d[key] = v + " (changed)"; };
      } else if (typeof v === "number") {
        change = (d) => { d[key] = v + 1; };
      } else if (Array.isArray(v) && v.every((x) => typeof x === "string")) {
        change = (d) => { d[key] = [...v, "extra"]; };
      } else {
        continue;
      }
      const out = edit(text, change);
      const now = front(out);
      const want = plain(old);
      change(want);
      assert.deepEqual(plain(now), want, `${name}: ${key}`);
      assert.equal(changedLines(text, out).length, 2, `${name}: ${key}:\n${changedLines(text, out).join("\n")}`);
    }
  }
});

const handWritten = `+++
# Written by hand, with comments.
title = "Leaflet printing"
reference = "CAM-2026-001"
buyer = "camden"
published = 2026-11-02T09:00:00Z # when it went up
deadline = 2026-12-18T12:00:00Z
summary = "Printing 20,000 leaflets."
topics = [
  "printing", # the main one
  "design",
]
note = """
Two lines
of text."""

[contact]
name = "Asha Patel"
email = "asha@camden.example.org"

[[insurance]]
kind = "public_liability"
amount = 1000000
needed = "award"

[[insurance]]
kind = "employers_liability"
amount = 5000000
needed = "award"
+++

## What we need

Leaflets.
`;

test("comments, multi-line values and the order of keys stay as the buyer wrote them", () => {
  const out = edit(handWritten, (d) => { d.summary = "Printing 30,000 leaflets."; });
  assert.deepEqual(changedLines(handWritten, out), ['-summary = "Printing 20,000 leaflets."', '+summary = "Printing 30,000 leaflets."']);
  const arr = edit(handWritten, (d) => { d.topics = ["printing"]; });
  assert.deepEqual(changedLines(handWritten, arr), ["-topics = [", '-  "printing", # the main one', '-  "design",', "-]", '+topics = ["printing"]']);
  assert.deepEqual(front(arr).topics, ["printing"]);
  assert.equal(front(arr).note, "Two lines\nof text.");
});

test("a date keeps the way it was written: with an offset, local or quoted", () => {
  const summer = edit(handWritten, (d) => { d.deadline = "2027-06-18T12:00:00"; });
  assert.deepEqual(changedLines(handWritten, summer), ["-deadline = 2026-12-18T12:00:00Z", "+deadline = 2027-06-18T12:00:00+01:00"]);
  assert.equal(front(summer).deadline.getTime(), Date.parse("2027-06-18T11:00:00Z"));
  const local = handWritten.replace("deadline = 2026-12-18T12:00:00Z", "deadline = 2026-12-18T12:00:00");
  assert.deepEqual(changedLines(local, edit(local, (d) => { d.deadline = "2027-06-18T12:00:00"; })), ["-deadline = 2026-12-18T12:00:00", "+deadline = 2027-06-18T12:00:00"]);
  const quoted = handWritten.replace("deadline = 2026-12-18T12:00:00Z", 'deadline = "2026-12-18T12:00:00"');
  assert.deepEqual(changedLines(quoted, edit(quoted, (d) => { d.deadline = "2027-06-18T12:00:00"; })), ['-deadline = "2026-12-18T12:00:00"', '+deadline = "2027-06-18T12:00:00"']);
  assert.equal(format.fromFile(handWritten).published, "2026-11-02T09:00:00", "the form shows the time on the site's clock");
  assert.equal(format.fromFile(handWritten.replace("2026-11-02T09:00:00Z", "2026-06-02T09:00:00Z")).published, "2026-06-02T10:00:00");
});

test("keys added go after the key before them in the form; keys emptied go", () => {
  const added = edit(handWritten, (d) => { d.value_max = 12000; });
  assert.deepEqual(changedLines(handWritten, added), ["+value_max = 12000"]);
  assert.ok(added.indexOf("value_max = 12000") > added.indexOf("topics = ["), "after topics, the key before it in the form that the brief has");
  const emptied = edit(handWritten, (d) => { d.summary = ""; });
  assert.deepEqual(changedLines(handWritten, emptied), ['-summary = "Printing 20,000 leaflets."']);
  const newTable = edit(handWritten, (d) => { d.social_value = { weighting: 10, asks: ["Apprenticeships"] }; });
  assert.deepEqual(plain(front(newTable).social_value), { weighting: 10, asks: ["Apprenticeships"] });
  assert.deepEqual(changedLines(handWritten, newTable).filter((l) => l !== "+"), ["+[social_value]", "+weighting = 10", '+asks = ["Apprenticeships"]']);
});

test("a table and a list of tables change key by key and item by item", () => {
  const email = edit(handWritten, (d) => { d.contact.email = "print@camden.example.org"; });
  assert.deepEqual(changedLines(handWritten, email), ['-email = "asha@camden.example.org"', '+email = "print@camden.example.org"']);
  const phone = edit(handWritten, (d) => { d.contact.phone = "020 7974 4444"; });
  assert.deepEqual(changedLines(handWritten, phone), ['+phone = "020 7974 4444"']);
  assert.equal(front(phone).contact.phone, "020 7974 4444");
  const amount = edit(handWritten, (d) => { d.insurance[1].amount = 2000000; });
  assert.deepEqual(changedLines(handWritten, amount), ["-amount = 5000000", "+amount = 2000000"]);
  const more = edit(handWritten, (d) => { d.insurance.push({ kind: "professional_indemnity", amount: 500000, needed: "award" }); });
  assert.deepEqual(front(more).insurance.map((i) => i.kind), ["public_liability", "employers_liability", "professional_indemnity"]);
  assert.ok(more.indexOf("professional_indemnity") < more.lastIndexOf("+++"));
  const fewer = edit(handWritten, (d) => { d.insurance.pop(); });
  assert.deepEqual(front(fewer).insurance.map((i) => i.kind), ["public_liability"]);
  assert.equal(fewer.includes("\n\n\n"), false, "no double blank line where the item was");
  const first = edit(handWritten, (d) => { d.insurance.shift(); });
  assert.deepEqual(changedLines(handWritten, first).sort(), ["-", "-[[insurance]]", "-amount = 1000000", '-kind = "public_liability"', '-needed = "award"'], "the first item's lines go, and no others");
  assert.deepEqual(front(first).insurance.map((i) => i.kind), ["employers_liability"]);
  const between = edit(handWritten, (d) => { d.insurance.splice(1, 0, { kind: "product_liability", amount: 1000000, needed: "award" }); });
  assert.deepEqual(changedLines(handWritten, between).sort(), ["+", "+[[insurance]]", "+amount = 1000000", '+kind = "product_liability"', '+needed = "award"'], "the new item's lines come, and no others");
  assert.deepEqual(front(between).insurance.map((i) => i.kind), ["public_liability", "product_liability", "employers_liability"]);
  const atStart = edit(handWritten, (d) => { d.insurance.unshift({ kind: "product_liability", amount: 1000000 }); d.insurance[2].amount = 2000000; });
  assert.deepEqual(plain(front(atStart).insurance), [{ kind: "product_liability", amount: 1000000 }, { kind: "public_liability", amount: 1000000, needed: "award" }, { kind: "employers_liability", amount: 2000000, needed: "award" }]);
  const none = edit(handWritten, (d) => { d.insurance = []; d.contact = { name: "", email: "" }; });
  assert.equal(front(none).insurance, undefined);
  assert.equal(front(none).contact, undefined);
});

test("the body changes alone; the front matter stays", () => {
  const out = edit(handWritten, (d) => { d.body = d.body + "\nMore.\n"; });
  assert.equal(out, handWritten + "\nMore.\n");
});

test("a form without a body keeps the body the file had", () => {
  const data = format.fromFile(handWritten);
  delete data.body;
  assert.equal(format.toFile(data, order), handWritten);
});

test("a new brief is written whole, in the form's order, with dates TOML reads as dates", () => {
  const out = format.toFile({ body: "## What we need\n\nLeaflets.\n", deadline: "2026-12-18T12:00:00", title: "Leaflets", contract_start: "2027-01-04", topics: ["printing"], value_min: "", contact: { email: "a@b.example", name: "" }, insurance: [{ kind: "public_liability", amount: 1000000 }] }, order);
  assert.equal(out, `+++
title = "Leaflets"
deadline = 2026-12-18T12:00:00
topics = ["printing"]
contract_start = 2027-01-04

[contact]
email = "a@b.example"

[[insurance]]
kind = "public_liability"
amount = 1000000
+++

## What we need

Leaflets.
`);
  assert.equal(front(out).deadline.isLocal(), true);
});

test("front matter that is not TOML is kept as it was, with the new body", () => {
  const bad = "+++\ntitle = \"x\ndeadline = 18/12/2026\n+++\n\nOld body.\n";
  const data = format.fromFile(bad);
  assert.equal(data.body, "Old body.\n");
  assert.equal(format.toFile({ ...data, body: "New body.\n" }, order), "+++\ntitle = \"x\ndeadline = 18/12/2026\n+++\n\nNew body.\n");
});

test("a byte-order mark before the front matter is kept, and the brief read as one", () => {
  const bom = "\uFEFF" + handWritten;
  assert.equal(format.fromFile(bom).title, "Leaflet printing");
  assert.equal(edit(bom, () => {}), bom);
  const out = edit(bom, (d) => { d.title = "Leaflet printing and delivery"; });
  assert.equal(out, bom.replace('title = "Leaflet printing"', 'title = "Leaflet printing and delivery"'));
});

test("front matter never closed is written back as the text it was, with the body box's changes", () => {
  const open = '+++\ntitle = "A"\nreference = "R1"\n\nBody.\n';
  const data = format.fromFile(open);
  assert.equal(data.body, open, "the whole text is in the body box");
  assert.equal(format.toFile({ ...data, title: "Typed in the form" }, order), open);
  assert.equal(format.toFile({ ...data, body: open.replace("+++\n", "+++\n# fixed below\n") }, order), open.replace("+++\n", "+++\n# fixed below\n"));
});

test("a file written with CRLF line ends keeps them", () => {
  const crlf = handWritten.replaceAll("\n", "\r\n");
  assert.equal(edit(crlf, () => {}), crlf);
  const out = edit(crlf, (d) => { d.value_max = 5; d.summary = "S"; });
  assert.equal(out.replaceAll("\r\n", "").includes("\n"), false);
  assert.equal(front(out).value_max, 5);
});

test("text that is no brief at all is the body", () => {
  assert.deepEqual(format.fromFile("Just text.\n"), { body: "Just text.\n", [SOURCE]: "Just text.\n" });
});

test("clock times in London, and offsets, either side of the change of the clocks", () => {
  assert.equal(wallClock("Europe/London", Date.parse("2027-03-28T00:59:59Z")), "2027-03-28T00:59:59");
  assert.equal(wallClock("Europe/London", Date.parse("2027-03-28T01:00:00Z")), "2027-03-28T02:00:00");
  assert.equal(withOffset("Europe/London", "2027-03-27T12:00:00", true), "2027-03-27T12:00:00Z");
  assert.equal(withOffset("Europe/London", "2027-03-27T12:00:00", false), "2027-03-27T12:00:00+00:00");
  assert.equal(withOffset("Europe/London", "2027-03-29T12:00:00", true), "2027-03-29T12:00:00+01:00");
  assert.equal(withOffset("America/New_York", "2027-01-10T09:30:00", true), "2027-01-10T09:30:00-05:00");
  assert.equal(withOffset("Asia/Kolkata", "2027-01-10T09:30:00", true), "2027-01-10T09:30:00+05:30");
});
