/* Stenogram: a paragraph's ¶ link copies the paragraph's permanent address.
 * The address is the page's canonical URL (the published site, also in the
 * offline copy) with the paragraph's anchor. The link still goes to the
 * paragraph, so the address bar shows it too. No other host is contacted.
 *
 * A long document is several pages (builder/document_pages.py). A link to one of
 * its paragraphs or turns on another page than the one that holds it (an old
 * citation of documents/<id>/#p4000, written before the document grew long) goes
 * on to the right page: the pages' list (nav[data-paragraphs]) carries each page's
 * first paragraph and first turn, and its links each page's address. */
(function () {
  "use strict";

  /* The link to the page that holds #pN or #tN when this page does not (null: it does, or nothing does). */
  function elsewhere(hash) {
    var found = /^#([pt])([0-9]+)$/.exec(hash), pages = document.querySelector("nav[data-paragraphs]");
    if (!found || !pages || document.getElementById(found[1] + found[2])) return null;
    var starts = pages.getAttribute(found[1] === "p" ? "data-paragraphs" : "data-turns").split(" ").map(Number);
    var number = Number(found[2]), page = 0;
    for (var k = 1; k < starts.length; k++) if (starts[k] <= number) page = k;
    var link = pages.querySelectorAll("a.doc-page")[page];
    return link && !link.hasAttribute("aria-current") ? link : null;
  }

  function land() {
    var link = elsewhere(window.location.hash);
    if (link) window.location.replace(link.href.split("#")[0] + window.location.hash);
  }
  land();
  window.addEventListener("hashchange", land);

  function permanentUrl(link) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var page = canonical ? canonical.href : window.location.href.split("#")[0];
    return page.split("#")[0] + link.getAttribute("href");
  }

  function announce(text) {
    var note = document.createElement("div");
    note.className = "permalink-copied";
    note.setAttribute("role", "status");
    note.textContent = text;
    document.body.appendChild(note);
    window.setTimeout(function () { note.remove(); }, 3000);
  }

  function permalinkOf(event) {
    return event.target.closest ? event.target.closest("a.permalink") : null;
  }

  /* The link's text is the paragraph's id; what a click does is said where the
     pointer or keyboard arrives, so no page carries the sentence 50 times. */
  function explain(event) {
    var link = permalinkOf(event);
    if (link && !link.title) {
      link.title = "Copy the permanent address of paragraph " + link.textContent;
    }
  }
  document.addEventListener("mouseover", explain);
  document.addEventListener("focusin", explain);

  document.addEventListener("click", function (event) {
    var link = permalinkOf(event);
    if (!link) return;
    var url = permanentUrl(link);
    link.setAttribute("data-url", url);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { announce("Link copied: " + url); },
        function () { announce(url); }
      );
    } else {
      announce(url);
    }
  });
})();
