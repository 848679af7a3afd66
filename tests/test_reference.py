"""Reference data API: name resolution over 2013-2026, membership over time, mergers, postal
codes, ELY centres, locatives and fuzzy suggestions."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eura_lint.reference import get_reference, normalise

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT.parent / "shared" / "reference"
SEEDS = REPO_ROOT / "seeds"

needs_source = pytest.mark.skipif(
    not (SOURCE / "municipalities.csv").is_file(),
    reason=f"shared reference CSVs not found at {SOURCE}",
)


@pytest.fixture(scope="module")
def ref():
    return get_reference()


def _rows(name: str) -> list[dict[str, str]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- every name of every year resolves ---------------------------------------------------------


@needs_source
def test_every_municipality_name_of_every_year_resolves(ref) -> None:
    for row in _rows("municipalities.csv"):
        for name in (row["kunta_fi"], row["kunta_sv"]):
            assert ref.resolve(name, "municipality") == {row["kunta_code"]}, (row["year"], name)
        year = int(row["year"])
        member = ref.membership(row["kunta_code"], year)
        assert (member.subregion, member.region) == (row["seutukunta_code"], row["maakunta_code"])


@needs_source
def test_every_subregion_resolves_in_genitive_and_nominative(ref) -> None:
    for row in _rows("seutukunnat.csv"):
        code = row["seutukunta_code"]
        for name in (row["seutukunta_fi"], row["seutukunta_sv"], ref.subregions[code].genitive):
            assert ref.resolve(name, "subregion") == {code}, (row["year"], name)
        assert ref.region_of_subregion(code, [int(row["year"])]) == {row["maakunta_code"]}
    for row in _rows("seutukunta_name_forms.csv"):
        for column in ("genitive_fi_DERIVED", "genitive_fi_variant_DERIVED", "long_form_DERIVED"):
            if row[column]:
                assert ref.resolve(row[column], "subregion") == {row["seutukunta_code"]}, row[column]


@needs_source
def test_every_region_name_of_every_year_resolves(ref) -> None:
    for row in _rows("maakunnat.csv"):
        for name in (row["maakunta_name_fi"], row["maakunta_name_sv"]):
            assert ref.resolve(name, "region") == {row["maakunta_code"]}, (row["year"], name)


def _seed_lists(label: str) -> list[str]:
    names = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8-sig").splitlines():
            if line.startswith(f"{label}:") and line[len(label) + 1:].strip():
                names += [n.strip() for n in line[len(label) + 1:].split(",")]
    return names


@pytest.mark.parametrize(
    ("label", "kind"),
    [("Maakunnat", "region"), ("Seutukunnat", "subregion"), ("Kunnat", "municipality")],
)
def test_every_seed_geography_name_resolves(ref, label, kind) -> None:
    names = _seed_lists(label)
    assert names
    assert [n for n in names if len(ref.resolve(n, kind)) != 1] == []


def test_seed_subregion_genitives_are_the_primary_forms(ref) -> None:
    for name in _seed_lists("Seutukunnat"):
        (code,) = ref.resolve(name, "subregion")
        assert ref.subregions[code].genitive == name


# -- normalisation and Swedish names -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Helsingfors", "091"), ("Åbo", "853"), ("Jakobstad", "598"), ("Vasa", "905"),
        ("HELSINKI", "091"), ("  helsinki ", "091"), ("Borgå", "638"), ("Tammerfors", "837"),
        ("Uleåborg", "564"), ("Villmanstrand", "405"), ("Koski Tl", "284"),
    ],
)
def test_municipality_names_in_both_languages(ref, name, code) -> None:
    assert ref.resolve(name, "municipality") == {code}


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [
        ("Kotkan–Haminan", "subregion", "082"),  # en dash
        ("Kotkan - Haminan", "subregion", "082"),
        ("kemi-tornion seutukunta", "subregion", "192"),
        ("Pielisen  Karjalan", "subregion", "125"),
        ("Kotka-Hamina", "subregion", "082"),
        ("Etelä\u2011Karjala", "region", "09"),  # non-breaking hyphen
        ("Södra Karelen", "region", "09"),
        ("Ahvenanmaa\u00a0-\u00a0Åland", "region", "21"),
    ],
)
def test_normalised_lookup(ref, name, kind, code) -> None:
    assert ref.resolve(name, kind) == {code}


def test_normalise() -> None:
    assert normalise(" Etelä \u2013 Karjala\u00a0 ") == "etelä-karjala"


# -- membership over time and mergers ------------------------------------------------------------


def test_heinavesi_moved_from_etela_savo_to_pohjois_karjala(ref) -> None:
    (heinavesi,) = ref.resolve("Heinävesi", "municipality")
    assert ref.regions_of(heinavesi, range(2013, 2021)) == {"10"}
    assert ref.regions_of(heinavesi, range(2021, 2027)) == {"12"}
    assert ref.regions_of(heinavesi, ref.years(2019, 2022)) == {"10", "12"}
    assert ref.subregions_of(heinavesi, [2020]) == ref.resolve("Savonlinnan", "subregion")
    assert ref.subregions_of(heinavesi, [2021]) == ref.resolve("Joensuun", "subregion")


def test_valtimo_merged_into_nurmes_in_2020(ref) -> None:
    (valtimo,) = ref.resolve("Valtimo", "municipality")
    (nurmes,) = ref.resolve("Nurmes", "municipality")
    assert (ref.municipalities[valtimo].first_year, ref.municipalities[valtimo].last_year) == (
        2013, 2019)
    assert ref.municipalities[valtimo].existed_in(2019)
    assert not ref.municipalities[valtimo].existed_in(2020)
    assert ref.successor(valtimo) == (nurmes, 2020)
    assert ref.membership(valtimo, 2020) is None
    assert ref.successor(nurmes) is None


@pytest.mark.parametrize(
    ("gone", "successor", "year"),
    [
        ("Honkajoki", "Kankaanpää", 2021), ("Jalasjärvi", "Kurikka", 2016),
        ("Juankoski", "Kuopio", 2017), ("Hämeenkoski", "Hollola", 2016),
        ("Köyliö", "Säkylä", 2016), ("Lavia", "Pori", 2015), ("Luvia", "Eurajoki", 2017),
        ("Maaninka", "Kuopio", 2015), ("Nastola", "Lahti", 2016),
        ("Pertunmaa", "Mäntyharju", 2025), ("Tarvasjoki", "Lieto", 2015),
    ],
)
def test_mergers(ref, gone, successor, year) -> None:
    (code,) = ref.resolve(gone, "municipality")
    (target,) = ref.resolve(successor, "municipality")
    assert ref.successor(code) == (target, year)


def test_kyronmaa_subregion_dissolved_in_2021(ref) -> None:
    (kyronmaa,) = ref.resolve("Kyrönmaan", "subregion")
    assert ref.region_of_subregion(kyronmaa, [2020]) == {"15"}
    assert ref.region_of_subregion(kyronmaa, [2021]) == set()


def test_years_are_clipped_to_the_data(ref) -> None:
    assert ref.years(2018, 2020) == range(2018, 2021)
    assert ref.years(2010, 2030) == range(2013, 2027)
    assert ref.years(2030, 2031) == range(2026, 2027)


# -- postal codes ------------------------------------------------------------------------------


def test_postal_code_follows_a_merger(ref) -> None:
    assert ref.postal_municipalities("75700", date(2018, 6, 1)) == {"911"}  # Valtimo
    assert ref.postal_municipalities("75700", date(2021, 1, 1)) == {"541"}  # Nurmes
    assert ref.postal_municipalities("75700") == {"911", "541"}


def test_postal_code_lookup(ref) -> None:
    assert ref.postal_municipalities("08100", date(2021, 9, 1)) == ref.resolve("Lohja", "municipality")
    assert ref.postal_municipalities("00100", date(2010, 1, 1)) == {"091"}  # before the first snapshot
    assert ref.postal_municipalities("00000", date(2020, 1, 1)) == set()
    assert "VALKEAKOSKI" in ref.post_offices("37601")  # a PO-box code (type 2)
    assert {"HELSINKI", "HELSINGFORS"} <= ref.post_offices("00100")
    assert ref.postal_history("37601")[0].type_code == 2


# -- ELY centres and locatives -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authority", "regions"),
    [
        ("Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus", {"Etelä-Savo", "Pohjois-Savo", "Pohjois-Karjala"}),
        ("Etelä-Savon elinkeino- liikenne- ja ympäristökeskus", {"Etelä-Savo", "Pohjois-Savo", "Pohjois-Karjala"}),
        ("Pohjois-Pohjanmaan ELY-keskus", {"Pohjois-Pohjanmaa", "Kainuu", "Lappi"}),
        ("Hämeen elinkeino-, liikenne- ja ympäristökeskus",
         {"Uusimaa", "Varsinais-Suomi", "Kanta-Häme", "Päijät-Häme", "Kymenlaakso", "Etelä-Karjala"}),
        ("Keski-Suomen elinkeino-, liikenne- ja ympäristökeskus",
         {"Keski-Suomi", "Satakunta", "Pirkanmaa", "Etelä-Pohjanmaa", "Pohjanmaa", "Keski-Pohjanmaa"}),
    ],
)
def test_ely_centres(ref, authority, regions) -> None:
    centre = ref.ely_centre(authority)
    assert centre is not None
    assert {ref.regions[c].name for c in centre.regions} == regions


def test_other_authorities_are_not_ely_centres(ref) -> None:
    assert ref.ely_centre("Uudenmaan liitto") is None
    assert ref.ely_centre("Innovaatiorahoituskeskus Tekes") is None


@pytest.mark.parametrize(
    ("word", "region"),
    [
        ("Etelä-Karjalassa", "Etelä-Karjala"), ("Satakunnassa", "Satakunta"),
        ("Keski-Suomessa", "Keski-Suomi"), ("Uudellamaalla", "Uusimaa"),
        ("Pohjois-Karjalassa", "Pohjois-Karjala"), ("Lapissa", "Lappi"), ("Kainuussa", "Kainuu"),
        ("Pirkanmaalla", "Pirkanmaa"), ("Päijät-Hämeessä", "Päijät-Häme"),
        ("Kanta-Hämeessä", "Kanta-Häme"), ("Varsinais-Suomessa", "Varsinais-Suomi"),
        ("Pohjanmaalla", "Pohjanmaa"), ("Keski-Pohjanmaalla", "Keski-Pohjanmaa"),
        ("Etelä-Pohjanmaalla", "Etelä-Pohjanmaa"), ("Pohjois-Pohjanmaalla", "Pohjois-Pohjanmaa"),
        ("Kymenlaaksossa", "Kymenlaakso"), ("Etelä-Savossa", "Etelä-Savo"),
        ("Pohjois-Savossa", "Pohjois-Savo"), ("Ahvenanmaalla", "Ahvenanmaa"),
        ("etelä–karjalassa", "Etelä-Karjala"),
    ],
)
def test_region_locatives(ref, word, region) -> None:
    assert ref.regions[ref.region_of_locative(word)].name == region


def test_every_region_has_a_locative_and_genitives_are_not_locatives(ref) -> None:
    assert all(r.locatives for r in ref.regions.values())
    assert ref.region_of_locative("Pohjois-Karjalan") is None
    assert ref.region_of_locative("Etelä-Karjala") is None


# -- fuzzy suggestions ---------------------------------------------------------------------------

MISSPELLINGS = [
    # transpositions
    ("Kuopoi", "municipality", "Kuopio"), ("Kotak", "municipality", "Kotka"),
    ("Tampree", "municipality", "Tampere"), ("Rovanimei", "municipality", "Rovaniemi"),
    ("Rovaneimi", "municipality", "Rovaniemi"),
    # lost umlauts
    ("Hameenlinna", "municipality", "Hämeenlinna"), ("Jyvaskyla", "municipality", "Jyväskylä"),
    ("Seinajoki", "municipality", "Seinäjoki"), ("Enontekio", "municipality", "Enontekiö"),
    ("Heinavesi", "municipality", "Heinävesi"), ("Siilinjarvi", "municipality", "Siilinjärvi"),
    ("Pieksamaen", "subregion", "Pieksämäen"), ("Etela-Karjala", "region", "Etelä-Karjala"),
    # single/double letters
    ("Kitilä", "municipality", "Kittilä"), ("Mikeli", "municipality", "Mikkeli"),
    ("Savonlina", "municipality", "Savonlinna"), ("Savonlinnna", "municipality", "Savonlinna"),
    ("Kuusamoo", "municipality", "Kuusamo"), ("Joensu", "municipality", "Joensuu"),
    ("Espo", "municipality", "Espoo"), ("Porvo", "municipality", "Porvoo"),
    ("Iisalmmi", "municipality", "Iisalmi"), ("Pietarsari", "municipality", "Pietarsaari"),
    # sound-alike / neighbouring-key letters
    ("Lapinlahdi", "municipality", "Lapinlahti"), ("Lapinlahri", "municipality", "Lapinlahti"),
    ("Kuopip", "municipality", "Kuopio"),
    # truncations and dropped letters
    ("Lappeenrant", "municipality", "Lappeenranta"), ("Imatr", "municipality", "Imatra"),
    ("Jyväsky", "municipality", "Jyväskylä"), ("Kangasniem", "municipality", "Kangasniemi"),
    ("Mäntyharu", "municipality", "Mäntyharju"), ("Koski", "municipality", "Koski Tl"),
    # Swedish names, sub-regions (suggested in the EURA genitive), regions
    ("Helsinfors", "municipality", "Helsingfors"),
    ("Kuopoin", "subregion", "Kuopion"), ("Helsingn", "subregion", "Helsingin"),
    ("Kotkan-Hamnan", "subregion", "Kotkan-Haminan"), ("Kuopoi", "subregion", "Kuopion"),
    ("Pohjois-Karjla", "region", "Pohjois-Karjala"),
    ("Kymenlakso", "region", "Kymenlaakso"),
]


@pytest.mark.parametrize(("name", "kind", "expected"), MISSPELLINGS)
def test_misspelling_gets_exactly_the_right_suggestion(ref, name, kind, expected) -> None:
    assert ref.resolve(name, kind) == set()
    assert ref.suggest(name, kind) == (expected,)


VALID_LOOKALIKES = [
    ("Vaala", "municipality"), ("Vaasa", "municipality"), ("Kitee", "municipality"),
    ("Kemi", "municipality"), ("Kemiönsaari", "municipality"), ("Salo", "municipality"),
    ("Salla", "municipality"), ("Iitti", "municipality"), ("Ii", "municipality"),
    ("Pello", "municipality"), ("Hanko", "municipality"), ("Lapinlahti", "municipality"),
    ("Lapinjärvi", "municipality"), ("Laukaa", "municipality"), ("Kuopion", "subregion"),
    ("Suupohjan", "subregion"), ("Pohjanmaa", "region"), ("Etelä-Pohjanmaa", "region"),
    ("Helsingfors", "municipality"), ("Åbo", "municipality"),
    # a space for a dash, or a dash for a space, is a spelling of the same name
    ("Pohjois Savo", "region"), ("Pielisen-Karjalan", "subregion"), ("Kotkan – Haminan", "subregion"),
]


@pytest.mark.parametrize(("name", "kind"), VALID_LOOKALIKES)
def test_valid_name_is_never_corrected(ref, name, kind) -> None:
    assert len(ref.resolve(name, kind)) == 1
    assert ref.suggest(name, kind) == ()


NOT_PLACES = [
    # ordinary Finnish words, several one letter from a place name (Pello, Hanko, Salo, Laukaa)
    "talo", "kissa", "metsä", "järvi", "hanke", "pallo", "sali", "kala", "vesi", "koira",
    "Laukka", "koulutus", "yritys", "kaupunki", "Suomi", "kunta", "maakunta", "seutukunta",
    "nuoret", "perhe", "terveys", "osaaminen", "Kallio", "Saari", "Niemi", "Karjala", "Savo",
    "Finland", "Ruotsi", "Kosky",
    # organisation names
    "Helsingin yliopisto", "Keski-Suomen liitto", "Pohjois-Karjalan Sosiaaliturvayhdistys ry",
    "Kela", "Business Finland", "Tekes", "Socom Oy", "Valkeakosken kaupunki",
    "Alustapalvelu Sociala Oy", "Kolpeneen Palvelukeskuksen kuntayhtymä", "Lapin liitto",
]


@pytest.mark.parametrize("name", NOT_PLACES)
@pytest.mark.parametrize("kind", ["municipality", "subregion", "region"])
def test_no_suggestion_for_names_far_from_any(ref, name, kind) -> None:
    assert ref.suggest(name, kind) == ()


def test_import_is_cheap() -> None:
    code = (
        "import sys, eura_lint.reference as r; ref = r.get_reference(); ref.resolve('Kuopio', 'municipality');"
        "bad = {'pandas', 'pandera', 'rapidfuzz'} & set(sys.modules); assert not bad, bad;"
        "ref.suggest('Kuopoi', 'municipality'); assert 'rapidfuzz' in sys.modules"
    )
    env_path = str(REPO_ROOT / "src")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={"PYTHONPATH": env_path, "PATH": ""})
