"""Before and after, in one sitting: eura-lint from two source trees, run alternately (A B A B ...)
on the same workloads, each run timed as a whole process: wall and CPU seconds (user + system of
the process and its workers) and the peak resident memory of its largest process.

    python benchmarks/compare_trees.py BEFORE_TREE AFTER_TREE [--pairs 5] [--workloads ...]
    python benchmarks/compare_trees.py /tmp/old . --workloads csv-j1,xlsx-j1 --pairs 7

Each tree is run as ``python -m eura_lint --today 2026-11-22 -f json ... > /dev/null`` with
``PYTHONPATH=TREE/src``: the same interpreter and installed dependencies for both (give
``--python`` a virtualenv with the runtime dependencies only, as a user installs them: pandera
imports hypothesis's strategies when hypothesis is installed, which the test extra brings). One
warm-up run of each tree precedes each workload's pairs. Prints, per workload, the medians of each
tree and the after / before ratio of wall and CPU time taken pair by pair (median, lowest, highest),
as a Markdown table. The workloads (the corpora are built when missing):

* ``descriptions``: the 10,000-description corpus (``make_corpus.py``), ``--jobs 2``;
* ``descriptions-j1``: the same with ``--jobs 1``;
* ``csv``, ``xlsx``: the 20,000-row list (``make_tables.py``), default ``--jobs`` (2);
* ``csv-j1``, ``xlsx-j1``: the same with ``--jobs 1``;
* ``one``: one description (seed 002), the pre-commit case, start-up included.

A wall time means something only on a quiet machine (compare the CPU ratio otherwise).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402
import run_tables  # noqa: E402

SEED = min((HERE.parent / "seeds").glob("002_*.txt"))


def workloads(rows: int) -> dict[str, list[str]]:
    """Each workload's arguments after ``python -m eura_lint``."""
    csv, xlsx = run_tables.ensure(rows)
    corpus = str(make_corpus.ensure(10_000))
    return {
        "descriptions": ["-j", "2", corpus],
        "descriptions-j1": ["-j", "1", corpus],
        "csv": ["-j", "2", str(csv)],
        "xlsx": ["-j", "2", str(xlsx)],
        "csv-j1": ["-j", "1", str(csv)],
        "xlsx-j1": ["-j", "1", str(xlsx)],
        "one": [str(SEED)],
    }


def timed(python: str, tree: Path, arguments: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MiB of the largest process) of one run of the tree's eura-lint."""
    env = {**os.environ, "PYTHONPATH": str(tree.resolve() / "src")}
    command = [python, "-m", "eura_lint", "--today", "2026-11-22", "-f", "json", *arguments]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        # wait4 gives this child's own usage with its reaped workers' (on Linux ru_maxrss is then
        # the largest of them), where RUSAGE_CHILDREN would be cumulative over every run.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            stderr.seek(0)
            raise SystemExit(f"{tree}: exit {process.returncode}: {stderr.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter both trees run with (default: this one)")
    parser.add_argument("--workloads", default="descriptions,descriptions-j1,csv,xlsx,one",
                        help="comma-separated: descriptions, descriptions-j1, csv, xlsx, "
                             "csv-j1, xlsx-j1, one")
    args = parser.parse_args()
    known = workloads(args.rows)
    chosen = args.workloads.split(",")
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown workloads: {', '.join(unknown)}")
    print("| workload | before wall s | after wall s | after/before wall | after/before CPU "
          "| before CPU s | after CPU s | before peak MiB | after peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in chosen:
        arguments = known[name]
        for tree in (args.before, args.after):
            timed(args.python, tree, arguments)  # warm-up: the page cache, the bytecode
        before, after = [], []
        for _ in range(args.pairs):
            before.append(timed(args.python, args.before, arguments))
            after.append(timed(args.python, args.after, arguments))

        def median(runs: list[tuple[float, float, float]], i: int) -> float:
            return statistics.median(run[i] for run in runs)

        def ratio(i: int) -> str:
            pairs = [a[i] / b[i] for a, b in zip(after, before)]
            return f"{statistics.median(pairs):.2f} ({min(pairs):.2f}–{max(pairs):.2f})"

        print(f"| {name} | {median(before, 0):.2f} | {median(after, 0):.2f} | {ratio(0)} "
              f"| {ratio(1)} | {median(before, 1):.2f} | {median(after, 1):.2f} "
              f"| {median(before, 2):.0f} | {median(after, 2):.0f} |", flush=True)


if __name__ == "__main__":
    main()
