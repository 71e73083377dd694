// VitePress's ::: code-group on the site, in headless Chromium: one
// block shows at a time; a click on a tab, or the arrow keys on the
// focused tab, show another; the same without JavaScript (the tabs are
// radio buttons and CSS); in print every block shows. Prints TAP lines.
//
//   node tests/browser/codegroup.js PAGE.html OUT_DIR
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { launch, tap } = require("./lib.js");

const [file, outdir] = process.argv.slice(2);
const { ok, done } = tap("code-group");

// Which blocks of the first group show: their labels.
function shown(page) {
  return page.$$eval(".code-group > .code-block", (bs) =>
    bs.filter((b) => b.offsetParent !== null).map((b) => b.textContent.trim()));
}

async function check(js) {
  const how = js ? "" : " (no JavaScript)";
  const ctx = await launch(fs.mkdtempSync(path.join(os.tmpdir(), "cg-")), null, js);
  const page = await ctx.newPage();
  await page.goto("file://" + path.resolve(file));
  let s = await shown(page);
  ok("one block shows at first" + how, s.length === 1 && /npm install/.test(s[0]), JSON.stringify(s));
  await page.click("text=yarn");
  s = await shown(page);
  ok("a click on a tab shows its block" + how, s.length === 1 && /yarn add/.test(s[0]), JSON.stringify(s));
  await page.focus(".code-group > .code-tab:checked");
  await page.keyboard.press("ArrowRight");
  s = await shown(page);
  ok("the arrow key moves to the next tab" + how, s.length === 1 && /pnpm add/.test(s[0]), JSON.stringify(s));
  if (js) {
    await page.screenshot({ path: path.join(outdir, "code-group.png") });
    await page.emulateMedia({ media: "print" });
    s = await shown(page);
    ok("in print every block shows", s.length === 3, JSON.stringify(s));
  }
  await ctx.close();
}

(async () => {
  try {
    await check(true);
    await check(false);
  } catch (e) {
    ok("runs", false, e.stack || e);
  }
  done();
})();
