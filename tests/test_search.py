"""The search index (builder/search/index.py) and its worker (templates/assets/search/worker.js).

The index is checked against the real seeds' text, found by other means than the
builder's own code; the worker is run under Node.js (as a worker runs it: its files
loaded by a synchronous importScripts) when Node is installed. The browser tests
(tests/browser/test_search.py) drive it through Material's search box.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
import zlib
from dataclasses import replace

import pytest
import snowballstemmer

from builder.addresses import downloads
from builder.export.files import document_record, gzip_text, record_json
from builder.pipeline import ROOT, parse_corpus
from builder.search import index as search
from builder.search.index import DIGITS, encode_number, numbered, search_files, utf16_key
from builder.search.words import terms, tokens

from .conftest import SEEDS

ASSETS = ROOT / "templates" / "assets"
WORKER = ASSETS / "search" / "worker.js"
ENGINE = ASSETS / "search" / "engine.js"
STEMMERS = ASSETS / "vendor" / "snowball-stemmers" / "snowball-stemmers.js"
# Latin with accents and ligatures, Cyrillic, Greek (final sigma), German, Turkish, digits, apostrophes, hyphens.
SAMPLE = ("Café NAÏVE déjà-vu — Ёлка, Путин’s «Роскосмос» ΟΔΟΣ Ὀδυσσεύς Straße İstanbul ﬁnance ½ x² "
          "2025-06-04 Putin's co-operation e\u0301te\u0301 O'Neill 3,5% snake_case N°7 Ⅻ ①")
EXPECTED = ["cafe", "naive", "deja", "vu", "елка", "путин", "s", "роскосмос", "οδος", "οδυσσευς", "straße",
            "istanbul", "finance", "1", "2", "x2", "2025", "06", "04", "putin", "s", "co", "operation", "ete",
            "o", "neill", "3", "5", "snake", "case", "n", "7", "xii", "1"]


@pytest.fixture(scope="module")
def corpus():
    report = parse_corpus(SEEDS)
    return report.documents, report.people


@pytest.fixture(scope="module")
def files(corpus):
    """The index with every document's text in a script of its own, as the offline copy has it."""
    documents, people = corpus
    return search_files(documents, people, directory_urls=True, texts="scripts")


@pytest.fixture(scope="module")
def served_files(corpus):
    """The index as the served site has it: the texts are the documents' JSON downloads."""
    documents, people = corpus
    return search_files(documents, people, directory_urls=True)


def decode_numbers(code: str) -> list[int]:
    """Every number written in ``code``: the inverse of ``encode_number``, as the worker reads it."""
    numbers, value, shift = [], 0, 0
    for char in code:
        digit = DIGITS.index(char)
        if digit >= 32:
            value |= (digit - 32) << shift
            shift += 5
        else:
            numbers.append(value | (digit << shift))
            value, shift = 0, 0
    return numbers


def encode_postings(entries: list[tuple[int, int]]) -> str:
    """A term's postings from (document number, impact) pairs: each number's gap from the previous (from 0), then the impact."""
    out, previous = [], 0
    for number, weight in entries:
        out.append(encode_number(number - previous) + DIGITS[weight])
        previous = number
    return "".join(out)


def decode_postings(code: str) -> list[tuple[int, int]]:
    """The inverse of ``encode_postings``."""
    numbers = decode_numbers(code)
    entries, number = [], 0
    for gap, weight in zip(numbers[::2], numbers[1::2], strict=True):
        number += gap
        entries.append((number, weight))
    return entries


def unpack(text: str) -> dict:
    """A document's packed text (``search.pack``) as the worker reads it: Base85, raw DEFLATE, JSON."""
    return json.loads(zlib.decompress(base64.b85decode(text), -15).decode("utf-8"))


def call(text: str) -> tuple[str, int, object]:
    """The arguments of the one stenogramSearch(kind, key, data) call a file of the index holds."""
    match = re.fullmatch(r"stenogramSearch\((.*)\);\n", text, re.DOTALL)
    assert match, text[:80]
    kind, key, data = json.loads(f"[{match.group(1)}]")
    return kind, key, data


def manifest(files) -> dict:
    return call(files["search/manifest.js"])[2]


def shards(files) -> list[dict[str, dict[str, str]]]:
    count = len(manifest(files)["shards"])
    return [call(files[f"search/shards/{i}.js"])[2] for i in range(count)]


def index_postings(files) -> dict[str, list[tuple[int, int]]]:
    return {term: decode_postings(code) for shard in shards(files) for term, code in shard["t"].items()}


def index_names(files) -> dict[str, list[str]]:
    return {key: ids.split(" ") for shard in shards(files) for key, ids in shard["n"].items()}


ENGLISH = snowballstemmer.stemmer("english")


def words_of(doc, people=None) -> set[str]:
    """Every word of a document, stemmed, found without the index's tokenizer (ASCII words suffice
    here): title, lead, place, topics, speakers' labels and names, paragraphs."""
    names = [people[t.speaker].name for t in doc.turns if t.speaker] if people else []
    labels = [t.label or "" for t in doc.turns]
    text = " ".join([doc.title, doc.lead or "", doc.place or "", *doc.topics, *labels, *names, *(p.text for _, p in doc.paragraphs())])
    return {ENGLISH.stemWord(w) if w.isalpha() else w for w in re.findall(r"[a-z0-9]+", text.lower())}


# ---- the tokenizer ----

def test_the_tokenizer_folds_accents_and_case_and_cuts_at_anything_but_letters_and_digits():
    assert tokens(SAMPLE) == EXPECTED


def test_the_workers_tokenizer_gives_the_same_terms_as_the_builders():
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    script = f"""
      globalThis.self = globalThis;
      require({json.dumps(str(ENGINE))});
      process.stdout.write(JSON.stringify(self.StenogramEngine.tokenize(process.argv[1])));
    """
    samples = [SAMPLE, "".join(doc.title + " " + " ".join(p.text for _, p in doc.paragraphs()) for doc in parse_corpus(SEEDS).documents)]
    for sample in samples:
        out = subprocess.run([node, "-e", script, sample], capture_output=True, text=True, check=True).stdout
        assert json.loads(out) == tokens(sample)


# ---- the number code and the postings ----

def test_numbers_and_postings_are_written_compactly_and_read_back():
    numbers = [0, 1, 31, 32, 33, 1023, 1024, 99_999, 2**31 - 1]
    assert decode_numbers("".join(encode_number(n) for n in numbers)) == numbers
    assert [len(encode_number(n)) for n in (0, 31, 32, 1023, 1024)] == [1, 1, 2, 2, 3]
    entries = [(0, 5), (1, 31), (40, 1), (5000, 12)]
    assert decode_postings(encode_postings(entries)) == entries
    assert not set(encode_postings(entries)) & set('"\\<>&')


def test_every_word_of_every_document_is_posted_to_exactly_the_documents_holding_it(corpus, files):
    documents, people = corpus
    docs = numbered(documents)
    found = index_postings(files)
    words = [words_of(doc, people) for doc in docs]
    for word in set().union(*words):
        holders = [n for n, w in enumerate(words) if word in w]
        assert [n for n, _ in found[word]] == holders, word
    assert {n for n, _ in found["lora"]} == {n for n, doc in enumerate(docs) if any("LoRa" in p.text for _, p in doc.paragraphs())}


def test_speaker_names_and_titles_are_searchable_and_titles_weigh_more(corpus, files):
    documents, people = corpus
    docs = numbered(documents)
    found = index_postings(files)
    for n, doc in enumerate(docs):
        for turn in doc.turns:
            if turn.speaker:
                for word in terms(people[turn.speaker].name):
                    assert n in {m for m, _ in found[word]}, (doc.id, word)
                assert n in {m for m, _ in found[f"s:{turn.speaker}"]} and n in {m for m, _ in found[f"p:{turn.speaker}"]}
    # A word of one title counts more there than once in a text of the same length would.
    assert search.impact(1 + search.TITLE_WEIGHT, 1000, 1000) > search.impact(1, 1000, 1000)
    assert search.impact(3, 1000, 1000) > search.impact(1, 1000, 1000) >= 1
    assert search.impact(3, 5000, 1000) < search.impact(3, 500, 1000)
    assert search.impact(10_000, 10, 1000) == search.IMPACTS


def test_the_documents_files_hold_each_documents_title_and_every_paragraph(corpus, files):
    documents, _ = corpus
    for n, doc in enumerate(numbered(documents)):
        kind, key, data = call(files[f"search/docs/{n}.js"])
        assert (kind, key, data["id"], data["title"], data["date"]) == ("doc", n, doc.id, doc.title, doc.date)
        text = unpack(data["text"])
        assert text["lead"] == doc.lead
        assert [[p[:2] for p in ps] for _, _, ps in text["turns"]] == [[[p.id, p.text] for p in t.paragraphs] for t in doc.turns]
        assert [[p[2] for p in ps] for _, _, ps in text["turns"]] == [
            [[[m.person, m.start, m.end] for m in p.mentions] for p in t.paragraphs] for t in doc.turns]
        assert [(label, speaker) for label, speaker, _ in text["turns"]] == [(t.label, t.speaker) for t in doc.turns]


# ---- the shards ----

def test_the_manifest_names_the_documents_the_url_style_and_where_each_shard_starts(corpus, files):
    documents, people = corpus
    m = manifest(files)
    assert m["documents"] == len(documents) and m["suffix"] == "/" and m["format"] == search.FORMAT
    assert m["titles"] == search.TITLE_BLOCK and m["texts"] == "scripts"
    assert manifest(search_files(documents, people, directory_urls=False))["suffix"] == ".html"
    assert set(files) == {"search/manifest.js", "search/facets.js", *(f"search/shards/{i}.js" for i in range(len(m["shards"]))),
                          *(f"search/docs/{n}.js" for n in range(len(documents))), "search/titles/0.js"}
    assert all(text.isascii() for text in files.values())


def test_the_served_index_has_no_texts_of_its_own_and_points_at_each_documents_json(corpus, files, served_files):
    documents, _ = corpus
    m = manifest(served_files)
    assert m["texts"] == "data"
    assert set(served_files) == {p for p in files if not p.startswith("search/docs/")}
    assert all(m["json"].replace("{id}", doc.id) == downloads(doc)["JSON"] for doc in documents)
    assert index_postings(served_files) == index_postings(files)
    with pytest.raises(ValueError, match="texts"):
        search_files(documents, [], directory_urls=True, texts="elsewhere")


def test_a_changed_text_changes_the_served_index_version_even_when_its_words_do_not(corpus, served_files):
    """The worker fetches the JSON with ?v=version: a new text must not be hidden by a cached old one."""
    documents, people = corpus
    doc = documents[0]
    first = doc.turns[0].paragraphs[0]
    edited = replace(doc, turns=(replace(doc.turns[0], paragraphs=(replace(first, text=first.text + "!"), *doc.turns[0].paragraphs[1:])),
                                 *doc.turns[1:]))
    again = search_files([edited, *documents[1:]], people, directory_urls=True)
    assert index_postings(again) == index_postings(served_files)
    assert manifest(again)["version"] != manifest(served_files)["version"]


def test_the_titles_files_list_every_document_in_number_order(corpus, monkeypatch):
    documents, people = corpus
    monkeypatch.setattr(search, "TITLE_BLOCK", 2)
    files = search_files(documents, people, directory_urls=True)
    blocks = sorted((call(t) for p, t in files.items() if p.startswith("search/titles/")), key=lambda c: c[1])
    assert [kind for kind, _, _ in blocks] == ["titles"] * len(blocks) and [k for _, k, _ in blocks] == list(range(len(blocks)))
    assert [entry for _, _, block in blocks for entry in block] == [[d.id, d.title, d.date] for d in numbered(documents)]
    assert all(len(block) <= 2 for _, _, block in blocks)


def test_small_shards_cut_the_terms_in_order_and_each_term_is_in_the_shard_the_manifest_points_to(corpus, monkeypatch):
    documents, people = corpus
    monkeypatch.setattr(search, "SHARD_BYTES", 2_000)
    files = search_files(documents, people, directory_urls=True)
    keys = manifest(files)["shards"]
    parts = shards(files)
    assert len(parts) > 10
    assert keys == sorted(keys, key=utf16_key) and keys[0] == ""
    for i, part in enumerate(parts):
        body = len(files[f"search/shards/{i}.js"])
        assert body <= 2_000 or len({*part["t"], *part["n"], *part["w"]}) == 1, (i, body)
        for term in [*part["t"], *part["n"]]:
            # the last shard whose key is not after the term, as the worker's shardOf finds it
            assert max(j for j, key in enumerate(keys) if utf16_key(key) <= utf16_key(term)) == i, term
    assert index_postings(files) == index_postings(search_files(documents, people, directory_urls=True))


def test_shards_stay_under_their_size_on_a_larger_corpus(tmp_path):
    """Many documents (the real ones, repeated under other ids): shards split, none much over SHARD_BYTES."""
    report = parse_corpus(SEEDS)
    documents = [replace(doc, id=f"{doc.id}-{k}") for k in range(60) for doc in report.documents]
    files = search_files(documents, report.people, directory_urls=True)
    sizes = [len(text) for path, text in files.items() if path.startswith("search/shards/")]
    assert len(sizes) > 3
    assert max(sizes) <= search.SHARD_BYTES


def test_no_documents_give_an_empty_index():
    files = search_files([], {}, directory_urls=True)
    assert set(files) == {"search/manifest.js", "search/facets.js"}
    assert call(files["search/manifest.js"])[2]["shards"] == [] and call(files["search/manifest.js"])[2]["documents"] == 0


def test_the_same_documents_give_the_same_bytes_in_any_order(corpus, files, served_files):
    documents, people = corpus
    backwards = list(reversed(documents)), dict(reversed(list(people.items())))
    assert search_files(*backwards, directory_urls=True, texts="scripts") == files
    assert search_files(*backwards, directory_urls=True) == served_files


def test_the_index_is_smaller_than_the_text_on_a_corpus_of_some_size():
    """The three seeds are too few to share their terms; sixty copies of them, lightly varied, are not."""
    report = parse_corpus(SEEDS)
    documents = [replace(doc, id=f"{doc.id}-{k}") for k in range(60) for doc in report.documents]
    files = search_files(documents, report.people, directory_urls=True)
    text = sum(len(p.text.encode()) + len(doc.title) for doc in documents for _, p in doc.paragraphs())
    assert sum(len(t) for t in files.values()) < 0.6 * text


# ---- the worker, under Node ----

HARNESS = r"""
const fs = require("fs"), vm = require("vm"), path = require("path"), url = require("url");
const [site, queries] = [process.argv[1], JSON.parse(process.argv[2])];
const worker = path.join(site, "assets/search/worker.js");
globalThis.self = globalThis;
self.location = { href: url.pathToFileURL(worker).href };
let handler; const out = []; const loaded = [];
self.addEventListener = (type, f) => { handler = f; };
globalThis.postMessage = message => out.push(message);
// the scripts run as in a browser, where no CommonJS "exports" is in scope (the stemmers' UMD would use it)
const run = source => vm.runInThisContext("(function (exports, module, define) {" + source + "\n}).call(globalThis);");
globalThis.importScripts = (...urls) => { for (const u of urls) { if (u.includes("/assets/")) { run(
  fs.readFileSync(url.fileURLToPath(u), "utf8")); continue; } loaded.push(u.split("/search/")[1]);
  vm.runInThisContext(fs.readFileSync(url.fileURLToPath(u), "utf8")); } };
globalThis.fetch = async u => { const file = url.fileURLToPath(u.split("?")[0]);  // a document's JSON
  loaded.push(path.relative(site, file)); return new Response(fs.readFileSync(file)); };
run(fs.readFileSync(worker, "utf8"));
const wait = async () => {  // until the answers stop: none for 600 ms (the rest follows REST_DELAY after the first)
  for (let i = 0; i < 500 && !out.length; i++) await new Promise(r => setTimeout(r, 10));
  for (let quiet = 0, seen = out.length, i = 0; quiet < 6 && i < 100; i++) {
    await new Promise(r => setTimeout(r, 100));
    if (out.length === seen) quiet++; else { quiet = 0; seen = out.length; } } };
(async () => {
  const answers = [];
  handler({ data: { type: 0, data: { config: {}, docs: [] } } });
  await wait(); answers.push(out.splice(0));
  for (const q of queries) {
    loaded.length = 0;
    handler({ data: { type: 2, data: q } });
    await wait();
    answers.push({ query: q, loaded: loaded.splice(0), messages: out.splice(0) });
  }
  process.stdout.write(JSON.stringify(answers));
})();
"""


def worker_site(site, files: dict[str, str], documents=(), people=None, compressed: bool = True):
    """A folder laid out as the site: the index ``files``, the worker, and each of ``documents``' JSON
    (gzip-compressed, or as a server that sends it with Content-Encoding: gzip hands it over)."""
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, "utf-8")
    for doc in documents:
        text = record_json(document_record(doc, people))
        (site / downloads(doc)["JSON"]).parent.mkdir(parents=True, exist_ok=True)
        (site / downloads(doc)["JSON"]).write_bytes(gzip_text(text) if compressed else text.encode("utf-8"))
    (site / "assets/search").mkdir(parents=True)
    (site / "assets/vendor/snowball-stemmers").mkdir(parents=True)
    for script in (WORKER, ENGINE):
        shutil.copy(script, site / "assets/search" / script.name)
    shutil.copy(STEMMERS, site / "assets/vendor/snowball-stemmers" / STEMMERS.name)
    return site


@pytest.fixture(scope="module")
def run_worker(files, tmp_path_factory):
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    site = worker_site(tmp_path_factory.mktemp("worker"), files)

    def run(*queries: str) -> tuple[list, list[dict]]:
        out = subprocess.run([node, "-e", HARNESS, str(site), json.dumps(queries)], capture_output=True, text=True, check=True)
        ready, *answers = json.loads(out.stdout)
        return ready, answers

    return run


def groups(answer: dict) -> list[list[dict]]:
    """The groups of the last answer (each answer holds the groups of the ones before it)."""
    assert answer["messages"] and all(m["type"] == 3 for m in answer["messages"])
    return answer["messages"][-1]["data"]["items"]


def test_the_worker_answers_material_setup_with_ready_and_a_query_with_groups_of_one_document(run_worker, corpus):
    documents, _ = corpus
    ready, [answer] = run_worker("LoRa")
    assert ready == [{"type": 1}]
    [group] = groups(answer)
    doc = next(d for d in documents if any("LoRa" in p.text for _, p in d.paragraphs()))
    first_lora = next(p.id for _, p in doc.paragraphs() if "LoRa" in p.text)
    page = f"documents/{doc.id}/"
    assert group[0]["location"] == f"{page}#{first_lora}"
    assert "<mark>LoRa</mark>" in group[0]["text"]
    assert group[-1]["location"] == page and group[-1]["score"] == 0  # the page itself, Material's group head
    assert all(item["terms"] == {"lora": True} for item in group)
    assert group[0]["score"] > max(item["score"] for item in group[1:])
    assert answer["loaded"][0].startswith("shards/") and all(p.startswith(("docs/", "titles/")) for p in answer["loaded"][1:])
    assert answer["messages"][0]["data"]["items"][0][-1]["text"] == ""  # first the title alone, before any text is read


def test_the_worker_finds_only_documents_holding_every_word_and_matches_the_last_as_a_prefix(run_worker, corpus):
    documents, _ = corpus
    docs = numbered(documents)
    _, people = corpus
    words = [words_of(doc, people) for doc in docs]
    a, b = "roscosmo", "technolog"  # stems: of "Roscosmos", of "technology" and "technological"
    both = {docs[n].id for n in range(len(docs)) if a in words[n] and b in words[n]}
    only_a = {docs[n].id for n in range(len(docs)) if a in words[n]} - both
    only_b = {docs[n].id for n in range(len(docs)) if b in words[n]} - both
    assert both and only_a and only_b  # the seeds let the test tell AND from OR, and from either word alone
    _, [and_, prefix, whole, none, empty] = run_worker("Roscosmos Technology ", "Roscosmos te", "Roscosmos te ", "qwxyzzy", "  ")
    assert {g[-1]["location"].split("/")[1] for g in groups(and_)} == both
    by_prefix = {docs[n].id for n in range(len(docs)) if a in words[n] and any(w.startswith("te") for w in words[n])}
    assert {g[-1]["location"].split("/")[1] for g in groups(prefix)} == by_prefix != both  # "telemetry" too
    marks = re.findall(r"<mark>(.*?)</mark>", json.dumps(groups(prefix)))
    assert any(m.lower().startswith("te") for m in marks)
    assert all(m.lower() == "roscosmos" or m.lower().startswith("te") for m in marks)
    assert groups(whole) == []  # "te" typed whole, followed by a space, is no word of the seeds
    assert groups(none) == [] and groups(empty) == []


def test_a_json_the_server_sent_already_inflated_gives_the_same_answer(corpus, tmp_path):
    """A server may send data/<id>.json.gz with Content-Encoding: gzip; the browser then hands the worker JSON."""
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    documents, people = corpus
    answers = []
    for compressed in (True, False):
        site = worker_site(tmp_path / str(compressed), search_files(documents, people, directory_urls=True),
                           documents, people, compressed)
        out = subprocess.run([node, "-e", HARNESS, str(site), json.dumps(["LoRa"])], capture_output=True, text=True, check=True)
        answers.append(json.loads(out.stdout)[1])
    [group] = groups(answers[0])
    assert "<mark>LoRa</mark>" in group[0]["text"]  # the text was read
    assert answers[0]["messages"] == answers[1]["messages"]


def test_beyond_the_best_twenty_every_match_is_listed_by_title_in_a_second_answer(tmp_path_factory):
    """A word in most documents of a larger archive: 20 groups with their paragraphs, then every match."""
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    from benchmarks.corpus import write_corpus

    seeds = tmp_path_factory.mktemp("titles") / "seeds"
    write_corpus(60, seeds)
    report = parse_corpus(seeds)
    site = worker_site(seeds.parent / "site", search_files(report.documents, report.people, directory_urls=True),
                       report.documents, report.people)  # the served site's texts: each document's JSON download
    docs = numbered(report.documents)
    holding = {d.id for d in docs if "putin" in words_of(d, report.people)}
    assert len(holding) > 30, len(holding)
    out = subprocess.run([node, "-e", HARNESS, str(site), json.dumps(["Putin "])], capture_output=True, text=True, check=True)
    _, answer = json.loads(out.stdout)
    *_, first, second = answer["messages"]  # after the FIRST few (by title, then with texts): the best 20, then every match
    assert [len(m["data"]["items"]) for m in answer["messages"][:2]] == [3, 3]  # FIRST
    best = first["data"]["items"]
    assert len(best) == 20 and all(g[-1]["text"] for g in best) and sum(len(g) > 1 for g in best) > 10  # with their text
    items = second["data"]["items"]
    assert items[:20] == first["data"]["items"]
    assert {g[-1]["location"].split("/")[1] for g in items} == holding and len(items) == len(holding)
    rest = items[20:]
    assert all(len(g) == 1 and g[0]["text"] == "" for g in rest)  # the head alone: title and date
    scores = [g[0]["score"] for g in rest]
    assert scores == sorted(scores, reverse=True) and max(scores) <= min(g[0]["score"] for g in items[:20])
    titles = {d.id: d for d in docs}
    for g in rest:
        doc = titles[g[0]["location"].split("/")[1]]
        title = html.escape(doc.title, quote=True).replace("&#x27;", "&#39;") + (f" · {doc.date}" if doc.date else "")
        assert re.sub(r"</?mark>", "", g[0]["title"]) == title
    assert any(p.startswith("titles/") for p in answer["loaded"])
    assert {p for p in answer["loaded"] if p.startswith("data/")} == {downloads(d)["JSON"] for d in docs
                                                                        if f"documents/{d.id}/" in {g[-1]["location"] for g in best}}
    assert not any(p.startswith("docs/") for p in answer["loaded"])


def plain_postings(documents, people) -> dict[str, list[tuple[int, int]]]:
    """For each term, ``(document number, impact)`` of every document holding it: the reference ``encoded_postings`` must equal."""
    weights = [search.document_weights(doc, people) for doc in numbered(documents)]
    average = sum(length for _, length, _ in weights) / len(weights) if weights else 1.0
    found: dict[str, list[tuple[int, int]]] = {}
    for number, (counts, length, _) in enumerate(weights):
        for term, count in counts.items():
            found.setdefault(term, []).append((number, search.impact(count, length, average or 1.0)))
    return found


def test_postings_encoded_on_the_way_equal_the_plain_postings_encoded(corpus):
    documents, people = corpus
    parts = [(search.counts_text(counts, who), length) for counts, length, who in
             (search.document_weights(doc, people) for doc in numbered(documents))]
    expected = {term: encode_postings(entries) for term, entries in plain_postings(documents, people).items()}
    assert search.encoded_postings(parts)[0] == expected
    # Gaps of a thousand documents and more take more than one character; a document may hold no term.
    far = [("apple 1\nbrick 2", 10), *[("", 5)] * 1398, ("apple 3", 7)]
    average = sum(length for _, length in far) / len(far)
    assert search.encoded_postings(far)[0] == {
        "apple": encode_postings([(0, search.impact(1, 10, average)), (1399, search.impact(3, 7, average))]),
        "brick": encode_postings([(0, search.impact(2, 10, average))]),
    }
    assert decode_postings(search.encoded_postings(far)[0]["apple"])[1][0] == 1399
    # A who is a number for each posting (0: no speaker says it); a seat of 32 and more takes two characters.
    whos = [("apple 1:5\nt:foreign policy 1\ns:ann 2:0", 10), ("apple 2\ns:ann 1:40", 7), ("brick 1", 3)]
    assert search.encoded_postings(whos)[1] == {"apple": "50", "s:ann": "0" + encode_number(40)}


def test_who_says_each_word_is_each_posting_s_speakers_by_seat(corpus):
    """Decoded as the engine decodes it, a word's who names, in each of its documents, the
    people whose turns' paragraphs hold the word: found here from the turns themselves."""
    documents, people = corpus
    files = search_files(documents, people, directory_urls=True)
    parts = shards(files)
    postings = {term: decode_postings(code) for part in parts for term, code in part["t"].items()}
    whos = {term: decode_numbers(code) for part in parts for term, code in part["w"].items()}
    docs = numbered(documents)
    seat_of = {(number, term[2:]): seat for term, seats in whos.items() if term.startswith("s:")
               for (number, _), seat in zip(postings[term], seats, strict=True)}
    said: dict[tuple[int, str], set[str]] = {}
    for number, doc in enumerate(docs):
        for turn in doc.turns:
            if turn.speaker in people:
                for p in turn.paragraphs:
                    for term in terms(p.text):
                        said.setdefault((number, term), set()).add(turn.speaker)
    speakers = {number: {t.speaker for t in doc.turns if t.speaker in people} for number, doc in enumerate(docs)}
    assert all((number, s) in seat_of for number, people_ in speakers.items() for s in people_)
    checked = 0
    for term, entries in postings.items():
        if ":" in term:
            continue
        bits = whos.get(term, [0] * len(entries))
        assert len(bits) == len(entries), term
        for (number, _), mask in zip(entries, bits, strict=True):
            named = {s for s in speakers[number] if mask >> seat_of[number, s] & 1}
            assert named == said.get((number, term), set()), (term, docs[number].id)
            checked += bool(named)
    assert checked > 1000


def test_a_term_and_a_name_of_the_same_key_share_a_shard_wherever_the_cut_falls(monkeypatch):
    """"putin" is a term (a stem) and a name key (a surname): a cut between them would leave no key to start the second."""
    encoded = {"lavrov": "0v" * 5, "putin": "0v" * 5, "zhukov": "0v" * 5}
    names = {"lavrov": "sergei-lavrov", "putin": "vladimir-putin"}
    for limit in range(40, 200, 3):
        monkeypatch.setattr(search, "SHARD_BYTES", limit)
        parts = search.shard_terms(encoded, names)
        keys = search.shard_keys(parts)
        assert len(keys) == len(parts)
        for key in names:
            assert [i for i, part in enumerate(parts) if key in part["t"]] == [i for i, part in enumerate(parts) if key in part["n"]]
