"""Hostile and damaged project lists: workbooks that would take the machine down, CSV quoting that
would swallow or invent rows, one mis-encoded row, amounts beyond any grant, a worker that dies.

Every workbook here is built by hand (tests/workbooks.py) and linted in a child process under a
memory limit (RLIMIT_AS), which reports its own peak memory and time: before these bounds, each
of them allocated gigabytes (or aborted the process) instead of reporting one finding."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eura_lint import engine
from eura_lint.engine import lint_bytes
from eura_lint.finding import Severity

from .helpers import ROOT, run
from .workbooks import MAIN, grid_rows, repeated, shared_strings_xml, sheet_xml, xlsx

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
HEADER = REAL_LIST.read_text(encoding="utf-8").split("\n", 1)[0]
ROW = ("A70302,EAKR,Hanke,2,Lapin liitto,Toiminnassa,1.3.2015,28.2.2017,Yliopisto,280000,57227,"
       "319258,59451")
# The child's address space: a bound for the machine's sake; what the tests assert is the peak
# resident memory the child reports, under 300 MB.
ADDRESS_SPACE = 1 << 30
PEAK_MB = 300


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


CHILD = textwrap.dedent("""
    import datetime as dt, json, resource, sys, time
    from eura_lint.context import Context
    from eura_lint.engine import build_linter
    linter = build_linter(context=Context(today=dt.date(2016, 12, 31)))
    path = sys.argv[1]
    data = open(path, "rb").read()
    start = time.perf_counter()
    result = linter.lint_table(path, data)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "findings": [[f.rule, f.line, f.column, f.message]
                                   for f in result.findings]}))
""")


def lint_in_child(path: Path, timeout: float = 60) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_limit)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def one_finding(report: dict, *words: str) -> str:
    """The one finding a refused workbook gets (EURA001 at 1:1), checked for its words, within
    the time and memory bounds."""
    (rule, line, column, message), = report["findings"]
    assert (rule, line, column) == ("EURA001", 1, 1)
    for word in words:
        assert word in message
    assert report["peak_mb"] < PEAK_MB
    # a bound against minutes, not a measurement (benchmarks/RESULTS.md has those): these
    # refusals take milliseconds
    assert report["seconds"] < 5
    return message


def far_cell(ref: str) -> bytes:
    rows = grid_rows([HEADER.split(","), ROW.split(",")])
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return xlsx(sheet_xml([*rows, f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>']))


@pytest.mark.parametrize(("ref", "words"), [
    ("XFD1048576", ["Hankkeet's used area A1:XFD1048576", "17,179,869,184 cells",
                    "max-workbook-cells"]),
    ("ZZZZ99999999", ["row 99999999, column 475254", "beyond the 1,048,576 rows"]),
    ("ZZ60000", ["A1:ZZ60000", "42,120,000 cells", "over the limit of 1,000,000"]),
])
def test_a_value_far_beyond_the_data_is_one_finding(tmp_path, ref, words):
    path = tmp_path / "far.xlsx"
    path.write_bytes(far_cell(ref))
    assert path.stat().st_size < 2500  # the 1.7 KB workbook that asked for 549 GB
    one_finding(lint_in_child(path), *words)


def test_a_huge_shared_string_used_by_many_cells_is_one_finding(tmp_path):
    path = tmp_path / "shared.xlsx"
    cells = [f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, 2001)]
    path.write_bytes(xlsx(sheet_xml(cells), repeated(f'<sst xmlns="{MAIN}"><si><t>', b"x",
                                                     64 << 20, "</t></si></sst>")))
    assert path.stat().st_size < 400_000  # 64 MiB of text, 2,000 uses: 128 GB as calamine reads it
    one_finding(lint_in_child(path), "shared string counted once per cell",
                "max-workbook-text")


@pytest.mark.slow  # an input that takes seconds
def test_a_zip_bomb_is_one_finding(tmp_path):
    path = tmp_path / "bomb.xlsx"
    head = sheet_xml(grid_rows([HEADER.split(","), ROW.split(",")])).split("</sheetData>")[0]
    path.write_bytes(xlsx(repeated(head, b'<row r="9"/>', (640 << 20) // 12,
                                   "</sheetData></worksheet>")))
    assert path.stat().st_size < 4 << 20  # 640 MB of sheet XML
    one_finding(lint_in_child(path), "640 MiB, over the limit of 256 MiB", "max-workbook-xml")


def test_a_directory_that_understates_a_part_is_a_damaged_workbook(tmp_path):
    """A part whose real size is more than the ZIP directory says is cut at the stated size and
    fails its check: the scan never reads more than the directory admits."""
    data = bytearray(xlsx(sheet_xml(grid_rows([HEADER.split(","), ROW.split(",")]))))
    name = b"xl/worksheets/sheet1.xml"
    for header in (b"PK\x01\x02", b"PK\x03\x04"):  # central and local headers
        at = data.find(header)
        while at >= 0:
            offset = 24 if header == b"PK\x01\x02" else 22  # the uncompressed size
            name_at = at + (46 if header == b"PK\x01\x02" else 30)
            if data[name_at:name_at + len(name)] == name:
                data[at + offset:at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(header, at + 4)
    path = tmp_path / "liar.xlsx"
    path.write_bytes(bytes(data))
    message = one_finding(lint_in_child(path))
    assert "sheet1.xml" in message or "not a readable" in message


def test_limits_are_configurable_and_a_workbook_within_them_is_read(tmp_path):
    rows = grid_rows([HEADER.split(","), ROW.split(",")])
    path = tmp_path / "lista.xlsx"
    path.write_bytes(xlsx(sheet_xml([*rows, '<row r="60"><c r="Z60"><v>1</v></c></row>'])))
    (tmp_path / ".eura-lint.yaml").write_text("max-workbook-cells: 1000\ntoday: 2016-12-31\n")
    done = run("lista.xlsx", cwd=tmp_path, text=True, process=True, preexec_fn=_limit)
    assert done.returncode == 1
    assert "A1:Z60 (60 rows x 26 columns) is 1,560 cells, over the limit of 1,000" in done.stdout
    (tmp_path / ".eura-lint.yaml").write_text("max-workbook-cells: 2000\ntoday: 2016-12-31\n")
    done = run("lista.xlsx", cwd=tmp_path, text=True, process=True, preexec_fn=_limit)
    assert "EURA001" not in done.stdout and done.returncode in (0, 1), done.stdout
    (tmp_path / ".eura-lint.yaml").write_text("max-workbook-xml: lots\n")
    done = run("lista.xlsx", cwd=tmp_path, text=True)
    assert done.returncode == 2 and "max-workbook-xml: must be a number of bytes" in done.stderr


def test_jobs_in_a_folder_of_hostile_workbooks_ends_with_a_finding_for_each(tmp_path):
    """-j 2 over the crafted workbooks and good lists: before, a worker aborted and the run hung."""
    folder = tmp_path / "lists"
    folder.mkdir()
    for name, ref in (("far.xlsx", "XFD1048576"), ("beyond.xlsx", "ZZZZ99999999"),
                      ("stray.xlsx", "ZZ60000")):
        (folder / name).write_bytes(far_cell(ref))
    for number in range(8):
        (folder / f"good{number}.csv").write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    done = run("-j", "2", "--today", "2016-12-31", "--format", "json", folder, text=True,
               process=True, preexec_fn=_limit)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    refused = sorted(Path(f["path"]).name for f in findings if f["rule"] == "EURA001")
    assert refused == ["beyond.xlsx", "far.xlsx", "stray.xlsx"]


DYING = textwrap.dedent("""
    import os, sys
    import eura_lint.engine as engine
    original = engine.Linter.lint_file
    number = int(sys.argv[2])
    def lint_file(self, path, *rest, **named):
        if path.endswith("dies.csv"):
            os.kill(os.getpid(), number)  # as an abort in native code, or the OOM killer
        return original(self, path, *rest, **named)
    engine.Linter.lint_file = lint_file
    sys.argv = ["eura-lint", "-j", "2", "--today", "2016-12-31", sys.argv[1]]
    engine_main = __import__("eura_lint.cli", fromlist=["main"]).main
    engine_main()
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers are forked")
@pytest.mark.parametrize("number", [signal.SIGABRT, signal.SIGKILL])
def test_a_worker_that_dies_ends_the_run_naming_its_file(tmp_path, number):
    for index in range(40):  # enough for chunks of several files a worker
        (tmp_path / f"list{index}.csv").write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    (tmp_path / "dies.csv").write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", DYING, str(tmp_path), str(int(number))],
                          capture_output=True, text=True, timeout=60)
    assert time.monotonic() - start < 60
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("eura-lint: ") and "dies.csv" in line and "worker process" in line
    assert done.stdout == ""


# A large workbook is read by one worker, whose forked processes lint a share of its rows: the
# process linting the second share dies by the signal given, or fails as a rule fails
FORKED = textwrap.dedent("""
    import os, sys
    import eura_lint.engine as engine
    from eura_lint.errors import CheckFailed
    engine.LARGE_TABLE_BYTES = 1024
    original = engine.Run.lint_tables
    how = sys.argv[2]
    def lint_tables(self, cells, part):
        if part[0] == 1:
            if how == "fails":
                raise CheckFailed("rule EURA999", cells.path, "a forked part's failure")
            os.kill(os.getpid(), int(how))  # as an abort in native code, or the OOM killer
        return original(self, cells, part)
    engine.Run.lint_tables = lint_tables
    sys.argv = ["eura-lint", "-j", "2", "--today", "2016-12-31", sys.argv[1]]
    __import__("eura_lint.cli", fromlist=["main"]).main()
""")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the parts are forked")
@pytest.mark.parametrize("how", [str(int(signal.SIGABRT)), str(int(signal.SIGKILL)), "fails"])
def test_a_forked_part_of_a_shared_workbook_that_dies_or_fails_ends_the_run(tmp_path, how):
    book = tmp_path / "kirja.xlsx"
    book.write_bytes(xlsx(sheet_xml(grid_rows([HEADER.split(","), *[ROW.split(",")] * 40]))))
    assert book.stat().st_size > 1024
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", FORKED, str(book), how],
                          capture_output=True, text=True, timeout=60)
    assert time.monotonic() - start < 60
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("eura-lint: ") and "kirja.xlsx" in line
    assert ("a forked part's failure" if how == "fails" else "ended abruptly") in line
    assert done.stdout == ""


def _gone_pid() -> int:
    """The number of a process that has ended and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


class _Slots:
    """Shared slots as a worker rewriting its own is seen by the parent: each read of the
    slot returns the next of ``reads`` (the last one again once they run out)."""

    def __init__(self, *reads: bytes) -> None:
        self.reads = [read.ljust(engine._SLOT_SIZE, b"\0") for read in reads]
        self.count = 0

    def __len__(self) -> int:
        return engine._SLOT_SIZE

    def __getitem__(self, part: slice) -> bytes:
        read = self.reads[min(self.count, len(self.reads) - 1)]
        self.count += 1
        return read[part]


def test_a_half_written_slot_is_no_dead_worker():
    gone, alive = _gone_pid(), os.getpid()
    whole = f"{alive}\0/data/b.csv".encode()
    # the new record's first bytes over the old one's: a number that is no process, no path
    assert engine._dead_worker(_Slots(f"{gone}\0".encode(), whole), settle=0.01) is None
    # ... or a path that is half of each, the new number not written yet
    half = f"{gone}\0/data/a.csv".encode()
    assert engine._dead_worker(_Slots(half, whole), settle=0.01) is None
    # the same record twice, but an empty path or a separator inside it
    assert engine._dead_worker(_Slots(f"{gone}\0".encode()), settle=0.01) is None
    assert engine._dead_worker(_Slots(f"{gone}\0/da\0b.csv".encode()), settle=0.01) is None
    # a worker alive, and an empty slot
    assert engine._dead_worker(_Slots(whole), settle=0.01) is None
    assert engine._dead_worker(_Slots(b""), settle=0.01) is None


def test_a_slot_that_names_a_gone_process_twice_is_a_dead_worker():
    record = f"{_gone_pid()}\0/data/dies.csv".encode()
    slots = _Slots(record)
    assert engine._dead_worker(slots, settle=0.01) == "/data/dies.csv"
    assert slots.count == 2  # read, and read again after the pause


# -- CSV quoting -----------------------------------------------------------------------------

REAL_LINES = REAL_LIST.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def linter_2016():
    import datetime as dt

    from eura_lint.context import Context
    from eura_lint.engine import build_linter

    return build_linter(context=Context(today=dt.date(2016, 12, 31)))


@pytest.fixture(scope="module")
def real_result(linter_2016):
    return linter_2016.lint_table("lista.csv", REAL_LIST.read_bytes())


def _lint_lines(linter, lines):
    return linter.lint_table("lista.csv", "\n".join(lines).encode("utf-8"))


def _shifted(result):
    return [(f.line, f.column, f.message) for f in result.findings if f.rule == "EURA702"]


def test_an_unclosed_quote_swallows_no_rows(linter_2016, real_result):
    lines = list(REAL_LINES)
    lines[1] = lines[1].replace(",EAKR,", ',EAKR,"', 1)  # row 2 opens a quote, never closed
    result = _lint_lines(linter_2016, lines)
    assert len(result.rows) == len(real_result.rows) == 2881  # rows 3-56 are still rows
    quote = [f for f in _shifted(result) if f[0] == 2]
    assert quote == [(2, 13, "The row opens a quote that is not closed before line 3, which "
                      "reads as a row of its own (the quote is read as text, and the lines after "
                      "it as rows): its values have probably moved into other columns")]
    assert _shifted(result)[1:] == _shifted(real_result)


def test_a_quote_never_closed_at_the_end_is_one_finding(linter_2016):
    result = linter_2016.lint_table("lista.csv", f'{HEADER}\n{ROW}\n"A70303,EAKR\nA70304,ESR\n'
                                    .encode())
    # the quote where it opens; the line after it is a row of its own (a short one)
    assert [(f[0], f[1]) for f in _shifted(result)] == [(3, 1), (4, 11)]
    assert "never closed" in _shifted(result)[0][2]
    assert len(result.rows) == 3  # the line after the quote is a row (a short one)


def test_a_valid_long_quoted_cell_is_read_whole(linter_2016, real_result):
    lines = list(REAL_LINES)
    cells = lines[1].split(",")
    name = "\n".join(f"Hankkeen kuvauksen rivi {number}" for number in range(250))
    cells[2] = f'"{name}"'
    lines[1] = ",".join(cells)
    result = _lint_lines(linter_2016, lines)
    assert len(result.rows) == 2881  # not 250 bogus rows
    assert any(cell.value == name for cell in _first_record(linter_2016, lines).cells)
    assert _shifted(result) == [(line + 249, column, message)
                                for line, column, message in _shifted(real_result)]


def _first_record(linter, lines):
    from eura_lint.readers.project_list import read_table

    (table,) = read_table("lista.csv", "\n".join(lines).encode("utf-8"), linter.columns)
    return next(table.rows)


def test_a_quoted_cell_over_the_line_limit_is_one_finding_and_the_rows_after_are_read(
        linter_2016):
    from eura_lint.readers.project_list.grid import MAX_QUOTED_LINES

    body = "\n".join("x" for _ in range(MAX_QUOTED_LINES + 5))
    data = f'{HEADER}\n{ROW.replace("Hanke", chr(34) + body + chr(34))}\n{ROW}\n'.encode()
    result = linter_2016.lint_table("lista.csv", data)
    end = MAX_QUOTED_LINES + 6
    assert _shifted(result) == [(2, 13, f"The row has a quoted cell of {MAX_QUOTED_LINES + 5:,} "
                                 .replace(",", "", 1) + f"lines, to line {end}, over the limit of "
                                 f"{MAX_QUOTED_LINES:,} lines (the row is not read; the rows "
                                 "after it are): its values have probably moved into other "
                                 "columns")]
    assert len(result.rows) == 1 and result.findings[0].line in (2, end + 1)


@pytest.mark.slow  # an input that takes seconds
def test_a_fifty_megabyte_quoted_cell_is_one_cell(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(f'{HEADER}\n{ROW.replace("Hanke", chr(34) + "x" * (50 << 20) + chr(34))}\n'
                    f"{ROW}\n", encoding="utf-8")
    report = lint_in_child(path, timeout=120)
    assert not [f for f in report["findings"] if f[0] == "EURA702"]
    assert len(report["findings"]) < 10  # not 5.7 million
    # (the 50 MB text is held as bytes, text and one cell; the rules' patterns run over it once)
    assert report["peak_mb"] < 800


# -- decoding by row -------------------------------------------------------------------------

def test_one_latin1_row_is_one_finding_and_every_row_is_linted(linter_2016, real_result):
    data = REAL_LIST.read_bytes()
    row = ("A79999,EAKR,Hämeen hanke,2,Hämeen liitto,Toiminnassa,1.3.2015,28.2.2017,Yritys Oy,"
           "1000,100,1000,100\n").encode("latin-1")
    result = linter_2016.lint_table("lista.csv", data + row)
    assert len(real_result.rows) == 2881
    assert len(result.rows) == 2882  # every row of the real list, and the pasted one
    unreadable = [(f.line, f.column, f.message) for f in result.findings if f.rule == "EURA001"]
    offset = len(data) + row.index(b"\xe4")
    assert unreadable == [(2883, 14, f"The file cannot be read: line 2883 is not UTF-8 like the "
                           f"rest of the file (byte 0xE4 at offset {offset}); its bad bytes are "
                           f"read as '\ufffd', the other lines as written")]
    assert data[offset - 1:offset + 1] != "ä".encode()  # the offset names the Latin-1 byte
    # the real rows keep exactly their findings
    before = sorted((f.rule, f.line, f.column) for f in real_result.findings)
    after = sorted((f.rule, f.line, f.column) for f in result.findings if f.line <= 2882)
    assert after == before


def test_a_windows_1252_list_is_still_read_as_one():
    data = f"{HEADER}\n{ROW.replace('Hanke', 'Hämeen hanke')}\n".encode("cp1252")
    findings = lint_bytes(data, "lista.csv")
    assert not [f for f in findings if f.rule == "EURA001"]


# -- amounts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "readable"), [
    ("9" * 400, False), ("1000000000001", False), ("1 000 000 000 001", False),
    ("1000000000000", True), ("1e309", False), ("inf", False), ("nan", False),
])
def test_amounts_beyond_any_grant_are_not_numbers(amount, readable):
    row = ROW.split(",")
    row[10] = amount
    findings = lint_bytes(f"{HEADER}\n{','.join(row)}\n".encode(), "lista.csv")
    # EURA005 (not a number), or EURA702 where the cell holds words ('inf', 'nan'): either way
    # the value is unreadable, never infinity
    unparsed = [(f.line, f.column) for f in findings if f.rule in ("EURA005", "EURA702")]
    assert unparsed == ([] if readable else [(2, ROW.index("57227") + 1)])
    assert not any("inf" in f.message.split("'")[0] for f in findings)


# -- the scan of each container, for the readers of every workbook format ----------------------

def test_an_ods_whose_repeats_make_millions_of_cells_is_refused():
    from eura_lint.readers.inputs import WorkbookLimits
    from eura_lint.readers.project_list.bounds import WorkbookTooLarge, scan_ods

    from .workbooks import ods, ods_content

    value = ('<table:table-cell office:value-type="float" office:value="1" '
             'table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell>')
    bomb = ods(ods_content([f'<table:table-row table:number-rows-repeated="1000">{value}'
                            "</table:table-row>"]))
    with pytest.raises(WorkbookTooLarge, match=r"A1:XFD1000 .* 16,384,000 cells"):
        scan_ods(bomb, WorkbookLimits())
    # what LibreOffice writes to fill a sheet to its edge is no extent: empty repeats count only
    # where a value follows them
    filled = ods(ods_content([
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Koodi</text:p>'
        '</table:table-cell><table:table-cell table:number-columns-repeated="16383"/>'
        '</table:table-row>',
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>']))
    scan_ods(filled, WorkbookLimits())
    late = ods(ods_content([
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
        '</table:table-row><table:table-row><table:table-cell table:number-columns-repeated="99"/>'
        '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
        '</table:table-cell></table:table-row>']))
    with pytest.raises(WorkbookTooLarge, match=r"A1:CV1048001"):
        scan_ods(late, WorkbookLimits())


def test_an_xls_is_bounded_by_its_size():
    from eura_lint.readers.inputs import WorkbookLimits
    from eura_lint.readers.project_list.bounds import (OLE2_MAGIC, DamagedWorkbook,
                                                       WorkbookTooLarge, scan_xls)

    scan_xls(OLE2_MAGIC + bytes(1000), WorkbookLimits())
    with pytest.raises(WorkbookTooLarge, match="max-workbook-xml"):
        scan_xls(OLE2_MAGIC + bytes(2000), WorkbookLimits(xml=1024))
    with pytest.raises(DamagedWorkbook, match="no OLE2"):
        scan_xls(b"PK\x03\x04" + bytes(100), WorkbookLimits())


def test_an_xlsb_cell_record_far_away_is_refused():
    import io
    import struct
    import zipfile

    from eura_lint.readers.inputs import WorkbookLimits
    from eura_lint.readers.project_list.bounds import WorkbookTooLarge, scan_xlsb

    def record(kind: int, payload: bytes) -> bytes:
        return bytes([kind]) + bytes([len(payload)]) + payload  # (both below 128: one byte)

    sheet = (record(0, struct.pack("<I", 59999) + bytes(8))  # a row header: row 60,000
             + record(2, struct.pack("<I", 701) + bytes(8)))  # a number cell in column ZZ
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
    with pytest.raises(WorkbookTooLarge, match=r"A1:ZZ60000 .* 42,120,000 cells"):
        scan_xlsb(buffer.getvalue(), WorkbookLimits())
