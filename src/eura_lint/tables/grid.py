"""Bytes of a CSV, TSV or XLSX file -> sheets of cells, each cell with its position.

CSV and TSV are decoded like descriptions (:func:`eura_lint.decoding.decode`); the delimiter
(``,`` ``;`` or tab) is the one the first non-blank line uses most. A cell's position is the
physical line its text starts on (the header is line 1) and the character column where the cell
starts, so a quoted field with embedded line breaks moves the following rows' line numbers as an
editor shows them. XLSX is read with python-calamine, values only (no formatting is loaded): a
cell's position is its sheet row and column number.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..decoding import decode, split_lines
from ..inputs import WorkbookLimits

DELIMITERS = (",", ";", "\t")
# A record whose quotes never close stops being joined with the lines after it here: a stray
# quote then costs one row, not the rest of the file.
MAX_RECORD_LINES = 200


class Cell(NamedTuple):
    value: Any  # str from CSV; str, float, int, bool, date or datetime from XLSX
    line: int
    column: int


@dataclass(slots=True)
class Sheet:
    name: str | None  # the worksheet's name; None for CSV/TSV
    rows: Iterator[list[Cell]]  # non-blank rows only, read as they are consumed


class GridError(ValueError):
    """The file cannot be read as a table; the message says why."""


def read_grid(path: str, data: bytes, limits: WorkbookLimits = WorkbookLimits()
              ) -> tuple[list[Sheet], str]:
    """The file's sheets and the text encoding (``"xlsx"`` for workbooks). A workbook is first
    checked against ``limits`` (:mod:`.bounds`): :class:`GridError` when it is over one."""
    if path.lower().endswith(".xlsx"):
        return read_xlsx(data, limits), "xlsx"
    decoded = decode(data)  # UndecodableError (a ValueError) for binary data
    default = "\t" if path.lower().endswith(".tsv") else ","
    return [Sheet(None, read_csv(decoded.text, default))], decoded.encoding


def sniff_delimiter(line: str, default: str = ",") -> str:
    """The delimiter the (header) line uses most, counted outside quotes."""
    outside = line.split('"')[::2]  # the parts between pairs of quotes
    counts = {d: sum(part.count(d) for part in outside) for d in DELIMITERS}
    best = max(counts.values())
    if best == 0 or counts[default] == best:
        return default
    return max(DELIMITERS, key=lambda d: counts[d])


def read_csv(text: str, default: str = ",") -> Iterator[list[Cell]]:
    lines = split_lines(text)
    first = next((line for line in lines if line.strip()), "")
    return _csv_rows(lines, sniff_delimiter(first, default))


def _csv_rows(lines: list[str], delimiter: str) -> Iterator[list[Cell]]:
    new = tuple.__new__  # a Cell without the named tuple's Python-level __new__
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        lineno = index + 1
        if '"' not in line:
            # the common case: no quoting, so the cells are a plain split and each column
            # follows from the lengths before it
            index += 1
            if not line.strip():
                continue
            cells = []
            column = 1
            for part in line.split(delimiter):
                cells.append(new(Cell, (part, lineno, column)))
                column += len(part) + 1
            yield cells
            continue
        record, last = line, index
        cells, closed = _split_quoted(record, delimiter, lineno)
        while not closed and last + 1 < count and last - index < MAX_RECORD_LINES:
            last += 1
            record += "\n" + lines[last]
            cells, closed = _split_quoted(record, delimiter, lineno)
        if not closed:  # never closed: read the line alone, the quote as text
            record, last = line, index
            cells, _ = _split_quoted(record, delimiter, lineno)
        index = last + 1
        if record.strip():
            yield cells


def _split_quoted(record: str, delimiter: str, lineno: int) -> tuple[list[Cell], bool]:
    """Cells of one record that has quotes (RFC 4180: ``""`` inside quotes is one quote; a quote
    inside an unquoted cell is text). ``closed`` is False when a quoted cell runs to the end."""
    cells: list[Cell] = []
    position, end = 0, len(record)
    closed = True
    while True:
        line_start = record.rfind("\n", 0, position) + 1
        where = (lineno + record.count("\n", 0, position), position - line_start + 1)
        if position < end and record[position] == '"':
            parts = []
            position += 1
            while True:
                quote = record.find('"', position)
                if quote < 0:
                    parts.append(record[position:])
                    position, closed = end, False
                    break
                parts.append(record[position:quote])
                if record.startswith('"', quote + 1):
                    parts.append('"')
                    position = quote + 2
                    continue
                position = quote + 1
                break
            stop = record.find(delimiter, position)
            stop = end if stop < 0 else stop
            parts.append(record[position:stop])  # text after the closing quote, kept as written
            value = "".join(parts)
        else:
            stop = record.find(delimiter, position)
            stop = end if stop < 0 else stop
            value = record[position:stop]
        cells.append(Cell(value, *where))
        position = stop
        if position >= end:
            return cells, closed
        position += len(delimiter)


def read_xlsx(data: bytes, limits: WorkbookLimits = WorkbookLimits()) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    from .bounds import DamagedWorkbook, WorkbookTooLarge, scan_xlsx

    try:
        scan_xlsx(data, limits)  # calamine's grid is dense and cannot be bounded from inside
    except WorkbookTooLarge as exc:
        raise GridError(f"too large to read: {exc}") from None
    except DamagedWorkbook as exc:
        raise GridError(str(exc)) from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps row 1 as row 1 whatever is empty above the data
        grids = [(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                 for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own and zip/XML errors on damaged files
        raise GridError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})"[:300]) from None
    return [Sheet(name, _sheet_rows(grid)) for name, grid in grids]


def _sheet_rows(grid: list[list[Any]]) -> Iterator[list[Cell]]:
    new = tuple.__new__
    for number, values in enumerate(grid, start=1):
        # every row is as wide as the widest: a row is skipped only when all of it is blank
        if not all(_blank(value) for value in values):
            yield [new(Cell, (value, number, column)) for column, value in enumerate(values, 1)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: whole numbers without ``.0``, dates as EURA writes them (d.m.yyyy)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            value = value.date()
        else:
            return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    return str(value)
