"""The records the rules judge (a description, a list row, a list), their values with positions:
every section, field, list item and value keeps its line and column.

Lines and columns are 1-based, columns counted in characters of the decoded line. The values
are immutable named tuples (cheap to build: a description has hundreds of them). Values are
parsed once here so that rules never re-read text; a value that could not be parsed is ``None``
and the reason is kept in :attr:`Record.problems` for the structure rules to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from .finding import Project


class Field(NamedTuple):
    """A ``Label: value`` line. ``column`` is where the value starts (or would start, when empty)."""

    key: str | None  # the English key from parser.FIELDS, None for a label this linter does not know
    label: str
    value: str
    line: int
    column: int
    section: str


class Item(NamedTuple):
    """One comma-separated entry of a list field (``Maakunnat``, ``Seutukunnat``, ``Kunnat``)."""

    value: str
    line: int
    column: int


class Number(NamedTuple):
    """An amount or count with the position of its text; ``value`` is None when unparseable."""

    value: float | None
    raw: str
    line: int
    column: int


class Date(NamedTuple):
    value: dt.date | None
    raw: str
    line: int
    column: int


class TextLine(NamedTuple):
    text: str
    line: int


@dataclass(slots=True)
class Section:
    number: str  # "1", "4.1", ...
    title: str
    line: int
    end_line: int = 0  # the last line before the next section header (or of the file)
    fields: list[Field] = field(default_factory=list)
    text: list[TextLine] = field(default_factory=list)  # lines that are neither fields nor blank

    @property
    def is_empty(self) -> bool:
        """Nothing written: no lines, or only ``-`` (EURA's way of saying "nothing")."""
        return not self.fields and all(t.text.strip() in ("", "-") for t in self.text)


class Indicator(NamedTuple):
    """One section 7 measure, e.g. 7.1 new jobs: planned and realised, each with a women count."""

    section: str
    title: str
    line: int
    planned: Number | None = None
    planned_women: Number | None = None
    realised: Number | None = None
    realised_women: Number | None = None


class Answer(NamedTuple):
    """A section 8.1 question answered ``Kyllä`` or ``Ei`` (or, wrongly, anything else)."""

    question: str
    value: str
    line: int
    column: int


class Score(NamedTuple):
    """A section 8.2 item with its direct and indirect effect scores."""

    category: str
    item: str
    direct: Number
    indirect: Number
    line: int


class CoImplementer(NamedTuple):
    name: str
    business_id: str
    line: int
    column: int  # of the business id


class Problem(NamedTuple):
    """Something the parser could not read; reported by the EURA0xx rules."""

    kind: str  # "number", "date", "duplicate-section", "period", "missing-score"
    line: int
    column: int
    text: str
    detail: str = ""


@dataclass(slots=True)
class Record:
    """What the rules judge: a parsed description (:class:`Description`), one row of a project list
    (:class:`ListRow`) or a list's own record (:class:`ProjectList`: what is wrong with the list as a
    whole, or why it could not be read). ``source`` says which family of rules applies to it."""

    path: str
    # "description" (a project description) or "table" (a row of a project list, or the list
    # itself when it cannot be read): rules say in their ``sources`` which they apply to
    source: str = "description"
    unreadable: str | None = None  # why the file could not be read or decoded
    line_count: int = 0
    encoding: str = "utf-8"
    fund: str | None = None  # "EAKR" (ERDF) or "ESR" (ESF), from the fund line
    fund_line: int | None = None
    sections: dict[str, Section] = field(default_factory=dict)  # first occurrence of each number
    headers: list[tuple[str, int]] = field(default_factory=list)  # every header seen, in order
    fields: dict[str, Field] = field(default_factory=dict)  # known fields by English key
    lists: dict[str, list[Item]] = field(default_factory=dict)  # regions, subregions, municipalities
    numbers: dict[str, Number] = field(default_factory=dict)  # funding amounts by key
    start: Date | None = None
    end: Date | None = None
    indicators: list[Indicator] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    co_implementers: list[CoImplementer] = field(default_factory=list)
    co_implementers_line: int | None = None
    problems: list[Problem] = field(default_factory=list)
    # "fi", or "en" for the English version of a page EURA published (known by its fund line)
    language: str = "fi"
    # On an English page, the sections the parser could not read, their English labels not being
    # known: section number -> the unknown labels seen (empty: nothing in it could be read)
    unread: dict[str, list[str]] = field(default_factory=dict)
    # A table row's cells as written (label: the column's header; section: the sheet's name,
    # "" for CSV), for the rules that judge a cell's text rather than its value
    cells: list[Field] = field(default_factory=list)
    # What several rules read and is computed once per document by a named step (the resolved
    # place lists, say): the linter runs the steps its rules declare and stores each result here
    # under the step's name (see eura_lint.registry).
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    # The decoded lines, kept while the document is linted so that a report can quote the lines
    # that carry findings; never sent back from a worker.
    lines: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def looks_like_description(self) -> bool:
        return self.unreadable is None and (self.fund is not None or len(self.sections) >= 2)

    @property
    def project(self) -> Project | None:
        """The project this record is (code, name: whitespace runs made one space), None for a
        record that names neither (a file that is no description, a list's own record)."""
        code = " ".join(self.value("project_code").split()) or None
        name = " ".join(self.value("project_name").split()) or None
        if code is None and name is None:
            return None
        return Project(code.upper() if code else None, name)

    def value(self, key: str) -> str:
        """The text of a known field, ``""`` when absent or empty."""
        found = self.fields.get(key)
        return found.value if found else ""

    def was_read(self, key: str, section: str, english_label: str | None) -> bool:
        """Whether the parser could look for field ``key`` of ``section``: always on a Finnish
        page; on an English page only where its English label is known and its section read."""
        if self.language == "fi":
            return True
        return key in self.fields or (english_label is not None and section not in self.unread)

    def section_is_empty(self, number: str) -> bool:
        section = self.sections.get(number)
        return section is None or section.is_empty

    @property
    def years(self) -> range:
        """The calendar years of the planned period, for judging against time-varying data."""
        start = self.start.value if self.start and self.start.value else None
        end = self.end.value if self.end and self.end.value else None
        if start and end and start <= end:
            return range(start.year, end.year + 1)
        if start or end:
            year = (start or end).year
            return range(year, year + 1)
        return range(0)


@dataclass(slots=True)
class Description(Record):
    """A project description, parsed from its text (``source="description"``)."""


@dataclass(slots=True)
class ListRow(Record):
    """One row of a project list (``source="table"``): its fields and its ``cells`` as written."""


@dataclass(slots=True)
class ProjectList(Record):
    """A project list as a whole (``source="table"``): the problems of the list itself (its
    header, repeated codes, rows of another period), or why it could not be read."""
