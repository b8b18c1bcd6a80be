"""The build report: one line per document and problem, with a count and the first lines."""

from pathlib import Path

from builder.cli import main
from builder.model import Problem
from builder.report import counts, report_lines


def test_a_problem_met_thousands_of_times_in_one_document_is_one_line_with_its_count_and_first_lines():
    problems = [Problem("t.txt", n, "unresolved-name", "'Mr Zzyzx': no person with the surname Zzyzx is known") for n in range(11, 8011, 4)]
    [line] = report_lines(problems)
    assert str(line) == (
        "t.txt:11: warning: 'Mr Zzyzx': no person with the surname Zzyzx is known (2,000 times, at lines 11, 15, 19, ...) [unresolved-name]"
    )


def test_different_problems_and_documents_stay_apart_in_file_and_line_order():
    problems = [
        Problem("b.txt", 3, "no-date", "no date"), Problem("a.txt", 9, "unresolved-name", "'Mr X'"),
        Problem("a.txt", 2, "unresolved-name", "'Mr Y'"), Problem("a.txt", 12, "unresolved-name", "'Mr X'"),
        Problem("a.txt", 1, "empty", "empty", "error"),
    ]
    assert [str(line) for line in report_lines(problems)] == [
        "a.txt:1: error: empty [empty]",
        "a.txt:2: warning: 'Mr Y' [unresolved-name]",
        "a.txt:9: warning: 'Mr X' (2 times, at lines 9, 12) [unresolved-name]",
        "b.txt:3: warning: no date [no-date]",
    ]
    assert counts(report_lines(problems)) == {"error": 1, "warning": 3}


def test_a_long_plain_transcript_prints_its_repeated_warning_once(tmp_path: Path, capsys):
    turns = "".join(f"Vladimir Putin: Mr Zzyzx, point {n}.\nIvan Petrov: Yes.\n" for n in range(4000))
    seed = tmp_path / "long.txt"
    seed.write_text(f"A long meeting\nJune 4, 2025\n\n{turns}", "utf-8")
    assert main(["parse", str(seed)]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if "Zzyzx" in line]
    assert len(err) == 1 and "(4,000 times, at lines " in err[0], err
