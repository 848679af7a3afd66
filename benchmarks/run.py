"""Benchmark eura-lint against ``cat`` on generated corpora, and the single-file (pre-commit) case.

    python benchmarks/run.py                 # N = 1000 10000 50000
    python benchmarks/run.py 1000 10000 --formats json text

For each N the corpus is built if missing (``benchmarks/make_corpus.py``), then, in the same run:

* ``cat``: ``find DIR -name '*.txt' -print0 | xargs -0 cat > /dev/null``, warm cache (one untimed
  run first), best of 5;
* ``eura-lint --today 2026-11-22 -f FORMAT DIR > /dev/null`` for every format with the default
  ``--jobs`` (the machine's cores): best of 5 for N <= 10,000, of 2 above (the machine's wall
  times swing by ±10 % from minute to minute; the best run is the least disturbed one);
* peak memory, by sampling ``/proc`` every 10 ms over the process tree (eura-lint and its worker
  processes): the peak of the *sum* of their RSS (which counts pages the forked workers share
  with the parent more than once, so it overstates) and the largest single process's peak RSS
  (``VmHWM``);
* the single-file wall time, ``eura-lint seeds/002_*.txt``, next to ``python -c "import eura_lint"``
  and ``python -c pass`` (best of 5 each).

eura-lint is measured as a user installs it: from a virtualenv with the runtime dependencies only
(``benchmarks/.venv-runtime``, made on first use with ``pip install -e .``, so it always runs the
current source). The test extra matters: pandera imports its hypothesis strategies whenever
hypothesis is installed, which a user's install does not have. ``--here`` measures the
environment running this script instead.

It prints a Markdown table and rewrites the block between the ``run.py`` markers in
``benchmarks/RESULTS.md`` (the rest of that file is written by hand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

FORMATS = ("text", "json", "junit", "sarif", "github")
TODAY = "2026-11-22"
RESULTS = HERE / "RESULTS.md"
BEGIN, END = "<!-- run.py:begin -->", "<!-- run.py:end -->"
RUNTIME_VENV = HERE / ".venv-runtime"
BIN = Path(sys.executable).parent  # replaced by the runtime virtualenv's unless --here


def runtime_venv() -> Path:
    """The runtime-only virtualenv's ``bin``, made (or brought up to date) with pip."""
    if not (RUNTIME_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(RUNTIME_VENV)], check=True)
    python = RUNTIME_VENV / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", str(ROOT)], check=True)
    return python.parent


@dataclass
class Measure:
    wall: float
    tree_rss: int = 0  # peak of the summed RSS of the process tree, KiB
    process_rss: int = 0  # largest single-process peak RSS (VmHWM), KiB
    status: int = 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def _memory(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def measure(command: list[str] | str, shell: bool = False) -> Measure:
    """Wall time of one run, with the process tree's memory sampled every 10 ms."""
    peak = {"tree": 0, "process": 0}
    start = time.perf_counter()
    proc = subprocess.Popen(command, shell=shell, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids, todo = [], [proc.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(_children(pid))
            total = 0
            for pid in pids:
                rss, hwm = _memory(pid)
                total += rss
                peak["process"] = max(peak["process"], hwm)
            peak["tree"] = max(peak["tree"], total)
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status = proc.wait()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measure(wall, peak["tree"], peak["process"], status)


def best(command: list[str] | str, times: int, shell: bool = False) -> Measure:
    runs = [measure(command, shell) for _ in range(times)]
    fastest = min(runs, key=lambda m: m.wall)
    # memory: the worst seen over the repeats (sampling can miss a short peak)
    fastest.tree_rss = max(m.tree_rss for m in runs)
    fastest.process_rss = max(m.process_rss for m in runs)
    return fastest


def cat_command(folder: Path) -> str:
    return f"find {shlex.quote(str(folder))} -name '*.txt' -print0 | xargs -0 cat > /dev/null"


def machine() -> str:
    model = "unknown CPU"
    try:
        text = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        model = found.group(1).strip() if found else model
    except OSError:
        pass
    memory = "?"
    try:
        kib = int(re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(),
                            re.MULTILINE).group(1))
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"`nproc` {cores}, {model}, {memory} RAM, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def mb(kib: int) -> str:
    return f"{kib / 1024:.0f}"


def run_n(n: int, formats: list[str]) -> list[str]:
    folder = make_corpus.ensure(n)
    manifest = (folder / "MANIFEST.json").read_text(encoding="utf-8")
    size = int(re.search(r'"bytes": (\d+)', manifest).group(1))
    repeats = 5 if n <= 10_000 else 2
    subprocess.run(cat_command(folder), shell=True, check=True)  # warm the page cache
    cat = best(cat_command(folder), 5, shell=True)
    rows = [f"| {n:,} | `cat` | {cat.wall:.2f} | {n / cat.wall:,.0f} | {size / 1e6 / cat.wall:.0f} "
            f"| 1.0 | | |"]
    print(rows[0], flush=True)
    for fmt in formats:
        command = [str(BIN / "eura-lint"), "--today", TODAY, "-f", fmt, str(folder)]
        result = best(command, repeats)
        if result.status not in (0, 1):
            raise SystemExit(f"eura-lint failed ({result.status}): {' '.join(command)}")
        row = (f"| {n:,} | {fmt} | {result.wall:.2f} | {n / result.wall:,.0f} "
               f"| {size / 1e6 / result.wall:.1f} | {result.wall / cat.wall:.1f} "
               f"| {mb(result.tree_rss)} | {mb(result.process_rss)} |")
        print(row, flush=True)
        rows.append(row)
    return rows


def single_file(other_venvs: list[Path]) -> list[str]:
    (seed,) = (ROOT / "seeds").glob("002_*.txt")
    python = str(BIN / "python")
    cases = [
        ("`eura-lint seeds/002_*.txt`", [str(BIN / "eura-lint"), "--today", TODAY,
                                         str(seed.relative_to(ROOT))]),
        ("`eura-lint -f json seeds/002_*.txt`", [str(BIN / "eura-lint"), "--today", TODAY,
                                                 "-f", "json", str(seed.relative_to(ROOT))]),
        ('`python -c "import eura_lint"`', [python, "-c", "import eura_lint"]),
        ("`python -c pass`", [python, "-c", "pass"]),
    ]
    for venv in other_venvs:  # e.g. a runtime-only install, as pre-commit builds one
        cases.append((f"`eura-lint seeds/002_*.txt` ({venv.name}: runtime dependencies only)",
                      [str(venv / "bin" / "eura-lint"), "--today", TODAY,
                       str(seed.relative_to(ROOT))]))
    rows = []
    for label, command in cases:
        result = best(command, 5)
        row = f"| {label} | {result.wall:.3f} | {mb(result.process_rss)} |"
        print(row, flush=True)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark eura-lint against cat.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000, 50_000])
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--venv", type=Path, action="append", default=[],
                        help="also time the single file with this virtualenv's eura-lint")
    parser.add_argument("--here", action="store_true",
                        help="measure this interpreter's environment, not the runtime-only one")
    args = parser.parse_args()
    global BIN
    if not args.here:
        BIN = runtime_venv()
    environment = ("this script's environment" if args.here else
                   "`benchmarks/.venv-runtime` (runtime dependencies only, as a user installs it)")

    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    header = ["| N | format | wall s | docs/s | MB/s | × cat | peak RSS, tree sum MB "
              "| peak RSS, largest process MB |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    print("\n".join(header), flush=True)
    rows = [row for n in args.sizes for row in run_n(n, args.formats)]
    print("\n| single file | wall s | peak RSS MB |\n|---|---:|---:|", flush=True)
    single = single_file(args.venv)

    block = "\n".join([
        BEGIN,
        f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} by `python benchmarks/run.py "
        f"{' '.join(map(str, args.sizes))}` on: {machine()}. eura-lint from {environment}, "
        f"with the default `--jobs` ({jobs}), `--today {TODAY}`, output to /dev/null, the full rule set "
        f"({len(list((ROOT / 'rules').glob('*.yaml')))} rules).",
        "",
        *header, *rows,
        "",
        "| single file | wall s (best of 5) | peak RSS MB |",
        "|---|---:|---:|",
        *single,
        END,
    ])
    if args.no_write:
        return
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
