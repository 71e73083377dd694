// tebiki serve in headless Chromium: a served page shows an edit of its
// Markdown with no action in the browser; a stylesheet change is
// swapped in without reloading; an error shows the overlay, and the
// fix takes it away. Prints
// TAP lines.
//
//   node tests/browser/serve.js URL PROJECT_DIR OUT_DIR
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [base, project, outdir] = process.argv.slice(2);
let failed = 0;
const ok = (name, cond, why) => {
  if (cond) console.log(`ok - browser: serve: ${name}`);
  else {
    failed++;
    console.log(`not ok - browser: serve: ${name}: ${why === undefined ? "" : String(why).slice(0, 500)}`);
  }
};
const edit = (rel, from, to) => {
  const p = path.join(project, rel);
  const s = fs.readFileSync(p, "utf8");
  if (!s.includes(from)) throw new Error(`${rel} has no ${from}`);
  fs.writeFileSync(p, s.replace(from, to));
};
// Waits for what a page shows by itself; a hang fails, not a slow run.
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 120000 })
  .then(() => true, () => false);

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  try {
    const ctx = await chromium.launchPersistentContext(dir, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"],
      viewport: { width: 1000, height: 900 },
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base + "index.html");
    await page.waitForFunction(() => window.tebikiLive && window.tebikiLive.events.readyState === 1,
      null, { timeout: 60000 });
    ok("the page opens its event stream", true);
    // a mark that a reload would lose
    await page.evaluate(() => { window.tebikiMark = 1; });

    edit("content/_index.md", "最初のページです。", "最初のページです。ブラウザーで見る編集。");
    ok("an edit of the page's Markdown appears by itself",
       await until(page, () => document.body.innerText.includes("ブラウザーで見る編集。")),
       await page.innerText("body"));

    await page.evaluate(() => { window.tebikiMark = 2; });
    const css = path.join(project, "themes", "default", "assets", "css", "site.css");
    const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    fs.appendFileSync(css, "\nbody { background-color: rgb(1, 2, 3) !important; }\n");
    ok("a stylesheet change shows by itself",
       await until(page, () => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"),
       colour);
    ok("… without reloading the page", (await page.evaluate(() => window.tebikiMark)) === 2);

    edit("site.yaml", "title: はじめての教材", "title: [はじめての教材");
    ok("an error shows the overlay",
       await until(page, () => {
         const o = document.getElementById("tebiki-overlay");
         return o && /site\.yaml:\d+:\d+: error/.test(o.innerText);
       }), await page.innerText("body"));
    await page.screenshot({ path: path.join(outdir, "serve-overlay.png") });
    edit("site.yaml", "title: [はじめての教材", "title: はじめての教材（直した）");
    ok("the fix takes the overlay away",
       await until(page, () => !document.getElementById("tebiki-overlay") &&
         document.title.includes("直した")), await page.innerText("body"));
    ok("no script errors", errors.length === 0, errors.join("; "));
    await ctx.close();
  } catch (e) {
    ok("run", false, e.stack || e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})();
