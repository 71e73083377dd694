/* Site search over search-index.js (window.TEBIKI_SEARCH), from
 * file:// as well as from a server. Text and query are NFKC-normalised
 * (全角ＡＢＣ = ABC, ｶﾀｶﾅ = カタカナ), lower-cased, and katakana is
 * read as hiragana (ういるす finds ウイルス). A page matches
 * when it contains every term of the query; a Japanese term it does not
 * contain as written matches when it contains each pair of adjacent
 * characters of the term (パスワード管理 finds パスワードの管理), which
 * ranks lower. Titles rank above text. */
(function () {
  "use strict";
  var index = window.TEBIKI_SEARCH || [];
  var form = document.querySelector(".search-form");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  if (!form || !status || !list) return;
  var root = (document.querySelector('link[rel="stylesheet"]') || { getAttribute: function () { return ""; } })
    .getAttribute("href").replace(/css\/site\.css$/, "");

  /* NFKC, lower case, and katakana folded to hiragana (one character
   * for one, so positions in the text stay the same) */
  function norm(s) {
    return (s || "").normalize("NFKC").toLowerCase().replace(/[\u30a1-\u30f6]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x60);
    });
  }
  var cjk = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

  /* The normalised text with, for each of its characters, where the
   * character it came from starts and ends in the original: NFKC can
   * change lengths (… becomes ..., ㈱ becomes (株)), so a match in the
   * normalised text is cut from the original through this map. A
   * character is normalised with the marks that follow it (ｶﾞ → ガ). */
  function normMap(s) {
    s = s || "";
    var out = "", from = [], to = [];
    var i = 0;
    while (i < s.length) {
      var j = i + 1;
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && j < s.length) j++;
      while (j < s.length && /[\u0300-\u036f\u3099-\u309c\uff9e\uff9f\ufe00-\ufe0f]/.test(s.charAt(j))) j++;
      var n = norm(s.substring(i, j));
      for (var k = 0; k < n.length; k++) { from.push(i); to.push(j); }
      out += n;
      i = j;
    }
    return { text: out, from: from, to: to };
  }

  var pages = index.map(function (p) {
    var m = normMap(p.x);
    return { t: p.t, u: p.u, s: p.s, x: p.x, nt: norm(p.t), nx: m.text, from: m.from, to: m.to };
  });

  function bigrams(term) {
    var out = [];
    for (var i = 0; i + 1 < term.length; i++) out.push(term.substr(i, 2));
    return out;
  }

  /* Score of one term in a page: 0 when it is not found. */
  function scoreTerm(p, term) {
    if (p.nt.indexOf(term) >= 0) return 10;
    if (p.nx.indexOf(term) >= 0) return 4;
    if (term.length > 2 && cjk.test(term)) {
      var grams = bigrams(term);
      for (var i = 0; i < grams.length; i++) {
        if (p.nt.indexOf(grams[i]) < 0 && p.nx.indexOf(grams[i]) < 0) return 0;
      }
      return 1;
    }
    return 0;
  }

  function snippet(p, terms) {
    var at = -1, len = 0;
    for (var i = 0; i < terms.length && at < 0; i++) {
      at = p.nx.indexOf(terms[i]);
      len = terms[i].length;
    }
    if (at < 0) return p.x.substr(0, 80) + (p.x.length > 80 ? "…" : "");
    /* where the match is in the original text */
    var text = p.x;
    var b = p.from[at], e = p.to[at + len - 1];
    var start = Math.max(0, b - 30), end = Math.min(text.length, e + 60);
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    frag.appendChild(document.createTextNode(text.substring(start, b)));
    var mark = document.createElement("mark");
    mark.textContent = text.substring(b, e);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(text.substring(e, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  function search(q) {
    var terms = norm(q).split(/[\s\u3000]+/).filter(function (t) { return t.length > 0; });
    list.textContent = "";
    if (terms.length === 0) {
      status.textContent = "検索する言葉を入力してください。";
      return;
    }
    var hits = [];
    pages.forEach(function (p) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var s = scoreTerm(p, terms[i]);
        if (s === 0) return;
        total += s;
      }
      hits.push({ p: p, score: total });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    status.textContent = hits.length > 0
      ? "「" + q + "」を含むページが" + hits.length + "件あります。"
      : "「" + q + "」を含むページは見つかりませんでした。";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.p.u;
      a.textContent = h.p.t;
      li.appendChild(a);
      var sec = document.createElement("span");
      sec.className = "search-section";
      sec.textContent = h.p.s;
      li.appendChild(sec);
      var p = document.createElement("p");
      p.appendChild(snippet(h.p, terms));
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  form.q.value = q;
  status.textContent = "";
  if (q) search(q);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var value = form.q.value;
    try {
      history.replaceState(null, "", "?q=" + encodeURIComponent(value));
    } catch (err) { /* file:// in some browsers */ }
    search(value);
  });
})();
