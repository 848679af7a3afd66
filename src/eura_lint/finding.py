"""What a rule reports: an immutable finding with its position, and the severity scale."""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass


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


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem in one file. Field order is the sort order: path, line, column, rule."""

    path: str
    line: int
    column: int
    rule: str
    name: str
    severity: Severity
    message: str
    suggestion: str | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple]:
        # Pickled as a constructor call: the parent unpickles every finding a worker sends, and
        # the default for slotted dataclasses goes through a Python-level loop over the fields.
        return Finding, _FIELDS(self)

    def as_record(self) -> dict[str, object]:
        """The flat record every machine format is built from."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
        }


_FIELDS = operator.attrgetter(*Finding.__slots__)  # every field, in order, as one tuple


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
