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

  var pages = index.map(function (p) {
    return { t: p.t, u: p.u, s: p.s, x: p.x, nt: norm(p.t), nx: norm(p.x) };
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
    var start = Math.max(0, at - 30);
    var frag = document.createDocumentFragment();
    /* NFKC can change lengths; cut the original text where the
     * normalised one matched when the lengths agree, else show a plain
     * excerpt */
    var same = p.nx.length === p.x.length;
    var text = same ? p.x : p.nx;
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    frag.appendChild(document.createTextNode(text.substring(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.substr(at, len);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(text.substr(at + len, 60) + (at + len + 60 < text.length ? "…" : "")));
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
