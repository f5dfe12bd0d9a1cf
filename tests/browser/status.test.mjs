// Statuses as the page is read: the example site is built at `now`, and
// the browser's clock is set before, at and after a brief's deadline, so
// the status script must bring the page up to date on its own. Also: a
// deadline at 00:00 is never written as "midnight". Run: npm test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { site, browser, axe, describe, repo } from "./lib.mjs";

// A brief the example site holds: deadline midday on Friday 18 December
// 2026, questions by 5pm on Wednesday 9 December, closing soon (7 days)
// from midday on Friday 11 December.
const brief = "opportunities/cleaning-kentish-town-libraries/";
// One that closes at midday on Friday 4 December, on the home page.
const garden = "opportunities/community-garden-maintenance/";

let s, ctx;

before(async () => {
  s = await site();
  ctx = await browser();
});

after(async () => {
  await ctx?.close();
  s?.server.close();
});

// at opens path with the browser's clock stopped at time (an ISO string),
// and returns the page. page.clock.runFor moves the clock on, firing the
// script's timers.
async function at(path, time) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.errors = errors;
  const t = new Date(time);
  await page.clock.install({ time: new Date(t.getTime() - 1000) });
  await page.clock.pauseAt(t);
  await page.goto(s.base + path);
  return page;
}

// fact is the visible text of a key fact on a brief's page.
async function fact(page, name) {
  return (await page.locator(".summary-list > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${name}$`) }) }).locator("dd").innerText()).trim();
}

// tags are the visible status tags at the top of a brief's page.
async function tags(page) {
  return page.locator("main > ul.tags li:visible").allInnerTexts();
}

async function bidding(page) {
  return {
    start: await page.locator("a.start-link:visible").count(), // under the key facts and under "Bid"
    closedNote: await page.locator(".notice", { hasText: "You can no longer bid" }).isVisible(),
    closedLine: await page.getByText("Bidding has closed.").isVisible(),
  };
}

test("a brief's page when built: open, days left, no stale line", async () => {
  const page = await at(brief, "2026-12-01T09:00:00Z");
  assert.equal(await fact(page, "Status"), "Open");
  assert.match(await fact(page, "Deadline for bids"), /^midday on Friday 18 December 2026 \(17 days left\)/);
  assert.deepEqual((await tags(page)).filter((t) => /Open|Clos/.test(t)), ["Open"]);
  assert.deepEqual(await bidding(page), { start: 2, closedNote: false, closedLine: false });
  assert.equal(await page.locator("[data-built]").isVisible(), false, "the script hides 'Last updated'");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a brief's page read later: days left, questions closed, closing soon", async () => {
  let page = await at(brief, "2026-12-10T09:00:00Z");
  assert.match(await fact(page, "Deadline for bids"), /\(8 days left\)/);
  assert.equal(await fact(page, "Deadline for questions"), "Closed at 5pm on Wednesday 9 December 2026");
  assert.ok(await page.getByText("Questions closed at 5pm on Wednesday 9 December 2026.").isVisible());
  assert.equal(await page.getByText("Send questions by").isVisible(), false);
  assert.deepEqual((await tags(page)).filter((t) => /Open|Clos/.test(t)), ["Open"]);
  await page.close();

  page = await at(brief, "2026-12-12T09:00:00Z");
  assert.match(await fact(page, "Deadline for bids"), /\(6 days left\)/);
  assert.deepEqual((await tags(page)).filter((t) => /Open|Clos/.test(t)), ["Open", "Closing soon"]);
  await page.close();
});

test("a brief's page left open across its deadline flips to closed", async () => {
  const page = await at(brief, "2026-12-18T11:59:00Z");
  assert.equal(await fact(page, "Status"), "Open");
  assert.match(await fact(page, "Deadline for bids"), /\(Closes today\)/);
  assert.deepEqual(await bidding(page), { start: 2, closedNote: false, closedLine: false });
  await page.clock.runFor(61_000);
  assert.equal(await fact(page, "Status"), "Closed");
  assert.equal(await fact(page, "Deadline for bids"), "midday on Friday 18 December 2026", "no days left, no calendar link");
  assert.deepEqual((await tags(page)).filter((t) => /Open|Clos/.test(t)), ["Closed"]);
  assert.deepEqual(await bidding(page), { start: 0, closedNote: true, closedLine: true });
  await page.clock.resume(); // axe-core waits on timers of its own
  const violations = await axe(page);
  assert.equal(violations.length, 0, describe(violations));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a brief's page at and after its deadline is closed from the start", async () => {
  for (const time of ["2026-12-18T12:00:00Z", "2026-12-19T09:00:00Z"]) {
    const page = await at(brief, time);
    assert.equal(await fact(page, "Status"), "Closed", time);
    assert.deepEqual(await bidding(page), { start: 0, closedNote: true, closedLine: true }, time);
    await page.close();
  }
});

// openNow is the count in the home page's "Open now" heading and the
// links of the cards under it.
async function openNow(page) {
  const heading = await page.locator("h2#open .count").innerText();
  const cards = await page.locator("h2#open ~ ul.opp-list").first().locator("li.opp h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  return { count: Number(heading.replace(/\D/g, "")), cards };
}

test("home page: a card closing today leaves Open now at its deadline", async () => {
  const built = await at("", "2026-12-01T09:00:00Z");
  const before = await openNow(built);
  assert.ok(before.cards.includes("./" + garden), "the garden brief is open when built");
  await built.close();

  const page = await at("", "2026-12-04T11:59:30Z");
  const card = page.locator(`li.opp:has(a[href="./${garden}"])`);
  assert.match(await card.innerText(), /Closes\s+midday on Friday 4 December 2026 \(Closes today\)/);
  assert.deepEqual(await openNow(page), before);
  await page.clock.runFor(31_000);
  const later = await openNow(page);
  assert.equal(await card.count(), 0, "the closed card is gone");
  assert.equal(later.count, before.count - 1);
  assert.deepEqual(later.cards, before.cards.filter((c) => c !== "./" + garden));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("closing-soon page: a card whose deadline passed is not shown, days left are counted again", async () => {
  const page = await at("closing-soon/", "2026-12-05T09:00:00Z");
  const text = await page.locator("main").innerText();
  assert.doesNotMatch(text, /Looking after three community gardens/);
  assert.doesNotMatch(text, /Closes today/, "nothing closing on the 4th says 'today' on the 5th");
  await page.close();
});

test("without JavaScript the built statuses stay, saying when they were worked out", async () => {
  const noJS = await ctx.browser()?.newContext?.({ javaScriptEnabled: false });
  const page = noJS ? await noJS.newPage() : await ctx.newPage();
  if (!noJS) { await page.route("**/*.js", (r) => r.abort()); }
  await page.goto(s.base + brief);
  assert.match(await fact(page, "Status"), /^Open\s+Last updated at 9am on Tuesday 1 December 2026$/);
  assert.match(await fact(page, "Deadline for bids"), /\(17 days left\)/);
  await page.goto(s.base);
  assert.match(await page.locator("main").innerText(), /Open now \(\d+ opportunities\)\s+Last updated at 9am on Tuesday 1 December 2026\./);
  await page.close();
  await noJS?.close();
});

test("a deadline at 00:00 is never shown as midnight", async () => {
  // A copy of the example site with one brief due at 00:00 on a Sunday.
  const dir = mkdtempSync(join(tmpdir(), "tenders-midnight-"));
  for (const name of ["site.toml", "content", "static", "templates"]) {
    cpSync(join(repo, name), join(dir, name), { recursive: true });
  }
  writeFileSync(join(dir, "content/opportunities/night-patrols.md"), `+++
title = "Night patrols at two depots"
reference = "HAC-2026-099"
buyer = "hackney"
published = 2026-11-20T09:00:00Z
deadline = 2027-01-10T00:00:00
questions_deadline = 2027-01-03T00:00:00
summary = "Security patrols at two council depots at night for one year."
category = "services"
topics = ["grounds"]
boroughs = ["hackney"]
value_max = 40000
procedure = "quotes"
apply_url = "https://hackney.example/supplying/HAC-2026-099"

[contact]
name = "Joe Mensah"
email = "parks.contracts@hackney.example"
+++

## What we need

Two depots need a patrol every night.
`);
  const m = await site(dir);
  const page = await ctx.newPage();
  try {
    for (const path of ["opportunities/night-patrols/", "", "topics/grounds/"]) {
      await page.goto(m.base + path);
      const text = await page.locator("body").innerText();
      assert.match(text, /11:59pm on Saturday 9 January 2027 \(the night before Sunday 10 January\)/, `/${path}`);
      assert.doesNotMatch(text, /midnight/i, `/${path}`);
    }
    await page.goto(m.base + "opportunities/night-patrols/");
    assert.match(await fact(page, "Deadline for questions"), /^11:59pm on Saturday 2 January 2027 \(the night before Sunday 3 January\)$/);
  } finally {
    await page.close();
    m.server.close();
  }
});
