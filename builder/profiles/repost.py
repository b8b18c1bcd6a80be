"""A transcript reposted on a forum or a blog: the software's chrome around the post goes to the audit.

Forum and blog software (phpBB, vBulletin, WordPress) wraps a reposted transcript in
menus, breadcrumbs, a post header (author, "Posted on ...", post counts), buttons
("Reply", "Quote", "Like", "Share this"), other people's replies, comment forms and
footers. Each kind of chrome line is a named pattern in ``CHROME``.

Where the post is: chrome lines cut the text into stretches; the post is the stretch
that holds the transcript's head (a title over a date line), the one with the most words
when several do or none does. It starts at its title (or at its date, when no title is
above it: the title is then the post's own, above "Posted on ...") and ends where the
stretch ends, at the first chrome line after the body. Every line outside it goes to the
audit, under its pattern's name or as header or footer. A line naming the source (``The source of information - http://en.kremlin.ru/...``)
gives the source's URL, wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..labels import parse_label
from ..model import Cleaned, Removal, Seed
from . import plain_transcript
from .clean import normalise_spaces, split_lines
from .plain_transcript import SOURCE_LINE, TITLE_LENGTH, read_date_line

NAME = "repost"
KIND = plain_transcript.KIND

# A bullet that menus put before their items.
_BULLET = r"(?:[•·▪►*]\s*)?"


def _chrome(words: str) -> re.Pattern[str]:
    return re.compile(rf"^{_BULLET}(?:{words})$", re.IGNORECASE)


# The kinds of chrome line, each by name: what the audit calls it, and the whole line it matches.
CHROME: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Site and forum menus.
    ("menu", _chrome(
        r"Skip to (?:main )?content|(?:Main |Primary )?menu|Navigation|Home|Forums?|Board index|Forum index|FAQ"
        r"|Register|Log ?in|Log ?out|Sign (?:in|up)|Search(?: this (?:topic|forum|site)…?)?|Advanced search|Members(?: list)?"
        r"|Calendar|Community|Today'?s posts|New posts|Mark forums read|Quick links|User control panel|Private messages"
        r"|Unanswered (?:posts|topics|threads)|Active topics|View (?:unread|new) posts|What'?s new\??|Contact(?: us)?"
        r"|About(?: us)?|The team|Archives|Categories|Recent (?:posts|comments)|Meta|Blogroll"
    )),
    # A post's header: who posted it and when, the poster's counts.
    ("post header", _chrome(
        r"Posted (?:on|by|in) .{1,120}|Post by .{1,120}|Post subject: .{1,200}|Re: .{1,200}|Thread: .{1,200}|Topic: .{1,200}"
        r"|Old \d{2}-\d{2}-\d{4}.{0,40}|#\d{1,6}|Post #?\d{1,6}|\d{1,6} posts?(?: • Page \d+ of \d+)?|Page \d+ of \d+"
        r"|(?:Posts|Joined|Join Date|Location|Reputation|Thanks|Likes received|Messages|Reaction score|Points|Rep Power): .{1,40}"
        r"|Senior Member|Junior Member|Administrator|Site Admin|Registered User|Offline|Online|Last edited by .{1,120}"
        r"|Written by .{1,60}|Author: .{1,60}|By .{1,40} on .{1,40}|.{1,40} wrote:"
    )),
    # A breadcrumb trail: "Board index ‹ World Affairs ‹ Russia", "Home » News".
    ("breadcrumb", _chrome(r"(?:[^›»‹<>|.!?]{1,60} [›»‹>] ){1,6}[^›»‹<>|.!?]{1,120}")),
    # A post's buttons and share widgets.
    ("post buttons", _chrome(
        r"Reply|Quote|Reply with quote|Multi-?quote|Post reply|New topic|Post a reply|Edit|Delete|Report(?: post)?"
        r"|Likes?|Unlike|Share(?: this:?| on \w+)?|Tweet|Permalink|Top|Back to top|Like this:|Like Loading\.\.\.|Loading\.\.\."
        r"|Be the first to like this\.?|\d+ (?:likes?|comments?|replies|views)|Reply ↓|Click to (?:share|email|print) .{1,80}"
        r"|Facebook|Twitter|Telegram|VK|WhatsApp|Reddit|LinkedIn|Pinterest|Tumblr|Pocket"
    )),
    # A comment form and the comments' heading.
    ("comment form", _chrome(
        r"Leave a (?:reply|comment)(?: Cancel reply)?|Cancel reply"
        r"|(?:One|\d+) (?:thoughts?|responses?|comments?|replies) (?:on|to) .{1,200}"
        r"|Comments?(?: \(\d+\))?|Your email address will not be published\..{0,120}|Required fields are marked \*"
        r"|Comment \*?|Name \*|Email \*|Website|Post comment|Submit comment|Save my name, email, and website .{1,120}"
        r"|Notify me of .{1,120}|You must be (?:logged in|registered) to post a comment\.?|Quick reply|Post a comment"
        r"|Add a comment|Join the conversation|Log in to reply\.?|You must log in or register to reply here\.?"
    )),
    # Links to the next and previous posts, and the post's categories and tags.
    ("post navigation", _chrome(
        r"Post navigation|← .{1,120}|.{1,120} →|« Previous Thread \| Next Thread »|(?:Previous|Next)(?: post| thread| topic)?"
        r"|Jump to:?|Return to .{1,80}|Display posts from previous:.{0,120}|Sort by .{1,80}|Related(?: posts| articles)?"
        r"|You may also like|Filed under .{1,200}|Tagged .{1,200}|Tags: .{1,200}|Categories: .{1,200}|Bookmark the permalink\.?"
    )),
    # The site's footer.
    ("footer", _chrome(
        r"Who is online|Users browsing this (?:forum|thread): .{1,200}|In total there (?:is|are) .{1,200}"
        r"|All times are (?:UTC|GMT).{0,40}|The time now is .{1,40}|(?:Proudly )?powered by .{1,80}|.{0,80}©.{0,80}"
        r"|Copyright .{1,80}|Theme(?: by)?:? .{1,60}|Privacy(?: policy)?|Terms(?: of (?:use|service))?|Posting rules"
        r"|You may (?:not )?post .{1,80}|(?:BB code|Smilies|\[IMG\] code|HTML code) (?:is|are) (?:On|Off)|Forum rules"
        r"|Delete (?:all board )?cookies|Subscribe(?: to .{1,80})?|Follow|Sign me up|Blog at WordPress\.com\.?"
        r"|Create a free website or blog at WordPress\.com\.?|Already have a WordPress\.com account\? Log in now\.?"
    )),
    # A signature's separator.
    ("signature", re.compile(r"^(?:_{5,}|-- ?|—{3,})$")),
)
# Chrome lines from which a text is a repost (and of how many kinds).
CHROME_LINES, CHROME_KINDS = 3, 2
# How far down its stretch a post's date line may stand (a poster's name, a title and a lead above it).
HEAD_SPAN = 6
# How many lines at each end of the text detection reads.
DETECT_SPAN = 120


@dataclass(frozen=True)
class Stretch:
    """Lines between two chrome lines: ``start``, ``end`` index the seed's lines (end exclusive)."""

    start: int
    end: int


def detect(text: str) -> bool:
    lines = [normalise_spaces(t) for t in text.split("\n") if t.strip()]
    ends = lines if len(lines) <= 2 * DETECT_SPAN else lines[:DETECT_SPAN] + lines[-DETECT_SPAN:]
    kinds = [kind for line in ends if (kind := chrome_kind(line))]
    return len(kinds) >= CHROME_LINES and len(set(kinds)) >= CHROME_KINDS


def clean(seed: Seed) -> Cleaned:
    raw = split_lines(seed.text)
    texts = [normalise_spaces(line.text) for line in raw]
    kinds = [chrome_kind(text) for text in texts]
    url = next((m["url"] for text in texts if (m := SOURCE_LINE.match(text))), None)
    post = _post(texts, kinds)
    removed = [
        Removal(
            line.number, text,
            "source line" if SOURCE_LINE.match(text) else kind or ("repost header" if i < post.start else "repost footer"),
        )
        for i, (line, text, kind) in enumerate(zip(raw, texts, kinds, strict=True))
        if text and not post.start <= i < post.end
    ]
    cleaned = plain_transcript.transcript(seed, raw[post.start : post.end], NAME, removed, url)
    if read_date_line(texts[post.start]) and (entry := _entry_title(texts, kinds, post.start)) is not None:
        cleaned = replace(cleaned, title=texts[entry], title_line=raw[entry].number)
    return cleaned


def chrome_kind(text: str) -> str | None:
    """The name of the chrome a line is, else None (a source line is not chrome: it is kept apart)."""
    return next((name for name, pattern in CHROME if pattern.match(text)), None)


def _post(texts: list[str], kinds: list[str | None]) -> Stretch:
    """The stretch that is the post, from its head to the first chrome line after it."""
    stretches: list[Stretch] = []
    start = 0
    for i, kind in enumerate([*kinds, "end"]):
        if kind:
            if any(texts[start:i]):
                stretches.append(Stretch(start, i))
            start = i + 1
    if not stretches:
        return Stretch(0, len(texts))
    headed = [h for s in stretches if (h := _from_head(s, texts))]
    return max(headed or stretches, key=lambda s: (_words(texts, s), -s.start))


def _from_head(stretch: Stretch, texts: list[str]) -> Stretch | None:
    """The stretch from its transcript's title on, when a date line is in it; else None.

    The title is the line above the date; the line two above when the line between ends
    a sentence (a lead) and that one does not (a title).
    """
    filled = [i for i in range(stretch.start, stretch.end) if texts[i] and not SOURCE_LINE.match(texts[i])]
    at = next((k for k, i in enumerate(filled[:HEAD_SPAN]) if read_date_line(texts[i])), None)
    if at is None:
        return None
    first = at
    if at >= 2 and texts[filled[at - 1]][-1:] in ".!?" and texts[filled[at - 2]][-1:] not in ".!?":
        first = at - 2
    elif at >= 1:
        first = at - 1
    return Stretch(filled[first], stretch.end)


def _entry_title(texts: list[str], kinds: list[str | None], start: int) -> int | None:
    """A post that opens with its date has its title in the post's header: the line above "Posted on ..."."""
    i = start - 1
    while i >= 0 and (not texts[i] or kinds[i] == "post header"):
        i -= 1
    if i < 0 or i == start - 1 or kinds[i] or len(texts[i]) > TITLE_LENGTH or parse_label(texts[i]):
        return None
    return i


def _words(texts: list[str], stretch: Stretch) -> int:
    return sum(len(t.split()) for t in texts[stretch.start : stretch.end])
