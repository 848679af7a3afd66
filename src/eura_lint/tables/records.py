"""A table's rows -> :class:`~eura_lint.model.Document` records, the same kind a description
becomes, with every cell's position; plus the table-level problems (header, duplicates, rows of
another programme period) on one record that stands for the table itself."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Date, Document, Field, Number, Problem
from ..parser import AMOUNT_KEYS, DATE_RE, NUMBER_RE, THOUSANDS
from .grid import Cell, Sheet, cell_text
from .header import HEADER_SEARCH_ROWS, MIN_KNOWN, recognise

DATE_KEYS = ("start", "end")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
# An EURA 2014 code (ERDF A7xxxx, ESF S2xxxx). A code of the same shape with other digits
# (EURA 2007's A3/A5/A6/S1, later systems' codes) marks a row of another programme period.
EURA2014_CODE = re.compile(r"^(?:A7|S2)\d{4}$", re.IGNORECASE)
CODE_SHAPE = re.compile(r"^[A-Z]\d{5}$", re.IGNORECASE)
YEAR = re.compile(r"\b(19|20)\d{2}\b")
FUNDS = (("EAKR", "EAKR"), ("ERDF", "EAKR"), ("ESR", "ESR"), ("ESF", "ESR"))


@dataclass(slots=True)
class TableRecords:
    """One sheet (or CSV file) read: the record standing for the table, then one per row."""

    table: Document
    rows: list[Document] = field(default_factory=list)
    sheet: str | None = None


def header_of(sheet: Sheet, index: Mapping[str, str]) -> tuple[int, dict[int, str]] | None:
    """The row number (in ``sheet.rows``) of the header and its recognised columns, or None."""
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        known = recognise([cell_text(c.value).strip() for c in row], index)
        if len(known) >= MIN_KNOWN:
            return number, known
    return None


def build(sheet: Sheet, path: str, index: Mapping[str, str], encoding: str) -> TableRecords:
    table = Document(path=path, source="table", encoding=encoding)
    records = TableRecords(table, sheet=sheet.name)
    found = header_of(sheet, index)
    if found is None:
        first = sheet.rows[0] if sheet.rows else []
        names = [cell_text(c.value).strip() for c in first if cell_text(c.value).strip()]
        line = first[0].line if first else 1
        table.problems.append(Problem("header", line, 1, ", ".join(names)))
        return records
    header_number, known = found
    header = sheet.rows[header_number]
    labels = [cell_text(c.value).strip() for c in header]
    width = len(header)
    table.line_count = header[0].line
    first_codes: dict[str, int] = {}
    other_period: list[int] = []
    for cells in sheet.rows[header_number + 1:]:
        doc = _record(cells, path, encoding, labels, known, sheet.name or "")
        line = cells[0].line
        if _other_period(doc):
            other_period.append(line)
            continue
        if len(cells) != width:
            column = cells[width].column if len(cells) > width else _end_column(cells)
            doc.problems.append(Problem("ragged", line, column, str(len(cells)), str(width)))
        code = doc.fields.get("project_code")
        if code is not None and code.value:
            key = code.value.upper()
            if key in first_codes:
                doc.problems.append(Problem("duplicate-code", code.line, code.column, code.value,
                                            str(first_codes[key])))
            else:
                first_codes[key] = code.line
        records.rows.append(doc)
        table.line_count = line
    if other_period:
        table.problems.append(Problem("other-period", other_period[0], 1, str(len(other_period)),
                                      str(len(other_period) + len(records.rows))))
    return records


def _end_column(cells: list[Cell]) -> int:
    last = cells[-1]
    return last.column + len(cell_text(last.value)) + 1


def _record(cells: list[Cell], path: str, encoding: str, labels: list[str], known: dict[int, str],
            sheet: str) -> Document:
    doc = Document(path=path, source="table", encoding=encoding)
    doc.line_count = cells[0].line
    doc.cells = [Field(known.get(number), labels[number] if number < len(labels) else "",
                       cell_text(cell.value), cell.line, cell.column, sheet)
                 for number, cell in enumerate(cells)]
    for number, key in known.items():
        if number >= len(cells):
            continue  # a short row: reported as ragged, its missing cells are not "empty"
        value, line, column = cells[number]
        text = cell_text(value)
        label = labels[number]
        stripped = text.strip()
        # the value's column: past the spaces a cell starts with, as for a description's field
        where = column + (len(text) - len(text.lstrip())) if stripped and isinstance(value, str) \
            else column
        doc.fields[key] = Field(key, label, stripped, line, where, sheet)
        if not stripped:
            continue
        if key in AMOUNT_KEYS:
            doc.numbers[key] = _number(value, stripped, line, where, doc.problems)
        elif key in DATE_KEYS:
            date = _date(value, stripped, line, where, doc.problems)
            if key == "start":
                doc.start = date
            else:
                doc.end = date
        elif key == "fund":
            folded = stripped.upper()
            doc.fund = next((fund for name, fund in FUNDS if name in folded), None)
            doc.fund_line = line
    return doc


def _number(value: Any, text: str, line: int, column: int, problems: list[Problem]) -> Number:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Number(float(value), text, line, column)
    if NUMBER_RE.match(text):
        return Number(float(THOUSANDS.sub("", text).replace(",", ".")), text, line, column)
    problems.append(Problem("number", line, column, text))
    return Number(None, text, line, column)


def _date(value: Any, text: str, line: int, column: int, problems: list[Problem]) -> Date:
    if isinstance(value, dt.datetime):
        return Date(value.date(), text, line, column)
    if isinstance(value, dt.date):
        return Date(value, text, line, column)
    match = DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = ISO_DATE.match(text)
        if not match:
            problems.append(Problem("date", line, column, text,
                                    "not a date (d.m.yyyy, yyyy-mm-dd or a date cell)"))
            return Date(None, text, line, column)
        year, month, day = (int(g) for g in match.groups())
    try:
        return Date(dt.date(year, month, day), text, line, column)
    except ValueError:
        problems.append(Problem("date", line, column, text, "no such day in the calendar"))
        return Date(None, text, line, column)


def _other_period(doc: Document) -> bool:
    """A row of another programme period: its period column names other years, or (without
    one) its code has the shape of a project code but is not an EURA 2014 code."""
    period = doc.fields.get("programme_period")
    if period is not None and period.value:
        year = YEAR.search(period.value)
        if year:
            return year.group() != "2014"
    code = doc.fields.get("project_code")
    if code is None or not code.value:
        return False
    return bool(CODE_SHAPE.match(code.value)) and not EURA2014_CODE.match(code.value)
