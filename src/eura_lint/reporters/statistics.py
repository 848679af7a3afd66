"""``--statistics``: how often each rule fired, most frequent first (ruff's layout).

    812  EURA303  merged-municipality          warning
    140  EURA201  realised-exceeds-granted     error

Ties are broken by rule id. As JSON, an array of ``{count, rule, name, severity}`` objects in the
same order.

``--statistics --by authority`` (or ``project``, ``region``, ``fund``, ``axis``) counts by project
instead, each project once whether it came from a description, a list row or both
(:mod:`eura_lint.reporters.projects`): per group the findings, the projects with findings and
every project linted, most findings first::

    findings  projects  linted  authority
         120        40     300  Pohjois-Savon elinkeino-, liikenne- ja ympäristökeskus
           0         0      12  (not given)

A project with several target regions counts in each of them. As JSON, an array of
``{<by>, findings, projects, linted, severity}`` objects (``severity``: findings per severity;
``<by>`` is null where the records do not say; by project also ``name``).
"""

from __future__ import annotations

import json
from collections import Counter

from ..i18n import text
from ..report import Report
from .projects import GROUPINGS, group, join

BY = ("rule", *GROUPINGS)  # the groupings --by offers; "rule" is the default


def rows(report: Report) -> list[tuple[int, str, str, str]]:
    counts = Counter((f.rule, f.name, str(f.severity)) for f in report.findings)
    return sorted(((count, *key) for key, count in counts.items()), key=lambda r: (-r[0], r[1]))


def render(report: Report, by: str = "rule") -> str:
    if by != "rule":
        return _render_groups(report, by)
    table = rows(report)
    if not table:
        return ""
    width = len(str(table[0][0]))
    name_width = max(len(name) for _, _, name, _ in table)
    lang = report.lang
    return "".join(f"{count:>{width}}  {rule}  {name:<{name_width}}  "
                   f"{text('severity.' + severity, lang)}\n"
                   for count, rule, name, severity in table)


def _render_groups(report: Report, by: str) -> str:
    lang = report.lang
    entries = join(report)
    groups = group(entries, by)
    heads = [text("statistics.findings", lang), text("statistics.projects", lang),
             text("statistics.linted", lang)]
    numbers = [[g.findings, g.projects, g.linted] for g in groups]
    widths = [max([len(head)] + [len(str(row[i])) for row in numbers])
              for i, head in enumerate(heads)]
    not_given = text("statistics.not-given", lang)
    names = {entry.code: entry.name for entry in entries.values()} if by == "project" else {}
    lines = ["  ".join(head.rjust(width) for head, width in zip(heads, widths))
             + "  " + text(f"statistics.by-{by}", lang)]
    for counted, row in zip(groups, numbers):
        value = counted.value if counted.value is not None else not_given
        if by == "project" and names.get(counted.value):
            value = f"{value}  {names[counted.value]}"
        lines.append("  ".join(str(n).rjust(width) for n, width in zip(row, widths))
                     + "  " + " ".join(value.split()))
    return "".join(line + "\n" for line in lines)


def render_json(report: Report, by: str = "rule") -> str:
    if by == "rule":
        records = [{"count": count, "rule": rule, "name": name, "severity": severity}
                   for count, rule, name, severity in rows(report)]
    else:
        entries = join(report)
        names = {entry.code: entry.name for entry in entries.values()}
        records = []
        for counted in group(entries, by):
            record: dict[str, object] = {by: counted.value}
            if by == "project":
                record["name"] = names.get(counted.value)
            record.update(findings=counted.findings, projects=counted.projects,
                          linted=counted.linted, severity=counted.by_severity)
            records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
