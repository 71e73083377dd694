/* What every page does with JavaScript (without it the page works as
 * plain HTML): "/" moves to the search field, as on GitHub, VitePress
 * and MDN; the sidebar and the outline unfold where there is room for
 * them; the outline marks the heading being read. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var field = document.getElementById("search-q") || document.getElementById("site-search-q");
    if (!field) return;
    e.preventDefault();
    field.focus();
    field.select();
  });

  /* <details class="fold" data-unfold="MEDIA">: open while MEDIA holds
   * (the sidebar on wide screens, the outline from tablets up), a
   * menu to open otherwise. */
  var folds = document.querySelectorAll("details.fold[data-unfold]");
  Array.prototype.forEach.call(folds, function (d) {
    if (!window.matchMedia) return;
    var mq = window.matchMedia(d.getAttribute("data-unfold"));
    var set = function () { d.open = mq.matches; };
    set();
    if (mq.addEventListener) mq.addEventListener("change", set);
  });

  /* A table or code block wider than the column scrolls sideways: it
   * takes the focus then, so the arrow keys can scroll it (WCAG 2.1.1),
   * and says what it is. */
  var wide = document.querySelectorAll(".table-wrap, pre");
  function scrollers() {
    Array.prototype.forEach.call(wide, function (el) {
      var over = el.scrollWidth > el.clientWidth + 1;
      if (over && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", el.tagName === "PRE" ? "コード（横にスクロールできます）"
          : "表（横にスクロールできます）");
        el.setAttribute("data-scrolls", "");
      } else if (!over && el.hasAttribute("data-scrolls")) {
        ["tabindex", "role", "aria-label", "data-scrolls"].forEach(function (a) { el.removeAttribute(a); });
      }
    });
  }
  scrollers();
  window.addEventListener("resize", scrollers);

  /* The outline follows the reader: the link of the last heading above
   * a third of the window is marked (aria-current="location"), the
   * last one at the end of the page. */
  var links = document.querySelectorAll(".toc a[href^='#']");
  if (!links.length) return;
  var marks = [];
  Array.prototype.forEach.call(links, function (a) {
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    var h = document.getElementById(id);
    if (h) marks.push({ a: a, h: h });
  });
  var shown = null, queued = false;
  function follow() {
    queued = false;
    var line = window.innerHeight / 3, at = null;
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].h.getBoundingClientRect().top <= line) at = marks[i];
      else break;
    }
    /* at the end of the page the last headings cannot reach the line */
    var end = document.documentElement;
    if (window.scrollY > 0 && window.innerHeight + window.scrollY >= end.scrollHeight - 2)
      at = marks[marks.length - 1];
    if (at === shown) return;
    if (shown) shown.a.removeAttribute("aria-current");
    if (at) at.a.setAttribute("aria-current", "location");
    shown = at;
  }
  window.addEventListener("scroll", function () {
    if (!queued) { queued = true; window.requestAnimationFrame(follow); }
  }, { passive: true });
  follow();
})();
