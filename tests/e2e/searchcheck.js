// The site search without a browser: loads a built site's search/
// files and the theme's js/search.js (which exports its core when there
// is no page) into Node.js.
//
//   node searchcheck.js agree SITE
//       every page's terms as js/search.js cuts its title and text,
//       compared with what tebiki wrote into the index; prints the
//       first differences and exits 1 if there are any
//   node searchcheck.js query SITE QUERY [industry=ID] [size=ID]
//       the results, best first, one a line: URL, the audience named
//       for the best hit (or -), the snippet's first 30 characters
"use strict";
const fs = require("fs");
const path = require("path");

const [cmd, site, ...rest] = process.argv.slice(2);
const core = require(path.resolve(site, "js/search.js"));
global.tebikiSearch = core.index;
require(path.resolve(site, "search/meta.js"));
const meta = core.meta();
for (let i = 0; i < meta.shards; i++) require(path.resolve(site, `search/s/${i}.js`));
for (let i = 0; i < meta.pages; i++) require(path.resolve(site, `search/p/${i}.js`));

function agree() {
  // what the index says, per page: "term title|text pos"
  const want = new Map();
  for (let i = 0; i < meta.pages; i++) want.set(i, []);
  for (let n = 0; n < meta.shards; n++) {
    const src = fs.readFileSync(path.resolve(site, `search/s/${n}.js`), "utf8");
    const terms = JSON.parse(src.slice(src.indexOf(",") + 1, src.lastIndexOf(")")));
    for (const t of Object.keys(terms)) {
      if (core.hash(t) % meta.shards !== n) {
        console.log(`term ${JSON.stringify(t)} is in shard ${n}, its hash says ${core.hash(t) % meta.shards}`);
        return 1;
      }
      const r = core.postings(t);
      r.pages.forEach((p, i) => {
        for (let k = r.at[i]; k < r.at[i + 1]; k++)
          want.get(p).push(`${t} ${r.fld[k] === 2 ? "title" : "text"} ${r.pos[k]}`);
      });
    }
  }
  let bad = 0;
  for (let i = 0; i < meta.pages; i++) {
    const p = core.pages[i];
    const got = core.scan(p.t).map(([t, pos]) => `${t} title ${pos}`)
      .concat(core.scan(p.x).map(([t, pos]) => `${t} text ${pos}`)).sort();
    const w = want.get(i).sort();
    const missing = w.filter((x) => !got.includes(x)), extra = got.filter((x) => !w.includes(x));
    if (missing.length || extra.length) {
      bad++;
      console.log(`${p.u}: only in the index: ${missing.slice(0, 5).join(", ")}; ` +
                  `only in js/search.js: ${extra.slice(0, 5).join(", ")}`);
    }
    if (w.length === 0 && p.x.length > 0) {
      bad++;
      console.log(`${p.u}: no terms in the index`);
    }
  }
  return bad ? 1 : 0;
}

function query(q, args) {
  const sel = {};
  args.forEach((a) => { const [k, v] = a.split("="); sel[k] = v; });
  const terms = q.split(/[\s\u3000]+/).map(core.queryTerm).filter((t) => t.length > 0);
  if (terms.length === 0) return 0;
  for (const r of core.match(terms, sel)) {
    const p = core.pages[r.page];
    core.detail(r, terms, sel, core.passages(p.x, core.chars(p.x)));
    const who = r.hit && r.hit.aud ? meta.aud[r.hit.aud].l : "-";
    let snip = "-";
    if (r.hit) {
      const cs = core.chars(p.x), c = cs[r.hit.pos];
      snip = c ? p.x.slice(c.from, c.from + 30).replace(/\s/g, " ") : "?";
    }
    console.log(`${p.u}\t${who}\t${snip}`);
  }
  return 0;
}

process.exit(cmd === "agree" ? agree() : query(rest[0], rest.slice(1)));
