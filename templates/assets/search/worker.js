/* Stenogram's search worker: Material for MkDocs' search-worker protocol over the static,
 * sharded index that builder/search/index.py writes (its docstring describes the files).
 *
 * Material posts {type: 0} (SETUP) once, then {type: 2, data: "the query"} (QUERY) on
 * every keystroke; the worker answers {type: 1} (READY), then {type: 3, data: {items}}
 * (RESULT). items holds one group per document, best first: the paragraphs that hold
 * the most query words (the best one first, the others under Material's "more on this
 * page"), each a link to its paragraph (#p12) with the words around the match, then
 * the document itself (location without "#", which Material shows as the group's head).
 * Titles and texts are HTML: every character of the documents is escaped here.
 * When more documents match than the GROUPS shown with their paragraphs, a second
 * RESULT follows with every other match too, best first, each a group of its head alone
 * (title and date, from the titles files): the list and Material's count hold them all.
 *
 * A query is the AND of its words; the last word, while being typed, matches as a
 * prefix. Only the files a query needs are loaded: the shards holding its words, then
 * the texts of the documents shown with their paragraphs, then the titles of the others.
 * Every file of the index is a script calling stenogramSearch(kind, key, data). Over
 * HTTP they are fetched in parallel and read as JSON; from file://, where Material runs
 * this script in an iframe (the iframe-worker shim: importScripts there adds <script>
 * tags and returns a Promise), they are loaded as scripts. A document's text comes, on
 * the served site, from its own JSON download (data/<id>.json.gz, its id from the titles
 * files), and in the offline copy, which cannot fetch it, from its script (docs/<n>.js).
 * Plain JavaScript, no dependencies, no build step.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's message types
  var FORMAT = 3; // the index layout this worker reads (FORMAT in builder/search/index.py)
  var GROUPS = 20; // documents shown with their matching paragraphs (the others by title)
  var SECTIONS = 5; // paragraphs listed for one document
  var MAX_WORDS = 8; // words of a query taken into account
  var PREFIX_SHARDS = 4; // a word being typed matches as a prefix when its terms span at most this many shards
  var PREFIX_WEIGHT = 0.9; // a longer word matched by a prefix counts a little less than the word itself
  var IMPACTS = 31; // the largest weight in the postings (IMPACTS in builder/search/index.py)
  var TEASER = 220; // characters of a paragraph shown
  var BEFORE = 60; // of which before the first match
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

  // Where this script comes from: in a worker, its own address; in the shim's iframe,
  // its <script> element's (with a "?timestamp" suffix, which resolving drops).
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src : self.location.href;
  var root = new URL("../../search/", here); // the index, beside assets/ at the site's root
  var http = /^https?:$/.test(root.protocol) && typeof fetch === "function";

  var manifest = null; // {format, version, documents, suffix, shards: [first key of each shard], titles, texts, json}
  var shards = []; // shard number -> {term: postings}
  var docs = []; // document number -> {id, title, date, text: packed record}, where texts are "scripts"
  var titles = []; // document number -> [id, title, date], from the titles files
  var records = []; // document number -> Promise of its unpacked record
  var postings = new Map(); // term -> decoded postings (a Map: a term may be "constructor")
  var loading = new Map(); // file path -> Promise, so that each file is requested once
  var has = Object.prototype.hasOwnProperty;
  var value64 = table(DIGITS), value85 = table(B85); // character code -> digit
  var latest = 0; // the newest query's number: older ones are answered no more
  var ready = null; // Promise of the manifest

  function table(alphabet) {
    var values = new Int8Array(128).fill(-1);
    for (var i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
    return values;
  }

  /* The index's files call this. */
  function receive(kind, key, data) {
    if (kind === "manifest") manifest = data;
    else if (kind === "shard") shards[key] = data;
    else if (kind === "doc") docs[key] = data;
    else if (kind === "titles") data.forEach(function (entry, i) { titles[key * manifest.titles + i] = entry; });
  }
  receive.tokenize = tokenize; // for the tests
  self.stenogramSearch = receive;

  /* ---- Text: the index's tokenizer (tokens in builder/search/index.py), escaping, highlighting ---- */

  function normalize(text) {
    return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  function tokenize(text) {
    return normalize(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The words of text that the query matches: [{start, end, words: [indexes of query words]}]. */
  function matchesIn(text, query) {
    var found = [], run, pattern = /[\p{L}\p{N}\p{M}]+/gu;
    if (!mayHold(text, query)) return found; // the usual case, quickly
    while ((run = pattern.exec(text))) {
      var words = [];
      tokenize(run[0]).forEach(function (token) {
        query.words.forEach(function (word, i) {
          var hit = i === query.words.length - 1 && query.prefix ? token.startsWith(word) : token === word;
          if (hit && words.indexOf(i) < 0) words.push(i);
        });
      });
      if (words.length) found.push({ start: run.index, end: run.index + run[0].length, words: words });
    }
    return found;
  }

  /* How many query words text may hold (as parts of its words): at least as many as it holds. */
  function mayHold(text, query) {
    var folded = normalize(text);
    return query.words.filter(function (word) { return folded.indexOf(word) >= 0; }).length;
  }

  /* text[from, to) escaped, its matched words in <mark>. */
  function highlight(text, found, from, to) {
    var html = "", at = from;
    found.forEach(function (m) {
      if (m.start < from || m.end > to) return;
      html += escapeHTML(text.slice(at, m.start)) + "<mark>" + escapeHTML(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return html + escapeHTML(text.slice(at, to));
  }

  /* Some TEASER characters of text from a little before its first match, cut at spaces. */
  function teaser(text, found) {
    var from = found.length ? Math.max(0, found[0].start - BEFORE) : 0;
    var to = Math.min(text.length, from + TEASER);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      if (space >= 0 && space < (found.length ? found[0].start : to)) from = space + 1;
    }
    if (to < text.length) {
      var last = text.lastIndexOf(" ", to);
      if (last > from && (!found.length || last >= found[0].end)) to = last;
    }
    return (from > 0 ? "… " : "") + highlight(text, found, from, to) + (to < text.length ? " …" : "");
  }

  /* ---- Files ---- */

  function load(path) {
    if (!loading.has(path)) {
      var url = new URL(path, root).href;
      var promise = http
        ? fetch(manifest ? url + "?v=" + manifest.version : url, manifest ? {} : { cache: "no-cache" })
          .then(function (response) {
            if (!response.ok) throw new Error(url + ": HTTP " + response.status);
            return response.text();
          })
          .then(function (text) { // stenogramSearch(kind,key,data);
            receive.apply(null, JSON.parse("[" + text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")) + "]"));
          })
        : new Promise(function (resolve) { resolve(importScripts(url)); }); // sync in a worker, a Promise in the shim
      loading.set(path, promise);
      promise.catch(function () { loading.delete(path); }); // tried again by the next query
    }
    return loading.get(path);
  }

  function setup() {
    if (!ready) {
      ready = load("manifest.js").then(function () {
        if (!manifest || manifest.format !== FORMAT) throw new Error("search index: unknown format");
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  /* The number of the shard that holds term: the last whose first key is not after it. */
  function shardOf(term) {
    var keys = manifest.shards, low = 0, high = keys.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (keys[mid] <= term) low = mid; else high = mid - 1;
    }
    return low;
  }

  /* A term's postings: [document, weight, document, weight, ...] (see encode_postings). */
  function postingsOf(term) {
    if (!postings.has(term)) {
      var shard = shards[shardOf(term)], code = has.call(shard, term) ? shard[term] : "";
      var out = [], value = 0, scale = 1, number = 0, gap = true;
      for (var i = 0; i < code.length; i++) {
        var digit = value64[code.charCodeAt(i)];
        if (digit >= 32) {
          value += (digit - 32) * scale;
          scale *= 32;
          continue;
        }
        value += digit * scale;
        if (gap) out.push(number += value); else out.push(value);
        gap = !gap;
        value = 0;
        scale = 1;
      }
      postings.set(term, out);
    }
    return postings.get(term);
  }

  /* Base85 (Python's b85encode, unpadded) to bytes. */
  function base85(text) {
    var pad = (5 - text.length % 5) % 5, bytes = new Uint8Array((text.length + pad) / 5 * 4), o = 0;
    for (var i = 0; i < text.length; i += 5) {
      var value = 0;
      for (var j = i; j < i + 5; j++) value = value * 85 + (j < text.length ? value85[text.charCodeAt(j)] : 84);
      bytes[o++] = value >>> 24;
      bytes[o++] = value >>> 16 & 255;
      bytes[o++] = value >>> 8 & 255;
      bytes[o++] = value & 255;
    }
    return bytes.subarray(0, o - pad);
  }

  function inflate(bytes, format) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format))).text();
  }

  /* Loads what entry(number) needs: the document's script, or the titles file it is in. */
  function entryOf(number) {
    return manifest.texts === "scripts" ? load("docs/" + number + ".js")
      : load("titles/" + Math.floor(number / manifest.titles) + ".js");
  }

  /* A document's [id, title, date] (once entryOf has loaded it). */
  function entry(number) {
    if (manifest.texts !== "scripts") return titles[number];
    var doc = docs[number];
    return [doc.id, doc.title, doc.date];
  }

  /* A document's JSON download, parsed. It is gzip; a server that sends it with
     Content-Encoding: gzip has had it inflated by the browser already. */
  function jsonOf(id) {
    var url = new URL("../" + manifest.json.replace("{id}", id), root).href + "?v=" + manifest.version;
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      return bytes[0] === 0x1f && bytes[1] === 0x8b ? inflate(bytes, "gzip") : new TextDecoder().decode(bytes);
    }).then(JSON.parse);
  }

  /* A document's text {lead, turns: [[label, [[paragraph id, text], ...]], ...]} (document_text
     in builder/search/index.py): unpacked from its script, or taken from its JSON. */
  function recordOf(number) {
    if (!records[number]) {
      records[number] = manifest.texts === "scripts"
        ? inflate(base85(docs[number].text), "deflate-raw").then(JSON.parse)
        : jsonOf(titles[number][0]).then(function (doc) {
          return { lead: doc.lead, turns: doc.turns.map(function (turn) {
            return [turn.label, turn.paragraphs.map(function (p) { return [p.id, p.text]; })];
          }) };
        });
      records[number].catch(function () { delete records[number]; });
    }
    return records[number];
  }

  /* ---- Search ---- */

  /* Each matching document's score for one query word: {document: score}. */
  function scores(word, prefix) {
    var terms = [word];
    if (prefix) {
      terms = [];
      var first = shardOf(word), last = shardOf(word + "\uffff");
      for (var s = first; s <= last; s++)
        for (var term in shards[s]) if (has.call(shards[s], term) && term.startsWith(word)) terms.push(term);
    }
    var found = {}, n = manifest.documents;
    terms.forEach(function (term) {
      var list = postingsOf(term), df = list.length / 2;
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (term === word ? 1 : PREFIX_WEIGHT) / IMPACTS;
      for (var i = 0; i < list.length; i += 2) {
        var score = idf * list[i + 1];
        if (!(found[list[i]] >= score)) found[list[i]] = score;
      }
    });
    return found;
  }

  function parse(text) {
    var words = [];
    tokenize(text).forEach(function (w) { if (words.indexOf(w) < 0 && words.length < MAX_WORDS) words.push(w); });
    var last = words[words.length - 1] || "";
    // the last word is still being typed unless a space or a sign follows it
    return { words: words, prefix: last.length >= 2 && /[\p{L}\p{N}\p{M}]$/u.test(text) };
  }

  function search(text, number) {
    var query = parse(text);
    if (!query.words.length) return Promise.resolve(null); // no words: no results
    return setup().then(function () {
      if (!manifest.shards.length) return null; // an empty index
      var words = query.words, last = words[words.length - 1], needed = {};
      if (query.prefix && shardOf(last + "\uffff") - shardOf(last) >= PREFIX_SHARDS) query.prefix = false;
      words.forEach(function (word, i) {
        var from = shardOf(word), to = i === words.length - 1 && query.prefix ? shardOf(word + "\uffff") : from;
        for (var s = from; s <= to; s++) needed["shards/" + s + ".js"] = true;
      });
      return Promise.all(Object.keys(needed).map(load));
    }).then(function (loaded) {
      if (!loaded) return null;
      if (number !== latest) return null;
      var words = query.words, total = null;
      var each = words.map(function (w, i) { return scores(w, query.prefix && i === words.length - 1); });
      each.sort(function (a, b) { return Object.keys(a).length - Object.keys(b).length; });
      each.forEach(function (found) { // AND: only documents every word has found
        if (total === null) {
          total = {};
          for (var d in found) total[d] = found[d];
        } else {
          for (var e in total) if (e in found) total[e] += found[e]; else delete total[e];
        }
      });
      var ranked = Object.keys(total).map(Number).sort(function (a, b) { return total[b] - total[a] || b - a; });
      var best = ranked.slice(0, GROUPS);
      return Promise.all(best.map(entryOf)).then(function () {
        if (number !== latest) return null;
        return Promise.all(best.map(function (d) { return group(d, total[d], query); }));
      }).then(function (items) {
        return items && { items: items, rest: ranked.slice(GROUPS), total: total, query: query };
      });
    });
  }

  /* The matches beyond the first GROUPS, each a group of its head alone: title and date. */
  function listed(found) {
    var needed = {};
    found.rest.forEach(function (d) { needed["titles/" + Math.floor(d / manifest.titles) + ".js"] = true; });
    return Promise.all(Object.keys(needed).map(load)).then(function () {
      var terms = termsOf(found.query);
      return found.rest.map(function (d) {
        var entry = titles[d], title = highlight(entry[1], matchesIn(entry[1], found.query), 0, entry[1].length);
        return [{
          location: "documents/" + entry[0] + manifest.suffix, score: found.total[d], terms: terms,
          title: title + (entry[2] ? " · " + escapeHTML(entry[2]) : ""), text: "",
        }];
      });
    });
  }

  function termsOf(query) {
    var terms = {};
    query.words.forEach(function (w) { terms[w] = true; });
    return terms;
  }

  /* One document's group of Material's result list. */
  function group(number, score, query) {
    var doc = entry(number), location = "documents/" + doc[0] + manifest.suffix, terms = termsOf(query);
    var title = escapeHTML(doc[1]); // with its matches marked, below
    var head = function (text, sections) {
      return {
        location: location, score: sections ? 0 : score, terms: terms,
        title: title + (doc[2] ? " · " + escapeHTML(doc[2]) : ""), text: text ? "<p>" + text + "</p>" : "",
      };
    };
    return recordOf(number).then(function (record) {
      title = highlight(doc[1], matchesIn(doc[1], query), 0, doc[1].length);
      // The paragraphs that hold the most query words (counting their turn's label), first
      // ones first. Candidates go by how many words they may hold, so that the exact count
      // (slower) is taken only until no later paragraph can do better.
      var candidates = [], position = 0;
      record.turns.forEach(function (turn) {
        var label = turn[0] || "", inLabel = label ? matchesIn(label, query) : [];
        var labelWords = inLabel.reduce(function (all, m) { return all.concat(m.words); }, []);
        turn[1].forEach(function (p) {
          var maybe = Math.min(query.words.length, mayHold(p[1], query) + labelWords.length);
          if (maybe) candidates.push({ id: p[0], text: p[1], label: label, inLabel: inLabel, labelWords: labelWords,
            maybe: maybe, order: position });
          position++;
        });
      });
      candidates.sort(function (a, b) { return b.maybe - a.maybe || a.order - b.order; });
      var paragraphs = [], better = function (a, b) { return b.count - a.count || a.order - b.order; };
      for (var c = 0; c < candidates.length; c++) {
        var p = candidates[c], worst = paragraphs[SECTIONS - 1];
        if (worst && (p.maybe < worst.count || (p.maybe === worst.count && p.order > worst.order))) break;
        var words = {};
        p.found = matchesIn(p.text, query);
        p.found.forEach(function (m) { m.words.forEach(function (w) { words[w] = true; }); });
        p.labelWords.forEach(function (w) { words[w] = true; });
        p.count = Object.keys(words).length;
        if (p.count) paragraphs = paragraphs.concat([p]).sort(better).slice(0, SECTIONS);
      }
      var sections = paragraphs.slice(0, SECTIONS).map(function (p, i) {
        var name = (p.label ? highlight(p.label, p.inLabel, 0, p.label.length) + " · " : "") + "¶ " + p.id;  // as the page names the paragraph (its permalink reads p3)
        return {
          location: location + "#" + p.id, title: name, terms: terms,
          text: "<p>" + teaser(p.text, p.found) + "</p>",
          score: i ? score * 0.5 * p.count / query.words.length : score, // lower: under "more on this page"
        };
      });
      var lead = record.lead || (record.turns[0] && record.turns[0][1][0] ? record.turns[0][1][0][1] : "");
      return sections.concat([head(teaser(lead, matchesIn(lead, query)), sections.length)]);
    }, function (error) { // no DecompressionStream, or a file missing or broken: the document without its text
      warn(error);
      return [head("", 0)];
    });
  }

  /* ---- Messages ---- */

  function warn(error) {
    if (typeof console !== "undefined") console.warn("search:", error);
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      setup().catch(warn).then(function () { postMessage({ type: READY }); });
    } else if (message.type === QUERY) {
      var number = ++latest;
      search(String(message.data || ""), number).then(function (found) {
        if (number !== latest) return null;
        postMessage({ type: RESULT, data: { items: found ? found.items : [] } });
        if (!found || !found.rest.length) return null;
        return listed(found).then(function (more) {
          if (number === latest) postMessage({ type: RESULT, data: { items: found.items.concat(more) } });
        }, warn); // without the titles, the first GROUPS stay shown
      }, function (error) {
        warn(error);
        if (number === latest) postMessage({ type: RESULT, data: { items: [] } });
      });
    }
  });
})();
