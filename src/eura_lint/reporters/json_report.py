"""Machine-readable output: a JSON array of the findings' flat records, in finding order.

Each object has the keys ``path``, ``line``, ``column``, ``rule``, ``name``, ``severity``,
``message`` and ``suggestion`` (``null`` when there is none), and, for a finding about a project (a
description or a row of a project list), ``project``: ``{"code": "A70080", "name": "..."}`` (either
``null`` where the record does not give it). A finding about a whole file (unreadable, a header
not recognised) has no ``project``. Non-ASCII text is written as is.

The array is laid out as ``json.dumps(records, ensure_ascii=False, indent=2)`` lays it out, but
written by the C encoder (with an indent CPython's json encodes in pure Python, several times
slower): an item separator of a line break and four spaces puts each member of a record on a line
of its own, and only the braces of the records are then moved onto lines of their own.
"""

from __future__ import annotations

import json

from ..finding import Project
from ..report import Report

# Between the members of a flat record, as indent=2 writes it; between records the encoder writes
# it too, as "},\n    {", which the layout of indent=2 replaces. In JSON text a raw line break is
# always layout, never inside a string, so no value can hold that sequence.
_MEMBER_SEPARATOR = ",\n    "


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _project(project: Project) -> str:
    """The ``project`` member as indent=2 lays it out inside a record."""
    return (f',\n    "project": {{\n      "code": {_encode(project.code)},'
            f'\n      "name": {_encode(project.name)}\n    }}')


def render(report: Report) -> str:
    findings = report.findings
    if not findings:
        return "[]\n"
    # the flat members of every record by one call of the C encoder, then each record's project
    # (a nested object, which the separator trick cannot lay out) appended to its members
    records = [finding.as_record() for finding in findings]
    for record in records:
        record.pop("project", None)
    text = json.dumps(records, ensure_ascii=False, separators=(_MEMBER_SEPARATOR, ": "))
    bodies = text[2:-2].split("},\n    {")  # within the outer "[{" and "}]"
    return "[\n  {\n    " + "\n  },\n  {\n    ".join(
        body + _project(finding.project) if finding.project is not None else body
        for body, finding in zip(bodies, findings)) + "\n  }\n]\n"
