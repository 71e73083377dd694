// The search benchmark's browser part: serves a built site over HTTP
// (no compression: what a plain static server sends), opens tebiki's
// search page and a page with Pagefind's default UI on the same site
// in headless Chromium (the Debian package, through playwright-core),
// runs one query on each, and prints per tool, as JSON: the bytes the
// browser received for search (scripts, index, page table / fragments;
// not the page's own HTML and CSS), the time from opening the page to
// the first result on screen, and the number of results.
//
//   node tests/bench/search.js SITE_DIR QUERY RUNS
"use strict";
const path = require("path");
const fs = require("fs");
const http = require("http");
const os = require("os");
const { chromium } = require(path.join(__dirname, "../browser/node_modules/playwright-core"));

const [site, query, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json" };

const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = path.join(site, rel.endsWith("/") ? rel + "index.html" : rel);
  if (!file.startsWith(path.resolve(site)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream",
    "Cache-Control": "no-store" });
  fs.createReadStream(file).pipe(res);
});

// Pagefind's default UI, set up as its documentation says, showing as
// many results as tebiki's page does (10).
const pagefindPage = `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">
<title>Pagefind</title><link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head><body><div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({ element: "#search", pageSize: 10, showImages: false });
  ui.triggerSearch(new URLSearchParams(location.search).get("q"));
});</script></body></html>`;

// Records when the first result is added to the page.
const observe = (selector) => `
  new MutationObserver(function (m, o) {
    if (document.querySelector(${JSON.stringify(selector)})) {
      window.__firstResult = performance.now();
      o.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

// The number of results the page says it found.
const totals = {
  tebiki: () => (document.querySelector(".search-status").textContent.match(/(\d+)件/) || [])[1],
  pagefind: () => ((document.querySelector(".pagefind-ui__message") || {}).textContent || "")
    .replace(/(\d),(\d)/g, "$1$2").replace(/[^0-9 ]/g, " ").trim().split(/\s+/)[0],
};

async function measure(browser, url, selector, counts, total) {
  const ctx = await browser.newContext();
  await ctx.addInitScript(observe(selector));
  const page = await ctx.newPage();
  let bytes = 0, last = Date.now();
  const pending = [];
  page.on("request", () => { last = Date.now(); });
  page.on("response", (r) => {
    last = Date.now();
    if (counts(new URL(r.url()).pathname))
      pending.push(r.body().then((b) => { bytes += b.length; }, () => {}));
  });
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 60000 });
  await page.waitForFunction(() => window.__firstResult !== undefined);
  const t = await page.evaluate(() => window.__firstResult);
  // everything the results shown need: until nothing was asked for 1 s
  while (Date.now() - last < 1000) await page.waitForTimeout(200);
  await Promise.all(pending);
  const n = await page.$$eval(selector, (els) => els.length);
  const found = await page.evaluate(total);
  await ctx.close();
  return { bytes, ms: t, shown: n, total: Number(found) };
}

(async () => {
  fs.writeFileSync(path.join(site, "pagefind-bench.html"), pagefindPage);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-bench-"));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const q = encodeURIComponent(query);
  const tools = {
    tebiki: [base + "search.html?q=" + q, ".search-results li",
             (p) => p.startsWith("/search/") || p === "/js/search.js", totals.tebiki],
    pagefind: [base + "pagefind-bench.html?q=" + q, ".pagefind-ui__result",
               (p) => p.startsWith("/pagefind/"), totals.pagefind],
  };
  const out = {};
  try {
    for (const [name, [url, sel, counts, total]] of Object.entries(tools)) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await measure(browser, url, sel, counts, total));
      all.sort((a, b) => a.ms - b.ms);
      out[name] = all[Math.floor(all.length / 2)];	// the median run
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(site, "pagefind-bench.html"), { force: true });
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e.stack || e);
  process.exit(1);
});
