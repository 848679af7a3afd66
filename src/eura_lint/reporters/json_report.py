"""Machine-readable output: a JSON array of the findings' flat records, in finding order.

Each object has exactly the keys ``path``, ``line``, ``column``, ``rule``, ``name``, ``severity``,
``message`` and ``suggestion`` (``null`` when there is none). Non-ASCII text is written as is.
"""

from __future__ import annotations

import json

from ..report import Report


def render(report: Report) -> str:
    records = [finding.as_record() for finding in report.findings]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
