// The self-check page in headless Chromium (the Debian package, never a
// downloaded browser): answer the sheet, check the score and the
// lessons recommended, reload and find the answers kept, and look at
// the page without JavaScript. Prints TAP lines.
//
//   node tests/browser/selfcheck.js SITE_DIR OUT_DIR
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { launch: open, tap } = require("./lib.js");

const [site, outdir] = process.argv.slice(2);
const page_url = "file://" + path.resolve(site, "selfcheck/index.html");
const { ok, done } = tap("browser");

// Answers: 1–10 and 14 実施している (4), 11 一部 (2), 12 実施していない (0),
// 13 わからない (−1): 45 of 56 points → 80 of 100.
const answers = {};
for (let n = 1; n <= 14; n++) answers[n] = "done";
answers[11] = "partly";
answers[12] = "not-done";
answers[13] = "unknown";

const launch = (dir, js) => open(dir, { width: 1000, height: 1400 }, js);

async function answer(page) {
  for (const [no, value] of Object.entries(answers))
    await page.check(`form.checklist input[name="q${no}"][value="${value}"]`);
  await page.fill("form.checklist input[name=checker]", "山田");
}

async function checkResult(page, when) {
  const score = await page.getAttribute(".selfcheck-score", "data-score");
  ok(`score is 80 ${when}`, score === "80", `data-score=${score}: ` +
     await page.textContent(".selfcheck-score"));
  const order = await page.$$eval(".selfcheck-improve li", (lis) => lis.map((li) => li.dataset.no));
  ok(`items to improve, わからない first ${when}`, order.join(",") === "13,12,11", order.join(","));
  const links = await page.$$eval(".selfcheck-improve li[data-no='13'] a", (as) => as.map((a) => a.href));
  const target = links[0] && decodeURIComponent(new URL(links[0]).pathname);
  ok(`No.13 links to its lesson ${when}`,
     target && target.endsWith("lessons/malware-and-updates.html") && fs.existsSync(target) &&
     decodeURIComponent(new URL(links[0]).hash) === "#パターンファイルと修正プログラム", links.join(" "));
  const bars = await page.$$eval(".selfcheck-bars dd .bar-value", (els) => els.map((e) => e.textContent));
  const cats = await page.$$eval(".selfcheck-bars dt", (els) => els.map((e) => e.textContent));
  ok(`a bar per category ${when}`, cats.length === 5 && bars[cats.indexOf("パスワードについて")] === "83%" &&
     bars[cats.indexOf("ウイルス対策について")] === "0%", cats.join(",") + " " + bars.join(","));
}

(async () => {
  // fresh profiles: nothing from an earlier run in localStorage
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  try {
    const ctx = await launch(dir, true);
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(page_url);
    ok("result panel shown with JavaScript", await page.isVisible(".selfcheck-result"));
    ok("no score before answering",
       (await page.getAttribute(".selfcheck-score", "data-score")) === null);
    await answer(page);
    await checkResult(page, "after answering");
    await page.screenshot({ path: path.join(outdir, "selfcheck.png"), fullPage: true });
    await page.reload();
    ok("answers kept after reload",
       await page.isChecked('input[name="q13"][value="unknown"]') &&
       (await page.inputValue("input[name=checker]")) === "山田");
    await checkResult(page, "after reload");
    await page.selectOption(".profile-select select[name=industry]", "retail");
    await page.selectOption(".profile-select select[name=size]", "micro");
    const prof = await page.textContent(".selfcheck-profile");
    ok("profile shown, every item applies", prof.includes("小売業") && prof.includes("14 / 14"), prof);
    ok("no script errors", errors.length === 0, errors.join("; "));
    await ctx.close();

    const plain = await launch(dir2, false);
    const p2 = plain.pages()[0] || (await plain.newPage());
    await p2.goto(page_url);
    const radios = await p2.$$eval("form.checklist input[type=radio]", (r) => r.length);
    ok("without JavaScript: a form of 14 × 4 radio buttons", radios === 56, radios);
    ok("without JavaScript: no result panel", !(await p2.isVisible(".selfcheck-result")));
    await p2.screenshot({ path: path.join(outdir, "selfcheck-nojs.png") });
    await plain.close();
  } catch (e) {
    ok("run", false, e.stack || e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dir2, { recursive: true, force: true });
  }
  done();
})();
