"""Where the time of one run goes, phase by phase, in one process (as ``--jobs 1`` runs it).

    python benchmarks/phases.py benchmarks/corpus/10000          # descriptions
    python benchmarks/phases.py benchmarks/tables/list_20000.csv # a project list
    python benchmarks/phases.py seeds/002_*.txt -f text          # one description

The engine's steps are called one by one here, as ``Linter.lint_file`` and ``Linter.finish``
call them, with CPU time (``time.process_time``, which other work on the machine disturbs far
less than wall time) and wall time taken around each: start-up (Python and the imports of the
command line), the catalogue, binding the rules, listing the files, reading, decoding, parsing,
the document rules (the declared steps, the rules and the table row), importing pandas and
pandera, the one pandera validation, the cross checks, sorting, and rendering the report. A
project list is read (bytes, cells and header) and then its rows are made records and linted as
they are consumed: "rows to records" and "document rules" are told apart inside that loop.
"""

from __future__ import annotations

import time

_START_CPU, _START_WALL = time.process_time(), time.perf_counter()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import sys  # noqa: E402
from collections import defaultdict  # noqa: E402

import eura_lint.cli  # noqa: E402,F401  (start-up: what the command imports)

_IMPORTED_CPU, _IMPORTED_WALL = time.process_time(), time.perf_counter()

from eura_lint import __version__  # noqa: E402
from eura_lint.context import Context  # noqa: E402
from eura_lint.engine import build_linter  # noqa: E402
from eura_lint.kinds import load_catalogue  # noqa: E402
from eura_lint.kinds.columns import prepare_table  # noqa: E402
from eura_lint.kinds.cross import compare  # noqa: E402
from eura_lint.readers.decoding import decode  # noqa: E402
from eura_lint.readers.description import parse  # noqa: E402
from eura_lint.readers.discovery import REPORT_HEAD, find_files, report_format  # noqa: E402
from eura_lint.readers.inputs import read_regular  # noqa: E402
from eura_lint.readers.project_list import in_sheet, is_table_path, read_table  # noqa: E402
from eura_lint.report import Report  # noqa: E402


class Clock:
    """CPU and wall seconds summed per phase."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self._cpu, self._wall = time.process_time(), time.perf_counter()

    def lap(self, phase: str) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        self.cpu[phase] += cpu - self._cpu
        self.wall[phase] += wall - self._wall
        self._cpu, self._wall = cpu, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-f", "--format", default="json")
    parser.add_argument("--today", default="2026-11-22")
    args = parser.parse_args()
    clock = Clock()
    clock.cpu["start-up (Python, imports)"] = _IMPORTED_CPU - _START_CPU
    clock.wall["start-up (Python, imports)"] = _IMPORTED_WALL - _START_WALL
    catalogue = load_catalogue()
    clock.lap("catalogue")
    linter = build_linter(catalogue=catalogue,
                          context=Context(today=dt.date.fromisoformat(args.today)))
    clock.lap("binding the rules, per-run data")
    # as the command lists them: the descriptions found in folders are told from this linter's
    # reports when they are read (counted with "read" below)
    found = find_files(args.paths, later=True)
    if found.missing:
        parser.error(f"no such file or directory: {', '.join(found.missing)}")
    files = found.files
    clock.lap("listing the files")
    findings, rows, summaries = [], [], []
    for path in files:
        if is_table_path(path):
            data = read_regular(path, linter.context.max_table_size)
            clock.lap("read")
            tables = read_table(path, data, linter.columns)
            clock.lap("list: cells and header")
            for table in tables:
                found = []
                records = iter(table.rows)
                while True:
                    doc = next(records, None)
                    clock.lap("list: rows to records")
                    if doc is None:
                        break
                    linter._derive(linter._row_steps, doc)
                    found.extend(linter._run(linter._row_checks, doc))
                    rows.append(linter._row(doc))
                    clock.lap("document rules (steps, rules, table row)")
                found.extend(linter._run(linter._row_checks, table.table))
                if table.sheet is not None:
                    found = [in_sheet(f, table.sheet) for f in found]
                findings.extend(found)
                clock.lap("document rules (steps, rules, table row)")
            continue
        data = read_regular(path, linter.context.max_file_size)
        if path in found.unsure and report_format(data[:REPORT_HEAD]) is not None:
            clock.lap("read")
            continue  # one of this linter's reports, not linted
        clock.lap("read")
        decoded = decode(data)
        clock.lap("decode")
        doc = parse(decoded.text, path, decoded.encoding)
        clock.lap("parse")
        result = linter.lint_document(doc)
        findings.extend(result.findings)
        if result.row is not None:
            rows.append(result.row)
        summaries.extend(result.summaries)
        clock.lap("document rules (steps, rules, table row)")
    prepare_table()
    clock.lap("importing pandas and pandera")
    findings.extend(linter.table.validate(rows))
    clock.lap("pandera validation")
    if linter.cross_rules and summaries:
        findings.extend(compare(summaries, linter.cross_rules))
    clock.lap("cross checks")
    findings.sort()
    clock.lap("sorting")
    from eura_lint.reporters import REPORTERS

    report = Report(findings=findings, paths=files, rules=linter.rules, version=__version__,
                    today=linter.context.today)
    output = REPORTERS[args.format](report)
    clock.lap(f"rendering ({args.format})")
    total_cpu, total_wall = sum(clock.cpu.values()), sum(clock.wall.values())
    print(f"{len(files):,} files, {len(rows):,} rows, {len(findings):,} findings, "
          f"{len(output):,} characters of {args.format}")
    print("| phase | CPU s | share | wall s |\n|---|---:|---:|---:|")
    for phase, cpu in clock.cpu.items():
        print(f"| {phase} | {cpu:.3f} | {cpu / total_cpu:.0%} | {clock.wall[phase]:.3f} |")
    print(f"| total | {total_cpu:.3f} | | {total_wall:.3f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
