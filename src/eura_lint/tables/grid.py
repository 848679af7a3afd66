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
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..decoding import BadByte, decode_lines, split_lines
from ..inputs import WorkbookLimits

DELIMITERS = (",", ";", "\t")
# A quoted cell may hold line breaks, but a list's cell of more lines than this is no cell a
# project list has: it is reported and its record not read (the rows after it are read).
MAX_QUOTED_LINES = 10_000


class QuoteProblem(NamedTuple):
    """A quote that opens a cell at (line, column) and ``kind``: "unclosed" (never closed),
    "row" (not closed before ``end``, a line that reads as a row of its own), "long" (closed on
    ``end``, more than MAX_QUOTED_LINES lines later)."""

    line: int
    column: int
    kind: str
    end: int


class Cell(NamedTuple):
    value: Any  # str from CSV; str, float, int, bool, date or datetime from XLSX
    line: int
    column: int


@dataclass(slots=True)
class Sheet:
    name: str | None  # the worksheet's name; None for CSV/TSV
    rows: Iterator[list[Cell]]  # non-blank rows only, read as they are consumed
    # lines of a UTF-8 CSV that are not UTF-8, read with U+FFFD for their bad bytes
    bad_bytes: list[BadByte] = field(default_factory=list)
    # quotes that do not close as a cell's should, by the line of their row (filled as the rows
    # are read; a "long" cell's row is not among the rows)
    quotes: dict[int, QuoteProblem] = field(default_factory=dict)


class GridError(ValueError):
    """The file cannot be read as a table; the message says why."""


def read_grid(path: str, data: bytes, limits: WorkbookLimits = WorkbookLimits()
              ) -> tuple[list[Sheet], str]:
    """The file's sheets and the text encoding (``"xlsx"`` for workbooks). A workbook is first
    checked against ``limits`` (:mod:`.bounds`): :class:`GridError` when it is over one."""
    if path.lower().endswith(".xlsx"):
        return read_xlsx(data, limits), "xlsx"
    # line by line where one row's bytes are not UTF-8 like the rest: that row alone is named
    decoded, bad = decode_lines(data)  # UndecodableError (a ValueError) for binary data
    default = "\t" if path.lower().endswith(".tsv") else ","
    sheet = Sheet(None, iter(()), bad)
    sheet.rows = read_csv(decoded.text, default, sheet.quotes)
    return [sheet], decoded.encoding


def sniff_delimiter(line: str, default: str = ",") -> str:
    """The delimiter the (header) line uses most, counted outside quotes."""
    outside = line.split('"')[::2]  # the parts between pairs of quotes
    counts = {d: sum(part.count(d) for part in outside) for d in DELIMITERS}
    best = max(counts.values())
    if best == 0 or counts[default] == best:
        return default
    return max(DELIMITERS, key=lambda d: counts[d])


def read_csv(text: str, default: str = ",", quotes: dict[int, QuoteProblem] | None = None
             ) -> Iterator[list[Cell]]:
    """The rows of a CSV text; quotes that do not close as a cell's should are noted in
    ``quotes`` (by the line of the row they open in) as the rows are read."""
    lines = split_lines(text)
    first = next((line for line in lines if line.strip()), "")
    delimiter = sniff_delimiter(first, default)
    # a line inside an open quote with the header's delimiters (and no quote) is a row the quote
    # would swallow; with fewer than two the test would take any line of prose for a row
    width = sum(part.count(delimiter) for part in first.split('"')[::2])
    return _csv_rows(lines, delimiter, width if width >= 2 else -1,
                     quotes if quotes is not None else {})


def _csv_rows(lines: list[str], delimiter: str, width: int, quotes: dict[int, QuoteProblem]
              ) -> Iterator[list[Cell]]:
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
        cells, closed = _split_quoted(line, delimiter, lineno)
        if closed:
            index += 1
            if line.strip():
                yield cells
            continue
        # A quoted cell runs on: find where it closes, one line at a time (each line scanned
        # once), and stop at a line that reads as a row of its own.
        last, kind = index, None
        while True:
            last += 1
            if last >= count:
                kind = "unclosed"
                break
            following = lines[last]
            if '"' not in following:
                if following.count(delimiter) == width:
                    kind = "row"
                    break
                continue
            if not _still_quoted(following, delimiter):
                break
        opening = cells[-1].column
        if kind is None and last - index > MAX_QUOTED_LINES:
            quotes[lineno] = QuoteProblem(lineno, opening, "long", last + 1)
            index = last + 1  # the record is not read; the rows after it are
            continue
        if kind is not None:
            # the quote is read as text, and the lines after it as the rows they are
            quotes[lineno] = QuoteProblem(lineno, opening, kind, last + 1)
            index += 1
            yield cells
            continue
        cells, _ = _split_quoted("\n".join(lines[index:last + 1]), delimiter, lineno)
        index = last + 1
        yield cells


def _still_quoted(line: str, delimiter: str) -> bool:
    """Whether a quoted cell open at the start of ``line`` is (again) open at its end: the same
    reading as :func:`_split_quoted` (``""`` is a quote inside; a quote opens a cell only at its
    start; a quote inside an unquoted cell is text)."""
    position, end = 0, len(line)
    while True:
        quote = line.find('"', position)
        while quote >= 0 and line.startswith('"', quote + 1):
            quote = line.find('"', quote + 2)
        if quote < 0:
            return True
        stop = line.find(delimiter, quote + 1)
        while stop >= 0:
            position = stop + len(delimiter)
            if position < end and line[position] == '"':
                break
            stop = line.find(delimiter, position)
        if stop < 0:
            return False
        position += 1


def _split_quoted(record: str, delimiter: str, lineno: int) -> tuple[list[Cell], bool]:
    """Cells of one record that has quotes (RFC 4180: ``""`` inside quotes is one quote; a quote
    inside an unquoted cell is text). ``closed`` is False when a quoted cell runs to the end."""
    cells: list[Cell] = []
    position, end = 0, len(record)
    closed = True
    counted, breaks = 0, 0  # line breaks before ``counted``: each part of the record counted once
    while True:
        breaks += record.count("\n", counted, position)
        counted = position
        line_start = record.rfind("\n", 0, position) + 1
        where = (lineno + breaks, position - line_start + 1)
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
