"""Findings about projects: every finding from a description or a list row names its project, in
every format; a finding about a whole file names none."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import re

import pytest

from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_bytes

from .helpers import ROOT, SEEDS, run

REAL_LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"
CODE_LINE = re.compile(r"^Hankekoodi:\s*(\S+)", re.MULTILINE)


def _invoke(*args: str):
    return run("--no-config", "--today", "2016-12-31", "-j", "1", *args, text=True)


@pytest.fixture(scope="module")
def seeds_and_list():
    result = _invoke("-f", "json", str(SEEDS), str(REAL_LIST))
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def _list_codes() -> dict[int, str]:
    """The real list's code by physical line, read with the csv module (no quoted line breaks in
    this file: a record is a line)."""
    with REAL_LIST.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        code = header.index("Koodi")
        return {reader.line_num: row[code] for row in reader}


def test_every_finding_about_a_description_or_a_row_names_its_project(seeds_and_list):
    seed_codes = {str(path): CODE_LINE.search(path.read_text(encoding="utf-8"))[1]
                  for path in SEEDS.glob("*.txt")}
    list_codes = _list_codes()
    about_rows = about_descriptions = 0
    for finding in seeds_and_list:
        if finding["path"] in seed_codes:
            assert finding["project"]["code"] == seed_codes[finding["path"]], finding
            about_descriptions += 1
        elif finding["rule"] == "EURA705":  # about a column (see below), at its first cell
            assert "project" not in finding, finding
        elif finding["line"] in list_codes:  # a data row (not the header)
            assert finding["project"]["code"] == list_codes[finding["line"]], finding
            assert finding["project"]["name"], finding
            about_rows += 1
        else:
            assert "project" not in finding, finding  # the header's line: about the table
    assert about_descriptions >= 10 and about_rows >= 200
    # a cross-rule finding (a description against the list) is about the description's project
    cross = [f for f in seeds_and_list if f["rule"] in ("EURA707", "EURA708")]
    assert cross and all(f["project"]["code"] == seed_codes[f["path"]] for f in cross)


def test_a_table_rule_finding_names_its_row(seeds_and_list):
    # EURA202 is a compare rule: found by the one pandera validation, after the rows are gone
    list_codes = _list_codes()
    found = [f for f in seeds_and_list if f["rule"] == "EURA202"]
    assert found
    for finding in found:
        assert finding["project"]["code"] == list_codes[finding["line"]]


def test_a_file_level_finding_names_no_project():
    linter = build_linter(context=Context(today=dt.date(2016, 12, 31)))
    findings = lint_bytes(b"foo,bar,baz\n1,2,3\n", "odd.csv", linter=linter)
    assert findings and all(f.project is None for f in findings)
    (seed,) = SEEDS.glob("003_*.txt")
    text = seed.read_text(encoding="utf-8")
    described = lint_bytes(text.encode("utf-8"), "003.txt", linter=linter)
    name = re.search(r"^Hankkeen nimi:\s*(.+?)\s*$", text, re.MULTILINE)[1]
    assert described and {f.project for f in described} == {(CODE_LINE.search(text)[1], name)}


def test_text_and_csv_name_the_code():
    codes = _list_codes()
    text = _invoke("--select", "EURA2", str(REAL_LIST)).stdout
    line = next(line for line in text.splitlines() if " EURA202 " in line)
    path, number, column, rest = line.split(":", 3)
    assert rest.split()[0] == codes[int(number)]
    table = _invoke("--select", "EURA2", "-f", "csv", str(REAL_LIST)).stdout
    rows = list(csv.DictReader(table.lstrip("\ufeff").splitlines()))
    with_row = [r for r in rows if int(r["line"]) in codes]
    assert with_row and all(r["project_code"] == codes[int(r["line"])] for r in with_row)


# --- --statistics --by -------------------------------------------------------------------------

SHIFTED_LINES = {109, 124, 153}  # Viranomainen holds the end of the project's name


def _fold(text: str) -> str:
    return " ".join(text.replace(",", " ").casefold().split())


def test_statistics_by_authority_matches_a_count_made_from_the_csv():
    """Per authority: the findings about its projects, its projects with findings and every
    project of it, counted here from the CSV (csv module) and the JSON findings' codes."""
    result = _invoke("--statistics", "--by", "authority", "-f", "json", str(REAL_LIST))
    assert result.returncode == 1, result.stderr
    stats = json.loads(result.stdout)
    findings = json.loads(_invoke("-f", "json", str(REAL_LIST)).stdout)

    authority_of: dict[str, str] = {}  # code -> folded authority, its first row's that gives one
    with REAL_LIST.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            # the file's three rows whose name's end spilt into Viranomainen (EURA702,
            # docs/project-lists.md) say no authority that can be trusted: counted as not given
            authority = "" if reader.line_num in SHIFTED_LINES else _fold(row["Viranomainen"])
            code = row["Koodi"].strip().upper()
            if not authority_of.get(code):  # a code's rows: the first that says one
                authority_of[code] = authority
    linted = collections.Counter(authority_of.values())
    per_code = collections.Counter(f["project"]["code"] for f in findings if "project" in f)
    expected_findings = collections.Counter()
    expected_projects = collections.Counter()
    for code, number in per_code.items():
        expected_findings[authority_of[code]] += number
        expected_projects[authority_of[code]] += 1

    got = {_fold(g["authority"] or ""): g for g in stats}  # null: the list does not say
    assert set(got) == set(linted)
    for authority, counted in got.items():
        assert counted["linted"] == linted[authority], authority
        assert counted["findings"] == expected_findings[authority], authority
        assert counted["projects"] == expected_projects[authority], authority
        assert sum(counted["severity"].values()) == counted["findings"]
    assert sum(g["linted"] for g in stats) == len(authority_of)
    assert [g["findings"] for g in stats] == sorted((g["findings"] for g in stats), reverse=True)


def test_statistics_by_text_has_a_header_and_every_grouping_works():
    text = _invoke("--by", "fund", "-q", str(REAL_LIST)).stdout.splitlines()
    assert text[0].split() == ["findings", "projects", "linted", "fund"]
    assert [line.split()[-1] for line in text[1:]] == ["EAKR", "ESR"]
    for by in ("rule", "project", "region", "axis"):
        assert _invoke("--statistics", "--by", by, "-q", str(REAL_LIST)).returncode == 1
    finnish = _invoke("--by", "authority", "--lang", "fi", "-q", str(REAL_LIST)).stdout
    assert finnish.splitlines()[0].split() == ["havaintoja", "hankkeita", "tarkistettu",
                                               "vastuuviranomainen"]


def test_statistics_groupings_are_named_once():
    from eura_lint.cli import STATISTICS_BY
    from eura_lint.reporters.statistics import BY

    assert STATISTICS_BY == BY


# --- findings that repeat per cell: one per column -----------------------------------------------

def test_real_list_infos_no_longer_outnumber_errors_and_warnings(seeds_and_list):
    severities = collections.Counter(f["severity"] for f in seeds_and_list)
    assert severities["info"] < severities["error"] + severities["warning"]
    stray = [f for f in seeds_and_list if f["rule"] == "EURA705"]
    # one per column of the list that has such cells: names, authorities, applicants
    assert [(f["line"], f["column"]) for f in stray] == [(2, 13), (2, 121), (186, 131)]
    assert stray[1]["message"].startswith("Viranomainen: 330 cells with stray spaces")
    assert "(lines 2, 7, 8, 9, 10, …)" in stray[1]["message"]
    assert all("project" not in f for f in stray)  # about a column, not a project


def test_each_cell_brings_back_one_finding_per_cell(tmp_path):
    config = tmp_path / "eura.yaml"
    config.write_text("rules:\n  EURA705:\n    params:\n      each-cell: true\n", encoding="utf-8")
    result = run("--config", config, "--today", "2016-12-31", "-j", "1", "--select", "EURA705",
                 "-f", "json", REAL_LIST)
    found = json.loads(result.stdout)
    assert len(found) == 403 and all(f["project"]["code"] for f in found)
    codes = _list_codes()
    assert all(f["project"]["code"] == codes[f["line"]] for f in found)


def test_a_column_is_summed_up_alike_whatever_part_of_the_list_a_process_read():
    linter = build_linter(select=["EURA705"], context=Context(today=dt.date(2016, 12, 31)))
    whole = linter.finish([linter.lint_table(str(REAL_LIST))])
    parts = linter.finish([linter.lint_table(str(REAL_LIST), part=(k, 3)) for k in range(3)])
    assert whole == parts and len(whole) == 3
    assert [f.message for f in whole] == [f.message for f in parts]


# --- the HTML report counts projects -----------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_and_list_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = _invoke("-f", "json", "-o", f"html:{out}", str(SEEDS), str(REAL_LIST))
    assert result.returncode == 1, result.stderr
    from lxml import html as lxml_html

    return lxml_html.document_fromstring(out.read_text(encoding="utf-8")), json.loads(result.stdout)


def _count(page, element_id: str) -> int:
    (element,) = page.xpath(f'//*[@id="{element_id}"]')
    return int(element.get("data-count"))


def _all_codes() -> set[str]:
    codes = {CODE_LINE.search(path.read_text(encoding="utf-8"))[1] for path in SEEDS.glob("*.txt")}
    with REAL_LIST.open(encoding="utf-8", newline="") as handle:
        codes |= {row["Koodi"].strip().upper() for row in csv.DictReader(handle)}
    return codes


def test_the_report_header_counts_descriptions_list_rows_and_projects(seeds_and_list_html):
    page, findings = seeds_and_list_html
    assert _count(page, "count-descriptions") == 5
    assert _count(page, "count-table-rows") == 2881
    assert _count(page, "count-list-files") == 1
    codes = _all_codes()
    assert _count(page, "count-projects") == len(codes)
    worst: dict[str, str] = {}
    order = {"error": 0, "warning": 1, "info": 2}
    for finding in findings:
        if "project" in finding:
            code = finding["project"]["code"]
            if code not in worst or order[finding["severity"]] < order[worst[code]]:
                worst[code] = finding["severity"]
    errors = sum(1 for s in worst.values() if s == "error")
    warnings = sum(1 for s in worst.values() if s == "warning")
    assert _count(page, "count-projects-with-errors") == errors
    assert _count(page, "count-projects-with-warnings") == warnings
    assert _count(page, "count-clean-projects") == len(codes) - errors - warnings


def test_each_chart_counts_its_distinct_projects(seeds_and_list_html):
    page, findings = seeds_and_list_html
    codes = _all_codes()
    with_findings = {f["project"]["code"] for f in findings if "project" in f}
    covered = {"chart-authorities": codes, "chart-funds": codes, "chart-regions": codes,
               "chart-families": with_findings}
    for chart, projects in covered.items():
        (total,) = page.xpath(f'//figure[@id="{chart}"]//tfoot//td')
        assert int(total.get("data-projects")) == len(projects), chart
        rows = [[int(td.text) for td in row.xpath("./td")]
                for row in page.xpath(f'//figure[@id="{chart}"]//tbody/tr')]
        hit, linted, found = (sum(column) for column in zip(*rows))
        if chart in ("chart-authorities", "chart-funds"):  # one bar per project
            assert linted == len(projects), chart
            assert hit == len(with_findings), chart
            assert found == sum(1 for f in findings if "project" in f), chart
        else:  # a project of several regions (families) counts in each
            assert linted >= len(projects) and hit >= len(with_findings), chart
    # the project index holds every project once, with all its findings
    data = json.loads(page.xpath('//script[@id="pi-data"]')[0].text)
    assert sorted(p[0] for p in data["projects"]) == sorted(codes)
    assert sum(len(p[6]) for p in data["projects"]) == sum(1 for f in findings if "project" in f)
