/* Site search over the index tebiki writes into search/ (see
 * docs/search.md): search/meta.js, then one shard per query term
 * (search/s/N.js), then the page-table entries of the results shown
 * (search/p/N.js). All are scripts, so search works from file:// as
 * well as from a server, at any sub-path.
 *
 * Query and text are cut into terms the same way on both sides
 * (generator/html/searchterm.c): each character NFKC-normalised with
 * the marks after it, lower-cased, katakana read as hiragana; words of
 * letters and digits; overlapping bigrams of kana and kanji, every
 * kanji alone as well. A query term matches a page when the page has
 * all of its parts; where a katakana word meets kanji or kana
 * (パスワード管理) the term is two parts, so パスワードの管理 matches too.
 * Ranking: title, then heading, then body hits; the exact phrase above
 * scattered parts; then shorter pages (pages are numbered by length).
 * With an industry or size chosen in the selector (js/profile.js),
 * text written for other audiences does not match. */
(function () {
  "use strict";
  /* ---- the index: its scripts call these ------------------------------ */

  var meta = null, shards = {}, pages = {};
  var index = {
    meta: function (m) { meta = m; },
    shard: function (n, terms) { shards[n] = terms; },
    page: function (n, p) { pages[n] = p; }
  };

  /* ---- terms, as generator/html/searchterm.c makes them ---------------- */

  var SEP = 0, WORD = 1, KANA = 2, IDEO = 3;
  var MAX_WORD = 40;
  var marks = /[\u0300-\u036f\u3099-\u309c\uff9e\uff9f\ufe00-\ufe0f]/;
  var letter = /[\p{L}\p{M}\p{N}]/u;
  function cls(c) {
    if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? WORD : SEP;
    if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
        (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f) ||
        (c >= 0x3005 && c <= 0x3007)) return IDEO;
    if ((c >= 0x3041 && c <= 0x309f && c !== 0x309b && c !== 0x309c) ||
        (c >= 0x30a1 && c <= 0x30ff && c !== 0x30fb) || (c >= 0xac00 && c <= 0xd7a3)) return KANA;
    return letter.test(String.fromCodePoint(c)) ? WORD : SEP;
  }
  /* The normalised characters of s: {c: the character, k: its class,
   * kata: it was katakana, from/to: the UTF-16 range of s it comes
   * from}. A run of separators is one character (k SEP). */
  function chars(s) {
    var out = [], i = 0, prev = -1;
    while (i < s.length) {
      var c = s.codePointAt(i), j = i + (c > 0xffff ? 2 : 1);
      while (j < s.length && marks.test(s.charAt(j))) j++;
      var n = Array.from(s.substring(i, j).normalize("NFKC"));
      for (var k = 0; k < n.length; k++) {
        var ch = n[k], low = ch.toLowerCase();
        if (low !== ch) ch = Array.from(low)[0];
        var cp = ch.codePointAt(0), kata = cp >= 0x30a1 && cp <= 0x30ff && cp !== 0x30fb;
        if (cp >= 0x30a1 && cp <= 0x30f6) { cp -= 0x60; ch = String.fromCodePoint(cp); }
        var kind = cls(cp);
        if (kind === SEP && prev === SEP) { out[out.length - 1].to = j; continue; }
        out.push({ c: ch, k: kind, kata: kata, from: i, to: j });
        prev = kind;
      }
      i = j;
    }
    return out;
  }
  var cjk = function (k) { return k === KANA || k === IDEO; };

  /* Every term of a text with its position, as the index has them
   * ([[term, pos]…]): what tests/e2e/search.sh compares with tebiki's. */
  function scan(s) {
    var cs = chars(s), out = [], i = 0;
    while (i < cs.length) {
      var k = cs[i].k, j = i + 1;
      if (k === SEP) { i++; continue; }
      if (k === WORD) {
        while (j < cs.length && cs[j].k === WORD) j++;
        out.push([cs.slice(i, Math.min(j, i + MAX_WORD)).map(function (x) { return x.c; }).join(""), i]);
      } else {
        while (j < cs.length && cjk(cs[j].k)) j++;
        for (var p = i; p < j; p++) {
          if (p > i) out.push([cs[p - 1].c + cs[p].c, p - 1]);
          if (cs[p].k === IDEO) out.push([cs[p].c, p]);
        }
        if (j - i === 1 && k === KANA) out.push([cs[i].c, i]);
      }
      i = j;
    }
    return out;
  }

  /* A query term: its parts, each a list of {t: term, off: position in
   * the query term, len: characters}. All the parts must be in a page;
   * the phrase is all of them at their offsets. Only enough bigrams to
   * cover a run are looked up (0, 2, 4, … and the last), since bigrams
   * at their offsets spell the run exactly. */
  function queryTerm(s) {
    var cs = chars(s), parts = [], i = 0;
    while (i < cs.length) {
      var k = cs[i].k, j = i + 1;
      if (k === SEP) { i++; continue; }
      if (k === WORD) {
        while (j < cs.length && cs[j].k === WORD) j++;
        var w = cs.slice(i, Math.min(j, i + MAX_WORD)).map(function (x) { return x.c; }).join("");
        parts.push([{ t: w, off: i, len: Math.min(j - i, MAX_WORD) }]);
        i = j;
        continue;
      }
      while (j < cs.length && cjk(cs[j].k)) j++;
      /* a katakana word is a part of its own; a lone kana joins its
       * neighbour (the index has no lone kana inside a run) */
      var segs = [], a = i;
      for (var b = i + 1; b < j; b++) if (cs[b].kata !== cs[b - 1].kata) { segs.push([a, b]); a = b; }
      segs.push([a, j]);
      for (var g = 0; segs.length > 1 && g < segs.length; g++) {
        if (segs[g][1] - segs[g][0] > 1 || cs[segs[g][0]].k !== KANA) continue;
        if (g > 0) segs[g - 1][1] = segs[g][1]; else segs[g + 1][0] = segs[g][0];
        segs.splice(g--, 1);
      }
      segs.forEach(function (sg) { parts.push(cover(cs, sg[0], sg[1])); });
      i = j;
    }
    return parts;
  }
  function cover(cs, a, b) {
    var toks = [];
    if (b - a === 1) return [{ t: cs[a].c, off: a, len: 1 }];
    for (var p = a; p + 1 < b; p += 2) toks.push({ t: cs[p].c + cs[p + 1].c, off: p, len: 2 });
    if ((b - a) % 2 === 1) toks.push({ t: cs[b - 2].c + cs[b - 1].c, off: b - 2, len: 2 });
    return toks;
  }

  /* FNV-1a over the UTF-8 bytes, as search.c */
  var utf8 = new TextEncoder();
  function hash(t) {
    var b = utf8.encode(t), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  /* ---- posting lists --------------------------------------------------- */

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var digit = new Uint8Array(128);
  for (var d = 0; d < 64; d++) digit[DIGITS.charCodeAt(d)] = d;
  var decoded = {};
  function postings(t) {
    if (!decoded[t]) {
      var shard = shards[hash(t) % meta.shards] || {};
      decoded[t] = decode(Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : "");
    }
    return decoded[t];
  }
  /* A posting list (search.c, search_post): {pages: [page…], at: where
   * each page's entries start, then per entry pos, fld, aud}. The
   * numbers are read inline: this loop runs over every page of every
   * term of a query, before the first result shows. */
  function decode(s) {
    var pages = [], at = [], pos = [], fld = [], aud = [];
    var i = 0, len = s.length, page = -1, x, v, m, head, n, k, f, last, title, fields, tailored;
    while (i < len) {
      head = 0; m = 1;
      do { x = digit[s.charCodeAt(i++) & 127]; head += (x & 31) * m; m *= 32; } while (x >= 32 && i < len);
      n = (head & 3) + 1; tailored = head & 4; fields = head & 8; last = 0; title = true;
      page = page < 0 ? head >>> 4 : page + (head >>> 4);
      if (n === 4) {
        v = 0; m = 1;
        do { x = digit[s.charCodeAt(i++) & 127]; v += (x & 31) * m; m *= 32; } while (x >= 32 && i < len);
        n += v;
      }
      pages.push(page);
      at.push(pos.length);
      for (k = 0; k < n; k++) {
        v = 0; m = 1;
        do { x = digit[s.charCodeAt(i++) & 127]; v += (x & 31) * m; m *= 32; } while (x >= 32 && i < len);
        f = fields ? v & 3 : 0;
        if (title && f !== 2) { last = 0; title = false; }
        last += fields ? v >>> 2 : v;
        pos.push(last);
        fld.push(f);
        if (tailored) {
          v = 0; m = 1;
          do { x = digit[s.charCodeAt(i++) & 127]; v += (x & 31) * m; m *= 32; } while (x >= 32 && i < len);
          aud.push(v);
        } else {
          aud.push(0);
        }
      }
    }
    at.push(pos.length);
    return { pages: pages, at: at, pos: pos, fld: fld, aud: aud };
  }

  /* ---- matching and ranking ------------------------------------------- */

  /* For each audience of the index: may the selection see it? */
  function allowedTable(sel) {
    return meta.aud.map(function (a) {
      if (!a) return true;
      for (var key in sel) if (sel[key] && a[key] && a[key].indexOf(sel[key]) < 0) return false;
      return true;
    });
  }
  var RANK = [1, 2, 3];	/* body, heading, title */

  function tokensOf(term) {
    var toks = [];
    term.forEach(function (part) { part.forEach(function (x) { toks.push(x); }); });
    return toks;
  }
  function find(pages, p, from) {
    var lo = from, hi = pages.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (pages[m] < p) lo = m + 1; else hi = m; }
    return lo;
  }
  /* Is there an entry of r among ks at position v, in the title
   * (title true) or the text? Its index, or -1. */
  function entryAt(r, ks, v, title) {
    for (var i = 0; i < ks.length; i++)
      if (r.pos[ks[i]] === v && (r.fld[ks[i]] === 2) === title) return ks[i];
    return -1;
  }

  /* One query term in page p: null when it is not there, else
   * {score, starts}: phrase → 2·rank + 1 (rank of its lowest field),
   * scattered → 2·(lowest rank among the parts' best fields); starts:
   * where it is in the text (the phrase's places, else the first
   * part's), each {pos, fld, aud}. ix[i]: the index of page p in the
   * postings of token i. */
  function scoreTerm(toks, rs, ix, ok, detail) {
    var i, k, r0 = rs[0], n = toks.length;
    for (i = 0; i < n; i++) {
      var r = rs[i], any = false;
      for (k = r.at[ix[i]]; k < r.at[ix[i] + 1] && !any; k++) any = ok[r.aud[k]] !== false;
      if (!any) return null;
    }
    var best = -1, starts = [];
    for (var e = r0.at[ix[0]]; e < r0.at[ix[0] + 1]; e++) {
      if (ok[r0.aud[e]] === false) continue;
      var title = r0.fld[e] === 2, base = r0.pos[e] - toks[0].off, rank = RANK[r0.fld[e]];
      for (i = 1; i < n && rank > 0; i++) {
        var ri = rs[i], v = base + toks[i].off, f = -1;
        for (k = ri.at[ix[i]]; k < ri.at[ix[i] + 1]; k++)
          if (ri.pos[k] === v && (ri.fld[k] === 2) === title && ok[ri.aud[k]] !== false) { f = k; break; }
        rank = f < 0 ? 0 : Math.min(rank, RANK[ri.fld[f]]);
      }
      if (rank === 0) continue;
      if (2 * rank + 1 > best) best = 2 * rank + 1;
      if (detail && !title) starts.push({ pos: r0.pos[e], fld: r0.fld[e], aud: r0.aud[e] });
    }
    if (best < 0) {
      var low = 3;
      for (i = 0; i < n; i++) {
        var top = 0, ri2 = rs[i];
        for (k = ri2.at[ix[i]]; k < ri2.at[ix[i] + 1]; k++)
          if (ok[ri2.aud[k]] !== false) top = Math.max(top, RANK[ri2.fld[k]]);
        low = Math.min(low, top);
      }
      best = 2 * low;
      if (detail) for (k = r0.at[ix[0]]; k < r0.at[ix[0] + 1]; k++)
        if (r0.fld[k] !== 2 && ok[r0.aud[k]] !== false) starts.push({ pos: r0.pos[k], fld: r0.fld[k], aud: r0.aud[k] });
    }
    return detail ? { score: best, starts: starts } : best;
  }

  /* Where the snippet goes: the place in the text where most of the
   * query's terms are in the same passage (passage: the passage of each
   * position); text for everyone before text for some, body text before
   * headings. */
  function better(o, than) {
    if ((o.aud === 0) !== (than.aud === 0)) return o.aud === 0;
    return o.fld < than.fld;
  }
  function near(found, passage) {
    var best = null, bestCount = 0;
    found.forEach(function (f) {
      f.starts.forEach(function (o) {
        var count = 0;
        found.forEach(function (g) {
          if (g.starts.some(function (x) { return passage[x.pos] === passage[o.pos]; })) count++;
        });
        if (count > bestCount || (count === bestCount && better(o, best))) {
          best = o;
          bestCount = count;
        }
      });
    });
    return best;
  }

  /* Every page with every term, best first: [{page, score}]. */
  function match(terms, sel) {
    var ok = allowedTable(sel), toks = terms.map(tokensOf);
    var rs = toks.map(function (ts) { return ts.map(function (x) { return postings(x.t); }); });
    var fewest = null;
    rs.forEach(function (list) { list.forEach(function (r) {
      if (!fewest || r.pages.length < fewest.pages.length) fewest = r;
    }); });
    var cursor = rs.map(function (list) { return list.map(function () { return 0; }); });
    var results = [];
    fewest.pages.forEach(function (p) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var ix = [];
        for (var j = 0; j < toks[i].length; j++) {
          var r = rs[i][j], c = cursor[i][j] = find(r.pages, p, cursor[i][j]);
          if (c >= r.pages.length || r.pages[c] !== p) return;
          ix.push(c);
        }
        var s = scoreTerm(toks[i], rs[i], ix, ok, false);
        if (s === null) return;
        score += s;
      }
      results.push({ page: p, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    return results;
  }

  /* For a result shown: where its snippet goes (hit) and every place
   * of the query's parts to mark (hits: [{pos, title, len}]). */
  function detail(res, terms, sel, passage) {
    var ok = allowedTable(sel), found = [], hits = [];
    terms.forEach(function (term) {
      var toks = tokensOf(term), rs = [], ix = [], need = [];
      term.forEach(function (part) {	/* each token's part, in characters */
        var last = part[part.length - 1];
        part.forEach(function () { need.push(last.off + last.len - part[0].off); });
      });
      toks.forEach(function (x) {
        var r = postings(x.t);
        rs.push(r);
        ix.push(find(r.pages, res.page, 0));
      });
      var s = scoreTerm(toks, rs, ix, ok, true);
      if (!s) return;
      found.push(s);
      rs.forEach(function (r, i) {
        for (var k = r.at[ix[i]]; k < r.at[ix[i] + 1]; k++)
          if (ok[r.aud[k]] !== false)
            hits.push({ pos: r.pos[k], title: r.fld[k] === 2, len: toks[i].len, need: need[i] });
      });
    });
    res.hit = near(found, passage);
    res.hits = hits;
  }

  /* Without a page (Node.js, tests/e2e/search.sh), the above is all. */
  if (typeof document === "undefined") {
    module.exports = { index: index, chars: chars, scan: scan, queryTerm: queryTerm, tokensOf: tokensOf,
      hash: hash, postings: postings, match: match, detail: detail, pages: pages, passages: passages,
      meta: function () { return meta; }, allowedTable: allowedTable };
    return;
  }
  window.tebikiSearch = index;
  var form = document.querySelector(".search-form");
  var input = form && form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var more = document.querySelector(".search-more");
  if (!form || !input || !status || !list) return;
  var me = document.currentScript || document.querySelector("script[src$='js/search.js']");
  var root = me.src.replace(/js\/search\.js(\?.*)?$/, "");
  var PAGE = 10;
  var PROFILE_KEY = "tebiki.profile";
  var waiting = {};

  /* The index's scripts, each once. */
  function load(path) {
    if (!waiting[path]) {
      waiting[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + path;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { delete waiting[path]; reject(new Error(path)); };
        document.head.appendChild(s);
      });
    }
    return waiting[path];
  }
  function selection() {
    try { return JSON.parse(localStorage.getItem(PROFILE_KEY)) || {}; } catch (e) { return {}; }
  }

  /* ---- showing results ------------------------------------------------ */

  /* Text with the normalised ranges [from, to) of marks marked. */
  function marked(text, ranges, lo, hi) {
    var frag = document.createDocumentFragment(), at = lo, merged = [];
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    ranges.forEach(function (r) {	/* a word's bigrams are one mark */
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    merged.forEach(function (r) {
      var b = Math.max(r[0], at), e = Math.min(r[1], hi);
      if (e <= b) return;
      frag.appendChild(document.createTextNode(text.substring(at, b)));
      var m = document.createElement("mark");
      m.textContent = text.substring(b, e);
      frag.appendChild(m);
      at = e;
    });
    frag.appendChild(document.createTextNode(text.substring(at, hi)));
    return frag;
  }
  /* The hits' runs of characters, each marked only when it is as long
   * as the shortest query part in it: パスワード's bigram ード inside
   * キーボード is how the page was found, not something to show. */
  function ranges(cs, hits, title) {
    var runs = [], out = [];
    hits.filter(function (h) { return h.title === title; })
      .sort(function (a, b) { return a.pos - b.pos; })
      .forEach(function (h) {
        var last = runs[runs.length - 1], end = h.pos + h.len;
        if (last && h.pos <= last.end) {
          last.end = Math.max(last.end, end);
          last.need = Math.min(last.need, h.need || 1);
        } else runs.push({ pos: h.pos, end: end, need: h.need || 1 });
      });
    runs.forEach(function (r) {
      var a = cs[r.pos], b = cs[r.end - 1];
      if (a && b && r.end - r.pos >= r.need) out.push([a.from, b.to]);
    });
    return out;
  }
  function frag(id) {
    return "#" + encodeURIComponent(id);
  }
  /* The passage (line of the page-table text) of each position. */
  function passages(x, cs) {
    var n = 0;
    return cs.map(function (c) {
      if (c.k === SEP && x.substring(c.from, c.to).indexOf("\n") >= 0) n++;
      return n;
    });
  }
  function show(r, terms, sel) {
    var p = pages[r.page];
    var li = document.createElement("li");
    var a = document.createElement("a");
    var x = p.x || "", cs = chars(x);
    detail(r, terms, sel, passages(x, cs));
    var hit = r.hit ? cs[r.hit.pos] : null;
    var href = root + p.u;
    if (hit) {
      var anchor = null;
      (p.h || []).forEach(function (h) { if (h[0] <= hit.from) anchor = h[1]; });
      if (anchor) href += frag(anchor);
    }
    a.href = href;
    a.className = "search-result-title";
    a.appendChild(marked(p.t, ranges(chars(p.t), r.hits, true), 0, p.t.length));
    li.appendChild(a);
    var info = document.createElement("p");
    info.className = "search-result-meta";
    var sec = document.createElement("span");
    sec.className = "search-section";
    sec.textContent = p.s;
    info.appendChild(sec);
    if (r.hit && r.hit.aud && meta.aud[r.hit.aud]) {
      var who = document.createElement("span");
      who.className = "search-audience";
      who.textContent = "対象：" + meta.aud[r.hit.aud].l;
      info.appendChild(who);
    }
    li.appendChild(info);
    var snip = document.createElement("p");
    snip.className = "search-snippet";
    if (hit) {
      /* the passage around the hit: between the newlines about it */
      var ps = x.lastIndexOf("\n", hit.from) + 1, pe = x.indexOf("\n", hit.from);
      if (pe < 0) pe = x.length;
      var lo = Math.max(ps, hit.from - 40), hi = Math.min(pe, hit.from + 80);
      var rg = ranges(cs, r.hits, false);
      rg.forEach(function (q) {	/* a marked word is not cut at either end */
        if (q[0] < lo && q[1] > lo) lo = Math.max(ps, q[0]);
        if (q[0] < hi && q[1] > hi) hi = Math.min(pe, q[1]);
      });
      if (lo > ps) snip.appendChild(document.createTextNode("…"));
      snip.appendChild(marked(x, rg, lo, hi));
      if (hi < pe) snip.appendChild(document.createTextNode("…"));
    } else {
      var end = x.indexOf("\n");
      var first = end < 0 ? x : x.substring(0, end);
      snip.textContent = first.length > 100 ? first.substring(0, 100) + "…" : first;
    }
    li.appendChild(snip);
    return li;
  }

  var current = null, shown = 0, seq = 0;
  function say(text) {
    status.textContent = text;
  }
  /* The next PAGE results of the current search (c: {results, terms,
   * sel}), once their page-table entries have loaded. */
  function showMore(c, my) {
    var results = c.results, next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return load("search/p/" + r.page + ".js"); }))
      .then(function () {
        if (my !== seq) return;
        next.forEach(function (r) { if (pages[r.page]) list.appendChild(show(r, c.terms, c.sel)); });
        shown += next.length;
        if (more) more.hidden = shown >= results.length;
      });
  }

  function search(q) {
    var my = ++seq;
    var terms = q.split(/[\s\u3000]+/).map(queryTerm).filter(function (t) { return t.length > 0; });
    current = null;
    shown = 0;
    if (more) more.hidden = true;
    if (terms.length === 0) {
      list.textContent = "";
      say(q.trim() ? "「" + q + "」では検索できません。文字か数字を入れてください。" : "");
      return Promise.resolve();
    }
    var need = {};
    terms.forEach(function (t) { t.forEach(function (part) { part.forEach(function (x) {
      need["search/s/" + (hash(x.t) % meta.shards) + ".js"] = 1;
    }); }); });
    return Promise.all(Object.keys(need).map(load)).then(function () {
      if (my !== seq) return;
      var sel = selection();
      var results = match(terms, sel);
      current = { results: results, terms: terms, sel: sel };
      list.textContent = "";
      var who = audienceText(sel);
      if (results.length === 0) {
        say("「" + q + "」" + who + "を含むページは見つかりませんでした。");
        return;
      }
      return showMore(current, my).then(function () {
        if (my === seq) say("「" + q + "」" + who + "を含むページが" + results.length + "件あります。");
      });
    }, function () {
      if (my === seq) say("検索の索引を読み込めませんでした。");
    });
  }
  function audienceText(sel) {
    var names = [];
    ["industry", "size"].forEach(function (k) {
      var el = document.querySelector(".profile-select select[name=" + k + "]");
      if (sel[k] && el) {
        var o = el.querySelector("option[value='" + sel[k].replace(/'/g, "") + "']");
        if (o) names.push(o.textContent);
      }
    });
    return names.length ? "（" + names.join("・") + "向けの記述）" : "";
  }

  /* ---- the form and the keyboard --------------------------------------- */

  var timer = null;
  function run() {
    var value = input.value;
    try {
      history.replaceState(null, "", value ? "?q=" + encodeURIComponent(value) : location.pathname);
    } catch (err) { /* file:// in some browsers */ }
    return search(value);
  }
  function ready() {
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
    if (more) more.addEventListener("click", function () {
      var first = list.children.length;
      if (current) showMore(current, seq).then(function () {
        var a = list.children[first] && list.children[first].querySelector("a");
        if (a) a.focus();
      });
    });
    /* arrows move between the field and the results; Enter opens */
    form.parentNode.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-result-title"));
      var at = e.target === input ? -1 : links.indexOf(e.target);
      if (e.target !== input && at < 0) return;
      var to = at + (e.key === "ArrowDown" ? 1 : -1);
      if (to >= links.length) return;
      e.preventDefault();
      if (to < 0) input.focus(); else links[to].focus();
    });
    var sel = document.querySelector(".profile-select");
    if (sel) sel.addEventListener("change", function () { if (input.value) run(); });
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    say("");
    if (q) run();
  }
  load("search/meta.js").then(ready, function () { say("検索の索引を読み込めませんでした。"); });
})();
