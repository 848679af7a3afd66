"""``--statistics``: how often each rule fired, most frequent first (ruff's layout).

    812  EURA303  merged-municipality          warning
    140  EURA201  realised-exceeds-granted     error

Ties are broken by rule id. As JSON, an array of ``{count, rule, name, severity}`` objects in the
same order.
"""

from __future__ import annotations

import json
from collections import Counter

from ..i18n import text
from ..report import Report


def rows(report: Report) -> list[tuple[int, str, str, str]]:
    counts = Counter((f.rule, f.name, str(f.severity)) for f in report.findings)
    return sorted(((count, *key) for key, count in counts.items()), key=lambda r: (-r[0], r[1]))


def render(report: Report) -> str:
    table = rows(report)
    if not table:
        return ""
    width = len(str(table[0][0]))
    name_width = max(len(name) for _, _, name, _ in table)
    lang = report.lang
    return "".join(f"{count:>{width}}  {rule}  {name:<{name_width}}  "
                   f"{text('severity.' + severity, lang)}\n"
                   for count, rule, name, severity in table)


def render_json(report: Report) -> str:
    records = [{"count": count, "rule": rule, "name": name, "severity": severity}
               for count, rule, name, severity in rows(report)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
