"""The project list's column rules as a pandera schema and a Frictionless Table Schema, tried
with the libraries themselves against eura-lint's own findings."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys

import pandas as pd
import pandera.pandas as pa
import pytest

from eura_lint import lint_frame
from eura_lint.kinds.schemas import (OPEN_DATA_COLUMNS, column_specs, frictionless_json,
                               frictionless_schema, pandera_schema, pandera_yaml)
from eura_lint.readers.project_list.header import name_index, recognise

from .helpers import ROOT

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
TODAY = dt.date(2016, 12, 31)
# eura-lint's rules about one column's values: what a column schema can say
COLUMN_RULES = {"EURA005", "EURA006", "EURA102", "EURA205", "EURA402", "EURA406", "EURA502",
                "EURA703"}
HEADER = ("Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,"
          "Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion rahoitus,"
          "Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus yhteensä")
GOOD = "A70001,EAKR,Hanke,1,Hämeen ELY-keskus,Toiminnassa,1.3.2015,28.2.2017,Oy Ab,100,50,200,80"


def _eura_lint_cells(frame: pd.DataFrame) -> set[tuple]:
    """(index label, column) of eura-lint's column-rule findings on a frame."""
    return {(f.index, f.column) for f in lint_frame(frame, today=TODAY)
            if f.rule in COLUMN_RULES}


def _pandera_cells(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> tuple[set, set]:
    """(index, column) of every failure with a row, and the checks that failed without one."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return set(), set()
    with_row = cases[cases["index"].notna()]
    without = cases[cases["index"].isna()]
    return ({(int(i), c) for i, c in zip(with_row["index"], with_row["column"])},
            {(c, check) for c, check in zip(without["column"], without["check"])})


# The cells of the real list's shifted rows (lines 109, 124, 148, 153) that a column schema
# judges one by one: eura-lint reports each of those rows once (EURA702) and leaves its moved
# cells unjudged, so they are added to its findings where the schemas are compared with it.
SHIFTED_CELLS = {(107, "Päättymispvm"), (122, "Päättymispvm"), (146, "Aloituspvm"),
                 (146, "Myönnetty EU- ja valtion rahoitus"), (151, "Päättymispvm")}


@pytest.fixture(scope="module")
def real_list() -> tuple[pd.DataFrame, set[tuple]]:
    """The real list as pandas reads it, and eura-lint's column-rule findings on it with the
    shifted rows' cells (see SHIFTED_CELLS)."""
    frame = pd.read_csv(REAL_LIST)
    findings = lint_frame(frame, today=TODAY)
    assert {f.index for f in findings if f.rule == "EURA702"} == {107, 122, 146, 151}
    cells = {(f.index, f.column) for f in findings if f.rule in COLUMN_RULES}
    assert not cells & SHIFTED_CELLS
    return frame, cells | SHIFTED_CELLS


def _frictionless(tmp_path, table: bytes) -> list[dict]:
    """`frictionless validate` with the Table Schema, as a user runs it; its errors."""
    (tmp_path / "schema.json").write_text(frictionless_json(), encoding="utf-8")
    (tmp_path / "list.csv").write_bytes(table)
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--schema", "schema.json", "--json",
         "list.csv"], cwd=tmp_path, capture_output=True, timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    report = json.loads(result.stdout)
    (task,) = report["tasks"]
    assert result.returncode == (0 if task["valid"] else 1), result.stderr
    return task["errors"]


def test_the_columns_are_the_open_data_lists_and_the_reader_recognises_them():
    header = REAL_LIST.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert list(OPEN_DATA_COLUMNS.values()) == header
    assert list(recognise(header, name_index()).values()) == list(OPEN_DATA_COLUMNS)


def test_the_rules_come_from_the_catalogue():
    specs = {spec.key: spec for spec in column_specs()}
    assert specs["project_code"].pattern == r"(?:A7\d{4}|S2\d{4})"
    assert specs["project_code"].unique and specs["project_code"].required
    assert specs["status"].enum == ("Toiminnassa", "Toiminta päättynyt", "Ended")
    assert specs["fund"].enum == ("EAKR", "ESR") and not specs["fund"].required
    assert (specs["start"].minimum, specs["end"].maximum) == (dt.date(2014, 1, 1),
                                                             dt.date(2023, 12, 31))
    assert specs["granted"].minimum == 0 and specs["granted"].type == "number"
    assert specs["axis"].type == "integer"


def test_the_table_schema_says_types_formats_required_enums_patterns_and_the_key():
    schema = frictionless_schema()
    fields = {field["name"]: field for field in schema["fields"]}
    assert schema["primaryKey"] == ["Koodi"]
    assert fields["Koodi"]["constraints"] == {"required": True, "unique": True,
                                              "pattern": r"(?:A7\d{4}|S2\d{4})"}
    assert fields["Rahasto"]["constraints"] == {"enum": ["EAKR", "ESR"]}
    assert fields["Tila"]["constraints"]["enum"] == ["Toiminnassa", "Toiminta päättynyt", "Ended"]
    assert fields["Aloituspvm"]["type"] == "date" and fields["Aloituspvm"]["format"] == "%d.%m.%Y"
    assert fields["Aloituspvm"]["constraints"]["minimum"] == "01.01.2014"
    assert fields["Tl"]["type"] == "integer"
    assert fields["Myönnetty EU- ja valtion rahoitus"]["constraints"] == {"required": True,
                                                                         "minimum": 0}


def test_the_table_schema_is_valid_for_frictionless():
    from frictionless import Schema

    Schema.from_descriptor(frictionless_schema())  # raises FrictionlessException when not


def test_pandera_loads_its_yaml_and_finds_on_the_real_list_what_eura_lint_finds(real_list):
    schema = pa.DataFrameSchema.from_yaml(pandera_yaml())
    assert schema == pandera_schema()  # nothing lost in the round trip
    frame, expected = real_list
    found, not_run = _pandera_cells(schema, frame)
    # 13 empty cells and 3 negative amounts, and the shifted rows' 4 empty cells and their
    # amount in a date column
    assert len(expected) == 21
    assert found == expected
    # the blank amount of row 146 cannot be made a number: pandera then reports the column's
    # range check as not run, rather than running it on text
    assert not_run == {("Myönnetty EU- ja valtion rahoitus", "greater_than_or_equal_to(0)")}


def test_pandera_and_eura_lint_agree_on_codes_statuses_dates_and_duplicates():
    rows = [GOOD,
            GOOD.replace("A70001", "A7002"),  # a digit short: EURA502
            GOOD.replace("A70001", "A70003").replace("Toiminnassa", "Päättynyt"),  # EURA406
            GOOD.replace("A70001", "A70004").replace("1.3.2015", "1.3.2013"),  # EURA402
            GOOD.replace("A70001", "A70005").replace(",100,", ",-1,"),  # EURA205
            GOOD,  # the code again: EURA703
            GOOD.replace("A70001", "A70006").replace(",Oy Ab,", ", ,")]  # blank: EURA102
    frame = pd.read_csv(io.StringIO("\n".join([HEADER, *rows])))
    found, not_run = _pandera_cells(pandera_schema(), frame)
    expected = _eura_lint_cells(frame)
    assert expected == {(1, "Koodi"), (2, "Tila"), (3, "Aloituspvm"),
                        (4, "Myönnetty EU- ja valtion rahoitus"), (5, "Koodi"),
                        (6, "Toteuttajan nimi")}
    # pandera's unique check marks both rows of a repeated code; eura-lint the repeat
    assert found == expected | {(0, "Koodi")}
    assert not not_run


def test_frictionless_validate_finds_on_the_real_list_what_eura_lint_finds(tmp_path, real_list):
    errors = _frictionless(tmp_path, REAL_LIST.read_bytes())
    # the list has no line breaks inside cells: a row's number is its line, as in eura-lint
    expected = {(index + 2, column) for index, column in real_list[1]}
    assert {(e["rowNumber"], e["fieldName"]) for e in errors} == expected
    assert len(errors) == len(expected) == 21


def test_frictionless_validate_passes_a_clean_list_as_eura_lint_does(tmp_path, real_list):
    frame, found = real_list
    flagged = {index for index, _ in found}
    clean = frame.drop(index=sorted(flagged))
    assert _eura_lint_cells(clean) == set()
    text = REAL_LIST.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [text[0]] + [line for number, line in enumerate(text[1:]) if number not in flagged]
    assert _frictionless(tmp_path, "".join(kept).encode("utf-8")) == []


def test_frictionless_and_eura_lint_agree_on_codes_statuses_dates_and_duplicates(tmp_path):
    rows = [GOOD,
            GOOD.replace("A70001", "S1000X"),
            GOOD.replace("A70001", "A70003").replace("Toiminnassa", "Päättynyt"),
            GOOD.replace("A70001", "A70004").replace("28.2.2017", "31.12.2024"),
            GOOD.replace("A70001", "A70005").replace("1.3.2015", "30.2.2015"),  # no such day
            GOOD]
    table = "\n".join([HEADER, *rows]) + "\n"
    errors = _frictionless(tmp_path, table.encode("utf-8"))
    expected = {(index + 2, column)
                for index, column in _eura_lint_cells(pd.read_csv(io.StringIO(table)))}
    assert expected == {(3, "Koodi"), (4, "Tila"), (5, "Päättymispvm"), (6, "Aloituspvm"),
                        (7, "Koodi")}
    # a repeated primary key is frictionless' error about the row (no field)
    assert {(e["rowNumber"], e.get("fieldName") or "Koodi") for e in errors} == expected
    assert {e["type"] for e in errors} == {"constraint-error", "type-error", "unique-error",
                                           "primary-key"}


@pytest.mark.parametrize("value", ["EAKRR", "ERDF"])
def test_the_fund_enumeration_is_stricter_than_eura_lint(value):
    # eura-lint reads a fund by the name it contains and judges the code against it (EURA503);
    # the schemas take the open-data list's two values only (docs/integrations.md says so)
    frame = pd.read_csv(io.StringIO(f"{HEADER}\n{GOOD.replace('EAKR', value)}"))
    assert _eura_lint_cells(frame) == set()
    assert _pandera_cells(pandera_schema(), frame)[0] == {(0, "Rahasto")}
