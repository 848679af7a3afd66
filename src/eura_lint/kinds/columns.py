"""Column and cross-field rules, run as one pandera schema over one table per run.

Each document contributes one row (:func:`row_of`) and the position of every cell. Rules of the
table kinds (``compare``, ``range``, ``pattern``) become named pandera checks; the whole table is
validated once, lazily, and every failure case is mapped back through its row index and check name
to a finding at the position of the offending field. pandas and pandera are imported here only,
and only when there is something to validate, so a run without table rules never pays for them.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..catalogue import RuleSpec
from ..finding import Finding, Project
from ..model import Record, Indicator
from ..page import AMOUNT_KEYS, FIELDS
from ..errors import CheckFailed
from ..registry import rule_subject
from ..readers.project_list import in_sheet

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
    project: Project | None = None  # the record's project, which its findings name


_COLUMN_INDEX = {column: index for index, column in enumerate(COLUMNS)}
_START, _END = _COLUMN_INDEX["start"], _COLUMN_INDEX["end"]


# Where each source lands in a row: (key or part, column index, index of its line in the
# positions), resolved once
_AMOUNT_CELLS = [(key, _COLUMN_INDEX[key], 2 * _COLUMN_INDEX[key]) for key in AMOUNT_KEYS]
_TEXT_CELLS = [(key, _COLUMN_INDEX[key], 2 * _COLUMN_INDEX[key]) for key in TEXT_COLUMNS]
_INDICATOR_CELLS = {
    section: [(Indicator._fields.index(part), index, 2 * index)
              for part in INDICATOR_PARTS
              for index in (_COLUMN_INDEX[f"ind{section.replace('.', '')}_{part}"],)]
    for section in ("7.1", "7.2")
}


def row_of(doc: Record) -> Row:
    # Each cell written straight into the row's two lists (every record builds one row: a list of
    # the cells in between cost a tuple per cell). A later cell of the same column overwrites.
    values: list[Any] = [None] * len(COLUMNS)
    positions = [0] * (2 * len(COLUMNS))
    numbers = doc.numbers
    for key, index, at in _AMOUNT_CELLS:
        number = numbers.get(key)
        if number is not None:
            values[index] = number.value
            positions[at] = number.line
            positions[at + 1] = number.column
    for date, index in ((doc.start, _START), (doc.end, _END)):
        if date is not None:
            values[index] = date.value
            positions[2 * index] = date.line
            positions[2 * index + 1] = date.column
    fields = doc.fields
    for key, index, at in _TEXT_CELLS:
        found = fields.get(key)
        if found is not None and found.value:
            # whitespace runs (no-break spaces from exports among them) count as one space
            values[index] = " ".join(found.value.split())
            positions[at] = found.line
            positions[at + 1] = found.column
    for indicator in doc.indicators:
        for part, index, at in _INDICATOR_CELLS[indicator.section]:
            number = indicator[part]
            if number is not None:
                values[index] = number.value
                positions[at] = number.line
                positions[at + 1] = number.column
    sheet = doc.cells[0].section if doc.cells else ""
    # (built without the named tuple's Python-level __new__, as the parser builds its tuples)
    return _new(Row, (doc.path, tuple(values), tuple(positions), sheet, doc.project))


_new = tuple.__new__


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


def _label(rule: RuleSpec, column: str) -> object:
    """How a message names a column: the rule's phrase for it where the rule words it in each
    language (dates, indicator parts), else the document's own (Finnish) label."""
    return rule.phrase(column) if column in rule.phrases else COLUMNS[column]


def _value(value: Any) -> Any:
    """A cell for a message: numbers and dates as they are, for the finding to write in the
    user's language (``RuleSpec.finding``); whole numbers as floats, so they get separators."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value if isinstance(value, (float, dt.date)) else display(value)


def _bound(value: Any) -> Any:
    """A ``range`` limit as written in YAML: a date (ISO, quoted or not) or a number."""
    if isinstance(value, (str, dt.date)) and not isinstance(value, dt.datetime):
        return dt.date.fromisoformat(str(value))
    return value


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One named pandera check and how to turn its failures into findings."""

    name: str
    rule: RuleSpec
    columns: tuple[str, ...]  # the columns it reads; the finding points at the first
    test: Callable[[Any], Any]  # vectorised: DataFrame (or Series) -> boolean Series
    on_column: bool  # a Column check (True) or a DataFrame check (False)
    values: Callable[[dict[str, Any]], dict[str, object]]


DATE_COLUMNS = ("start", "end")


def column_type(column: str) -> str:
    """"date", "text" or "number": what a column holds, and so what it can be compared with."""
    if column in DATE_COLUMNS:
        return "date"
    return "text" if column in TEXT_COLUMNS else "number"


def _unknown_columns(columns: Any) -> str | None:
    if (not isinstance(columns, list) or not columns
            or not all(isinstance(c, str) and c in COLUMNS for c in columns)):
        return f"columns must be a list from: {', '.join(COLUMNS)}"
    return None


class CompareKind:
    """``compare``: ``params.pairs`` of ``[left, right]`` columns related by ``params.op``; a pair
    with a missing value passes (an empty field is another rule's business)."""

    name = "compare"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        pairs = params.get("pairs")
        if params.get("op", "le") not in OPERATORS:
            return f"op must be one of {', '.join(OPERATORS)}"
        if (not isinstance(pairs, list) or not pairs
                or any(not isinstance(p, list) or len(p) != 2
                       or not all(isinstance(c, str) and c in COLUMNS for c in p)
                       for p in pairs)):
            return f"pairs must be [left, right] column pairs from: {', '.join(COLUMNS)}"
        for left, right in pairs:
            if column_type(left) != column_type(right):
                # (pandas would raise comparing a number with a date, after the whole run)
                return (f"pair [{left}, {right}] compares a {column_type(left)} with a "
                        f"{column_type(right)}; both columns of a pair must hold the same kind")
        return None

    def bind(self, rule: RuleSpec) -> tuple[TableCheck, ...]:
        op, symbol = OPERATORS[rule.params.get("op", "le")]
        checks = []
        for index, (left, right) in enumerate(rule.params["pairs"]):
            def test(df: Any, left: str = left, right: str = right, op: Callable = op) -> Any:
                if left not in df or right not in df:
                    return True
                a, b = df[left], df[right]
                return a.isna() | b.isna() | op(a, b)

            def values(row: dict[str, Any], left: str = left, right: str = right
                       ) -> dict[str, object]:
                return {"left_label": _label(rule, left), "right_label": _label(rule, right),
                        "op": symbol, "left_value": _value(row.get(left)),
                        "right_value": _value(row.get(right))}

            checks.append(TableCheck(f"{rule.id}:{index}", rule, (left, right), test, False,
                                     values))
        return tuple(checks)


class RangeKind:
    """``range``: every one of ``params.columns`` within ``params.min`` and/or ``params.max``
    (numbers, or ISO dates for the date columns)."""

    name = "range"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        problem = _unknown_columns(params.get("columns"))
        if problem:
            return problem
        text = [c for c in params["columns"] if column_type(c) == "text"]
        if text:
            return (f"columns must be number or date columns; {', '.join(text)} "
                    f"{'holds' if len(text) == 1 else 'hold'} text, which has no range")
        dates = [c in DATE_COLUMNS for c in params["columns"]]
        if any(dates) and not all(dates):
            return "columns must be all date columns (start, end) or all number columns"
        for limit in ("min", "max"):
            value = params.get(limit)
            if value is None:
                continue
            if all(dates):
                try:
                    dt.date.fromisoformat(str(value))
                except ValueError:
                    return f"{limit} must be a date (YYYY-MM-DD) for date columns, not {value!r}"
            elif (isinstance(value, bool) or not isinstance(value, (int, float))
                  or not math.isfinite(value)):
                return f"{limit} must be a finite number for number columns, not {value!r}"
        if params.get("min") is None and params.get("max") is None:
            return "min or max (or both) is required"
        return None

    def bind(self, rule: RuleSpec) -> tuple[TableCheck, ...]:
        low, high = _bound(rule.params.get("min")), _bound(rule.params.get("max"))
        checks = []
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
                return {"label": _label(rule, column), "value": _value(row.get(column)),
                        "min": _value(low) if low is not None else "",
                        "max": _value(high) if high is not None else ""}

            checks.append(TableCheck(f"{rule.id}:{column}", rule, (column,), test, True, values))
        return tuple(checks)


class PatternKind:
    """``pattern``: every one of ``params.columns`` matches ``params.regex`` in full
    (``ignore_case: true`` for a case-insensitive match); an empty cell passes."""

    name = "pattern"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        problem = _unknown_columns(params.get("columns"))
        if problem:
            return problem
        if not isinstance(params.get("regex"), str):
            return "regex (a regular expression) is required"
        try:
            re.compile(params["regex"])
        except re.error as exc:
            return f"regex is not a valid regular expression: {exc}"
        return None

    def bind(self, rule: RuleSpec) -> tuple[TableCheck, ...]:
        flags = re.IGNORECASE if rule.params.get("ignore_case") else 0
        regex = re.compile(rule.params["regex"], flags)
        checks = []
        for column in rule.params["columns"]:
            def test(series: Any, regex: re.Pattern = regex) -> Any:
                # Each distinct value is matched once, on the object column as it is, and the
                # verdicts reach the rows by one vectorised lookup: no conversion to pandas
                # strings and no per-row regex call (a status column has one value; the
                # 20,000-row list's pattern checks: 47 -> 24 ms). A missing value (NA) passes:
                # an empty field is another rule's business.
                matching = [value for value in series.dropna().unique()
                            if regex.fullmatch(value if isinstance(value, str) else str(value))]
                return series.isna() | series.isin(matching)

            def values(row: dict[str, Any], column: str = column) -> dict[str, object]:
                return {"label": _label(rule, column), "value": _value(row.get(column)),
                        "pattern": regex.pattern}

            checks.append(TableCheck(f"{rule.id}:{column}", rule, (column,), test, True, values))
        return tuple(checks)


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.date):
        import pandas as pd

        return pd.Timestamp(value)
    return value


TABLE_KINDS = (CompareKind(), RangeKind(), PatternKind())


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


class TableSchema:
    """The table rules of one linter as one pandera schema, built on first use and reused for
    every validation (a library caller linting one document at a time pays for it once)."""

    def __init__(self, checks: Sequence[TableCheck]) -> None:
        self.checks = tuple(checks)
        self._by_name = {check.name: check for check in self.checks}
        self._schema: Any = None

    def _build(self) -> Any:
        import pandera.pandas as pa

        column_checks: dict[str, list] = {}
        frame_checks = []
        for check in self.checks:
            # Every test passes a missing value itself, so pandera need not drop or mask them:
            # with its default ignore_na a DataFrame check also computes isna() over the whole
            # frame (every text column included) for each check, a third of the validation time.
            pandera_check = pa.Check(check.test, name=check.name, element_wise=False,
                                     ignore_na=False)
            if check.on_column:
                column_checks.setdefault(check.columns[0], []).append(pandera_check)
            else:
                frame_checks.append(pandera_check)
        return pa.DataFrameSchema(
            columns={name: pa.Column(checks=found, nullable=True, required=False)
                     for name, found in column_checks.items()},
            checks=frame_checks,
        )

    def validate(self, rows: Sequence[Row]) -> list[Finding]:
        """Validate every row against every table rule in one lazy pandera pass."""
        if not rows or not self.checks:
            return []
        import pandas as pd
        import pandera.pandas as pa

        if self._schema is None:
            self._schema = self._build()
        frame = _frame(rows)
        try:
            self._schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
        else:
            return []
        # A DataFrame check (compare) reports each failing row once per column of the frame
        # (22 cases a row): each check's row is taken once, by one vectorised pass, and the
        # columns are read as lists rather than element by element (the 20,000-row list: 20,525
        # failure cases, 953 findings). The first case of each pair is kept, in pandera's order.
        cases = cases.drop_duplicates(subset=["check", "index"])
        findings = []
        for name, index, case in zip(cases["check"].tolist(), cases["index"].tolist(),
                                     cases["failure_case"].tolist()):
            check = self._by_name.get(name)
            if check is None:
                continue  # pandera's own schema checks (column types): none are declared
            if index is None or pd.isna(index):
                # pandera reports a check that raised as a failure case with no row
                raise CheckFailed(rule_subject(check.rule), _raising_path(check, frame, rows),
                                  str(case))
            row = rows[int(index)]
            line, column = position(row, check.columns[0])
            cells = dict(zip(COLUMNS, row.values))
            finding = check.rule.finding(row.path, line, column, **check.values(cells))
            if row.sheet:
                finding = in_sheet(finding, row.sheet)
            findings.append(finding.with_project(row.project) if row.project else finding)
        return findings


def _frame(rows: Sequence[Row]) -> Any:
    import pandas as pd

    frame = pd.DataFrame.from_records([row.values for row in rows], columns=list(COLUMNS))
    for column in COLUMNS:
        if column in ("start", "end"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
        elif column in TEXT_COLUMNS:
            frame[column] = frame[column].astype(object)
        else:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def _raising_path(check: TableCheck, frame: Any, rows: Sequence[Row]) -> str:
    """The first document whose row alone makes ``check`` raise; a count when no single row does."""
    for index in range(len(rows)):
        part = frame.iloc[index:index + 1]
        try:
            check.test(part if not check.on_column else part[check.columns[0]])
        except Exception:
            return rows[index].path
    return f"{len(rows)} documents together"
