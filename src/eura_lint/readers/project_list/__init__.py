"""Project lists (CSV, TSV, and XLSX, XLSB, XLS, ODS workbooks) read into the records the catalogue lints.

:func:`read_table` returns, per table (a CSV file, or each sheet of a workbook that has a
recognisable header), a record standing for the table and one :class:`~eura_lint.model.ListRow`
per row; see :mod:`.grid` (cells and positions), :mod:`.header` (which column holds what) and
:mod:`.records` (rows to records).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..decoding import UndecodableError
from ...finding import Finding
from ..inputs import MAX_TABLE_SIZE, InputError, WorkbookLimits, read_regular
from ...model import Problem, ProjectList
from .bounds import column_letters
from .grid import WORKBOOK_EXTENSIONS, GridError, Sheet, read_grid, workbook_kind
from .header import name_index
from .records import TableRecords, build

TABLE_EXTENSIONS = (".csv", ".tsv", *WORKBOOK_EXTENSIONS)


def in_sheet(finding: Finding, sheet: str) -> Finding:
    """A workbook's finding with its cell named in the message: ``Hankkeet!K17: ...``."""
    where = f"{sheet}!{column_letters(finding.column)}{finding.line}"
    return finding.with_message(f"{where}: {finding.message}")


def is_table_path(path: str) -> bool:
    return path.lower().endswith(TABLE_EXTENSIONS)


def is_workbook_path(path: str) -> bool:
    return workbook_kind(path) is not None


class TableCells(NamedTuple):
    """A list's cells as read (each sheet's rows still to become records: see
    :func:`table_records`), or why the file cannot be read (``unreadable``)."""

    path: str
    sheets: list[Sheet]
    encoding: str = ""
    unreadable: str | None = None


def read_table(path: str, data: bytes | None = None,
               columns: Mapping[str, str | Sequence[str]] | None = None,
               part: tuple[int, int] = (0, 1), limit: int = MAX_TABLE_SIZE,
               workbook: WorkbookLimits = WorkbookLimits()) -> list[TableRecords]:
    """Every table of the file. A file that cannot be read, or whose header no sheet has, is one
    table record that says why (``unreadable``, or a ``header`` problem naming what was found).
    ``part`` (k, n) builds every n-th row's record from the k-th (see :func:`.records.build`);
    the records standing for the tables are part 0's."""
    return table_records(read_cells(path, data, limit, workbook), columns, part)


def read_cells(path: str, data: bytes | None = None, limit: int = MAX_TABLE_SIZE,
               workbook: WorkbookLimits = WorkbookLimits()) -> TableCells:
    """The file's sheets (a workbook's checked against ``workbook`` and read whole; a CSV's
    text decoded, its rows split as they are consumed), before any row becomes a record."""
    if data is None:
        try:
            # only a regular file, and not more than max-table-size of it (see eura_lint.readers.inputs)
            data = read_regular(path, limit, "max-table-size")
        except (OSError, InputError) as exc:
            reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
            return TableCells(path, [], unreadable=reason)
    try:
        sheets, encoding = read_grid(path, data, workbook)
    except (UndecodableError, GridError) as exc:
        return TableCells(path, [], unreadable=str(exc))
    return TableCells(path, sheets, encoding)


def table_records(cells: TableCells, columns: Mapping[str, str | Sequence[str]] | None = None,
                  part: tuple[int, int] = (0, 1)) -> list[TableRecords]:
    """The tables of cells read by :func:`read_cells` (see :func:`read_table`). The sheets' rows
    are consumed: each ``cells`` serves one call (a forked process has its own copy)."""
    first = part[0] == 0
    path = cells.path
    if cells.unreadable is not None:
        return [TableRecords(ProjectList(path, source="table", unreadable=cells.unreadable))
                ] if first else []
    index = name_index(columns)
    tables = [build(sheet, path, index, cells.encoding, part) for sheet in cells.sheets]
    readable = [t for t in tables if not _unrecognised(t)]
    if readable:
        return readable  # sheets without a header (notes, pivots) are not project lists
    if not first:
        return []  # the table's own finding is part 0's
    if not tables:
        return [TableRecords(ProjectList(path, source="table", problems=[Problem("header", 1, 1, "")]))]
    return tables[:1]


def _unrecognised(table: TableRecords) -> bool:
    return any(p.kind == "header" for p in table.table.problems)
