/* Stenogram: a paragraph's ¶ link copies the paragraph's permanent address.
 * The address is the page's canonical URL (the published site, also in the
 * offline copy) with the paragraph's anchor. The link still goes to the
 * paragraph, so the address bar shows it too. No other host is contacted. */
(function () {
  "use strict";

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
