"""lint_frame: a pandas DataFrame linted as a project list gives the findings of its file, with
the row's index label and the column's label for positions."""

from __future__ import annotations

import bisect
import datetime as dt
import json

import pandas as pd
import pytest

from eura_lint import FrameFinding, lint_frame
from eura_lint.readers.decoding import decode
from eura_lint.readers.project_list.grid import read_csv

from .helpers import ROOT, run

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
TODAY = dt.date(2016, 12, 31)


def _file_findings(path) -> list[dict]:
    result = run("--no-config", "--today", TODAY.isoformat(), "-f", "json", path)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def _by_row_and_column(path, findings: list[dict]) -> list[tuple]:
    """A file's findings as (rule, row, column, message): the row counted from 0 among the data
    rows (a DataFrame's default index), the column by its header label, found from the cells'
    own positions in the file."""
    rows = list(read_csv(decode(path.read_bytes()).text))
    header = [cell.value for cell in rows[0]]
    data = {cells[0].line: (number, [cell.column for cell in cells])
            for number, cells in enumerate(rows[1:])}
    placed = []
    for finding in findings:
        number, starts = data[finding["line"]]
        label = header[bisect.bisect_right(starts, finding["column"]) - 1]
        placed.append((finding["rule"], number, label, finding["message"]))
    return sorted(placed)


def _placed(findings: list[FrameFinding]) -> list[tuple]:
    return sorted((f.rule, f.index, f.column, f.message) for f in findings)


@pytest.fixture(scope="module")
def expected() -> list[tuple]:
    return _by_row_and_column(REAL_LIST, _file_findings(REAL_LIST))


def test_the_real_list_read_with_read_csv_gives_the_findings_of_the_file(expected):
    frame = pd.read_csv(REAL_LIST)
    found = lint_frame(frame, today=TODAY)
    assert len(expected) == 255  # the file's findings (a shifted row is one finding)
    assert _placed(found) == expected


def test_the_real_list_as_a_workbook_read_with_read_excel_gives_the_same(expected, tmp_path):
    workbook = tmp_path / "projektit.xlsx"
    pd.read_csv(REAL_LIST).to_excel(workbook, sheet_name="Hankkeet", index=False)
    frame = pd.read_excel(workbook, engine="openpyxl")
    assert frame["Suunniteltu julkinen rahoitus yhteensä"].dtype.kind in "if"  # numbers, not text
    assert _placed(lint_frame(frame, today=TODAY)) == expected


def test_positions_name_the_index_label_and_the_column_label():
    frame = pd.DataFrame(
        {"Koodi": ["A70001", "A70002"], "Hankkeen nimi": ["Yksi", "Kaksi"],
         "Tila": ["Toiminnassa", "Toiminnassa"],
         "Myönnetty EU- ja valtion rahoitus": [1000, 1000],
         "Toteutunut EU- ja valtion rahoitus": [500, 2000]},
        index=pd.Index(["first", "second"], name="key"))
    found = lint_frame(frame, today=TODAY, select=["EURA201"])
    assert [(f.rule, f.index, f.column) for f in found] == [
        ("EURA201", "second", "Toteutunut EU- ja valtion rahoitus")]
    assert found[0].path == "<DataFrame>"
    record = found[0].as_record()
    assert (record["path"], record["line"], record["column"]) == (
        "<DataFrame>", "second", "Toteutunut EU- ja valtion rahoitus")


def test_a_clean_frame_gives_no_findings():
    frame = pd.DataFrame({"Koodi": ["A70001"], "Hankkeen nimi": ["Yksi"], "Tila": ["Toiminnassa"],
                          "Aloituspvm": ["1.1.2015"], "Päättymispvm": ["31.12.2017"]})
    assert lint_frame(frame, today=TODAY, select=["EURA2", "EURA4", "EURA5", "EURA7"]) == []


def test_a_cell_with_leading_spaces_is_named_by_its_own_column():
    # a rule points past a cell's leading spaces, into the cell: still that cell's column
    frame = pd.DataFrame({"Koodi": ["A70001"], "Hankkeen nimi": ["   Yksi  hanke"],
                          "Tila": ["Toiminnassa"]}, index=[7])
    found = lint_frame(frame, today=TODAY, select=["EURA705"])
    assert [(f.rule, f.index, f.column) for f in found] == [("EURA705", 7, "Hankkeen nimi")]


def test_dates_numbers_and_missing_values_of_any_dtype_read_as_their_text():
    frame = pd.DataFrame({
        "Koodi": pd.array(["A70001", "A70002", pd.NA], dtype="string"),
        "Tila": ["Toiminnassa", "Toiminnassa", None],
        "Aloituspvm": pd.to_datetime(["2015-03-01", "2013-05-01", None]),
        "Päättymispvm": pd.to_datetime(["2017-02-28", "2016-01-31", None]),
        "Myönnetty EU- ja valtion rahoitus": pd.array([100, 100, None], dtype="Int64"),
        "Toteutunut EU- ja valtion rahoitus": [50.0, 150.5, float("nan")],
    })
    found = lint_frame(frame, today=TODAY, select=["EURA201", "EURA402"])
    assert [(f.rule, f.index, f.column) for f in found] == [
        ("EURA402", 1, "Aloituspvm"), ("EURA201", 1, "Toteutunut EU- ja valtion rahoitus")]
    assert "1.5.2013" in found[0].message
    assert "150.5 exceeds the granted 100" in found[1].message


def test_an_unrecognised_header_is_a_finding_about_the_whole_frame():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    (found,) = lint_frame(frame, today=TODAY)
    assert (found.rule, found.index, found.column) == ("EURA701", None, None)
    assert "a, b" in found.message


def test_the_configurations_column_names_are_recognised():
    frame = pd.DataFrame({"Project ID": ["X1"], "Hankkeen nimi": ["Yksi"]})
    found = lint_frame(frame, today=TODAY, select=["EURA502"],
                       columns={"project_code": "Project ID"})
    assert [(f.rule, f.index, f.column) for f in found] == [("EURA502", 0, "Project ID")]


def test_rows_of_nothing_but_blanks_are_not_projects():
    frame = pd.DataFrame({"Koodi": ["A70001", None], "Hankkeen nimi": ["Yksi", " "],
                          "Tila": ["Toiminnassa", None]})
    assert lint_frame(frame, today=TODAY, select=["EURA102"]) == []


def test_a_linter_and_rule_options_are_not_mixed():
    from eura_lint import build_linter

    with pytest.raises(TypeError):
        lint_frame(pd.DataFrame(), linter=build_linter(), today=TODAY)
    with pytest.raises(TypeError, match="DataFrame"):
        lint_frame([{"Koodi": "A70001"}])
