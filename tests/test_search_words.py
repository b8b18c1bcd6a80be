"""Words as the search compares them (builder/search/words.py) and the same in the browser
(templates/assets/search/engine.js): the builder's stems must be the worker's, or a word the
index holds would not be found. Both sides run here on the real corpus's vocabulary."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.search.fields import person_names
from builder.search.words import courtesy_titles, is_cjk, spellings, stem, terms, tokens

from .test_search import ENGINE, SEEDS, STEMMERS

CORPUS = SEEDS.parent.parent / "shared" / "corpus" / "kremlin" / "text"
NPM_COPY = SEEDS.parent / "tests" / "browser" / "node_modules" / "snowball-stemmers" / "snowball-stemmers.js"


def vocabulary() -> list[str]:
    """Every token of the seeds and of the real corpus (when it is beside the project)."""
    texts = [p.read_text("utf-8", "replace") for p in sorted(SEEDS.glob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text("utf-8", "replace") for p in sorted(CORPUS.glob("*.txt"))]
    words: set[str] = set()
    for text in texts:
        words.update(tokens(text))
    return sorted(words)


def test_the_worker_stems_every_word_of_the_corpus_as_the_builder_does(tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed")
    words = vocabulary()
    assert len(words) > 1_000
    (tmp_path / "words.json").write_text(json.dumps(words), "utf-8")
    script = f"""
      const fs = require("fs"), vm = require("vm");
      globalThis.self = globalThis;
      for (const file of {json.dumps([str(STEMMERS), str(ENGINE)])})  // as a page loads them: no CommonJS in scope
        vm.runInThisContext("(function (exports, module, define) {{" + fs.readFileSync(file, "utf8") + "\\n}}).call(globalThis);");
      const words = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      process.stdout.write(JSON.stringify(words.map(w => self.StenogramEngine.stem(w))));
    """
    out = subprocess.run([node, "-e", script, str(tmp_path / "words.json")], capture_output=True, text=True, check=True).stdout
    differ = [(w, js, stem(w)) for w, js in zip(words, json.loads(out), strict=True) if js != stem(w)]
    assert not differ, differ[:20]


def test_the_vendored_stemmers_are_the_pinned_packages_file():
    if not NPM_COPY.is_file():
        pytest.skip("the browser tests' packages are not installed (npm ci)")
    assert Path(STEMMERS).read_bytes() == NPM_COPY.read_bytes()


def test_latin_and_cyrillic_words_are_stemmed_and_other_scripts_kept():
    assert terms("negotiations negotiated negotiating") == ["negoti"] * 3
    assert terms("Роскосмоса Роскосмос") == ["роскосмос"] * 2
    assert terms("Ὀδυσσεύς 2025") == ["οδυσσευς", "2025"]


def test_chinese_and_japanese_are_cut_into_characters():
    assert tokens("俄罗斯航天 and ひらがなカタカナ 漢字") == [  # combining marks dropped, as everywhere: が is か
        "俄", "罗", "斯", "航", "天", "and", "ひ", "ら", "か", "な", "カ", "タ", "カ", "ナ", "漢", "字"]
    assert is_cjk("航") and not is_cjk("a") and not is_cjk("航天")
    assert tokens("。、「」") == []  # CJK punctuation is no word


def test_the_spellings_file_and_the_given_names_give_groups_of_folded_words():
    groups = spellings()
    assert ("kyiv", "kiev") in groups
    assert any({"yuri", "yury"} <= set(group) for group in groups)  # from names.yml
    assert all(len(group) > 1 and all(word == " ".join(tokens(word)) for word in group) for group in groups)
    assert "mr" in courtesy_titles() and "president" in courtesy_titles()


def test_a_person_is_found_by_each_of_their_names_and_their_surname(tmp_path):
    from builder.model import Person

    person = Person(id="yury-borisov", name="Yury Borisov", other_names=("Yuri Borisov",))
    assert person_names(person) == {"yury borisov", "yuri borisov", "borisov"}
    assert person_names(Person(id="xi-jinping", name="Xi Jinping")) >= {"xi jinping", "xi"}  # the family name first
