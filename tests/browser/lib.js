// Shared by the browser tests: the system's Chromium through
// playwright-core (never a downloaded browser), and TAP output.
"use strict";
const { chromium } = require("playwright-core");

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"];

// A persistent context in dir (a fresh profile: nothing in localStorage).
function launch(dir, viewport, js = true) {
  return chromium.launchPersistentContext(dir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    javaScriptEnabled: js,
    args: ARGS,
    viewport: viewport || { width: 1000, height: 1400 },
  });
}

// ok(name, cond, why) prints one TAP line; done() exits 1 if one failed.
function tap(prefix) {
  let failed = 0;
  return {
    ok(name, cond, why) {
      if (cond) console.log(`ok - ${prefix}: ${name}`);
      else {
        failed++;
        console.log(`not ok - ${prefix}: ${name}: ${why === undefined ? "" : String(why).slice(0, 800)}`);
      }
    },
    done() { process.exit(failed ? 1 : 0); },
  };
}

module.exports = { launch, tap, ARGS };
