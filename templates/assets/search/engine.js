/* Stenogram's search engine: the query language over the static, sharded index that
 * builder/search/index.py writes (its docstring describes the files; builder/search/fields.py
 * the field terms and names). Used by Material's search box, through worker.js, and by the
 * research page, through research.js; it needs the Snowball stemmers
 * (assets/vendor/snowball-stemmers/, global snowballFactory) loaded first.
 *
 * A query (the research page documents it for readers):
 *   words            every word, in any of its forms (Snowball stems) and spellings (Kyiv, Kiev)
 *   "a phrase"       the words in that order; a run of Chinese or Japanese characters is one too
 *   -word -"phrase"  documents without it
 *   speaker:NAME     turns spoken by that person (speaker:"Sergei Lavrov", speaker:Lavrov)
 *   person:NAME      turns they speak or paragraphs that name them
 *   topic:NAME kind:transcript year:2025 from:2024-06 to:2025-03
 * A name, in a filter or among the words, is every name of that person in the registry:
 * "Yuri Borisov", "Yury Borisov", "Mr Borisov" and "Borisov" find the same man.
 *
 * Answering: the postings of the query's terms, names and filters give the documents that
 * may match (every clause found somewhere in them), ranked. A query whose every clause is a
 * word, and with no person filter, is exact at that point: with a speaker filter, a word
 * counts only where the index's who (index.py) says that speaker says it. Otherwise (a
 * phrase, a name among the words, a person's turns) each candidate's text is read to check it, best first, a batch
 * at a time: Session.more(n) checks until n more documents match, so that the first results
 * come before the whole list is checked; the texts read are those of the candidates checked, best first.
 * Plain JavaScript, no dependencies but the stemmers, no build step.
 */
(function (global) {
  "use strict";

  var FORMAT = 5; // the index layout this engine reads (FORMAT in builder/search/index.py)
  var MAX_CLAUSES = 12; // clauses of a query taken into account
  var NAME_WORDS = 4; // the longest name looked up among a query's words
  var PREFIX_SHARDS = 4; // a word being typed matches as a prefix when its terms span at most this many shards
  var PREFIX_WEIGHT = 0.9; // a longer word matched by a prefix counts a little less than the word itself
  var IMPACTS = 31; // the largest weight in the postings (IMPACTS in builder/search/index.py)
  var BATCH = 10; // texts read at once while checking candidates
  // A speaker's or person's weight in a document (how much they speak or are named there) adds
  // this share of a word's to its rank: the documents where they say most are checked first.
  var SCOPE_WEIGHT = 0.5;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
  // Chinese and Japanese characters, each a token (CJK in builder/search/words.py).
  var CJK = "\\u3041-\\u309f\\u30a0-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var TOKEN = new RegExp("[" + CJK + "]|(?:(?![" + CJK + "])[\\p{L}\\p{N}])+", "gu");
  var RUN = new RegExp("[" + CJK + "]|(?:(?![" + CJK + "])[\\p{L}\\p{N}\\p{M}])+", "gu"); // a token as written
  var IS_CJK = new RegExp("^[" + CJK + "]$", "u");
  var FIELDS = { speaker: 1, person: 1, topic: 1, kind: 1, year: 1, from: 1, to: 1 };
  var has = Object.prototype.hasOwnProperty;
  var value64 = table(DIGITS), value85 = table(B85);

  function table(alphabet) {
    var values = new Int8Array(128).fill(-1);
    for (var i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
    return values;
  }

  /* ---- Words: the index's folding, tokens and stems (builder/search/words.py) ---- */

  function normalize(text) {
    return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  }

  function tokenize(text) {
    return normalize(text).match(TOKEN) || [];
  }

  var stemmers = null, stems = new Map();
  function stem(token) {
    var known = stems.get(token);
    if (known !== undefined) return known;
    if (!stemmers) stemmers = { en: global.snowballFactory.newStemmer("english"), ru: global.snowballFactory.newStemmer("russian") };
    var out = /^[a-z]+$/.test(token) ? stemmers.en.stem(token)
      : /^[\u0430-\u044f\u0451]+$/.test(token) ? stemmers.ru.stem(token) : token;
    stems.set(token, out);
    return out;
  }

  /* The tokens of text with where each is written: [{token, stem, start, end}]. */
  function spans(text) {
    var out = [], run;
    RUN.lastIndex = 0;
    while ((run = RUN.exec(text))) {
      var parts = tokenize(run[0]);
      for (var i = 0; i < parts.length; i++)
        out.push({ token: parts[i], stem: stem(parts[i]), start: run.index, end: run.index + run[0].length });
    }
    return out;
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* text[from, to) escaped, its matches ([{start, end}], in order, not overlapping) in <mark>. */
  function highlight(text, matches, from, to) {
    var html = "", at = from === undefined ? 0 : from;
    to = to === undefined ? text.length : to;
    matches.forEach(function (m) {
      if (m.start < at || m.end > to) return;
      html += escapeHTML(text.slice(at, m.start)) + "<mark>" + escapeHTML(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return html + escapeHTML(text.slice(at, to));
  }

  /* Some `length` characters of text from a little (`before`) before its first match, cut at spaces, as HTML. */
  function teaser(text, matches, length, before) {
    var first = matches[0], from = first ? Math.max(0, first.start - before) : 0;
    var to = Math.min(text.length, from + length);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      if (space >= 0 && space < (first ? first.start : to)) from = space + 1;
    }
    if (to < text.length) {
      var last = text.lastIndexOf(" ", to);
      if (last > from && (!first || last >= first.end)) to = last;
    }
    return (from > 0 ? "… " : "") + highlight(text, matches, from, to) + (to < text.length ? " …" : "");
  }

  /* Spans sorted and merged where they overlap. */
  function merged(list) {
    var out = [];
    list.slice().sort(function (a, b) { return a.start - b.start || b.end - a.end; }).forEach(function (m) {
      var last = out[out.length - 1];
      if (last && m.start < last.end) last.end = Math.max(last.end, m.end);
      else out.push({ start: m.start, end: m.end });
    });
    return out;
  }

  /* ---- The query ---- */

  /* A query's text as its parts: {clauses, exclude, filters, prefix, words (for highlighting)}.
     A clause is {alts: [[token, ...], ...] (any of them), persons: [ids] (or a name of theirs),
     name: the name as typed (a clause turned into a person keeps it), typing: the word being typed}. */
  function parse(text) {
    var query = { clauses: [], exclude: [], filters: [], words: [], prefix: false, text: text };
    var part = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|([^\s"]+))/g, found, bare = [];
    var flush = function () { // bare words: each a clause, a run of CJK characters a phrase
      var cjk = [];
      var close = function () {
        if (cjk.length) query.clauses.push({ alts: [cjk], persons: [], grouped: false });
        cjk = [];
      };
      bare.forEach(function (token) {
        if (IS_CJK.test(token)) cjk.push(token);
        else {
          close();
          query.clauses.push({ alts: [[token]], persons: [], grouped: true });
        }
      });
      close();
      bare = [];
    };
    while ((found = part.exec(text))) {
      var negative = found[1] === "-", field = (found[2] || "").toLowerCase();
      var quoted = found[3], value = quoted !== undefined ? quoted : found[4];
      if (field && !has.call(FIELDS, field)) { // not a filter: its words are words
        value = found[2] + " " + value;
        field = "";
      }
      var tokens = tokenize(value);
      if (field) {
        flush();
        if (tokens.length) query.filters.push({ field: field, value: value, tokens: tokens });
      } else if (negative) { // a phrase (or a run of CJK characters) as one, words each alone
        flush();
        if (quoted !== undefined || (tokens.length && IS_CJK.test(tokens[0]))) { if (tokens.length) query.exclude.push(tokens); }
        else tokens.forEach(function (t) { query.exclude.push([t]); });
      } else if (quoted !== undefined) {
        flush();
        if (tokens.length) query.clauses.push({ alts: [tokens], persons: [], grouped: false });
      } else {
        bare = bare.concat(tokens);
        if (found.index + found[0].length === text.length && /[\p{L}\p{N}\p{M}]$/u.test(text) && tokens.length)
          query.prefix = true;
      }
    }
    flush();
    query.clauses = query.clauses.slice(0, MAX_CLAUSES);
    var last = query.clauses[query.clauses.length - 1];
    if (query.prefix && last && last.grouped && last.alts[0][0].length >= 2) last.typing = true;
    else query.prefix = false;
    return query;
  }

  function Engine(root, loadScript) {
    var http = /^https?:$/.test(root.protocol) && typeof fetch === "function";
    var manifest = null, facets = null;
    var shards = []; // shard number -> {t: {term: postings}, n: {name key: ids}, w: {term: who}}
    var docs = []; // document number -> {id, title, date, text: packed record}, where texts are "scripts"
    var titles = []; // document number -> [id, title, date], from the titles files
    var records = []; // document number -> Promise of its record
    var postings = new Map(); // term -> decoded postings
    var whos = new Map(); // term -> Map(document number -> its who, as written)
    var loading = new Map(); // file path -> Promise, so that each file is requested once
    var ready = null;
    var spelling = new Map(); // folded word or words -> [[token, ...], ...]: its group

    function receive(kind, key, data) {
      if (kind === "manifest") manifest = data;
      else if (kind === "shard") shards[key] = data;
      else if (kind === "doc") docs[key] = data;
      else if (kind === "facets") facets = data;
      else if (kind === "titles") data.forEach(function (entry, i) { titles[key * manifest.titles + i] = entry; });
    }
    global.stenogramSearch = receive;

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
          : Promise.resolve(loadScript(url));
        loading.set(path, promise);
        promise.catch(function () { loading.delete(path); }); // tried again by the next query
      }
      return loading.get(path);
    }

    function setup() {
      if (!ready) {
        ready = load("manifest.js").then(function () {
          if (!manifest || manifest.format !== FORMAT) throw new Error("search index: unknown format");
          manifest.spellings.forEach(function (group) {
            var alts = group.map(function (words) { return words.split(" "); });
            group.forEach(function (words) { spelling.set(words, alts); });
          });
        });
        ready.catch(function () { ready = null; });
      }
      return ready;
    }

    /* The number of the shard that holds key: the last whose first key is not after it. */
    function shardOf(key) {
      var keys = manifest.shards, low = 0, high = keys.length - 1;
      while (low < high) {
        var mid = (low + high + 1) >> 1;
        if (keys[mid] <= key) low = mid; else high = mid - 1;
      }
      return low;
    }

    function shardFile(key) { return "shards/" + shardOf(key) + ".js"; }

    function loadAll(keys) {
      var needed = {};
      keys.forEach(function (key) { needed[shardFile(key)] = true; });
      return Promise.all(Object.keys(needed).map(load));
    }

    /* A term's postings: {document number: weight} (the gaps and weights of encode_number). */
    function postingsOf(term) {
      if (!postings.has(term)) {
        var shard = shards[shardOf(term)], code = shard && has.call(shard.t, term) ? shard.t[term] : "";
        var out = new Map(), value = 0, scale = 1, number = 0, gap = true;
        for (var i = 0; i < code.length; i++) {
          var digit = value64[code.charCodeAt(i)];
          if (digit >= 32) {
            value += (digit - 32) * scale;
            scale *= 32;
            continue;
          }
          value += digit * scale;
          if (gap) number += value; else out.set(number, value);
          gap = !gap;
          value = 0;
          scale = 1;
        }
        postings.set(term, out);
      }
      return postings.get(term);
    }

    /* A term's who (the shards' "w", index.py): Map(document number -> the number as written,
       its bits in groups of 5, lowest first), in the order of its postings; empty when none. */
    function whoOf(term) {
      if (!whos.has(term)) {
        var shard = shards[shardOf(term)], code = shard && shard.w && has.call(shard.w, term) ? shard.w[term] : "";
        var out = new Map(), numbers = postingsOf(term).keys(), start = 0;
        for (var i = 0; i < code.length; i++) {
          if (value64[code.charCodeAt(i)] >= 32) continue; // a number ends at a digit of the lower half
          out.set(numbers.next().value, code.slice(start, i + 1));
          start = i + 1;
        }
        whos.set(term, out);
      }
      return whos.get(term);
    }

    /* Whether a word's who (as written) has the bit of seat k. */
    function seated(who, k) {
      var group = (k / 5) | 0;
      if (!who || group >= who.length) return false;
      return ((value64[who.charCodeAt(group)] & 31) >> (k % 5) & 1) === 1;
    }

    /* The value of a number as written (a seat). */
    function numberOf(written) {
      var value = 0;
      for (var i = written.length - 1; i >= 0; i--) value = value * 32 + (value64[written.charCodeAt(i)] & 31);
      return value;
    }

    /* Of a word's postings, the documents where one of the people in spoken says it. */
    function saidBy(term, list, spoken) {
      var who = whoOf(term), out = new Map();
      list.forEach(function (impact, d) {
        var bits = who.get(d);
        if (bits && spoken.some(function (id) {
          var seat = whoOf("s:" + id).get(d);
          return seat !== undefined && seated(bits, numberOf(seat));
        })) out.set(d, impact);
      });
      return out;
    }

    function idf(list) {
      var n = manifest.documents, df = list.size;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5)) / IMPACTS;
    }

    /* The ids a name key stands for (once its shard is loaded). */
    function namesOf(key) {
      var shard = shards[shardOf(key)];
      return shard && has.call(shard.n, key) ? shard.n[key].split(" ") : [];
    }

    /* A name as typed (its tokens) to the people it may be: courtesy titles before it dropped. */
    function peopleNamed(tokens) {
      var ids = namesOf(tokens.join(" "));
      if (!ids.length && tokens.length > 1 && manifest.courtesy.indexOf(tokens[0]) >= 0) ids = namesOf(tokens.slice(1).join(" "));
      return ids;
    }

    /* The keys whose shards a query needs before its names can be told apart from its words. */
    function nameKeys(query) {
      var keys = [];
      query.clauses.forEach(function (c, i) {
        if (!c.grouped) { keys.push(c.alts[0].join(" ")); return; } // a phrase may be a name
        for (var n = 1; n <= NAME_WORDS && i + n <= query.clauses.length; n++) {
          var words = query.clauses.slice(i, i + n);
          if (!words.every(function (w) { return w.grouped; })) break;
          keys.push(words.map(function (w) { return w.alts[0][0]; }).join(" "));
        }
      });
      query.filters.forEach(function (f) {
        if (f.field === "speaker" || f.field === "person") {
          keys.push(f.tokens.join(" "));
          if (f.tokens.length > 1) keys.push(f.tokens.slice(1).join(" "));
        }
      });
      return keys;
    }

    /* Runs of the query's words that are a person's name or a spelling of several words become one clause. */
    function group(query) {
      var out = [], clauses = query.clauses;
      for (var i = 0; i < clauses.length; i++) {
        var c = clauses[i], done = false;
        if (!c.grouped) {
          var named = peopleNamed(c.alts[0]);
          if (named.length) c = { alts: [], persons: named, name: c.alts[0].join(" ") };
          else if (spelling.has(c.alts[0].join(" "))) c.alts = spelling.get(c.alts[0].join(" "));
          out.push(c);
          continue;
        }
        for (var n = Math.min(NAME_WORDS, clauses.length - i); n >= 1 && !done; n--) {
          var words = clauses.slice(i, i + n);
          if (!words.every(function (w) { return w.grouped; })) continue; // a name typed in full is the name
          var tokens = words.map(function (w) { return w.alts[0][0]; }), ids = peopleNamed(tokens);
          if (ids.length) { // a name: the person (one word alone: the word too)
            out.push({ alts: n === 1 ? [tokens] : [], persons: ids, name: tokens.join(" ") });
            i += n - 1;
            done = true;
          } else if (spelling.has(tokens.join(" "))) {
            out.push({ alts: spelling.get(tokens.join(" ")), persons: [] });
            i += n - 1;
            done = true;
          }
        }
        if (!done) out.push(c);
      }
      query.clauses = out;
    }

    /* Each candidate's score for one clause: Map(document -> score); an alternative of several
       words needs all of them (checked later in the text). spoken: the speakers who must say
       its words (query.spoken), or null. */
    function clauseScores(clause, spoken) {
      var found = new Map();
      var add = function (list, weight) {
        var w = idf(list) * weight;
        list.forEach(function (impact, d) {
          var score = w * impact;
          if (!(found.get(d) >= score)) found.set(d, score);
        });
      };
      clause.persons.forEach(function (id) { add(postingsOf("p:" + id), 1); });
      clause.alts.forEach(function (alt) {
        if (alt.length === 1) {
          termsOf(alt[0], clause.typing).forEach(function (t) {
            var list = postingsOf(t.term);
            add(spoken ? saidBy(t.term, list, spoken) : list, t.weight);
          });
          return;
        }
        var all = null;
        alt.forEach(function (token) {
          var list = postingsOf(stem(token)), w = idf(list), next = new Map();
          list.forEach(function (impact, d) {
            if (all === null) next.set(d, w * impact);
            else if (all.has(d)) next.set(d, all.get(d) + w * impact);
          });
          all = next;
        });
        (all || new Map()).forEach(function (score, d) { if (!(found.get(d) >= score)) found.set(d, score); });
      });
      return found;
    }

    /* The terms one word stands for: its stem, and while it is being typed every term it begins. */
    function termsOf(token, typing) {
      var out = [{ term: stem(token), weight: 1 }];
      if (typing && shardOf(token + "\uffff") - shardOf(token) < PREFIX_SHARDS) {
        for (var s = shardOf(token); s <= shardOf(token + "\uffff"); s++) {
          var shard = shards[s];
          if (!shard) continue;
          for (var term in shard.t)
            if (has.call(shard.t, term) && term !== out[0].term && term.startsWith(token)) out.push({ term: term, weight: PREFIX_WEIGHT });
        }
      }
      return out;
    }

    function prefixShards(query) {
      var files = [];
      query.clauses.forEach(function (c) {
        if (!c.typing) return;
        var token = c.alts[0][0], from = shardOf(token), to = shardOf(token + "\uffff");
        if (to - from < PREFIX_SHARDS) for (var s = from; s <= to; s++) files.push("shards/" + s + ".js");
      });
      return files;
    }

    /* The months a query's date filters allow, or null for any. */
    function months(query) {
      var from = "", to = "\uffff", any = true;
      query.filters.forEach(function (f) {
        var value = f.tokens.join("-");
        if (f.field === "year") { from = max(from, value.slice(0, 4) + "-01"); to = min(to, value.slice(0, 4) + "-12"); any = false; }
        if (f.field === "from") { from = max(from, value.length > 4 ? value.slice(0, 7) : value + "-01"); any = false; }
        if (f.field === "to") { to = min(to, value.length > 4 ? value.slice(0, 7) : value + "-12"); any = false; }
      });
      if (any) return null;
      return manifest.months.filter(function (m) { return m >= from && m <= to; });
    }
    function max(a, b) { return a > b ? a : b; }
    function min(a, b) { return a < b ? a : b; }

    /* What each filter needs: {terms: [any of them] per filter, scope: people whose turns (or names) a match must be in}. */
    function filterTerms(query) {
      var needs = [], problems = [];
      query.scope = null;
      query.filters.forEach(function (f) {
        if (f.field === "speaker" || f.field === "person") {
          var ids = peopleNamed(f.tokens);
          if (!ids.length) problems.push("No one named “" + f.value + "” speaks or is named in these documents.");
          needs.push(ids.map(function (id) { return (f.field === "speaker" ? "s:" : "p:") + id; }));
          query.scope = query.scope || { speakers: {}, named: {} };
          ids.forEach(function (id) { query.scope[f.field === "speaker" ? "speakers" : "named"][id] = true; });
        } else if (f.field === "topic") {
          var topics = manifest.topics.filter(function (t) { // every word begins a word of the topic's name
            var words = t[1].split(" ");
            return f.tokens.every(function (w) { return words.some(function (x) { return x.startsWith(w); }); });
          });
          if (!topics.length) problems.push("No topic is called “" + f.value + "”.");
          needs.push(topics.map(function (t) { return "t:" + t[1]; }));
        } else if (f.field === "kind") {
          needs.push(["k:" + f.tokens.join(" ")]);
        }
      });
      var allowed = months(query);
      if (allowed) needs.push(allowed.map(function (m) { return "d:" + m; }));
      query.problems = problems;
      query.spoken = spokenBy(query);
      return needs;
    }

    /* The speakers whose turns every clause must be in, when the index alone can tell (each
       clause words, no name among them, no person filter): the speaker filters' people; else null. */
    function spokenBy(query) {
      var s = query.scope;
      if (!s || Object.keys(s.named).length || !query.clauses.length) return null;
      var plain = query.clauses.every(function (c) {
        return !c.persons.length && c.alts.every(function (alt) { return alt.length === 1; });
      });
      return plain ? Object.keys(s.speakers) : null;
    }

    /* Whether a candidate must be read to be sure of it. */
    function needsCheck(query) {
      return query.exclude.some(function (alt) { return alt.length > 1; })
        || (query.scope && query.clauses.length > 0 && !query.spoken)
        || query.clauses.some(function (c) { return c.alts.some(function (alt) { return alt.length > 1; }); });
    }

    /* The query's candidates: every document each clause and filter finds, none an exclusion
       finds, with their scores; and whether they must be checked. */
    function candidates(query, filtered) {
      var total = null;
      var sets = query.clauses.map(function (clause) { return clauseScores(clause, query.spoken); });
      filtered.forEach(function (terms) { // a speaker or person counts by how much they speak or are named
        var found = new Map();
        terms.forEach(function (term) {
          var list = postingsOf(term), weight = /^[sp]:/.test(term) ? SCOPE_WEIGHT / IMPACTS : 0;
          list.forEach(function (impact, d) { found.set(d, Math.max(found.get(d) || 0, weight * impact)); });
        });
        sets.push(found);
      });
      sets.sort(function (a, b) { return a.size - b.size; });
      sets.forEach(function (found) { // AND
        if (total === null) total = new Map(found);
        else total.forEach(function (score, d) { if (found.has(d)) total.set(d, score + found.get(d)); else total.delete(d); });
      });
      total = total || new Map();
      query.exclude.forEach(function (alt) {
        if (alt.length > 1) return; // a phrase: checked in the text
        spellingsOf(alt[0]).forEach(function (token) { postingsOf(stem(token)).forEach(function (_, d) { total.delete(d); }); });
      });
      return total;
    }

    function spellingsOf(token) {
      var group = spelling.get(token);
      return group ? group.filter(function (alt) { return alt.length === 1; }).map(function (alt) { return alt[0]; }) : [token];
    }

    /* Every key whose shard a query needs: its words (and their spellings), names, filters, exclusions. */
    function neededKeys(query) {
      var keys = [];
      query.clauses.forEach(function (c) {
        c.alts.forEach(function (alt) { alt.forEach(function (t) { keys.push(stem(t)); }); });
        c.persons.forEach(function (id) { keys.push("p:" + id); });
      });
      query.exclude.forEach(function (alt) {
        alt.forEach(function (t) { spellingsOf(t).forEach(function (s) { keys.push(stem(s)); }); });
      });
      return keys;
    }

    function filterKeys(needs) {
      return needs.reduce(function (all, terms) { return all.concat(terms); }, []);
    }

    /* ---- Texts ---- */

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

    /* [id, title, date] (and, for a long document, its pages' first paragraphs: index.py's titles files). */
    function entry(number) {
      if (manifest.texts !== "scripts") return titles[number];
      var doc = docs[number];
      if (!doc) return undefined; // its script did not load
      return doc.pages ? [doc.id, doc.title, doc.date, doc.pages] : [doc.id, doc.title, doc.date];
    }

    /* A document's JSON download, parsed (gzip, unless the server has inflated it already). */
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

    /* A document's text {lead, turns: [[label, speaker, [[id, text, [[person, start, end]]]]]]}
       (document_text in builder/search/index.py): from its script, or from its JSON. */
    function recordOf(number) {
      if (!records[number]) {
        records[number] = entryOf(number).then(function () {
          if (manifest.texts === "scripts") return inflate(base85(docs[number].text), "deflate-raw").then(JSON.parse);
          return jsonOf(titles[number][0]).then(function (doc) {
            return { lead: doc.lead, turns: doc.turns.map(function (turn) {
              return [turn.label, turn.speaker, turn.paragraphs.map(function (p) {
                return [p.id, p.text, (p.mentions || []).map(function (m) { return [m.person, m.start, m.end]; })];
              })];
            }) };
          });
        });
        records[number].catch(function () { delete records[number]; });
      }
      return records[number];
    }

    /* ---- Matching in a text ---- */

    /* Where a clause matches in a unit (a paragraph, the title, the lead): [{start, end}]. */
    function clauseIn(clause, unit) {
      var out = [], words = unit.words || (unit.words = spans(unit.text));
      clause.alts.forEach(function (alt) {
        if (alt.length === 1) {
          var want = stem(alt[0]), typing = clause.typing ? alt[0] : null;
          words.forEach(function (w) { if (w.stem === want || (typing && w.token.startsWith(typing))) out.push(w); });
          return;
        }
        for (var i = 0; i + alt.length <= words.length; i++) {
          var ok = true;
          for (var j = 0; j < alt.length && ok; j++) ok = words[i + j].token === alt[j];
          if (ok) out.push({ start: words[i].start, end: words[i + alt.length - 1].end });
        }
      });
      (unit.mentions || []).forEach(function (m) {
        if (clause.persons.indexOf(m[0]) >= 0) out.push({ start: m[1], end: m[2] });
      });
      return out;
    }

    function inScope(query, unit) {
      if (!query.scope) return true;
      if (!unit.id) return false; // the title and lead are nobody's turn
      var s = query.scope;
      if (unit.speaker && s.speakers[unit.speaker]) return true;
      if (unit.speaker && s.named[unit.speaker]) return true;
      return (unit.mentions || []).some(function (m) { return s.named[m[0]]; });
    }

    /* A document read against the query: null when it does not match (unless exact: the index
       has found it already), else the paragraphs in scope that match (every one in scope when
       the query has no words), each {id, label, speaker, text, matches, count}, best first. */
    function analyse(query, number, record, exact) {
      var doc = entry(number), title = { text: doc[1] }, lead = record.lead ? { text: record.lead } : null;
      var units = [title].concat(lead ? [lead] : []);
      record.turns.forEach(function (turn) {
        var label = turn[0] ? { text: turn[0] } : null;
        turn[2].forEach(function (p) {
          units.push({ id: p[0], text: p[1], mentions: p[2], label: turn[0], labelUnit: label, speaker: turn[1] });
        });
      });
      var excluded = query.exclude.some(function (alt) {
        return alt.length > 1 && units.some(function (u) { return clauseIn({ alts: [alt], persons: [] }, u).length; });
      });
      if (excluded && !exact) return null;
      var met = query.clauses.map(function () { return false; }), paragraphs = [];
      units.forEach(function (u, order) {
        if (!inScope(query, u)) return;
        var matches = [], count = 0, weak = 0;
        query.clauses.forEach(function (clause, i) {
          var found = clauseIn(clause, u);
          if (found.length) {
            met[i] = true;
            count++;
            matches = matches.concat(found);
          } else if ((u.speaker && clause.persons.indexOf(u.speaker) >= 0) // their own turn
            || (u.labelUnit && !query.scope && clauseIn(clause, u.labelUnit).length)) { // its speaker's label
            met[i] = true;
            weak++;
          }
        });
        u.matches = merged(matches);
        if (u.id && (count || weak || (query.scope && !query.clauses.length)))
          paragraphs.push({ id: u.id, label: u.label, speaker: u.speaker, text: u.text, matches: u.matches, count: count, weak: weak, order: order });
      });
      // Paragraphs matched only through their turn (its label, its speaker) are listed when no other is.
      var strong = paragraphs.filter(function (p) { return p.count; });
      if (strong.length) paragraphs = strong;
      if (!exact && (met.some(function (m) { return !m; }) || (query.scope && !paragraphs.length))) return null;
      paragraphs.sort(function (a, b) { return b.count - a.count || b.weak - a.weak || a.order - b.order; });
      return {
        number: number, id: doc[0], title: doc[1], date: doc[2], pages: doc[3] || null, titleMatches: title.matches || [],
        paragraphs: paragraphs, lead: lead ? { text: lead.text, matches: lead.matches || [] } : null,
      };
    }

    /* ---- Sessions ---- */

    /* A query being answered: more(n) gives the next n matches (fewer at the end), in order. */
    function Session(query, ranked, scores, exact) {
      this.query = query;
      this.ranked = ranked; // candidates, in the order asked for
      this.scores = scores;
      this.exact = exact; // every candidate matches: the count is the candidates'
      this.checked = 0; // candidates read so far
      this.found = 0; // matches given so far
    }

    Session.prototype.more = function (n) {
      var self = this, out = [];
      var step = function () {
        if (out.length >= n || self.checked >= self.ranked.length) return Promise.resolve(out);
        // An exact query's next n all match: read at once. Otherwise a batch at a time, so as to stop once n match.
        var size = self.exact ? n - out.length : Math.min(BATCH, Math.max(1, n - out.length));
        var batch = self.ranked.slice(self.checked, self.checked + size);
        self.checked += batch.length;
        return Promise.all(batch.map(function (d) {
          return recordOf(d).then(function (record) { return analyse(self.query, d, record, self.exact); }, function (error) {
            warn(error);
            var e = entry(d) || ["", "", "", null];
            return self.exact ? { number: d, id: e[0], title: e[1], date: e[2], pages: e[3] || null,
              titleMatches: [], paragraphs: [], lead: null } : null;
          });
        })).then(function (results) {
          results.forEach(function (r) { if (r) { r.score = self.scores.get(r.number); out.push(r); } });
          return step();
        });
      };
      return step().then(function (list) { self.found += list.length; return list; });
    };

    /* The candidates not read yet (or the first n of them), by title (only for an exact query:
       each of them matches), from the titles files (never the documents' own scripts: a few
       files, not one a match). Reads no text, and leaves them to more(). */
    Session.prototype.rest = function (n) {
      var self = this, rest = this.ranked.slice(this.checked, n === undefined ? undefined : this.checked + n), needed = {};
      rest.forEach(function (d) { needed["titles/" + Math.floor(d / manifest.titles) + ".js"] = true; });
      return Promise.all(Object.keys(needed).map(load)).then(function () {
        return rest.map(function (d) {
          var e = titles[d], matches = [];
          self.query.clauses.forEach(function (c) { matches = matches.concat(clauseIn(c, { text: e[1] })); });
          return { number: d, id: e[0], title: e[1], date: e[2], pages: e[3] || null, score: self.scores.get(d), titleMatches: merged(matches),
            paragraphs: [], lead: null };
        });
      });
    };

    /* Starts answering text: a Promise of a Session (null for a query with nothing to look for).
       sort: "relevance" (the default with words), "newest" (without), "oldest". */
    function search(text, sort) {
      var query = parse(text);
      if (!query.clauses.length && !query.filters.length) return Promise.resolve(null);
      return setup().then(function () {
        if (!manifest.shards.length) return null;
        query.clauses.forEach(function (c) { if (c.typing && shardOf(c.alts[0][0] + "\uffff") - shardOf(c.alts[0][0]) >= PREFIX_SHARDS) c.typing = false; });
        var needs = null;
        return loadAll(nameKeys(query)).then(function () {
          group(query);
          needs = filterTerms(query);
          var files = prefixShards(query), keys = neededKeys(query).concat(filterKeys(needs));
          keys.forEach(function (key) { files.push(shardFile(key)); });
          var unique = {};
          files.forEach(function (f) { unique[f] = true; });
          return Promise.all(Object.keys(unique).map(load));
        }).then(function () {
          var scores = candidates(query, needs), ranked = Array.from(scores.keys());
          sort = sort || (query.clauses.length ? "relevance" : "newest");
          ranked.sort(sort === "oldest" ? function (a, b) { return a - b; } : sort === "newest" ? function (a, b) { return b - a; }
            : function (a, b) { return scores.get(b) - scores.get(a) || b - a; });
          query.words = [];
          query.clauses.forEach(function (c) {
            c.alts.forEach(function (alt) { alt.forEach(function (t) { if (query.words.indexOf(t) < 0) query.words.push(t); }); });
            if (c.name) c.name.split(" ").forEach(function (t) { if (query.words.indexOf(t) < 0) query.words.push(t); });
          });
          return new Session(query, ranked, scores, !needsCheck(query));
        });
      });
    }

    function loadFacets() {
      return setup().then(function () { return load("facets.js"); }).then(function () { return facets; });
    }

    return {
      search: search, facets: loadFacets, setup: setup,
      manifest: function () { return manifest; },
      suffix: function () { return manifest.suffix; },
    };
  }

  function warn(error) {
    if (typeof console !== "undefined") console.warn("search:", error);
  }

  /* ---- Pages ---- */

  /* The page (from 1) of a long document that holds paragraph id (p12): the last page whose first
     paragraph is not after it. pages: each page's first paragraph number (the titles files' fourth
     item, builder/document_pages.py's Layout); a document of one page has none. */
  function pageOf(pages, id) {
    var n = Number(String(id || "").slice(1)), page = 1;
    if (!pages || !(n > 0)) return 1;
    for (var k = 1; k < pages.length; k++) if (pages[k] <= n) page = k + 1;
    return page;
  }

  /* Where a result's paragraph id is, from the site's root, before the manifest's suffix:
     documents/<id> (its first page, also without id), or documents/<id>--k for page k. */
  function documentPath(result, id) {
    var page = id ? pageOf(result.pages, id) : 1;
    return "documents/" + result.id + (page > 1 ? "--" + page : "");
  }

  global.StenogramEngine = {
    create: Engine, parse: parse, tokenize: tokenize, stem: stem, normalize: normalize,
    escapeHTML: escapeHTML, highlight: highlight, teaser: teaser, warn: warn, pageOf: pageOf, documentPath: documentPath,
  };
})(typeof self !== "undefined" ? self : this);
