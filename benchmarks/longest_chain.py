"""The longest chain of CPU time of a ``--jobs`` run, for trees compared on a busy machine.

    python benchmarks/longest_chain.py OLD_TREE MAIN_TREE NEW_TREE --list LIST [--jobs 2]
        [--pairs 5] [--python PYTHON]

With two cores and two worker processes, a run's wall time on a quiet machine is its longest
chain of work: the parent's start-up until the pool starts, the slowest worker (or process a
worker forked), then the parent's tail after the last result (validation, sorting, the report).
Each of those is CPU time, which other work on the machine disturbs far less than wall time
(`benchmarks/RESULTS.md`, "Speed round (issue 22)"). Each tree runs ``eura-lint -f json`` on the
list in turn (OLD, MAIN, NEW, repeated ``--pairs`` times); a run without workers counts its one
process's CPU. The parent's unpickling of the results is not in the chain (the same for trees
that send the same results). Peak memory: the largest worker's and the parent's, MiB. Run it
with a Python whose environment has the runtime dependencies only, as a user's has (pandera
imports hypothesis, a test dependency, when it is installed: half a second more).

Inside each run (``--inside``), the command line runs in this process with hooks that note the
parent's CPU when the pool starts and after the last result, and make each process a worker
forked print its own CPU as it ends; a worker's own CPU is the workers' total less those.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys

_LINE = re.compile(r"MAIN pool=([\d.]+) workers=(\d+) tail=([\d.]+) self=([\d.]+) children=([\d.]+) "
                   r"rss=(\d+)/(\d+)")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def inside(argv: list[str]) -> None:
    """Run the command line with the hooks (see the module's docstring): the parent's CPU when
    the pool starts and after the last result, the workers started."""
    main_pid = os.getpid()
    marks: dict[str, float] = {}
    exit_now = os._exit

    def report(code: int = 0) -> None:
        me = _cpu()
        if os.getpid() == main_pid:
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            sys.stderr.write(
                f"MAIN pool={marks.get('pool', 0):.3f} workers={marks.get('workers', 0)} tail={me - marks.get('last', me):.3f} "
                f"self={me:.3f} children={children.ru_utime + children.ru_stime:.3f} "
                f"rss={children.ru_maxrss // 1024}/"
                f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}\n")
        elif os.getppid() != main_pid:  # forked by a worker (a worker's own exit is not sure)
            sys.stderr.write(f"FORKED self={me:.3f}\n")
        sys.stderr.flush()
        exit_now(code)

    os._exit = report  # the command line ends with os._exit; so do forked processes

    from eura_lint import engine

    pool_class = getattr(engine, "_pool_class", None)
    if pool_class is not None:
        def timed_pool() -> type:
            class Timed(pool_class()):  # type: ignore[misc]
                def __init__(self, *args, **named) -> None:
                    marks["pool"] = _cpu()
                    super().__init__(*args, **named)
                    marks["workers"] = self._processes
            return Timed
        engine._pool_class = timed_pool
    counted = engine._counted

    def last_noted(*args, **named):
        yield from counted(*args, **named)
        marks["last"] = _cpu()

    engine._counted = last_noted
    sys.argv = ["eura-lint", *argv]
    from eura_lint.cli import main

    try:
        main()
    except SystemExit as done:
        report(done.code if isinstance(done.code, int) else 0)


def one_run(python: str, tree: str, path: str, jobs: str) -> dict[str, float]:
    """One run's chain (CPU s), all its processes' CPU, and its peaks."""
    done = subprocess.run(
        [python, os.path.abspath(__file__), "--inside", "--no-config", "--today", "2026-11-22",
         "-f", "json", "-j", jobs, path],
        capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            [os.path.join(tree, "src"), *filter(None, [os.environ.get("PYTHONPATH")])])})
    found = _LINE.search(done.stderr)
    if found is None:
        raise SystemExit(f"{tree}: no measurement\n{done.stderr[-2000:]}")
    pool, workers_started, tail, parent, children = map(float, found.groups()[:5])
    forked = [float(x) for x in re.findall(r"FORKED self=([\d.]+)", done.stderr)]
    # the workers' CPU less what their forked processes report, split evenly between them (a
    # workbook is one task, one worker; a CSV one task per job, each worker taking one)
    workers = children - sum(forked)
    slowest = max([workers / max(1, workers_started), *forked])
    chain = parent if pool == 0 else pool + slowest + tail  # (no pool: one process)
    return {"chain": chain, "total": parent + children, "parent": parent, "slowest": slowest,
            "worker_mib": int(found.group(6)), "parent_mib": int(found.group(7))}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--inside":
        inside(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs=3, metavar="TREE", help="old, main and new checkouts")
    parser.add_argument("--list", required=True, help="the project list to lint")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable)
    options = parser.parse_args()
    names = ("old", "main", "new")
    results: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(options.pairs):
        for name, tree in zip(names, options.trees):
            measured = one_run(options.python, tree, options.list, options.jobs)
            results[name].append(measured)
            print(name, " ".join(f"{key}={value:.2f}" if isinstance(value, float)
                                 else f"{key}={value}" for key, value in measured.items()),
                  flush=True)
    print("| tree | chain CPU s, median | / old's, per triple: median (lowest–highest) | "
          "all processes' CPU s | largest worker / parent MiB |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        rows = results[name]
        ratios = [row["chain"] / old["chain"] for row, old in zip(rows, results["old"])]
        print(f"| {name} | {statistics.median(r['chain'] for r in rows):.2f} | "
              f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) | "
              f"{statistics.median(r['total'] for r in rows):.2f} | "
              f"{max(r['worker_mib'] for r in rows)} / {max(r['parent_mib'] for r in rows)} |")


if __name__ == "__main__":
    main()
