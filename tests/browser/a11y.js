// Accessibility in headless Chromium. axe-core (npm) checks every page
// of the built example site against WCAG 2.1 A and AA (its tags wcag2a,
// wcag2aa, wcag21a, wcag21aa) at 1,400 and 390 px wide, with the
// audience selector unset and set, plus the search page with results
// and the self-check page answered: each must have 0 violations. Then
// the self-check is answered with the keyboard alone (Tab, arrows,
// typing), every stop showing where the focus is. Prints TAP lines.
//
//   node tests/browser/a11y.js SITE_DIR OUT_DIR
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { launch, tap } = require("./lib.js");

const [site, outdir] = process.argv.slice(2);
const { ok, done } = tap("a11y");
const fileUrl = (rel) => "file://" + path.resolve(site, rel);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDE = { width: 1400, height: 900 }, PHONE = { width: 390, height: 844 };

// Every HTML page of the site, site-relative.
function pages(dir, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...pages(dir, r));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

// axe's violations on the page as it is now, one line each.
async function axe(page) {
  const v = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
  }).then((r) => r.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.length}× ` +
    x.nodes.slice(0, 2).map((n) => n.target.join(" ") + " " + n.failureSummary.replace(/\s+/g, " ").slice(0, 160)).join(" | "))),
  TAGS);
  return v;
}

// Sets the audience selector (js/profile.js keeps it in localStorage).
async function choose(page, industry, size) {
  if (!(await page.isVisible(".profile-select"))) return false;
  await page.selectOption(".profile-select select[name=industry]", industry);
  await page.selectOption(".profile-select select[name=size]", size);
  return true;
}

// Self-check answers: 1–10 and 14 実施している, 11 一部, 12 実施していない,
// 13 わからない: 80 of 100 (as tests/browser/selfcheck.js).
const VALUES = ["done", "partly", "not-done", "unknown"];
const answers = {};
for (let n = 1; n <= 14; n++) answers[n] = "done";
Object.assign(answers, { 11: "partly", 12: "not-done", 13: "unknown" });

// Answers the self-check with Tab, Space, the arrow keys and typing only.
// Returns the focus stops that showed no focus indicator.
async function keyboardOnly(page) {
  const unseen = [];
  const done = new Set();
  let typed = false;
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  for (let i = 0; i < 600 && (done.size < 14 || !typed); i++) {
    await page.keyboard.press("Tab");
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      // (not :focus itself: the focus is inside the control's own parts,
      // a date field's calendar button, which Chromium rings itself)
      const shown = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) ||
        cs.boxShadow !== "none" || !el.matches(":focus");
      return { tag: el.tagName, name: el.name || "", type: el.type || "", value: el.value || "",
        text: (el.textContent || "").trim().slice(0, 40), shown };
    });
    if (at.tag === "BODY") continue;
    if (!at.shown) unseen.push(`${at.tag} ${at.name} ${at.text}`);
    const q = /^q(\d+)$/.exec(at.name);
    if (at.type === "radio" && q && !done.has(q[1])) {
      // entering an unanswered group focuses its first answer
      await page.keyboard.press("Space");
      for (let k = 0; k < VALUES.indexOf(answers[q[1]]); k++) await page.keyboard.press("ArrowRight");
      done.add(q[1]);
    } else if (at.name === "checker" && !typed) {
      await page.keyboard.type("山田");
      typed = true;
    }
  }
  return { unseen, answered: done.size, typed };
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tebiki-chromium-"));
  try {
    const ctx = await launch(dir, WIDE);
    await ctx.addInitScript({ path: require.resolve("axe-core/axe.min.js") });
    const page = ctx.pages()[0] || (await ctx.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));

    // every page: wide and unset, wide and set, phone and set, phone and unset
    const only = process.env.A11Y_ONLY && new RegExp(process.env.A11Y_ONLY);
    const all = pages(site).filter((p) => !only || only.test(p));
    const bad = [];
    let runs = 0, chosen = 0;
    for (const rel of all) {
      await page.setViewportSize(WIDE);
      await page.goto(fileUrl(rel));
      const states = [["1400 px", null], ["1400 px", ["retail", "micro"]]];
      for (const [width, sel] of states.concat([["390 px", ["retail", "micro"]], ["390 px", null]])) {
        if (width === "390 px") await page.setViewportSize(PHONE);
        if (sel && !(await choose(page, ...sel))) continue;
        if (!sel) await choose(page, "", "");
        if (sel) chosen++;
        runs++;
        for (const v of await axe(page)) bad.push(`${rel} at ${width}, selector ${sel ? "set" : "unset"}: ${v}`);
      }
    }
    fs.writeFileSync(path.join(outdir, "axe.txt"), bad.join("\n") + "\n");
    ok(`axe-core on all ${all.length} pages (${runs} runs, ${chosen} with the selector set): 0 WCAG 2.1 A/AA violations`,
       (only || all.length > 50) && chosen > 0 && bad.length === 0, `${bad.length} (all in axe.txt): ` + bad.slice(0, 6).join("\n  "));

    // the selector says what it did, in a live region
    await page.setViewportSize(WIDE);
    await page.goto(fileUrl("lessons/malware-and-updates.html"));
    await choose(page, "", "");
    await choose(page, "retail", "");
    const said = await page.$eval(".profile-select .profile-status", (el) =>
      `${el.getAttribute("role")} ${el.getAttribute("aria-live")} ${el.textContent}`);
    ok("the selector's change is announced", /^status polite 表示を「小売業」向けにしました。ほかの対象向けの\d+か所を隠しています。$/.test(said), said);
    await choose(page, "", "");

    // dark colours (prefers-color-scheme: dark) on pages of each kind
    await page.emulateMedia({ colorScheme: "dark" });
    let dark = [];
    for (const rel of ["index.html", "lessons/passwords.html", "cases/index.html", "downloads.html",
                       "selfcheck/index.html", "tags/index.html"]) {
      await page.goto(fileUrl(rel));
      for (const v of await axe(page)) dark.push(`${rel}: ${v}`);
    }
    ok("axe-core: dark colours on pages of each kind", dark.length === 0, dark.join("\n  "));
    await page.emulateMedia({ colorScheme: "light" });

    // the search page with results (unfiltered: they name their audience)
    await page.setViewportSize(WIDE);
    await page.goto(fileUrl("search.html?q=" + encodeURIComponent("POSレジ")));
    await page.waitForSelector(".search-results li");
    let v = await axe(page);
    ok("axe-core: the search page with results", v.length === 0, v.join("\n  "));

    // the self-check answered, at both widths
    await page.goto(fileUrl("selfcheck/index.html"));
    for (const [no, value] of Object.entries(answers))
      await page.check(`form.checklist input[name="q${no}"][value="${value}"]`);
    await page.waitForFunction(() => document.querySelector(".selfcheck-score").dataset.score);
    v = await axe(page);
    await page.setViewportSize(PHONE);
    v = v.concat(await axe(page));
    ok("axe-core: the self-check answered, at 1400 and 390 px", v.length === 0, v.join("\n  "));

    // the self-check with the keyboard alone, from a fresh sheet
    await page.setViewportSize(WIDE);
    await page.evaluate(() => localStorage.clear());
    await page.goto(fileUrl("selfcheck/index.html"));
    const k = await keyboardOnly(page);
    const score = await page.getAttribute(".selfcheck-score", "data-score");
    const checked = await page.$$eval("form.checklist input[type=radio]:checked",
      (rs) => rs.map((r) => `${r.name}=${r.value}`).sort().join(" "));
    const want = Object.entries(answers).map(([n, a]) => `q${n}=${a}`).sort().join(" ");
    ok("keyboard alone: every question answered and the name typed",
       k.answered === 14 && k.typed && checked === want && await page.inputValue("input[name=checker]") === "山田",
       `${k.answered} answered, typed ${k.typed}: ${checked}`);
    ok("keyboard alone: the score is 80", score === "80", `data-score=${score}`);
    ok("keyboard alone: every focus stop shows the focus", k.unseen.length === 0, k.unseen.join("; "));
    await page.screenshot({ path: path.join(outdir, "selfcheck-keyboard.png") });
    ok("no script errors", errors.length === 0, errors.join("; "));
    await ctx.close();
  } catch (e) {
    ok("run", false, e.stack || e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  done();
})();
