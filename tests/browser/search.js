// Site search in headless Chromium, by keyboard, from file:// and from
// a server at a sub-path: "/" moves to the search field on any page,
// results come with a snippet and are announced, the arrow keys move
// through them and Enter opens one, the audience selector narrows the
// results. Prints TAP lines.
//
//   node tests/browser/search.js SITE_DIR OUT_DIR
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { launch, tap } = require("./lib.js");

const [site, outdir] = process.argv.slice(2);
const { ok, done } = tap("search");
const fileUrl = (rel) => "file://" + path.resolve(site, rel);

async function results(page) {
  await page.waitForFunction(() => /件/.test(document.querySelector(".search-status").textContent));
  return page.$$eval(".search-results li", (lis) => lis.map((li) => ({
    href: li.querySelector("a").getAttribute("href"),
    text: li.innerText,
    marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
  })));
}

// The site under /deep/sub/ of a plain HTTP server.
function serve() {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(site, p.replace(/^\/deep\/sub\//, "/"));
    if (!p.startsWith("/deep/sub/") || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "Content-Type": file.endsWith(".js") ? "text/javascript" : "text/html" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r(server)));
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  let server;
  try {
    const ctx = await launch(dir, { width: 1000, height: 1000 });
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // "/" on a content page, then type and submit
    await page.goto(fileUrl("lessons/basics.html"));
    await page.keyboard.press("/");
    ok('"/" moves to the header\'s search field',
       await page.evaluate(() => document.activeElement.id) === "site-search-q");
    await page.keyboard.type("パスワード 使い回し");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\.html\?q=/);
    let rs = await results(page);
    ok("results with the matched text marked", rs.length >= 3 &&
       rs.every((r) => r.marks.some((m) => /パスワード|使い回し/.test(m))), JSON.stringify(rs.slice(0, 3)));
    // a bigram that only shares characters with a query word (ード in
    // キーボード) finds the page but is not marked
    const stray = rs.flatMap((r) => r.marks).filter((m) => !/パスワード|使い回し/.test(m));
    ok("only whole query words are marked", stray.length === 0, JSON.stringify(stray));
    const live = await page.$eval(".search-status", (el) => ({
      role: el.getAttribute("role"), live: el.getAttribute("aria-live"), text: el.textContent }));
    ok("the count is announced in a live region", live.role === "status" && live.live === "polite" &&
       /「パスワード 使い回し」を含むページが\d+件あります/.test(live.text), JSON.stringify(live));
    await page.screenshot({ path: path.join(outdir, "search.png") });

    // arrows and Enter
    await page.focus("#search-q");
    await page.keyboard.press("ArrowDown");
    const first = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await page.keyboard.press("ArrowDown");
    const second = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    const back = await page.evaluate(() => document.activeElement.id);
    ok("↓ and ↑ move through the results and back to the field",
       first === rs[0].href && second === rs[1].href && back === "search-q", `${first} ${second} ${back}`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !/search\.html/.test(u.href));
    const opened = decodeURIComponent(page.url());
    ok("Enter opens the result at its passage", opened.includes(decodeURIComponent(rs[0].href).replace(/^(\.\.\/)+/, "")) &&
       opened.includes("#"), opened);

    // a snippet's window does not cut a marked word (パスワ…)
    await page.goto(fileUrl("search.html?q=" + encodeURIComponent("パスワード")));
    rs = await results(page);
    const cut = rs.flatMap((r) => r.marks).filter((m) => m !== "パスワード");
    ok("a snippet shows marked words whole", rs.length > 3 && cut.length === 0, JSON.stringify(cut));

    // the audience selector narrows the results
    await page.goto(fileUrl("search.html?q=" + encodeURIComponent("POSレジ")));
    rs = await results(page);
    ok("without a choice, passages for retail match and are named",
       rs.length > 0 && rs.every((r) => r.text.includes("対象：小売業")), JSON.stringify(rs));
    await page.selectOption(".profile-select select[name=industry]", "medical");
    await page.waitForFunction(() => /見つかりませんでした/.test(document.querySelector(".search-status").textContent));
    ok("for 医療・福祉 they do not", (await page.$$(".search-results li")).length === 0,
       await page.textContent(".search-status"));
    await page.selectOption(".profile-select select[name=industry]", "");

    // a server at a sub-path
    server = await serve();
    const base = `http://127.0.0.1:${server.address().port}/deep/sub/`;
    await page.goto(base + "search.html?q=" + encodeURIComponent("フィッシング"));
    rs = await results(page);
    const target = rs.length && new URL(rs[0].href, base).href;
    const status = target && (await page.request.get(target)).status();
    ok("from a sub-path of a server: results whose links work", rs.length > 0 && status === 200,
       `${rs.length} results, ${target} → ${status}`);
    ok("no script errors", errors.length === 0, errors.join("; "));
    await ctx.close();
  } catch (e) {
    ok("run", false, e.stack || e);
  } finally {
    if (server) server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  done();
})();
