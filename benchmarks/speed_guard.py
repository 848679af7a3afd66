"""The speed guard: the linter's CPU time as a multiple of a reference workload's, in one run.

    python benchmarks/speed_guard.py            # measure and print
    python benchmarks/speed_guard.py --record   # measure and write benchmarks/speed_guard.json

A machine's speed, and how busy it is, change a process's time; they change a pure-Python
reference workload's time about as much. So the guard never compares a time with a number: it
times the reference and each of the linter's workloads as whole processes (start-up, imports and
the report included), as CPU time (user + system, from ``getrusage``: a busy machine stretches
wall time far more than CPU time), interleaved round by round (reference, the workloads, the
reference again), and takes each workload's ratio to the mean of its round's two reference
runs; the median ratio over the rounds is the result. ``tests/test_speed.py`` (marked slow) fails
when a ratio exceeds MARGIN times the ratio recorded here in the repository.

The workloads, built in a temporary folder by the benchmark generators with their fixed seeds:
200 descriptions (``make_corpus.py``), a 2,000-row project list as CSV and as XLSX
(``make_tables.py``), each linted with ``--jobs 1 -f json --today 2026-11-22``. The recorded ratios are measured in the test
environment (the package with its ``test`` extra), which is where the guard runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RECORD = HERE / "speed_guard.json"
MARGIN = 1.5
ROUNDS = 5
MEMORY_LIMIT = 4 << 30  # bytes of address space for each timed process: the machine is shared

# Pure Python of the kinds the linter runs (text split into lines and fields, regexes, dicts,
# tuples, sorting, number formatting), deterministic, about as long as a workload.
REFERENCE = r"""
import re, random
rng = random.Random(2014)
words = ["hanke", "Kainuussa", "yritys", "kehittäminen", "toimenpide", "alue", "2016", "osaaminen",
         "Etelä-Savossa", "koulutus", "verkosto", "tuki", "ja", "sekä", "1 053 002", "31.12.2020"]
field = re.compile(r"^([^:]{1,40}):\s*(.*)$")
number = re.compile(r"\d[\d ]*")
counts = {}
rows = []
for n in range(2000):
    lines = []
    for i in range(30):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        lines.append(f"Kenttä {i % 7}: {text}" if i % 3 else text)
    doc = "\n".join(lines)
    for line in doc.split("\n"):
        match = field.match(line)
        if match:
            label, value = match.groups()
            counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
            rows.append((n, label, tuple(number.findall(value)), len(value.split())))
rows.sort(key=lambda row: (row[3], row[1], row[0]))
print(len(rows), sorted(counts.items())[:2], f"{sum(r[3] for r in rows):,}")
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# as a user runs it: the bytecode caches written on first use and read after
_ENVIRONMENT = {name: value for name, value in os.environ.items()
                if name != "PYTHONDONTWRITEBYTECODE"}


def _cpu(command: list[str]) -> float:
    """User + system seconds of one whole process (and any it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                          env=_ENVIRONMENT, preexec_fn=_limit_memory, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def workloads(folder: Path) -> dict[str, list[str]]:
    """The linter's workloads, their inputs built in ``folder``."""
    sys.path.insert(0, str(HERE))
    try:
        import make_corpus
        import make_tables
    finally:
        sys.path.remove(str(HERE))
    corpus = make_corpus.ensure(200, folder / "corpus")
    header, body = make_tables.rows(2000)
    make_tables.write_csv(folder / "list.csv", header, body)
    make_tables.write_xlsx(folder / "list.xlsx", header, body)
    lint = [sys.executable, "-m", "eura_lint", "--no-config", "--jobs", "1", "-f", "json",
            "--today", "2026-11-22"]
    return {
        "200 descriptions": [*lint, str(corpus)],
        "2,000-row list (CSV)": [*lint, str(folder / "list.csv")],
        "2,000-row list (XLSX)": [*lint, str(folder / "list.xlsx")],
    }


def measure(folder: Path, rounds: int = ROUNDS) -> dict:
    commands = workloads(folder)
    reference = [sys.executable, "-c", REFERENCE]
    _cpu(reference)  # warm-up: the page cache, the bytecode caches
    for command in commands.values():
        _cpu(command)
    runs: dict[str, list[float]] = {name: [] for name in commands}
    references = []
    for _ in range(rounds):
        first = _cpu(reference)
        times = {name: _cpu(command) for name, command in commands.items()}
        last = _cpu(reference)
        base = (first + last) / 2
        references.append(base)
        for name, seconds in times.items():
            runs[name].append(round(seconds / base, 3))
    return {
        "ratios": {name: round(statistics.median(ratios), 3) for name, ratios in runs.items()},
        "runs": runs,
        "reference CPU s (median)": round(statistics.median(references), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help=f"write {RECORD.name}")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eura-speed-") as folder:
        result = measure(Path(folder), args.rounds)
    result["python"] = platform.python_version()
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    print(text, end="")
    if args.record:
        RECORD.write_text(text, encoding="utf-8")
        print(f"wrote {RECORD.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
