"""Machine-readable output: a JSON array of the findings' flat records, in finding order.

Each object has exactly the keys ``path``, ``line``, ``column``, ``rule``, ``name``, ``severity``,
``message`` and ``suggestion`` (``null`` when there is none). Non-ASCII text is written as is.

The array is laid out as ``json.dumps(records, ensure_ascii=False, indent=2)`` lays it out, but
written by the C encoder (with an indent CPython's json encodes in pure Python, several times
slower): an item separator of a line break and four spaces puts each member of a record on a line
of its own, and only the braces of the records are then moved onto lines of their own.
"""

from __future__ import annotations

import json

from ..report import Report

# Between the members of a flat record, as indent=2 writes it; between records the encoder writes
# it too, as "},\n    {", which the layout of indent=2 replaces. In JSON text a raw line break is
# always layout, never inside a string, so no value can hold that sequence.
_MEMBER_SEPARATOR = ",\n    "


def render(report: Report) -> str:
    records = [finding.as_record() for finding in report.findings]
    if not records:
        return "[]\n"
    text = json.dumps(records, ensure_ascii=False, separators=(_MEMBER_SEPARATOR, ": "))
    members = text[2:-2].replace("},\n    {", "\n  },\n  {\n    ")  # within the outer "[{" and "}]"
    return f"[\n  {{\n    {members}\n  }}\n]\n"
