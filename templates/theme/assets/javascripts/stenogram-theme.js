/* Stenogram's fixes to stock Material 9.8 for screen readers. Not a page's script of its
   own: stenogram-chrome.js includes it, and runs it from the page's header, before
   Material's scripts.
   Material draws each annotation's marker as a link with no text (an icon in CSS):
   axe-core's link-name rule fails it, and a screen reader announces "link" and
   nothing more. Name each marker after its note ("Note 1") as Material adds it. */
(function () {
  "use strict";
  function nameMarkers(root) {
    var markers = root.querySelectorAll("a.md-annotation__index:not([aria-label])");
    for (var i = 0; i < markers.length; i++) {
      var id = markers[i].querySelector("[data-md-annotation-id]");
      markers[i].setAttribute("aria-label", "Note " + (id ? id.getAttribute("data-md-annotation-id") : ""));
    }
  }
  new MutationObserver(function () { nameMarkers(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  nameMarkers(document);
})();

/* A search result leads to the heading of the turn that matched (#t12?h=phrase), and
   Material then highlights the phrase; in a long turn, or on a phone, the phrase can lie
   screens below the heading. Once the highlights appear, bring the first one at or after
   the heading into view, so the reader lands on the words they searched for. The page
   may still shift as Material mounts annotations, so for a moment every change is
   checked again, until the reader scrolls, touches or types. On a phone the page stays
   locked in place while the search closes: wait for the lock to lift. */
(function () {
  "use strict";
  var reached = "", chosen = null, until = 0;
  function shown(mark) {
    return mark.getClientRects().length > 0 && !mark.closest("aside, .md-tooltip2, .md-annotation");
  }
  function pick() {
    var marks = Array.prototype.filter.call(document.querySelectorAll("article mark[data-md-highlight]"), shown);
    var anchor = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var i = 0; anchor && i < marks.length; i++) {
      if (anchor.contains(marks[i]) || anchor.compareDocumentPosition(marks[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return marks[i];
      }
    }
    return marks[0] || null;
  }
  function reachHighlight() {
    if (!/[?&]h=/.test(location.search) || document.body.hasAttribute("data-md-scrolllock")) return;
    if (reached !== location.href) {
      var mark = pick();
      if (!mark) return;
      reached = location.href;
      chosen = mark;
      until = Date.now() + 2000;
    }
    if (!chosen || Date.now() > until || !chosen.isConnected) return;
    var box = chosen.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) chosen.scrollIntoView({ block: "center" });
  }
  ["wheel", "touchstart", "keydown"].forEach(function (type) {
    addEventListener(type, function () { until = 0; }, { passive: true });
  });
  new MutationObserver(reachHighlight).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-md-scrolllock"]
  });
})();

/* As a page loads, Material fetches sitemap.xml beside every <link rel="alternate"> (to find
   the page in its other languages: `extra.alternate`). Beside a page's Atom feed there is no
   sitemap, so each page with a feed asked for a file that is not there. Material looks once,
   when the document has loaded: the feeds are hidden from that look and named again once
   every listener of that moment has run. Feed readers read the page's HTML, which is
   unchanged. */
(function () {
  "use strict";
  var feeds = document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]');
  for (var i = 0; i < feeds.length; i++) feeds[i].rel = "feed";
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () {
      for (var i = 0; i < feeds.length; i++) feeds[i].rel = "alternate";
    });
  }, { once: true });
})();
