"""A table's rows -> :class:`~eura_lint.model.Document` records, the same kind a description
becomes, with every cell's position; plus the table-level problems (header, duplicates, rows of
another programme period) on one record that stands for the table itself."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Date, Document, Field, Number, Problem
from ..parser import AMOUNT_KEYS, NUMBER_RE, THOUSANDS, readable
from .grid import Cell, QuoteProblem, Sheet, cell_text
from .header import HEADER_SEARCH_ROWS, MIN_KNOWN, recognise

DATE_KEYS = ("start", "end")
# a time of day after the date, as spreadsheets write date cells saved as text (00:00)
_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
ISO_DATE = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$")
FINNISH_DATE = re.compile(rf"^(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_TIME}$")
# a currency after an amount (1 053 002 €, 1053002,50 EUR)
CURRENCY = re.compile(r"\s*(?:€|EUR|euroa?)$", re.IGNORECASE)
# An EURA 2014 code (ERDF A7xxxx, ESF S2xxxx). A code of the same shape with other digits
# (EURA 2007's A3/A5/A6/S1, later systems' codes) marks a row of another programme period.
EURA2014_CODE = re.compile(r"^(?:A7|S2)\d{4}$", re.IGNORECASE)
CODE_SHAPE = re.compile(r"^[A-Z]\d{5}$", re.IGNORECASE)
YEAR = re.compile(r"\b(19|20)\d{2}\b")
FUNDS = (("EAKR", "EAKR"), ("ERDF", "EAKR"), ("ESR", "ESR"), ("ESF", "ESR"))


@dataclass(slots=True)
class TableRecords:
    """One sheet (or CSV file): the record standing for the table, and its rows' records, built
    as they are consumed (a 20,000-row list is never held as records all at once). The table
    record's problems are complete only once ``rows`` has been consumed."""

    table: Document
    rows: Iterator[Document] = field(default_factory=lambda: iter(()))
    sheet: str | None = None


def build(sheet: Sheet, path: str, index: Mapping[str, str], encoding: str,
          part: tuple[int, int] = (0, 1)) -> TableRecords:
    """``part`` (k, n): build the records of every n-th row from the k-th only, so that n
    processes can share a large list; each still reads every row's code and period (for repeated
    codes and the count of other periods), and only part 0 reports the table's own problems."""
    table = Document(path=path, source="table", encoding=encoding)
    records = TableRecords(table, sheet=sheet.name)
    if part[0] == 0:
        for bad in sheet.bad_bytes:
            table.problems.append(Problem("undecodable", bad.line, bad.column, f"{bad.byte:02X}",
                                          str(bad.offset)))
    head = list(itertools.islice(sheet.rows, HEADER_SEARCH_ROWS))
    for number, row in enumerate(head):
        known = recognise([cell_text(c.value).strip() for c in row], index)
        if len(known) >= MIN_KNOWN:
            break
    else:
        first = head[0] if head else []
        names = [cell_text(c.value).strip() for c in first if cell_text(c.value).strip()]
        line = first[0].line if first else 1
        table.problems.append(Problem("header", line, 1, ", ".join(names)))
        return records
    header = head[number]
    table.line_count = header[0].line
    rows = itertools.chain(head[number + 1:], sheet.rows)
    records.rows = _records(rows, table, header, known, path, encoding, sheet.name or "", part,
                            sheet.quotes)
    return records


def _records(rows: Iterable[list[Cell]], table: Document, header: list[Cell],
             known: dict[int, str], path: str, encoding: str, sheet: str,
             part: tuple[int, int], quotes: dict[int, QuoteProblem]) -> Iterator[Document]:
    labels = [cell_text(c.value).strip() for c in header]
    keys = [known.get(number) for number in range(len(labels))]
    width = len(header)
    by_key = {key: number for number, key in known.items()}
    code_at, period_at = by_key.get("project_code"), by_key.get("programme_period")
    mine, parts = part
    first_codes: dict[str, int] = {}
    other_period: list[int] = []
    linted = 0
    for cells in rows:
        line = cells[0].line
        quote = quotes.pop(line, None) if quotes else None
        code = _text_at(cells, code_at)
        if _other_period(code, _text_at(cells, period_at)):
            other_period.append(line)
            continue
        linted += 1
        table.line_count = line
        first = None
        if code:
            first = first_codes.setdefault(code.upper(), line)
        if parts > 1 and linted % parts != mine:
            continue  # another process's row
        doc = _record(cells, path, encoding, labels, keys, known, sheet)
        if quote is not None:
            # (its quote read as text, the row is short or long: that is this same problem)
            doc.problems.append(Problem("quote", quote.line, quote.column, quote.kind,
                                        str(quote.end)))
        elif len(cells) < width or (len(cells) > width and _filled_beyond(cells, width)):
            # (blank cells past the header's last column are a workbook's width, or a
            # delimiter that ends the line, not a shifted value)
            count = len(cells) if len(cells) < width else _filled_beyond(cells, width)
            where = ((cells[width].line, cells[width].column) if len(cells) > width
                     else _end_position(cells))
            doc.problems.append(Problem("ragged", *where, str(count), str(width)))
        if first is not None and first != line:
            cell = doc.fields["project_code"]
            doc.problems.append(Problem("duplicate-code", cell.line, cell.column, cell.value,
                                        str(first)))
        yield doc
    if mine == 0:
        for quote in quotes.values():  # cells too long to be read: no row of theirs was built
            table.problems.append(Problem("quote", quote.line, quote.column, quote.kind,
                                          str(quote.end)))
    if other_period and mine == 0:
        table.problems.append(Problem("other-period", other_period[0], 1, str(len(other_period)),
                                      str(len(other_period) + linted)))


def _filled_beyond(cells: list[Cell], width: int) -> int:
    """The number of fields up to the last non-blank one, when that lies past ``width``."""
    for number in range(len(cells) - 1, width - 1, -1):
        value = cells[number].value
        if value is not None and (value.__class__ is not str or value.strip()):
            return number + 1
    return 0


def _end_position(cells: list[Cell]) -> tuple[int, int]:
    """Just past a short row's last cell, where its missing fields would have followed (on the
    record's last line, when a quoted cell holds line breaks)."""
    last = cells[-1]
    text = cell_text(last.value)
    if "\n" in text:
        return last.line + text.count("\n"), len(text.rsplit("\n", 1)[1]) + 1
    return last.line, last.column + len(text)


_new = tuple.__new__  # a named tuple without its Python-level __new__ (hundreds per row)


def _record(cells: list[Cell], path: str, encoding: str, labels: list[str], keys: list[str | None],
            known: dict[int, str], sheet: str) -> Document:
    doc = Document(path=path, source="table", encoding=encoding)
    doc.line_count = cells[0].line
    count = len(cells)
    if count > len(labels):  # cells past the header's last column: no label, no key
        labels.extend([""] * (count - len(labels)))
        keys.extend([None] * (count - len(keys)))
    doc.cells = row = [
        _new(Field, (key, label, value if value.__class__ is str else cell_text(value), line,
                     column, sheet))
        for key, label, (value, line, column) in zip(keys, labels, cells)]
    fields = doc.fields
    for number, key in known.items():
        if number >= count:
            continue  # a short row: reported as ragged, its missing cells are not "empty"
        cell = row[number]
        text = cell.value
        stripped = text.strip()
        line, column = cell.line, cell.column
        if len(stripped) == len(text):
            fields[key] = cell  # the cell as written is the field
        else:
            if stripped and cells[number].value.__class__ is str:
                # the value's position: past the spaces the cell starts with, as in a description
                # (on a later line when a quoted cell starts with a line break)
                lead = text[:len(text) - len(text.lstrip())]
                if "\n" in lead:
                    line += lead.count("\n")
                    column = len(lead) - lead.rfind("\n")
                else:
                    column += len(lead)
            fields[key] = _new(Field, (key, cell.label, stripped, line, column, sheet))
        if not stripped:
            continue
        value = cells[number].value
        if key in AMOUNT_KEYS:
            doc.numbers[key] = _number(value, stripped, line, column, doc.problems)
        elif key in DATE_KEYS:
            date = _date(value, stripped, line, column, doc.problems)
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
    if text.isdigit() and text.isascii() and len(text) <= 12:  # the common case
        return _new(Number, (float(text), text, line, column))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if abs(value) <= 10**12 and readable(float(value)):  # a workbook's number cell (nan fails)
            return _new(Number, (float(value), text, line, column))
    else:
        bare = CURRENCY.sub("", text)
        if NUMBER_RE.match(bare):
            number = float(THOUSANDS.sub("", bare).replace(",", "."))
            if readable(number):
                return Number(number, text, line, column)
    problems.append(Problem("number", line, column, text))
    return Number(None, text, line, column)


def _date(value: Any, text: str, line: int, column: int, problems: list[Problem]) -> Date:
    if isinstance(value, dt.datetime):
        return Date(value.date(), text, line, column)
    if isinstance(value, dt.date):
        return Date(value, text, line, column)
    match = FINNISH_DATE.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = ISO_DATE.match(text)
        if not match:
            problems.append(Problem("date", line, column, text,
                                    "not a date (d.m.yyyy, yyyy-mm-dd or a date cell)"))
            return Date(None, text, line, column)
        year, month, day = (int(g) for g in match.groups())
    try:
        return _new(Date, (dt.date(year, month, day), text, line, column))
    except ValueError:
        problems.append(Problem("date", line, column, text, "no such day in the calendar"))
        return Date(None, text, line, column)


def _text_at(cells: list[Cell], number: int | None) -> str:
    if number is None or number >= len(cells):
        return ""
    value = cells[number].value
    return (value if value.__class__ is str else cell_text(value)).strip()


def _other_period(code: str, period: str) -> bool:
    """A row of another programme period: its period column names other years, or (without
    one) its code has the shape of a project code but is not an EURA 2014 code."""
    if period:
        year = YEAR.search(period)
        if year:
            return year.group() != "2014"
    if not code or EURA2014_CODE.match(code):
        return False
    return bool(CODE_SHAPE.match(code))
