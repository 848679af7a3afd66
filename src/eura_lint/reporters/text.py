"""Human-readable output: one line per finding, its suggestion indented under it, then a summary.

    seeds/002.txt:82:37: S21234 EURA201 [error] Realised EU and state funding 79 722 exceeds the granted 79 721
        suggestion: Check both amounts against the funding decision and the latest payment claim.
    Found 1 problem (1 error) in 1 of 5 files.

The code of the project a finding is about (a description's or a list row's) follows the position;
a finding about a whole file has none.

In Finnish (``--lang fi``) the severity, ``suggestion`` and the summary are Finnish too::

    seeds/001.txt:12:5: S21234 EURA201 [virhe] Toteutunut EU- ja valtion rahoitus ...
        ehdotus: Tarkista molemmat summat ...
    Löytyi 1 ongelma (1 virhe) 1 tiedostossa; tarkistettiin 5 tiedostoa.

With ``show_source`` the offending line follows each finding, a caret under the column; with
``colour`` the path, the severity and the rule are coloured (ANSI); with ``quiet`` the summary is
left out. Control characters in paths, messages and quoted lines are written as escapes (``\\n``,
``\\x07``) so that one finding is always one line and nothing in a document can drive the terminal.
"""

from __future__ import annotations

from collections import Counter

from ..finding import Finding, Severity
from ..i18n import count, text
from ..report import Report
from ._common import all_paths, one_line

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
SEVERITY_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}


def plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def severity_word(severity: Severity, lang: str) -> str:
    """``error`` / ``virhe``: the severity as the text report writes it in ``lang``."""
    return text(f"severity.{severity}", lang)


def summary(report: Report) -> str:
    lang = report.lang
    files_text = count("file", len(all_paths(report)), lang)
    if not report.findings:
        line = text("summary.clean", lang, files=files_text)
    else:
        counts = Counter(finding.severity for finding in report.findings)
        by_severity = ", ".join(
            count(str(severity), counts[severity], lang) for severity in sorted(counts, reverse=True))
        with_problems = len({finding.path for finding in report.findings})
        line = text("summary.found", lang, problems=count("problem", len(report.findings), lang),
                    by_severity=by_severity, with_problems=with_problems, files=files_text)
    if report.baseline is not None:
        line += " " + baseline_summary(report)
    return line


def baseline_summary(report: Report) -> str:
    outcome = report.baseline
    assert outcome is not None
    lang = report.lang
    return text("summary.baseline", lang, known=count("known", outcome.suppressed, lang),
                file=outcome.file, gone=count("gone", outcome.absent, lang))


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
    words = {severity: severity_word(severity, report.lang) for severity in Severity}
    suggestion = text("suggestion", report.lang)
    for finding in report.findings:
        severity = _paint(words[finding.severity], SEVERITY_COLOURS[finding.severity], colour)
        project = finding.project
        code = f"{one_line(project.code)} " if project is not None and project.code else ""
        lines.append(
            f"{_paint(one_line(finding.path), BOLD, colour)}:{finding.line}:{finding.column}: "
            f"{code}{_paint(finding.rule, BOLD, colour)} [{severity}] {one_line(finding.message)}"
        )
        if show_source:
            source = report.source_line(finding)
            if source is not None:
                lines.extend(_paint(line, DIM, colour) if i != 1 else line
                             for i, line in enumerate(source_lines(finding, source)))
        if finding.suggestion:
            lines.append(f"    {suggestion}: {one_line(finding.suggestion)}")
    if not quiet:
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)
