"""The parser keeps positions of every section, field, list item and value."""

from __future__ import annotations

import datetime as dt

from eura_lint.readers.description import parse

from .helpers import seed_path


def doc(prefix: str):
    path = seed_path(prefix)
    return parse(path.read_text(encoding="utf-8"), str(path))


def test_fund_and_sections_with_lines():
    d = doc("002")
    assert (d.fund, d.fund_line) == ("ESR", 3)
    assert [(n, s.line) for n, s in d.sections.items()][:3] == [("1", 5), ("2", 21), ("3", 49)]
    assert d.sections["9"].end_line == d.line_count
    assert d.problems == []


def test_free_text_that_starts_with_a_number_is_not_a_header():
    d = doc("002")  # section 9 has a line '10 kuntaa otti hankkeessa käyttöön ...'
    assert [n for n, _ in d.headers].count("1") == 1
    assert any(t.text.startswith("10 kuntaa") for t in d.sections["9"].text)


def test_fields_keep_value_columns():
    d = doc("002")
    code = d.fields["project_code"]
    assert (code.value, code.line, code.column) == ("S22089", 7, 13)
    empty = d.fields["applicants"]
    assert (empty.value, empty.line, empty.column) == ("", 47, 50)


def test_amounts_and_period():
    d = doc("003")
    assert d.numbers["planned_public"].value == 1053002.0
    assert d.start.value == dt.date(2015, 9, 1) and (d.start.line, d.start.column) == (15, 43)
    assert d.end.value == dt.date(2018, 11, 30) and (d.end.line, d.end.column) == (15, 63)
    assert list(d.years) == [2015, 2016, 2017, 2018]


def test_list_items_keep_their_columns():
    d = doc("004")
    regions = [(i.value, i.line, i.column) for i in d.lists["regions"]]
    assert regions == [("Etelä-Karjala", 79, 12), ("Kymenlaakso", 79, 27)]
    assert d.lists["subregions"][2].value == "Kotkan-Haminan"


def test_site_address_block_is_separate_from_the_applicant_address():
    d = doc("000")
    assert d.fields["street_address"].line == 29
    assert d.fields["site_street_address"].line == 79
    assert d.fields["site_postal_code"].value == "08100"


def test_co_implementers():
    (co,) = doc("001").co_implementers
    assert (co.name, co.business_id, co.line, co.column) == (
        "Diakonia-ammattikorkeakoulu Oy", "0115776-3", 51, 33)


def test_indicators_with_women_counts():
    jobs, firms = doc("000").indicators
    assert jobs.section == "7.1" and jobs.planned.value == 0 and jobs.realised_women.raw == "0.00"
    assert (firms.planned_women.line, firms.planned_women.column) == (95, 43)


def test_principles():
    d = doc("001")
    assert [a.value for a in d.answers] == ["Kyllä", "Kyllä", "Ei"]
    assert len(d.scores) == 15
    first = d.scores[0]
    assert (first.category, first.item, first.direct.value, first.indirect.value) == (
        "Ekologinen kestävyys", "Luonnonvarojen käytön kestävyys", 5.0, 5.0)


def test_impossible_date_is_a_problem_not_a_crash():
    text = seed_path("002").read_text(encoding="utf-8").replace("Alkaa 1.5.2020", "Alkaa 30.2.2019")
    d = parse(text)
    assert d.start.value is None
    assert [(p.kind, p.line, p.column) for p in d.problems] == [("date", 15, 43)]


def test_thousands_separators():
    text = seed_path("003").read_text(encoding="utf-8").replace("1 053 002", "1\u00a0053\u202f002")
    assert parse(text).numbers["planned_public"].value == 1053002.0


def test_indicator_counts_with_thousands_separators():
    text = seed_path("000").read_text(encoding="utf-8").replace(
        "Suunniteltu: 0, joihin työllistyvät naiset 0",
        "Suunniteltu: 1 200,  joihin  työllistyvät naiset 1\u00a0500")
    d = parse(text)
    jobs = d.indicators[0]
    assert (jobs.planned.value, jobs.planned_women.value) == (1200.0, 1500.0)
    assert (jobs.planned_women.line, jobs.planned_women.column) == (89, 50)
    assert d.problems == []


def test_co_implementer_blocks_as_exports_write_them():
    text = seed_path("001").read_text(encoding="utf-8")
    wrapped = text.replace("Osatoteuttajat\n", "Osatoteuttajat:\n").replace(
        "Diakonia-ammattikorkeakoulu Oy, 0115776-3",
        "Diakonia-ammattikorkeakoulu Oy, Helsingin\nkampus,\u00a00115776-3\nNimetön Oy")
    d = parse(wrapped)
    assert [(c.name, c.business_id, c.line, c.column) for c in d.co_implementers] == [
        ("Diakonia-ammattikorkeakoulu Oy, Helsingin kampus", "0115776-3", 52, 9),
        ("Nimetön Oy", "", 53, 1)]
    assert d.co_implementers_line == 49


def test_an_item_without_scores_is_a_problem():
    text = seed_path("000").read_text(encoding="utf-8").replace(
        "Liikkuminen ja logistiikka 0 10", "Liikkuminen ja logistiikka")
    d = parse(text)
    assert [(p.kind, p.line, p.text) for p in d.problems] == [
        ("missing-score", 127, "Liikkuminen ja logistiikka")]
    assert len(d.scores) == 14


def test_headers_indented_or_with_odd_spaces_keep_their_title():
    text = seed_path("002").read_text(encoding="utf-8")
    text = text.replace("4.1 Varsinaiset kohderyhmät", "  4.1\u00a0Varsinaiset kohderyhmät\u2003")
    text = text.replace("7.1 Osallistuvien yritysten lukumäärä",
                        "7.1  Osallistuvien yritysten lukumäärä \u0085")
    d = parse(text)
    assert (d.sections["4.1"].line, d.sections["4.1"].title) == (68, "Varsinaiset kohderyhmät")
    assert d.indicators[0].title == "Osallistuvien yritysten lukumäärä"


def test_cr_line_ends_read_like_lf():
    text = seed_path("002").read_text(encoding="utf-8")
    lf, cr = parse(text), parse(text.replace("\n", "\r"))
    assert cr.fields == lf.fields and cr.lists == lf.lists and cr.scores == lf.scores
    assert [(n, s.line, s.end_line) for n, s in cr.sections.items()] == [
        (n, s.line, s.end_line) for n, s in lf.sections.items()]


def test_a_recurring_line_keeps_its_own_position_and_section():
    """Field lines are read once per distinct text (a cache): the same line at another line
    number, or in the section 6 site block rather than section 2, still gets its own."""
    text = seed_path("002").read_text(encoding="utf-8")
    first = parse(text)
    moved = parse("\n\n\n" + text.replace("Jakeluosoite:\n", "Jakeluosoite: Myllärintie 35\n"))
    assert first.fields["street_address"].line == 29
    assert (moved.fields["street_address"].line, moved.fields["street_address"].column) == (32, 15)
    site = moved.fields["site_street_address"]
    assert (site.value, site.line, site.column) == ("Myllärintie 35", 101, 15)


def test_a_long_score_row_is_read_without_the_cache():
    text = seed_path("002").read_text(encoding="utf-8").replace(
        "Luonnonvarojen käytön kestävyys 0 0", "Luonnonvarojen käytön kestävyys 0 " + "x" * 80)
    d = parse(text)
    assert len(d.scores) == 15
    assert [(p.kind, p.line, p.column) for p in d.problems] == [("number", 131, 35)]


def test_split_by_hand_as_the_patterns_they_replace_read():
    """The co-implementer, period and indicator readings that had quadratic patterns read as before
    (the last comma with an ID after it; a missing start date is a period problem)."""
    def co_implementer(line: str) -> tuple[str, str, int]:
        (co,) = parse("2 Hakijan perustiedot\n\nOsatoteuttajat\n\n" + line + "\n\n"
                      "3 Suunnitelman mukainen tiivistelmä toteutuksesta\n").co_implementers
        assert co.line == 5
        return co.name, co.business_id, co.column

    assert co_implementer("Oy Ab, 0115776-3") == ("Oy Ab", "0115776-3", 8)
    assert co_implementer("Oy, Ab,   0115776-3  ") == ("Oy, Ab", "0115776-3", 11)
    assert co_implementer("Oy Ab, 0115776-3,") == ("Oy Ab", "0115776-3,", 8)
    # no business ID after the last comma: a name alone, at the start of its line
    assert co_implementer("Oy,Ab 1,2") == ("Oy,Ab 1,2", "", 1)
    assert co_implementer("Oy Ab, 0115776 3") == ("Oy Ab, 0115776 3", "", 1)
    assert co_implementer(", 0115776-3") == (", 0115776-3", "", 1)
    period = parse("1 Hanke\nSuunnitelman mukainen toteutusaika: Alkaa  ja päättyy 1.1.2020\n")
    assert [(p.kind, p.line, p.column) for p in period.problems] == [("period", 2, 37)]
    ind = parse("7 Hakemusvaiheessa ilmoitettavat arviot hankekohtaisista seurantiedoista\n"
                   "7.1 Uusien työpaikkojen määrä\n"
                   "Suunniteltu: 12 ,  joihin   työllistyvät naiset   5\n"
                   "Toteutunut seurantatietojen mukaan: 1 x\n").indicators[0]
    assert (ind.planned.value, ind.planned_women.value, ind.planned_women.column) == (12, 5, 51)
    assert ind.realised is None
