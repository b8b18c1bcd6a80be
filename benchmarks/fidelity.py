"""How faithfully the builder reads real pages: the kremlin.ru development corpus against its truth.

The corpus (``../shared/corpus/kremlin/``, see its README) holds each page as a text
dump (``text/``), many also as the HTML the crawler saved (``html/``), and
``truth.jsonl``: each page's metadata and the speaker labels of its own bold markup.
Each shape is parsed as one corpus (the people registry grows across it, as in a
real build) and compared with the truth, page by page:

- *transcripts*: pages the truth calls transcripts (two labels or more) that the
  builder built as transcripts, and pages it built as transcripts that are not;
- *turns*: a labelled paragraph of the truth is right when the builder opened a turn
  with its first words, and the turn's speaker is the person the label names (the
  resolved person's surname is in the label) or, for ``Question:``, ``Remark:`` and
  the like, no person and the same label;
- *people*: the people of the page's own ``Persons`` list who are named in its text
  (title, lead or body), that the document links;
- *dates*: the page's date, as ``time[datetime]`` gives it;
- *words lost*: words of the truth's body (labels included) that the document's
  body (labels, paragraphs) does not have, as a share of the body's words.

A third shape, ``pasted``, is each transcript as a reader would paste it from the
page: the title, the date line, then the body's lines (``Label: text``); two variants of
it write every label in capitals (``pasted-caps``) or alone on its line (``pasted-alone``).

    python -m benchmarks.fidelity                       # every shape, the whole corpus
    python -m benchmarks.fidelity --shape html --limit 200
    python -m benchmarks.fidelity --misses 30           # and the first 30 wrong turns
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from builder.model import Document
from builder.pipeline import parse_corpus
from builder.profiles.clean import MONTHS

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "kremlin"
SHAPES = ("text", "html", "pasted", "pasted-caps", "pasted-alone")
# A word, as the words-lost figure counts them: letters and digits (punctuation and spaces aside).
WORD = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
# Labels that name no one.
ANONYMOUS = re.compile(
    r"^(?:question|answer|reply|response|remark|remarks|comment|voice|voices|q|a|replica|retort|audience|operator"
    r"|call centre operator|moderator|interpreter|participant|journalist|correspondent)(?:$|\s*\(|\s+\d|\s+(?:from|to)\b)",
    re.IGNORECASE,
)


@dataclass
class Tally:
    documents: int = 0
    transcripts: int = 0  # truth transcripts
    transcripts_found: int = 0  # of those, built as transcripts
    false_transcripts: int = 0  # built as transcripts, truth says not
    turns: int = 0
    turns_right: int = 0
    persons: int = 0
    persons_found: int = 0
    dates: int = 0
    dates_right: int = 0
    words: int = 0
    words_lost: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    def row(self, shape: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}%" if b else "-"

        return (
            f"| {shape} | {self.documents:,} | {self.transcripts_found:,}/{self.transcripts:,} "
            f"({pct(self.transcripts_found, self.transcripts)})"
            f" | {self.false_transcripts:,} | {self.turns_right:,}/{self.turns:,} ({pct(self.turns_right, self.turns)})"
            f" | {self.persons_found:,}/{self.persons:,} ({pct(self.persons_found, self.persons)})"
            f" | {self.dates_right:,}/{self.dates:,} ({pct(self.dates_right, self.dates)})"
            f" | {self.words_lost:,}/{self.words:,} ({pct(self.words_lost, self.words)}) |"
        )


HEADER = (
    "| shape | documents | transcripts detected | false transcripts | turns right | people found | dates right | words lost |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def load_truth(corpus: Path = CORPUS) -> list[dict]:
    with (corpus / "truth.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def pasted_text(page: dict, variant: str = "") -> str:
    """A transcript as pasted from its page: title, date, then the body's lines.

    ``caps`` writes every label in capitals (as older pages and Government transcripts
    do); ``alone`` puts every label alone on its line, the turn's words on the next.
    """
    year, month, day = page["date"].split("-")
    date = f"{MONTHS[int(month) - 1]} {int(day)}, {year}"
    body = page["body"]
    if variant:
        body = "\n".join(_relabel(page, body.split("\n"), variant))
    return f"{page['title']}\n{date}\n\n{body}\n"


def _relabel(page: dict, lines: list[str], variant: str):
    labels = [t["label"] for t in page["turns"]]
    at = 0
    for line in lines:
        if at < len(labels) and line.startswith(labels[at]) and ":" in line[len(labels[at]):][:300]:
            head, _, rest = line.partition(":")
            at += 1
            head = head.upper() if variant == "caps" else head
            yield from ([f"{head}:", rest.strip()] if variant == "alone" and rest.strip() else [f"{head}:{rest}"])
        else:
            yield line


def shape_files(shape: str, pages: list[dict], corpus: Path, folder: Path) -> dict[str, dict]:
    """Write (or link) each page of ``shape`` into ``folder``; the truth of each file by its name."""
    files: dict[str, dict] = {}
    for page in pages:
        if shape.startswith("pasted"):
            if page["kind"] != "transcript":
                continue
            name = f"{page['id']}.txt"
            (folder / name).write_text(pasted_text(page, shape.partition("-")[2]), "utf-8")
        else:
            key = "html" if shape == "html" else "page"
            if key not in page["files"]:
                continue
            name = Path(page["files"][key]).name
            shutil.copyfile(corpus / page["files"][key], folder / name)
        files[name] = page
    return files


def measure(shape: str, pages: list[dict], corpus: Path = CORPUS, misses: int = 0) -> tuple[Tally, list[Document]]:
    """Parse ``pages`` of one shape as one corpus and compare each with its truth."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = shape_files(shape, pages, corpus, folder)
        report = parse_corpus(folder)
    people = report.people
    tally = Tally()
    by_file = {doc.source.file: doc for doc in report.documents}
    for name, page in files.items():
        doc = by_file.get(name)
        tally.add(compare(doc, page, people, keep_misses=misses > len(tally.misses)))
    tally.misses = tally.misses[:misses]
    return tally, report.documents


def compare(doc: Document | None, page: dict, people: dict, keep_misses: bool = False) -> Tally:
    t = Tally(documents=1)
    truth_transcript = page["kind"] == "transcript"
    built_transcript = doc is not None and doc.kind == "transcript"
    t.transcripts = int(truth_transcript)
    t.transcripts_found = int(truth_transcript and built_transcript)
    t.false_transcripts = int(built_transcript and not truth_transcript)
    t.dates = 1
    t.dates_right = int(doc is not None and doc.date == page["date"])
    body_words = Counter(w.casefold() for w in WORD.findall(page["body"]))
    t.words = sum(body_words.values())
    if doc is None:
        t.words_lost = t.words
        t.turns = len(page["turns"])
        t.persons = len(page["persons"])
        return t
    ours = Counter(w.casefold() for w in WORD.findall(doc.lead or ""))
    for turn in doc.turns:
        ours.update(w.casefold() for w in WORD.findall(turn.label or ""))
        for p in turn.paragraphs:
            ours.update(w.casefold() for w in WORD.findall(p.text))
    t.words_lost = sum(max(0, n - ours[w]) for w, n in body_words.items())
    # Turns: the truth's labels and the document's turns aligned in order by their first words.
    opened = [turn for turn in doc.turns if turn.label and turn.paragraphs]
    truth_keys = [_key(truth["first_words"]) for truth in page["turns"]]
    aligned: dict[int, object] = {}
    matcher = SequenceMatcher(None, truth_keys, [_key(turn.paragraphs[0].text) for turn in opened], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            aligned[block.a + k] = opened[block.b + k]
    for i, truth in enumerate(page["turns"]):
        t.turns += 1
        turn = aligned.get(i)
        if turn is not None and _same_speaker(turn, truth["label"], people):
            t.turns_right += 1
        elif keep_misses:
            got = f"{turn.label!r} -> {turn.speaker}" if turn else "no turn"
            t.misses.append(f"{doc.source.file}: {truth['label']!r} ({truth['first_words'][:30]!r}): {got}")
    # People of the page's Persons list ("Surname Given") named in its text, that the document links.
    linked = {_fold(people[pid].name) for pid in doc.people if pid in people}
    linked |= {_fold(n) for pid in doc.people if pid in people for n in people[pid].other_names}
    named = set(_fold(" ".join(WORD.findall(" ".join((page["title"], page["lead"] or "", page["body"]))))).split())
    for listed in page["persons"]:
        words = _fold(listed).split()
        if not any(w in named for w in words if len(w) > 2):
            continue  # listed among the page's persons, never named in its text
        t.persons += 1
        forms = {" ".join(words[k:] + words[:k]) for k in range(len(words))}  # "Van der Bellen Alexander", any order
        if forms & linked:
            t.persons_found += 1
    return t


def _key(text: str) -> str:
    return " ".join(WORD.findall(text)[:5]).casefold()


def _fold(text: str) -> str:
    """Case and accents aside ("Pouyanné" is "pouyanne")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _same_speaker(turn, label: str, people: dict) -> bool:
    folded = _fold(" ".join(label.split()))
    if ANONYMOUS.match(folded):
        return turn.speaker is None and turn.label is not None and turn.label.casefold().startswith(folded.split()[0])
    if turn.speaker is None or turn.speaker not in people:
        return False
    surname = _fold(people[turn.speaker].name.split()[-1])
    squashed = folded.replace(" ", "")
    return surname in folded or surname in squashed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--shape", choices=SHAPES, action="append")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id order)")
    parser.add_argument("--transcripts", action="store_true", help="only the truth's transcripts")
    parser.add_argument("--misses", type=int, default=0, help="print the first N wrong turns of each shape")
    args = parser.parse_args(argv)
    pages = load_truth(args.corpus)
    if args.transcripts:
        pages = [p for p in pages if p["kind"] == "transcript"]
    pages = pages[: args.limit]
    print(HEADER)
    total = Tally()
    missed: dict[str, list[str]] = {}
    for shape in args.shape or SHAPES:
        tally, _ = measure(shape, pages, args.corpus, args.misses)
        print(tally.row(shape), flush=True)
        missed[shape] = tally.misses
        total.add(tally)
    print(total.row("all"))
    for shape, lines in missed.items():
        if lines:
            print(f"\nwrong turns ({shape}):")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
