"""Human-readable output: one line per finding, its suggestion indented under it, then a summary.

    seeds/002.txt:82:37: EURA201 [error] Realised EU and state funding 79 722 exceeds the granted 79 721
        suggestion: Check both amounts against the funding decision and the latest payment claim.
    Found 1 problem (1 error) in 1 of 5 files.

With ``show_source`` the offending line follows each finding, a caret under the column; with
``colour`` the path, the severity and the rule are coloured (ANSI); with ``quiet`` the summary is
left out. Control characters in paths, messages and quoted lines are written as escapes (``\\n``,
``\\x07``) so that one finding is always one line and nothing in a document can drive the terminal.
"""

from __future__ import annotations

from collections import Counter

from ..finding import Finding, Severity
from ..report import Report
from ._common import all_paths, one_line

# "info" is used as a mass noun ("3 info"), as the severity is spelt in the finding lines.
_NOUNS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
SEVERITY_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}


def plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def summary(report: Report) -> str:
    files = len(all_paths(report))
    files_text = plural(files, "file")
    if not report.findings:
        text = f"No problems in {files_text}."
    else:
        counts = Counter(finding.severity for finding in report.findings)
        by_severity = ", ".join(
            plural(counts[severity], *_NOUNS[severity]) for severity in sorted(counts, reverse=True))
        with_problems = len({finding.path for finding in report.findings})
        problems = plural(len(report.findings), "problem")
        text = f"Found {problems} ({by_severity}) in {with_problems} of {files_text}."
    if report.baseline is not None:
        text += " " + baseline_summary(report)
    return text


def baseline_summary(report: Report) -> str:
    outcome = report.baseline
    assert outcome is not None
    known = plural(outcome.suppressed, "known problem")
    gone = plural(outcome.absent, "baseline entry", "baseline entries")
    return (f"{known} suppressed by the baseline {outcome.file}; "
            f"{gone} no longer {'occurs' if outcome.absent == 1 else 'occur'}.")


def _paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{RESET}" if colour else text


def source_lines(finding: Finding, line: str) -> list[str]:
    """The offending line under a gutter with its number, and a caret under the column."""
    number = str(finding.line)
    gutter = " " * len(number)
    shown = one_line(line.replace("\t", " "))
    caret = len(one_line(line[:max(finding.column - 1, 0)].replace("\t", " ")))
    return [f"{gutter} |", f"{number} | {shown}", f"{gutter} | {' ' * caret}^"]


def render(report: Report, *, show_source: bool = False, colour: bool = False,
           quiet: bool = False) -> str:
    lines = []
    for finding in report.findings:
        severity = _paint(str(finding.severity), SEVERITY_COLOURS[finding.severity], colour)
        lines.append(
            f"{_paint(one_line(finding.path), BOLD, colour)}:{finding.line}:{finding.column}: "
            f"{_paint(finding.rule, BOLD, colour)} [{severity}] {one_line(finding.message)}"
        )
        if show_source:
            text = report.source_line(finding)
            if text is not None:
                lines.extend(_paint(line, DIM, colour) if i != 1 else line
                             for i, line in enumerate(source_lines(finding, text)))
        if finding.suggestion:
            lines.append(f"    suggestion: {one_line(finding.suggestion)}")
    if not quiet:
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)
