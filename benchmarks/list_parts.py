"""CPU time of the pieces a large project list's ``--jobs`` run is made of, in one process.

    python benchmarks/list_parts.py benchmarks/tables/list_20000.xlsx [--repeats 5] [--parts 2]

Reading the cells (a workbook's bounds pre-scan, calamine's grid and its error cells; a CSV's
decoding), linting all rows (rows to records, the row rules), linting each part (every n-th row,
as each of n processes does, each still reading every row's code and period), and pickling and
unpickling each result, as a worker and the parent do. Each piece is timed ``--repeats`` times,
alternated, with ``time.process_time``; the median (lowest–highest) is printed. The run is a
list-only run: no summaries for the cross rules, no details.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import statistics
import time
from collections.abc import Callable
from typing import Any

from eura_lint.context import Context
from eura_lint.engine import Run, build_linter, relax_gc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--parts", type=int, default=2)
    options = parser.parse_args()
    relax_gc()  # as the command line and each worker run
    linter = build_linter(context=Context(today=dt.date(2026, 11, 22)))
    this_run = Run(linter, compare_lists=False)
    times: dict[str, list[float]] = {}

    def timed(label: str, work: Callable[[], Any]) -> Any:
        start = time.process_time()
        value = work()
        times.setdefault(label, []).append(time.process_time() - start)
        return value

    for _ in range(options.repeats):
        cells = timed("read the cells", lambda: linter.read_cells(options.path))
        whole = timed("lint all rows", lambda: this_run.lint_cells(cells))
        data = timed("pickle all rows' result", lambda: pickle.dumps(whole, pickle.HIGHEST_PROTOCOL))
        timed("unpickle it", lambda: pickle.loads(data))
        for mine in range(options.parts):
            cells = linter.read_cells(options.path)
            part = timed(f"lint part {mine} of {options.parts}",
                         lambda: this_run.lint_tables(cells, (mine, options.parts)))
            data = timed(f"pickle part {mine}", lambda: pickle.dumps(part, pickle.HIGHEST_PROTOCOL))
            timed(f"unpickle part {mine}", lambda: pickle.loads(data))
    for label, values in times.items():
        print(f"{label:24s} {statistics.median(values):6.3f}  ({min(values):.3f}–{max(values):.3f})")


if __name__ == "__main__":
    main()
