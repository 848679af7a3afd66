"""Findings for spreadsheets: one row per finding, the columns of :data:`eura_lint.finding.COLUMNS`
(the JSON report's keys, with the project as ``project_code`` and ``project_name``, empty for a
finding about a whole file).

Written for Excel first, which is the fussiest reader: UTF-8 *with* a byte-order mark (without one
Excel reads the file as the local ANSI code page and ``ä`` becomes ``Ã¤``), comma-separated,
``\\r\\n`` between rows, and a field quoted (``"`` doubled inside) whenever it holds a comma, a quote
or a line break, so that a message spanning lines stays in one cell. LibreOffice and pandas
(``pd.read_csv(path, encoding="utf-8-sig")``) read the same file as it is.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` would be taken by a spreadsheet for a
formula (a document could smuggle ``=HYPERLINK(...)`` into a message): such a cell gets a leading
``'``, which spreadsheets hide and which marks the cell as text. Control characters other than
tab and line breaks are written as visible escapes, as in the other reports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from functools import cache

from ..finding import COLUMNS, Finding, Severity
from ..report import Report
from ._common import visible

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _rows(findings: Iterable[Finding]) -> Iterator[tuple[object, ...]]:
    """The rows of Finding.as_row, their cells made here: the cells that repeat from finding to
    finding (a file's path, a rule's id, name and suggestion, a project's code and name) once
    each, through a cache of this report, and the message, which seldom repeats, for each
    finding (the 20,000-row list: 28,000 findings, 280,000 cells, was a call of _cell each)."""
    repeated = cache(_cell)
    severities = {severity: str(severity) for severity in Severity}
    for finding in findings:
        project = finding.project
        yield (repeated(finding.path), finding.line, finding.column, repeated(finding.rule),
               repeated(finding.name), severities[finding.severity], _cell(finding.message),
               repeated(finding.suggestion),
               repeated(project.code) if project is not None else "",
               repeated(project.name) if project is not None else "")


def render(report: Report) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(report.findings))
    return out.getvalue()
