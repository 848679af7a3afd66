"""What a rule reports: an immutable finding with its position, and the severity scale."""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that comparisons read naturally: ``Severity.ERROR > Severity.WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        # looked up: the reports write a severity for every finding, and an enum member's
        # ``name`` is a descriptor call in Python
        return _SEVERITY_NAMES[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected one of: error, warning, info)"
            ) from None


_SEVERITY_NAMES = {severity: severity.name.lower() for severity in Severity}


class Project(NamedTuple):
    """The project a finding is about: its code (``A70080``), and its name where the record
    gives one. A named tuple: a finding carries it across processes at the cost of two strings."""

    code: str | None
    name: str | None = None


class Finding(NamedTuple):
    """One problem in one file. Field order is the sort order: path, line, column, rule, then
    name, severity, message and suggestion (the project and the cell count, which follow from
    the position, take no part in comparisons, nor in equality).

    A named tuple rather than a frozen dataclass because findings are built by the tens of
    thousands (a list of 20,000 rows has 28,000, and the engine builds each again with its
    project): a frozen slotted dataclass sets its ten fields one by one through
    ``object.__setattr__`` in Python, about ten times the cost of building the tuple, and it
    unpickles (``--jobs``) through that same constructor. Sort large lists with
    ``key=SORT_KEY`` (compared in C, where ``<`` calls the Python method below)."""

    path: str
    line: int
    column: int
    rule: str
    name: str
    severity: Severity
    message: str
    suggestion: str | None = None
    # the description or list row the finding is about; None for a finding about a whole file
    # (an unreadable file, a header that is not recognised)
    project: Project | None = None
    # the number of a column's cells a finding stands for (one finding per column, at the first
    # cell); 0 for a finding about its own position. A baseline keys such a finding by its
    # message, which holds the count and the cells' lines, not by the first cell's line.
    cells: int = 0

    # Comparisons see the first eight fields only (a tuple's own would go on to the project).
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self[:_COMPARED] == other[:_COMPARED]

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self[:_COMPARED] != other[:_COMPARED]

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    def __lt__(self, other: tuple) -> bool:
        return self[:_COMPARED] < other[:_COMPARED]

    def __le__(self, other: tuple) -> bool:
        return self[:_COMPARED] <= other[:_COMPARED]

    def __gt__(self, other: tuple) -> bool:
        return self[:_COMPARED] > other[:_COMPARED]

    def __ge__(self, other: tuple) -> bool:
        return self[:_COMPARED] >= other[:_COMPARED]

    def with_project(self, project: Project | None) -> Finding:
        return Finding(*self[:_COMPARED], project, self.cells)

    def with_message(self, message: str) -> Finding:
        return Finding(*self[:6], message, *self[7:])

    def as_record(self) -> dict[str, object]:
        """The record the JSON report writes: ``project`` (``{"code", "name"}``) only for a
        finding about a project."""
        record: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.project is not None:
            record["project"] = {"code": self.project.code, "name": self.project.name}
        return record

    def as_row(self) -> tuple[object, ...]:
        """The flat row of :data:`COLUMNS` (the CSV report's and a data frame's columns): every
        value a scalar, None where there is none."""
        project = self.project
        return (self.path, self.line, self.column, self.rule, self.name, str(self.severity),
                self.message, self.suggestion, project.code if project else None,
                project.name if project else None)


# The columns of a finding as a flat row (Finding.as_row): the CSV report's header, and the one
# definition for anything else that lays findings out as a table.
COLUMNS = ("path", "line", "column", "rule", "name", "severity", "message", "suggestion",
           "project_code", "project_name")


# The fields that take part in comparisons: path, line, column, rule, name, severity, message,
# suggestion (as the dataclass Finding was, the sort order of every report).
_COMPARED = 8

# A finding's place in the sort order, as one tuple: the fields that take part in comparisons,
# in order. ``findings.sort(key=SORT_KEY)`` puts them in the order ``findings.sort()`` does,
# comparing the tuples in C where ``__lt__`` slices two tuples in Python for every comparison
# (a run's 15,000 findings: about 0.15 s of CPU, after the last file).
SORT_KEY = operator.itemgetter(slice(0, _COMPARED))


@dataclass(frozen=True, slots=True)
class FrameFinding:
    """A finding in a pandas DataFrame linted as a project list: where a file's finding has a
    line and a column number, this one has the row's index label and the column's label (both
    None for a finding about the frame as a whole, such as an unrecognised header).
    ``finding`` is the finding as the list reader placed it, on the lines a CSV file of the
    frame would have (the header on line 1)."""

    index: object
    column: object
    finding: Finding

    path = property(lambda self: self.finding.path)
    rule = property(lambda self: self.finding.rule)
    name = property(lambda self: self.finding.name)
    severity = property(lambda self: self.finding.severity)
    message = property(lambda self: self.finding.message)
    suggestion = property(lambda self: self.finding.suggestion)

    def as_record(self) -> dict[str, object]:
        """The finding's flat record with the labels in place of line and column."""
        record = self.finding.as_record()
        record["line"] = self.index
        record["column"] = self.column
        return record
