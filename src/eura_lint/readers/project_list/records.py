"""A table's rows -> :class:`~eura_lint.model.ListRow` records, the same kind a description
becomes, with every cell's position; plus the table-level problems (header, duplicates, rows of
another programme period) on one record that stands for the table itself."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ...model import Date, Field, ListRow, Number, Problem, ProjectList
from ...page import AMOUNT_KEYS, NUMBER_RE, THOUSANDS, readable
from .cells import CURRENCY, is_amount, is_spreadsheet_error, misplaced
from .grid import Cell, QuoteProblem, Sheet, cell_text
from .header import HEADER_SEARCH_ROWS, MIN_KNOWN, TABLE_KEYS, recognise

DATE_KEYS = ("start", "end")
# a time of day after the date, as spreadsheets write date cells saved as text (00:00)
_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
ISO_DATE = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$")
FINNISH_DATE = re.compile(rf"^(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_TIME}$")
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

    table: ProjectList
    rows: Iterator[ListRow] = field(default_factory=lambda: iter(()))
    sheet: str | None = None


def build(sheet: Sheet, path: str, index: Mapping[str, str], encoding: str,
          part: tuple[int, int] = (0, 1)) -> TableRecords:
    """``part`` (k, n): build the records of every n-th row from the k-th only, so that n
    processes can share a large list; each still reads every row's code and period (for repeated
    codes and the count of other periods), and only part 0 reports the table's own problems."""
    table = ProjectList(path=path, source="table", encoding=encoding)
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


def _records(rows: Iterable[list[Cell]], table: ProjectList, header: list[Cell],
             known: dict[int, str], path: str, encoding: str, sheet: str,
             part: tuple[int, int], quotes: dict[int, QuoteProblem]) -> Iterator[ListRow]:
    labels = [cell_text(c.value).strip() for c in header]
    keys = [known.get(number) for number in range(len(labels))]
    # a row may end where the header's names end: empty header cells after them (a delimiter
    # that ends the header line) do not make the rows that lack them short
    named = max((number + 1 for number, label in enumerate(labels) if label), default=len(labels))
    by_key = {key: number for number, key in known.items()}
    code_at, period_at = by_key.get("project_code"), by_key.get("programme_period")
    # the header again (lists joined, or printed with the header on every page): not a project
    code_label = labels[code_at] if code_at is not None else None
    mine, parts = part
    judge = _Judge(known, not sheet)
    first_codes: dict[str, int] = {}
    other_period: list[int] = []
    linted = 0
    not_projects: list[int] = []
    for cells in rows:
        line = cells[0].line
        quote = quotes.pop(line, None) if quotes else None
        code = _text_at(cells, code_at)
        if not CODE_LIKE.match(code):
            kind = "header" if code and code == code_label else row_kind(cells, keys)
            if kind is not None:
                if kind != "blank":
                    not_projects.append(line)
                continue  # a separator row, like a blank line; a totals or note row, counted
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
        # (blank cells past the header's last name are a workbook's width, or a delimiter
        # that ends the line, not a shifted value)
        beyond = _filled_beyond(cells, named) if len(cells) > named else 0
        ragged = len(cells) < named or beyond > 0
        doc = _record(cells, path, encoding, labels, keys, judge, sheet,
                      ragged or quote is not None)
        if quote is not None:
            # (its quote read as text, the row is short or long: that is this same problem)
            doc.problems.insert(0, Problem("quote", quote.line, quote.column, quote.kind,
                                           str(quote.end)))
            ragged = False
        if ragged:
            count = len(cells) if len(cells) < named else beyond
            where = ((cells[named].line, cells[named].column) if beyond
                     else _end_position(cells))
            doc.problems.insert(0, Problem("ragged", *where, str(count), str(named)))
        cell = doc.fields.get("project_code") if first is not None and first != line else None
        if cell is not None:
            # (a code cell holding a spreadsheet error, or standing after a row's moved cell,
            # is not read into the record: no code, so no repeated one)
            doc.problems.append(Problem("duplicate-code", cell.line, cell.column, cell.value,
                                        str(first)))
        yield doc
    if mine == 0:
        for quote in quotes.values():  # cells too long to be read: no row of theirs was built
            table.problems.append(Problem("quote", quote.line, quote.column, quote.kind,
                                          str(quote.end)))
        if other_period:
            table.problems.append(Problem("other-period", other_period[0], 1,
                                          str(len(other_period)),
                                          str(len(other_period) + linted)))
        if not_projects:
            table.problems.append(Problem("not-project", not_projects[0], 1,
                                          str(len(not_projects)), _line_list(not_projects)))


# A code cell that starts like a project code (A70302, S20001, a mistyped A7O302 or A7030):
# such a row is a project's, whatever else it holds
CODE_LIKE = re.compile(r"^[A-Za-z]{1,2}\d")
# a cell that only draws a line (what a separator row holds when its cells are not empty)
_RULE_CELL = re.compile(r"^[-–—=_*.\s]*$")
# The columns a totals or note row leaves empty: what says which project a row is, and is no
# sum. (The code column holds a totals row's label, the name column a label or a count of
# projects; columns the header does not name may hold anything.)
PROJECT_KEYS = frozenset(TABLE_KEYS) - {"project_code", "project_name", *AMOUNT_KEYS}
# how many rows a note names before "and N more"
SHOWN_LINES = 10


def row_kind(cells: list[Cell], keys: list[str | None]) -> str | None:
    """What a row without a project code is when it is not a project: ``"blank"`` (only empty
    cells, or cells that only draw a line: a separator), ``"totals"`` (numbers in the amount
    columns and at most two other cells, none of them in a column only a project fills: a label,
    a count), ``"note"`` (one text cell, or one text split at a comma into the row's first two
    cells, and nothing in the amount columns: a source, a remark, a title); None for a project's
    row. A value in a column that says which project a row is (fund, status, dates, authority,
    axis, ...: :data:`PROJECT_KEYS`) makes the row a project's whose code was left blank: a sum
    or a note has none, and that row is linted, its blank code reported."""
    amounts = 0
    others: list[int] = []
    width = len(keys)
    for number, cell in enumerate(cells):
        value = cell[0]
        if value is None:
            continue
        if value.__class__ is str:
            text = value.strip()
            if not text or _RULE_CELL.match(text):
                continue
            number_like = is_amount(text) or is_spreadsheet_error(text)
        else:
            number_like = isinstance(value, (int, float)) and not isinstance(value, bool)
        key = keys[number] if number < width else None
        if number_like and key in AMOUNT_KEYS:
            amounts += 1
            continue
        others.append(number)
        if len(others) > 2:
            return None
    if amounts:
        if any(_project_column(number, keys) for number in others):
            return None
        return "totals"
    if not others:
        return "blank"
    if others == [0, 1]:
        # a note split at a comma (a CSV cell left unquoted) starts in the first column and
        # runs on into the next, whatever that column is
        return None if _project_column(0, keys) else "note"
    if len(others) == 1 and not _project_column(others[0], keys):
        return "note"
    return None


def _project_column(number: int, keys: list[str | None]) -> bool:
    return number < len(keys) and keys[number] in PROJECT_KEYS


def _line_list(lines: list[int]) -> str:
    shown = ", ".join(str(line) for line in lines[:SHOWN_LINES])
    more = len(lines) - SHOWN_LINES
    return f"{shown} (+{more})" if more > 0 else shown


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

# the columns whose cells tell that a row's values have moved (see .cells.misplaced), by what
# they hold: 1 an amount, 2 a date, 3 the axis, 4 the authority
SHIFT_KIND = {**dict.fromkeys(AMOUNT_KEYS, 1), **dict.fromkeys(DATE_KEYS, 2), "axis": 3,
              "authority": 4}


# the judged columns that hold nothing to read, only a test that the value fits (see _record)
_TESTED = frozenset(("axis", "authority"))

# What a cell's text is to its column (see _Verdict.kind)
_BLANK, _VALUE, _ERROR, _SHIFTED = range(4)


class _Verdict(NamedTuple):
    """What a cell is to its column, wherever it stands: a function of the column's key and the
    cell's value alone, so that a list's recurring values (dates, the axis, the fund, the
    authority) are judged once (see :class:`_Judge`). Positions are relative to the cell's."""

    text: str  # the field's value: the cell's text without its surrounding spaces
    down: int  # lines from the cell's line to the value's (a quoted cell starting with a break)
    across: int  # columns from the cell's to the value's; with ``down``, the value's column
    kind: int  # _BLANK, _VALUE, _ERROR (a spreadsheet error), _SHIFTED (a moved value)
    # the amount (float, None when unreadable), the date (None when unreadable), the fund, or
    # for a shifted cell the phrase of EURA702 and the text it names
    parsed: Any = None
    problem: str | None = None  # why an amount or a date cannot be read ("" for an amount)


def _judge(key: str, value: Any, text: str, csv: bool) -> _Verdict:
    """The verdict on one cell of column ``key``: ``value`` as the grid read it, ``text`` the
    cell as text; ``csv`` when positions are characters of a line (a workbook's position is the
    cell's whatever its text)."""
    stripped = text.strip()
    down = across = 0
    if stripped and len(stripped) != len(text) and csv and value.__class__ is str:
        # the value's position in a CSV line: past the spaces the cell starts with, as in a
        # description (on a later line when a quoted cell starts with a line break)
        lead = text[:len(text) - len(text.lstrip())]
        if "\n" in lead:
            down = lead.count("\n")
            across = len(lead) - lead.rfind("\n")
        else:
            across = len(lead)
    if not stripped:
        return _Verdict(stripped, down, across, _BLANK)
    if stripped[0] in "#E" and is_spreadsheet_error(stripped):
        # a formula's error: no value at all (not an empty cell, not the text it shows)
        return _Verdict(stripped, down, across, _ERROR)
    # (the common cells, whole euros, d.m.yyyy dates, an axis number, a workbook's number or
    # date cell, are judged here without asking .cells.misplaced)
    shift = SHIFT_KIND.get(key)
    if shift is not None and (
            (shift == 2 and not isinstance(value, dt.date)) if value.__class__ is not str
            else not stripped.isdigit() if shift == 1
            else stripped.count(".") != 2 if shift == 2
            else not stripped[0].isdigit() if shift == 3 else True):
        misfit = misplaced(key, stripped)
        if misfit is not None:
            return _Verdict(stripped, down, across, _SHIFTED, misfit)
    if key in AMOUNT_KEYS:
        amount = _amount(value, stripped)
        return _Verdict(stripped, down, across, _VALUE, amount, None if amount is not None else "")
    if key in DATE_KEYS:
        date, problem = _date(value, stripped)
        return _Verdict(stripped, down, across, _VALUE, date, problem)
    if key == "fund":
        folded = stripped.upper()
        return _Verdict(stripped, down, across, _VALUE,
                        next((fund for name, fund in FUNDS if name in folded), None))
    return _Verdict(stripped, down, across, _VALUE)


class _Judge:
    """The verdicts of one table's cells. A column is one of three sorts: amounts (mostly
    distinct, a whole-euro one read without asking: see :func:`_record`), text (a code, a name,
    the status: nothing to read but the spaces around it and a spreadsheet error), and the
    columns whose values are read or tested and recur (dates, the axis, the authority, the fund:
    a list of 2,881 projects has 546 start dates, 7 axes, 31 authorities), whose verdicts are
    remembered per column. Bounded: only text cells of up to :data:`SHORT` characters are
    remembered, and a column's memory is emptied when it holds :data:`REMEMBERED` verdicts (a
    hostile list of distinct values costs a lookup a cell, not memory)."""

    SHORT = 64
    REMEMBERED = 4096
    JUDGED = frozenset((*SHIFT_KIND, "fund")) - frozenset(AMOUNT_KEYS)

    def __init__(self, known: dict[int, str], csv: bool) -> None:
        self.csv = csv
        # (column number, key, the column's verdicts (None for text), an amount column)
        self.columns = [(number, key, {} if key in self.JUDGED else None, key in AMOUNT_KEYS)
                        for number, key in known.items()]

    def verdict(self, key: str, value: Any, text: str, seen: dict[str, _Verdict] | None
                ) -> _Verdict:
        if seen is None or value.__class__ is not str or len(text) > self.SHORT:
            return _judge(key, value, text, self.csv)
        verdict = seen.get(text)
        if verdict is None:
            if len(seen) >= self.REMEMBERED:
                seen.clear()
            verdict = seen[text] = _judge(key, value, text, self.csv)
        return verdict


def _record(cells: list[Cell], path: str, encoding: str, labels: list[str], keys: list[str | None],
            judge: _Judge, sheet: str, ragged: bool = False) -> ListRow:
    """The row's record. From a cell that its column cannot hold as the row stands (a shifted
    row: see :func:`.cells.misplaced`) on, the row's values are not read into fields: they are
    in other columns than their labels say, and one ``shifted`` problem stands for them all. A
    ragged row (fields missing or too many) keeps only its code: where its values moved is not
    known."""
    doc = ListRow(path=path, source="table", encoding=encoding)
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
    problems = doc.problems
    for number, key, seen, amount in judge.columns:
        if number >= count:
            continue  # a short row: reported as ragged, its missing cells are not "empty"
        cell = row[number]
        text = cell.value
        if ragged and (key != "project_code" or not text.strip()):
            continue  # (a blank code in a ragged row is where its values moved from)
        value = cells[number][0]
        if amount:
            if text.isdigit() and text.isascii() and len(text) <= 12:
                # the common amount, whole euros as written: the cell is the field, its text
                # the number (nothing else in _judge applies to it)
                fields[key] = cell
                doc.numbers[key] = _new(Number, (float(text), text, cell.line, cell.column))
                continue
        elif seen is None:
            if text and not text[0].isspace() and not text[-1].isspace() and (
                    text[0] not in "#E" or not is_spreadsheet_error(text)):
                # the common text cell (a code, a name, the status): the field as written
                # (nothing in _judge applies to a text column but what these tests rule out)
                fields[key] = cell
                continue
        elif key in _TESTED and value.__class__ is str:
            verdict = seen.get(text)
            if verdict is not None and verdict.kind == _VALUE and len(verdict.text) == len(text):
                # an axis or an authority seen before, that fits its column as written: the
                # field, with nothing read from it
                fields[key] = cell
                continue
        verdict = judge.verdict(key, value, text, seen)
        stripped = verdict.text
        line, column = cell.line, cell.column
        if verdict.down:
            line += verdict.down
            column = verdict.across
        else:
            column += verdict.across
        if len(stripped) != len(text):
            cell = _new(Field, (key, cell.label, stripped, line, column, sheet))
        kind = verdict.kind
        if kind == _VALUE:
            fields[key] = cell
            if amount:
                doc.numbers[key] = _new(Number, (verdict.parsed, stripped, line, column))
                if verdict.problem is not None:
                    problems.append(_new(Problem, ("number", line, column, stripped, "")))
            elif key in DATE_KEYS:
                date = _new(Date, (verdict.parsed, stripped, line, column))
                if verdict.problem is not None:
                    problems.append(_new(Problem, ("date", line, column, stripped,
                                                   verdict.problem)))
                if key == "start":
                    doc.start = date
                else:
                    doc.end = date
            elif key == "fund":
                doc.fund = verdict.parsed
                doc.fund_line = line
        elif kind == _BLANK:
            fields[key] = cell
        elif kind == _ERROR:
            problems.append(_new(Problem, ("number", line, column, stripped,
                                           "spreadsheet-error")))
        else:
            # this cell and the ones after it have moved: one problem for the row
            phrase, shown = verdict.parsed
            problems.append(_new(Problem, ("shifted", line, column, shown,
                                           f"{phrase}\t{cell.label}")))
            break
    return doc


def _amount(value: Any, text: str) -> float | None:
    """The amount of a cell (``text`` stripped), None when it cannot be read."""
    if text.isdigit() and text.isascii() and len(text) <= 12:  # the common case
        return float(text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if abs(value) <= 10**12 and readable(float(value)):  # a workbook's number cell (nan fails)
            return float(value)
    else:
        bare = CURRENCY.sub("", text)
        if NUMBER_RE.match(bare):
            number = float(THOUSANDS.sub("", bare).replace(",", "."))
            if readable(number):
                return number
    return None


def _date(value: Any, text: str) -> tuple[dt.date | None, str | None]:
    """The date of a cell (``text`` stripped), or None and why it cannot be read."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    match = FINNISH_DATE.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = ISO_DATE.match(text)
        if not match:
            return None, "not a date (d.m.yyyy, yyyy-mm-dd or a date cell)"
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, "no such day in the calendar"


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
