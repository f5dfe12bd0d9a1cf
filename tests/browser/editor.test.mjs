// The web editor for buyers (/admin/), driven in headless Chromium against
// its local backend (decap-server in git mode, over a copy of the example
// site in a fresh repository): a brief made by filling the form passes
// tenders check and builds; changing one date changes one line, of a brief
// the editor wrote and of one written by hand; the form is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, cpSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { site, browser, axe, describe, repo, here, now } from "./lib.mjs";

const slug = "window-cleaning-for-three-libraries";
const file = `content/opportunities/${slug}.md`;
const branch = `cms/opportunities/${slug}`;
const shots = join(here, "screenshots");

let dir, checkDir, s, proxy, ctx, tenders;

const git = (...args) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });

// freePort asks the system for a port nothing listens on.
const freePort = () => new Promise((ok) => {
  const l = createServer();
  l.listen(0, "127.0.0.1", () => { const p = l.address().port; l.close(() => ok(p)); });
});

// waitFor polls until f returns true, or fails after ms.
async function waitFor(what, f, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) { return; }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenders-editor-"));
  checkDir = mkdtempSync(join(tmpdir(), "tenders-editor-check-"));
  for (const f of ["site.toml", "content", "static", "templates"]) {
    cpSync(join(repo, f), join(dir, f), { recursive: true });
    cpSync(join(repo, f), join(checkDir, f), { recursive: true });
  }
  tenders = join(mkdtempSync(join(tmpdir(), "tenders-bin-")), "tenders");
  execFileSync("go", ["build", "-o", tenders, "./cmd/tenders"], { cwd: repo });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "The example site");
  git("config", "user.name", "Test");
  git("config", "user.email", "test@example.org");
  s = await site(dir);
  // Point the editor at this run's local backend, on a port of its own.
  const port = await freePort();
  const cfgPath = join(s.dir, "admin/config.yml");
  const cfg = JSON.parse(readFileSync(cfgPath, "utf8"));
  cfg.local_backend = { url: `http://127.0.0.1:${port}/api/v1` };
  writeFileSync(cfgPath, JSON.stringify(cfg));
  proxy = spawn("node", [join(repo, "editor/node_modules/decap-server/dist/index.js")], {
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", MODE: "git", GIT_REPO_DIRECTORY: dir, LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor("the local backend", async () => {
    try { return (await fetch(cfg.local_backend.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"action":"info"}' })).ok; } catch { return false; }
  });
  ctx = await browser();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await ctx?.close();
  proxy?.kill();
  s?.server.close();
});

// open opens the editor at path, signing in to the local backend if it
// asks, and waits for ready.
async function open(page, path, ready) {
  await page.goto(s.base + "admin/" + path);
  const login = page.getByRole("button", { name: /log ?in/i });
  await login.or(ready).first().waitFor({ timeout: 30000 }).catch(async (e) => {
    await page.screenshot({ path: join(shots, "editor-timeout.png") });
    throw e;
  });
  if (await login.isVisible()) {
    await login.click(); // the local backend asks for no password
    await page.goto(s.base + "admin/" + path);
  }
  await ready.waitFor({ timeout: 30000 });
}

// openForm opens the form for a new brief.
const openForm = (page) => open(page, "#/collections/opportunities/new", page.locator("[id^=title-field]").first());

// choose picks an option of a select field by typing its label.
async function choose(page, id, text) {
  await page.locator(`[id^=${id}-field]`).first().fill(text);
  await page.keyboard.press("Enter");
}

// save saves the entry as a draft and waits until the editor says so.
async function save(page) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(/Entry saved/i).first().waitFor({ timeout: 20000 });
}

// checkDraft writes the draft's file into a copy of the site (not the
// repository the editor works in) and runs tenders check and build on it.
function checkDraft(text) {
  writeFileSync(join(checkDir, file), text);
  const check = spawnSync(tenders, ["check", "--now", now, file], { cwd: checkDir, encoding: "utf8" });
  const build = spawnSync(tenders, ["build", "--now", now, "--out", join(mkdtempSync(join(tmpdir(), "tenders-editor-out-")), "public")], { cwd: checkDir, encoding: "utf8" });
  return { check, build };
}

test("a brief made in the form passes tenders check and builds", async () => {
  const page = await ctx.newPage();
  await openForm(page);
  const body = await page.locator("textarea[id^=body-field]").inputValue();
  assert.match(body, /## What we need\n\n\[write /, "the body starts with the five sections and their guidance");
  const violations = await axe(page);
  await page.screenshot({ path: join(shots, "editor-new.png"), fullPage: true });

  await page.locator("[id^=title-field]").first().fill("Window cleaning for three libraries");
  await page.locator("[id^=reference-field]").first().fill("CAM-2026-099");
  await choose(page, "buyer", "Camden");
  await page.locator("[id^=published-field]").first().fill("2026-11-30T09:00");
  await page.locator("[id^=deadline-field]").first().fill("2026-12-18T12:00");
  await page.locator("[id^=summary-field]").first().fill("Cleaning the windows of three Camden libraries, inside and out, four times a year.");
  await choose(page, "category", "services");
  await choose(page, "topics", "Cleaning");
  await choose(page, "boroughs", "Camden");
  await page.locator("[id^=value_max-field]").first().fill("12000");
  await choose(page, "suitable_for", "sme");
  await page.locator("[id^=payment_days-field]").first().fill("30");
  await page.locator("[id^=apply_url-field]").first().fill("mailto:procurement@camden.example.org");
  await page.locator("[id^=email-field]").first().fill("procurement@camden.example.org");
  await page.locator("textarea[id^=body-field]").fill([
    "## What we need", "", "Clean the windows of Kentish Town, Highgate and Swiss Cottage libraries, inside and out, four times a year.", "",
    "## Who this is for", "", "A small cleaning firm or a social enterprise. Groups of small firms can bid together.", "",
    "## What you need to apply", "", "A two-page form. You need insurance only if you win.", "",
    "## How we will choose", "", "Quality counts for 60% and price for 40%.", "",
    "## How to apply", "", "Send the form by e-mail before the deadline. Ask us anything by e-mail.", "",
  ].join("\n"));
  await save(page);
  await page.screenshot({ path: join(shots, "editor-saved.png") });

  assert.ok(git("branch", "--list", branch).includes(branch), "the draft is a branch of its own, for a pull request");
  assert.equal(git("show", `main:content/opportunities`).includes(slug), false, "main is untouched until the draft is merged");
  const text = git("show", `${branch}:${file}`);
  assert.match(text, /^\+\+\+\n[\s\S]*\n\+\+\+\n/, "TOML front matter between +++ lines");
  const { check, build } = checkDraft(text);
  assert.equal(check.status, 0, `tenders check failed on what the editor wrote:\n${text}\n${check.stdout}${check.stderr}`);
  assert.match(check.stdout, /: 0 errors, 0 warnings, /);
  assert.equal(build.status, 0, `tenders build failed:\n${build.stderr}`);
  assert.deepEqual(violations, [], describe(violations));
  await page.close();
});

test("changing the deadline of a saved brief changes that one line", async () => {
  const page = await ctx.newPage();
  const before = git("rev-parse", branch).trim();
  const card = page.getByText("Window cleaning for three libraries").first();
  await open(page, "#/workflow", card);
  await page.screenshot({ path: join(shots, "editor-workflow.png") });
  await card.click();
  await page.locator("[id^=deadline-field]").first().waitFor({ timeout: 30000 });
  await page.screenshot({ path: join(shots, "editor-draft.png") });
  await page.locator("[id^=deadline-field]").first().fill("2026-12-21T12:00");
  await save(page);
  const diff = git("diff", "--unified=0", before, branch, "--", file);
  const changed = diff.split("\n").filter((l) => /^[-+](?![-+]{2} )/.test(l));
  assert.deepEqual(changed, ["-deadline = 2026-12-18T12:00:00", "+deadline = 2026-12-21T12:00:00"], diff);
  const { check } = checkDraft(git("show", `${branch}:${file}`));
  assert.equal(check.status, 0, check.stdout + check.stderr);
  await page.close();
});

test("changing the deadline of a brief written by hand changes that one line, and nothing else", async () => {
  const hand = "school-fruit-and-vegetables";
  const handFile = `content/opportunities/${hand}.md`;
  const original = git("show", `main:${handFile}`);
  assert.match(original, /^deadline = 2027-01-15T12:00:00Z$/m, "the example brief is as this test expects");
  const page = await ctx.newPage();
  await open(page, `#/collections/opportunities/entries/${hand}`, page.locator("[id^=deadline-field]").first());
  await page.locator("[id^=deadline-field]").first().fill("2027-01-22T12:00");
  await save(page);
  const diff = git("diff", "--unified=0", "main", `cms/opportunities/${hand}`, "--");
  const changed = diff.split("\n").filter((l) => /^[-+](?![-+]{2} )/.test(l));
  assert.deepEqual(changed, ["-deadline = 2027-01-15T12:00:00Z", "+deadline = 2027-01-22T12:00:00Z"], diff);
  const text = git("show", `cms/opportunities/${hand}:${handFile}`);
  writeFileSync(join(checkDir, handFile), text);
  const check = spawnSync(tenders, ["check", "--now", now, handFile], { cwd: checkDir, encoding: "utf8" });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  await page.close();
});

test("a required field left empty is refused before saving, with its message", async () => {
  const page = await ctx.newPage();
  await openForm(page);
  await page.locator("[id^=reference-field]").first().fill("not a reference!");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText(/Letters, digits and/).first().waitFor({ timeout: 10000 });
  await page.getByText(/is required/i).first().waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(shots, "editor-errors.png") });
  await page.close();
});
