"""Project lists as people save them: valid variants of a clean list and single injected defects,
each as the files Excel and LibreOffice write (CSV in their encodings and delimiters, XLSX with
typed cells, totals, notes and separator rows, and, where LibreOffice is installed, its own
.ods, .xls and recalculated .xlsx saves). tests/test_exports.py lints them all.

A variant is ``(name, files)``; a defect is ``(name, files, rule, row)``: the rule that must
report it and the data row (0-based, as in the clean list) it is in.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
TODAY = dt.date(2016, 12, 31)
HEADER_ROWS = 1
AMOUNTS = (9, 10, 11, 12)  # the four funding columns of the open-data list
DATES = (6, 7)
TOTALS_LABEL = "Yhteensä"


def real_rows() -> tuple[list[str], list[list[str]]]:
    with REAL_LIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def clean_rows(bad_lines: set[int], count: int = 24) -> list[list[str]]:
    """The first ``count`` rows of the real list that have no finding at warning level or above
    (``bad_lines``: the real list's lines that do), of 13 fields each."""
    _, rows = real_rows()
    chosen = [row for line, row in enumerate(rows, start=2)
              if line not in bad_lines and len(row) == 13]
    return chosen[:count]


# ---- writers -------------------------------------------------------------------------------

def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8",
              newline: str = "\n", quote_all: bool = False, bom: bool = False,
              trailing: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(list(row) + [""] * trailing)
    data = out.getvalue().encode(encoding)
    if bom:
        data = (codecs.BOM_UTF8 if encoding == "utf-8" else b"") + data
    return data


def _typed(value):
    """A cell as a spreadsheet holds it: numbers as numbers, d.m.yyyy as a date."""
    if not isinstance(value, str):
        return value
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    if match:
        try:
            return dt.datetime(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return value  # no such day: saved as the text typed

    if re.fullmatch(r"-?\d+", value):
        return int(value)
    return value


def xlsx_bytes(rows: list[list], sheet: str = "Hankkeet", typed: bool = True,
               before: list[tuple[str, list[list]]] = (), start_column: int = 1,
               errors: dict[tuple[int, int], str] | None = None) -> bytes:
    """An XLSX workbook (openpyxl); ``errors`` puts a formula's error value in cells
    (row, column), 1-based, as Excel saves it."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, other in before:
        extra = book.create_sheet(name)
        for row in other:
            extra.append(row)
    worksheet = book.create_sheet(sheet)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=start_column):
            cell = worksheet.cell(row=number, column=column)
            cell.value = _typed(value) if typed else value
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "d.m.yyyy"
    for (row, column), text in (errors or {}).items():
        cell = worksheet.cell(row=row, column=column)
        cell.value = text  # openpyxl writes a known error value as an error cell (t="e")
        assert cell.data_type == "e", text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: dict[str, bytes], target: str, workdir: Path) -> dict[str, bytes]:
    """Each file saved again by LibreOffice as ``target`` (ods, xls, xlsx: formulas recalculated
    and saved with their values, as LibreOffice does when it opens a file)."""
    office = libreoffice()
    source = workdir / "in"
    out = workdir / "out"
    source.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        (source / name).write_bytes(data)
        paths.append(str(source / name))
    filters = {"csv": 'csv:Text - txt - csv (StarCalc):44,34,76,1'}
    command = [office, "--headless", "--norestore",
               f"-env:UserInstallation=file://{workdir / 'profile'}",
               "--convert-to", filters.get(target, target), "--outdir", str(out), *paths]
    if any(name.endswith(".csv") for name in files):
        command[1:1] = ["--infilter=CSV:44,34,76,1"]
    subprocess.run(command, capture_output=True, timeout=300, check=True)
    converted = {}
    for name in files:
        stem = name.rsplit(".", 1)[0]
        converted[f"{stem}.{target}"] = (out / f"{stem}.{target}").read_bytes()
    return converted


# ---- the valid variants --------------------------------------------------------------------

def totals_row(rows: list[list[str]], label_column: int = 0, count: bool = False) -> list:
    row: list = [""] * 13
    row[label_column] = TOTALS_LABEL
    if count:
        row[2] = f"{len(rows)} hanketta"
    for column in AMOUNTS:
        row[column] = str(sum(int(r[column]) for r in rows))
    return row


def note(text: str, width: int = 13, split: bool = False) -> list[str]:
    row = [""] * width
    if split and "," in text:
        first, second = text.split(",", 1)
        row[0], row[1] = first, second
    else:
        row[0] = text
    return row


SEPARATOR = [""] * 13
SOURCE = "Lähde: rakennerahastot.fi, avoin data 2016"


def valid_variants(header: list[str], rows: list[list[str]]) -> Iterator[tuple[str, dict[str, bytes]]]:
    table = [header, *rows]
    totals = totals_row(rows)
    yield "plain", {"l.csv": csv_bytes(table)}
    yield "utf-8 bom (Excel: CSV UTF-8)", {"l.csv": csv_bytes(table, bom=True)}
    yield "semicolons, cp1252, CRLF (Excel: CSV, Finnish Windows)", {
        "l.csv": csv_bytes(table, ";", "cp1252", "\r\n")}
    yield "tabs (.tsv)", {"l.tsv": csv_bytes(table, "\t")}
    yield "utf-16 tabs (Excel: Unicode text)", {
        "l.csv": codecs.BOM_UTF16_LE + csv_bytes(table, "\t", "utf-16-le", "\r\n")}
    yield "every cell quoted (LibreOffice: quote all text cells)", {
        "l.csv": csv_bytes(table, quote_all=True)}
    yield "trailing empty columns", {"l.csv": csv_bytes(table, trailing=3)}
    yield "separator rows", {"l.csv": csv_bytes([header, *rows[:5], SEPARATOR, *rows[5:],
                                                   SEPARATOR, SEPARATOR])}
    yield "dash separator row", {"l.csv": csv_bytes([header, *rows[:3], ["-----"] * 13, *rows[3:]])}
    yield "blank lines and separators at the end", {
        "l.csv": csv_bytes(table) + b"\n\n,,,,,,,,,,,,\n\n"}
    yield "totals row", {"l.csv": csv_bytes([*table, totals])}
    yield "totals row after a separator", {"l.csv": csv_bytes([*table, SEPARATOR, totals])}
    yield "totals labelled in the name column", {"l.csv": csv_bytes([*table, totals_row(rows, 2)])}
    yield "totals with a count of projects", {"l.csv": csv_bytes([*table, totals_row(rows, count=True)])}
    yield "unlabelled totals", {"l.csv": csv_bytes([*table, [""] * 9 + totals[9:]])}
    yield "source note under the data", {"l.csv": csv_bytes([*table, SEPARATOR, note(SOURCE)])}
    yield "note split at a comma", {"l.csv": csv_bytes([*table, note(SOURCE, split=True)])}
    yield "note above the data", {"l.csv": csv_bytes([header, note("Summat euroina"), *rows])}
    yield "title above the header", {"l.csv": csv_bytes([note("EURA 2014 hankkeet 2016"),
                                                         SEPARATOR, *table])}
    yield "totals and note", {"l.csv": csv_bytes([*table, totals, note(SOURCE)])}
    yield "semicolons with totals and a note", {
        "l.csv": csv_bytes([*table, SEPARATOR, totals, note(SOURCE)], ";", "cp1252", "\r\n")}
    yield "xlsx typed cells", {"l.xlsx": xlsx_bytes(table)}
    yield "xlsx text cells", {"l.xlsx": xlsx_bytes(table, typed=False)}
    yield "xlsx another sheet name", {"l.xlsx": xlsx_bytes(table, sheet="Taul1")}
    yield "xlsx list after a notes sheet", {
        "l.xlsx": xlsx_bytes(table, before=[("Ohje", [["Tämä luettelo on avointa dataa"]])])}
    yield "xlsx title rows above the header", {
        "l.xlsx": xlsx_bytes([["EURA 2014 hankkeet"], [], *table])}
    yield "xlsx data from column B", {"l.xlsx": xlsx_bytes(table, start_column=2)}
    yield "xlsx totals and note", {"l.xlsx": xlsx_bytes([*table, [], totals, note(SOURCE)])}
    yield "xlsx separator rows of spaces", {
        "l.xlsx": xlsx_bytes([header, *rows[:4], [" "] * 13, *rows[4:]])}
    yield "xlsx note above the data", {"l.xlsx": xlsx_bytes([header, note("(euroina)"), *rows])}
    yield "xlsx cells with spaces around", {
        "l.xlsx": xlsx_bytes([header, *[[f" {v}" if i == 8 else v for i, v in enumerate(r)]
                                        for r in rows]], typed=True)}


def formula_table(header: list[str], rows: list[list[str]]) -> list[list]:
    """The list with its realised public totals as formulas (the sum of the realised EU and
    state funding and a remainder), and a totals row of SUM formulas, as a user builds it."""
    table: list[list] = [header]
    for number, row in enumerate(rows, start=2):
        row = [_typed(v) for v in row]
        rest = row[12] - row[10]
        row[12] = f"=K{number}+{rest}"
        table.append(row)
    last = len(rows) + 1
    table.append(["Yhteensä", None, None, None, None, None, None, None, None,
                  *[f"=SUM({c}2:{c}{last})" for c in "JKLM"]])
    return table


def libreoffice_variants(header: list[str], rows: list[list[str]], workdir: Path
                         ) -> Iterator[tuple[str, dict[str, bytes]]]:
    """The same lists saved by LibreOffice itself: ODS, XLS and XLSX of the CSV, and of a
    workbook with formulas (saved with the values LibreOffice computed)."""
    table = [header, *rows, SEPARATOR, totals_row(rows), note(SOURCE)]
    source = {"l.csv": csv_bytes(table)}
    formulas = {"f.xlsx": xlsx_bytes(formula_table(header, rows), typed=False)}
    for target in ("ods", "xls", "xlsx"):
        yield f"libreoffice {target} of the csv", convert(source, target, workdir / f"c-{target}")
        yield (f"libreoffice {target} with formulas",
               convert(formulas, target, workdir / f"f-{target}"))


def libreoffice_defects(header: list[str], rows: list[list[str]], workdir: Path
                        ) -> Iterator[tuple[str, dict[str, bytes], str, int]]:
    """A formula that cannot be computed (``=1/0`` in an amount column, 7th data row), saved by
    LibreOffice as ODS and XLSX: an error cell, EURA005. (In .xls and .xlsb python-calamine reads
    an error cell as empty: not judged here.)"""
    table = formula_table(header, rows)
    table[7][10] = "=1/0"
    source = {"e.xlsx": xlsx_bytes(table, typed=False)}
    for target in ("ods", "xlsx"):
        yield (f"libreoffice {target}: an error cell", convert(source, target, workdir / f"e-{target}"),
               "EURA005", 6)


# ---- the defects ---------------------------------------------------------------------------

def _set(column: int, value: str) -> Callable[[list[str]], list[str]]:
    def edit(row: list[str]) -> list[str]:
        row = list(row)
        row[column] = value
        return row
    return edit


def _raise_realised(row: list[str]) -> list[str]:
    row = list(row)
    row[12] = str(int(row[11]) + 1000)
    return row


def _granted_over(row: list[str]) -> list[str]:
    row = list(row)
    row[9] = str(int(row[11]) + 1000)
    return row


def _swap_dates(row: list[str]) -> list[str]:
    row = list(row)
    row[6], row[7] = row[7], row[6]
    return row


def _comma_in_name(row: list[str]) -> list[str]:
    row = list(row)
    row[2] = row[2] + ", osa 2"
    return row


# (name, edit of the row, the rule that must report it)
DEFECTS: list[tuple[str, Callable[[list[str]], list[str]], str]] = [
    ("a letter in an amount", _set(9, "28O000"), "EURA005"),
    ("an error value written in an amount", _set(10, "#DIV/0!"), "EURA005"),
    ("an error value in the start date", _set(6, "#VALUE!"), "EURA005"),
    ("#N/A in the authority", _set(4, "#N/A"), "EURA005"),
    ("no such day", _set(6, "31.2.2015"), "EURA006"),
    ("a word in the end date", _set(7, "kesken"), "EURA006"),
    ("start after end", _swap_dates, "EURA401"),
    ("realised over planned", _raise_realised, "EURA202"),
    ("granted over planned", _granted_over, "EURA203"),
    ("negative realised total", _set(12, "-5"), "EURA205"),
    ("a project row without its code", _set(0, ""), "EURA102"),
    ("a blank name", _set(2, ""), "EURA102"),
    ("a blank authority", _set(4, ""), "EURA102"),
    ("a code of five digits", _set(0, "A7030"), "EURA502"),
    ("an ESF code with ERDF", _set(0, "S20001"), "EURA503"),
    ("an axis the programme does not have", _set(3, "11"), "EURA504"),
    ("an ESF axis for an ERDF project", _set(3, "3"), "EURA505"),
    ("an authority that is no intermediate body", _set(4, "Keskon rautakauppa"), "EURA314"),
    ("words in the axis column", _set(3, "Toimintalinja"), "EURA702"),
    ("an amount in the start date", _set(6, "7560"), "EURA702"),
    ("an unquoted comma in the name", _comma_in_name, "EURA702"),
]
DUPLICATE = "a repeated code"


def defects(header: list[str], rows: list[list[str]]
            ) -> Iterator[tuple[str, dict[str, bytes], str, int]]:
    """Each defect in a CSV and an XLSX list with a totals row, a note and a separator (the
    non-project rows must not hide it), in the 7th data row; a repeated code; and error cells
    as Excel saves them."""
    at = 6
    for name, edit, rule in DEFECTS:
        changed = [*rows[:at], edit(rows[at]), *rows[at + 1:]]
        table = [header, *changed, SEPARATOR, totals_row(rows), note(SOURCE)]
        if name == "an unquoted comma in the name":
            # a CSV written by hand: the comma splits the name
            text = csv_bytes([header, *rows[:at]]) + (",".join(changed[at]) + "\n").encode()
            text += csv_bytes([*rows[at + 1:], SEPARATOR, totals_row(rows), note(SOURCE)])
            yield f"csv: {name}", {"l.csv": text}, rule, at
            continue
        yield f"csv: {name}", {"l.csv": csv_bytes(table)}, rule, at
        if name != "a letter in an amount":
            yield f"xlsx: {name}", {"l.xlsx": xlsx_bytes(table)}, rule, at
    table = [header, *rows, rows[3], totals_row(rows)]
    yield f"csv: {DUPLICATE}", {"l.csv": csv_bytes(table)}, "EURA703", len(rows)
    yield f"xlsx: {DUPLICATE}", {"l.xlsx": xlsx_bytes(table)}, "EURA703", len(rows)
    for column, error in ((10, "#DIV/0!"), (13, "#VALUE!"), (7, "#N/A"), (5, "#REF!")):
        table = [header, *rows, totals_row(rows)]
        yield (f"xlsx: error cell {error}", {"l.xlsx": xlsx_bytes(table, errors={
            (at + 1 + HEADER_ROWS, column): error})}, "EURA005", at)
