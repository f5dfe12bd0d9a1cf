// How much a search transfers and how soon it shows its first results, on
// a synthetic site, in Chromium slowed down as a mid-range phone on a slow
// network: 4x CPU throttling, and two network profiles. The figures are
// printed, never asserted as timings; what is asserted is that results come
// and that a query stays within the transfer budget.
//
// SEARCH_BRIEFS sets the size of the site (2,000 by default, so the suite
// stays quick); BENCHMARKS.md gives the figures at 50,000:
//   SEARCH_BRIEFS=50000 node --test search-speed.test.mjs
// SEARCH_SITE=DIR measures a site already built in DIR instead.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { synthSite, serveFolder, browser, now } from "./lib.mjs";
import { rmSync, readFileSync } from "node:fs";

const given = process.env.SEARCH_SITE;
const briefs = given ? JSON.parse(readFileSync(`${given}/search/index.json`, "utf8")).docs : Number(process.env.SEARCH_BRIEFS || 2000);
const budget = 300 * 1000; // bytes a query may transfer

const profiles = {
  "slow 3G (2000 ms, 50 KB/s)": { latency: 2000, downloadThroughput: 50 * 1000, uploadThroughput: 50 * 1000 },
  "fast 3G (150 ms, 1.6 Mbit/s)": { latency: 150, downloadThroughput: 200 * 1000, uploadThroughput: 94 * 1000 },
};

// Each query is what a person does in the form: fields to set, then Enter.
const queries = {
  "a common word of the bodies": { q: "library" },
  "a closed brief's buyer": { status: "closed", buyer: "buyer-07" },
  "a reference, one brief": { q: "SYN-000123" },
  "words and facets": { q: "park", topic: "sport", borough: "merton" },
};

let s, ctx;
before(async () => {
  s = given ? await serveFolder(given) : await synthSite(briefs);
  ctx = await browser();
});
after(async () => {
  await ctx?.close();
  s?.server.close();
  if (s?.tmp) { rmSync(s.tmp, { recursive: true, force: true }); }
});

// run sets the form's fields, submits it, and returns the time until the
// count of results is announced and the bytes fetched from search/ meanwhile.
// A repeat of a query finds its files in the browser's memory.
async function run(page, cdp, fields) {
  let bytes = 0;
  const urls = new Map();
  const onResponse = (e) => urls.set(e.requestId, e.response.url);
  const onFinished = (e) => { if ((urls.get(e.requestId) || "").includes("/search/")) { bytes += e.encodedDataLength; } };
  cdp.on("Network.responseReceived", onResponse);
  cdp.on("Network.loadingFinished", onFinished);
  const ms = await page.evaluate((fields) => new Promise((done, fail) => {
    setTimeout(() => fail(new Error("no count of results after 120 s")), 120000);
    const form = document.getElementById("filters");
    const count = document.getElementById("filter-count");
    count.textContent = "";
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (/match/.test(count.textContent)) { seen.disconnect(); done(performance.now() - t0); }
    });
    seen.observe(count, { childList: true, characterData: true, subtree: true });
    form.reset(); // then an empty search, so that a repeat is searched again
    form.requestSubmit();
    for (const name of ["q", "status", "topic", "borough", "buyer", "value", "days"]) {
      if (form.elements[name]) { form.elements[name].value = fields[name] || ""; }
    }
    form.requestSubmit();
  }), fields);
  await new Promise((ok) => setTimeout(ok, 50)); // let the last loadingFinished arrive
  cdp.off("Network.responseReceived", onResponse);
  cdp.off("Network.loadingFinished", onFinished);
  const found = await page.textContent("#filter-count");
  return { ms: Math.round(ms), kb: Math.round(bytes / 100) / 10, found };
}

for (const [pname, profile] of Object.entries(profiles)) {
  test(`search at ${briefs} briefs, 4x CPU, ${pname}: bytes and time to first results`, { timeout: 15 * 60 * 1000 }, async (t) => {
    const rows = [];
    for (const [qname, fields] of Object.entries(queries)) {
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.clearBrowserCache");
      await page.clock.setFixedTime(new Date(now));
      await page.goto(s.base);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...profile });
      const cold = await run(page, cdp, fields);
      const warm = await run(page, cdp, fields);
      rows.push({ query: qname, found: cold.found, "cold ms": cold.ms, "cold KB": cold.kb, "repeat ms": warm.ms, "repeat KB": warm.kb });
      assert.match(cold.found, /\d opportunit/, `${qname}: ${cold.found}`);
      assert.ok(cold.kb * 1000 <= budget, `${qname} transferred ${cold.kb} KB`);
      await page.close();
    }
    for (const r of rows) { t.diagnostic(JSON.stringify(r)); }
    console.log(`# search at ${briefs} briefs, ${pname}`);
    console.table(rows);
  });
}
