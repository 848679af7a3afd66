"""What the workbook limits cost and save: each crafted workbook of issue 21 linted in a child
process under an address-space limit, with its time and peak memory; and python-calamine's own
cost per cell of a dense grid, which sets the default of max-workbook-cells.

    python benchmarks/workbook_limits.py

Each case runs in a fresh child (RLIMIT_AS 1 GiB), so none can take the machine down.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.workbooks import MAIN, grid_rows, repeated, shared_strings_xml, sheet_xml, xlsx  # noqa: E402

LIMIT = 1 << 30
LINT = """
import json, resource, sys, time
from eura_lint.engine import build_linter
linter = build_linter()
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
result = linter.lint_table(sys.argv[1], data)
print(json.dumps({"seconds": round(time.perf_counter() - start, 3),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "findings": len(result.findings),
                  "first": result.findings[0].message[:90] if result.findings else ""}))
"""
GRID = """
import io, json, resource, sys, time
from python_calamine import CalamineWorkbook
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
book = CalamineWorkbook.from_filelike(io.BytesIO(data))
grid = book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
print(json.dumps({"cells": len(grid) * len(grid[0]), "seconds": round(time.perf_counter() - start, 2),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def child(code: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          preexec_fn=_limit, timeout=600)
    if done.returncode:
        return {"exit": done.returncode, "stderr": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def cases() -> dict[str, bytes]:
    header = ["Koodi", "Rahasto", "Hankkeen nimi"]
    rows = grid_rows([header, ["A70302", "EAKR", "Hanke"]])
    far = lambda ref: xlsx(sheet_xml([*rows, f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                                             f'<c r="{ref}"><v>1</v></c></row>']))  # noqa: E731
    head = sheet_xml(rows).split("</sheetData>")[0]
    return {
        "one value in XFD1048576": far("XFD1048576"),
        "a cell ZZZZ99999999": far("ZZZZ99999999"),
        "one value in ZZ60000": far("ZZ60000"),
        "64 MiB shared string, 2,000 uses": xlsx(
            sheet_xml([f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, 2001)]),
            repeated(f'<sst xmlns="{MAIN}"><si><t>', b"x", 64 << 20, "</t></si></sst>")),
        "sheet XML of 640 MB": xlsx(repeated(head, b'<row r="9"/>', (640 << 20) // 12,
                                             "</sheetData></worksheet>")),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("| workbook | file size | lint time | peak memory | findings |")
        print("|---|---|---|---|---|")
        for name, data in cases().items():
            path = Path(folder) / "case.xlsx"
            path.write_bytes(data)
            report = child(LINT, path)
            print(f"| {name} | {len(data):,} B | {report.get('seconds')} s | "
                  f"{report.get('peak_mb')} MB | {report.get('findings')} |")
        print()
        print("| dense grid (calamine, to_python) | cells | time | peak memory |")
        print("|---|---|---|---|")
        for rows in (40_000, 160_000):
            path = Path(folder) / "grid.xlsx"
            path.write_bytes(xlsx(sheet_xml(['<row r="1"><c r="A1"><v>1</v></c></row>',
                                             f'<row r="{rows}"><c r="Z{rows}"><v>1</v></c></row>'])))
            report = child(GRID, path)
            print(f"| A1:Z{rows} | {report.get('cells'):,} | {report.get('seconds')} s | "
                  f"{report.get('peak_mb')} MB |")


if __name__ == "__main__":
    main()
