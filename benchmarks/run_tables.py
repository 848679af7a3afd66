"""Benchmark eura-lint on a 20,000-row project list, as CSV and as XLSX, against ``cat``.

    python benchmarks/run_tables.py            # 20,000 rows
    python benchmarks/run_tables.py 20000 --here

The lists are built if missing (``benchmarks/make_tables.py``: the real 2016 list cycled, codes
varied, RNG seed 2014). In the same run: ``cat FILE > /dev/null`` (warm cache, best of 5), then
``eura-lint --today 2026-11-22 -f FORMAT FILE > /dev/null`` for the text and JSON formats, best of
5, with the process tree's peak memory sampled as in ``run.py`` (the same runtime-only virtualenv
unless ``--here``). Python's start-up, the imports (pandas and pandera among them) and the report
are all inside the wall time. The table goes between the ``run_tables.py`` markers of
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_tables  # noqa: E402
import run  # noqa: E402

BEGIN, END = "<!-- run_tables.py:begin -->", "<!-- run_tables.py:end -->"
TARGETS = {".csv": 1.5, ".xlsx": 2.5}  # seconds, wall (issue 10)


def ensure(rows: int) -> tuple[Path, Path]:
    folder = HERE / "tables"
    csv_path, xlsx_path = folder / f"list_{rows}.csv", folder / f"list_{rows}.xlsx"
    if not (csv_path.exists() and xlsx_path.exists()):
        subprocess.run([sys.executable, str(HERE / "make_tables.py"), str(rows), "--out",
                        str(folder)], check=True)
    return csv_path, xlsx_path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark eura-lint on project lists.")
    parser.add_argument("rows", nargs="?", type=int, default=20_000)
    parser.add_argument("--here", action="store_true",
                        help="measure this interpreter's environment, not the runtime-only one")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not args.here:
        run.BIN = run.runtime_venv()
    environment = ("this script's environment" if args.here else
                   "`benchmarks/.venv-runtime` (runtime dependencies only, as a user installs it)")
    lines = ["| file | rows | MB | command | wall s (best of 5) | CPU s (mean) | rows/s | × cat "
             "| target s | peak RSS, tree sum MB | peak RSS, largest process MB |",
             "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(lines), flush=True)
    for path in ensure(args.rows):
        size = path.stat().st_size / 1e6
        cat_command = f"cat {shlex.quote(str(path))} > /dev/null"
        subprocess.run(cat_command, shell=True, check=True)
        cat = run.best(cat_command, 5, shell=True)
        row = (f"| `{path.name}` | {args.rows:,} | {size:.1f} | `cat` | {cat.wall:.3f} | "
               f"| {args.rows / cat.wall:,.0f} | 1.0 | | | |")
        print(row, flush=True)
        lines.append(row)
        for fmt in ("text", "json"):
            command = [str(run.BIN / "eura-lint"), "--today", run.TODAY, "-f", fmt, str(path)]
            before = _children_cpu()
            result = run.best(command, 5)
            cpu = (_children_cpu() - before) / 5
            if result.status not in (0, 1):
                raise SystemExit(f"eura-lint failed ({result.status}): {' '.join(command)}")
            row = (f"| `{path.name}` | {args.rows:,} | {size:.1f} | eura-lint -f {fmt} "
                   f"| {result.wall:.2f} | {cpu:.2f} | {args.rows / result.wall:,.0f} "
                   f"| {result.wall / cat.wall:.0f} | {TARGETS[path.suffix]} "
                   f"| {run.mb(result.tree_rss)} | {run.mb(result.process_rss)} |")
            print(row, flush=True)
            lines.append(row)
    load = os.getloadavg()[0]
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    block = "\n".join([
        BEGIN,
        f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} by `python benchmarks/"
        f"run_tables.py {args.rows}` on: {run.machine()}. eura-lint from {environment}, with the "
        f"default `--jobs` ({jobs}), `--today {run.TODAY}`, output to /dev/null, the full rule set. "
        f"Load average when it ended: {load:.1f} (other work on the machine lengthens wall "
        "times; CPU s is user + system time of eura-lint and its workers, the mean of the 5 runs).",
        "",
        *lines,
        END,
    ])
    if args.no_write:
        return
    text = run.RESULTS.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Project lists (issue 10)\n\n" + block + "\n"
    run.RESULTS.write_text(text, encoding="utf-8")
    print(f"\nwrote {run.RESULTS.relative_to(run.ROOT)}")


if __name__ == "__main__":
    main()
