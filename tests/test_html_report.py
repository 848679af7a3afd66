"""The HTML report, read back with an HTML parser: the numbers it shows are the JSON report's, every
finding is in the table once, every link inside the page resolves, and nothing from a document
reaches the page as markup. Runs the installed command on the seeds, on hostile documents and on a
2,000-document corpus made by ``benchmarks/make_corpus.py``."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from eura_lint import __version__
from eura_lint.catalogue import read_rule_files
from eura_lint.finding import Finding, Project, Severity
from eura_lint.report import RecordFacts, Report
from eura_lint.reporters import html
from eura_lint.reporters.html_text import TEXT

from .helpers import run

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TODAY = "2024-01-01"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKER = "\"'><img src=x onerror=alert(2)>"


def lint(cwd: Path, *args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    return run("--no-config", "--today", TODAY, *args, cwd=cwd, text=True, process=process)


def html_and_json(cwd: Path, *paths: str, process: bool = False
                  ) -> tuple[object, list[dict], str]:
    result = lint(cwd, "-f", "json", "-o", "html:report.html", *paths, process=process)
    assert result.returncode in (0, 1), result.stderr
    text = (cwd / "report.html").read_text(encoding="utf-8")
    return lxml_html.document_fromstring(text), json.loads(result.stdout), text


def count(page, element_id: str) -> int:
    (element,) = page.xpath(f'//*[@id="{element_id}"]')
    return int(element.get("data-count"))


def table_rows(page) -> list[tuple[str, int, int, str, str]]:
    """(path, line, column, rule, severity class) of every finding row, document by document."""
    rows = []
    for section in page.xpath('//div[@id="ft"]/section[@class="doc"]'):
        path = section.xpath("./h3/a")[0].text_content()
        for row in section.xpath(".//tbody/tr"):
            cells = row.xpath("./td")
            line, column = cells[0].text_content().split(":")
            rows.append((path, int(line), int(column), cells[1].text_content(), row.get("class")))
    return rows


def check_structure(page, records: list[dict], files: int) -> None:
    # the header's numbers are the JSON report's
    assert count(page, "count-findings") == len(records)
    severities = Counter(record["severity"] for record in records)
    for severity in ("error", "warning", "info"):
        assert count(page, f"count-{severity}") == severities[severity]
    with_findings = len({record["path"] for record in records})
    assert count(page, "count-files-with-findings") == with_findings
    assert count(page, "count-files") == files
    assert count(page, "count-clean") == files - with_findings
    # every finding is in the table exactly once, under its own document's heading
    expected = Counter((r["path"], r["line"], r["column"], r["rule"], r["severity"][0])
                       for r in records)
    assert Counter(table_rows(page)) == expected
    for section in page.xpath('//div[@id="ft"]/section[@class="doc"]'):
        assert section.xpath("./h3/a/@href") == ["#" + section.get("id")]
        lines = [tuple(map(int, cell.text_content().split(":")))
                 for cell in section.xpath(".//tbody/tr/td[1]")]
        assert lines == sorted(lines)  # in line order
    # every link inside the page leads somewhere, each rule link to its documentation
    ids = set(page.xpath("//@id"))
    links = page.xpath("//a/@href")
    assert links
    for href in links:
        assert href.startswith("#"), f"the report links out of itself: {href}"
        assert href[1:] in ids, f"{href} resolves to nothing"
    for rule in {record["rule"] for record in records}:
        (section,) = page.xpath(f'//article[@id="{rule}"]')
        assert section.xpath(".//h3")[0].text_content().startswith(rule)
    # the charts count what the table holds
    if records:
        rule_chart = page.xpath('//figure[@id="chart-rules"]//table/tbody/tr')
        shown = {row.xpath("./th")[0].text_content().split()[0]: int(row.xpath("./td")[-1].text)
                 for row in rule_chart}
        assert shown == Counter(record["rule"] for record in records)


def check_self_contained(page, text: str) -> None:
    scripts = page.xpath("//script[not(@type='application/json')]")
    assert len(scripts) == 1 and not scripts[0].get("src")
    # the project index's data: one JSON text, never run, which no value can end early
    data = page.xpath("//script[@type='application/json']")
    assert len(data) <= 1 and not any(d.get("src") for d in data)
    for found in data:
        json.loads(found.text)
    assert not page.xpath("//img | //iframe | //object | //embed | //link | //*[@src]")
    assert not [a for a in page.xpath("//@*") if a.attrname.lower().startswith("on")]
    # nothing is fetched: no attribute names another address (the SVG namespace is a name only)
    assert not [a for a in page.xpath("//@*") if "://" in a and a.attrname != "xmlns"]
    assert "url(" not in text.split("</style>")[0]


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("html-seeds")
    shutil.copytree(SEEDS, cwd / "seeds")
    return html_and_json(cwd, "seeds")


def test_seeds_report_has_the_json_numbers_and_every_finding_once(seeds_run):
    page, records, text = seeds_run
    assert records, "the seeds have findings at this lint date"
    check_structure(page, records, files=len(list(SEEDS.glob("*.txt"))))
    check_self_contained(page, text)
    assert page.xpath("//html/@lang") == ["en"]
    assert count(page, "count-descriptions") == 5


def test_seeds_report_shows_the_run_and_the_source_lines(seeds_run):
    page, records, _ = seeds_run
    facts = page.xpath('//dl[@class="facts"]')[0].text_content()
    assert TODAY in facts and __version__ in facts
    # each finding's source line, with the character at its column marked
    seed = {path.name: path.read_text(encoding="utf-8").splitlines() for path in SEEDS.glob("*.txt")}
    for row in page.xpath('//div[@id="ft"]//tbody/tr'):
        cells = row.xpath("./td")
        line, column = map(int, cells[0].text_content().split(":"))
        path = row.xpath("ancestor::section[1]/h3/a")[0].text_content()
        source_line = seed[Path(path).name][line - 1]
        (mark,) = cells[4].xpath(".//mark")
        if column <= len(source_line):
            assert mark.text == source_line[column - 1]
            before = cells[4].xpath(".//code")[0].text or ""  # the text before the mark
            assert source_line[:column - 1].endswith(before.lstrip("…"))
    # authority and region charts count documents
    authorities = page.xpath('//figure[@id="chart-authorities"]//table/tbody/tr')
    assert sum(int(row.xpath("./td")[1].text) for row in authorities) == 5


def test_hostile_fields_and_names_are_shown_as_text(tmp_path):
    seed = (SEEDS / "001_4074baee79ca4e82.txt").read_text(encoding="utf-8")
    hostile = (seed
               .replace("Hankkeen nimi: ", f"Hankkeen nimi: {SCRIPT} ", 1)
               .replace("Vastuuviranomainen: ", f"Vastuuviranomainen: {ATTRIBUTE_BREAKER} ", 1)
               .replace("Maakunnat: Pohjois-Karjala", f"Maakunnat: Pohjois-Karjala, {SCRIPT}", 1)
               .replace("Kunnat: ", f"Kunnat: {ATTRIBUTE_BREAKER}, ", 1))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / f"{ATTRIBUTE_BREAKER.replace('/', '')}.txt").write_text(hostile,
                                                                                   encoding="utf-8")
    (tmp_path / "docs" / "bell.txt").write_text(hostile.replace("Hankkeen nimi: ", "Hankkeen nimi: \x07", 1),
                                                encoding="utf-8")
    page, records, text = html_and_json(tmp_path, "docs")
    check_structure(page, records, files=2)
    check_self_contained(page, text)
    shown = page.text_content()
    assert SCRIPT in shown and ATTRIBUTE_BREAKER in shown  # as text, in charts, filters or table
    assert "\x07" not in text
    # the filters offer the hostile region and authority as plain option text
    options = page.xpath('//select[@name="region"]/option/text()') + \
        page.xpath('//select[@name="authority"]/option/text()')
    assert SCRIPT in options and any(ATTRIBUTE_BREAKER in option for option in options)


@pytest.mark.slow
def test_a_2000_document_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "2000",
                    "--out", str(corpus)], check=True, capture_output=True, timeout=300)
    page, records, text = html_and_json(tmp_path, "--jobs", "2", "corpus", process=True)
    assert len(records) > 2000
    check_structure(page, records, files=2000)
    check_self_contained(page, text)
    # one heading per document with findings, in the order of the JSON report
    headings = [section.get("id") for section in page.xpath('//div[@id="ft"]/section')]
    assert len(headings) == len({record["path"] for record in records})


# --- the reporter on its own ------------------------------------------------------------------

def _finding(path="a.txt", line=1, column=1, rule="EURA201", severity=Severity.ERROR,
             message="m", suggestion=None) -> Finding:
    return Finding(path, line, column, rule, "realised-exceeds-granted", severity, message, suggestion)


def test_source_line_marks_the_column_and_cuts_long_lines():
    rules = read_rule_files()
    long_line = "x" * 100 + "Y" + "z" * 200
    report = Report(
        findings=[_finding(line=1, column=101), _finding(line=2, column=9)],
        paths=["a.txt"], rules=rules, version="test",
        sources={"a.txt": {1: long_line, 2: "short"}},
        records={"a.txt": [RecordFacts("Lapin ELY", ("Lappi",))]},
        today=dt.date(2024, 1, 1), created=dt.datetime(2024, 1, 2, 3, 4, tzinfo=dt.timezone.utc),
    )
    page = lxml_html.document_fromstring(html.render(report))
    first, second = page.xpath('//div[@id="ft"]//code')
    assert first.xpath(".//mark")[0].text == "Y"
    assert first.text_content() == "…" + "x" * html.BEFORE + "Y" + "z" * html.AFTER + "…"
    assert second.xpath(".//mark")[0].get("class") == "eol"  # past the end of the line
    assert "2024-01-02 03:04 UTC" in page.text_content()


def test_finding_without_source_or_records_still_renders():
    report = Report(findings=[_finding(path="b.txt", rule="EURA999")], paths=["a.txt"],
                    rules=read_rule_files(), version="test")
    page = lxml_html.document_fromstring(html.render(report))
    assert count(page, "count-files") == 2  # a finding's path missing from paths is counted
    assert all(href[1:] in set(page.xpath("//@id")) for href in page.xpath("//a/@href"))
    assert TEXT["en"]["no_source"] in page.xpath('//div[@id="ft"]//tbody/tr')[0].text_content()


def test_no_findings():
    report = Report(findings=[], paths=["a.txt"], rules=read_rule_files(), version="test")
    page = lxml_html.document_fromstring(html.render(report))
    assert count(page, "count-findings") == 0
    assert not page.xpath('//div[@id="ft"]') and not page.xpath("//figure")
    assert TEXT["en"]["no_findings"] in page.text_content()


def test_finnish_report_text():
    assert set(TEXT["fi"]) == set(TEXT["en"])
    report = Report(findings=[_finding(suggestion="s")], paths=["a.txt"], rules=read_rule_files(),
                    version="test", lang="fi")
    page = lxml_html.document_fromstring(html.render(report))
    assert page.xpath("//html/@lang") == ["fi"]
    assert page.xpath("//h1")[0].text == TEXT["fi"]["title"]
    assert page.xpath('//div[@id="ft"]//tr[@class="e"]/td[3]')[0].text == "virhe"


def test_charts_count_documents_not_findings():
    rules = read_rule_files()
    findings = [_finding(path="bad.txt", line=n) for n in range(1, 40)]
    records = {"bad.txt": [RecordFacts("Hämeen elinkeino-, liikenne- ja ympäristökeskus", ("Häme",))],
               "good.txt": [RecordFacts("Hämeen elinkeino-, liikenne- ja ympäristökeskus", ("Häme",))],
               "other.txt": [RecordFacts(None, ())]}
    report = Report(findings=findings, paths=["bad.txt", "good.txt", "other.txt"], rules=rules,
                    version="test", records=records)
    page = lxml_html.document_fromstring(html.render(report))
    rows = page.xpath('//figure[@id="chart-authorities"]//table/tbody/tr')
    table = {row.xpath("./th")[0].text: [int(td.text) for td in row.xpath("./td")] for row in rows}
    # projects with findings, projects, findings: a record without a code is a project of its own
    assert table == {"Hämeen elinkeino-, liikenne- ja ympäristökeskus": [1, 2, 39],
                     TEXT["en"]["not_given"]: [0, 1, 0]}
    labels = page.xpath('//figure[@id="chart-authorities"]//svg//text/text()')
    assert "Hämeen ELY-keskus" in labels and "1 / 2" in labels


def test_many_authorities_are_summed_into_others():
    rules = read_rule_files()
    paths = [f"{n}.txt" for n in range(100)]
    records = {path: [RecordFacts(f"Authority {n:03}", ())] for n, path in enumerate(paths)}
    report = Report(findings=[_finding(path=p) for p in paths], paths=paths, rules=rules,
                    version="test", records=records)
    page = lxml_html.document_fromstring(html.render(report))
    rows = page.xpath('//figure[@id="chart-authorities"]//table/tbody/tr')
    assert len(rows) == html.MAX_BARS
    assert rows[-1].xpath("./th")[0].text == TEXT["en"]["others"].format(count=71)
    assert sum(int(row.xpath("./td")[0].text) for row in rows) == 100


# --- what the engine gathers for the report ----------------------------------------------------

def test_run_gathers_facts_and_source_lines_whatever_the_jobs(tmp_path):
    from eura_lint.context import Context
    from eura_lint.engine import RunDetails, build_linter, expand_paths, run

    seed = (SEEDS / "002_f43153b04ec63b59.txt").read_text(encoding="utf-8")
    for n in range(10):  # a table-rule finding (realised above granted) in each
        (tmp_path / f"{n:02}.txt").write_text(seed.replace(
            "Toteutunut EU- ja valtion rahoitus: 69 476", "Toteutunut EU- ja valtion rahoitus: 79 722"),
            encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a description\n", encoding="utf-8")
    gathered = []
    for jobs in (1, 2):
        linter = build_linter(context=Context(dt.date(2024, 1, 1)))
        details = RunDetails()
        findings = run(linter, expand_paths([str(tmp_path)]), jobs=jobs, details=details)
        assert any(f.rule == "EURA201" for f in findings)
        for finding in findings:
            text = Path(finding.path).read_text(encoding="utf-8").splitlines()[finding.line - 1]
            assert details.sources[finding.path][finding.line] == text
        assert details.records[str(tmp_path / "00.txt")] == [
            RecordFacts("Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus", ("Lappi",),
                        "description", Project("S22089", "Digisosiaalipalvelut asiakkaan osallisuuden lisääjänä"),
                        "ESR", "5. Sosiaalinen osallisuus ja köyhyyden torjunta")]
        assert details.records[str(tmp_path / "notes.txt")] == []
        gathered.append((findings, details))
    assert gathered[0] == gathered[1]


def test_without_details_nothing_extra_is_sent_back():
    from eura_lint.engine import build_linter, read_document

    result = build_linter().lint_document(read_document(str(SEEDS / "000_ccecf0aae63b7492.txt")))
    assert result.facts is None and result.sources is None
