// Accessibility, HTML validity, links and keyboard use of the example site
// in headless Chromium. Run: npm test (bash scripts/test.sh does).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { site, browser, axe, describe, htmlFiles, vnu, links, here, now } from "./lib.mjs";

// Every page type, and a path that reaches it.
const pages = {
  "home": "",
  "open brief": "opportunities/cleaning-kentish-town-libraries/",
  "closed brief": "opportunities/interpreting-services/",
  "awarded brief": "opportunities/staff-uniform-laundry/",
  "cancelled brief": "opportunities/town-hall-door-staff/",
  "facet index": "topics/",
  "facet page": "topics/cleaning/",
  "borough index with map": "boroughs/",
  "borough page": "boroughs/camden/",
  "closed list": "opportunities/closed/",
  "events": "events/",
  "event page": "events/winter-meet-the-buyers/",
  "feeds page": "feeds/",
  "plain page": "about/",
  "progress page": "progress/",
  "buyer page with progress": "buyers/newham/",
  "open data page": "data/",
  "submit page": "submit/",
  "checker page": "check/",
  "writing guide": "writing-guide/",
  "404": "no/such/page/",
};
const widths = { desktop: 1280, phone: 390 };

let s, ctx;
const shots = join(here, "screenshots");

before(async () => {
  s = await site();
  ctx = await browser();
  mkdirSync(shots, { recursive: true });
  console.log(`# screenshots are saved in ${shots}`);
});

after(async () => {
  await ctx?.close();
  s?.server.close();
});

for (const [name, path] of Object.entries(pages)) {
  for (const [wname, width] of Object.entries(widths)) {
    test(`axe: ${name} at ${width}px has no WCAG 2.2 AA violations`, async () => {
      const page = await ctx.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); } });
      // Every request of the page but the page itself succeeds: a missing
      // icon or style sheet is an error in the console.
      const failed = [];
      page.on("response", (r) => { if (r.status() >= 400 && r.url() !== s.base + path) { failed.push(`${r.status()} ${r.url()}`); } });
      await page.setViewportSize({ width, height: 900 });
      const resp = await page.goto(s.base + path);
      assert.equal(resp.status(), name === "404" ? 404 : 200);
      const violations = await axe(page);
      assert.equal(violations.length, 0, describe(violations));
      // Reflow: nothing scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width}px`);
      assert.deepEqual(failed, [], "failed requests");
      // The 404 page's own status is the one error its console may show.
      const own = (e) => name === "404" && /status of 404/.test(e);
      assert.deepEqual(errors.filter((e) => !own(e)), [], "console errors");
      if (name === "home" || name === "open brief") {
        await page.screenshot({ path: join(shots, `${name.replace(" ", "-")}-${wname}.png`), fullPage: true });
      }
      await page.close();
    });
  }
}

test("reflow at 320px and 400% zoom (1280px at 4x is 320 CSS px)", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ["", "opportunities/cleaning-kentish-town-libraries/", "feeds/"]) {
    await page.goto(s.base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `/${path} scrolls sideways by ${overflow}px at 320px`);
  }
  await page.close();
});

// Each label's box, against the box it must fit in: the chart's own, or
// the scrolling region that holds a table. Returns the ones that spill.
function clippedLabels() {
  const out = [];
  const inside = (el, box, what) => {
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
      out.push(`${what} "${el.textContent.trim()}" at ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)}, ` +
        `outside ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}`);
    }
  };
  for (const svg of document.querySelectorAll("svg.chart")) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll("text")) { inside(t, box, "chart label"); }
  }
  for (const region of document.querySelectorAll(".table-scroll")) {
    const box = region.getBoundingClientRect();
    for (const c of region.querySelectorAll("caption")) { inside(c, box, "caption"); }
  }
  return out;
}

for (const path of ["progress/", "buyers/newham/"]) {
  for (const width of Object.values(widths)) {
    test(`/${path} at ${width}px: no chart label or caption is cut, and the charts' text is the page's size`, async () => {
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(s.base + path);
      assert.ok(await page.locator("svg.chart text").count() >= 6, "the charts have their labels");
      assert.deepEqual(await page.evaluate(clippedLabels), []);
      const sizes = await page.evaluate(() => [...new Set([...document.querySelectorAll("svg.chart text, main > p:not(.lead)")]
        .map((el) => getComputedStyle(el).fontSize))]);
      assert.equal(sizes.length, 1, `the charts and the page's text have sizes ${sizes}`);
      await page.close();
    });
  }
}

test("the label check fails on a cut label", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto(s.base + "progress/");
  await page.evaluate(() => { document.querySelector("svg.chart text").setAttribute("x", "95%"); });
  assert.match((await page.evaluate(clippedLabels)).join("\n"), /chart label "Small businesses: \d+%"/);
  await page.close();
});

for (const [wname, width] of Object.entries(widths)) {
  test(`the network's logo, with its alt text, and the phase banner at ${width}px`, async () => {
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(s.base + "opportunities/");
    const logo = page.locator("header .network img");
    assert.equal(await logo.getAttribute("alt"), "London Anchor Network");
    const img = await logo.evaluate((el) => ({ loaded: el.complete && el.naturalWidth > 0, ...el.getBoundingClientRect().toJSON() }));
    assert.ok(img.loaded, "the logo loads");
    assert.equal(Math.round(img.height), 48, "the logo is 48px high");
    assert.ok(img.right <= width, `the logo ends at ${img.right}px, past the ${width}px page`);
    // The logo is the link's only content: its alt text names the link.
    assert.equal(await page.getByRole("link", { name: "London Anchor Network", exact: true }).first().getAttribute("href"), "https://www.londonanchors.example/");
    const banner = page.locator("header .phase-banner");
    assert.ok(await banner.isVisible(), "the phase banner shows");
    assert.equal((await banner.locator(".phase-tag").textContent()).trim(), "Beta");
    assert.match(await banner.textContent(), /This is a new service\. Your feedback will help us improve it\./);
    assert.equal(await banner.getByRole("link", { name: "Give your feedback" }).getAttribute("href"), "mailto:network@londonanchors.example");
    assert.match(await page.textContent("footer"), /London anchor opportunities is run by London Anchor Network\./);
    if (wname === "phone") { await page.screenshot({ path: join(shots, "header-phone.png") }); }
    await page.close();
  });
}

test("every icon a page names loads as an image", async () => {
  const page = await ctx.newPage();
  await page.goto(s.base);
  const icons = await page.$$eval('link[rel="icon"], link[rel="apple-touch-icon"]', (ls) => ls.map((l) => l.href));
  assert.equal(icons.length, 3, `icons ${icons}`);
  for (const href of icons) {
    const size = await page.evaluate((src) => new Promise((ok) => {
      const im = new Image();
      im.onload = () => ok(im.naturalWidth);
      im.onerror = () => ok(0);
      im.src = src;
    }), href);
    assert.ok(size > 0, `${href} does not load as an image`);
  }
  assert.match(await page.getAttribute('meta[name="theme-color"]', "content"), /^#[0-9a-f]{6}$/);
  await page.close();
});

test("the old address of a renamed brief leads to its page", async () => {
  const page = await ctx.newPage();
  await page.goto(s.base + "opportunities/kentish-town-library-cleaning/");
  await page.waitForURL(s.base + "opportunities/cleaning-kentish-town-libraries/");
  assert.match(await page.textContent("h1"), /Cleaning for two community libraries/);
  await page.close();
});

test("Nu Html Checker: every HTML file is valid", () => {
  const files = htmlFiles(s.dir);
  assert.ok(files.length > 50, `only ${files.length} HTML files`);
  const errors = vnu(files);
  assert.equal(errors.length, 0, errors.slice(0, 20).map((e) => `${e.url}:${e.lastLine}: ${e.message}`).join("\n"));
});

test("every internal link and #fragment resolves", () => {
  const { problems, checked } = links(s.dir, s.base);
  assert.ok(checked > 500, `only ${checked} links checked`);
  assert.deepEqual(problems, []);
});

test("keyboard: skip link first, then the filters, then every result in order, focus always visible", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(s.base);
  const results = await page.$$eval(".opp-list li.opp h3 a", (as) => as.map((a) => a.href));
  assert.ok(results.length > 5);
  const order = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      return {
        tag: el.tagName, id: el.id, href: el.href || "", cls: el.className,
        visible: cs.outlineStyle !== "none" || cs.boxShadow !== "none" || cs.backgroundColor !== "rgba(0, 0, 0, 0)",
      };
    });
    if (i === 0) {
      assert.equal(info.cls, "skip-link", "the first tab stop is the skip link");
    }
    assert.ok(info.visible, `no visible focus on ${info.tag}#${info.id} ${info.href}`);
    order.push(info);
    if (info.href === results[results.length - 1]) { break; }
  }
  const firstFilter = order.findIndex((o) => o.id === "filter-q");
  const firstResult = order.findIndex((o) => o.href === results[0]);
  assert.ok(firstFilter > 0, "tabbing reaches the filter controls");
  assert.ok(firstResult > firstFilter, "the filters come before the results");
  const reached = order.map((o) => o.href).filter((h) => results.includes(h));
  assert.deepEqual(reached, results, "every result link, in order");
  await page.close();
});

// The search form, at the clock the site was built at: results replace the
// listing, the count is announced, and the choices stay in the address.
async function searchPage(path = "") {
  const page = await ctx.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.clock.setFixedTime(new Date(now));
  await page.goto(s.base + path);
  return { page, errors };
}

async function resultLinks(page) {
  await page.waitForFunction(() => /match/.test(document.getElementById("filter-count").textContent));
  return page.$$eval("#search-results li.opp h3 a", (as) => as.map((a) => new URL(a.href).pathname));
}

test("search: filters find across every brief, announce the count, keep state in the address", async () => {
  const { page, errors } = await searchPage();
  const listed = await page.locator("#listing li.opp").count();
  await page.selectOption("#filter-topic", "cleaning");
  const found = await resultLinks(page);
  assert.ok(found.length > 0 && found.length < 21, `topic filter finds ${found.length}`);
  assert.equal(await page.isVisible("#listing"), false, "the listing gives way to the results");
  assert.match(await page.textContent("#filter-count"), new RegExp(`^${found.length} opportunit(y matches|ies match)$`));
  assert.match(page.url(), /\?topic=cleaning$/);
  await page.check("#filter-vcse");
  await page.waitForFunction(() => /suits=vcse/.test(location.search));
  assert.match(page.url(), /topic=cleaning&suits=vcse/);
  // A shared address restores the search.
  await page.goto(s.base + "?topic=cleaning&suits=vcse");
  assert.equal(await page.inputValue("#filter-topic"), "cleaning");
  assert.ok(await page.isChecked("#filter-vcse"));
  await resultLinks(page);
  await page.fill("#filter-q", "zzznosuchword");
  await page.waitForFunction(() => /^No opportunities match/.test(document.getElementById("filter-count").textContent));
  await page.click("button[type=reset]");
  await page.waitForFunction(() => !document.getElementById("listing").hidden);
  assert.equal(await page.locator("#listing li.opp").count(), listed);
  assert.deepEqual(errors, []);
  await page.close();
});

test("search: finds a closed brief by a word only its body holds", async () => {
  const { page, errors } = await searchPage();
  await page.fill("#filter-q", "benefits ");
  const found = await resultLinks(page);
  assert.ok(found.some((p) => p.endsWith("/opportunities/interpreting-services/")), found.join(" "));
  const card = page.locator("#search-results li.opp", { hasText: "Interpreting and translation" });
  assert.match(await card.locator(".tag").first().textContent(), /Closed/);
  // While a word is being typed, its beginning is enough.
  await page.fill("#filter-q", "benef");
  assert.deepEqual(await resultLinks(page), found);
  assert.deepEqual(errors, []);
  await page.close();
});

test("search: a buyer's closed briefs, to see what it bought before", async () => {
  const { page, errors } = await searchPage();
  await page.selectOption("#filter-status", "closed");
  await page.selectOption("#filter-buyer", "newham");
  const found = await resultLinks(page);
  assert.ok(found.some((p) => p.endsWith("/opportunities/interpreting-services/")), found.join(" "));
  const buyers = await page.$$eval("#search-results li.opp", (lis) => lis.map((li) =>
    [...li.querySelectorAll("dt")].find((dt) => dt.textContent === "Buyer").nextElementSibling.textContent));
  assert.ok(buyers.every((b) => b === "London Borough of Newham"), buyers.join(", "));
  const tags = await page.$$eval("#search-results li.opp .tag", (ts) => ts.map((t) => t.textContent));
  assert.ok(tags.every((t) => /Closed|Awarded|Cancelled/.test(t)), tags.join(", "));
  assert.deepEqual(errors, []);
  await page.close();
});

test("search: on a topic's page the topic holds, with more words and filters", async () => {
  const { page, errors } = await searchPage("topics/cleaning/");
  const listed = await page.$$eval("#listing li.opp h3 a", (as) => as.map((a) => new URL(a.href).pathname));
  assert.equal(await page.locator("#filter-topic").count(), 0, "no topic select on a topic's page");
  await page.selectOption("#filter-status", "open");
  const found = await resultLinks(page);
  assert.ok(found.length > 0, "something open in cleaning");
  assert.ok(found.every((p) => listed.includes(p)), `${found} not all in ${listed}`);
  await page.fill("#filter-q", "library ");
  const fewer = await resultLinks(page);
  assert.ok(fewer.length > 0 && fewer.length <= found.length && fewer.every((p) => found.includes(p)));
  assert.deepEqual(errors, []);
  await page.close();
});

test("search: more results on request, focus on the first new one; axe finds nothing wrong", async () => {
  const { page, errors } = await searchPage();
  await page.selectOption("#filter-status", "");
  await page.fill("#filter-q", "2026 "); // every reference holds the year
  const first = await resultLinks(page);
  assert.equal(first.length, 10, "a page of results: " + await page.textContent("#filter-count"));
  assert.ok(await page.isVisible("#search-results button.more"), await page.textContent("#filter-count"));
  await page.click("#search-results button.more");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li.opp").length > 10);
  const focused = await page.evaluate(() => document.activeElement.closest("li.opp") === document.querySelectorAll("#search-results li.opp")[10]);
  assert.ok(focused, "focus moves to the first new result");
  const violations = await axe(page);
  assert.equal(violations.length, 0, describe(violations));
  assert.deepEqual(errors, []);
  await page.close();
});

test("phone: at 390px the first opportunity is on the first screen, the filters behind a button", async (t) => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(s.base);
  const top = await page.$eval("#listing li.opp", (li) => li.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < 844, `the first card starts ${top}px down`);
  t.diagnostic(`the first card starts ${Math.round(top)}px down`);
  assert.equal(await page.isVisible("#filter-status"), false, "the filters wait behind the button");
  const button = page.locator("button.filter-toggle");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  await button.click();
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.ok(await page.isVisible("#filter-status"));
  const violations = await axe(page);
  assert.equal(violations.length, 0, describe(violations));
  // On a wide screen there is no button: the filters are all shown.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await button.isVisible(), false);
  assert.ok(await page.isVisible("#filter-status"));
  await page.close();
});

test("cards: value, deadline, buyer, place and insurance, in that order, on every card", async () => {
  const page = await ctx.newPage();
  await page.goto(s.base + "opportunities/");
  const orders = await page.$$eval("li.opp", (lis) => lis.map((li) => [...li.querySelectorAll("dt")].map((dt) => dt.innerText).join(",")));
  assert.ok(orders.length > 10);
  for (const o of orders) { assert.match(o, /^Value,Clos(es|ed),Buyer,(Places?,)?Insurance$/); }
  // A brief's page offers "Start your bid" under its key facts too.
  await page.goto(s.base + pages["open brief"]);
  const after = await page.$eval("dl.summary-list", (dl) => dl.nextElementSibling.querySelector(".start-link")?.textContent);
  assert.match(after || "", /^Start your bid/);
  await page.close();
});

test("without JavaScript the filter form stays hidden and the browse links work", async () => {
  const noJS = await ctx.browser()?.newContext?.({ javaScriptEnabled: false });
  const page = noJS ? await noJS.newPage() : await ctx.newPage();
  if (!noJS) { await page.route("**/*.js", (r) => r.abort()); }
  await page.goto(s.base);
  assert.equal(await page.isVisible("#filters"), false);
  await page.click("text=by topic");
  assert.match(page.url(), /\/topics\/$/);
  await page.close();
  await noJS?.close();
});

// Negative tests: the same checks fail on a deliberately broken page.
test("map: every borough is a link with its count, the same as the table beside it", async () => {
  const page = await ctx.newPage();
  await page.goto(s.base);
  const areas = await page.$$eval(".borough-map svg a", (as) => as.map((a) => [a.getAttribute("href"), a.getAttribute("aria-label")]));
  assert.equal(areas.length, 33, "one link per London borough");
  const rows = await page.$$eval(".map-table tbody tr", (trs) => trs.map((tr) => [tr.querySelector("a").getAttribute("href"), tr.querySelector("td").textContent.trim()]));
  const table = new Map(rows);
  for (const [href, label] of areas) {
    const n = label.match(/: (\d+) open/)?.[1];
    assert.ok(n !== undefined, `map label without a count: ${label}`);
    assert.equal(table.get(href), n, `map and table disagree for ${href}`);
  }
  // A keyboard user reaches a borough and follows it with Enter.
  const camden = '.borough-map svg a[href="./boroughs/camden/"]';
  const stroke = () => page.$eval(camden + " path", (p) => getComputedStyle(p).strokeWidth);
  const before = await stroke();
  await page.keyboard.press("Tab"); // the skip link: keyboard focus from here on
  await page.focus(camden);
  assert.notEqual(await stroke(), before, "the focused borough looks no different");
  await Promise.all([page.waitForURL(/boroughs\/camden\/$/), page.keyboard.press("Enter")]);
  await page.close();
});

test("the checks fail on a broken page", async () => {
  const html = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Broken</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>Broken</h1>
<img src="../css/site.css">
<p style="color:#bbb;background:#fff">Low contrast text</p>
<a href="../no-such-page/">A broken link</a></main></body></html>`;
  mkdirSync(join(s.dir, "broken"), { recursive: true });
  writeFileSync(join(s.dir, "broken/index.html"), html);
  try {
    const page = await ctx.newPage();
    await page.goto(s.base + "broken/");
    const ids = (await axe(page)).map((v) => v.id);
    assert.ok(ids.includes("image-alt"), `axe missed the image without alt: ${ids}`);
    assert.ok(ids.includes("color-contrast"), `axe missed the contrast failure: ${ids}`);
    await page.close();
    assert.ok(vnu([join(s.dir, "broken/index.html")]).some((e) => /alt/.test(e.message)), "vnu missed the image without alt");
    assert.ok(links(s.dir, s.base).problems.some((p) => p.includes("no-such-page")), "the link check missed the broken link");
  } finally {
    writeFileSync(join(s.dir, "broken/index.html"), readFileSync(join(s.dir, "404.html")));
  }
});
