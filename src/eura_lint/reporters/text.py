"""Human-readable output: one line per finding, its suggestion indented under it, then a summary.

    seeds/002.txt:82:37: EURA201 [error] Realised EU and state funding 79 722 exceeds the granted 79 721
        suggestion: Check both amounts against the funding decision and the latest payment claim.
    Found 1 problem (1 error) in 1 of 5 files.

Control characters in paths and messages are written as escapes (``\\n``, ``\\x07``) so that one
finding is always one line and nothing in a document can drive the terminal.
"""

from __future__ import annotations

from collections import Counter

from ..finding import Severity
from ..report import Report
from ._common import all_paths, one_line

# "info" is used as a mass noun ("3 info"), as the severity is spelt in the finding lines.
_NOUNS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def summary(report: Report) -> str:
    files = len(all_paths(report))
    files_text = _plural(files, "file", "files")
    if not report.findings:
        return f"No problems in {files_text}."
    counts = Counter(finding.severity for finding in report.findings)
    by_severity = ", ".join(
        _plural(counts[severity], *_NOUNS[severity])
        for severity in sorted(counts, reverse=True)
    )
    with_problems = len({finding.path for finding in report.findings})
    problems = _plural(len(report.findings), "problem", "problems")
    return f"Found {problems} ({by_severity}) in {with_problems} of {files_text}."


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        lines.append(
            f"{one_line(finding.path)}:{finding.line}:{finding.column}: "
            f"{finding.rule} [{finding.severity}] {one_line(finding.message)}"
        )
        if finding.suggestion:
            lines.append(f"    suggestion: {one_line(finding.suggestion)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
