"""EURA309's judgement of one locative in its sentence (checks/claims.py), sentence by sentence.

Each case is a sentence and, for every region locative in it, whether it claims the project
works there. The catalogue examples of EURA309 run the same judgement through whole documents.
"""

from __future__ import annotations

import random
import re

import pytest

from eura_lint.checks import claims, geography
from eura_lint.reference import get_reference


def judged(text: str, target_section: bool = False) -> list[tuple[str, bool]]:
    pattern = geography._locative_pattern(get_reference())
    return [(m.group(0), claims.is_claim(text, m.start(), m.end(), geography._is_locative,
                                         target_section))
            for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # plain sentences about the project's own work
    ("Hanke toimii kolmen maakunnan alueella, Etelä-Savossa, Etelä-Karjalassa ja Pohjois-Savossa.",
     [True, True, True]),
    ("Tämä hanke toteutetaan Kainuussa yhteistyössä alueen kuntien kanssa.", [True]),
    ("Tulokset levitetään myös Kainuussa.", [True]),
    ("Hanke toimii Lapissa, mutta osa koulutuksista järjestetään Kainuussa.", [True, True]),
    ("Hankkeen toimipiste sijaitsee Kainuussa.", [True]),
    # coordination is no comparison
    ("Hanke toimii niin Lapissa kuin Kainuussa.", [True, True]),
    ("Koulutuksia järjestetään Lapissa samoin kuin Kainuussa.", [True, True]),
    ("Toimintaa laajennetaan, ennen kuin Kainuussa aloitetaan pilotit.", [True]),
    # clitics
    ("Hanke toimii myös Kainuussakin.", [True]),
    ("Toimintaa ei järjestetä Kainuussakaan.", [True]),
    ("Päijät-Hämeessähän koulutukset pidetään.", [True]),
    ("KAINUUSSAKIN toimitaan.", [True]),
    # comparisons
    ("Nuorisotyöttömyys on Lapissa selvästi korkeampi kuin Uudellamaalla.", [False, False]),
    ("Hanke on Kainuussa laajempi kuin Lapissa.", [True, False]),
    # a region's situation (a copula with a comparative or a share) is no claim
    ("Työttömyysaste oli Lapissa 12 %, Uudellamaalla 7 %.", [False, False]),
    ("Uudellamaalla vastaava osuus on 7 prosenttia.", [False]),
    ("Pohjois-Pohjanmaalla ja Kainuussa tilanne on parempi.", [False, False]),
    ("Koulutuksia järjestetään Kainuussa useammin.", [True]),
    ("Toisin kuin Pirkanmaalla, Lapissa välimatkat ovat pitkiä.", [False, True]),
    ("Verrattuna Uudellamaalla toimiviin yrityksiin lappilaiset yritykset ovat pieniä.", [False]),
    ("Lapissa työttömyys on korkea, kun taas Uudellamaalla se on matala.", [True, False]),
    ("Työllisyysaste on matalampi kuin Pohjois-Pohjanmaalla tai Kainuussa.", [False, False]),
    ("Samoin kuin Kainuussa, Lapissa väestö ikääntyy.", [False, True]),
    ("Kuten Kainuussa, myös Lapissa väestö ikääntyy.", [False, True]),
    ("Hanke toimii useassa maakunnassa, kuten Kainuussa ja Lapissa.", [True, True]),
    ("Verrattuna tilanteeseen Kainuussa Lapin tilanne on hyvä.", [False]),
    # quotations and titles
    ('Hanke perustuu raporttiin "Nuoret Kainuussa 2017".', [False]),
    ("Hanke perustuu raporttiin “Nuoret Kainuussa 2017”.", [False]),
    ("Hanke perustuu raporttiin »Nuoret Kainuussa 2017».", [False]),
    ("Hanke perustuu selvitykseen 'Yrittäjyys Kainuussa'.", [False]),
    ("Hanke jatkaa Osaajia Kainuussa -hankkeen työtä.", [False]),
    ('Hanke on osa "Kasvua Kainuussa" -ohjelmaa, ja toimintaa järjestetään Kainuussa.', [False, True]),
    # attributes about someone else
    ("Hankkeen yhteistyökumppanina toimii Uudellamaalla sijaitseva ammattikorkeakoulu.", [False]),
    ("Hanke hyödyntää Kainuussa vuosina 2016–2018 toteutetun Osaava-hankkeen kokemuksia.", [False]),
    ("Hankkeen rahoittajana on Pirkanmaalla toimiva säätiö.", [False]),
    ("Hanke tekee yhteistyötä Uudellamaalla sijaitsevan yliopiston kanssa.", [False]),
    ("Hakija on Uudellamaalla toimiva järjestö.", [False]),
    ("Hankkeen asiantuntijana toimii Uudellamaalla asuva konsultti.", [False]),
    ("Hankkeen ohjausryhmään kuuluu Uudellamaalla toimivan säätiön edustaja.", [False]),
    ("Hanke ostaa koulutuspalvelut Uudellamaalla sijaitsevalta yritykseltä.", [False]),
    ("Menetelmä on pilotoitu Satakunnassa toteutetussa hankkeessa.", [False]),
    ("Hanke on jatkoa Keski-Suomessa toimineelle Osaava-hankkeelle.", [False]),
    ("Hanke hyödyntää Kainuun liiton Kainuussa rahoittaman hankkeen tuloksia.", [False]),
    ("Yhteistyökumppanina on yritys, joka sijaitsee Uudellamaalla.", [False]),
    ("Pääkonttori sijaitsee Uudellamaalla.", [False]),
    ("Vuosina 2016-2018 Kainuussa toteutettiin Osaava-hanke, jonka tuloksia hyödynnetään.", [False]),
    # attributes about the target group, the participants or the project itself
    ("Hankkeen kohderyhmänä ovat Kainuussa asuvat nuoret.", [True]),
    ("Kohderyhmänä ovat Etelä-Savossa, Etelä-Karjalassa ja Pohjois-Savossa toimivat järjestöt.",
     [True, True, True]),
    ("Hankkeen toimenpiteet kohdistuvat Kainuussa toimiviin mikroyrityksiin.", [True]),
    ("Hanke tukee Kainuussa toimivia pk-yrityksiä.", [True]),
    ("Hankkeessa järjestetään työpajoja Kainuussa toimiville yrityksille.", [True]),
    ("Kainuussa toteutettava hanke kehittää uusia palveluja.", [True]),
    ("Kohderyhmänä ovat yritykset, jotka toimivat Kainuussa.", [True]),
    ("Kerätään myös Lapissa muiden toimijoiden kehittämiä menetelmiä.", [True]),
    ("Hankkeen pilotit toteutetaan Kainuussa toimivissa yrityksissä.", [True]),
    ("Asiantuntijapalvelut ostetaan Pirkanmaalla toimivalta yritykseltä.", [False]),
    ("Hanke järjestää opintomatkan Uudellamaalla sijaitsevaan yritykseen.", [False]),
    ("Hankkeen ohjausryhmään kuuluu edustaja Uudellamaalla sijaitsevasta säätiöstä.", [False]),
    ("Pilotit toteutetaan Lapissa ja Uudellamaalla sijaitsevissa kunnissa.", [True, True]),
    ("Kainuussa järjestettävät koulutukset ovat maksuttomia.", [True]),
    ("Uudellamaalla tehtävä työ on osa hanketta.", [True]),
    ("Hanke tekee yhteistyötä Kainuussa toteutettavan Osaava-hankkeen kanssa.", [False]),
    ("Kainuussa toteutettavan Osaava-hankkeen tulokset ovat hyödyllisiä.", [False]),
    ("Kainuussa toimiva yhdistys ylläpitää palvelua.", [False]),
])
def test_sentence(text, expected):
    assert [claim for _, claim in judged(text)] == expected


def test_target_section_reads_an_attribute_as_the_target_group():
    text = "Kainuussa toimivat pk-yritykset ja niiden henkilöstö."
    assert judged(text, target_section=True) == [("Kainuussa", True)]
    assert judged(text, target_section=False) == [("Kainuussa", False)]
    partner = "Yhteistyössä on mukana Uudellamaalla toimiva konsulttiyritys."
    assert judged(partner, target_section=True) == [("Uudellamaalla", False)]


def test_sentences_are_judged_apart():
    text = ("Yhteistyökumppanina toimii Uudellamaalla sijaitseva yliopisto. "
            "Koulutukset pidetään mm. Uudellamaalla.")
    assert judged(text) == [("Uudellamaalla", False), ("Uudellamaalla", True)]


def test_unbalanced_quotation_mark_hides_nothing():
    assert judged('Hanke "toimii Kainuussa.') == [("Kainuussa", True)]


# The patterns as first written, each one alternation: claims.py splits or reorders them so that
# sre can skip to their first character in C; what they find must not change.
_OTHER_AS_ONE = re.compile(
    r"kumppan|yhteistyö|verkostoitu|rahoitta|rahoittaj|rahoitu|kokemu|tulokse|tuloks|\bopit|"
    r"käytänt|käytänte|käytäntö|malli|hyödyntä|hyödynne|hyödynnä|aiemm|aikaisemm|edellis|"
    r"päättyn|hakija|toteuttaja|kotipaik|pääkonttor|asiantuntij|kouluttaj|vierail|tutustu|"
    r"benchmark|esikuv|opintomat|opintokäyn|ekskurs|(?:[aeiouyäö]|h)tt?iin\b")
_SENTENCE_END_AS_WRITTEN = re.compile(
    r"(?<![.!?…])[.!?…]+[\"”»'’)]*\s+(?=[\"“”«»'(]?[A-ZÅÄÖ0-9])")


def _texts(pieces: list[str], seed: int, count: int = 50000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(count)]


def test_other_parties_found_as_by_the_one_alternation():
    pieces = ["opit", "o", "pit", "x", "_", "3", " ", "-", "ä", "tiin", "ttiin", "htiin", "a",
              "kumppan", "malli", "k", "ekskurs", "iin", "Opit", " opit", "ö", "aiemm"]
    texts = _texts(pieces, 1)
    assert sum(claims._other(t) for t in texts) > 10000
    for text in texts:
        assert claims._other(text) == (_OTHER_AS_ONE.search(text) is not None), text


def test_sentence_ends_found_as_by_the_pattern_as_written():
    pieces = [".", "!", "?", "…", '"', "”", "»", "'", ")", " ", "  ", "\n", "A", "Ä", "a", "3",
              "(", "“", "x", "mm."]
    found = 0
    for text in _texts(pieces, 2):
        expected = [m.span() for m in _SENTENCE_END_AS_WRITTEN.finditer(text)]
        assert [m.span() for m in claims._SENTENCE_END.finditer(text)] == expected, text
        found += len(expected)
    assert found > 1000
