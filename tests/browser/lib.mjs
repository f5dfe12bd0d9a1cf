// Helpers for the browser tests: build the example site, serve it under a
// sub-path, drive Chromium, run axe-core and the Nu Html Checker, and check
// links.
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");
export const subPath = "/opps/";

// The clock the example site is built at, so the tests never rot.
export const now = "2026-12-01T09:00:00Z";

const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".xml": "application/xml", ".json": "application/json", ".ics": "text/calendar",
  ".txt": "text/plain", ".docx": "application/octet-stream", ".yml": "text/yaml", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/vnd.microsoft.icon",
};

// handler serves dir at /opps/ like a static host: folders get
// index.html, anything missing gets 404.html with status 404.
function handler(dir) {
  return (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(subPath)) { res.writeHead(404); res.end(); return; }
    let file = resolve(dir, "./" + path.slice(subPath.length));
    if (file !== dir && !file.startsWith(dir + "/")) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) { file = join(file, "index.html"); }
    if (!existsSync(file)) {
      res.writeHead(404, { "Content-Type": types[".html"] });
      res.end(readFileSync(join(dir, "404.html")));
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  };
}

// site builds a site folder (the example site unless told) for a local
// server under /opps/ and serves it. It starts the server first, to know
// the port the site is built for. The web editor is copied into admin/ as
// a site's publish job does.
export async function site(siteDir = repo) {
  let serveDir = null;
  const server = createServer((req, res) => handler(serveDir)(req, res));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}${subPath}`;
  const out = join(mkdtempSync(join(tmpdir(), "tenders-browser-")), "public");
  execFileSync("go", ["run", "./cmd/tenders", "build", "--site", siteDir, "--now", now, "--base-url", base, "--out", out], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("bash", ["scripts/editor.sh", out], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  serveDir = out;
  return { server, base, dir: out };
}

// serveFolder serves a site already built, as site() does.
export async function serveFolder(dir) {
  const server = createServer((req, res) => handler(dir)(req, res));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, base: `http://127.0.0.1:${server.address().port}${subPath}`, dir };
}

// synthSite generates n synthetic briefs (internal/synth), builds them as
// site() builds the example, and serves them.
export async function synthSite(n) {
  let serveDir = null;
  const server = createServer((req, res) => handler(serveDir)(req, res));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const base = `http://127.0.0.1:${server.address().port}${subPath}`;
  const tmp = mkdtempSync(join(tmpdir(), "tenders-synth-"));
  const src = join(tmp, "site"), out = join(tmp, "public");
  const go = (args, cwd) => execFileSync("go", args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  go(["run", "./internal/synth/gensite", "-n", String(n), "-out", src], repo);
  const bin = join(tmp, "tenders");
  go(["build", "-o", bin, "./cmd/tenders"], repo);
  // Its many warnings are left out; on failure the error carries them.
  execFileSync(bin, ["build", "--now", now, "--base-url", base, "--out", out], { cwd: src, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 256 << 20 });
  serveDir = out;
  return { server, base, dir: out, tmp };
}

export async function browser() {
  const profile = mkdtempSync(join(tmpdir(), "tenders-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

// axe runs axe-core on the page with the WCAG 2.2 AA tags and returns the
// violations.
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
  });
  return result.violations;
}

export function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n")).join("\n");
}

// htmlFiles lists every .html file under dir.
export function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { walk(p); } else if (name.endsWith(".html")) { out.push(p); }
    }
  };
  walk(dir);
  return out.sort();
}

// vnu checks HTML files with the Nu Html Checker and returns its errors.
export function vnu(files) {
  const jar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
  const r = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", ...files], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) { throw r.error; }
  const report = JSON.parse(r.stderr || r.stdout);
  return report.messages.filter((m) => m.type === "error");
}

// links checks that every internal href and src of the HTML files under
// dir resolves to a file, and every #fragment to an id in it. It returns
// the problems.
export function links(dir, base) {
  const files = htmlFiles(dir);
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const html = readFileSync(file, "utf8");
      ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    }
    return ids.get(file);
  };
  const problems = [];
  let checked = 0;
  for (const file of files) {
    const html = readFileSync(file, "utf8");
    const rel = file.slice(dir.length + 1).replaceAll("\\", "/");
    const pageURL = new URL(rel.endsWith("index.html") ? rel.slice(0, -"index.html".length) : rel, base);
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = m[1].replaceAll("&amp;", "&");
      let url;
      try { url = new URL(raw, pageURL); } catch { problems.push(`${rel}: bad address ${raw}`); continue; }
      if (url.origin !== new URL(base).origin) { continue; }
      if (!url.pathname.startsWith(subPath)) { problems.push(`${rel}: ${raw} leaves ${subPath}`); continue; }
      let target = join(dir, decodeURIComponent(url.pathname.slice(subPath.length)));
      if (url.pathname.endsWith("/")) { target = join(target, "index.html"); }
      checked++;
      if (!existsSync(target)) { problems.push(`${rel}: ${raw} points at a missing file`); continue; }
      if (url.hash && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) {
        problems.push(`${rel}: ${raw} points at a missing #${url.hash.slice(1)}`);
      }
    }
  }
  return { problems, checked };
}
