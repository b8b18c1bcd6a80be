"""The site's search index: a static, sharded full-text index of the documents.

Material's own search (lunr) downloads and indexes the whole corpus before it shows a
result. This index is built here, from the parsed documents, and queried in the
browser by ``templates/assets/search/engine.js`` (the query language: its header), which
Material's search box reaches through ``worker.js`` (a web worker that speaks Material's
search-worker protocol) and the research page through ``research.js``. A query downloads
only the few files it needs.

Files, under ``search/`` in the docs folder (every one a script calling the global
``stenogramSearch(kind, key, data)``, so that the offline copy can load it with a
``<script>`` tag from ``file://``; over HTTP the engine fetches and parses it as JSON):

``search/manifest.js``
    ``{"format", "version", "documents", "suffix", "shards", "titles", "texts", "json",
    "spellings", "courtesy", "topics", "kinds", "months"}``: the layout's number, a digest of
    the other files and of the documents' texts (added to their URLs, so that a browser
    never mixes two builds), the number of documents, how a document's address ends (``/``
    with directory URLs, ``.html`` without), ``shards``: the first key of each shard,
    ``titles``: the documents in one titles file (``TITLE_BLOCK``), ``texts``: where the
    engine reads a document's text (below), ``json``: the path of a document's JSON from the
    site's root, ``{id}`` standing for its id; then what the query language needs at hand:
    ``spellings``: groups of folded words that stand for each other (``words.spellings``),
    ``courtesy``: titles dropped before a name, ``topics``: ``[name, folded name, documents]``,
    ``kinds``: ``[kind, documents]``, ``months``: every ``YYYY-MM`` a document is dated in.
``search/shards/<i>.js``
    ``{"t": {term: postings}, "n": {name key: person ids}, "w": {term: who}}`` for a range of
    keys in sorted order (UTF-16 code unit order, JavaScript's): shard ``i`` holds the keys
    from ``shards[i]`` (included) to ``shards[i + 1]`` (excluded), terms and name keys alike.
    Shards are filled in key order up to ``SHARD_BYTES``. ``postings`` lists the documents
    holding the term in document-number order, each as the gap from the previous document
    number then the document's weight for the term (``impact``, 1 to 31), in the number code
    described at ``encode_number``. ``n`` maps every name of the people the documents name
    or hear (``fields.name_index``: folded, words joined by a space) to their ids, joined by
    a space. ``w`` says who says a word: each document's speakers (the people it resolves)
    have a seat, 0, 1, 2 ... (``fields.seats``: most turns first); a word's who is one
    number for each of its postings, in their order, whose bit ``k`` is set when the speaker
    of seat ``k`` says it in a paragraph of their turns (0: none of them does), and
    ``s:<id>``'s who is the person's seat in each of its documents; both in the number code,
    with no gaps. A word no speaker says has no who. So ``speaker:NAME word`` is answered
    from the shards alone: the documents where the word's who has the bit of NAME's seat.
``search/facets.js``
    ``{"speakers": [[id, name, documents]], "topics": [[name, documents]], "kinds",
    "months": [[YYYY-MM, documents]]}``: what the research page's form lists; no query
    loads it.
The texts (``texts``)
    On the served site (``"data"``), the engine reads a result's text from the document's
    own JSON download, ``data/<id>.json.gz`` (the data contract; its id from the titles
    files), fetched and inflated (``DecompressionStream``): the text is published once, not
    once more for the search. The offline copy cannot fetch it (``file://`` refuses), so
    there (``"scripts"``) every document also has a script of its own:
``search/docs/<n>.js``
    Document ``n``: ``{"id", "title", "date", "text"}`` (and ``"pages"``, below, for a long
    document), where ``text`` is the JSON of
    ``document_text`` (``{"lead", "turns": [[label, speaker id, [[paragraph id, text,
    [[person id, start, end], ...]], ...]], ...]}``: each paragraph with the people it names)
    compressed with raw DEFLATE and written in Base85 (the alphabet of Python's
    ``base64.b85encode``). Either way, the engine reads the texts of the results it shows:
    to pick the paragraphs that match, link to them (``#p12``) and show the words around the
    match, and, for a query that must be checked (a phrase, a speaker's turns), to check it.
``search/titles/<k>.js``
    ``[[id, title, date], ...]`` of documents ``k * titles`` to ``(k + 1) * titles - 1``:
    what the result list shows of a match (and, on the served site, where its JSON is).
    A long document, written as several pages (``builder/document_pages.py``), has a fourth
    item, ``pages``: the number of each page's first paragraph, ``[1, 1201, 2405]``. The
    engine links paragraph ``p<n>`` to the last page whose first paragraph is ``n`` or
    less: page 1 is ``documents/<id>`` and page ``k`` ``documents/<id>--k``, then the
    manifest's ``suffix`` and ``#p<n>`` (``pageOf`` and ``documentPath`` in engine.js). A
    document of one page has no fourth item, and its links are as they were.

Terms are what ``words.terms`` gives: the text folded (NFKD, combining marks dropped, lower
case), cut into tokens (runs of letters and digits; a Chinese or Japanese character alone),
each stemmed (Snowball's English stemmer for Latin letters, its Russian for Cyrillic); the
engine's ``tokenize`` and ``stem`` do the same. A document's terms come from its title
(weighted ``TITLE_WEIGHT`` times), lead, place, topics, its speakers' names, its turns'
labels and its paragraphs; then its field terms (``fields.field_counts``: ``s:`` its
speakers, ``p:`` the people it names or hears, ``t:`` its topics, ``k:`` its kind, ``d:``
its month), which the filters and the names look up. A posting's weight is BM25's
term-frequency part (``K1``, ``B``; it holds the count and the document's length),
quantised to 1..31 so that it fits one character; the engine multiplies it by the term's
inverse document frequency and adds up the query's clauses. Postings hold no paragraph and
no position: the engine finds the paragraphs, and checks phrases, in the document's text.

In the browser a query loads the manifest once and the shards of its words, names and
filters. A query that needs no check shows its best documents by title at once (from the
titles files), then with their paragraphs as the texts of the 20 best are read, then every
other match by title; one that does (a phrase, a name among the words, a ``person:`` filter) reads its
candidates' texts a batch at a time, best first, until enough match. Documents are numbered in id order (ids begin with the date). Every
file is ASCII (JSON with ``\\u`` escapes), read the same under any charset. The same
documents give the same bytes (with the same zlib).
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Sequence

from ..addresses import JSON_PATH
from ..cache import Memo, keyed
from ..document_pages import layout
from ..model import Document, Person
from ..parallel import fork_map
from .fields import facets, field_counts, name_index, said, seats
from .words import courtesy_titles, name_key, spellings, terms

FORMAT = 5  # bumped when the files' layout changes (the worker checks it)
TITLE_BLOCK = 25  # documents in one titles file (a query's first results may each be in one of their own)
TEXTS = ("data", "scripts")  # where the worker reads the documents' texts (see the docstring)
SHARD_BYTES = 32_000  # a shard is closed before it would exceed this (one term alone may exceed it)
TITLE_WEIGHT = 5  # a word of the title counts as this many words of the text
K1, B = 1.2, 0.75  # BM25's parameters
IMPACTS = 31  # weights run from 1 to IMPACTS (one character of the number code)
# The number code: 64 characters that need no escaping in a JSON string. A number is
# written in groups of 5 bits, lowest first; every group but the last is one of the
# upper 32 characters, the last one of the lower 32 ("0".."v"), so 0..31 is 1 character.
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"


def encode_number(n: int) -> str:
    """``n`` (0 or more) in the number code: 5 bits a character, the last from the lower half."""
    out = []
    while n >= 32:
        out.append(DIGITS[32 + (n & 31)])
        n >>= 5
    out.append(DIGITS[n])
    return "".join(out)


_CODES = [encode_number(n) for n in range(1024)]  # the code of every small number, ready


def _gap_code(gap: int) -> str:
    """A posting's gap from the previous document number, in the number code."""
    return _CODES[gap] if gap < 1024 else encode_number(gap)


def utf16_key(term: str) -> bytes:
    """Sort key of JavaScript's string order (UTF-16 code units), which the worker searches with."""
    return term.encode("utf-16-be")


def document_weights(doc: Document, people: dict[str, Person]) -> tuple[dict[str, int], int, dict[str, int]]:
    """Each term's count in ``doc`` (title words ``TITLE_WEIGHT`` times), the document's length
    in terms, and who says what: for each term its speakers say, the bits of their seats
    (``fields.seats``), and for each of them (``s:<id>``) their seat.

    Counted: the title, lead, place, topics, the names of its speakers (as the registry
    writes them, once), each turn's label and every paragraph; then the document's field
    terms (``fields.field_counts``), which add nothing to its length.
    """
    title = Counter(terms(doc.title))
    seat = seats(doc, people)
    texts = [doc.lead or "", doc.place or "", *doc.topics, *(people[s].name for s in seat)]
    texts += [turn.label or "" for turn in doc.turns]
    texts += [p.text for turn in doc.turns if turn.speaker not in seat for p in turn.paragraphs]
    body = Counter(terms("\n".join(texts)))
    who: dict[str, int] = {}
    for speaker, words in said(doc, seat).items():  # their paragraphs, counted once for both
        body.update(words)
        for term in words:
            who[term] = who.get(term, 0) | 1 << seat[speaker]
    who.update((f"s:{speaker}", n) for speaker, n in seat.items())
    counts = {term: body[term] + TITLE_WEIGHT * title[term] for term in body.keys() | title.keys()}
    length = sum(body.values()) + sum(title.values())
    counts.update(field_counts(doc, people))
    return counts, length, who


def impact(count: int, length: int, average: float) -> int:
    """BM25's term-frequency part for ``count`` in a document of ``length``, quantised to 1..IMPACTS."""
    norm = K1 * (1 - B + B * length / average)
    return max(1, min(IMPACTS, round(IMPACTS * count / (count + norm))))


def numbered(documents: Sequence[Document]) -> list[Document]:
    """The documents in the index's order: by id (so by date), numbered from 0."""
    return sorted(documents, key=lambda d: d.id)


def counts_text(counts: dict[str, int], who: dict[str, int]) -> str:
    """A document's term counts as one string, a ``term count`` pair a line (``term count:who``
    for a term with a who), split at the last space (a topic's term holds spaces).

    A corpus' counts are held at once while the index is made (the lengths' average
    must be known before any weight): as strings, a tenth of the memory of dicts. The
    terms are in sorted order, so the same counts give the same string in any process
    (a set's order is not: see ``_postings``).
    """
    return "\n".join(f"{term} {count}:{who[term]}" if term in who else f"{term} {count}" for term, count in sorted(counts.items()))


def encoded_postings(parts: list[tuple[str, int]]) -> tuple[dict[str, str], dict[str, str]]:
    """Each term's postings (for each document holding it, in number order, its gap from the
    previous number, from 0, then its impact), from every numbered document's ``counts_text``
    and length: written as the documents are read, never held as number pairs; and each
    term's who (a number for each of its postings, in the same order: for a word, the seats
    that say it, 0 for none; for ``s:<id>``, the person's seat), for the words some speaker
    says and every ``s:`` term."""
    average = (sum(length for _, length in parts) / len(parts) if parts else 1.0) or 1.0
    codes: dict[str, bytearray] = {}
    whos: dict[str, bytearray] = {}
    last: dict[str, int] = {}
    for number, (text, length) in enumerate(parts):
        impacts: dict[str, str] = {}
        for line in text.split("\n") if text else ():
            term, _, value = line.rpartition(" ")
            count, _, who = value.partition(":")
            weight = impacts.get(count)
            if weight is None:
                weight = impacts[count] = DIGITS[impact(int(count), length, average)]
            gap = number - last.get(term, 0)
            last[term] = number
            code = codes.get(term)
            if code is None:
                code = codes[term] = bytearray()
            code += (_gap_code(gap) + weight).encode()
            if ":" not in term or who:  # a word, or a term with a who (s:)
                seen = whos.get(term)
                if seen is None:
                    seen = whos[term] = bytearray()
                seen += _gap_code(int(who)).encode() if who else b"0"
    postings = {term: code.decode("ascii") for term, code in codes.items()}
    return postings, {term: code.decode("ascii") for term, code in whos.items() if ":" in term or code.strip(b"0")}


def _postings(parts: list[tuple[str, int]], memo: Memo | None) -> tuple[dict[str, str], dict[str, str]]:
    """``encoded_postings(parts)``, kept in ``memo`` under a hash of ``parts``: a rebuild whose documents count the same
    terms as before (an edit that changes no word, a sidecar's note) reads them back instead of going through the corpus
    again; one that changes any count or length makes them all again, as every weight depends on the average length."""
    if memo is None:
        return encoded_postings(parts)
    digest = hashlib.sha256(str(FORMAT).encode())
    for counts, length in parts:
        digest.update(f"{length}\n{counts}\0".encode("utf-8", "surrogatepass"))
    key = keyed("postings", digest.hexdigest())
    encoded = memo.get(key)
    if not isinstance(encoded, tuple):
        encoded = encoded_postings(parts)
        memo.put(key, encoded)
    return encoded


def shard_terms(encoded: dict[str, str], names: dict[str, str] | None = None,
                who: dict[str, str] | None = None) -> list[dict[str, dict[str, str]]]:
    """Terms, name keys and whos in JavaScript's string order, cut into shards of at most about
    ``SHARD_BYTES``: each shard ``{"t": {term: postings}, "n": {name key: person ids}, "w": {term: who}}``."""
    names, who = names or {}, who or {}
    values = {"t": encoded, "n": names, "w": who}
    keys = sorted({key for part in values.values() for key in part}, key=utf16_key)
    empty = len(script("shard", 99_999, {"n": {}, "t": {}, "w": {}}))  # the call around the entries
    shards: list[dict[str, dict[str, str]]] = []
    size = SHARD_BYTES
    for key in keys:  # one key's term, name and who share a shard
        parts = [(part, value[key]) for part, value in values.items() if key in value]
        cost = sum(len(_json(key)) + len(_json(value)) + 2 for _, value in parts)  # "key":"value",
        if size + cost > SHARD_BYTES or not shards:
            shards.append({"n": {}, "t": {}, "w": {}})
            size = empty
        for part, value in parts:
            shards[-1][part][key] = value
        size += cost
    return shards


def _keys(shard: dict[str, dict[str, str]]) -> list[str]:
    return [*shard["t"], *shard["n"], *shard["w"]]


def shard_keys(shards: list[dict[str, dict[str, str]]]) -> list[str]:
    """Where each shard starts: "" for the first, then the shortest prefix of its first key
    that sorts after the previous shard's last key."""
    keys = [""] if shards else []
    for before, shard in zip(shards, shards[1:], strict=False):
        last, first = utf16_key(max(_keys(before), key=utf16_key)), min(_keys(shard), key=utf16_key)
        keys.append(next(first[:n] for n in range(1, len(first) + 1) if utf16_key(first[:n]) > last))
    return keys


def document_text(doc: Document) -> dict:
    """What the worker picks a result's paragraphs from: its lead and every turn's label,
    speaker and paragraphs, each with the people it names (id, start, end)."""
    return {"lead": doc.lead, "turns": [
        [turn.label, turn.speaker, [[p.id, p.text, [[m.person, m.start, m.end] for m in p.mentions]] for p in turn.paragraphs]]
        for turn in doc.turns
    ]}


def document_record(doc: Document) -> dict:
    """A document's script (the offline copy): its title and date, its text packed, and the pages of a long one."""
    record = {"id": doc.id, "title": doc.title, "date": doc.date, "text": pack(document_text(doc))}
    return record | ({"pages": starts} if (starts := page_starts(doc)) else {})


def title_entry(doc: Document) -> list:
    """A document in its titles file: ``[id, title, date]``, and the pages of a long one."""
    return [doc.id, doc.title, doc.date] + ([starts] if (starts := page_starts(doc)) else [])


def page_starts(doc: Document) -> list[int] | None:
    """The number of the first paragraph of each of a long document's pages (``None``: it is one page)."""
    where = layout(doc)
    return list(where.paragraphs) if where.count > 1 else None


def pack(record: dict) -> str:
    """``record`` as JSON, compressed with raw DEFLATE (level 9), in Base85."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    data = compressor.compress(_json(record, ascii=False).encode("utf-8")) + compressor.flush()
    return base64.b85encode(data).decode("ascii")


def script(kind: str, key: int, data) -> str:
    """A file of the index: one call of the worker's global callback (ASCII only, so any charset reads it)."""
    return f"stenogramSearch({_json(kind)},{key},{_json(data)});\n"


def search_files(documents: Sequence[Document], people: dict[str, Person], directory_urls: bool,
                 jobs: int | None = None, texts: str | None = None, memo: Memo | None = None,
                 keys: dict[str, str] | None = None) -> dict[str, str]:
    """Every file of the search index, by path under the docs folder (see the module's docstring).

    ``texts`` is where the worker reads the documents' texts: ``"data"`` (their JSON
    downloads, on the served site) or ``"scripts"`` (``search/docs/``, for ``file://``);
    by default, ``"scripts"`` for the build without directory URLs (the offline copy).
    Each document is read (its terms counted, its text packed or digested) on ``jobs`` processes,
    unless ``memo`` keeps what it gave under its key (``keys``, by document id: a hash of all
    the document and the names of its people came from).
    """
    texts = texts or ("data" if directory_urls else "scripts")
    if texts not in TEXTS:
        raise ValueError(f"texts: one of {TEXTS}, not {texts!r}")
    docs = numbered(documents)

    def read(number: int) -> tuple[str, int, str]:  # numbers go to the workers, not documents
        counts, length, who = document_weights(docs[number], people)
        if texts == "scripts":
            return counts_text(counts, who), length, script("doc", number, document_record(docs[number]))
        return counts_text(counts, who), length, hashlib.sha256(_json(document_text(docs[number])).encode()).hexdigest()

    unit = {n: keyed("search", str(FORMAT), texts, str(n), keys[d.id]) for n, d in enumerate(docs)} if memo and keys else {}
    parts: list = [memo.get(unit[n]) if memo and unit else None for n in range(len(docs))]
    missing = [n for n, part in enumerate(parts) if part is None]
    for n, part in zip(missing, fork_map(read, missing, jobs), strict=True):
        parts[n] = part
        if memo and unit:
            memo.put(unit[n], part)
    counted = [(counts, length) for counts, length, _ in parts]
    encoded, who = _postings(counted, memo)
    present = sorted(term[2:] for term in encoded if term.startswith("p:") and term[2:] in people)
    shards = shard_terms(encoded, name_index(people, present), who)
    files = {f"search/shards/{i}.js": script("shard", i, shard) for i, shard in enumerate(shards)}
    if texts == "scripts":
        files.update((f"search/docs/{n}.js", text) for n, (_, _, text) in enumerate(parts))
    for k in range(0, len(docs), TITLE_BLOCK):
        block = [title_entry(d) for d in docs[k : k + TITLE_BLOCK]]
        files[f"search/titles/{k // TITLE_BLOCK}.js"] = script("titles", k // TITLE_BLOCK, block)
    lists = facets(docs, people)
    files["search/facets.js"] = script("facets", 0, lists)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\n{files[path]}".encode())
    if texts == "data":  # the texts the worker will fetch: a changed one changes the version
        for _, _, text_digest in parts:
            digest.update(text_digest.encode())
    manifest = {
        "format": FORMAT,
        "version": digest.hexdigest()[:12],
        "documents": len(docs),
        "suffix": "/" if directory_urls else ".html",
        "shards": shard_keys(shards),
        "titles": TITLE_BLOCK,
        "texts": texts,
        "json": JSON_PATH,
        "spellings": [list(group) for group in spellings()],
        "courtesy": list(courtesy_titles()),
        "topics": [[name, name_key(name), n] for name, n in lists["topics"]],
        "kinds": lists["kinds"],
        "months": [month for month, _ in lists["months"]],
    }
    files["search/manifest.js"] = script("manifest", 0, manifest)
    return files


def _json(value, ascii: bool = True) -> str:
    return json.dumps(value, ensure_ascii=ascii, separators=(",", ":"), sort_keys=True)
