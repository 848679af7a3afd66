"""A pandas DataFrame as a project list: its column labels are the header row and each of its
rows a row of cells, read by the same header recognition and record building as a file's
(:mod:`.header`, :mod:`.records`), so a frame and the file it came from give the same records.

A frame has no lines or character columns. Its cells are placed as a CSV file of the frame would
place them (the header on line 1, the frame's n-th row, counted from 0, on line n + 2; a cell's
column the character after the cells before it and their commas), so that a finding's position,
wherever in a cell the rule points, leads back to one row and one column: :meth:`FrameGrid.locate`
turns it into the row's index label and the column's label.
"""

from __future__ import annotations

import bisect
from array import array
import datetime as dt
import math
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any

from .grid import Cell, Sheet, cell_text
from .header import name_index
from .records import TableRecords, build

HEADER_LINE = 1
FIRST_ROW_LINE = 2  # the line of the frame's first row


def cell_value(value: Any) -> Any:
    """A frame's value as the list reader takes a cell's (str, int, float, bool, date or
    datetime; None for a missing value): numpy scalars become Python's, pandas' timestamps
    datetimes, and NaN, NaT, None and pandas.NA alike become None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        # (pandas.Timestamp is a datetime; NaT is a datetime too, and missing)
        return None if value != value else _python_datetime(value)
    item = getattr(value, "item", None)
    if item is not None and getattr(value, "ndim", None) == 0:
        value = item()  # a numpy scalar (np.int64, np.float64, np.bool_, np.str_)
        if isinstance(value, (dt.datetime, dt.date, str)):
            return cell_value(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        missing = bool(value != value)  # NaN-like: a value unequal to itself
    except TypeError:
        return None  # pandas.NA, whose truth is undefined
    except ValueError:
        return value  # an array in a cell: compared element-wise, and kept as written
    return None if missing else value


def _python_datetime(value: dt.date) -> dt.date:
    to_python = getattr(value, "to_pydatetime", None)
    return to_python() if to_python is not None else value


def _label(value: Any) -> str:
    """A column label as header text (a number or a tuple label written as text)."""
    value = cell_value(value)
    return "" if value is None else cell_text(value)


class FrameGrid:
    """One DataFrame as a sheet of cells, and the way back from a position to its labels."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame
        self.labels = [_label(label) for label in frame.columns]
        self.index = frame.index
        self.columns = frame.columns
        self._row_starts: dict[int, Sequence[int]] = {}

    def sheet(self) -> Sheet:
        return Sheet(None, self._rows())

    def _rows(self) -> Iterator[list[Cell]]:
        yield self._cells(self.labels, HEADER_LINE)
        # itertuples hands out plain tuples: far cheaper than a Series per row
        for number, values in enumerate(self.frame.itertuples(index=False, name=None)):
            values = [cell_value(value) for value in values]
            # a row of nothing but blanks is no project, as a blank line of a file is none
            if all(_blank(value) for value in values):
                continue
            cells = self._cells(values, FIRST_ROW_LINE + number)
            # where each cell starts, for locate (an array: a 20,000-row frame's costs ~4 MB;
            # taking the row from the frame again costs a millisecond a finding)
            self._row_starts[number] = array("l", [cell.column for cell in cells])
            yield cells

    @staticmethod
    def _cells(values: Sequence[Any], line: int) -> list[Cell]:
        cells = []
        column = 1
        for value in values:
            cells.append(Cell(value, line, column))
            column += len(cell_text(value)) + 1
        return cells

    def locate(self, line: int, column: int) -> tuple[Hashable | None, Hashable | None]:
        """(index label, column label) of a position; (None, None) for the header line, which
        stands for the frame as a whole."""
        position = line - FIRST_ROW_LINE
        if position < 0 or position >= len(self.index):
            return None, None
        starts = self._row_starts.get(position)
        if starts is None:  # a row of blanks, which no rule reports on
            return self.index[position], None
        number = max(0, bisect.bisect_right(starts, column) - 1)
        return self.index[position], self.columns[number]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_frame(frame: Any, path: str,
               columns: Mapping[str, str | Sequence[str]] | None = None
               ) -> tuple[FrameGrid, TableRecords]:
    """The frame's grid and its records (the header recognised as a file's, with the
    configuration's ``columns:`` names too)."""
    grid = FrameGrid(frame)
    return grid, build(grid.sheet(), path, name_index(columns), "dataframe")
