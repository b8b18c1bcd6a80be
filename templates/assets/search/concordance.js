/* The research page's concordance (keyword in context; research.js shows it): every match of
 * the paragraphs read so far, one row each, with about CONTEXT characters of the paragraph
 * either side, cut where a word ends, as a table and as CSV: RFC 4180 (a field in double
 * quotes, doubled inside, when it holds one, a comma or a line break; CRLF line ends), in
 * UTF-8 with a byte order mark, which Excel needs to read it as UTF-8. Saved through a Blob
 * URL and a link to download it, which work from file:// too. Document text is only ever set
 * as text (textContent), never as markup.
 */
(function (global) {
  "use strict";

  var CONTEXT = 60; // characters either side of a match
  var HEADER = ["document", "title", "date", "speaker", "left", "match", "right", "link"]; // the CSV's columns
  var COLUMNS = ["Document", "Date", "Speaker", "Left context", "Match", "Right context"]; // the table's

  /* A match in its paragraph's text: {left, match, right}, a word cut at either edge left out. */
  function inContext(text, match) {
    var from = Math.max(0, match.start - CONTEXT), to = Math.min(text.length, match.end + CONTEXT);
    var left = text.slice(from, match.start), right = text.slice(match.end, to);
    if (from > 0 && !/\s/.test(text.charAt(from - 1))) {
      var first = left.search(/\s/);
      if (first >= 0) left = left.slice(first + 1);
    }
    if (to < text.length && !/\s/.test(text.charAt(to))) {
      var last = right.search(/\s\S*$/);
      if (last >= 0) right = right.slice(0, last);
    }
    return { left: left.trim(), match: text.slice(match.start, match.end), right: right.trim() };
  }

  /* One row a match of every paragraph of results (the engine's), in order; links(result,
     paragraph) gives the paragraph's {href: for this page, link: its permanent address}. */
  function rows(results, links) {
    var out = [];
    results.forEach(function (result) {
      result.paragraphs.forEach(function (p) {
        var where = links(result, p);
        p.matches.forEach(function (m) {
          var c = inContext(p.text, m);
          out.push({ id: result.id, title: result.title, date: result.date || "", speaker: p.label || "",
            left: c.left, match: c.match, right: c.right, href: where.href, link: where.link });
        });
      });
    });
    return out;
  }

  function cell(row, tag, className, text) {
    var node = row.appendChild(document.createElement(tag));
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The rows as a table: the document (linked to the paragraph), date, speaker, the match between its contexts. */
  function table(list, caption) {
    var node = document.createElement("table"), head = document.createElement("tr"), body = document.createElement("tbody");
    cell(node, "caption", "", caption);
    COLUMNS.forEach(function (name) { cell(head, "th", "", name).scope = "col"; });
    node.appendChild(document.createElement("thead")).appendChild(head);
    list.forEach(function (row) {
      var tr = body.appendChild(document.createElement("tr"));
      cell(cell(tr, "td", "research-kwic__document"), "a", "", row.title).href = row.href;
      cell(tr, "td", "research-kwic__date", row.date);
      cell(tr, "td", "research-kwic__speaker", row.speaker);
      cell(tr, "td", "research-kwic__left", row.left);
      cell(cell(tr, "td", "research-kwic__match"), "mark", "", row.match);
      cell(tr, "td", "research-kwic__right", row.right);
    });
    node.appendChild(body);
    return node;
  }

  function csvField(value) {
    value = String(value);
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function csv(list) {
    var lines = [HEADER].concat(list.map(function (r) { return [r.id, r.title, r.date, r.speaker, r.left, r.match, r.right, r.link]; }));
    return "\ufeff" + lines.map(function (line) { return line.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function download(list, name) {
    var url = URL.createObjectURL(new Blob([csv(list)], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  global.StenogramConcordance = { CONTEXT: CONTEXT, inContext: inContext, rows: rows, table: table, csv: csv, download: download };
})(window);
