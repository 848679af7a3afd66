"""EURA3xx geography rules on the seeds and on edited documents (their catalogue examples are run
by tests/test_catalogue.py)."""

from __future__ import annotations

import random
import re
from pathlib import Path


from eura_lint.checks import geography
from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_bytes
from eura_lint.kinds import load_catalogue
from eura_lint.model import TextLine
from eura_lint.reference import get_reference
from eura_lint.registry import CHECKS

from .helpers import EXAMPLE_TODAY, SEEDS, example_bytes

GEOGRAPHY = {rule_id: rule for rule_id, rule in load_catalogue().items()
             if rule_id.startswith("EURA3")}


def test_the_geography_module_implements_exactly_the_geography_rules():
    in_module = {rule_id for rule_id, registered in CHECKS.items()
                 if registered.function.__module__ == geography.__name__}
    assert in_module == set(GEOGRAPHY)
    assert all(rule.kind == "python" for rule in GEOGRAPHY.values())


def _lint_seed(path: Path):
    linter = build_linter(catalogue=GEOGRAPHY, context=Context(EXAMPLE_TODAY))
    return lint_bytes(path.read_bytes(), path.name, linter=linter)


def test_seeds_have_only_the_etela_karjala_claims():
    found = [(f.path[:3], f.rule, f.line, f.column)
             for seed in sorted(SEEDS.glob("*.txt")) for f in _lint_seed(seed)]
    assert found == [("001", "EURA309", 74, 71), ("001", "EURA309", 76, 66)]


def _finding(rule_id: str, text: str):
    linter = build_linter(catalogue={rule_id: GEOGRAPHY[rule_id]}, context=Context(EXAMPLE_TODAY))
    (finding,) = lint_bytes(text.encode("utf-8"), "x.txt", linter=linter)
    return finding


def _seed_text(prefix: str, *edits: tuple[str, str]) -> str:
    return example_bytes({"base": prefix, "replace": [list(e) for e in edits]}).decode("utf-8")


def test_misspelling_suggests_the_canonical_name():
    finding = _finding("EURA301", _seed_text("002", ("Simo, Kittilä", "Simo, Kitilä")))
    assert finding.suggestion == "Kittilä"
    assert "Kitilä" in finding.message
    finding = _finding("EURA301", _seed_text("001", ("Seutukunnat: Kuopion", "Seutukunnat: Kuopoin")))
    assert finding.suggestion == "Kuopion"


def test_merged_municipality_names_its_successor():
    finding = _finding("EURA303", _seed_text("001", ("Alkaa 1.10.2018", "Alkaa 1.10.2020")))
    assert "Nurmes" in finding.message and "2020" in finding.message
    assert finding.suggestion == "Nurmes"


def test_outside_messages_name_where_it_belongs():
    finding = _finding("EURA305", _seed_text("002", ("Tervola, Kemi", "Tervola, Kemi, Kajaani")))
    assert finding.message == "Kajaani is not in any listed region: it belongs to Kainuu"
    linter = build_linter(catalogue={"EURA306": GEOGRAPHY["EURA306"]}, context=Context(EXAMPLE_TODAY))
    text = _seed_text("004", ("Etelä-Karjala, Kymenlaakso", "Etelä-Karjala"))
    messages = [f.message for f in lint_bytes(text.encode(), "x", linter=linter)]
    assert messages == [
        "Sub-region Kotkan-Haminan is not in any listed region: it belongs to Kymenlaakso",
        "Sub-region Kouvolan is not in any listed region: it belongs to Kymenlaakso",
    ]


def test_heinavesi_is_judged_by_the_project_years():
    # Only Pohjois-Karjala listed: Heinävesi fits a 2021 project, not a 2019-2020 one.
    base = _seed_text("001", ("Maakunnat: Pohjois-Karjala, Pohjois-Savo, Etelä-Savo",
                              "Maakunnat: Pohjois-Karjala, Pohjois-Savo"))
    linter = build_linter(catalogue={"EURA305": GEOGRAPHY["EURA305"]}, context=Context(EXAMPLE_TODAY))
    late = base.replace("Alkaa 1.10.2018 ja päättyy 31.12.2020", "Alkaa 1.1.2021 ja päättyy 31.12.2022")
    early = base.replace("Alkaa 1.10.2018 ja päättyy 31.12.2020", "Alkaa 1.1.2019 ja päättyy 31.12.2020")
    names = lambda text: {f.message.split(" ")[0] for f in lint_bytes(text.encode(), "x", linter=linter)}
    assert "Heinävesi" not in names(late)
    assert "Heinävesi" in names(early)
    assert "Joroinen" in names(early) and "Joroinen" not in names(late)  # Etelä-Savo -> Pohjois-Savo 2021


def test_locative_words_and_genitives():
    text = _seed_text("002", ("Lapissa", "Pohjois-Karjalan Sosiaaliturvayhdistys ry toimii myös Keski-Suomessa ja Satakunnassa"))
    finding = _finding("EURA309", text)
    assert finding.message.startswith("'Keski-Suomessa' places the work in Keski-Suomi")


def test_other_ely_centre_gets_the_structural_fund_centre_of_its_regions():
    finding = _finding("EURA314", _seed_text("002", ("Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus",
                                                     "Lapin ELY-keskus")))
    assert "Lapin ELY-keskus is not one of the structural-fund ELY centres" in finding.message
    assert finding.suggestion == "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus"
    finding = _finding("EURA314", _seed_text("003", ("Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus",
                                                     "Opetushallitus")))
    assert finding.message.endswith("it is not an intermediate body of the programme")
    assert finding.suggestion is None


def test_unknown_postal_code_names_the_nearest_codes_of_its_post_office():
    finding = _finding("EURA316", _seed_text("002", ("Postinumero: 96400", "Postinumero: 96420")))
    assert finding.message == ("Postal code 96420 is in none of Posti's postal code files 2016–2026; "
                               "the nearest known codes of Rovaniemi are 96400, 96440")
    assert finding.suggestion == "96400 or 96440"
    finding = _finding("EURA316", _seed_text("002", ("Postinumero: 96400\n\nPostitoimipaikka: Rovaniemi",
                                                     "Postinumero: 55555\n\nPostitoimipaikka: Tonttula")))
    assert finding.message == "Postal code 55555 is in none of Posti's postal code files 2016–2026"
    assert finding.suggestion is None


def test_site_post_office_names_the_expected_office():
    finding = _finding("EURA315", _seed_text("000", ("Postitoimipaikka: LOHJA\n\n7 ", "Postitoimipaikka: ESPOO\n\n7 ")))
    assert finding.message == "The implementation site's postal code 08100 belongs to the post office LOHJA, not 'ESPOO'"
    assert finding.suggestion == "Lohja"


def test_national_threshold_is_a_parameter():
    regions = ("Uusimaa, Varsinais-Suomi, Satakunta, Kanta-Häme, Pirkanmaa, Päijät-Häme, Kymenlaakso, "
               "Etelä-Karjala, Etelä-Savo, Pohjois-Savo, Pohjois-Karjala, Keski-Suomi")
    text = _seed_text("001", ("Maakunnat: Pohjois-Karjala, Pohjois-Savo, Etelä-Savo", f"Maakunnat: {regions}"))
    rule = GEOGRAPHY["EURA312"]
    for threshold, count in ((15, 1), (12, 0)):
        linter = build_linter(catalogue={"EURA312": rule.with_overrides(None, {"national_min_regions": threshold})},
                              context=Context(EXAMPLE_TODAY))
        assert len(lint_bytes(text.encode(), "x", linter=linter)) == count


def test_locatives_found_by_initial_are_those_of_the_one_pattern():
    """EURA309 matches each initial letter's pattern where the letter stands in the joined
    lines (geography._locatives); on the seeds' lines and on lines made of locatives, their parts,
    clitics, capitals, dashes, digits and punctuation, it finds what the one pattern finds line by
    line (every match that no letter, digit or dash precedes), in the same order."""
    ref = get_reference()
    pattern = geography._locative_pattern(ref)
    inside_word = re.compile(rf"[\w{geography._DASH}]")  # a letter, digit or dash
    forms = sorted(ref.locatives)
    pieces = [*forms, *(f.upper() for f in forms), *(f[1:] for f in forms),
              *(f.split("-")[-1] for f in forms), "kin", "KIN", "Kään", "pa", "-", "\u2013",
              "\u2011", " ", " ", " ", ", ", ". ", "3", "_", "x", "Ä", "ja", "(", '"', "\u00a0"]
    rng = random.Random(309)
    seed_lines = [line for seed in sorted(SEEDS.glob("*.txt"))
                  for line in seed.read_text("utf-8").splitlines()]
    documents = [seed_lines[at:at + 40] for at in range(0, len(seed_lines), 40)]
    documents += [["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                   for _ in range(rng.randint(1, 6))] for _ in range(5000)]
    found = 0
    for texts in documents:
        expected = [(index, m.span(), m.group(1)) for index, text in enumerate(texts)
                    for m in pattern.finditer(text)
                    if not (m.start() and inside_word.match(text, m.start() - 1))]
        lines = [TextLine(text, number) for number, text in enumerate(texts, 1)]
        got = [(found.index, (found.start, found.end), found.form)
               for found in geography._locatives(lines, ref)]
        assert got == expected, texts
        found += len(expected)
    assert found > 2000  # the lines do hold locatives, in every position
