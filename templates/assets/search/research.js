/* Stenogram's research page (templates/research.md.j2): a form that writes a query in the
 * search engine's language (engine.js; the page documents it for readers), the matching
 * paragraphs of each document found, and a concordance of every match with the words around
 * it, downloaded as CSV (concordance.js, loaded before this script).
 *
 * The form's fields are composed into one query ("Istanbul speaker:"Sergei Lavrov"
 * from:2025-01"), shown under it, and kept in the page's address (?q=...&sort=...&view=...)
 * so that a search can be cited and opened again: opening the page reads the address back
 * into the form. The engine answers a batch of documents at a time (Session.more); "More
 * results" asks for the next.
 *
 * The page is research/ on the served site and research.html in the offline copy: the form's
 * data-root is the site's root from the page (../ or nothing), from which the index and the
 * documents' links are found; links stay relative, so they work under a subpath and from
 * file://, where the index is loaded with <script> tags (loadScript) as fetch is refused.
 * Document text only ever reaches the page as text (textContent) or through the engine's
 * escaping helpers.
 */
(function () {
  "use strict";

  var BATCH = 20; // documents each "More results" reads
  var SHOWN = 3; // a document's paragraphs shown before the others are folded away
  var FIELDS = { speaker: true, topic: true, kind: true, from: true, to: true }; // the filters the form has a field for
  var PART = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|([^\s"]+))/g; // a query's parts, as engine.js reads them
  var MONTH = /^\d{4}-\d{2}$/;
  var SORTS = ["relevance", "newest", "oldest"], VIEWS = ["results", "concordance"];

  var E = window.StenogramEngine, C = window.StenogramConcordance, form = document.getElementById("research-form");
  if (!E || !C || !form) return;
  var byId = function (id) { return document.getElementById(id); };
  var field = {
    words: byId("research-words"), speaker: byId("research-speaker"), topic: byId("research-topic"), kind: byId("research-kind"),
    from: byId("research-from"), to: byId("research-to"), sort: byId("research-sort"), view: byId("research-view"),
  };
  var out = {
    query: byId("research-query"), queryText: byId("research-query-text"), count: byId("research-count"),
    problems: byId("research-problems"), results: byId("research-results"), more: byId("research-more"), csv: byId("research-csv"),
  };
  var root = form.getAttribute("data-root") || ""; // the site's root, relative to this page
  var site = form.getAttribute("data-site") || ""; // the published site's address: the CSV's links
  if (site && site.slice(-1) !== "/") site += "/";
  var engine = E.create(new URL("search/", new URL(root || "./", location.href)), loadScript);
  var state = { q: null, sort: null, view: "results", session: null, results: [], generation: 0, busy: false, failed: false };
  var opened = location.search; // the address the page was opened at

  // Material's search box opens itself on a page whose address holds ?q=, and takes q out of
  // the address when it is closed. This page's q is its own: it is out of the address while
  // Material starts (on DOMContentLoaded, after this script), and back once the page has loaded.
  if (new URLSearchParams(opened).has("q")) {
    var others = new URLSearchParams(opened);
    others.delete("q");
    history.replaceState(history.state, "", (others.toString() ? "?" + others : location.pathname) + location.hash);
    window.addEventListener("load", function () {
      if (location.search === (others.toString() ? "?" + others : "")) history.replaceState(history.state, "", opened + location.hash);
    });
  }

  /* A script added to the page (the index's files from file://): a Promise of its having run. */
  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { script.remove(); resolve(); };
      script.onerror = function () { script.remove(); reject(new Error(url + ": could not be loaded")); };
      document.head.appendChild(script);
    });
  }

  function documents(n) { return n + (n === 1 ? " document" : " documents"); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function oneOf(value, allowed) { return allowed.indexOf(value) >= 0 ? value : allowed[0]; }

  /* ---- The form and the query ---- */

  /* A filter's value as the query writes it: in quotes when it has spaces. */
  function filterValue(value) {
    value = value.replace(/"/g, " ").replace(/\s+/g, " ").trim();
    return /\s/.test(value) ? '"' + value + '"' : value;
  }

  /* The form's fields as one query. */
  function compose() {
    var parts = [], words = field.words.value.trim();
    if (words) parts.push(words);
    ["speaker", "topic", "kind", "from", "to"].forEach(function (name) {
      var value = filterValue(field[name].value);
      if (value) parts.push(name + ":" + value);
    });
    return parts.join(" ");
  }

  function hasOption(select, value) { return Array.prototype.some.call(select.options, function (o) { return o.value === value; }); }

  function option(value, text) {
    var node = element("option", "", text);
    node.value = value;
    return node;
  }

  /* Whether the form has a field that can hold a filter's value (else it stays among the words). */
  function fits(name, value) {
    if (name === "kind") return hasOption(field.kind, value.toLowerCase());
    if (name === "from" || name === "to") return MONTH.test(value);
    return value.trim() !== "";
  }

  /* A query read back into the form: the first filter of each field in its field, the rest as words. */
  function fill(q) {
    var values = { speaker: "", topic: "", kind: "", from: "", to: "" }, words = [], found;
    PART.lastIndex = 0;
    while ((found = PART.exec(q))) {
      var name = (found[2] || "").toLowerCase(), value = found[3] !== undefined ? found[3] : found[4];
      if (!found[1] && FIELDS[name] && !values[name] && fits(name, value)) values[name] = name === "kind" ? value.toLowerCase() : value.trim();
      else words.push(found[0]);
    }
    field.words.value = words.join(" ");
    Object.keys(values).forEach(function (name) {
      if (name === "topic" && values.topic && !hasOption(field.topic, values.topic)) field.topic.appendChild(option(values.topic, values.topic));
      field[name].value = values[name];
    });
  }

  function showQuery() {
    var q = compose();
    out.queryText.textContent = q;
    out.query.hidden = !q;
  }

  /* The facets' lists with their counts: speakers (the datalist), topics, kinds. */
  function fillFacets(facets) {
    var speakers = byId("research-speakers"), topic = field.topic, chosen = topic.value, kinds = {};
    speakers.textContent = "";
    facets.speakers.forEach(function (s) { speakers.appendChild(option(s[1], s[1] + " (" + documents(s[2]) + ")")); });
    while (topic.options.length > 1) topic.remove(1);
    facets.topics.forEach(function (t) { topic.appendChild(option(t[0], t[0] + " (" + documents(t[1]) + ")")); });
    if (chosen && !hasOption(topic, chosen)) topic.appendChild(option(chosen, chosen));
    topic.value = chosen;
    facets.kinds.forEach(function (k) { kinds[k[0]] = k[1]; });
    Array.prototype.forEach.call(field.kind.options, function (o) {
      if (o.value) o.textContent = o.value + " (" + documents(kinds[o.value] || 0) + ")";
    });
  }

  /* ---- The address ---- */

  function address(q, sort, view) { return "?" + new URLSearchParams({ q: q, sort: sort, view: view }); }

  /* The search into the page's address; false when the page has to be opened again at it instead. */
  function remember(q, sort, view, push) {
    var url = address(q, sort, view);
    if (location.search === url) return true;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
      return true;
    } catch (error) { // a browser that refuses it (from file://): open the address
      location.assign(url);
      return false;
    }
  }

  function fromAddress(search) {
    var params = new URLSearchParams(search);
    return { q: params.get("q") || "", sort: oneOf(params.get("sort"), SORTS), view: oneOf(params.get("view"), VIEWS) };
  }

  /* ---- Searching ---- */

  function run(q, sort) {
    var generation = ++state.generation;
    Object.assign(state, { q: q, sort: sort, session: null, results: [], busy: false, failed: false });
    out.problems.textContent = "";
    render();
    if (!q.trim()) return Promise.resolve();
    out.count.textContent = "Searching…";
    // A space after the query: its last word is a whole word, not a prefix, as it is in the search box while being typed.
    return engine.search(q + " ", sort).then(function (session) {
      if (generation !== state.generation) return null;
      state.session = session;
      if (!session) {
        out.count.textContent = "Nothing to look for: write a word, or choose a speaker, a topic, a kind or dates.";
        return null;
      }
      (session.query.problems || []).forEach(function (message) { out.problems.appendChild(element("li", "", message)); });
      return more();
    }, function (error) { failed(generation, error); });
  }

  function more() {
    var session = state.session, generation = state.generation;
    if (!session || state.busy) return Promise.resolve();
    state.busy = true;
    out.more.disabled = true;
    return session.more(BATCH).then(function (results) {
      if (generation !== state.generation) return;
      state.results = state.results.concat(results);
      state.busy = false;
      render();
    }, function (error) {
      state.busy = false;
      failed(generation, error);
    });
  }

  function failed(generation, error) {
    if (generation !== state.generation) return;
    E.warn(error);
    state.failed = true;
    out.count.textContent = "The search could not read its index: " + (error && error.message ? error.message : error);
    render();
  }

  /* ---- What is shown ---- */

  function countText() {
    var s = state.session, found = state.results.length;
    if (s.exact) return documents(s.ranked.length) + " found";
    var left = s.ranked.length - s.checked;
    return left > 0 ? found + " found so far, " + left + " more to check" : documents(found) + " found";
  }

  /* The results read so far, in the view asked for; the count (unless it tells of a failure). */
  function render() {
    var s = state.session;
    out.results.textContent = "";
    if (s) out.results.appendChild(state.view === "concordance" ? concordance() : resultList());
    if (!state.failed) out.count.textContent = s ? countText() : "";
    out.more.hidden = !s || state.failed || s.checked >= s.ranked.length;
    out.more.disabled = state.busy;
    out.csv.hidden = !s || state.view !== "concordance" || !concordanceRows().length;
  }

  /* A result's first page, or the page that holds its paragraph id (a long document is several pages). */
  function documentLink(result, id) { return root + E.documentPath(result, id) + engine.suffix(); }

  function paragraphItem(result, p) {
    var item = element("li", "research-paragraph");
    if (p.label) item.appendChild(element("p", "research-paragraph__speaker", p.label));
    var text = element("p", "research-paragraph__text");
    text.innerHTML = E.highlight(p.text, p.matches); // escaped by the engine
    item.appendChild(text);
    var link = element("a", "research-paragraph__link", "¶ " + p.id);
    link.href = documentLink(result, p.id) + "#" + p.id;
    link.setAttribute("aria-label", "Paragraph " + p.id + " of " + result.title);
    text.appendChild(document.createTextNode(" "));
    text.appendChild(link);
    return item;
  }

  function paragraphList(result, paragraphs) {
    var list = element("ul", "research-paragraphs");
    paragraphs.forEach(function (p) { list.appendChild(paragraphItem(result, p)); });
    return list;
  }

  function resultList() {
    var list = element("ol", "research-list");
    state.results.forEach(function (result) {
      var item = element("li", "research-result"), head = element("p", "research-result__head");
      var title = element("a", "research-result__title");
      title.href = documentLink(result);
      title.innerHTML = E.highlight(result.title, result.titleMatches); // escaped by the engine
      head.appendChild(title);
      if (result.date) head.appendChild(element("span", "research-result__date", result.date));
      item.appendChild(head);
      var paragraphs = result.paragraphs;
      if (!paragraphs.length && result.lead) {
        var lead = element("p", "research-result__lead");
        lead.innerHTML = E.teaser(result.lead.text, result.lead.matches, 300, 60); // escaped by the engine
        item.appendChild(lead);
      }
      item.appendChild(paragraphList(result, paragraphs.slice(0, SHOWN)));
      if (paragraphs.length > SHOWN) {
        var rest = paragraphs.length - SHOWN, folded = element("details", "research-more-paragraphs");
        folded.appendChild(element("summary", "", rest + " more " + (rest === 1 ? "paragraph" : "paragraphs") + " in this document"));
        folded.appendChild(paragraphList(result, paragraphs.slice(SHOWN)));
        item.appendChild(folded);
      }
      list.appendChild(item);
    });
    return list;
  }

  /* The concordance's rows (concordance.js): every match of the paragraphs read, linked. */
  function concordanceRows() {
    return C.rows(state.results, function (result, p) {
      return { href: documentLink(result, p.id) + "#" + p.id, link: site + E.documentPath(result, p.id) + "/#" + p.id };
    });
  }

  function concordance() {
    var rows = concordanceRows(), wrap = element("div", "research-kwic");
    if (!rows.length) {
      wrap.appendChild(element("p", "", state.results.length
        ? "No match to show in context: the query has no words, or they match only in titles."
        : "No match to show."));
      return wrap;
    }
    var matches = rows.length + (rows.length === 1 ? " match" : " matches");
    wrap.appendChild(C.table(rows, matches + " in the " + documents(state.results.length) + " read so far"));
    return wrap;
  }

  /* ---- Wiring ---- */

  function open(search) {
    var asked = fromAddress(search);
    fill(asked.q);
    field.sort.value = asked.sort;
    field.view.value = state.view = asked.view;
    showQuery();
    return run(asked.q, asked.sort);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = compose(), sort = field.sort.value, view = field.view.value;
    if (!remember(q, sort, view, true)) return;
    state.view = view;
    if (q === state.q && sort === state.sort) render();
    else run(q, sort);
  });
  form.addEventListener("input", showQuery);
  form.addEventListener("change", showQuery);
  field.view.addEventListener("change", function () { // the view alone: what is loaded, shown the other way
    state.view = field.view.value;
    if (state.q !== null && remember(state.q, state.sort, state.view, false)) render();
  });
  out.more.addEventListener("click", more);
  out.csv.addEventListener("click", function () { C.download(concordanceRows(), "concordance.csv"); });
  window.addEventListener("popstate", function () { open(location.search); });

  engine.facets().then(fillFacets).catch(E.warn);
  open(opened);
})();
