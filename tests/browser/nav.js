// Navigation in headless Chromium: on a wide screen the sidebar shows
// the site's tree beside the page with the current page marked and the
// sections on its way open, and the outline stands beside the text and
// marks the heading being read; on a phone both are menus that open
// from the keyboard; on paper neither shows. A deep page (the nested
// fixture) has its whole path open in the sidebar and in the
// breadcrumbs. Prints TAP lines; screenshots at 1400 and 390 px.
//
//   node tests/browser/nav.js SITE_DIR NESTED_SITE_DIR OUT_DIR
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { launch, tap } = require("./lib.js");

const [site, nested, outdir] = process.argv.slice(2);
const { ok, done } = tap("nav");
const url = (dir, rel) => "file://" + path.resolve(dir, rel);
const WIDE = { width: 1400, height: 900 }, PHONE = { width: 390, height: 844 };

const box = (page, sel) => page.$eval(sel, (e) => {
  const r = e.getBoundingClientRect();
  return { left: r.left, right: r.right, top: r.top, width: r.width, shown: r.width > 0 && r.height > 0 };
});

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  try {
    const ctx = await launch(dir, WIDE);
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // wide: sidebar, text and outline side by side
    await page.goto(url(site, "lessons/passwords.html"));
    const side = await box(page, ".sidebar"), text = await box(page, ".content"), toc = await box(page, ".toc");
    ok("1400 px: the sidebar left of the text, the outline right of it",
       side.shown && toc.shown && side.right <= text.left && text.right <= toc.left,
       JSON.stringify({ side, text, toc }));
    const cur = await page.$$eval(".sidebar [aria-current=page]", (as) => as.map((a) => a.getAttribute("href")));
    ok("the current page is marked in the sidebar", cur.length === 1 && cur[0].endsWith("lessons/passwords.html"),
       cur.join(" "));
    const groups = await page.$$eval(".sidebar-group > details", (ds) => ds.map((d) =>
      `${d.querySelector("summary").textContent}:${d.open}`));
    ok("its section is open, the others closed (and can open)",
       groups[0] === "基礎・応用レッスン:true" && groups.slice(1).every((g) => g.endsWith(":false")) &&
       groups.length >= 2, groups.join(" "));
    await page.screenshot({ path: path.join(outdir, "lesson-1400.png") });

    // the outline follows the reader
    const last = await page.$$eval(".toc a", (as) => as[as.length - 1].getAttribute("href"));
    await page.evaluate((h) => document.getElementById(decodeURIComponent(h.slice(1))).scrollIntoView(), last);
    const markedNow = () => page.evaluate(() => {
      const a = document.querySelector(".toc a[aria-current=location]");
      return a && a.getAttribute("href");
    });
    // (the scroll may be smooth: wait for it to end)
    await page.waitForFunction((h) => {
      const a = document.querySelector(".toc a[aria-current=location]");
      return a && a.getAttribute("href") === h;
    }, last, { timeout: 20000 }).catch(() => null);
    const marked = await markedNow();
    ok("scrolled to the last heading, the outline marks it", marked === last, `${marked} ≠ ${last}`);
    const tocNow = await box(page, ".toc");
    ok("… and stays in view beside the text", tocNow.top >= 0 && tocNow.top < 100, JSON.stringify(tocNow));

    // phone: both fold into menus, opened by the keyboard
    await page.setViewportSize(PHONE);
    await page.goto(url(site, "lessons/passwords.html"));
    const folded = await page.$$eval("details.fold", (ds) => ds.map((d) => d.open));
    ok("390 px: the sidebar and the outline are closed menus", folded.length === 2 && folded.every((o) => !o),
       JSON.stringify(folded));
    await page.focus(".sidebar > details > summary");
    await page.keyboard.press("Enter");
    ok("Enter opens the sidebar's menu, the current page in it",
       await page.isVisible(".sidebar [aria-current=page]"));
    await page.keyboard.press("Enter");
    await page.screenshot({ path: path.join(outdir, "lesson-390.png") });

    // paper: no sidebar, no outline
    await page.setViewportSize(WIDE);
    await page.emulateMedia({ media: "print" });
    ok("print: neither the sidebar nor the outline", !(await page.isVisible(".sidebar")) &&
       !(await page.isVisible(".toc")) && await page.isVisible(".content"));
    await page.emulateMedia({ media: "screen" });

    // a deep page: its whole path open
    await page.goto(url(nested, "guide/basics/passwords.html"));
    const open = await page.$$eval(".sidebar-group > details[open] > summary", (s) => s.map((x) => x.textContent));
    const crumbs = await page.$$eval(".breadcrumb li", (li) => li.map((x) => x.textContent.trim()));
    ok("deep page: the sections on its way are open", open.join(" ") === "手引き 基本編", open.join(" "));
    ok("deep page: breadcrumbs through the nested sections",
       crumbs.join(" › ") === "ホーム › 手引き › 基本編 › パスワード", crumbs.join(" › "));
    await page.screenshot({ path: path.join(outdir, "deep-1400.png") });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(outdir, "deep-390.png") });
    ok("no script errors", errors.length === 0, errors.join("; "));
    await ctx.close();
  } catch (e) {
    ok("run", false, e.stack || e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  done();
})();
