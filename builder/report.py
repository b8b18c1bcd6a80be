"""The build's problems as a maintainer reads them: one line per document and problem.

A problem met many times in one document (``'Mr President'`` unresolved on every
page of a long transcript) is one line with its count and its first lines, never
thousands of copies:

    t.txt:11: warning: 'Mr President': which president is addressed is unknown (2,000 times, at lines 11, 15, 19, ...) [unresolved-name]

The stages keep every occurrence (``BuildReport.problems``); only this view groups them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import Problem

# How many of a repeated problem's lines the report names.
FIRST_LINES = 3


@dataclass(frozen=True, order=True)
class ProblemLine:
    """One line of the report: a problem of one document and the lines it was met on."""

    first: Problem
    lines: tuple[int, ...]

    @property
    def severity(self) -> str:
        return self.first.severity

    def __str__(self) -> str:
        p = self.first
        times = len(self.lines)
        where = ""
        if times > 1:
            shown = ", ".join(str(n) for n in self.lines[:FIRST_LINES]) + (", ..." if times > FIRST_LINES else "")
            where = f" ({times:,} times, at lines {shown})"
        return f"{p.path}:{p.line}: {p.severity}: {p.message}{where} [{p.code}]"


def report_lines(problems: list[Problem]) -> list[ProblemLine]:
    """The problems grouped by document, code, severity and message, in file and line order."""
    groups: dict[tuple[str, str, str, str], list[Problem]] = {}
    for problem in sorted(problems):
        groups.setdefault((problem.path, problem.code, problem.severity, problem.message), []).append(problem)
    return sorted(ProblemLine(found[0], tuple(p.line for p in found)) for found in groups.values())


def counts(lines: list[ProblemLine]) -> Counter[str]:
    """Report lines by severity."""
    return Counter(line.severity for line in lines)
