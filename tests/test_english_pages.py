"""English-language EURA pages: recognised by their fund line and labels, read with the English
labels known, never reported as missing Finnish fields."""

from __future__ import annotations

import re

import pytest

from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_text
from eura_lint.page import FIELD_LABELS_EN, FIELDS
from eura_lint.readers.description import parse

from .helpers import EXAMPLE_TODAY, SEEDS

SEED_PATHS = sorted(SEEDS.glob("*.txt"))
FUND_LINES_EN = {
    "Euroopan sosiaalirahaston (ESR) rahoittaman hankkeen kuvaus":
        "Description of the project funded by the European Social Fund (ESF)",
    "Euroopan aluekehitysrahaston (EAKR) rahoittaman hankkeen kuvaus":
        "Description of the project funded by the European Regional Development Fund (ERDF)",
}
# Headers: 3's English title is known; 1 and 2 stand for titles not known yet, read in order.
HEADERS_EN = {
    "1 Hanke": "1 Project",
    "2 Hakijan perustiedot": "2 Applicant's basic information",
    "3 Suunnitelman mukainen tiivistelmä toteutuksesta":
        "3 Plan-specified summary of the project completion",
}
SECTION_OF = {key: section for key, (section, _) in FIELDS.items()}


def english_variant(text: str) -> str:
    """A seed as EURA's English page would print it, as far as its English labels are known: the
    fund line, the headers of sections 1 to 3, the labels of sections 1 and 2, the status."""
    lines = text.split("\n")
    section = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped in FUND_LINES_EN:
            lines[index] = FUND_LINES_EN[stripped]
        elif stripped in HEADERS_EN:
            lines[index] = HEADERS_EN[stripped]
            section = stripped[0]
        elif re.match(r"\d", stripped):
            section = None if not stripped.startswith(("1 ", "2 ")) else section
        elif section in ("1", "2"):
            for key, label in FIELD_LABELS_EN.items():
                finnish = FIELDS[key][1]
                if SECTION_OF[key] == section and line.startswith(f"{finnish}:"):
                    line = f"{label}:{line[len(finnish) + 1:]}"
                    line = line.replace("Operational status: Toiminta päättynyt",
                                        "Operational status: Ended")
                    lines[index] = line
                    break
    return "\n".join(lines)


# Field-level faults put into a seed before it is turned into English, so that the field rules
# have something to find on both pages.
FAULTS = [
    pytest.param([], id="as-is"),
    pytest.param([(r"(?m)^(Y-tunnus: )\S+", r"\g<1>1234567-2")], id="business-id"),
    pytest.param([(r"(?m)^(Hankekoodi: )(\S)", r"\g<1>X\2")], id="project-code"),
    pytest.param([(r"(?m)^(Postinumero: )\d+", r"\g<1>123")], id="postal-code"),
    pytest.param([(r"(?m)^(Suunnitelman mukainen toteutusaika: Alkaa )\S+", r"\g<1>31.2.2019")],
                 id="bad-date"),
    pytest.param([(r"(?m)^(Toiminnan tila: )Toiminta päättynyt", r"\g<1>Toiminnassa")], id="status"),
    pytest.param([(r"(?m)^(Hankkeen yhteyshenkilön nimi: ).*$", r"\g<1>")], id="empty-field"),
    pytest.param([(r"(?m)^Toimintalinja: .*\n", "")], id="missing-field"),
]


def _lint(text: str, path: str) -> list:
    linter = build_linter(context=Context(today=EXAMPLE_TODAY))
    return lint_text(text, path, linter=linter)


@pytest.mark.parametrize("faults", FAULTS)
@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_english_variant_gets_the_same_field_findings(seed, faults):
    finnish = seed.read_text(encoding="utf-8")
    for pattern, replacement in faults:
        finnish = re.sub(pattern, replacement, finnish, count=1)
    english = english_variant(finnish)
    assert english != finnish and parse(english).language == "en"
    fi_lines, en_lines = finnish.split("\n"), english.split("\n")

    def where(finding, lines: list[str]) -> tuple:
        # the text from the finding's column on, with the English labels and values in it
        rest = lines[finding.line - 1][finding.column - 1:]
        return finding.rule, finding.line, english_variant(rest) if lines is fi_lines else rest

    on_finnish = [where(f, fi_lines) for f in _lint(finnish, "fi.txt")]
    on_english = [where(f, en_lines) for f in _lint(english, "en.txt")]
    assert on_english == on_finnish
    assert on_english or not faults, "a fault put in gives a finding to compare"
    assert not {rule for rule, _, _ in on_english} & {"EURA007", "EURA008", "EURA002"}


def test_english_variant_findings_are_there_to_compare():
    """The comparison above is not empty: the faults give field findings on both pages."""
    seed = SEED_PATHS[2]
    finnish = re.sub(r"(?m)^(Y-tunnus: )\S+", r"\g<1>1234567-2", seed.read_text(encoding="utf-8"))
    english = english_variant(finnish)
    rules = [f.rule for f in _lint(english, "en.txt")]
    assert "EURA501" in rules
    finding = next(f for f in _lint(english, "en.txt") if f.rule == "EURA501")
    assert english.split("\n")[finding.line - 1].startswith("Business ID: 1234567-2")


def test_english_values_are_accepted():
    """S22918 (ESF) is 'Ended', and its authority is named in English."""
    seed = SEED_PATHS[2]
    english = english_variant(seed.read_text(encoding="utf-8"))
    english = re.sub(r"(?m)^Responsible authority: .*$",
                     "Responsible authority: Centre for Economic Development, Transport and the "
                     "Environment South Savo", english)
    doc = parse(english)
    assert doc.fields["status"].value == "Ended"
    from eura_lint.reference import get_reference

    assert get_reference().ely_centre(doc.fields["authority"].value).name == "Etelä-Savon ELY-keskus"
    rules = {f.rule for f in _lint(english, "en.txt")}
    assert "EURA406" not in rules  # 'Ended' is a status


def test_an_ended_english_project_without_final_report_is_still_found():
    text = next(p for p in SEED_PATHS if p.name.startswith("003")).read_text(encoding="utf-8")
    on_finnish = [(f.rule, f.line) for f in _lint(text, "fi.txt") if f.rule == "EURA104"]
    on_english = [(f.rule, f.line) for f in _lint(english_variant(text), "en.txt")
                  if f.rule == "EURA104"]
    assert on_finnish and on_english == on_finnish


# Sections whose English labels are not known, written in English all the same
UNKNOWN_ENGLISH = [
    ("5 Projektin julkinen rahoitus, euroa", "5 Public funding of the project, euros"),
    ("Myönnetty EU- ja valtion rahoitus:", "Granted EU and state funding:"),
    ("Toteutunut EU- ja valtion rahoitus:", "Realised EU and state funding:"),
    ("Suunniteltu julkinen rahoitus yhteensä:", "Planned public funding, total:"),
    ("Toteutunut julkinen rahoitus yhteensä:", "Realised public funding, total:"),
    ("6 Maantieteellinen kohdealue", "6 Geographical target area"),
    ("Maakunnat:", "Regions:"), ("Seutukunnat:", "Sub-regions:"), ("Kunnat:", "Municipalities:"),
    ("Toteutuspaikan osoite, jos hanke toteutetaan yhdessä paikassa",
     "Address of the implementation site, if the project is carried out in one place"),
    ("Jakeluosoite:\n", "Street:\n"), ("Postinumero:\n", "Postal code:\n"),
    ("Postitoimipaikka:\n", "City/town:\n"),
    ("Suunniteltu: 0", "Planned: 0"), ("Toteutunut seurantatietojen mukaan: 3", "Realised: 3"),
    ("Suunniteltu: 130", "Planned: 130"),
    ("7.1 Osallistuvien yritysten lukumäärä", "7.1 Number of participating companies"),
    ("7.2 Osallistuvien henkilöiden lukumäärä", "7.2 Number of participating persons"),
    ("Hankkeessa on tehty toimintaympäristön analyysi sukupuolinäkökulmasta:",
     "An analysis of the operating environment from a gender perspective has been made:"),
    ("Sukupuolinäkökulma on huomioitu hankkeen toiminnassa (valtavirtaistaminen):",
     "The gender perspective has been taken into account (mainstreaming):"),
    ("Hankkeen päätavoite on sukupuolten tasa-arvon edistäminen:",
     "The main objective of the project is to promote gender equality:"),
]


def test_unknown_english_parts_are_named_once_and_never_reported_missing():
    text = english_variant(next(p for p in SEED_PATHS if p.name.startswith("002"))
                           .read_text(encoding="utf-8"))
    for finnish, english in UNKNOWN_ENGLISH:
        assert finnish in text, finnish
        text = text.replace(finnish, english, 1)
    text = re.sub(r"(?m)^(\S.*\S) (\d) (\d)$", r"Item \2 \3", text)  # 8.2 rows, unreadable
    findings = _lint(text, "en.txt")
    rules = [f.rule for f in findings]
    assert rules.count("EURA008") == 1
    (note,) = [f for f in findings if f.rule == "EURA008"]
    assert (note.line, note.column) == (3, 1)
    assert "sections 5, 6, 7.1, 7.2, 8.1, 8.2 could not be read" in note.message
    # nothing reported as missing or empty, no fund-line or section complaint, no 8.1 answers
    assert not set(rules) & {"EURA002", "EURA003", "EURA007", "EURA102", "EURA103", "EURA602",
                             "EURA605"}, rules


def test_an_english_page_with_a_numbered_banner_line():
    """A banner line that begins with a digit before the fund line does not hide the fund line."""
    text = english_variant(SEED_PATHS[2].read_text(encoding="utf-8"))
    text = "2014-2020 Structural Funds Programme\n" + text
    doc = parse(text)
    assert doc.language == "en" and doc.fund is not None
    assert not {"EURA103", "EURA007"} & {f.rule for f in _lint(text, "en.txt")}


def test_a_finnish_page_is_never_english():
    for seed in SEED_PATHS:
        doc = parse(seed.read_text(encoding="utf-8"))
        assert doc.language == "fi" and not doc.unread


def test_a_numbered_paragraph_is_no_header_on_an_english_page():
    text = english_variant(SEED_PATHS[2].read_text(encoding="utf-8"))
    text = text.replace("3 Plan-specified summary of the project completion\n",
                        "3 Plan-specified summary of the project completion\n\n"
                        "4 workshops will be held in spring.\n5 Cities: all of them\n", 1)
    doc = parse(text)
    assert [number for number, _ in doc.headers].count("4") == 1
    assert [number for number, _ in doc.headers].count("5") == 1


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

LINES = st.one_of(
    st.sampled_from(["1 Project", "2 Applicant", "3 Plan-specified summary of the project completion",
                     "4 Target groups", "4.1 Direct", "5 Funding", "7 Indicators", "7.1 Jobs",
                     "8.1 Equality", "9 Final report", "Project code: A70001",
                     "Operational status: Ended", "Planned completion time: Start 1.1.2020 and end x",
                     "Business ID:", "Website: x", "Planned: 3", ""]),
    st.text(max_size=40),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=40))
def test_any_english_page_is_linted_without_crashing(lines):
    text = "\n".join(["Description of the project funded by the European Social Fund (ESF)", *lines])
    findings = _lint(text, "fuzz.txt")
    assert findings == sorted(findings)
    assert [f.rule for f in findings].count("EURA008") <= 1
    assert not {"EURA007", "EURA002"} & {f.rule for f in findings}
