#!/usr/bin/env python3
"""Build src/eura_lint/data/programme.json from the programme's axis/objective table.

Input: ``programme_structure_2014_2020.csv`` (toimintalinja -> erityistavoite -> rahasto) from the
shared reference folder (default ``../shared/reference`` next to the repository). An objective
numbered ``?`` in the table exists but its number was never found (axis 1's transport objective,
technical assistance on axes 6 and 7): such an axis is marked ``open`` and the linter does not
reject an objective it cannot place there. Output is deterministic (sorted keys).

    python scripts/build_programme.py [REFERENCE_DIR] [OUTPUT]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(reference: Path) -> dict:
    axes: dict[str, dict] = {}
    objectives: dict[str, dict] = {}
    with open(reference / "programme_structure_2014_2020.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            axis = axes.setdefault(row["toimintalinja"], {
                "name": row["toimintalinja_fi"], "fund": row["rahasto"], "objectives": [],
                "open": False,
            })
            if row["erityistavoite"] == "?":
                axis["open"] = True
                continue
            axis["objectives"].append(row["erityistavoite"])
            objectives[row["erityistavoite"]] = {"axis": row["toimintalinja"],
                                                 "fund": row["rahasto"]}
    for axis in axes.values():
        axis["objectives"].sort(key=lambda s: tuple(int(p) for p in s.split(".")))
    return {"axes": axes, "objectives": objectives}


def main(argv: list[str]) -> int:
    reference = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "reference"
    output = Path(argv[2]) if len(argv) > 2 else ROOT / "src" / "eura_lint" / "data" / "programme.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(build(reference), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
