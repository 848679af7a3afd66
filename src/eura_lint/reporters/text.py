"""Human-readable output: one line per finding, its suggestion indented under it, then a summary.

    seeds/002.txt:82:37: EURA201 [error] Realised EU and state funding 79 722 exceeds the granted 79 721
        suggestion: Check both amounts against the funding decision and the latest payment claim.
    Found 1 problem (1 error) in 1 of 5 files.

In Finnish (``--lang fi``) the severity, ``suggestion`` and the summary are Finnish too::

    seeds/001.txt:12:5: EURA201 [virhe] Toteutunut EU- ja valtion rahoitus ...
        ehdotus: Tarkista molemmat summat ...
    Löytyi 1 ongelma (1 virhe) 1 tiedostossa; tarkistettiin 5 tiedostoa.

Control characters in paths and messages are written as escapes (``\\n``, ``\\x07``) so that one
finding is always one line and nothing in a document can drive the terminal.
"""

from __future__ import annotations

from collections import Counter

from ..finding import Severity
from ..i18n import count, text
from ..report import Report
from ._common import all_paths, one_line

def severity_word(severity: Severity, lang: str) -> str:
    """``error`` / ``virhe``: the severity as the text report writes it in ``lang``."""
    return text(f"severity.{severity}", lang)


def summary(report: Report) -> str:
    lang = report.lang
    files_text = count("file", len(all_paths(report)), lang)
    if not report.findings:
        return text("summary.clean", lang, files=files_text)
    counts = Counter(finding.severity for finding in report.findings)
    by_severity = ", ".join(
        count(str(severity), counts[severity], lang) for severity in sorted(counts, reverse=True)
    )
    with_problems = len({finding.path for finding in report.findings})
    return text("summary.found", lang, problems=count("problem", len(report.findings), lang),
                by_severity=by_severity, with_problems=with_problems, files=files_text)


def render(report: Report) -> str:
    lines = []
    words = {severity: severity_word(severity, report.lang) for severity in Severity}
    suggestion = text("suggestion", report.lang)
    for finding in report.findings:
        lines.append(
            f"{one_line(finding.path)}:{finding.line}:{finding.column}: "
            f"{finding.rule} [{words[finding.severity]}] {one_line(finding.message)}"
        )
        if finding.suggestion:
            lines.append(f"    {suggestion}: {one_line(finding.suggestion)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
