"""Every problem code the builder reports, declared once: its severity, what it means, what to do.

A stage reports ``Problem(path, line, code, message, severity)``; ``code`` is one of the
names below. The README's table of problems is written from this table
(``markdown_table``), and the tests check both ways that every code the builder can emit
is declared here and that every code declared here is still emitted.

The severities: an *error* means the file was skipped (or the build stopped), a *warning*
that it was built with what could be trusted, a *notice* that it was built right and is
worth a look. ``--strict`` fails on warnings too, never on notices.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "notice")


@dataclass(frozen=True)
class Code:
    """One problem code: its name, the severities it is reported with, what happened, what to do."""

    name: str
    severity: tuple[str, ...]  # the usual one first: ("warning", "error") is a warning, an error when nothing could be built
    meaning: str  # what happened and what the builder did about it (Markdown)
    action: str  # what the maintainer should do (Markdown)


CODES: tuple[Code, ...] = (
    # ------------------------------------------------------------ seeds: reading the files
    Code("empty", ("error",), "the file is empty or holds only white space: skipped", "fill it or remove it"),
    Code("binary", ("error",), "the file is binary (zero bytes or mostly control characters): skipped",
         "replace it with the page's text"),
    Code("too-large", ("error",), "over 200 MB: not read", "split it into one file per document"),
    Code("link", ("error",), "the file is a link to a file outside the seeds folder: not read",
         "copy the file itself into the folder"),
    Code("encoding", ("warning", "error"),
         "not UTF-8: decoded by detection (Windows-1251, Windows-1252/Latin-1, KOI8-R tried first) or by its UTF-16"
         " byte-order mark, and the encoding is named; the line is the first that is not UTF-8 (an error when nothing fits)",
         "check the page reads right, or save it as UTF-8"),
    Code("truncated", ("warning",), "the file ends in the middle of a UTF-8 character: built without it",
         "check the end of the text against the source"),
    Code("control-characters", ("warning",), "invisible control characters were removed from the text", "check the scrape"),
    Code("large", ("warning",), "over 10 MB: built", "check it is one document, not several pasted together"),
    Code("file-name", ("warning",), "the file name is not UTF-8 or holds control characters: built under a printable name",
         "rename the file"),
    # ------------------------------------------------------------ the maintainers' files
    Code("sidecar", ("warning", "error"),
         "a sidecar field is unknown or of the wrong type: ignored (an error when the sidecar is not YAML or not a mapping:"
         " all of it ignored)", "fix the line named"),
    Code("annotation", ("warning",), "a note of a sidecar is malformed (no `id`, `exact` or `body`, an unknown field, an id"
         " used twice): skipped or renamed, as the message says", "fix the note"),
    Code("glossary", ("warning", "error"),
         "an entry of `seeds/glossary.yml` is malformed or repeats an id or a form: skipped (an error when the file is not"
         " YAML or not a list: all of it ignored)", "fix the entry named"),
    Code("people-file", ("error", "warning"),
         "`seeds/people.yml` is not YAML or not a list, or an entry has no `name`: ignored (a warning for a role with no"
         " `title`: that role skipped)", "fix the entry named"),
    # ------------------------------------------------------------ documents: metadata, turns, duplicates
    Code("no-title", ("warning",),
         "no title: built under the file name. A text of a shape no profile knows is built as plain text (its speakers'"
         " turns still found), with this and `no-date` saying what it lacks", "give `title:` in the sidecar"),
    Code("no-date", ("warning",), "no date: built undated", "give `date:` in the sidecar"),
    Code("no-source-url", ("notice",), "a transcript with no source link, read or in the sidecar: built, its page saying that where it was "
                                       "published"
         " is not known",
         "give `url:` in the sidecar"),
    Code("no-speakers", ("warning",),
         "the sidecar says `kind: transcript` but no speaker label opens a turn: built as narration (a page with no"
         " labels is an article or a text, with no warning)", "check the source"),
    Code("duplicate", ("warning",),
         "the same document as an earlier seed (same source URL, scheme, `www.` and trailing slash aside, or the same"
         " words, unless their dates or source URLs differ: a yearly notice is one page a year): skipped, the first in"
         " name order is published", "remove one of the two seeds"),
    Code("id-collision", ("warning",), "another document has the same id: published with `-2`, `-3`...",
         "give one a `title:` in its sidecar"),
    Code("internal", ("error",), "the builder failed on this seed: skipped", "report it, with the seed"),
    # ------------------------------------------------------------ annotations: anchoring notes
    Code("orphan-annotation", ("warning",), "a note's quote is not in the text (nor anything close): kept in the data, unanchored, and not "
                                            "shown on the page",
         "update `exact` or remove the note"),
    Code("ambiguous-annotation", ("warning",),
         "a note's quote fits several places that its `prefix`/`suffix` do not tell apart: kept in the data, unanchored, and"
         " not shown on the page",
         "add or lengthen `prefix` or `suffix`"),
    Code("fuzzy-annotation", ("notice",), "a note was anchored by fuzzy matching; the message names the paragraph and the"
         " words it landed on", "copy those words into `exact` before the text drifts further"),
    # ------------------------------------------------------------ people: resolving names
    Code("unresolved-name", ("warning",), "a surname (`Mr Grigorenko`), initial or `Mr President` no known person fits:"
         " left unlinked", "add the person to `seeds/people.yml`"),
    Code("ambiguous-name", ("warning",), "a surname that several people fit (two Patrushevs): left unlinked",
         "give the full name, or add the right person to `seeds/people.yml`"),
    Code("partial-name", ("notice",), "a speaker known in no seed by more than the label's name (`A. Repik:`, `Alina:`,"
         " `Patriarch Kirill:`) is a person of their own under that name",
         "give the full name in `seeds/people.yml` if they are someone known"),
    Code("name-variant", ("notice",), "a misspelt given name (`Vladmir Putin`) was read as the known person",
         "if they are two people, give both in `seeds/people.yml`"),
    # ------------------------------------------------------------ the site's public address
    Code("local-address", ("warning",),
         "no public address: none given, `site_url` in `mkdocs.yml` is the local default and the git remote `origin` is not"
         " on GitHub, so citations, canonical links, the sitemap and the offline copy give `http://127.0.0.1:8000/`",
         "set `site_url` in `mkdocs.yml` once (or `SITE_URL`, or `--site-url`), or give the repository its GitHub remote"),
    # ------------------------------------------------------------ the offline copy
    Code("remote-fetch", ("error",), "a page or stylesheet of the offline copy would load something from another host:"
         " no offline copy is written", "make the page or theme load it from the site itself"),
)

BY_NAME: dict[str, Code] = {code.name: code for code in CODES}


def markdown_table() -> str:
    """The README's table of problems: one row per code, in the order declared."""
    rows = ["| code | severity | what happened | what to do |", "| --- | --- | --- | --- |"]
    rows += [f"| `{c.name}` | {' or '.join(c.severity)} | {c.meaning} | {c.action} |" for c in CODES]
    return "\n".join(rows) + "\n"
