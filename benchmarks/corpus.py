"""A deterministic synthetic archive: N seeds in the three real source shapes.

Everything is drawn from the real seeds in ``seeds/``: the page chrome of each
shape (kremlin.ru full page, Moscow Times Markdown article, kremlin.ru print
view), the paragraphs, the speaker labels and roles, the tooltips, the given
names and surnames (recombined into new people so that a large archive has many
people, as the real one does). The same ``(n, seed)`` always gives the same
files, byte for byte.

    python -m benchmarks.corpus 1000 benchmarks/out/corpus-1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from builder.names import slug
from builder.pipeline import ROOT, parse_corpus
from builder.profiles.clean import MONTHS
from builder.turns.parse import document_id

REAL_SEEDS = ROOT / "seeds"
PAGE_SEED = "000_29aedf8857b15add.txt"
ARTICLE_SEED = "001_b1332721dcb18903.txt"
PRINT_SEED = "004_92ebfd5003dffd4c.txt"
# The share of each shape in the archive (en.kremlin.ru pages dominate).
SHAPES = (("page", 0.5), ("print", 0.35), ("article", 0.15))
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
# kremlin.ru's own topic names; the real seeds carry three of them.
TOPICS = ("Industry", "Space", "Telecommunications", "Economy and finance", "Foreign policy", "Healthcare",
          "Education", "Science and innovation", "Armed Forces", "Regions", "Agriculture", "Transport",
          "Energy", "Culture", "Sport", "Social sector", "Youth policy", "Environment", "Justice",
          "Civil society", "Housing and utilities", "Trade", "Security", "Migration policy")
PLACES = ("The Kremlin, Moscow", "Novo-Ogaryovo, Moscow Region", "Sochi", "St Petersburg", "Kazan",
          "Vladivostok", "Valdai, Novgorod Region", "Yekaterinburg", "Novosibirsk", "Kaliningrad")
REGIONS = ("Bryansk", "Kursk", "Tula", "Tver", "Omsk", "Tomsk", "Penza", "Samara", "Saratov", "Kaluga",
           "Murmansk", "Amur", "Irkutsk", "Belgorod", "Voronezh", "Lipetsk", "Orel", "Pskov")
EVENTS = ("Meeting with {who}", "Working meeting with {who}", "Telephone conversation with {who}",
          "Meeting on {topic} with {who}", "Conversation with {who}")
# The host of almost every kremlin.ru transcript.
HOST = "Vladimir Putin"
HOST_ROLE = "President of Russia"
# A speaker label as the parser reads it, used to keep drawn paragraphs from posing as labels.
LABEL_LIKE = re.compile(r"^[^:]{1,200}:\s")


@dataclass(frozen=True)
class Speaker:
    given: str
    surname: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def tooltip(self, visible: str) -> str:
        """The name as kremlin.ru saves it: visible text, tooltip name twice, role glued, stray space."""
        return f"{visible} {self.surname} {self.given} {self.surname} {self.given}{self.role} "


@dataclass(frozen=True)
class Pools:
    """What the real seeds give the generator."""

    page: str
    article: str
    print_view: str
    paragraphs: tuple[str, ...]
    article_paragraphs: tuple[str, ...]
    speakers: tuple[Speaker, ...]
    given_names: tuple[str, ...]
    surnames: tuple[str, ...]
    roles: tuple[str, ...]


def load_pools(seeds: Path = REAL_SEEDS) -> Pools:
    report = parse_corpus(seeds)
    transcripts = [d for d in report.documents if d.kind == "transcript"]
    articles = [d for d in report.documents if d.kind != "transcript"]
    paragraphs = sorted({p.text for d in transcripts for _, p in d.paragraphs() if len(p.text) >= 40 and not LABEL_LIKE.match(p.text)})
    article_paragraphs = sorted({p.text for d in articles for _, p in d.paragraphs() if len(p.text) >= 40})
    speakers: dict[str, Speaker] = {}
    for doc in transcripts:
        for turn in doc.turns:
            if turn.name and turn.role and turn.name not in speakers:
                given, _, surname = turn.name.rpartition(" ")
                speakers[turn.name] = Speaker(given, surname, turn.role)
        for tip in doc.tooltips:
            speakers.setdefault(f"{tip.given} {tip.surname}", Speaker(tip.given, tip.surname, tip.role))
    people = list(speakers.values())
    return Pools(
        page=(seeds / PAGE_SEED).read_text("utf-8"),
        article=(seeds / ARTICLE_SEED).read_text("utf-8"),
        print_view=(seeds / PRINT_SEED).read_text("utf-8"),
        paragraphs=tuple(paragraphs),
        article_paragraphs=tuple(article_paragraphs),
        speakers=tuple(sorted(people, key=lambda s: s.name)),
        given_names=tuple(sorted({s.given for s in people})),
        surnames=tuple(sorted({s.surname for s in people})),
        roles=tuple(sorted({s.role for s in people if s.role != HOST_ROLE})),
    )


def cast(pools: Pools, n: int, rng: random.Random) -> list[Speaker]:
    """The archive's people: the real ones, then new ones recombined from their names and roles.

    A large archive has many people (about one for every eight documents here);
    new surnames join the halves of two real ones (cut elsewhere, or with a third part, once the
    halves are used up), so they never collide with a real name.
    """
    people = [s for s in pools.speakers if s.name != HOST]
    taken = {s.surname for s in pools.speakers}
    want = max(len(people), n // 8)
    while len(people) < want:
        a, b = rng.choice(pools.surnames), rng.choice(pools.surnames)
        surname = a[: max(2, len(a) // 2)] + b[len(b) // 2 :]
        if surname in taken:  # the halves are used up (large archives): cut elsewhere, then add a third part
            surname = a[: rng.randrange(2, max(3, len(a)))] + b[rng.randrange(1, max(2, len(b))) :]
        if surname in taken:
            surname += rng.choice(pools.surnames)[-3:].lower()
        if surname in taken or not surname.isalpha():
            continue
        taken.add(surname)
        role = rng.choice(pools.roles)
        if role.startswith("Governor of the"):
            role = f"Governor of the {rng.choice(REGIONS)} Region"
        people.append(Speaker(rng.choice(pools.given_names), surname.capitalize(), role))
    return people


def write_corpus(n: int, out: Path, seed: int = 20250604, seeds: Path = REAL_SEEDS) -> list[Path]:
    """Write ``n`` seeds (and the real people file) into ``out``, replacing what was there."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pools = load_pools(seeds)
    rng = random.Random(seed)
    people = cast(pools, n, rng)
    host = next(s for s in pools.speakers if s.name == HOST)
    shutil.copy2(seeds / "people.yml", out / "people.yml")
    ids: set[str] = set()
    written = []
    shapes, weights = zip(*SHAPES, strict=True)
    for i in range(n):
        shape = rng.choices(shapes, weights)[0]
        while True:
            day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
            guests = _guests(people, rng)
            title = _title(guests, rng, shape)
            doc_id = document_id(day.isoformat(), title)
            if doc_id not in ids:
                ids.add(doc_id)
                break
        if shape == "page":
            text = _page(pools, rng, i, day, title, host, guests)
        elif shape == "print":
            text = _print_view(pools, rng, day, title, host, guests)
        else:
            text = _article(pools, rng, day, title, host, guests)
        digest = f"{rng.getrandbits(64):016x}"
        path = out / f"{i:05d}_{digest}.txt"
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def _guests(people: list[Speaker], rng: random.Random) -> list[Speaker]:
    # Popular people come back often: a power law over the cast, as in the real archive.
    count = 1 if rng.random() < 0.5 else rng.randint(2, 8)
    chosen: list[Speaker] = []
    while len(chosen) < count:
        pick = people[min(len(people) - 1, int(len(people) * rng.random() ** 3))]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _title(guests: list[Speaker], rng: random.Random, shape: str) -> str:
    who = f"{guests[0].role} {guests[0].name}" if len(guests) == 1 else rng.choice(
        ("Government members", "Security Council permanent members", "heads of regions", "business leaders"))
    if shape == "article":
        return f"Putin Meets {guests[0].name} on {rng.choice(TOPICS)} as {guests[-1].surname} Looks On"
    return rng.choice(EVENTS).format(who=who, topic=rng.choice(TOPICS).lower())


def _length(rng: random.Random) -> int:
    """Turns in a transcript: a long-tailed spread, from a short exchange to a long meeting."""
    return max(2, min(240, int(rng.lognormvariate(math.log(14), 0.8))))


def _turns(pools: Pools, rng: random.Random, host: Speaker, guests: list[Speaker], tooltips: bool) -> list[tuple[str, list[str]]]:
    """(label, paragraphs) pairs: the host and the guests by turns; a full label first, the bare name after."""
    seen: set[str] = set()
    turns = []
    for t in range(_length(rng)):
        speaker = host if t % 2 == 0 else rng.choice(guests)
        if speaker.name in seen:
            label = speaker.name
        else:
            seen.add(speaker.name)
            tooltip = tooltips and speaker is not host and rng.random() < 0.4
            label = f"{speaker.role} {speaker.tooltip(speaker.name)}" if tooltip else f"{speaker.role} {speaker.name}"
        paragraphs = [rng.choice(pools.paragraphs) for _ in range(rng.randint(1, 6))]
        if speaker is host and rng.random() < 0.3:
            other = rng.choice(guests)
            paragraphs[0] = f"Mr {other.surname}, {paragraphs[0][0].lower()}{paragraphs[0][1:]}"
        if tooltips and rng.random() < 0.15:
            other = rng.choice(guests)
            paragraphs[-1] += f" I have asked {other.tooltip(other.name)}to help."
        turns.append((label, paragraphs))
    return turns


def _date_line(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _page(pools: Pools, rng: random.Random, i: int, day: dt.date, title: str, host: Speaker, guests: list[Speaker]) -> str:
    """A full en.kremlin.ru page: the real page's menus and footer around a new body."""
    real = pools.page
    head_end = real.index("Events\n\n") + len("Events\n\n")
    foot_start = real.index("\nTopics\n")
    hour, minute = rng.randint(9, 22), rng.choice((0, 15, 30, 45))
    lead = f"The President {rng.choice(('had a meeting with', 'held talks with', 'met with'))} {guests[0].role} {guests[0].name}."
    caption = f"{guests[0].role} {guests[0].name}."
    body = []
    for label, paragraphs in _turns(pools, rng, host, guests, tooltips=True):
        body.append(f"{label}: {paragraphs[0]}")
        body.extend(paragraphs[1:])
    if rng.random() < 0.5:
        body.append("<…>")
    topics = sorted(set(rng.sample(TOPICS, rng.randint(1, 3))))
    number = 60000 + i
    footer = real[foot_start:]
    footer = re.sub(r"(?s)Topics\n\n.*?\n\nPersons\n\n.*?\n\n", lambda _: "Topics\n\n" + "".join(f"  • {t}\n" for t in topics)
                    + "\nPersons\n\n" + "".join(f"  • {g.surname} {g.given}\n" for g in guests) + "\n", footer, count=1)
    footer = footer.replace("March 31, 2025, 13:30", f"{_date_line(day)}, {hour:02d}:{minute:02d}")
    footer = footer.replace("March 31, 2025, 17:11", f"{_date_line(day)}, {min(23, hour + 3):02d}:{minute:02d}")
    footer = footer.replace("76574", str(number))
    footer = footer.replace("Meeting with Director General of Roscosmos State Corporation Dmitry Bakanov", title)
    middle = "\n".join([title, "", lead, "", _date_line(day), f"{hour:02d}:{minute:02d}", rng.choice(PLACES),
                        caption, title + ".", caption, f"At the {title[0].lower()}{title[1:]}.", "", "\n\n".join(body), ""])
    return real[:head_end] + middle + footer


def _print_view(pools: Pools, rng: random.Random, day: dt.date, title: str, host: Speaker, guests: list[Speaker]) -> str:
    """The kremlin.ru print view: font pickers, a lead, one line a paragraph, date and place last."""
    controls = "\n".join(pools.print_view.split("\n")[:3])
    event = title[0].lower() + title[1:]
    lines = [controls, f"The President held a {event}{rng.choice(('', ', via videoconference'))}."]
    for label, paragraphs in _turns(pools, rng, host, guests, tooltips=False):
        if len(label) > 60 and rng.random() < 0.5:
            lines.append(f"{label}:")  # a long label alone on its line, as in the real print view
            lines.extend(paragraphs)
        else:
            lines.append(f"{label}: {paragraphs[0]}")
            lines.extend(paragraphs[1:])
    lines.append("<…>")
    lines.append(f"{_date_line(day)}, {rng.choice(PLACES).removeprefix('The ')}")
    return "\n".join(lines)


def _article(pools: Pools, rng: random.Random, day: dt.date, title: str, host: Speaker, guests: list[Speaker]) -> str:
    """A Moscow Times article in Markdown: title, date, caption, prose with quotes, the original URL."""
    body = []
    for _ in range(rng.randint(4, 20)):
        if rng.random() < 0.4:
            who = rng.choice([host, *guests])
            quote = rng.choice(pools.paragraphs).split(". ")[0].rstrip(".")
            body.append(f"“{quote},” {who.name} [said](#) on {MONTHS[day.month - 1]} {day.day}.")
        else:
            body.append(rng.choice(pools.article_paragraphs))
    url = f"https://www.themoscowtimes.com/{day:%Y/%m/%d}/{slug(title)}-a{rng.randint(10000, 99999)}"
    return "\n".join([" ", "", "", f"# {title}", "", f"{MONTHS[day.month - 1]} {day.day:02d}, {day.year}", "", "", "",
                      f"{guests[0].name}. [kremlin.ru](https://kremlin.ru)", "", "\n\n".join(body), "", "Original url:", "", f"<{url}>"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description="Write a deterministic synthetic archive of N seeds.")
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20250604, help="random seed (default: 20250604)")
    args = parser.parse_args(argv)
    files = write_corpus(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} seeds, {size / 1e6:.1f} MB, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
