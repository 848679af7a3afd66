"""What the rules may know besides the document: the lint date, the language findings speak,
and the input size limits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .readers.inputs import MAX_FILE_SIZE, MAX_TABLE_SIZE, WorkbookLimits


@dataclass(frozen=True, slots=True)
class Context:
    today: dt.date = field(default_factory=dt.date.today)
    max_file_size: int = MAX_FILE_SIZE  # bytes of one description (see inputs.py)
    max_table_size: int = MAX_TABLE_SIZE  # bytes of one project list
    workbook: WorkbookLimits = WorkbookLimits()  # what a workbook may hold (tables/bounds.py)
    # the language of messages and suggestions: the Linter binds its rules to it, so each
    # rule.finding speaks it (and so do the --jobs workers, which inherit the Linter)
    lang: str = "en"
