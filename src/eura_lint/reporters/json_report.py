"""Machine-readable output: a JSON array of the findings' flat records, in finding order.

Each object has the keys ``path``, ``line``, ``column``, ``rule``, ``name``, ``severity``,
``message`` and ``suggestion`` (``null`` when there is none), and, for a finding about a project (a
description or a row of a project list), ``project``: ``{"code": "A70080", "name": "..."}`` (either
``null`` where the record does not give it). A finding about a whole file (unreadable, a header
not recognised) has no ``project``. Non-ASCII text is written as is.

The array is laid out as ``json.dumps(records, ensure_ascii=False, indent=2)`` lays it out, but
not by it: with an indent CPython's json encodes in pure Python, several times slower. A record
has a fixed shape, so each is filled into a template of that layout, every string encoded by the
C string encoder that ``json.dumps`` itself calls (``ensure_ascii=False``); no dict is built per
finding (the 20,000-row list has 28,000 findings).
"""

from __future__ import annotations

from json.encoder import encode_basestring

from ..finding import Finding, Severity
from ..report import Report

# A string as json.dumps(..., ensure_ascii=False) writes it: the same C function.
_string = encode_basestring

_SEVERITIES = {severity: _string(str(severity)) for severity in Severity}


def _record(finding: Finding) -> str:
    """One finding's object as indent=2 lays it out inside the array (2 spaces deep)."""
    suggestion = finding.suggestion
    project = finding.project
    if project is None:
        tail = "\n  }"
    else:
        code = "null" if project.code is None else _string(project.code)
        name = "null" if project.name is None else _string(project.name)
        tail = (f',\n    "project": {{\n      "code": {code},\n      "name": {name}\n    }}'
                "\n  }")
    return (f'  {{\n    "path": {_string(finding.path)},\n    "line": {finding.line},'
            f'\n    "column": {finding.column},\n    "rule": {_string(finding.rule)},'
            f'\n    "name": {_string(finding.name)},\n    "severity": {_SEVERITIES[finding.severity]},'
            f'\n    "message": {_string(finding.message)},'
            f'\n    "suggestion": {"null" if suggestion is None else _string(suggestion)}{tail}')


def render(report: Report) -> str:
    findings = report.findings
    if not findings:
        return "[]\n"
    return "[\n" + ",\n".join([_record(finding) for finding in findings]) + "\n]\n"
