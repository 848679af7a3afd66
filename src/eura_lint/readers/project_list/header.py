"""Which column holds what: the header row recognised from known column names.

Known names are the open-data project list's Finnish labels (``Koodi``, ``Tl``, ``Aloituspvm``,
...), the snake_case names of common exports (``hankekoodi``, ``myonnetty_eu_valtio``, ...) and the
description's own field labels. Names are compared folded: case, spaces, underscores,
punctuation and the dots of ä, ö, å ignored. A ``columns:`` mapping in the configuration adds the
names of any other export (``key: name`` or ``key: [names]``); its names win.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ...page import FIELDS

# key -> the names it goes by (besides the description's field label, added below)
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "project_code": ("Koodi", "hankekoodi", "projektikoodi", "hankkeen koodi", "code",
                     "project_code"),
    "programme_period": ("ohjelmakausi", "kausi", "ohjelmakausi_nimi", "programme_period"),
    "fund": ("Rahasto", "fund"),
    "project_name": ("Hankkeen nimi", "nimi", "hanke", "projektin nimi", "project_name"),
    "axis": ("Tl", "toimintalinja", "axis"),
    "objective": ("Et", "erityistavoite", "objective"),
    "authority": ("Viranomainen", "vastuuviranomainen", "rahoittaja", "rahoittava viranomainen",
                  "authority"),
    "status": ("Tila", "toiminnan_tila", "status"),
    "start": ("Aloituspvm", "alkupvm", "alkamispvm", "alkamispäivä", "alkupäivä", "alkaa", "start",
              "start_date"),
    "end": ("Päättymispvm", "paattymispvm", "loppupvm", "päättymispäivä", "loppupäivä", "päättyy",
            "end", "end_date"),
    "applicant_name": ("Toteuttajan nimi", "toteuttaja", "hakija", "applicant_name"),
    "business_id": ("y_tunnus", "ytunnus", "toteuttajan_y_tunnus", "hakijan y-tunnus",
                    "business_id"),
    "granted": ("myonnetty_eu_valtio", "granted"),
    "realised_eu_state": ("toteutunut_eu_valtio", "realised_eu_state"),
    "planned_public": ("suunniteltu_julkinen", "suunniteltu_julkinen_rahoitus", "planned_public"),
    "realised_public": ("toteutunut_julkinen", "toteutunut_julkinen_rahoitus", "realised_public"),
    "summary": ("tiivistelma", "summary"),
    "location": ("sijainti", "nuts3", "location"),
}
for _key in ("project_code", "project_name", "axis", "objective", "authority", "status",
             "applicant_name", "business_id", "granted", "realised_eu_state", "planned_public",
             "realised_public"):
    KNOWN_COLUMNS[_key] += (FIELDS[_key][1],)
TABLE_KEYS = tuple(KNOWN_COLUMNS)
# A header must name at least this many known columns: one name alone (``nimi``, ``Tila``) is as
# likely a word in a data row
MIN_KNOWN = 2
# how far down a title or notes above the header are looked past
HEADER_SEARCH_ROWS = 20

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """``Päättymispvm`` and ``paattymis_pvm`` alike: ``paattymispvm``."""
    return _NOT_ALNUM.sub("", name.casefold().translate(_FOLD))


def name_index(mapping: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """Folded column name -> key; the configuration's ``columns:`` names override built-in ones."""
    index = {fold(name): key for key, names in KNOWN_COLUMNS.items() for name in names}
    for key, names in (mapping or {}).items():
        for name in [names] if isinstance(names, str) else names:
            index[fold(name)] = key
    return index


def recognise(names: Sequence[str], index: Mapping[str, str]) -> dict[int, str]:
    """Column number (0-based) -> key, for the names that are known; the first column of a key
    wins when a table repeats one."""
    found: dict[int, str] = {}
    taken: set[str] = set()
    for number, name in enumerate(names):
        key = index.get(fold(name)) if name else None
        if key is not None and key not in taken:
            found[number] = key
            taken.add(key)
    return found
