// tebiki serve: live reload, injected into the pages it serves (never
// into what `tebiki build` writes). A Server-Sent Events stream says
// which files of the site a rebuild changed; this page reloads when it
// is one of them or uses one, swaps a changed stylesheet in place, and
// shows the build's errors over the page until they are fixed.
(function () {
  "use strict";
  var me = document.currentScript;
  var server = me.getAttribute("data-server");
  var path = me.getAttribute("data-path");
  var want = me.getAttribute("data-want");
  var ID = "tebiki-overlay";
  var root = location.origin + "/";

  function bare(u) {
    var x = new URL(u, location.href);
    x.search = "";
    x.hash = "";
    return x.href;
  }

  // Does this page load the file at the absolute URL u?
  function uses(u) {
    var els = document.querySelectorAll("img[src],script[src],source[src],video[src],audio[src]," +
      "iframe[src],embed[src],object[data],link[href]");
    for (var i = 0; i < els.length; i++) {
      var a = els[i].getAttribute("src") || els[i].getAttribute("href") || els[i].getAttribute("data");
      if (a && bare(a) === u) return true;
    }
    return false;
  }

  function swap(u) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var old = links[i];
      if (bare(old.href) !== u) continue;
      var fresh = old.cloneNode();
      fresh.href = u + "?tebiki=" + Date.now();
      fresh.onload = fresh.onerror = function (o) {
        return function () { o.remove(); };
      }(old);
      old.after(fresh);
    }
  }

  // The overlay's markup and style come with the page (a <template>).
  function overlay(text) {
    var el = document.getElementById(ID);
    if (text === null) {
      if (el) el.remove();
      return;
    }
    if (!el) {
      var tpl = document.getElementById(ID + "-template");
      if (!tpl) return;
      el = tpl.content.firstElementChild.cloneNode(true);
      document.body.appendChild(el);
    }
    el.querySelector("pre").textContent = text;
  }

  var es = new EventSource("/__tebiki/events");
  es.addEventListener("hello", function (e) {
    if (JSON.parse(e.data) !== server) location.reload();  // serve was restarted
  });
  es.addEventListener("errors", function (e) { overlay(JSON.parse(e.data)); });
  es.addEventListener("ok", function () { overlay(null); });
  es.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data);
    if (changed === "*" || changed.indexOf(path) >= 0 || (want && changed.indexOf(want) >= 0)) {
      location.reload();
      return;
    }
    var sheets = [];
    for (var i = 0; i < changed.length; i++) {
      var u = new URL(changed[i], root).href;
      if (/\.css$/i.test(changed[i])) sheets.push(u);
      else if (uses(u)) { location.reload(); return; }
    }
    sheets.forEach(swap);
  });
  window.tebikiLive = { events: es };
})();
