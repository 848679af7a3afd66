"""GitHub Actions workflow commands: one annotation per finding.

    ::error file=seeds/001.txt,line=12,col=5,title=S21234 EURA201 realised-exceeds-granted::Realised …

The title starts with the code of the project the finding is about, when it is about one.

Severity maps to the command: error → ``error``, warning → ``warning``, info → ``notice``. The
suggestion, when there is one, follows the message on a line of its own. Escaping follows the
Actions runner: in the message ``%``, CR and LF become ``%25``, ``%0D`` and ``%0A``; in the
properties ``:`` and ``,`` also become ``%3A`` and ``%2C``. Other control characters, which
would reach the log raw, are written as visible escapes (``\\x07``).
"""

from __future__ import annotations

from ..finding import Severity
from ..i18n import text
from ..report import Report
from ._common import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    suggestion = text("Suggestion", report.lang)
    files: dict[str, str] = {}  # a path's property, escaped once per file
    for finding in report.findings:
        file = files.get(finding.path)
        if file is None:
            file = files[finding.path] = f"file={escape_property(finding.path)}"
        properties = [file]
        # A finding about the whole file (line 0) is annotated on the file, not on a line.
        if finding.line > 0:
            properties.append(f"line={finding.line}")
            if finding.column > 0:
                properties.append(f"col={finding.column}")
        title = f"{finding.rule} {finding.name}"
        if finding.project is not None and finding.project.code:
            title = f"{finding.project.code} {title}"
        properties.append(f"title={escape_property(title)}")
        message = finding.message
        if finding.suggestion:
            message += f"\n{suggestion}: {finding.suggestion}"
        lines.append(f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
