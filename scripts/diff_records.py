"""Do a project list's rows become the same records as at another commit? A differential check
for changes to the list reader (``readers/project_list/``).

    python scripts/diff_records.py --base 3d19bdd                       # real list + mutations
    python scripts/diff_records.py --base 3d19bdd list_20000.csv list_20000.xlsx --mutated 2000

The base commit's ``src/`` is exported with ``git archive``; each input is read by both readers
(each in a child process of its own) and every record, every row's and the table's own (its
problems complete once the rows are read), is compared by its ``repr``: fields, cells, amounts,
dates, fund, problems and positions. Inputs: the named files, the real 2016 list, and
``--mutated`` lists made from slices of the real list (up to 400 rows, so that values recur
within a list): cells replaced by the values a reader must tell apart (dates with times, ISO
dates, days the calendar lacks, amounts with spaces, decimals and currencies, spreadsheet
errors, words in amount and axis columns, names spilt into the authority column, funds by other
names, cells with spaces and line breaks around them), then the bytes mutated as
``scripts/fuzz_lists.py`` mutates them, a quarter written as XLSX. Prints the counts as JSON;
exit 1 when any record differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"

# What a mutated list's cells are replaced by
CELLS = ["1.3.2015", " 1.3.2015", "1.3.2015 0:00", "2015-03-01", "2015-03-01 00:00:00",
         "31.2.2015", "1.13.2015", "01.03.2015", "443909", " 443909 ", "1 053 002,50",
         "1053002.50", "443909 €", "443909 EUR", "-54941", "12,5", "#N/A", "#VALUE!", "Err:502",
         "EAKR", "ERDF", "esr", "EAKR-rahasto", "2", "3 Työllisyys", "Pirkanmaan liitto",
         "Uusi hanke Pirkanmaan liitto", " Innovaatiorahoituskeskus Tekes",
         "Hämeen elinkeino-, liikenne- ja ympäristökeskus", "Toiminnassa", "Toiminta päättynyt",
         "", " ", "  ", "\"\n1.3.2015\"", "\" \n 443909\"", "A70302", "A7030", "S10001",
         "Hanke, jonka nimessä on pilkku", "-----", "Yhteensä", "FI193 Keski-Suomi", "x" * 70,
         "1.3.2015" + " " * 60]


def mutated_lists(count: int, seed: int) -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from fuzz_lists import mutate, workbook

    rng = random.Random(seed)
    lines = REAL_LIST.read_text(encoding="utf-8").split("\n")
    header, rows = lines[0], [line for line in lines[1:] if line and '"' not in line]
    made = []
    for number in range(count):
        start = rng.randrange(len(rows))
        grid = [row.split(",") for row in rows[start:start + rng.randint(1, 400)]]
        for _ in range(rng.randint(0, 3 * len(grid))):
            row = rng.choice(grid)
            row[rng.randrange(len(row))] = rng.choice(CELLS)
        if rng.random() < 0.25:
            made.append((f"{number}.xlsx", workbook([header.split(","), *grid], rng)))
            continue
        text = "\n".join([header, *(",".join(row) for row in grid)]) + "\n"
        data = text.encode("utf-8")
        if rng.random() < 0.7:
            data = mutate(data, rng)
        made.append((f"{number}.csv", data))
    return made


def dump(folder: str) -> None:
    """In a child process: the digest of each record of each file in ``folder``, as JSON."""
    from eura_lint.readers.project_list import read_table

    out = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        digests = []
        for table in read_table(path, Path(path).read_bytes()):
            for record in table.rows:
                digests.append(hashlib.sha256(repr(record).encode()).hexdigest()[:16])
            digests.append(hashlib.sha256(repr(table.table).encode()).hexdigest()[:16])
        out[name] = digests
    json.dump(out, sys.stdout)


def records(folder: str, source: Path) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, __file__, "--dump", folder], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"reading with {source} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--base", help="the commit to compare with")
    parser.add_argument("--mutated", type=int, default=500)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.dump)
        return 0
    if not args.base:
        parser.error("--base is required")
    with tempfile.TemporaryDirectory() as work:
        base = Path(work, "base")
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        inputs = Path(work, "inputs")
        inputs.mkdir()
        for number, path in enumerate([REAL_LIST, *args.files]):
            Path(inputs, f"file{number}-{path.name}").write_bytes(path.read_bytes())
        for name, data in mutated_lists(args.mutated, args.seed):
            Path(inputs, f"mutated{name}").write_bytes(data)
        before = records(str(inputs), base / "src")
        after = records(str(inputs), ROOT / "src")
    differ = sorted(name for name in before if before[name] != after.get(name))
    counts = {"files": len(before), "records": sum(map(len, before.values())),
              "differ": differ[:20], "differing": len(differ)}
    print(json.dumps(counts))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
