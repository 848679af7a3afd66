"""Column and cross-field rules, run as one pandera schema over one table per run.

Each document contributes one row (:func:`row_of`) and the position of every cell. Rules of the
table kinds (``compare``, ``range``, ``pattern``) become named pandera checks; the whole table is
validated once, lazily, and every failure case is mapped back through its row index and check name
to a finding at the position of the offending field. pandas and pandera are imported here only,
and only when there is something to validate, so a run without table rules never pays for them.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .catalogue import RuleSpec
from .finding import Finding
from .model import Document, Indicator
from .parser import AMOUNT_KEYS, FIELDS
from .tables import in_sheet

Position = tuple[int, int]

# column -> how a message names it (the Finnish label where the document has one)
COLUMNS: dict[str, str] = {key: FIELDS[key][1] for key in AMOUNT_KEYS}
COLUMNS.update({
    "start": "alkaa (start date)",
    "end": "päättyy (end date)",
    "project_code": "Hankekoodi",
    "status": "Toiminnan tila",
    "postal_code": "Postinumero",
    "site_postal_code": "Postinumero (toteutuspaikka)",
    "phone": FIELDS["phone"][1],
    "contact_phone": FIELDS["contact_phone"][1],
    "contact_email": FIELDS["contact_email"][1],
    "website": FIELDS["website"][1],
})
TEXT_COLUMNS = ("project_code", "status", "postal_code", "site_postal_code", "phone",
                "contact_phone", "contact_email", "website")
INDICATOR_PARTS = ("planned", "planned_women", "realised", "realised_women")
for _section in ("7.1", "7.2"):
    for _part in INDICATOR_PARTS:
        COLUMNS[f"ind{_section.replace('.', '')}_{_part}"] = f"{_section} {_part.replace('_', ' ')}"

OPERATORS: dict[str, tuple[Callable[[Any, Any], Any], str]] = {
    "le": (operator.le, "≤"),
    "lt": (operator.lt, "<"),
    "ge": (operator.ge, "≥"),
    "gt": (operator.gt, ">"),
    "eq": (operator.eq, "="),
}


class Row(NamedTuple):
    """What the table phase needs of a document: its cell values and their positions.

    Flat tuples in :data:`COLUMNS` order rather than dicts, because with ``--jobs`` every row is
    pickled in a worker and unpickled in the parent: tuples of numbers cost a third as much."""

    path: str
    values: tuple[Any, ...]  # one cell per column of COLUMNS, None where the document has none
    positions: tuple[int, ...]  # line and column of each cell, flattened; 0, 0 where none
    sheet: str = ""  # a workbook row's sheet, named with the cell in its findings' messages


_COLUMN_INDEX = {column: index for index, column in enumerate(COLUMNS)}
_START, _END = _COLUMN_INDEX["start"], _COLUMN_INDEX["end"]


# Where each source lands in a row: (key or part, column index), resolved once
_AMOUNT_CELLS = [(key, _COLUMN_INDEX[key]) for key in AMOUNT_KEYS]
_TEXT_CELLS = [(key, _COLUMN_INDEX[key]) for key in TEXT_COLUMNS]
_INDICATOR_CELLS = {
    section: [(Indicator._fields.index(part), _COLUMN_INDEX[f"ind{section.replace('.', '')}_{part}"])
              for part in INDICATOR_PARTS]
    for section in ("7.1", "7.2")
}


def row_of(doc: Document) -> Row:
    values: list[Any] = [None] * len(COLUMNS)
    positions = [0] * (2 * len(COLUMNS))
    cells: list[tuple[int, Any, int, int]] = []  # (column index, value, line, column)
    for key, index in _AMOUNT_CELLS:
        number = doc.numbers.get(key)
        if number is not None:
            cells.append((index, number.value, number.line, number.column))
    for date, index in ((doc.start, _START), (doc.end, _END)):
        if date is not None:
            cells.append((index, date.value, date.line, date.column))
    for key, index in _TEXT_CELLS:
        found = doc.fields.get(key)
        if found is not None and found.value:
            # whitespace runs (no-break spaces from exports among them) count as one space
            cells.append((index, " ".join(found.value.split()), found.line, found.column))
    for indicator in doc.indicators:
        for part, index in _INDICATOR_CELLS[indicator.section]:
            number = indicator[part]
            if number is not None:
                cells.append((index, number.value, number.line, number.column))
    for index, value, line, column in cells:
        values[index] = value
        positions[2 * index] = line
        positions[2 * index + 1] = column
    sheet = doc.cells[0].section if doc.cells else ""
    return Row(doc.path, tuple(values), tuple(positions), sheet)


def position(row: Row, column: str) -> Position:
    """Where a cell's value is written, (1, 1) when the document has no such cell."""
    index = 2 * _COLUMN_INDEX[column]
    line = row.positions[index]
    return (line, row.positions[index + 1]) if line else (1, 1)


def display(value: Any) -> str:
    """A value as the documents write it: ``1 053 002``, ``0.50``, ``31.12.2020``."""
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}".replace(",", " ")
        return f"{value:,.2f}".replace(",", " ")
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    return str(value)


def _bound(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return float(value)
    return value


@dataclass(frozen=True, slots=True)
class _Check:
    """One named pandera check and how to turn its failures into findings."""

    name: str
    rule: RuleSpec
    columns: tuple[str, ...]  # the columns it reads; the finding points at the first
    test: Callable[[Any], Any]  # vectorised: DataFrame (or Series) -> boolean Series
    on_column: bool  # a Column check (True) or a DataFrame check (False)
    values: Callable[[dict[str, Any]], dict[str, object]]


def _compare_checks(rule: RuleSpec) -> Iterator[_Check]:
    op, symbol = OPERATORS[rule.params.get("op", "le")]
    for index, (left, right) in enumerate(rule.params["pairs"]):
        def test(df: Any, left: str = left, right: str = right, op: Callable = op) -> Any:
            if left not in df or right not in df:
                return True
            a, b = df[left], df[right]
            return a.isna() | b.isna() | op(a, b)

        def values(row: dict[str, Any], left: str = left, right: str = right) -> dict[str, object]:
            return {"left_label": COLUMNS[left], "right_label": COLUMNS[right], "op": symbol,
                    "left_value": display(row.get(left)), "right_value": display(row.get(right))}

        yield _Check(f"{rule.id}:{index}", rule, (left, right), test, False, values)


def _range_checks(rule: RuleSpec) -> Iterator[_Check]:
    low, high = _bound(rule.params.get("min")), _bound(rule.params.get("max"))
    for column in rule.params["columns"]:
        def test(series: Any, low: Any = low, high: Any = high) -> Any:
            ok = series.isna()
            inside = series.notna()
            if low is not None:
                inside &= series >= _scalar(low)
            if high is not None:
                inside &= series <= _scalar(high)
            return ok | inside

        def values(row: dict[str, Any], column: str = column) -> dict[str, object]:
            return {"label": COLUMNS[column], "value": display(row.get(column)),
                    "min": display(low) if low is not None else "",
                    "max": display(high) if high is not None else ""}

        yield _Check(f"{rule.id}:{column}", rule, (column,), test, True, values)


def _pattern_checks(rule: RuleSpec) -> Iterator[_Check]:
    regex = re.compile(rule.params["regex"], re.IGNORECASE if rule.params.get("ignore_case") else 0)
    for column in rule.params["columns"]:
        def test(series: Any, regex: re.Pattern = regex) -> Any:
            # vectorised; a missing value (NA) passes: an empty field is another rule's business
            return series.astype("string").str.fullmatch(regex).fillna(True).astype(bool)

        def values(row: dict[str, Any], column: str = column) -> dict[str, object]:
            return {"label": COLUMNS[column], "value": display(row.get(column)),
                    "pattern": regex.pattern}

        yield _Check(f"{rule.id}:{column}", rule, (column,), test, True, values)


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.date):
        import pandas as pd

        return pd.Timestamp(value)
    return value


TABLE_KINDS: dict[str, Callable[[RuleSpec], Iterator[_Check]]] = {
    "compare": _compare_checks,
    "range": _range_checks,
    "pattern": _pattern_checks,
}


def prepare_table() -> None:
    """Import what :func:`validate` needs (pandas, pandera and its pandas backend), so that a
    caller with idle time, such as the parent of the worker processes, can pay for it early."""
    import pandas as pd
    import pandera.pandas as pa

    # pandera registers its backends on first use: validate a one-cell frame to get that done too
    check = pa.Check(lambda series: series.notna(), element_wise=False)
    schema = pa.DataFrameSchema({"x": pa.Column(checks=[check], nullable=True, required=False)},
                                checks=[pa.Check(lambda frame: frame["x"].notna())])
    schema.validate(pd.DataFrame({"x": [1.0]}), lazy=True)


def validate(rows: Sequence[Row], rules: Sequence[RuleSpec]) -> list[Finding]:
    """Validate every row against every table rule in one lazy pandera pass."""
    checks = [check for rule in rules for check in TABLE_KINDS[rule.kind](rule)]
    if not rows or not checks:
        return []
    import pandas as pd
    import pandera.pandas as pa

    frame = pd.DataFrame.from_records([row.values for row in rows], columns=list(COLUMNS))
    for column in COLUMNS:
        if column in ("start", "end"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        elif column in TEXT_COLUMNS:
            frame[column] = frame[column].astype(object)
        else:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    by_name = {check.name: check for check in checks}
    column_checks: dict[str, list] = {}
    frame_checks = []
    for check in checks:
        # Every test passes a missing value itself, so pandera need not drop or mask them: with its
        # default ignore_na a DataFrame check also computes isna() over the whole frame (every
        # text column included) for each check, a third of the validation time.
        pandera_check = pa.Check(check.test, name=check.name, element_wise=False, ignore_na=False)
        if check.on_column:
            column_checks.setdefault(check.columns[0], []).append(pandera_check)
        else:
            frame_checks.append(pandera_check)
    schema = pa.DataFrameSchema(
        columns={name: pa.Column(checks=found, nullable=True, required=False)
                 for name, found in column_checks.items()},
        checks=frame_checks,
    )
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    findings = []
    seen: set[tuple[str, int]] = set()
    for name, index in zip(cases["check"], cases["index"]):
        check = by_name.get(name)
        if check is None or index is None or (name, int(index)) in seen:
            continue
        seen.add((name, int(index)))
        row = rows[int(index)]
        line, column = position(row, check.columns[0])
        cells = dict(zip(COLUMNS, row.values))
        finding = check.rule.finding(row.path, line, column, **check.values(cells))
        findings.append(in_sheet(finding, row.sheet) if row.sheet else finding)
    return findings
