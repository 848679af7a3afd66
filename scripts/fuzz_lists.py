"""Mutate project lists (CSV and XLSX) and descriptions, lint each, and count what goes wrong.

A run passes when no mutated input raises (an exception, or an internal error of a rule), none
takes longer than its time bound (CPU seconds of this process, so that a busy machine does not
count), and every input sent through the command line ends with exit
0, 1 or 2 and no traceback. The inputs are linted in this process, in batches (each batch ends
with the table phase, as a run does), under a memory limit; every ``--cli-every``-th input is
also written to a file and linted by ``python -m eura_lint`` in a child process.

    python scripts/fuzz_lists.py                      # the short run of the test suite
    python scripts/fuzz_lists.py --lists 100000 --descriptions 50000 --cli-every 500

The counts are printed as JSON; failing inputs are written to ``--keep`` (a folder) with a note
of what went wrong. Mutations are drawn from ``--seed``, so a run can be repeated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

from eura_lint.readers.project_list.bounds import column_letters

ROOT = Path(__file__).resolve().parents[1]
REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
SEEDS = ROOT / "seeds"

# Bytes and strings a mutation inserts: the parts of CSV, numbers, dates and encodings that
# readers trip on.
TOKENS = [b'"', b'""', b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xe4", b"\x81",
          b"\xc3", b"\xef\xbb\xbf", b"9" * 400, b"1e309", b"-0", b"NaN", b"inf", b"31.2.2015",
          b"2015-13-01", b"A70302", b"EAKR", b"\xe2\x80\xaf", b" ", b"=SUM(A1)", b"'", b"\\",
          b"<", b"&amp;", "Hämeen liitto".encode(), b"1 053 002,50", b"0" * 30]
LIST_SLICE = 8  # rows of the real list a mutated list starts from (at most)
PER_LINE = 0.001  # seconds per line of input on top of the time bound
CLI_CPU = 60  # CPU seconds a run of the command line may take (start-up included)
CLI_WALL = 900  # seconds of wall time before a run of the command line counts as hanging


def _cli_limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CLI_CPU, CLI_CPU + 5))


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """A few random edits: bytes flipped, tokens inserted, lines duplicated, dropped or swapped,
    a run repeated, the end cut off."""
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 6)):
        kind = rng.randrange(9)
        where = rng.randrange(len(out) + 1)
        if kind == 0 and out:
            out[min(where, len(out) - 1)] = rng.randrange(256)
        elif kind in (1, 2):
            out[where:where] = rng.choice(TOKENS)
        elif kind == 3:
            lines = bytes(out).split(b"\n")
            pick = rng.randrange(len(lines))
            lines.insert(pick, lines[rng.randrange(len(lines))])
            out = bytearray(b"\n".join(lines))
        elif kind == 4:
            lines = bytes(out).split(b"\n")
            if len(lines) > 1:
                del lines[rng.randrange(len(lines))]
            out = bytearray(b"\n".join(lines))
        elif kind == 5:
            end = min(len(out), where + rng.randint(1, 40))
            # mostly a few copies; now and then thousands (a list of thousands of rows)
            copies = rng.randint(2, 2000) if rng.random() < 0.01 else rng.randint(2, 20)
            out[where:where] = bytes(out[where:end]) * copies
        elif kind == 6 and out:
            del out[where:where + rng.randint(1, 50)]
        elif kind == 7:
            out = out[:where]
        else:
            lines = bytes(out).split(b"\n")
            rng.shuffle(lines)
            out = bytearray(b"\n".join(lines))
        if len(out) > 4 << 20:  # keep inputs small enough to lint thousands a minute
            out = out[:4 << 20]
    return bytes(out)


def workbook(rows: list[list[str]], rng: random.Random) -> bytes:
    """An XLSX of ``rows`` (shared strings, numbers, inline strings), its XML then mutated."""
    strings: list[str] = []
    cells_xml = []
    for number, row in enumerate(rows, 1):
        cells = []
        for col, value in enumerate(row, 1):
            ref = f"{column_letters(col)}{number}"
            if value.isdigit() and len(value) < 15:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif rng.random() < 0.5:
                strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        cells_xml.append(f'<row r="{number}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
             f'{"".join(cells_xml)}</sheetData></worksheet>').encode()
    shared = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">'
              + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>").encode()
    edit = rng.randrange(6)
    if edit == 0:
        sheet = mutate(sheet, rng, 1)
    elif edit == 1:
        shared = mutate(shared, rng, 1)
    elif edit == 2:  # a cell somewhere far
        ref = f"{column_letters(rng.choice([27, 702, 16384, 16385, 475254]))}{rng.choice([2, 60000, 1048576, 1048577, 99999999])}"
        sheet = sheet.replace(b"</sheetData>", f'<row><c r="{ref}"><v>1</v></c></row></sheetData>'.encode())
    elif edit == 3:  # a shared string used by many cells
        many = "".join(f'<c r="Z{n}" t="s"><v>0</v></c>' for n in range(1, rng.randint(2, 300)))
        sheet = sheet.replace(b"</sheetData>", f"<row>{many}</row></sheetData>".encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>")
        archive.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rels}"><sheets><sheet name="Hankkeet" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rels}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
    data = buffer.getvalue()
    if edit == 5:  # the archive itself damaged
        data = mutate(data, rng, 1)
    return data


class Fuzzer:
    def __init__(self, seed: int, time_bound: float, keep: Path | None, cli_every: int) -> None:
        from eura_lint.context import Context
        from eura_lint.engine import build_linter

        self.rng = random.Random(seed)
        self.linter = build_linter(context=Context(today=dt.date(2016, 12, 31)))
        self.time_bound, self.keep, self.cli_every = time_bound, keep, cli_every
        self.counts: Counter[str] = Counter()
        self.slowest = 0.0
        lines = REAL_LIST.read_bytes().split(b"\n")
        self.list_header, self.list_rows = lines[0], [line for line in lines[1:] if line]
        self.descriptions = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
        self.pending: list = []

    # -- inputs --
    def a_list(self) -> tuple[str, bytes]:
        rng = self.rng
        start = rng.randrange(len(self.list_rows) - LIST_SLICE)
        rows = self.list_rows[start:start + rng.randint(1, LIST_SLICE)]
        if rng.random() < 0.25:
            text = b"\n".join([self.list_header, *rows]).decode("utf-8")
            grid = [line.split(",") for line in text.split("\n")]
            return "fuzz.xlsx", workbook(grid, rng)
        data = b"\n".join([self.list_header, *rows]) + b"\n"
        name = rng.choice(["fuzz.csv", "fuzz.csv", "fuzz.tsv"])
        if name.endswith(".tsv"):
            data = data.replace(b",", b"\t")
        return name, mutate(data, rng)

    def a_description(self) -> tuple[str, bytes]:
        return "fuzz.txt", mutate(self.rng.choice(self.descriptions), self.rng)

    # -- linting --
    def lint(self, kind: str, name: str, data: bytes) -> None:
        from eura_lint.readers.project_list import is_table_path

        self.counts[kind] += 1
        start = time.process_time()
        try:
            if is_table_path(name):
                result = self.linter.lint_table(name, data)
            else:
                from eura_lint.engine import read_document

                result = self.linter.lint_document(read_document(name, data))
            self.pending.append(result)
        except Exception:  # noqa: BLE001 - every exception is what a fuzzing run looks for
            self.fail("exception", name, data, traceback.format_exc())
        # CPU seconds of this process: on a shared machine the wall clock measures the others
        elapsed = time.process_time() - start
        self.slowest = max(self.slowest, elapsed)
        # linear time: a mutation that repeats a line break thousands of times makes a list of
        # thousands of rows, each of which is linted (about 0.2 ms a row)
        if elapsed > self.time_bound + PER_LINE * data.count(b"\n"):
            self.fail("over-time", name, data, f"{elapsed:.2f} s")
        if len(self.pending) >= 500:
            self.finish()
        if self.cli_every and self.counts[kind] % self.cli_every == 0:
            self.through_cli(name, data)

    def finish(self) -> None:
        """The table phase over a batch of results, as the end of a run does."""
        results, self.pending = self.pending, []
        start = time.process_time()
        try:
            self.linter.finish(results)
        except Exception:  # noqa: BLE001
            self.fail("exception", "batch", b"", traceback.format_exc())
        if time.process_time() - start > self.time_bound * 4:
            self.fail("over-time", "batch", b"", f"{time.process_time() - start:.2f} s")

    def through_cli(self, name: str, data: bytes) -> None:
        self.counts["cli"] += 1
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                # bounded in CPU seconds (the machine may be busy: the wall clock is only a
                # guard against a wait for ever)
                done = subprocess.run(
                    [sys.executable, "-m", "eura_lint", "--today", "2016-12-31", str(path)],
                    capture_output=True, timeout=CLI_WALL, preexec_fn=_cli_limits)
            except subprocess.TimeoutExpired:
                self.fail("cli-timeout", name, data, f"over {CLI_WALL} s of wall time")
                return
        if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
            self.fail("cli-over-time", name, data, f"over {CLI_CPU} CPU seconds")
        elif done.returncode not in (0, 1, 2) or b"Traceback" in done.stderr:
            self.fail("cli-exit", name, data,
                      f"exit {done.returncode}\n{done.stderr.decode(errors='replace')}")

    def fail(self, what: str, name: str, data: bytes, note: str) -> None:
        self.counts[f"failed:{what}"] += 1
        if self.keep is not None:
            self.keep.mkdir(parents=True, exist_ok=True)
            number = sum(v for k, v in self.counts.items() if k.startswith("failed:"))
            stem = self.keep / f"{number:05d}-{what}-{name}"
            stem.write_bytes(data)
            Path(f"{stem}.note").write_text(note)
        else:
            print(f"{what} on {name}: {note[-2000:]}", file=sys.stderr)

    def run(self, lists: int, descriptions: int, progress: bool = False) -> dict:
        started = time.monotonic()
        order = ["list"] * lists + ["description"] * descriptions
        self.rng.shuffle(order)
        for done, kind in enumerate(order, 1):
            name, data = self.a_list() if kind == "list" else self.a_description()
            self.lint(kind, name, data)
            if progress and done % 5000 == 0:
                print(json.dumps({"done": done, **self.counts,
                                  "seconds": round(time.monotonic() - started)}),
                      file=sys.stderr, flush=True)
        self.finish()
        return {**dict(self.counts), "failed": sum(v for k, v in self.counts.items()
                                                   if k.startswith("failed:")),
                "slowest_seconds": round(self.slowest, 3),
                "seconds": round(time.monotonic() - started, 1),
                "cpu_seconds": round(time.process_time(), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=int, default=300, help="mutated lists (CSV, TSV, XLSX)")
    parser.add_argument("--descriptions", type=int, default=150, help="mutated descriptions")
    parser.add_argument("--seed", type=int, default=2014)
    parser.add_argument("--time-bound", type=float, default=5.0,
                        help="CPU seconds one input may take in this process (plus 1 ms a line)")
    parser.add_argument("--memory", type=int, default=2048,
                        help="MiB of address space this process may use")
    parser.add_argument("--cli-every", type=int, default=0,
                        help="lint every n-th input of each kind through the command line too")
    parser.add_argument("--keep", type=Path, help="a folder for the failing inputs")
    parser.add_argument("--progress", action="store_true", help="counts on stderr as it runs")
    options = parser.parse_args(argv)
    limit = options.memory << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("PYTHONHASHSEED", "0")
    fuzzer = Fuzzer(options.seed, options.time_bound, options.keep, options.cli_every)
    counts = fuzzer.run(options.lists, options.descriptions, options.progress)
    print(json.dumps(counts, sort_keys=True))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
