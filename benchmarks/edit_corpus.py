"""Edit a linted corpus the way a year of upkeep does, to try a baseline against it.

Used by ``benchmarks/baseline_cost.py`` (10,000 documents) and ``tests/test_baseline.py`` (300).
Of the documents that have findings, ``count`` are edited, chosen by a seeded RNG; each edit keeps
the file's encoding, BOM and line ends:

* every edited document gets two lines inserted near its top, above all of its findings
  (a sentence of free text and a blank line), so every finding moves down two lines;
* a quarter of them (of those with an empty section) also have a finding fixed: the empty
  section (EURA101) gets a line of text;
* another quarter get a new defect: the project code is made an EURA 2007 code
  (``A7…`` -> ``A3…``, ``S2…`` -> ``S1…``), which EURA502 reports.

``edit`` returns what it did, so that a caller can check that a run against the baseline
reports exactly the new defects and counts exactly the fixed ones.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eura_lint.readers.decoding import decode  # noqa: E402

INSERTED = "Hankkeen verkkosivuilla kerrotaan toiminnasta tarkemmin."
FILLED = "Kohderyhmänä ovat hankkeeseen osallistuvat toimijat."
CODE = re.compile(r"^(Hankekoodi: )([AS])([27])(\d{4})\s*$")


@dataclass
class Edits:
    shifted: list[str] = field(default_factory=list)  # paths whose lines moved down by two
    fixed: list[tuple[str, int]] = field(default_factory=list)  # (path, old line) of fixed EURA101
    new: list[tuple[str, int]] = field(default_factory=list)  # (path, new line) of new EURA502


def _write(path: Path, lines: list[str], encoding: str, newline: str) -> None:
    path.write_bytes(newline.join(lines).encode(encoding))


def edit(findings: Iterable[tuple[str, str, int]], count: int = 200, seed: int = 11) -> Edits:
    """``findings``: (path, rule, line) of a run over the corpus before the edits."""
    by_path: dict[str, list[tuple[str, int]]] = {}
    for path, rule, line in findings:
        by_path.setdefault(path, []).append((rule, line))
    rng = random.Random(seed)
    chosen = rng.sample(sorted(by_path), min(count, len(by_path)))
    # a quarter of them get a finding fixed (of those that have an empty section), another
    # quarter a new defect
    fixable = [p for p in chosen if any(rule == "EURA101" for rule, _ in by_path[p])]
    to_fix = set(fixable[:count // 4])
    to_break = set([p for p in chosen if p not in to_fix][:count // 4])
    edits = Edits()
    for path in chosen:
        role = 1 if path in to_fix else 2 if path in to_break else 0
        _edit_one(Path(path), by_path[path], role, edits)
    return edits


def _edit_one(path: Path, findings: list[tuple[str, int]], role: int,
              edits: Edits) -> None:
    decoded = decode(path.read_bytes())
    text = decoded.text
    bom = text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").split(decoded.newline)
    if role == 1:  # fix an empty section: the first EURA101 finding, if the document has one
        empty = sorted(line for rule, line in findings if rule == "EURA101")
        if empty:
            header = empty[0]
            lines[header:header] = ["", FILLED]  # after the header line, before the next one
            edits.fixed.append((str(path), header))
    if role == 2:  # a new defect: an EURA 2007 project code
        for index, line in enumerate(lines):
            match = CODE.match(line)
            if match:
                old = "3" if match.group(2) == "A" else "1"
                lines[index] = f"{match.group(1)}{match.group(2)}{old}{match.group(4)}"
                edits.new.append((str(path), index + 1 + 2))  # after the two inserted lines
                break
    lines[1:1] = [INSERTED, ""]  # two lines above every finding (a finding is never on line 1)
    if bom:
        lines[0] = "\ufeff" + lines[0]
    encoding = "utf-8" if decoded.encoding == "utf-8-sig" else decoded.encoding
    _write(path, lines, encoding, decoded.newline)
    edits.shifted.append(str(path))


def counts_by_path_rule(findings: Iterable[tuple[str, str, int]]) -> Mapping[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for path, rule, _ in findings:
        out[(path, rule)] = out.get((path, rule), 0) + 1
    return out
