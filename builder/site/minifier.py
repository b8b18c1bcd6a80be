"""Pages minified once MkDocs has written them, with the minifier Hugo uses (a Go library).

Material's templates indent every element, and that white space is about a tenth of
the HTML; the quotes HTML does not need are another 4%. End tags and escapes stay.
The minifier's Go runtime does not survive a fork: it is loaded only in the process
that runs it, after MkDocs' passes, in forked workers of a process that has not loaded
it (else in that process).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..parallel import fork_map, workers

# The fewest pages worth minifying on several processes.
MINIFY_SPLIT = 1000


def minify_pages(site_dir: Path, since_ns: int, jobs: int | None = None) -> None:
    """Minify every page of ``site_dir`` written since ``since_ns`` (the rest were minified by an earlier build), on ``jobs``
    processes when there are many.

    What is removed is white space HTML ignores, and the quotes around an attribute's value
    that HTML does not need (``class=para``: about 4% of a page, which on a short page is
    mostly markup); ``<pre>`` blocks, text and escapes are kept, and so are the ``<html>``,
    ``<head>`` and ``<body>`` tags, end tags and default values, so that a parser that does
    not infer end tags (Python's ``html.parser``) reads the page's structure as it is. Minifying
    a minified page changes nothing, so a page seen twice (see ``mkdocs.MTIME_SLACK_NS``) is the same.

    Forked workers minify only while this process has not loaded the minifier (see the module's
    text); a process that has, a test's, minifies in itself.
    """
    pages = [page for page in sorted(site_dir.rglob("*.html")) if page.stat().st_mtime_ns >= since_ns]
    count = workers(jobs)
    if count > 1 and len(pages) >= MINIFY_SPLIT and "minify" not in sys.modules:
        fork_map(_minify, [pages[k::count] for k in range(count)], jobs, minimum=2, fresh=True)
    else:
        _minify(pages)


def _minify(pages: list[Path]) -> None:
    import minify  # loads the Go runtime: in the process that runs it, after every fork

    minify.config({"html-keep-document-tags": True, "html-keep-end-tags": True, "html-keep-quotes": False,
                   "html-keep-default-attr-vals": True})
    for page in pages:
        html = page.read_text("utf-8")
        small = minify.string("text/html", html)
        if small != html:
            page.write_text(small, "utf-8")
