"""Project lists as people save them (issue 19): rows that are not projects, spreadsheet error
cells, workbook formats, positions, and a set of realistic exports (tests/exports.py): every
valid variant of a clean list gives no error or warning, and every injected defect is reported
by the right rule on its row."""

from __future__ import annotations

import collections
import io
import os

import pytest

from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_bytes, lint_paths
from eura_lint.finding import Severity

from . import exports
from .exports import csv_bytes, xlsx_bytes
from .helpers import run

LINT = Context(today=exports.TODAY)
HEADER, _ = exports.real_rows()
ROW = ["A70302", "EAKR", "Hanke", "2", "Innovaatiorahoituskeskus Tekes", "Toiminnassa",
       "1.3.2015", "28.2.2017", "Yliopisto", "280000", "57227", "319258", "59451"]
ROW2 = ["A70303", *ROW[1:]]


@pytest.fixture(scope="module")
def linter():
    return build_linter(context=LINT)


@pytest.fixture(scope="module")
def clean(linter):
    """Rows of the real list without a finding at warning level or above."""
    bad = {f.line for f in lint_paths([str(exports.REAL_LIST)], linter=linter)
           if f.severity >= Severity.WARNING}
    return exports.clean_rows(bad)


def found(data: bytes, name: str, linter, level=Severity.INFO):
    return [(f.rule, f.line, f.column) for f in lint_bytes(data, name, linter=linter)
            if f.severity >= level]


def loud(findings):
    return [f for f in findings if f.severity >= Severity.WARNING]


# ---- rows that are not projects ------------------------------------------------------------

def test_separator_rows_are_skipped_like_blank_lines(linter):
    data = csv_bytes([HEADER, ROW, [""] * 13, ROW2, [""] * 13]) + b",,,,\n"
    assert found(data, "l.csv", linter) == []
    book = xlsx_bytes([HEADER, ROW, [" "] * 13, ROW2, ["-----"] * 13])
    assert found(book, "l.xlsx", linter) == []


@pytest.mark.parametrize("name", ["l.csv", "l.xlsx"])
def test_totals_and_note_rows_are_one_info_naming_them(name, linter):
    totals = ["Yhteensä", *[""] * 8, "560000", "114454", "638516", "118902"]
    source = ["Lähde: rakennerahastot.fi", *[""] * 12]
    rows = [HEADER, ["(euroina)", *[""] * 12], ROW, ROW2, [""] * 13, totals, source]
    data = csv_bytes(rows) if name == "l.csv" else xlsx_bytes(rows)
    findings = lint_bytes(data, name, linter=linter)
    assert [(f.rule, f.line, f.column, f.severity) for f in findings] == [
        ("EURA709", 2, 1, Severity.INFO)]
    assert findings[0].message.endswith(
        "Rows taken as not projects (totals or notes) and not checked: 3, on lines 2, 6, 7")


def test_many_rows_not_projects_are_named_ten_and_counted(linter):
    rows = [HEADER, ROW, *[[f"Huomautus {n}", *[""] * 12] for n in range(12)]]
    findings = lint_bytes(csv_bytes(rows), "l.csv", linter=linter)
    (note,) = findings
    assert note.rule == "EURA709" and note.line == 3
    assert note.message.endswith(": 12, on lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 (+2)")


def test_a_project_row_with_a_blank_code_is_still_an_error(linter):
    rows = [HEADER, ROW, ["", *ROW2[1:]], ["Yhteensä", *[""] * 8, "1", "1", "1", "1"]]
    assert found(csv_bytes(rows), "l.csv", linter) == [("EURA102", 3, 1), ("EURA709", 4, 1)]


@pytest.mark.parametrize("column", [1, 4, 5, 6])  # fund, authority, status, start date
def test_a_blank_code_row_with_a_project_column_and_a_sum_is_linted(column, linter):
    # a name, one value only a project has and a negative sum: not a totals row
    row = ["", "", "Toinen hanke", *[""] * 6, "-5000", "", "", ""]
    row[column] = ROW[column]
    findings = found(csv_bytes([HEADER, ROW, row]), "l.csv", linter)
    # (the row's other blank cells are empty fields too, EURA102 each)
    assert ("EURA102", 3, 1) in findings
    assert [f for f in findings if f[0] != "EURA102"] == [
        ("EURA205", 3, len(",".join(row[:9])) + 2)]


def test_a_blank_code_row_holding_only_a_status_is_linted_not_a_note(linter):
    row = ["", "", "", "", "", "Toiminnassa", *[""] * 7]
    findings = found(csv_bytes([HEADER, ROW, row]), "l.csv", linter)
    assert ("EURA102", 3, 1) in findings and "EURA709" not in {f[0] for f in findings}


def test_the_narrow_list_of_the_review_reports_the_blank_code_and_the_negative_sum(linter):
    data = ("Koodi,Hankkeen nimi,Tila,Myönnetty EU- ja valtion rahoitus\n"
            "A70302,Hanke,Toiminnassa,280000\n,Toinen hanke,Toiminnassa,-5000\n").encode()
    assert found(data, "n.csv", linter) == [("EURA102", 3, 1), ("EURA205", 3, 27)]


def test_a_totals_row_above_two_other_cells_is_a_project_row(linter):
    # numbers in the amount columns, but a fund, a name and an axis too: a project without a code
    row = ["", "EAKR", "Hanke", "2", "", "", "", "", "", "1", "1", "1", "1"]
    assert ("EURA102", 3, 1) in found(csv_bytes([HEADER, ROW, row]), "l.csv", linter)


def test_empty_header_cells_after_the_names_do_not_make_rows_short(linter):
    data = (",".join(HEADER) + ",,,\n").encode() + csv_bytes([ROW, ROW2])
    assert found(data, "l.csv", linter) == []


def test_a_repeated_header_is_not_a_project(linter):
    rows = [HEADER, ROW, HEADER, ROW2]
    assert found(csv_bytes(rows), "l.csv", linter) == [("EURA709", 3, 1)]


def test_a_row_shifted_from_its_first_cell_is_one_finding(linter):
    # an empty cell inserted before the code: 14 fields, the code blank
    assert found(csv_bytes([HEADER, ROW, ["", *ROW2]]), "l.csv", linter) == [("EURA702", 3, 114)]


# ---- spreadsheet error cells and formulas --------------------------------------------------

@pytest.mark.parametrize("error", ["#VALUE!", "#DIV/0!", "#N/A", "#REF!", "#NAME?", "#NUM!",
                                   "#NULL!"])
def test_an_error_cell_is_an_unreadable_value_with_its_text(error, linter):
    book = xlsx_bytes([HEADER, ROW, ROW2], errors={(3, 10): error})
    findings = lint_bytes(book, "l.xlsx", linter=linter)
    assert [(f.rule, f.line, f.column) for f in findings] == [("EURA005", 3, 10)]
    assert f"Hankkeet!J3: '{error}' is a spreadsheet error" in findings[0].message


def test_an_error_value_saved_in_a_csv_is_one_too(linter):
    rows = [HEADER, ROW, [*ROW2[:7], "Err:502", *ROW2[8:]]]
    assert found(csv_bytes(rows), "l.csv", linter) == [("EURA005", 3, 73)]


def test_error_cells_of_an_xlsx_are_read_from_its_sheets(tmp_path):
    from eura_lint.readers.project_list.grid import error_cells

    book = xlsx_bytes([HEADER, ROW], errors={(2, 12): "#N/A"}, sheet="Lista & muut",
                      before=[("Ohje", [["x"]])])
    assert error_cells(book) == {"Lista & muut": {2: [(12, "#N/A")]}}
    assert error_cells(b"not a zip") == {}


def test_error_cells_of_a_sheet_whose_name_has_a_character_reference_are_read(linter):
    """A sheet named with a character reference (&#228; for ä) in workbook.xml: its error cells
    are still found under the name calamine reads, and reported."""
    import zipfile

    book = xlsx_bytes([HEADER, ROW], errors={(2, 12): "#N/A"}, sheet="Hankkeet ä")
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, \
            zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/workbook.xml":
                assert "Hankkeet ä".encode() in content
                content = content.replace("Hankkeet ä".encode(), b"Hankkeet &#228;")
            target.writestr(item, content)
    from eura_lint.readers.project_list.grid import error_cells

    assert error_cells(rewritten.getvalue()) == {"Hankkeet ä": {2: [(12, "#N/A")]}}
    assert [(f.rule, f.line, f.column) for f in lint_bytes(rewritten.getvalue(), "l.xlsx",
                                                           linter=linter)
            if f.rule == "EURA005"] == [("EURA005", 2, 12)]


# ---- the axis, shifted rows, positions -----------------------------------------------------

def test_the_axis_is_judged_without_an_objective_column(linter):
    rows = [HEADER, ROW, [*ROW2[:3], "11", *ROW2[4:]]]
    findings = lint_bytes(csv_bytes(rows), "l.csv", linter=linter)
    assert [(f.rule, f.line, f.column) for f in findings] == [("EURA504", 3, 19)]
    assert findings[0].suggestion == "Axes are numbered 1, 2, 6, 8."


@pytest.mark.parametrize(("row", "where"), [
    ([*ROW2[:2], "Hanke", " osa 2", *ROW2[3:]], (3, 120)),  # a comma in the name: 14 fields
    ([*ROW2[:6], "7560", *ROW2[7:]], (3, 64)),  # an amount in the start date
    ([*ROW2[:4], "Lapin liitto"], (3, 33)),  # fields missing
])
def test_a_shifted_or_ragged_row_is_one_finding(row, where, linter):
    findings = found(csv_bytes([HEADER, ROW, row]), "l.csv", linter, Severity.WARNING)
    assert findings == [("EURA702", *where)]


def test_workbook_positions_whatever_the_cells_spaces(linter):
    rows = [HEADER, [*ROW[:4], "  Keskon rautakauppa  ", *ROW[5:]]]
    findings = [f for f in lint_bytes(xlsx_bytes(rows), "l.xlsx", linter=linter)
                if f.rule == "EURA314"]
    assert [(f.line, f.column) for f in findings] == [(2, 5)]
    assert findings[0].message.startswith("Hankkeet!E2: ")
    # in a CSV the position is the value's, past the spaces
    text = [(f.line, f.column) for f in lint_bytes(csv_bytes(rows), "l.csv", linter=linter)
            if f.rule == "EURA314"]
    assert text == [(2, 23)]


# ---- formats -------------------------------------------------------------------------------

def test_other_formats_are_named_with_a_suggestion_that_fits(tmp_path, linter):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    cases = {
        "kuvaus.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document", "save the description as a text file"),
        "kuvaus.docx": (b"PK\x03\x04" + b"\0" * 26 + b"word/document.xml", "a Word document", "save the description as a text file"),
        "lista.xlsx": (ole + "EncryptedPackage".encode("utf-16-le"), "a workbook protected by a password", "Remove the password"),
        "lista.csv": (b"PK\x03\x04" + b"\0" * 26 + b"xl/workbook.xml", "a workbook in a format that is not read", "export the list as CSV"),
        "rikki.xlsx": (b"PK\x03\x04" + b"\0" * 200, "not a readable XLSX workbook", "save it again"),
    }
    for name, (data, reason, suggestion) in cases.items():
        (finding,) = lint_bytes(data, name, linter=linter)
        assert finding.rule == "EURA001", name
        assert reason in finding.message, (name, finding.message)
        assert suggestion in finding.suggestion, (name, finding.suggestion)
        assert "UTF-8" not in finding.suggestion or name.endswith((".pdf", ".docx"))


def test_folders_find_every_workbook_format(tmp_path):
    from eura_lint.readers.discovery import find_files

    for name in ("a.xlsx", "b.XLS", "c.ods", "d.xlsb", "e.docx", "f.pdf"):
        (tmp_path / name).write_bytes(b"")
    assert [os.path.basename(p) for p in find_files([str(tmp_path)]).files] == [
        "a.xlsx", "b.XLS", "c.ods", "d.xlsb"]


def test_stdin_filename_of_a_table_lints_a_table(linter):
    data = csv_bytes([HEADER, ROW, [*ROW2[:3], "11", *ROW2[4:]]])
    result = run("--today", "2016-12-31", "-f", "json", "-", "--stdin-filename", "lista.csv",
                 input=data)
    import json
    assert [(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)] == [
        ("lista.csv", "EURA504", 3)]
    book = xlsx_bytes([HEADER, [*ROW[:9], "#N/A", *ROW[10:]]])
    result = run("--today", "2016-12-31", "-f", "json", "-", "--stdin-filename", "lista.xlsx",
                 input=book)
    assert [(f["rule"], f["line"]) for f in json.loads(result.stdout)] == [("EURA005", 2)]


# ---- folders: own reports, empty folders ---------------------------------------------------

def test_own_reports_in_a_folder_are_skipped_with_a_note(tmp_path):
    (tmp_path / "lista.csv").write_bytes(csv_bytes([HEADER, ROW, [*ROW2[:3], "11", *ROW2[4:]]]))
    outputs = ["-o", "csv:findings.csv", "-o", "json:f.txt", "-o", "sarif:s.txt",
               "-o", "junit:j.csv", "-o", "html:h.txt", "-o", "text:t.txt"]
    first = run("--today", "2016-12-31", ".", *outputs, cwd=tmp_path, text=True)
    assert first.returncode == 1, first.stderr
    again = run("--today", "2016-12-31", "-f", "json", ".", cwd=tmp_path, text=True)
    assert again.returncode == 1, again.stderr
    import json
    assert {f["path"] for f in json.loads(again.stdout)} == {"./lista.csv"}
    for name, kind in (("findings.csv", "csv"), ("f.txt", "json"), ("s.txt", "sarif"),
                       ("j.csv", "junit"), ("h.txt", "html"), ("t.txt", "text")):
        assert f"eura-lint: ./{name}: an eura-lint report ({kind}), not linted" in again.stderr


def test_reports_without_findings_in_either_language_and_in_colour_are_skipped(tmp_path):
    """A clean text report is its summary line alone; a Finnish one says [varoitus]; one saved
    from a terminal has colour codes; a clean JSON report is []: none is linted as a
    description (EURA002) or a list."""
    import json
    import shutil
    from .helpers import SEEDS
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    clean = run("seeds", "--select", "EURA703", "-o", "text:seeds/clean.txt", "-o",
                "json:seeds/clean.csv", cwd=tmp_path, text=True)
    puhdas = run("seeds", "--select", "EURA703", "--lang", "fi", "-o", "text:seeds/puhdas.txt",
                 cwd=tmp_path, text=True)
    assert clean.returncode == puhdas.returncode == 0, clean.stderr + puhdas.stderr
    assert (seeds / "clean.txt").read_text(encoding="utf-8") == "No problems in 5 files.\n"
    assert (seeds / "puhdas.txt").read_text(encoding="utf-8").startswith("Ei ongelmia; ")
    assert (seeds / "clean.csv").read_text(encoding="utf-8").strip() == "[]"
    finnish = run("--today", "2016-12-31", "seeds", "--lang", "fi", "-o", "text:seeds/fi.txt",
                  cwd=tmp_path, text=True)
    assert "[varoitus]" in (seeds / "fi.txt").read_text(encoding="utf-8")
    coloured = run("--today", "2016-12-31", "seeds", "--color", "always", cwd=tmp_path, text=True)
    assert "\x1b[" in coloured.stdout
    (seeds / "colour.txt").write_text(coloured.stdout, encoding="utf-8")
    assert finnish.returncode == coloured.returncode == 1
    again = run("--today", "2016-12-31", "-f", "json", "seeds", cwd=tmp_path, text=True)
    assert again.returncode == 1, again.stderr
    findings = json.loads(again.stdout)
    assert not any(f["rule"] == "EURA002" for f in findings)
    assert {f["path"] for f in findings} <= {f"seeds/{p.name}" for p in SEEDS.iterdir()}
    # the seeds are all linted, and nothing else
    assert run("--today", "2016-12-31", "seeds", cwd=tmp_path, text=True).stdout.endswith(
        " of 5 files.\n")
    for name, kind in (("clean.txt", "text"), ("puhdas.txt", "text"), ("clean.csv", "json"),
                       ("fi.txt", "text"), ("colour.txt", "text")):
        assert f"eura-lint: seeds/{name}: an eura-lint report ({kind}), not linted" in again.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reports_told_apart_as_they_are_read_are_set_apart_as_before(tmp_path, jobs):
    """The descriptions found in a folder are told from this linter's reports when they are
    read, in this process or a worker: a report written there by an earlier run is no input a
    new report would replace, is noted and not counted, and a folder of reports alone holds
    nothing to lint."""
    import shutil
    from .helpers import SEEDS
    folder = tmp_path / "d"
    shutil.copytree(SEEDS, folder)
    for name in ("a.txt", "b.txt", "c.txt"):  # enough files for the workers to share them
        shutil.copy(next(SEEDS.iterdir()), folder / name)
    first = run("--today", "2016-12-31", "-j", jobs, "d", "-o", "text:d/report.txt",
                cwd=tmp_path, text=True)
    assert first.returncode == 1, first.stderr
    again = run("--today", "2016-12-31", "-j", jobs, "d", "-o", "text:d/report.txt",
                cwd=tmp_path, text=True)
    assert again.returncode == 1, again.stderr
    assert "eura-lint: d/report.txt: an eura-lint report (text), not linted" in again.stderr
    assert again.stdout.endswith(" of 8 files.\n")
    assert (folder / "report.txt").read_text(encoding="utf-8") == first.stdout
    (tmp_path / "only").mkdir()
    shutil.copy(folder / "report.txt", tmp_path / "only" / "saved.txt")
    alone = run("-j", jobs, "only", cwd=tmp_path, text=True)
    assert alone.returncode == 2 and alone.stdout == ""
    assert "eura-lint: only/saved.txt: an eura-lint report (text), not linted" in alone.stderr
    assert "nothing to lint in 'only'" in alone.stderr
    among = run("--today", "2016-12-31", "-j", jobs, "only", "d", cwd=tmp_path, text=True)
    assert among.returncode == 2 and among.stdout.endswith(" of 8 files.\n")
    assert "nothing to lint in 'only'" in among.stderr
    # a report named on the command line is linted, whatever a folder given beside it holds
    import json
    named = run("--today", "2016-12-31", "-j", jobs, "-f", "json", "d", "d/report.txt",
                cwd=tmp_path, text=True)
    assert "d/report.txt" in {f["path"] for f in json.loads(named.stdout)}, named.stderr


def test_descriptions_and_lists_are_never_taken_for_reports():
    from eura_lint.readers.discovery import report_format
    from .helpers import SEEDS
    for path in [*SEEDS.iterdir(), exports.REAL_LIST]:
        assert report_format(path.read_bytes()[:2048]) is None, path
    # a page that begins with the summary's words, or a finding quoted in its text, is read
    assert report_format(b"No problems in 5 files.\nHankkeen nimi: Testi\n") is None
    assert report_format(b"Hanke\nseeds/a.txt:1:1: EURA101 [warning] x\n") is None
    assert report_format(b"[1, 2]\n") is None
    assert report_format(b"Found 6 problems (6 warnings) in 3 of 5 files.") == "text"
    assert report_format("Löytyi 1 ongelma (1 virhe) 1 tiedostossa; tarkistettiin 1 tiedosto.\n"
                         .encode()) == "text"
    assert report_format(b"\x1b[1ma.txt\x1b[0m:1:1: \x1b[1mEURA101\x1b[0m "
                         b"[\x1b[33mwarning\x1b[0m] x") == "text"
    assert report_format("a.txt:1:1: EURA101 [huomautus] x".encode()) == "text"
    assert report_format(b"  [ ]\n") == "json"


def test_an_empty_folder_among_other_paths_is_an_error(tmp_path):
    (tmp_path / "tyhja").mkdir()
    (tmp_path / "lista.csv").write_bytes(csv_bytes([HEADER, ROW]))
    result = run("--today", "2016-12-31", "tyhja", "lista.csv", cwd=tmp_path, text=True)
    assert result.returncode == 2
    assert "eura-lint: nothing to lint in 'tyhja'" in result.stderr
    assert "No problems found in 1 file" in result.stdout or "1 file" in result.stdout


# ---- the realistic exports -----------------------------------------------------------------

def lint_files(tmp_path, name, files, linter):
    folder = tmp_path / "".join(c if c.isalnum() else "_" for c in name)[:60]
    folder.mkdir()
    paths = []
    for file_name, data in files.items():
        (folder / file_name).write_bytes(data)
        paths.append(str(folder / file_name))
    return lint_paths(paths, linter=linter)


def test_valid_exports_give_no_error_or_warning(tmp_path, linter, clean):
    variants = list(exports.valid_variants(HEADER, clean))
    assert len(variants) >= 30
    for name, files in variants:
        findings = lint_files(tmp_path, name, files, linter)
        assert loud(findings) == [], name
        notes = collections.Counter(f.rule for f in findings)
        assert notes["EURA709"] <= 1, name


def test_injected_defects_are_reported_by_the_right_rule_on_their_row(tmp_path, linter, clean):
    cases = list(exports.defects(HEADER, clean))
    assert len(cases) >= 40
    for name, files, rule, row in cases:
        findings = loud(lint_files(tmp_path, name, files, linter))
        line = row + 1 + exports.HEADER_ROWS
        assert rule in {f.rule for f in findings if f.line == line}, (name, findings)
        assert {f.line for f in findings} == {line}, (name, findings)
        if rule == "EURA702":
            assert len(findings) == 1, (name, findings)


@pytest.mark.slow
def test_lists_saved_by_libreoffice(tmp_path, linter, clean):
    """ODS, XLS and XLSX saved by LibreOffice itself, of a CSV and of a workbook with formulas
    (saved with the values LibreOffice computed); fails rather than skips under CI."""
    if exports.libreoffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)")
    for name, files in exports.libreoffice_variants(HEADER, clean, tmp_path / "office"):
        findings = lint_files(tmp_path, name, files, linter)
        assert loud(findings) == [], (name, findings)
        assert [f.rule for f in findings if f.severity == Severity.INFO].count("EURA709") == 1, name
    for name, files, rule, row in exports.libreoffice_defects(HEADER, clean, tmp_path / "office"):
        findings = loud(lint_files(tmp_path, name, files, linter))
        # the error cell, and the realised total whose formula adds it (the error spreads)
        assert [(f.rule, f.line) for f in findings] == [(rule, row + 2)] * 2, (name, findings)
        assert all("'#DIV/0!' is a spreadsheet error" in f.message for f in findings)
