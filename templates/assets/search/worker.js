/* Stenogram's search worker: Material for MkDocs' search-worker protocol, answered by the
 * search engine (engine.js, the query language over builder/search/index.py's index).
 *
 * Material posts {type: 0} (SETUP) once, then {type: 2, data: "the query"} (QUERY) on
 * every keystroke; the worker answers {type: 1} (READY), then {type: 3, data: {items}}
 * (RESULT). items holds one group per document, in the engine's order: the paragraphs that
 * match (the best one first, the others under Material's "more on this page"), each a link
 * to its paragraph (#p12, on the page that holds it: a long document is several pages,
 * engine.js's documentPath) with the words around the match, then the document itself
 * (location without "#", which Material shows as the group's head). Titles and texts are
 * HTML: every character of the documents is escaped here.
 *
 * The first GROUPS matches come with their paragraphs, the first FIRST of them in an answer
 * of their own (fewer texts to read before the reader sees a result); an exact query answers
 * first with its FIRST best by title alone, before any text is read. When the query is
 * exact (words only), a last RESULT adds every other match by title and date (REST_DELAY
 * later). When its candidates must
 * be read (a phrase, a speaker's turns), the worker goes on reading them, GROUPS at a time,
 * and answers again after each batch, until CHECK_LIMIT candidates have been read; the
 * research page reads on from there.
 *
 * Over HTTP the engine fetches the index's files; from file://, where Material runs this
 * script in an iframe (the iframe-worker shim: importScripts there adds <script> tags and
 * returns a Promise), it loads them as scripts.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's message types
  var GROUPS = 20; // documents shown with their matching paragraphs (the others by title)
  var FIRST = 3; // the first answer: as soon as these are read, so that a reader sees them first
  var SECTIONS = 5; // paragraphs listed for one document
  var CHECK_LIMIT = 100; // candidates the search box reads for a query that must be checked
  // The other matches' titles are read this long after the first results are posted, so that
  // Material shows those first (on two cores, reading every titles file at once delays them),
  // and not at all for a query the reader has typed on from.
  var REST_DELAY = 400;
  var TEASER = 220; // characters of a paragraph shown
  var BEFORE = 60; // of which before the first match

  // Where this script comes from: in a worker, its own address; in the shim's iframe,
  // its <script> element's (with a "?timestamp" suffix, which resolving drops).
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src : self.location.href;
  var root = new URL("../../search/", here); // the index, beside assets/ at the site's root
  var loaded = Promise.resolve(importScripts(new URL("../vendor/snowball-stemmers/snowball-stemmers.js", here).href,
    new URL("engine.js", here).href)); // sync in a worker, a Promise in the shim
  var engine = null, latest = 0;

  function start() {
    return loaded.then(function () {
      engine = engine || self.StenogramEngine.create(root, function (url) { return importScripts(url); });
      return engine.setup();
    });
  }

  function termsOf(query) {
    var terms = {};
    query.words.forEach(function (w) { terms[w] = true; });
    return terms;
  }

  /* One matching document as a group of Material's result list. */
  function group(result, query) {
    var E = self.StenogramEngine, location = "documents/" + result.id + engine.suffix(), terms = termsOf(query);
    var title = E.highlight(result.title, result.titleMatches) + (result.date ? " · " + E.escapeHTML(result.date) : "");
    var sections = result.paragraphs.slice(0, SECTIONS).map(function (p, i) {
      return {
        location: E.documentPath(result, p.id) + engine.suffix() + "#" + p.id, terms: terms, // the page holding it
        title: (p.label ? E.escapeHTML(p.label) + " · " : "") + "¶ " + p.id, // as the page names the paragraph (its permalink reads p3)
        text: "<p>" + E.teaser(p.text, p.matches, TEASER, BEFORE) + "</p>",
        score: i ? result.score * 0.5 : result.score, // lower: under "more on this page"
      };
    });
    var lead = result.lead ? E.teaser(result.lead.text, result.lead.matches, TEASER, BEFORE) : "";
    return sections.concat([{
      location: location, terms: terms, title: title, text: lead ? "<p>" + lead + "</p>" : "",
      score: sections.length ? 0 : result.score || 0,
    }]);
  }

  function later(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function answer(number, items) {
    if (number === latest) postMessage({ type: RESULT, data: { items: items } });
    return number === latest;
  }

  function query(text, number) {
    return start().then(function () { return engine.search(text); }).then(function (session) {
      if (!session) return answer(number, []);
      var items = [];
      // An exact query's best documents are shown by title at once (their texts, and so their
      // paragraphs, follow): its first answer reads no text.
      var heads = session.exact && session.ranked.length
        ? session.rest(FIRST).then(function (first) {
          answer(number, first.map(function (r) { return group(r, session.query); }));
        }) : Promise.resolve();
      var next = function () { // FIRST matches, then up to GROUPS, then the rest (exact) or more (checked)
        var wanted = items.length < FIRST ? FIRST : session.exact ? GROUPS - items.length : GROUPS;
        return session.more(wanted).then(function (found) {
          items = items.concat(found.map(function (r) { return group(r, session.query); }));
          if (!answer(number, items)) return null;
          var left = session.checked < session.ranked.length;
          if (session.exact) {
            if (!left) return null;
            if (items.length < GROUPS) return next();
            return later(REST_DELAY).then(function () {
              return number === latest ? session.rest() : null;
            }).then(function (rest) {
              if (rest) answer(number, items.concat(rest.map(function (r) { return group(r, session.query); })));
            });
          }
          if (left && session.checked < CHECK_LIMIT) return next();
          return null;
        });
      };
      return heads.then(next);
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      start().catch(warn).then(function () { postMessage({ type: READY }); });
    } else if (message.type === QUERY) {
      var number = ++latest;
      query(String(message.data || ""), number).catch(function (error) {
        warn(error);
        answer(number, []);
      });
    }
  });

  function warn(error) {
    if (typeof console !== "undefined") console.warn("search:", error);
  }
})();
