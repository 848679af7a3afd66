"""Before and after, in one sitting: eura-lint on the 20,000-row CSV and XLSX lists, run from two
source trees alternately (A B A B ...), timed as whole processes by their CPU seconds, which a
busy machine disturbs far less than wall time.

    python benchmarks/compare_tables.py BEFORE_TREE AFTER_TREE [--pairs 7] [--rows 20000]

Each tree is run as ``python -m eura_lint --today 2026-11-22 -f json -j 1 FILE > /dev/null``
with ``PYTHONPATH=TREE/src`` (the same interpreter and installed dependencies for both), after one
warm-up run of each. Prints, per list, the median CPU and wall seconds of each tree and the
after / before CPU ratio pair by pair (median, and the lowest and highest pair).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run_tables import ensure  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(tree: Path, path: Path) -> tuple[float, float]:
    """(cpu s, wall s) of one run of the tree's eura-lint on ``path``."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, "-m", "eura_lint", "--today", "2026-11-22", "-f", "json", "-j", "1",
               str(path)]
    cpu, wall = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{tree}: exit {result.returncode}: {result.stderr.decode()[-500:]}")
    return _children_cpu() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    for path in ensure(args.rows):
        for tree in (args.before, args.after):
            timed(tree, path)  # warm-up: the page cache, the interpreter's bytecode
        before, after = [], []
        for _ in range(args.pairs):
            before.append(timed(args.before, path))
            after.append(timed(args.after, path))
        ratios = [a[0] / b[0] for a, b in zip(after, before)]
        print(f"{path.name}: {args.pairs} pairs")
        for name, runs in (("before", before), ("after", after)):
            print(f"  {name}: cpu {statistics.median(r[0] for r in runs):.2f} s, "
                  f"wall {statistics.median(r[1] for r in runs):.2f} s (medians)")
        print(f"  after / before cpu, pair by pair: {statistics.median(ratios):.3f} "
              f"({min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
