"""Figures drawn at build time as inline SVG: no script, no other host, fine offline.

Each figure is a ``<figure>`` holding an ``<svg role="img">`` named by its
``<title>`` and described by a ``<desc>`` that states every value, so a screen
reader gets the data the bars show. Colours come from the site's CSS classes
(``chart-bar``...), with plain fallbacks in the attributes. Seed text (names)
is escaped for XML. The same data always draws the same bytes.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..model import Document, Person
from ..profiles.clean import MONTHS

# Drawing units (the SVG scales to the column's width).
WIDTH = 640
ROW = 22  # height of one bar's row in a bar chart
LABEL_WIDTH = 210  # room for a name left of the bars
VALUE_WIDTH = 90  # room for the number right of a bar
COLUMN_HEIGHT = 150  # height of the plot in a column chart
AXIS = 34  # room under the columns for month labels
TOP = 8
# Fallback colours when the site's CSS is not there (the CSS uses the theme's).
BAR_FILL = "#3f51b5"
SECOND_FILL = "#9fa8da"
# Most speakers a bar chart shows; the rest are summed into one bar.
MOST_BARS = 12
# A month in a chart's axis: its first three letters ("Sep").
MONTH_ABBR = tuple(month[:3] for month in MONTHS)


def _x(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _figure(ident: str, title: str, desc: str, height: float, shapes: list[str], caption: str) -> str:
    return (
        f'<figure class="chart" id="{ident}">\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_x(height)}" width="{WIDTH}" height="{_x(height)}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart-svg">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(shapes)
        + f"</svg>\n<figcaption>{escape(caption)}</figcaption>\n</figure>"
    )


def bar_chart(ident: str, title: str, rows: list[tuple[str, int]], unit: str, caption: str) -> str:
    """Horizontal bars, one per ``(label, value)``, longest first as given."""
    top = max((v for _, v in rows), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    labels, bars, values = [], [], []  # each kind in one group that holds what they share
    for i, (label, value) in enumerate(rows):
        y = TOP + i * ROW
        length = max(1.0, plot * value / top) if value else 0.0
        name = label if len(label) <= 30 else label[:29] + "…"
        labels.append(f'<text x="{LABEL_WIDTH - 8}" y="{_x(y + ROW * 0.68)}">{escape(name)}</text>')
        bars.append(f'<rect x="{LABEL_WIDTH}" y="{_x(y + 3)}" width="{_x(length)}" height="{ROW - 6}"/>')
        values.append(f'<text x="{_x(LABEL_WIDTH + length + 6)}" y="{_x(y + ROW * 0.68)}">{value:,}</text>')
    shapes = ['<g text-anchor="end" class="chart-label" fill="currentColor">' + "".join(labels) + "</g>",
              f'<g class="chart-bar" fill="{BAR_FILL}">' + "".join(bars) + "</g>",
              '<g class="chart-value" fill="currentColor">' + "".join(values) + "</g>"] if rows else []
    desc = "; ".join(f"{label}: {value:,} {unit}" for label, value in rows) + "."
    return _figure(ident, title, desc, TOP * 2 + ROW * len(rows), shapes, caption)


def _box(x: float, y: float, width: float, height: float) -> str:
    """A column, in the group of its kind (which gives its class and fill). A rectangle, not a
    path's sub-path: the pages' minifier rewrites path data, and again on a second pass."""
    return f'<rect x="{_x(x)}" y="{_x(y)}" width="{_x(width)}" height="{_x(height)}"/>'


def column_chart(ident: str, title: str, columns: list[tuple[str, int, int]], unit: str, second_unit: str, caption: str) -> str:
    """Columns over time, one per ``(month "YYYY-MM", value, second value)``; the second stacks on top, lighter."""
    top = max((a + b for _, a, b in columns), default=0) or 1
    left, right = 30, 10
    step = (WIDTH - left - right) / max(1, len(columns))
    every = 1 if len(columns) <= 12 else 12
    shapes = [f'<line x1="{left}" y1="{TOP + COLUMN_HEIGHT}" x2="{WIDTH - right}" y2="{TOP + COLUMN_HEIGHT}" class="chart-axis" '
              'stroke="currentColor"/>',
              f'<text x="{left - 6}" y="{TOP + 10}" text-anchor="end" class="chart-value" fill="currentColor">{top}</text>',
              f'<text x="{left - 6}" y="{TOP + COLUMN_HEIGHT}" text-anchor="end" class="chart-value" fill="currentColor">0</text>']
    # The columns, their tops and the time axis's labels each in one group that holds what they
    # share: a person's page may have three hundred months of them.
    bars: list[str] = []
    tops: list[str] = []
    labels: list[str] = []
    for i, (month, value, second) in enumerate(columns):
        x = left + i * step
        width = max(1.0, step * 0.7)
        high = COLUMN_HEIGHT * value / top
        higher = COLUMN_HEIGHT * second / top
        if value:
            bars.append(_box(x + step * 0.15, TOP + COLUMN_HEIGHT - high, width, high))
        if second:
            tops.append(_box(x + step * 0.15, TOP + COLUMN_HEIGHT - high - higher, width, higher))
        if i % every == 0 or (every > 1 and month.endswith("-01")):
            label = month_label(month) if every == 1 else month[:4]
            labels.append(f'<text x="{_x(x + step / 2)}">{escape(label)}</text>')
    if bars:
        shapes.append(f'<g class="chart-bar" fill="{BAR_FILL}">' + "".join(bars) + "</g>")
    if tops:
        shapes.append(f'<g class="chart-bar chart-bar--second" fill="{SECOND_FILL}">' + "".join(tops) + "</g>")
    if labels:
        shapes.append(f'<g transform="translate(0 {TOP + COLUMN_HEIGHT + 16})" text-anchor="middle" class="chart-label" '
                      'fill="currentColor">' + "".join(labels) + "</g>")
    parts = []  # each month that has a value, with its values but the zeros
    for month, value, second in columns:
        said = ([f"{value} {unit}"] if value else []) + ([f"{second} {second_unit}"] if second and second_unit else [])
        if said:
            parts.append(f"{month_label(month)}: " + ", ".join(said))
    desc = ("; ".join(parts) or f"No {unit}") + "."
    return _figure(ident, title, desc, TOP + COLUMN_HEIGHT + AXIS, shapes, caption)


def month_label(month: str) -> str:
    """'2025-03' as 'Mar 2025'."""
    return f"{MONTH_ABBR[int(month[5:7]) - 1]} {month[:4]}" if len(month) >= 7 else month


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("YYYY-MM"), both included."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def corpus_months(documents: list[Document]) -> list[str]:
    dated = sorted(d.date[:7] for d in documents if d.date)
    return months_between(dated[0], dated[-1]) if dated else []


# ---------------------------------------------------------------- the site's figures


def words_by_speaker(doc: Document) -> list[tuple[str, int]]:
    """``(person id, words spoken)`` in a document, most first."""
    words: Counter = Counter()
    for turn in doc.turns:
        if turn.speaker:
            words[turn.speaker] += turn.words
    return sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))


def speakers_figure(doc: Document, people: dict[str, Person]) -> str:
    """Who spoke how much in one transcript (words per speaker); empty when no one is named as speaking."""
    rows = [(people[pid].name, n) for pid, n in words_by_speaker(doc)]
    if not rows:
        return ""
    if len(rows) > MOST_BARS:
        rest = rows[MOST_BARS - 1 :]
        rows = rows[: MOST_BARS - 1] + [(f"{len(rest)} others", sum(n for _, n in rest))]
    total = sum(n for _, n in rows)
    return bar_chart("fig-speakers", "Words spoken per speaker", rows, "words",
                     f"Who spoke how much: {total:,} words by {len(words_by_speaker(doc))} speakers.")


def appearances_figure(person: Person, documents: list[Document], months: list[str] | None = None) -> str:
    """A person's documents per month over the corpus's whole span: spoke in, or only named in.

    ``documents`` may be the person's own; ``months`` is then the corpus's (``corpus_months``),
    made once for every person rather than once each.
    """
    months = corpus_months(documents) if months is None else months
    spoke: Counter = Counter()
    named: Counter = Counter()
    for doc in documents:
        if not doc.date or person.id not in doc.people:
            continue
        if any(t.speaker == person.id for t in doc.turns):
            spoke[doc.date[:7]] += 1
        else:
            named[doc.date[:7]] += 1
    if not spoke and not named:
        return ""
    columns = [(m, spoke[m], named[m]) for m in months]
    return column_chart("fig-appearances", f"{person.name}: documents per month", columns, "spoke in", "named in",
                        "Documents per month: dark, where they spoke; light, where they are only named.")


def documents_figure(documents: list[Document]) -> str:
    """Documents per month over the corpus: transcripts dark, other documents light."""
    months = corpus_months(documents)
    if not months:
        return ""
    transcripts = Counter(d.date[:7] for d in documents if d.date and d.kind == "transcript")
    others = Counter(d.date[:7] for d in documents if d.date and d.kind != "transcript")
    columns = [(m, transcripts[m], others[m]) for m in months]
    return column_chart("fig-documents", "Documents per month", columns, "transcripts", "other documents",
                        "Documents per month: transcripts dark, articles and other texts light.")


def top_speakers_figure(documents: list[Document], people: dict[str, Person], most: int = 10) -> str:
    """The speakers with the most turns in the whole corpus."""
    turns = Counter(t.speaker for d in documents for t in d.turns if t.speaker)
    rows = [(people[pid].name, n) for pid, n in sorted(turns.items(), key=lambda kv: (-kv[1], people[kv[0]].name))[:most]]
    if not rows:
        return ""
    return bar_chart("fig-top-speakers", "Most frequent speakers (turns)", rows, "turns",
                     f"The {len(rows)} speakers with the most turns across all documents.")
