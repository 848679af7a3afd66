"""What a rule reports: an immutable finding with its position, and the severity scale."""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field, fields
from typing import NamedTuple


class Severity(enum.IntEnum):
    """Ordered so that comparisons read naturally: ``Severity.ERROR > Severity.WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r} (expected one of: error, warning, info)"
            ) from None


class Project(NamedTuple):
    """The project a finding is about: its code (``A70080``), and its name where the record
    gives one. A named tuple: a finding carries it across processes at the cost of two strings."""

    code: str | None
    name: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem in one file. Field order is the sort order: path, line, column, rule (the
    project, which follows from the position, takes no part in comparisons)."""

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
    project: Project | None = field(default=None, compare=False)
    # the number of a column's cells a finding stands for (one finding per column, at the first
    # cell); 0 for a finding about its own position. A baseline keys such a finding by its
    # message, which holds the count and the cells' lines, not by the first cell's line.
    cells: int = field(default=0, compare=False)

    def __reduce__(self) -> tuple[type[Finding], tuple]:
        # Pickled as a constructor call: the parent unpickles every finding a worker sends, and
        # the default for slotted dataclasses goes through a Python-level loop over the fields.
        return Finding, _FIELDS(self)

    def with_project(self, project: Project | None) -> Finding:
        return Finding(self.path, self.line, self.column, self.rule, self.name, self.severity,
                       self.message, self.suggestion, project, self.cells)

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


_FIELDS = operator.attrgetter(*Finding.__slots__)  # every field, in order, as one tuple

# A finding's place in the sort order, as one tuple: the fields that take part in comparisons,
# in order. ``findings.sort(key=SORT_KEY)`` puts them in the order ``findings.sort()`` does,
# comparing the tuples in C where the dataclass's ``__lt__`` builds two tuples in Python for
# every comparison (a run's 15,000 findings: about 0.15 s of CPU, after the last file).
SORT_KEY = operator.attrgetter(*(f.name for f in fields(Finding) if f.compare))


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
