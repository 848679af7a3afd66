"""Running the catalogue: read, parse, run the document rules, then the one table validation.

The work per document (reading, decoding, parsing, document rules) yields a small
:class:`DocResult`: its findings and its table row, never its text, so a large corpus costs memory
in proportion to its findings. The per-run work (catalogue, reference data, compiled patterns)
happens once per run, before the first document: ``--jobs`` workers are forked from the process
that did it and inherit it (where processes are spawned instead, each worker repeats it). The
pandera schema is built once per linter and validates every row at once, after the last document.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import heapq
import itertools
import operator
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from .catalogue import RuleSpec
from .context import Context
from .kinds.cross import Summary, compare, summarise
from .readers.decoding import UndecodableError, decode, split_lines
from .finding import SORT_KEY, Finding, FrameFinding, Project
from .readers.inputs import MAX_FILE_SIZE, InputError, read_regular
from .kinds import CrossRule, DocumentRule, bind, load_catalogue
from .model import Description, Record
from .readers.description import parse
from .errors import CheckFailed
from .registry import DocumentCheck, rule_subject, steps_for
from .report import RecordFacts
from .selector import Selection, active_rules
from .readers.discovery import REPORT_HEAD, expand_paths, own_report, report_format
from .kinds.columns import Row, TableCheck, TableSchema, prepare_table, row_of
from .readers.project_list import (TableCells, in_sheet, is_table_path, is_workbook_path,
                                   read_cells, table_records)
from .readers.project_list.frame import read_frame
from .readers.project_list.records import TableRecords


class DocResult(NamedTuple):
    """What a worker sends back for one file (a named tuple: it unpickles through one constructor
    call, where a slotted dataclass sets its fields one by one in Python)."""

    path: str
    findings: list[Finding]
    row: Row | None  # None for files that are not descriptions
    # for reports that show them (Linter.details): what the record says about itself, and the
    # text of the lines that carry findings
    facts: RecordFacts | None = None
    sources: dict[int, str] | None = None
    rows: tuple[Row, ...] = ()  # a project list's rows
    summaries: tuple[Summary, ...] = ()  # for the cross rules, when any is active
    records: tuple[RecordFacts, ...] = ()  # a project list's rows' facts (Linter.details)
    # the per-cell findings of the rules reported once per column (Linter.finish sums them up):
    # (sheet, column label, finding)
    cells: tuple[tuple[str, str, Finding], ...] = ()
    # the format when the file, found in a folder, is one of this linter's reports: not linted
    report: str | None = None


@dataclass
class RunDetails:
    """What a run gathers for the reports written for people (see :class:`report.Report`)."""

    records: dict[str, list[RecordFacts]] = field(default_factory=dict)
    sources: dict[str, dict[int, str]] = field(default_factory=dict)

    def add(self, path: str, facts: RecordFacts | None, sources: dict[int, str] | None,
            rows: Sequence[RecordFacts] = ()) -> None:
        records = self.records.setdefault(path, [])
        if facts is not None:
            records.append(facts)
        records.extend(rows)
        if sources:
            self.sources.setdefault(path, {}).update(sources)

    def read_missing(self, findings: Iterable[Finding], skip: Container[str] = ()) -> None:
        """The table rules find their problems after every document has been dropped: the lines
        they point at are read again, from the few files that have such findings (never from
        ``skip``, standard input, which cannot be read twice)."""
        wanted: dict[str, set[int]] = {}
        for finding in findings:
            if finding.line not in self.sources.get(finding.path, ()) and finding.path not in skip:
                wanted.setdefault(finding.path, set()).add(finding.line)
        for path, numbers in wanted.items():
            try:
                # (a regular file still: it was linted, within the size limit, moments ago)
                lines = split_lines(decode(read_regular(path, limit=sys.maxsize)).text)
            except (OSError, InputError, UndecodableError):
                continue
            if lines and lines[0].startswith("\ufeff"):
                lines[0] = lines[0][1:]
            self.sources.setdefault(path, {}).update(
                (line, lines[line - 1]) for line in numbers if line <= len(lines))


@dataclass
class Linter:
    """A configured catalogue, its rules bound to their code. Build once (binding, the checks'
    per-run preparation and the table schema happen once) and run it as often as wanted: no run
    changes it. What belongs to one run (whether it gathers details, whether it compares
    descriptions with lists) is a :class:`Run`. :meth:`lint_document` is the per-file path and
    :meth:`finish` the table phase after the last file."""

    rules: Mapping[str, RuleSpec]
    context: Context = field(default_factory=Context)
    # the configuration's ``columns:``: table key -> the column name(s) of an export
    columns: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # every rule speaks the context's language: bound here, before the rules are bound to
        # their code, so findings of document and table rules alike are rendered in it
        self.rules = {rule_id: rule.in_language(self.context.lang)
                      for rule_id, rule in self.rules.items()}
        document_rules: list[DocumentRule] = []
        table_checks: list[TableCheck] = []
        self.cross_rules: list[RuleSpec] = []
        for rule in self.rules.values():
            bound = bind(rule)
            if isinstance(bound, DocumentRule):
                document_rules.append(bound)
            elif isinstance(bound, CrossRule):
                self.cross_rules.append(bound.rule)
            else:
                table_checks.extend(bound)
        self.table = TableSchema(table_checks)
        # a rule's ``sources`` says whether it judges descriptions, project lists' rows, or both
        self._document_checks = [(bound.rule, bound.function) for bound in document_rules
                                 if "description" in bound.rule.sources]
        self._always_checks = [(bound.rule, bound.function) for bound in document_rules
                               if bound.always and "description" in bound.rule.sources]
        self._row_checks = [(bound.rule, bound.function) for bound in document_rules
                            if "table" in bound.rule.sources]
        self._steps = steps_for(need for bound in document_rules for need in bound.needs
                                if "description" in bound.rule.sources)
        self._row_steps = steps_for(need for bound in document_rules for need in bound.needs
                                    if "table" in bound.rule.sources)
        # rules whose findings repeat per cell, reported once per column of a list (their
        # ``each-cell`` parameter false; set it true to have every cell's finding)
        self._per_column = {rule.id for rule, _ in self._row_checks
                            if rule.params.get("each-cell") is False}
        for prepare in dict.fromkeys(bound.prepare for bound in document_rules):
            if prepare is not None:
                prepare()

    def lint_document(self, doc: Record, details: bool = False, summaries: bool = True
                      ) -> DocResult:
        """One record's findings and row; with ``details``, also its facts and its findings'
        source lines; with ``summaries`` (and a cross rule active), what the cross rules compare."""
        if doc.source == "table":
            self._derive(self._row_steps, doc)
            return DocResult(doc.path, about(self._run(self._row_checks, doc), doc.project),
                             self._row(doc))
        if not doc.looks_like_description:
            findings = self._run(self._always_checks, doc)
            if details:
                return DocResult(doc.path, findings, None, None, _source_lines(doc, findings))
            return DocResult(doc.path, findings, None)
        self._derive(self._steps, doc)
        row = self._row(doc)
        findings = about(self._run(self._document_checks, doc), row.project)
        summary = summarise(doc) if summaries and self.cross_rules else None
        kept = (summary,) if summary else ()
        if details:
            return DocResult(doc.path, findings, row, facts_of(doc, row.project),
                             _source_lines(doc, findings), summaries=kept)
        return DocResult(doc.path, findings, row, summaries=kept)

    @staticmethod
    def _derive(steps: list, doc: Record) -> None:
        derived = doc.derived
        for step in steps:
            try:
                derived[step.name] = step.function(doc)
            except Exception as exc:
                raise CheckFailed(f"step {step.name}", doc.path, exc) from exc

    @staticmethod
    def _row(doc: Record) -> Row:
        try:
            return row_of(doc)
        except Exception as exc:
            raise CheckFailed("the table row", doc.path, exc) from exc

    def _run(self, checks: list[tuple[RuleSpec, DocumentCheck]], doc: Record) -> list[Finding]:
        findings: list[Finding] = []
        context = self.context
        for rule, check in checks:
            try:
                findings.extend(check(doc, rule, context))
            except Exception as exc:
                raise CheckFailed(rule_subject(rule), doc.path, exc) from exc
        return findings

    def lint_file(self, path: str, details: bool = False, summaries: bool = True) -> DocResult:
        if is_table_path(path):
            return self.lint_table(path, summaries=summaries, details=details)
        return self.lint_document(read_document(path, limit=self.context.max_file_size),
                                  details, summaries)

    def lint_table(self, path: str, data: bytes | None = None,
                   part: tuple[int, int] = (0, 1), summaries: bool = True, details: bool = False
                   ) -> DocResult:
        """A project list: every row linted as a record, then the table's own record. A
        workbook's findings name their cell (``Sheet!K17``) in the message. ``part`` (k, n):
        only every n-th row from the k-th (:func:`eura_lint.readers.project_list.read_table`). The reports'
        source lines of a CSV are read again at the end (``RunDetails.read_missing``)."""
        return self.lint_cells(self.read_cells(path, data), part, summaries, details)

    def read_cells(self, path: str, data: bytes | None = None) -> TableCells:
        """A project list's cells, read once (a workbook checked against the limits and read
        whole), for :meth:`lint_cells`."""
        try:
            return read_cells(path, data, self.context.max_table_size, self.context.workbook)
        except Exception as exc:
            raise CheckFailed("reading the table", path, exc) from exc

    def lint_cells(self, cells: TableCells, part: tuple[int, int] = (0, 1),
                   summaries: bool = True, details: bool = False) -> DocResult:
        """The rows of a list read by :meth:`read_cells` (every n-th from the k-th: ``part``)
        made records and linted; see :meth:`lint_table`."""
        try:
            tables = table_records(cells, self.columns, part)
        except Exception as exc:
            raise CheckFailed("reading the table", cells.path, exc) from exc
        return self.lint_records(cells.path, tables, summaries, details)

    def lint_records(self, path: str, tables: Iterable[TableRecords], summarise_rows: bool = True,
                     details: bool = False) -> DocResult:
        """The records of a project list, however it was read (a file, a DataFrame)."""
        findings: list[Finding] = []
        rows: list[Row] = []
        summaries: list[Summary] = []
        checks, steps = self._row_checks, self._row_steps
        summarising = bool(self.cross_rules) and summarise_rows
        facts: list[RecordFacts] = []  # each row's, for the reports that count projects
        per_column = self._per_column
        cells: list[tuple[str, str, Finding]] = []
        for table in tables:
            found: list[Finding] = []
            records = iter(table.rows)
            while True:
                try:
                    doc = next(records, None)
                except Exception as exc:
                    raise CheckFailed("reading the table", path, exc) from exc
                if doc is None:
                    break
                if steps:
                    self._derive(steps, doc)
                row = self._row(doc)
                rows.append(row)
                if per_column:
                    found.extend(self._set_apart(about(self._run(checks, doc), row.project), doc,
                                                 table.sheet, cells))
                else:
                    found.extend(about(self._run(checks, doc), row.project))
                if details:
                    facts.append(facts_of(doc, row.project))
                if summarising:
                    summary = summarise(doc)
                    if summary is not None:
                        summaries.append(summary)
            # the table's own record last: its problems are complete once its rows are read
            found.extend(self._run(checks, table.table))
            if table.sheet is not None:
                found = [in_sheet(f, table.sheet) for f in found]
            findings.extend(found)
        return DocResult(path, findings, None, rows=tuple(rows), summaries=tuple(summaries),
                         records=tuple(facts), cells=tuple(cells))

    def _set_apart(self, findings: list[Finding], doc: Record, sheet: str | None,
                   cells: list[tuple[str, str, Finding]]) -> list[Finding]:
        """The findings of a row, less those of the rules reported per column, which go to
        ``cells`` with their column's label (each is at its cell's position)."""
        kept = []
        labels: dict[tuple[int, int], str] | None = None
        for finding in findings:
            if finding.rule not in self._per_column:
                kept.append(finding)
                continue
            if labels is None:
                labels = {(cell.line, cell.column): cell.label for cell in doc.cells}
            label = labels.get((finding.line, finding.column), "")
            if sheet is not None:  # a workbook's cell named in the message, as the others are
                finding = in_sheet(finding, sheet)
            cells.append((sheet or "", label, finding))
        return kept

    def __reduce__(self) -> tuple:
        # Where workers are spawned rather than forked, each gets the linter by pickle: it is
        # rebuilt from its rules and context (binding and preparation are repeated there), as
        # its bound table checks are closures that do not pickle.
        return type(self), tuple(getattr(self, f.name) for f in fields(self))

    def finish(self, results: Iterable[DocResult], details: RunDetails | None = None
               ) -> list[Finding]:
        """Run the table rules over every row at once and return all findings, sorted; the
        results' facts and source lines are gathered into ``details`` when one is given."""
        findings: list[Finding] = []
        rows = []
        summaries: list[Summary] = []
        described: list[DocResult] = []  # the descriptions'
        cells: list[tuple[str, str, Finding]] = []
        for result in results:
            findings.extend(result.findings)
            cells.extend(result.cells)
            if result.row is not None:
                rows.append(result.row)
                described.append(result)
            rows.extend(result.rows)
            summaries.extend(result.summaries)
            if details is not None:
                details.add(result.path, result.facts, result.sources, result.records)
        findings.extend(self.table.validate(rows))
        if cells:
            findings.extend(per_column(cells, self.rules))
        if self.cross_rules and summaries:
            # reported at the description's field: about the description's project
            projects = {result.row.path: result.row.project for result in described}
            findings.extend(finding.with_project(projects.get(finding.path))
                            for finding in compare(summaries, self.cross_rules))
        findings.sort(key=SORT_KEY)
        return findings


SHOWN_CELLS = 5  # the positions a finding about a column names


def per_column(cells: Iterable[tuple[str, str, Finding]], rules: Mapping[str, RuleSpec]
               ) -> Iterator[Finding]:
    """One finding per rule and column of a list for the cells' findings (``DocResult.cells``):
    at the first cell, its message the rule's ``column`` phrase with the number of cells, the
    first cells' lines and the first cell's message; about no one project. A column with one such
    cell keeps that cell's own finding."""
    columns: dict[tuple[str, str, str, str], list[Finding]] = {}
    for sheet, label, finding in cells:
        columns.setdefault((finding.path, finding.rule, sheet, label), []).append(finding)
    for (path, rule_id, sheet, label), found in columns.items():
        found.sort()
        first = found[0]
        if len(found) == 1:
            yield first
            continue
        rule = rules[rule_id]
        # the lines (the rows) only: the column is the label's, and a character column would
        # not mean the same in a workbook or a DataFrame
        shown = [str(f.line) for f in found[:SHOWN_CELLS]]
        positions = ", ".join(shown) + (", …" if len(found) > SHOWN_CELLS else "")
        template = rule.phrases.get("column")
        values = {"label": label, "count": len(found), "positions": positions,
                  "first": first.message}
        message = (rule.render(template.get(rule.lang) or template["en"], values) if template
                   else f"{label}: {len(found)} × {first.message} ({positions})")
        yield Finding(path, first.line, first.column, rule.id, rule.name, first.severity,
                      message, first.suggestion, cells=len(found))


def about(findings: list[Finding], project: Project | None) -> list[Finding]:
    """The findings of one record, each naming the record's project."""
    if project is None:
        return findings
    return [finding.with_project(project) for finding in findings]


def facts_of(doc: Record, project: Project | None = None) -> RecordFacts:
    authority = " ".join(doc.value("authority").split()) or None
    axis = " ".join(doc.value("axis").split()) or None
    regions = tuple(item.value for item in doc.lists.get("regions", ()))
    line = doc.line_count if doc.source == "table" else 0  # a row's record: the row's line
    return RecordFacts(authority, regions, doc.source, project, doc.fund, axis, line)


def _source_lines(doc: Record, findings: Iterable[Finding]) -> dict[int, str]:
    lines = doc.lines
    return {f.line: lines[f.line - 1] for f in findings if f.line <= len(lines)}


def read_document(path: str, data: bytes | None = None, limit: int = MAX_FILE_SIZE) -> Record:
    """Read and parse one file; a file that cannot be read (or is no regular file, or is larger
    than ``limit`` bytes: see inputs.py) becomes a Description that says why, and a failure of the
    reading or parsing code itself a :class:`CheckFailed` that names the file."""
    try:
        return _read_document(path, data, limit)
    except Exception as exc:
        raise CheckFailed("reading and parsing", path, exc) from exc


def _read_document(path: str, data: bytes | None, limit: int) -> Record:
    if data is None:
        try:
            data = read_regular(path, limit)
        except InputError as exc:
            return Description(path=path, unreadable=str(exc))
        except OSError as exc:
            return Description(path=path, unreadable=exc.strerror or str(exc))
    try:
        decoded = decode(data)
    except UndecodableError as exc:
        return Description(path=path, unreadable=str(exc))
    return parse(decoded.text, path, decoded.encoding)


def build_linter(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    overrides: Mapping[str, Mapping] | None = None,
    context: Context | None = None,
    catalogue: Mapping[str, RuleSpec] | None = None,
    columns: Mapping[str, object] | None = None,
) -> Linter:
    """The catalogue with config applied: ``overrides`` maps a rule id to
    ``{"enabled": bool, "severity": Severity | None, "params": dict}``."""
    active = active_rules(catalogue or load_catalogue(), Selection.of(select, ignore), overrides)
    return Linter(active, context or Context(), columns=dict(columns or {}))


class Given(NamedTuple):
    """A file its caller has read already (standard input): the name it is reported by (a
    project list when it ends in a table extension), and its bytes or why they could not be
    read."""

    path: str
    data: bytes | None = None
    unreadable: str | None = None


@dataclass(frozen=True)
class Run:
    """One run of a linter over a set of files: the linter, and what this run alone decides.
    :func:`run` makes one; the ``--jobs`` workers each hold it (see :func:`_init_worker`)."""

    linter: Linter
    # also send back each record's facts and its findings' source lines (for RunDetails)
    details: bool = False
    # whether records keep what the cross rules compare: off for a run that does not hold both
    # descriptions and project lists, where nothing can be compared
    compare_lists: bool = True
    # files found in folders that may be this linter's reports, told apart as they are read
    unsure: frozenset[str] = frozenset()

    @classmethod
    def of(cls, linter: Linter, files: Sequence[str], given: Sequence[Given] = (),
           details: bool = False, unsure: Iterable[str] = ()) -> Run:
        """The run of ``linter`` over ``files`` and the files already read (``given``): it
        compares descriptions with lists only when it holds both, and a cross rule is active."""
        kinds = {is_table_path(path) for path in [*files, *(g.path for g in given)]}
        return cls(linter, details, bool(linter.cross_rules) and len(kinds) == 2,
                   frozenset(unsure))

    def lint_file(self, path: str) -> DocResult:
        if path in self.unsure:
            return self._lint_unsure(path)
        return self.linter.lint_file(path, self.details, self.compare_lists)

    def _lint_unsure(self, path: str) -> DocResult:
        """A description found in a folder, unless its first bytes are one of this linter's
        reports (see readers.discovery.report_format): read once, for both."""
        if is_table_path(path):  # (a search defers descriptions only; a list is judged alike)
            kind = own_report(path)
            return (DocResult(path, [], None, report=kind) if kind is not None
                    else self.linter.lint_file(path, self.details, self.compare_lists))
        try:
            data = read_regular(path, self.linter.context.max_file_size)
        except Exception:
            # too large, gone, not a regular file: a report still when its first bytes say so
            # (as a search that read only those would have found), else linted as it is
            kind = own_report(path)
            if kind is not None:
                return DocResult(path, [], None, report=kind)
            return self.linter.lint_file(path, self.details, self.compare_lists)
        kind = report_format(data[:REPORT_HEAD])
        if kind is not None:
            return DocResult(path, [], None, report=kind)
        return self.lint_document(read_document(path, data))

    def lint_document(self, doc: Record) -> DocResult:
        return self.linter.lint_document(doc, self.details, self.compare_lists)

    def lint_table_part(self, path: str, part: tuple[int, int]) -> DocResult:
        return self.linter.lint_table(path, part=part, summaries=self.compare_lists,
                                      details=self.details)

    def lint_cells(self, cells: TableCells) -> DocResult:
        return self.linter.lint_cells(cells, summaries=self.compare_lists, details=self.details)

    def lint_tables(self, cells: TableCells, part: tuple[int, int]) -> list[DocResult]:
        """``part`` of a list's rows linted, one result per table (sheet), for
        :func:`_joined_tables`."""
        linter = self.linter
        try:
            tables = table_records(cells, linter.columns, part)
        except Exception as exc:
            raise CheckFailed("reading the table", cells.path, exc) from exc
        return [linter.lint_records(cells.path, [table], self.compare_lists, self.details)
                for table in tables]

    def lint_given(self, given: Given) -> DocResult:
        """A file the caller has read already (standard input)."""
        if given.unreadable is not None:
            return self.lint_document(Description(path=given.path, unreadable=given.unreadable))
        if is_table_path(given.path):
            return self.linter.lint_table(given.path, given.data, summaries=self.compare_lists,
                                          details=self.details)
        return self.lint_document(read_document(given.path, given.data))


# The run a worker process serves: set once in each worker, by the pool's initializer (a worker
# is a process of its own; nothing sets it in the process that starts the run).
_WORKER: Run | None = None
# What each worker is linting, for the parent to name when a worker dies (an abort in native
# code, the kernel's out-of-memory killer): one fixed-size slot per worker in shared memory
# holding "pid\0path", empty between files.
_SLOT_SIZE = 4096
# (ctypes.memmove, the address of this worker's slot); ctypes is imported by the worker, where
# multiprocessing's shared array has imported it already, not by every command at its start
_SLOT: tuple[Callable[[int, bytes, int], Any], int] | None = None


_WORKER_SIGNALS = ((signal.SIGINT, signal.SIG_IGN), (signal.SIGTERM, signal.SIG_DFL))


def _init_worker(this_run: Run, slots: Any = None, counter: Any = None) -> None:
    global _WORKER, _SLOT
    _WORKER = this_run
    if slots is not None:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        # a worker started to replace a dead one finds no slot: the parent is ending the run
        if index < len(slots) // _SLOT_SIZE:
            import ctypes

            _SLOT = (ctypes.memmove, ctypes.addressof(slots) + index * _SLOT_SIZE)
        else:
            _SLOT = None
    for number, handler in _WORKER_SIGNALS:  # where workers are spawned, not forked, too
        signal.signal(number, handler)
    relax_gc()  # a worker is ours alone, and lives only for the run


def relax_gc() -> None:
    """Linting allocates many small containers and frees them all with their document, and a run
    ends holding every finding and table row: the cyclic collector's default of a pass every 700
    allocations, each older pass walking the whole heap, is pure overhead here (it cost about
    0.3 s of a 10,000-document run). Objects alive now (catalogue, reference data, imported
    modules) are moved out of its sight, and the young generation is collected less often. The
    command line calls this once, for its whole process, and each worker process for itself; a
    library caller's collector is left as it is."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


class ForkedList(NamedTuple):
    """The task of a large workbook: one worker reads its cells, then forks ``parts`` - 1
    processes that share them, and each of the ``parts`` lints every ``parts``-th row
    (:func:`_lint_forked`)."""

    path: str
    parts: int


# a pool task: a file; a part (path, k, n) of a large CSV or TSV; a large workbook
Task = str | tuple[str, int, int] | ForkedList
# what a worker sends back for a task: a ForkedList's is a list of the parts' results, each a
# list of one result per table (the first part's as it is, the others' as their processes pickled
# them), or one part holding the whole list's result where it was not shared (see _joined)
TaskResult = DocResult | list[list[DocResult] | bytes]


def _lint_in_worker(task: Task) -> TaskResult:
    assert _WORKER is not None
    _mark(task if isinstance(task, str) else task[0])
    try:
        if isinstance(task, ForkedList):
            return _lint_forked(_WORKER, task.path, task.parts)
        if isinstance(task, tuple):  # a part of a large project list
            path, mine, parts = task
            return _WORKER.lint_table_part(path, (mine, parts))
        return _WORKER.lint_file(task)
    finally:
        _mark(None)


def _lint_batch(tasks: list[Task]) -> list[TaskResult]:
    return [_lint_in_worker(task) for task in tasks]


_PART_DIED = ("a process linting its rows ended abruptly (killed, or aborted in native code); "
              "no report is written")


def _lint_forked(this_run: Run, path: str, parts: int) -> list[list[DocResult] | bytes]:
    """A large workbook, read once here and linted by ``parts`` processes. Reading it (the
    bounds pre-scan, calamine's grid, the error cells) is more than a third of its cost and
    cannot be split by rows; turning rows into records and running the rules can. So this
    worker reads the cells, then forks ``parts`` - 1 processes, which inherit them (copy on
    write, nothing pickled), and each of the ``parts`` processes lints every ``parts``-th row,
    as the workers share a large CSV. Each forked process pickles its result into a pipe; this
    worker passes those bytes on unopened (unpickled once, by the process that started the run).
    The workbook is read in a worker, never in that process: a crafted file that aborts the
    reading ends a worker, which the run reports (see :func:`_watched`); a forked process that
    dies is reported here, as a failure on this file. One process lints it all where there is
    no fork, and in a run that compares descriptions with lists (the cross rules take a
    project's first list row, so they need the rows in their order: see :func:`_joined_tables`)."""
    cells = this_run.linter.read_cells(path)
    if (cells.unreadable is not None or parts < 2 or not hasattr(os, "fork")
            or this_run.compare_lists):
        return [[this_run.lint_cells(cells)]]
    forked: dict[int, int] = {}  # process id -> the pipe its result comes by
    try:
        try:
            for mine in range(1, parts):
                pid, pipe = _fork_part(this_run, cells, (mine, parts))
                forked[pid] = pipe
        except OSError:  # no process or pipe to be had (a limit reached): all of it here,
            _end_parts(forked)  # what was forked ended first, not left to lint alongside
            return [[this_run.lint_cells(cells)]]
        first = this_run.lint_tables(cells, (0, parts))
        others = []
        for pid in list(forked):
            others.append(_part_result(pid, forked.pop(pid), path))
        return [first, *others]
    finally:
        _end_parts(forked)  # those not waited for: this worker's own part failed


def _end_parts(forked: dict[int, int]) -> None:
    """Forked parts ended, their pipes closed, and forgotten."""
    for pid, pipe in forked.items():
        os.close(pipe)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
    forked.clear()


def _fork_part(this_run: Run, cells: TableCells, part: tuple[int, int]) -> tuple[int, int]:
    """A forked process that lints ``part`` of ``cells`` and writes its result, pickled, to a
    pipe: b"R" and its results (one a table), or b"E" and the exception that ended it."""
    reading, writing = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        raise
    if pid:
        os.close(writing)
        return pid, reading
    status = 1
    try:
        os.close(reading)
        _end_with(parent)
        try:
            payload = b"R" + pickle.dumps(this_run.lint_tables(cells, part),
                                          pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            try:
                payload = b"E" + pickle.dumps(exc, pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = b"E" + pickle.dumps(CheckFailed("linting", cells.path, repr(exc)))
        with open(writing, "wb") as stream:
            stream.write(payload)
        status = 0
    finally:
        os._exit(status)  # never back into the pool's loop, whose worker this process is not


def _end_with(parent: int) -> None:
    """On Linux, have the kernel end this forked process when the worker that forked it ends
    (the pool ends its workers when a run is interrupted or fails; what they forked would
    otherwise lint on, with no one to read it)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # (imported already in a worker, by multiprocessing's shared array)

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (ImportError, OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the worker ended before that was set
        os._exit(1)


def _part_result(pid: int, pipe: int, path: str) -> bytes:
    """A forked part's pickled result, read whole; its exception raised here; its death a
    :class:`CheckFailed` naming the file."""
    try:
        with open(pipe, "rb") as stream:
            payload = stream.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if payload[:1] == b"E":
        try:
            failure = pickle.loads(payload[1:])
        except Exception as exc:  # an exception of the part's that cannot be rebuilt here
            raise CheckFailed("linting", path, exc) from None
        raise failure
    if status != 0 or payload[:1] != b"R":
        raise CheckFailed("linting", path, _PART_DIED)
    return payload[1:]


def _mark(path: str | None) -> None:
    if _SLOT is None:
        return
    memmove, address = _SLOT
    record = b"" if path is None else f"{os.getpid()}\0{path}".encode("utf-8", "replace")
    record = record[:_SLOT_SIZE - 1].ljust(_SLOT_SIZE, b"\0")
    # One memmove: a slice assignment to a shared ctypes array sets its 4,096 bytes one at a
    # time (0.18 ms a write, two per file: 3.6 s of CPU over 10,000 descriptions)
    memmove(address, record, _SLOT_SIZE)


def _dead_worker(slots: Any, settle: float = 0.05) -> str | None:
    """The file a worker that is gone was linting: its slot still names it, and its process
    has ended (the pool reaps an ended worker within a tenth of a second). A slot is rewritten
    byte by byte while it is read, so a record read once may be half of one file and half of
    another, with a number that is no process: a death is believed only when the slot, read
    again ``settle`` seconds later, holds the same record, with a path, and its process is
    still gone (a dead worker no longer writes; a live one rewrites its slot by then, or its
    number is alive)."""
    for start in range(0, len(slots), _SLOT_SIZE):
        record = _slot_record(slots, start)
        if record is None or not _is_gone(record[0]):
            continue
        time.sleep(settle)
        if _slot_record(slots, start) == record and _is_gone(record[0]):
            return record[1]
    return None


def _slot_record(slots: Any, start: int) -> tuple[int, str] | None:
    """A slot's "pid\0path", or None when it is empty or cannot be one."""
    pid, separator, path = bytes(slots[start:start + _SLOT_SIZE]).rstrip(b"\0").partition(b"\0")
    if not (pid.isdigit() and separator and path) or b"\0" in path:
        return None
    return int(pid), path.decode("utf-8", "replace")


def _is_gone(pid: int) -> bool:
    if pid <= 0:  # 0 or a negative number would name a process group, not a process
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists (another user's), or cannot be asked about: not ours dead
        return False
    return False


def _watched(results: Any, slots: Any) -> Iterator[list[DocResult]]:
    """The pool's results in order; a worker that died (its task's result would then never
    come, and the run would wait for ever) ends the run with the file it was linting named."""
    import multiprocessing

    while True:
        try:
            yield results.next(timeout=0.2)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            path = _dead_worker(slots)
            if path is not None:
                raise CheckFailed("linting", path, "its worker process ended abruptly (killed, "
                                  "or aborted in native code); no report is written") from None


def run(linter: Linter, files: Sequence[str], jobs: int = 1,
        progress: Callable[[int], None] | None = None,
        given: Sequence[Given] = (), details: RunDetails | None = None,
        unsure: Iterable[str] = (), reports: list[tuple[str, str]] | None = None
        ) -> list[Finding]:
    """Lint files, in ``jobs`` processes when that pays; the result does not depend on ``jobs``.
    ``given`` holds files already read in this process (standard input). ``details``, when
    given, receives each record's facts and source lines. ``unsure``: files (found in folders)
    that are not linted when their first bytes are one of this linter's reports; each such is
    appended to ``reports`` as (path, format). The linter is left as it was: what this run
    decides is its :class:`Run`."""
    this_run = Run.of(linter, files, given, details is not None, unsure)
    done = [this_run.lint_given(one) for one in given]
    if jobs > 1 and (len(files) >= 4 * jobs or _large_table(files)):
        findings = _run_pool(this_run, files, jobs, progress, done, details, reports)
    else:
        findings = linter.finish(itertools.chain(
            done, _counted(map(this_run.lint_file, files), progress, reports)), details)
    if details is not None:
        details.read_missing(findings, skip={one.path for one in given})
    return findings


# A project list this large is shared by the worker processes while this process imports pandas
# and pandera for the validation (about 0.9 s of CPU that would otherwise follow the lint). A CSV
# or TSV is split by rows: each worker reads the whole text (cheap) and lints every n-th row. A
# workbook is read by one worker (its bounds pre-scan, calamine's grid and its error cells, more
# than a third of its cost, while this process imports), which then forks processes that share
# the read cells and lint every n-th row (see _lint_forked). Read by each worker, a workbook cost
# more than it saved (20,000 rows: 2.7 s shared by two workers, 2.1 s in one process alone).
LARGE_TABLE_BYTES = 512 * 1024


def _large_table(files: Sequence[str]) -> bool:
    return any(_is_large_list(path) for path in files)


def _is_large_list(path: str) -> bool:
    """A project list (CSV, TSV or workbook) of at least LARGE_TABLE_BYTES."""
    try:
        return is_table_path(path) and os.path.getsize(path) >= LARGE_TABLE_BYTES
    except OSError:
        return False


def _tasks(files: Sequence[str], jobs: int, compare_lists: bool = False) -> list[Task]:
    """A large CSV or TSV list is shared by the workers, each linting every ``jobs``-th row; a
    large workbook is one task, whose worker shares it with processes of its own, so many that
    all the large workbooks' processes together are about ``jobs`` (each worker forking
    ``jobs`` - 1 would make jobs² processes, each with its copy of the rows it touched). In a run
    that compares descriptions with lists, a list is linted whole by one worker: the cross rules
    take a project's first list row, in the rows' order, which the parts' results do not keep."""
    # each file's size asked once: a file still being written may grow between two askings
    large = {path: not compare_lists and _is_large_list(path) for path in files}
    shared = {path for path in files if large[path] and not is_workbook_path(path)}
    workbooks = sum(large.values()) - len(shared)
    tasks: list[Task] = []
    for path in files:
        if path in shared:
            tasks.extend((path, mine, jobs) for mine in range(jobs))
        elif large[path] and jobs // workbooks > 1:
            tasks.append(ForkedList(path, jobs // workbooks))
        else:
            tasks.append(path)
    return tasks


def _joined(results: Iterable[TaskResult], tasks: Sequence[Task]) -> Iterator[DocResult]:
    """One result per file: the parts of a shared CSV or TSV (consecutive tasks, as imap keeps
    the order) joined, and a forked workbook's, each as one process would give it."""
    parts: list[list[DocResult]] = []  # a shared CSV's parts so far, one table each
    for task, result in zip(tasks, results):
        if isinstance(task, ForkedList):
            assert isinstance(result, list)
            yield _joined_tables([part if isinstance(part, list) else pickle.loads(part)
                                  for part in result])
        elif isinstance(task, tuple):
            assert isinstance(result, DocResult)
            parts.append([result])
            if task[1] == task[2] - 1:  # its last part
                yield _joined_tables(parts)
                parts = []
        else:
            assert isinstance(result, DocResult)
            yield result


def _joined_tables(parts: list[list[DocResult]]) -> DocResult:
    """A shared list's parts (each one result per table) as one result, whose records (the
    rows' facts, which the reports for people count projects by, taking a project's first row)
    are in the order one process gives: table by table, each table's rows by their line. (The
    other fields' order does not show: findings are sorted, the validation's findings too.)"""
    whole: DocResult | None = None
    for tables in itertools.zip_longest(*parts):
        table: DocResult | None = None
        for part in tables:
            if part is not None:
                table = part if table is None else _merged(table, part)
        assert table is not None
        if len(parts) > 1 and table.records:
            table = table._replace(records=tuple(heapq.merge(
                *(part.records for part in tables if part is not None),
                key=operator.attrgetter("line"))))
        whole = table if whole is None else _merged(whole, table)
    assert whole is not None
    return whole


def _merged(result: DocResult, part: DocResult) -> DocResult:
    """Two parts' results of one list as one."""
    return result._replace(findings=result.findings + part.findings,
                           rows=result.rows + part.rows,
                           summaries=result.summaries + part.summaries,
                           records=result.records + part.records,
                           cells=result.cells + part.cells)


def _run_pool(this_run: Run, files: Sequence[str], jobs: int,
              progress: Callable[[int], None] | None, done: Sequence[DocResult],
              details: RunDetails | None = None, reports: list[tuple[str, str]] | None = None
              ) -> list[Finding]:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    tasks = _tasks(files, jobs, this_run.compare_lists)
    jobs = min(jobs, len(tasks))  # (a workbook alone is one task: one worker, and what it forks)
    # Workers start with SIGINT ignored and SIGTERM at its default, whatever handlers the caller
    # has: Ctrl-C reaches every process of the terminal's group and is the parent's to handle
    # (it ends the pool), and the pool itself ends its workers with SIGTERM. Set around the fork,
    # so that no worker runs a moment with the parent's handlers; the parent's are back at once.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = ({number: signal.signal(number, handler) for number, handler in _WORKER_SIGNALS}
                if in_main_thread else {})
    try:
        context = multiprocessing.get_context(method)
        slots = context.RawArray("c", jobs * _SLOT_SIZE)
        pool = _pool_class()(jobs, initializer=_init_worker,
                             initargs=(this_run, slots, context.Value("i", 0)), context=context)
    finally:
        for number, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python, which stays
                signal.signal(number, handler)
    with pool:  # leaving it by an exception (Ctrl-C, SIGTERM, a failed check) ends every worker
        # chunks of up to 128 documents (about 40 ms of work): fewer hand-overs for the parent to
        # unpickle, and still a short wait for the last one
        chunk = max(1, min(128, len(tasks) // (jobs * 8)))
        # (chunks made here: imap with a chunksize returns a plain generator, whose next()
        # cannot wait with a timeout, and _watched needs one to look for a dead worker)
        batches = [tasks[start:start + chunk] for start in range(0, len(tasks), chunk)]
        done_in_pool = _watched(pool.imap(_lint_batch, batches), slots)
        results = _joined(itertools.chain.from_iterable(done_in_pool), tasks)  # in order
        if this_run.linter.table.checks:
            # The table phase needs pandas and pandera (about half a second to import): import
            # them now, while the workers lint, rather than after the last document.
            prepare_table()
        return this_run.linter.finish(
            itertools.chain(done, _counted(results, progress, reports)), details)


@functools.cache
def _pool_class() -> type:
    """multiprocessing's Pool, less a busy loop: its worker-maintaining thread waits on the
    workers' sentinels and on the pipe the results come back by, so that from the moment a
    result is written until the result thread has read it whole, every wait returns at once
    and the thread loops (10,000 descriptions with 2 jobs: 10,200 turns, about 0.25 s of the
    parent's CPU and of its GIL while it imports pandas and unpickles). It need not wake for
    results: it maintains the workers, which their own sentinels signal, and the pool's cache
    tells it through the change notifier when the last task is done; so it waits on those alone.
    (``_get_sentinels`` is the pool's own hook for that list, kept when a Python lacks it.)"""
    import multiprocessing.pool

    class Pool(multiprocessing.pool.Pool):
        def _get_sentinels(self) -> list:
            notifier = getattr(self, "_change_notifier", None)
            if notifier is None:
                return super()._get_sentinels()
            return [notifier._reader]

    return Pool


def _counted(results: Iterable[DocResult], progress: Callable[[int], None] | None,
             reports: list[tuple[str, str]] | None = None) -> Iterator[DocResult]:
    """The results, each counted as done; those of this linter's reports set apart."""
    for result in results:
        if progress is not None:
            progress(1)
        if result.report is not None:
            if reports is not None:
                reports.append((result.path, result.report))
            continue
        yield result


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- the library API -------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _default_linter(today: dt.date) -> Linter:
    """The full default catalogue for one lint date, built once and reused by every call that
    names no linter of its own (a new day builds a new one)."""
    return build_linter(context=Context(today=today))


def lint_text(text: str, path: str = "<text>", *, linter: Linter | None = None) -> list[Finding]:
    """Lint one description given as text. ``linter`` defaults to the full default catalogue."""
    linter = linter or _default_linter(dt.date.today())
    try:
        doc = parse(text, path)
    except Exception as exc:
        raise CheckFailed("parsing", path, exc) from exc
    return linter.finish([linter.lint_document(doc)])


def lint_bytes(data: bytes, path: str = "<bytes>", *, linter: Linter | None = None) -> list[Finding]:
    """Lint one file's bytes: a project list when ``path`` ends in .csv, .tsv, .xlsx, .xlsb,
    .xls or .ods."""
    linter = linter or _default_linter(dt.date.today())
    return linter.finish([lint_result(linter, path, data)])


def lint_result(linter: Linter, path: str, data: bytes) -> DocResult:
    if is_table_path(path):
        return linter.lint_table(path, data)
    return linter.lint_document(read_document(path, data))


def lint_paths(paths: Sequence[str], *, linter: Linter | None = None, jobs: int = 1
               ) -> list[Finding]:
    """Lint files and directories (recursing into descriptions and project lists)."""
    return run(linter or _default_linter(dt.date.today()), expand_paths(paths), jobs=jobs)


def lint_frame(frame: Any, *, columns: Mapping[str, str | Sequence[str]] | None = None,
               today: dt.date | None = None, select: Sequence[str] = (),
               ignore: Sequence[str] = (), lang: str = "en", name: str = "<DataFrame>",
               linter: Linter | None = None) -> list[FrameFinding]:
    """Lint a pandas DataFrame as a project list (read by any means: ``read_excel``,
    ``read_sql``, a Parquet file), its column labels recognised as a file's header (plus
    ``columns``, the configuration's ``columns:`` mapping). Each finding names the row's index
    label and the column's label; ``name`` stands for the file's path. ``today`` is the lint
    date; ``select``/``ignore`` choose rules as the command's options do; or pass a ``linter``
    (``build_linter(...)``) instead of those three and ``lang``."""
    if not (hasattr(frame, "columns") and hasattr(frame, "itertuples")):
        raise TypeError(f"lint_frame needs a pandas DataFrame, not {type(frame).__name__}")
    if linter is None:
        day = today or dt.date.today()
        if select or ignore or lang != "en":
            linter = build_linter(select, ignore, context=Context(today=day, lang=lang))
        else:
            linter = _default_linter(day)
    elif today is not None or select or ignore or lang != "en":
        raise TypeError("lint_frame: give either a linter or today/select/ignore/lang, not both")
    try:
        grid, table = read_frame(frame, name, linter.columns if columns is None else columns)
    except Exception as exc:
        raise CheckFailed("reading the DataFrame", name, exc) from exc
    findings = linter.finish([linter.lint_records(name, [table])])
    return [FrameFinding(*grid.locate(f.line, f.column), f) for f in findings]
