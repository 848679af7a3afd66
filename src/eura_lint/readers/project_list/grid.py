"""Bytes of a CSV, TSV or XLSX file -> sheets of cells, each cell with its position.

CSV and TSV are decoded like descriptions (:func:`eura_lint.readers.decoding.decode`); the delimiter
(``,`` ``;`` or tab) is the one the first non-blank line uses most. A cell's position is the
physical line its text starts on (the header is line 1) and the character column where the cell
starts, so a quoted field with embedded line breaks moves the following rows' line numbers as an
editor shows them. Workbooks (XLSX, XLSB, XLS, ODS) are read with python-calamine, values only
(no formatting is loaded; a formula is its saved value): a cell's position is its sheet row and
column number. A formula's error value (``#DIV/0!``), which python-calamine reads as an empty
cell, is read from the XML of an XLSX sheet (:func:`error_cells`) or of an ODS file
(:func:`ods_error_cells`); an XLS or XLSB error cell stays empty.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..decoding import FORMAT_PREFIX, BadByte, decode_lines, file_format, split_lines
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


# Workbook formats python-calamine reads: Excel 2007+ (.xlsx), its binary form (.xlsb), Excel
# 97-2003 (.xls) and OpenDocument (.ods)
WORKBOOK_EXTENSIONS = (".xlsx", ".xlsb", ".xls", ".ods")


def workbook_kind(path: str) -> str | None:
    """``xlsx``, ``xlsb``, ``xls`` or ``ods`` for a workbook's path, None for a text table."""
    lowered = path.lower()
    for extension in WORKBOOK_EXTENSIONS:
        if lowered.endswith(extension):
            return extension[1:]
    return None


def read_grid(path: str, data: bytes, limits: WorkbookLimits = WorkbookLimits()
              ) -> tuple[list[Sheet], str]:
    """The file's sheets and the text encoding (the workbook's format, ``"xlsx"``, ``"ods"``,
    ..., for workbooks). A workbook is first checked against ``limits`` (:mod:`.bounds`):
    :class:`GridError` when it is over one."""
    kind = workbook_kind(path)
    if kind is not None:
        return read_workbook(data, kind, limits), kind
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


def read_workbook(data: bytes, kind: str = "xlsx", limits: WorkbookLimits = WorkbookLimits()
                  ) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    from .bounds import DamagedWorkbook, WorkbookTooLarge, scan_workbook

    try:
        # calamine's grid is dense and cannot be bounded from inside: the archive is scanned first
        scan_workbook(f"workbook.{kind}", data, limits)
    except WorkbookTooLarge as exc:
        raise GridError(f"too large to read: {exc}") from None
    except DamagedWorkbook as exc:
        found = file_format(data)
        if found is not None and found != "workbook" and found != "archive":
            raise GridError(f"{FORMAT_PREFIX}{found}") from None  # a PDF named .xlsx, a password
        raise GridError(str(exc)) from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps row 1 as row 1 whatever is empty above the data
        grids = [(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                 for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own and zip/XML errors on damaged files
        found = file_format(data)
        if found is not None and found != "workbook" and found != "archive":
            raise GridError(f"{FORMAT_PREFIX}{found}") from None  # a PDF named .xlsx, a password
        raise GridError(f"not a readable {kind.upper()} workbook "
                        f"({type(exc).__name__}: {exc})"[:300]) from None
    errors = error_cells(data) if kind == "xlsx" else ods_error_cells(data) if kind == "ods" else {}
    return [Sheet(name, _sheet_rows(grid, errors.get(name))) for name, grid in grids]


read_xlsx = read_workbook

_XML_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.DOTALL)
_ERROR_VALUE = re.compile(rb"<v>([^<]*)</v>")
_REFERENCE = re.compile(r"^([A-Z]+)(\d+)$")


def error_cells(data: bytes) -> dict[str, dict[int, list[tuple[int, str]]]]:
    """Sheet name -> row -> (column, the error value (``#DIV/0!``)) of each cell of an XLSX
    workbook that holds a formula's error: python-calamine reads such a cell as empty. Only
    the sheets whose XML has error cells are searched; a workbook this cannot follow has none."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        relations = archive.read("xl/_rels/workbook.xml.rels")
        book = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return {}
    targets = {}
    for tag in re.finditer(rb"<Relationship\b([^>]*)/?>", relations):
        attributes = dict(_XML_ATTRIBUTE.findall(tag.group(1)))
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attributes.get(b"Id", b"")] = target
    found: dict[str, dict[int, list[tuple[int, str]]]] = {}
    for tag in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)/?>", book):
        attributes = dict(_XML_ATTRIBUTE.findall(tag.group(1)))
        relation = next((v for k, v in attributes.items() if k.endswith(b":id")), None)
        target = targets.get(relation)
        if target is None:
            continue
        name = _unescape(attributes.get(b"name", b"").decode("utf-8", "replace"))
        try:
            cells = _sheet_errors(archive, target)
        except (KeyError, OSError, ValueError, EOFError, zipfile.BadZipFile):
            continue
        if cells:
            found[name] = cells
    return found


def _sheet_errors(archive: Any, target: str) -> dict[int, list[tuple[int, str]]]:
    """A sheet's error cells, its XML read a megabyte at a time (never held whole)."""
    cells: dict[int, list[tuple[int, str]]] = {}
    carry = b""
    with archive.open(target) as stream:
        while True:
            chunk = stream.read(1 << 20)
            buffer = carry + chunk
            cut = len(buffer) if not chunk else buffer.rfind(b"</c>") + 4
            if chunk and cut < 4:  # no whole cell in this megabyte: keep what may start one
                carry = buffer[-4096:]
                continue
            part, carry = buffer[:cut], buffer[cut:][-(1 << 20):]
            if b't="e"' in part:
                for cell in _ERROR_CELL.finditer(part):
                    attributes = dict(_XML_ATTRIBUTE.findall(cell.group(1)))
                    where = _REFERENCE.match(attributes.get(b"r", b"").decode("ascii", "replace"))
                    value = _ERROR_VALUE.search(cell.group(2))
                    if where and value:
                        cells.setdefault(int(where[2]), []).append(
                            (column_number(where[1]),
                             _unescape(value.group(1).decode("utf-8", "replace"))))
            if not chunk:
                return cells


_ODS_ERROR = b'calcext:value-type="error"'
_ODS_TAG = re.compile(
    r"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_ODS_TEXT = re.compile(r"<text:p>([^<]*)</text:p>")
_ODS_ATTRIBUTE = re.compile(r'([\w:.-]+)="([^"]*)"')


def ods_error_cells(data: bytes) -> dict[str, dict[int, list[tuple[int, str]]]]:
    """As :func:`error_cells`, for an OpenDocument spreadsheet: the cells LibreOffice saved with
    ``calcext:value-type="error"`` (their text is the error value), which python-calamine reads
    as empty. ``content.xml`` is first searched a megabyte at a time for such a cell, and read
    whole only when it has one."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        with archive.open("content.xml") as stream:
            carry = b""
            while True:
                chunk = stream.read(1 << 20)
                if not chunk:
                    return {}
                if _ODS_ERROR in carry + chunk:
                    break
                carry = chunk[-len(_ODS_ERROR):]
        content = archive.read("content.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return {}
    found: dict[str, dict[int, list[tuple[int, str]]]] = {}
    sheet: dict[int, list[tuple[int, str]]] = {}
    row = column = 1
    row_repeat = 1
    for tag in _ODS_TAG.finditer(content):
        closing, name, attributes, empty = tag.groups()
        if name == "table":
            if not closing:
                values = dict(_ODS_ATTRIBUTE.findall(attributes))
                sheet = found.setdefault(_unescape(values.get("table:name", "")), {})
                row = 1
            continue
        if name == "table-row":
            if closing:
                row += row_repeat
            else:
                values = dict(_ODS_ATTRIBUTE.findall(attributes))
                row_repeat = int(values.get("table:number-rows-repeated", "1") or 1)
                column = 1
                if empty:
                    row += row_repeat
            continue
        if closing:
            continue
        values = dict(_ODS_ATTRIBUTE.findall(attributes))
        if values.get("calcext:value-type") == "error" and not empty:
            text = _ODS_TEXT.search(content, tag.end(), content.find("</table:", tag.end()) + 1
                                    or len(content))
            if text:
                sheet.setdefault(row, []).append((column, _unescape(text.group(1))))
        column += int(values.get("table:number-columns-repeated", "1") or 1)
    return {name: cells for name, cells in found.items() if cells}


def _unescape(text: str) -> str:
    """XML text or an attribute value as it reads: the five named entities and the character
    references (``&#228;``, ``&#xE4;``), which a sheet's name may be written with. (``html``'s
    unescape decodes both; XML allows no other "&" in well-formed text.)"""
    return html.unescape(text) if "&" in text else text


def column_number(letters: str) -> int:
    """A -> 1, AA -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_rows(grid: list[list[Any]], errors: dict[int, list[tuple[int, str]]] | None = None
                ) -> Iterator[list[Cell]]:
    new = tuple.__new__
    for number, values in enumerate(grid, start=1):
        if errors and number in errors:
            for column, text in errors[number]:
                if column <= len(values):
                    values[column - 1] = text
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
