#!/usr/bin/env python3
"""Build the table benchmark: a 20,000-row project list as CSV and as XLSX.

    python benchmarks/make_tables.py [ROWS] [--out benchmarks/tables]

Rows are the real 2016 project list (``tests/data/eura2014_projektilista_osdata_2016.csv``,
2,881 rows) cycled, with the project code varied (A7/S2 and four digits in shuffled order: unique
until a prefix's 10,000 numbers run out, so about 3,750 of the 14,500 ERDF rows repeat a code and
get EURA703) and, on each later round, the dates moved by whole years and
the amounts scaled, with a fixed RNG seed (2014): the same files every time. Its defects repeat
with the rows. The XLSX is written with openpyxl's write-only mode: numbers as number cells,
dates as date cells, as spreadsheet exports hold them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def rows(count: int) -> tuple[list[str], list[list[str]]]:
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    rng = random.Random(2014)
    out = []
    for index in range(count):
        row = list(body[index % len(body)])
        rounds = index // len(body)
        row[0] = "A7" if row[0].upper().startswith("A") else "S2"  # numbered below
        if rounds:
            shift = rng.randint(0, 3)
            for column in (6, 7):
                match = DATE.match(row[column])
                if match:
                    day, month, year = match.groups()
                    row[column] = f"{day}.{month}.{min(int(year) + shift, 2023)}"
            factor = rng.choice((0.5, 0.9, 1.1, 2.0))
            for column in range(9, 13):
                value = row[column].strip()
                if re.fullmatch(r"-?\d+", value):
                    row[column] = str(round(int(value) * factor))
        out.append(row)
    # unique codes while each prefix has numbers left (A7 and S2 have 10,000 each), in an order
    # that differs from the rows'
    numbers = {prefix: rng.sample(range(10_000), 10_000) for prefix in ("A7", "S2")}
    for row in out:
        left = numbers[row[0]]
        row[0] = f"{row[0]}{left.pop() if left else rng.randrange(10_000):04d}"
    return header, out


def write_csv(path: Path, header: list[str], body: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)


def _cell(value: str) -> object:
    match = DATE.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.datetime(year, month, day)
        except ValueError:
            return value
    if re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return value


def write_xlsx(path: Path, header: list[str], body: list[list[str]], sheet: str = "Hankkeet") -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(header)
    for row in body:
        worksheet.append([_cell(value) for value in row])
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", nargs="?", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=HERE / "tables")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    header, body = rows(args.rows)
    write_csv(args.out / f"list_{args.rows}.csv", header, body)
    write_xlsx(args.out / f"list_{args.rows}.xlsx", header, body)
    print(f"wrote {args.out}/list_{args.rows}.csv and .xlsx ({args.rows} rows)")


if __name__ == "__main__":
    main()
