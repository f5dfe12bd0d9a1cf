// The checker of /check/ in headless Chromium: the linter built as
// WebAssembly marks the findings of pasted text at their words, finds
// nothing in a clean paragraph, asks for nothing but the site's own files,
// works offline once loaded, and passes axe and the Nu Html Checker with
// its findings shown. Run: node --test check.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { site, browser, axe, describe, vnu } from "./lib.mjs";

let s, ctx, page;
const requests = [];

before(async () => {
  s = await site();
  ctx = await browser();
  page = await ctx.newPage();
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(s.base + "check/");
  await page.waitForFunction(() => /ready|could not/.test(document.getElementById("checker-status").textContent), null, { timeout: 60000 });
  assert.equal(await page.textContent("#checker-status"), "The checker is ready.", `errors: ${errors}`);
});

after(async () => {
  await ctx?.close();
  s?.server.close();
});

// check types text into the box, checks it and returns what the status
// says, the text of each mark (without its number) and each finding.
async function check(text) {
  await page.fill("#checker-text", text);
  await page.click("button[type=submit]");
  await page.waitForFunction(() => /finding/.test(document.getElementById("checker-status").textContent));
  return page.evaluate(() => ({
    status: document.getElementById("checker-status").textContent,
    marks: [...document.querySelectorAll("#checker-marked mark")].map((m) => {
      const c = m.cloneNode(true);
      c.querySelectorAll(".checker-ref").forEach((r) => r.remove());
      return c.textContent;
    }),
    findings: [...document.querySelectorAll("#checker-findings > li")].map((li) => li.textContent),
  }));
}

test("jargon is marked at its words, with what to write instead and a link to the guide", async () => {
  const got = await check("Bring 😀 and £5. We will utilise the Framework Agreement in order to commence works.\n\nTenderers must utilise the portal.");
  assert.deepEqual(got.marks, ["utilise", "Framework Agreement", "in order to", "commence", "Tenderers", "utilise"]);
  assert.equal(got.findings.length, 5);
  assert.match(got.status, /^5 findings: 5 warnings\.$/);
  assert.match(got.findings[0], /^Warning, line 1, column 25: utilise"utilise" is a word to avoid/);
  assert.match(got.findings[0], /Write instead: use \(tenders check --fix makes this change\)/);
  assert.match(got.findings[0], /and 1 more, line 3/);
  const href = await page.getAttribute("#checker-finding-1 a[href*='writing-guide']", "href");
  assert.match(href, /writing-guide\/#jargon$/);
  // Each mark's number leads to its finding, and each finding back to its mark.
  await page.click("#checker-marked sup a >> nth=0");
  assert.match(page.url(), /#checker-finding-1$/);
});

test("the page with its findings passes axe and the Nu Html Checker", async () => {
  await check("We will utilise the Framework Agreement in order to commence works.");
  const file = join(mkdtempSync(join(tmpdir(), "tenders-check-")), "check.html");
  writeFileSync(file, "<!DOCTYPE html>\n" + (await page.evaluate(() => document.documentElement.outerHTML)));
  const violations = await axe(page);
  assert.equal(violations.length, 0, describe(violations));
  const errors = vnu([file]);
  assert.deepEqual(errors.map((e) => `${e.lastLine}: ${e.message}`), []);
});

test("a clean paragraph shows no findings", async () => {
  const got = await check("We need someone to clean two libraries in Camden every weekday morning.");
  assert.deepEqual(got.marks, []);
  assert.deepEqual(got.findings, []);
  assert.equal(got.status, "No findings: the check found nothing to change.");
});

test("a whole brief is checked as a brief", async () => {
  const got = await check('+++\ntitle = "Window cleaning"\n+++\nWe will utilise a cleaner.\n');
  assert.ok(got.findings.some((f) => /is missing/.test(f)), got.findings.join("\n"));
});

test("offline once loaded, and nothing but the site's own files is asked for", async () => {
  await ctx.setOffline(true);
  try {
    const got = await check("Please utilise the form.");
    assert.deepEqual(got.marks, ["utilise"]);
  } finally {
    await ctx.setOffline(false);
  }
  const foreign = requests.filter((u) => !u.startsWith(s.base));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => /check\/check\.[0-9a-f]+\.wasm\.gz$/.test(u)), requests.join("\n"));
});

test("other pages do not load the checker", async () => {
  const other = await ctx.newPage();
  const asked = [];
  other.on("request", (r) => asked.push(r.url()));
  await other.goto(s.base + "submit/");
  await other.waitForLoadState("networkidle");
  assert.deepEqual(asked.filter((u) => /wasm/.test(u)), []);
  await other.close();
});
