"""Reporters: exact text/JSON/GitHub output, and JUnit/SARIF valid against the shared schemas."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from eura_lint.catalogue import RuleSpec
from eura_lint.finding import Finding, Project, Severity
from eura_lint.report import Report
from eura_lint.reporters import REPORTERS
from eura_lint.reporters.junit import classname
from eura_lint.reporters.sarif import artifact_uri

SCHEMAS = Path(__file__).resolve().parent / "schemas"
JUNIT_XSD = SCHEMAS / "junit-10.xsd"
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"

RULES = {
    spec.id: spec
    for spec in (
        RuleSpec(
            id="EURA201", name="realised-exceeds-granted", severity=Severity.ERROR, kind="compare",
            message="Realised {realised} exceeds granted {granted}.",
            description="Realised EU and state funding must not exceed the granted amount. "
            "Both are in section 5.\n\nA second paragraph.",
            suggestion="Check the realised amount.",
        ),
        RuleSpec(
            id="EURA301", name="municipality-outside-region", severity=Severity.WARNING, kind="geo",
            message="{municipality} is not in {region}.", description="Municipalities lie in listed regions.",
        ),
        RuleSpec(
            id="EURA402", name="stale-status", severity=Severity.INFO, kind="dates",
            message="Still ongoing.", description="An ongoing project long past its end is stale.",
        ),
    )
}


def finding(path, line, column, rule, severity, message, suggestion=None, project=None):
    return Finding(path, line, column, rule, RULES[rule].name if rule in RULES else "other-rule",
                   severity, message, suggestion, project)


F_ERROR = finding(
    "seeds/001_x.txt", 40, 1, "EURA201", Severity.ERROR,
    "Toteutunut 120 000 € ylittää myönnetyn 100 000 €, katso: osio 5", "Tarkista summa: 5 % virhe?",
    Project("A70080", "Älykäs, kestävä: \"hanke\""),
)
# a finding about a whole file names no project
F_WARNING = finding("seeds/001_x.txt", 61, 8, "EURA301", Severity.WARNING, "Heinävesi ei ole Etelä-Savossa.")
F_INFO = finding("seeds/003_y.txt", 12, 1, "EURA402", Severity.INFO, "Hanke on yhä käynnissä.", None,
                 Project("S20123"))

REPORT = Report(
    findings=[F_ERROR, F_WARNING, F_INFO],
    paths=["seeds/000_a.txt", "seeds/001_x.txt", "seeds/002_clean.txt", "seeds/003_y.txt"],
    rules=RULES,
    version="0.1.0",
)
CLEAN = Report(findings=[], paths=["seeds/002_clean.txt"], rules=RULES, version="0.1.0")
NASTY_TEXT = "bell\x07 nul\x00 esc\x1b del\x7f c1\x85\x9b lf\nnext cr\r tab\t ä€𝄞 \ufffe surrogate\ud800 <&>\"'"
NASTY = Report(
    findings=[
        finding("odd dir/ä,b:c\x07.d.txt", 3, 2, "EURA201", Severity.ERROR, NASTY_TEXT, NASTY_TEXT),
        finding("odd dir/ä,b:c\x07.d.txt", 3, 2, "EURA201", Severity.ERROR, "twice at one position"),
        finding("odd dir/ä,b:c\x07.d.txt", 0, 0, "EURA999", Severity.WARNING, "whole file, rule not in catalogue"),
        finding("odd dir/ä,b:c\x07.d.txt", 9, 1, "EURA402", Severity.INFO, NASTY_TEXT, None,
                Project("A7\x07,:%", NASTY_TEXT.replace("\ud800", ""))),
    ],
    paths=["odd dir/ä,b:c\x07.d.txt", "clean.txt"],
    rules=RULES,
    version="0.1.0",
)


def test_registry_has_every_format():
    assert set(REPORTERS) == {"text", "json", "junit", "sarif", "github", "csv", "html"}
    for render in REPORTERS.values():
        assert isinstance(render(CLEAN), str)


def test_importing_the_registry_does_not_import_junit_xml():
    code = "import sys, eura_lint.reporters; print('junit_xml' in sys.modules, 'xml.dom.minidom' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# --- text ---------------------------------------------------------------------------------------

def test_text_exact():
    assert REPORTERS["text"](REPORT) == (
        "seeds/001_x.txt:40:1: A70080 EURA201 [error] Toteutunut 120 000 € ylittää myönnetyn 100 000 €, katso: osio 5\n"
        "    suggestion: Tarkista summa: 5 % virhe?\n"
        "seeds/001_x.txt:61:8: EURA301 [warning] Heinävesi ei ole Etelä-Savossa.\n"
        "seeds/003_y.txt:12:1: S20123 EURA402 [info] Hanke on yhä käynnissä.\n"
        "Found 3 problems (1 error, 1 warning, 1 info) in 2 of 4 files.\n"
    )


def test_text_clean_and_singular():
    assert REPORTERS["text"](CLEAN) == "No problems in 1 file.\n"
    two_clean = Report([], ["a.txt", "b.txt"], RULES, "0.1.0")
    assert REPORTERS["text"](two_clean) == "No problems in 2 files.\n"
    one = Report([F_WARNING, F_WARNING], ["seeds/001_x.txt"], RULES, "0.1.0")
    assert REPORTERS["text"](one).splitlines()[-1] == "Found 2 problems (2 warnings) in 1 of 1 file."


def test_text_keeps_one_finding_on_one_line():
    out = REPORTERS["text"](NASTY)
    lines = out.splitlines()
    assert len(lines) == 4 + 1 + 1  # four findings, one suggestion, summary
    assert lines[0].startswith("odd dir/ä,b:c\\x07.d.txt:3:2: EURA201 [error] bell\\x07 nul\\x00 esc\\x1b")
    assert "lf\\nnext cr\\r tab\\t ä€𝄞" in lines[0]
    assert not any(ch in out for ch in "\x00\x07\x1b\x7f\x85\x9b\r\ud800")


# --- json ---------------------------------------------------------------------------------------

def test_json_exact_records():
    out = REPORTERS["json"](REPORT)
    assert "ylittää" in out and "€" in out  # ensure_ascii=False
    assert out.startswith('[\n  {\n    "path": "seeds/001_x.txt",\n')
    records = json.loads(out)
    assert records == [f.as_record() for f in REPORT.findings]
    keys = ["path", "line", "column", "rule", "name", "severity", "message", "suggestion"]
    assert [list(r) for r in records] == [keys + ["project"], keys, keys + ["project"]]
    assert records[0]["project"] == {"code": "A70080", "name": "Älykäs, kestävä: \"hanke\""}
    assert records[2]["project"] == {"code": "S20123", "name": None}
    assert records[1]["suggestion"] is None
    assert records[2]["severity"] == "info"


def test_json_clean():
    assert REPORTERS["json"](CLEAN) == "[]\n"


def test_json_round_trips_control_characters():
    nasty = Report(NASTY.findings[1:], NASTY.paths, RULES, "0.1.0")  # no lone surrogate: not UTF-8
    assert json.loads(REPORTERS["json"](nasty))[0]["path"] == "odd dir/ä,b:c\x07.d.txt"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize("report", [REPORT, CLEAN, NASTY], ids=["findings", "clean", "nasty"])
def test_json_formats_are_laid_out_as_json_dumps_indent_2(fmt, report):
    """Both are written without json.dumps(indent=2), which is slow, but byte for byte as it writes."""
    out = REPORTERS[fmt](report)
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


# --- junit --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(JUNIT_XSD)))


def parse_junit(report, schema):
    from lxml import etree

    out = REPORTERS["junit"](report)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = etree.fromstring(out.encode("utf-8"))
    schema.assertValid(root)
    return root


def test_junit_valid_and_one_suite_per_document(junit_schema):
    root = parse_junit(REPORT, junit_schema)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == list(REPORT.paths)
    counts = {s.get("name"): (s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) for s in suites}
    assert counts == {
        "seeds/000_a.txt": ("1", "0", "0", "0"),
        "seeds/001_x.txt": ("2", "2", "0", "0"),
        "seeds/002_clean.txt": ("1", "0", "0", "0"),
        "seeds/003_y.txt": ("1", "0", "0", "1"),
    }
    for suite in suites:
        names = [case.get("name") for case in suite.findall("testcase")]
        assert len(names) == len(set(names))
        for case in suite.findall("testcase"):
            assert set(case.attrib) <= {"name", "classname", "time", "group"}


def test_junit_failure_content(junit_schema):
    root = parse_junit(REPORT, junit_schema)
    suite = root.find("testsuite[@name='seeds/001_x.txt']")
    case = suite.find("testcase")
    assert case.get("name") == "EURA201 realised-exceeds-granted at 40:1"
    assert case.get("classname") == "seeds.001_x"
    failure = case.find("failure")
    assert failure.get("type") == "EURA201"
    assert failure.get("message") == F_ERROR.message
    assert failure.text == (
        "seeds/001_x.txt:40:1: EURA201 realised-exceeds-granted [error]\n"
        f"{F_ERROR.message}\n"
        "Suggestion: Tarkista summa: 5 % virhe?"
    )
    assert suite.findall("testcase")[1].find("failure").get("type") == "EURA301"


def test_junit_clean_document_passes(junit_schema):
    root = parse_junit(CLEAN, junit_schema)
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "no problems"
    assert case.get("classname") == "seeds.002_clean"
    assert len(case) == 0  # no failure, error or skipped: a pass
    assert suite.get("failures") == "0" and suite.get("errors") == "0"


def test_junit_info_is_skipped_not_failed(junit_schema):
    root = parse_junit(REPORT, junit_schema)
    case = root.find("testsuite[@name='seeds/003_y.txt']/testcase")
    assert case.find("failure") is None and case.find("error") is None
    skipped = case.find("skipped")
    assert skipped.get("message") == "EURA402 [info] Hanke on yhä käynnissä."
    assert "seeds/003_y.txt:12:1" in skipped.text


def test_junit_control_characters_visible_and_valid(junit_schema):
    root = parse_junit(NASTY, junit_schema)
    suite = root.find("testsuite")
    assert suite.get("name") == "odd dir/ä,b:c\\x07.d.txt"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "EURA201 realised-exceeds-granted at 3:2",
        "EURA201 realised-exceeds-granted at 3:2 #2",
        "EURA999 other-rule at 0:0",
        "EURA402 stale-status at 9:1",
    ]
    assert {c.get("classname") for c in cases} == {"odd dir.ä,b:c\\x07_d"}
    failure = cases[0].find("failure")
    body = failure.text
    for escaped in ("bell\\x07", "nul\\x00", "esc\\x1b", "del\\x7f", "\\x9b",
                    "\\ufffe", "surrogate\\ud800", "ä€𝄞", "<&>\"'"):
        assert escaped in body, escaped
    assert "lf\nnext" in body  # a line break is legal XML and kept in the body
    assert "lf\\nnext" in failure.get("message")  # but written visibly in the one-line attribute
    assert "\x07" not in failure.get("message")
    assert cases[3].find("skipped") is not None
    clean = root.findall("testsuite")[1]
    assert clean.find("testcase").get("classname") == "clean"


@pytest.mark.parametrize(("path", "expected"), [
    ("seeds/001_x.txt", "seeds.001_x"),
    ("001_x.txt", "001_x"),
    ("./seeds/001_x.txt", "seeds.001_x"),
    ("seeds\\sub\\a.txt", "seeds.sub.a"),
    ("v1.2/a.b.txt", "v1_2.a_b"),
    ("/abs/path/doc", "abs.path.doc"),
    (".hidden", ".hidden".replace(".", "_")),
])
def test_junit_classname(path, expected):
    assert classname(path) == expected


# --- sarif --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    cls = jsonschema.Draft7Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif(report, validator):
    out = REPORTERS["sarif"](report)
    log = json.loads(out)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log


def test_sarif_valid_and_complete(sarif_validator):
    log = sarif(REPORT, sarif_validator)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "eura-lint" and driver["version"] == "0.1.0"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["EURA201", "EURA301", "EURA402"]
    assert rules[0]["shortDescription"]["text"] == "Realised EU and state funding must not exceed the granted amount."
    assert rules[0]["fullDescription"]["text"] == RULES["EURA201"].description
    assert "Check the realised amount." in rules[0]["help"]["text"]
    assert [r["defaultConfiguration"]["level"] for r in rules] == ["error", "warning", "note"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]
    assert first["message"]["text"] == F_ERROR.message + "\nSuggestion: " + F_ERROR.suggestion
    assert first["properties"] == {"suggestion": F_ERROR.suggestion,
                                   "project": {"code": "A70080", "name": F_ERROR.project.name}}
    assert results[2]["properties"] == {"project": {"code": "S20123", "name": None}}
    location = first["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "seeds/001_x.txt"}, "region": {"startLine": 40, "startColumn": 1}}
    assert "properties" not in results[1]
    assert [a["location"]["uri"] for a in run["artifacts"]] == list(REPORT.paths)


def test_sarif_clean_and_nasty(sarif_validator):
    assert sarif(CLEAN, sarif_validator)["runs"][0]["results"] == []
    nasty = Report(NASTY.findings[1:], NASTY.paths, RULES, "0.1.0")
    results = sarif(nasty, sarif_validator)["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "odd%20dir/%C3%A4%2Cb%3Ac%07.d.txt"
    whole_file = results[1]
    assert "ruleIndex" not in whole_file  # EURA999 is not in the catalogue
    assert "region" not in whole_file["locations"][0]["physicalLocation"]


@pytest.mark.parametrize(("path", "uri"), [
    ("seeds/001.txt", "seeds/001.txt"),
    ("seeds\\001.txt", "seeds/001.txt"),
    ("./seeds/001.txt", "seeds/001.txt"),
    ("/tmp/x y.txt", "file:///tmp/x%20y.txt"),
    ("C:\\work\\a.txt", "file:///C:/work/a.txt"),
])
def test_sarif_uri(path, uri):
    assert artifact_uri(path) == uri


# --- github -------------------------------------------------------------------------------------

def test_github_exact():
    assert REPORTERS["github"](REPORT) == (
        "::error file=seeds/001_x.txt,line=40,col=1,title=A70080 EURA201 realised-exceeds-granted::"
        "Toteutunut 120 000 € ylittää myönnetyn 100 000 €, katso: osio 5%0ASuggestion: Tarkista summa: 5 %25 virhe?\n"
        "::warning file=seeds/001_x.txt,line=61,col=8,title=EURA301 municipality-outside-region::"
        "Heinävesi ei ole Etelä-Savossa.\n"
        "::notice file=seeds/003_y.txt,line=12,col=1,title=S20123 EURA402 stale-status::Hanke on yhä käynnissä.\n"
    )


def test_github_escapes_properties_and_data():
    report = Report(
        [
            Finding("a,b:c%.txt", 2, 3, "EURA201", "x,y:z", Severity.ERROR, "50% a:b,c\r\nnext\x07"),
            Finding("a,b:c%.txt", 0, 0, "EURA301", "whole", Severity.WARNING, "file-level"),
        ],
        ["a,b:c%.txt"], RULES, "0.1.0",
    )
    assert REPORTERS["github"](report) == (
        "::error file=a%2Cb%3Ac%25.txt,line=2,col=3,title=EURA201 x%2Cy%3Az::50%25 a:b,c%0D%0Anext\\x07\n"
        "::warning file=a%2Cb%3Ac%25.txt,title=EURA301 whole::file-level\n"
    )
    assert REPORTERS["github"](CLEAN) == ""


@pytest.mark.parametrize("name", ["junit-10.xsd", "sarif-schema-2.1.0.json"])
def test_schema_copies_are_the_shared_schemas(name):
    """The tests carry copies of ../shared/schemas so that they run anywhere; where the shared
    folder is present, the copies must be byte-identical to it."""
    shared = Path(__file__).resolve().parents[2] / "shared" / "schemas" / name
    if not shared.is_file():
        pytest.skip(f"{shared} is not present on this machine")
    assert (SCHEMAS / name).read_bytes() == shared.read_bytes()


def test_text_exact_in_finnish():
    finnish = dataclasses.replace(REPORT, lang="fi")
    assert REPORTERS["text"](finnish) == (
        "seeds/001_x.txt:40:1: A70080 EURA201 [virhe] Toteutunut 120 000 € ylittää myönnetyn 100 000 €, katso: osio 5\n"
        "    ehdotus: Tarkista summa: 5 % virhe?\n"
        "seeds/001_x.txt:61:8: EURA301 [varoitus] Heinävesi ei ole Etelä-Savossa.\n"
        "seeds/003_y.txt:12:1: S20123 EURA402 [huomautus] Hanke on yhä käynnissä.\n"
        "Löytyi 3 ongelmaa (1 virhe, 1 varoitus, 1 huomautus) 2 tiedostossa; tarkistettiin 4 tiedostoa.\n"
    )
    assert REPORTERS["text"](dataclasses.replace(CLEAN, lang="fi")) == (
        "Ei ongelmia; tarkistettiin 1 tiedosto.\n")
    two = dataclasses.replace(REPORT, findings=[F_ERROR, F_ERROR], lang="fi")
    assert REPORTERS["text"](two).splitlines()[-1] == (
        "Löytyi 2 ongelmaa (2 virhettä) 1 tiedostossa; tarkistettiin 4 tiedostoa.")


def test_junit_and_github_words_in_finnish():
    finnish = dataclasses.replace(REPORT, lang="fi")
    junit = REPORTERS["junit"](finnish)
    assert "Ehdotus: Tarkista summa: 5 % virhe?" in junit and "[virhe]" in junit
    assert "EURA402 [huomautus] Hanke on yhä käynnissä." in junit
    github = REPORTERS["github"](finnish)
    assert "%0AEhdotus: Tarkista summa" in github and "Suggestion" not in github
