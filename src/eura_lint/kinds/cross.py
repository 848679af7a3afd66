"""Descriptions against the project lists of the same run (the ``cross`` rule kind).

Each document yields a small :class:`Summary` (its project code and the compared values with
their positions) only when a ``cross`` rule is active; after the last document, each description
is compared with the first table row of the same code. Reported at the description's field, with
the table's file and line (or ``Sheet!A17``) in the message.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ..catalogue import RuleSpec
from ..finding import Finding
from ..model import Record
from ..page import AMOUNT_KEYS, FIELDS
from ..readers.description import label_key
from .columns import display
from ..readers.project_list import column_letters

# what can be compared, and how a message names it
COMPARED = {
    "fund": "Fund",
    "axis": "Axis",
    "authority": "Responsible authority",
    "applicant": "Applicant",
    "start": "Start date",
    "end": "End date",
    "status": "Status",
    **{key: FIELDS[key][1] for key in AMOUNT_KEYS},
}
LABELS = {"business_id": "Applicant's business ID", "applicant_name": "Applicant's name"}
_AXIS = re.compile(r"^\s*(\d+)")
_WORD = re.compile(r"\w+")


class Value(NamedTuple):
    shown: str  # as the document writes it
    key: object  # what is compared
    line: int
    column: int


class Summary(NamedTuple):
    code: str
    path: str
    source: str
    sheet: str  # "" for CSV and descriptions
    values: dict[str, Value]


def _words(text: str) -> str:
    # the project list drops commas ("elinkeino- liikenne- ja"), exports change case
    words = " ".join(_WORD.findall(text.casefold()))
    return words.replace("elinkeino liikenne ja ympäristökeskus", "ely keskus")


def summarise(doc: Record) -> Summary | None:
    code = doc.fields.get("project_code")
    if code is None or not code.value:
        return None
    values: dict[str, Value] = {}
    if doc.fund is not None:
        fund = doc.fields.get("fund")
        line, column = (fund.line, fund.column) if fund else (doc.fund_line or 1, 1)
        values["fund"] = Value(doc.fund, doc.fund, line, column)
    for key, compare in (("axis", _axis), ("authority", _words), ("applicant_name", _words),
                         ("business_id", str.strip), ("status", label_key)):
        found = doc.fields.get(key)
        if found is not None and found.value:
            values[key] = Value(found.value, compare(found.value), found.line, found.column)
    for key, date in (("start", doc.start), ("end", doc.end)):
        if date is not None and date.value is not None:
            values[key] = Value(display(date.value), date.value, date.line, date.column)
    for key in AMOUNT_KEYS:
        number = doc.numbers.get(key)
        if number is not None and number.value is not None and math.isfinite(number.value):
            values[key] = Value(display(number.value), round(number.value), number.line,
                                number.column)
    sheet = doc.cells[0].section if doc.cells else ""
    return Summary(code.value.strip().upper(), doc.path, doc.source, sheet, values)


def _axis(value: str) -> str:
    match = _AXIS.match(value)
    return match.group(1) if match else value.strip()


def _where(summary: Summary, value: Value, rule: RuleSpec) -> object:
    if summary.sheet:
        return f"{summary.path} {summary.sheet}!{column_letters(value.column)}{value.line}"
    return rule.phrase("line", path=summary.path, line=value.line)


def compare(summaries: Sequence[Summary], rules: Iterable[RuleSpec]) -> Iterator[Finding]:
    listed: dict[str, Summary] = {}
    for summary in summaries:
        if summary.source == "table":
            listed.setdefault(summary.code, summary)
    if not listed:
        return
    rules = list(rules)
    for described in summaries:
        if described.source != "description" or described.code not in listed:
            continue
        row = listed[described.code]
        for rule in rules:
            for field in rule.params["fields"]:
                key = field
                if field == "applicant":
                    key = "business_id" if ("business_id" in described.values
                                            and "business_id" in row.values) else "applicant_name"
                ours, theirs = described.values.get(key), row.values.get(key)
                if ours is None or theirs is None or ours.key == theirs.key:
                    continue
                # the rule words its labels in each language; the amounts' are the Finnish ones
                label = (rule.phrase(key) if key in rule.phrases
                         else LABELS.get(key, COMPARED[field]))
                yield rule.finding(described.path, ours.line, ours.column, label=label,
                                   value=ours.shown, other=theirs.shown,
                                   table=_where(row, theirs, rule), code=described.code)
