"""Finnish regional reference data over time: municipalities, sub-regions, regions, postal codes,
structural-fund ELY centres and region locatives.

The data is built by ``scripts/build_reference.py`` into ``eura_lint/data/reference.json`` and
loaded once per process by :func:`get_reference`. Names are matched after :func:`normalise`
(case, whitespace and dash variants do not matter); Swedish names are names of the same place.
Years are calendar years of Statistics Finland's classification (valid on 1 January), codes are
zero-padded strings (municipality ``NNN``, sub-region ``NNN``, region ``NN``).

Importing this module is cheap: it reads no file, and ``rapidfuzz`` is imported only when a
name misses the exact index and a suggestion is asked for.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from types import MappingProxyType
from typing import Literal

Kind = Literal["municipality", "subregion", "region"]

# Applied after whitespace is collapsed, so one optional space either side: ``\s*`` there would
# scan a long run of spaces again from each of its positions (time square in its length).
_DASHES = re.compile(r" ?[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212] ?")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u", "š": "s", "ž": "z"})


def normalise(name: str) -> str:
    """The lookup key of a name: NFC, casefolded, whitespace collapsed, dashes as ``-``.

    Cached for names of up to NAME_CACHED characters: the same place names (and, for the locative
    rule, the same capitalised words) recur in every document of a corpus. A longer "name" is no
    place name, and caching it would only hold memory."""
    return _normalise_cached(name) if len(name) <= NAME_CACHED else _normalise(name)


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold()
    text = " ".join(text.split())
    return _DASHES.sub("-", text)


NAME_CACHED = 100
_normalise_cached = functools.lru_cache(maxsize=1 << 16)(_normalise)


def _loose(key: str) -> str:
    """A normalised key with spaces and dashes alike."""
    return key.replace(" - ", "-").replace(" ", "-")


def _fold(key: str) -> str:
    """A normalised key without diacritics, for lost-umlaut matching (``jyvaskyla``)."""
    return key.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str  # latest Finnish name
    name_sv: str  # latest Swedish name
    names: tuple[str, ...]  # every Finnish and Swedish name it had, 2013-2026
    first_year: int
    last_year: int
    merged_into: str | None  # code of the municipality it merged into, if it ceased to exist
    merged_year: int | None  # first year it no longer existed

    def existed_in(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True, slots=True)
class SubRegion:
    code: str
    name: str  # Statistics Finland's (nominative) name: "Kotka-Hamina"
    name_sv: str
    genitive: str  # as written in EURA ``Seutukunnat:``: "Kotkan-Haminan"
    names: tuple[str, ...]  # every form that resolves to it
    first_year: int
    last_year: int


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str  # "Etelä-Karjala"
    name_sv: str
    locatives: tuple[str, ...]  # "Etelä-Karjalassa"
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Membership:
    """Where a municipality belonged in one year."""

    municipality: str
    year: int
    subregion: str
    region: str


@dataclass(frozen=True, slots=True)
class PostalEntry:
    """One run of identical Posti snapshots for a postal code."""

    first_snapshot: date
    last_snapshot: date
    municipality: str
    office_fi: str  # Posti's postcode name, e.g. "HELSINKI"
    office_sv: str
    type_code: int  # 1 street addresses, 2 PO boxes, 3 company codes, ...


@dataclass(frozen=True, slots=True)
class ElyCentre:
    name: str  # "Etelä-Savon ELY-keskus"
    seat: str
    suuralue: str
    regions: frozenset[str]  # region codes of its structural-fund area
    aliases: tuple[str, ...]  # incl. "Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus"


@functools.lru_cache(maxsize=1024)
def _ely_key(name: str) -> str:
    # The 2016 project list drops commas ("elinkeino- liikenne- ja ..."): compare words only.
    return " ".join(re.findall(r"\w+", normalise(name)))


def _date_of(snapshot: int) -> date:
    return date(snapshot // 10000, snapshot // 100 % 100, snapshot % 100)


class Reference:
    """All reference data with its lookup indexes. Get the shared instance by
    :func:`get_reference`."""

    def __init__(self, data: Mapping) -> None:
        self.first_year, self.last_year = data["years"]
        self._membership: dict[str, dict[int, tuple[str, str]]] = {}
        self._subregion_region: dict[str, dict[int, str]] = {}
        municipalities: dict[str, Municipality] = {}
        for code, info in data["municipalities"].items():
            merged = info.get("merged_into")
            municipalities[code] = Municipality(
                code=code,
                name=info["fi"][-1][2],
                name_sv=info["sv"][-1][2],
                names=_unique(run[2] for run in info["fi"] + info["sv"]),
                first_year=info["fi"][0][0],
                last_year=info["fi"][-1][1],
                merged_into=merged[0] if merged else None,
                merged_year=merged[1] if merged else None,
            )
            self._membership[code] = {
                year: (sub, reg)
                for first, last, sub, reg in info["membership"]
                for year in range(first, last + 1)
            }
        subregions: dict[str, SubRegion] = {}
        for code, info in data["subregions"].items():
            genitives = info["genitive"]
            names = [run[2] for run in info["fi"] + info["sv"]] + list(info["other_names"])
            names += genitives + [f"{g} seutukunta" for g in genitives]
            subregions[code] = SubRegion(
                code=code,
                name=info["fi"][-1][2],
                name_sv=info["sv"][-1][2],
                genitive=genitives[0],
                names=_unique(names),
                first_year=info["fi"][0][0],
                last_year=info["fi"][-1][1],
            )
            self._subregion_region[code] = {
                year: reg for first, last, reg in info["region"] for year in range(first, last + 1)
            }
        regions: dict[str, Region] = {}
        for code, info in data["regions"].items():
            regions[code] = Region(
                code=code,
                name=info["fi"][-1][2],
                name_sv=info["sv"][-1][2],
                locatives=tuple(info["locatives"]),
                names=_unique(run[2] for run in info["fi"] + info["sv"]),
            )
        self.municipalities: Mapping[str, Municipality] = MappingProxyType(municipalities)
        self.subregions: Mapping[str, SubRegion] = MappingProxyType(subregions)
        self.regions: Mapping[str, Region] = MappingProxyType(regions)

        # Exact indexes: normalised name -> codes. Display form per (kind, key) for suggestions:
        # the sub-region display is its EURA genitive whichever form matched.
        self._index: dict[Kind, dict[str, frozenset[str]]] = {}
        self._display: dict[Kind, dict[str, str]] = {}
        self._loose_index: dict[Kind, dict[str, frozenset[str]]] = {}
        for kind, items in (("municipality", municipalities), ("subregion", subregions),
                            ("region", regions)):
            index: dict[str, set[str]] = {}
            display: dict[str, str] = {}
            for code, item in items.items():
                for name in item.names:
                    key = normalise(name)
                    index.setdefault(key, set()).add(code)
                    display.setdefault(key, item.genitive if kind == "subregion" else name)
            self._index[kind] = {k: frozenset(v) for k, v in index.items()}
            self._display[kind] = display
            # A space written for a dash or the other way round is no misspelling
            # (Pielisen-Karjalan, Pohjois Savo): a second index keyed with both as "-".
            loose: dict[str, set[str]] = {}
            for key, codes in index.items():
                loose.setdefault(_loose(key), set()).update(codes)
            self._loose_index[kind] = {k: frozenset(v) for k, v in loose.items()}

        self._locatives = {
            normalise(form): code for code, region in regions.items() for form in region.locatives
        }

        self.postal_snapshots: tuple[date, ...] = tuple(_date_of(s) for s in data["postal_snapshots"])
        self._postal_raw: Mapping[str, list[list]] = data["postal_codes"]

        ely = []
        self._ely_index: dict[str, ElyCentre] = {}
        for name, info in data["ely"].items():
            centre = ElyCentre(
                name=name,
                seat=info["seat"],
                suuralue=info["suuralue"],
                regions=frozenset(info["regions"]),
                aliases=tuple(info["aliases"]),
            )
            ely.append(centre)
            for alias in centre.aliases:
                self._ely_index[_ely_key(alias)] = centre
        self.ely_centres: tuple[ElyCentre, ...] = tuple(ely)
        # NUTS 3 code -> ((first_year, last_year, name_fi, name_sv, name_en), ...)
        self.nuts3: Mapping[str, tuple[tuple, ...]] = MappingProxyType(
            {code: tuple(tuple(run) for run in found)
             for code, found in data.get("nuts3", {}).items()})
        # The ELY centres that decided no structural-fund projects, and the programme's other
        # deciding bodies (regional councils, Tekes, ministries).
        self._other_ely_index: dict[str, tuple[str, frozenset[str]]] = {}
        for name, info in data.get("other_ely", {}).items():
            for alias in info["aliases"]:
                self._other_ely_index[_ely_key(alias)] = (name, frozenset(info["regions"]))
        self._body_index: dict[str, str] = {
            _ely_key(alias): name
            for name, aliases in data.get("intermediate_bodies", {}).items() for alias in aliases
        }
        self._office_codes: dict[str, tuple[str, ...]] | None = None

    # -- names ------------------------------------------------------------------------------

    def resolve(self, name: str, kind: Kind) -> frozenset[str]:
        """Codes of the ``kind`` named ``name`` in any year (empty if unknown)."""
        key = normalise(name)
        found = self._index[kind].get(key)
        if found is None:
            found = self._loose_index[kind].get(_loose(key), frozenset())
        return found

    def suggest(self, name: str, kind: Kind) -> tuple[str, ...]:
        """Canonical names close to a name that is not in the exact index, best first.

        Empty for a known name and for a name far from every known one. Sub-regions are
        suggested in their EURA genitive form.
        """
        key = normalise(name)
        if not key or key in self._index[kind] or _loose(key) in self._loose_index[kind]:
            return ()
        return _suggestions(self, kind, key)

    # -- membership over time ------------------------------------------------------------------

    def years(self, start: int, end: int) -> range:
        """The classification years covering ``start..end``, clipped to the data's years."""
        first = min(max(start, self.first_year), self.last_year)
        last = max(min(end, self.last_year), self.first_year)
        return range(first, max(first, last) + 1)

    def membership(self, municipality: str, year: int) -> Membership | None:
        found = self._membership.get(municipality, {}).get(year)
        if found is None:
            return None
        return Membership(municipality, year, found[0], found[1])

    def subregions_of(self, municipality: str, years: Iterable[int]) -> frozenset[str]:
        by_year = self._membership.get(municipality, {})
        return frozenset(by_year[y][0] for y in years if y in by_year)

    def regions_of(self, municipality: str, years: Iterable[int]) -> frozenset[str]:
        by_year = self._membership.get(municipality, {})
        return frozenset(by_year[y][1] for y in years if y in by_year)

    def region_of_subregion(self, subregion: str, years: Iterable[int]) -> frozenset[str]:
        by_year = self._subregion_region.get(subregion, {})
        return frozenset(by_year[y] for y in years if y in by_year)

    def successor(self, municipality: str) -> tuple[str, int] | None:
        """Where a municipality ended up: (code, first year without it), following chains."""
        item = self.municipalities[municipality]
        if item.merged_into is None:
            return None
        target, year = item.merged_into, item.merged_year
        seen = {municipality}
        while (nxt := self.municipalities[target].merged_into) is not None and target not in seen:
            seen.add(target)
            target = nxt
        return target, year  # type: ignore[return-value]

    # -- postal codes --------------------------------------------------------------------------

    def postal_history(self, postcode: str) -> tuple[PostalEntry, ...]:
        snaps = self.postal_snapshots
        return tuple(
            PostalEntry(snaps[first], snaps[last], muni, fi, sv or fi, type_code)
            for first, last, muni, fi, sv, type_code in self._postal_raw.get(postcode.strip(), ())
        )

    def postal_municipalities(self, postcode: str, on: date | None = None) -> frozenset[str]:
        """Municipality codes of a postal code around a date (empty if the code is unknown).

        Posti's snapshots are sparse (2016-2026) and follow its own update timing, so a date is
        judged by the last snapshot on or before it *and* the next one; before the first
        snapshot, the first one. Without a date, or when the code is in neither snapshot, every
        municipality it ever had.
        """
        history = self.postal_history(postcode)
        if on is None:
            return frozenset(e.municipality for e in history)
        snaps = self.postal_snapshots
        at = bisect.bisect_right(snaps, on) - 1
        window = {snaps[i] for i in (at, at + 1) if 0 <= i < len(snaps)}
        found = frozenset(
            e.municipality for e in history
            if any(e.first_snapshot <= s <= e.last_snapshot for s in window)
        )
        return found or frozenset(e.municipality for e in history)

    def postcodes_of_office(self, office: str) -> tuple[str, ...]:
        """Every postal code Posti ever gave the post office ``office`` (Finnish or Swedish name,
        any case), in code order. The index is built on first use (about 20 ms): only a
        document with an unknown postal code asks."""
        if self._office_codes is None:
            by_office: dict[str, set[str]] = {}
            for code, runs in self._postal_raw.items():
                for run in runs:
                    for name in run[3:5]:
                        if name:
                            by_office.setdefault(normalise(name), set()).add(code)
            self._office_codes = {k: tuple(sorted(v)) for k, v in by_office.items()}
        return self._office_codes.get(normalise(office), ())

    def post_offices(self, postcode: str) -> frozenset[str]:
        """Every post-office name (Finnish and Swedish) Posti gave the code, as printed."""
        return frozenset(n for e in self.postal_history(postcode) for n in (e.office_fi, e.office_sv))

    # -- authorities and locatives -------------------------------------------------------------

    def ely_centre(self, name: str) -> ElyCentre | None:
        """The structural-fund ELY centre called ``name`` (any alias), else None."""
        return self._ely_index.get(_ely_key(name))

    def other_ely_centre(self, name: str) -> tuple[str, frozenset[str]] | None:
        """An ELY centre that decided no structural-fund projects in 2014-2020, as
        (its name, the regions it served), else None."""
        return self._other_ely_index.get(_ely_key(name))

    def intermediate_body(self, name: str) -> str | None:
        """The canonical name of the programme's deciding body called ``name`` (a regional
        council, Tekes, a ministry; the ELY centres are :meth:`ely_centre`), else None."""
        return self._body_index.get(_ely_key(name))

    def region_of_locative(self, word: str) -> str | None:
        """Region code of an inessive/adessive form (``Etelä-Karjalassa`` -> ``09``)."""
        return self._locatives.get(normalise(word))

    @property
    def locatives(self) -> Mapping[str, str]:
        """Every locative form as written -> region code."""
        return MappingProxyType(
            {form: code for code, region in self.regions.items() for form in region.locatives}
        )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@functools.cache
def get_reference() -> Reference:
    """The process-wide reference data, loaded on first use."""
    text = resources.files("eura_lint").joinpath("data/reference.json").read_text(encoding="utf-8")
    return Reference(json.loads(text))


# -- fuzzy suggestions ---------------------------------------------------------------------------
#
# Chosen on the table in tests/test_reference.py. Names are compared with diacritics folded
# (a lost umlaut costs nothing) by optimal-string-alignment distance (a transposition costs 1,
# unlike plain Levenshtein or Indel, which made "Kuopoi" as far from Kuopio as "Kuopoa").
# Short Finnish words are one letter from many place names ("pallo"/Pello, "hanke"/Hanko,
# "sali"/Salo, "laukka"/Laukaa), so what counts as a typo depends on length:
#   * under 6 letters: a transposition, a doubled or undoubled letter, or a dropped last letter;
#   * 6-8 letters: one edit, but a substitution only between letters that are neighbours on the
#     Finnish keyboard or sound alike (d/t, k/g, p/b, v/w, s/z, i/j);
#   * 9 or more letters: up to two edits of any kind.
# A query that is the first word of exactly one multi-word name ("Koski" for Koski Tl) gets
# that name. A query of 6+ letters that is the start of exactly one name covering at least 75% of it
# counts as a truncation. Ties at the best distance are all returned.

_KEYBOARD_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm")
_SOUND_ALIKE = {frozenset(p) for p in ("dt", "kg", "pb", "vw", "sz", "ij")}


def _keyboard_neighbours() -> frozenset[frozenset[str]]:
    pos = {ch: (r, i) for r, row in enumerate(_KEYBOARD_ROWS) for i, ch in enumerate(row)}
    pairs = set()
    for a, (ra, ia) in pos.items():
        for b, (rb, ib) in pos.items():
            if a != b and (
                (ra == rb and abs(ia - ib) == 1) or (abs(ra - rb) == 1 and ib - ia in ((0, 1) if rb < ra else (-1, 0)))
            ):
                pairs.add(frozenset(a.translate(_FOLD) + b.translate(_FOLD)))
    return frozenset(p for p in pairs if len(p) == 2)


_NEAR = _keyboard_neighbours() | _SOUND_ALIKE


@dataclass(frozen=True, slots=True)
class _Choices:
    folded: tuple[str, ...]
    display: tuple[str, ...]
    by_folded: Mapping[str, tuple[str, ...]]


@functools.cache
def _choices(ref: Reference, kind: Kind) -> _Choices:
    by_folded: dict[str, list[str]] = {}
    for key, shown in ref._display[kind].items():
        names = by_folded.setdefault(_fold(key), [])
        if shown not in names:
            names.append(shown)
    folded = tuple(sorted(by_folded))
    return _Choices(
        folded=folded,
        display=tuple(by_folded[f][0] for f in folded),
        by_folded=MappingProxyType({k: tuple(sorted(v)) for k, v in by_folded.items()}),
    )


def _is_plausible_typo(query: str, name: str) -> bool:
    """Whether ``query`` (folded) is one believable typo away from ``name`` (folded)."""
    if len(query) == len(name):
        diff = [i for i in range(len(query)) if query[i] != name[i]]
        if len(diff) == 2:  # adjacent transposition
            i, j = diff
            return j == i + 1 and query[i] == name[j] and query[j] == name[i]
        if len(diff) == 1:
            return len(query) >= 6 and frozenset(query[diff[0]] + name[diff[0]]) in _NEAR
        return False
    short, long_ = (query, name) if len(query) < len(name) else (name, query)
    if len(long_) - len(short) != 1:
        return False
    if len(query) >= 6:
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    if len(query) < len(name) and name[:-1] == query:  # dropped last letter: "Imatr"
        return True
    for i in range(len(long_)):  # under 6 letters: only a doubled or undoubled letter
        if long_[:i] + long_[i + 1:] == short:
            if (i > 0 and long_[i - 1] == long_[i]) or (i + 1 < len(long_) and long_[i + 1] == long_[i]):
                return True
    return False


def _suggestions(ref: Reference, kind: Kind, key: str) -> tuple[str, ...]:
    choices = _choices(ref, kind)
    folded = _fold(key)
    if folded in choices.by_folded:
        return choices.by_folded[folded]
    if len(folded) < 4:
        return ()
    # A name's first word alone ("Koski" for "Koski Tl") before any typo reading of it.
    by_first_word = [c for c in choices.folded if " " in c and c.split(" ", 1)[0] == folded]
    if len(by_first_word) == 1:
        return choices.by_folded[by_first_word[0]]
    if len(folded) > NAME_CACHED:
        return ()  # no place name is this long, nor within two edits of it
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = 1 if len(folded) < 9 else 2
    hits = process.extract(folded, choices.folded, scorer=OSA.distance, score_cutoff=limit, limit=None)
    if limit == 1:
        hits = [h for h in hits if _is_plausible_typo(folded, h[0])]
    if hits:
        best = min(h[1] for h in hits)
        names = {n for h in hits if h[1] == best for n in choices.by_folded[h[0]]}
        return tuple(sorted(names))
    if len(folded) >= 6:
        starts = [c for c in choices.folded if c.startswith(folded) and len(folded) >= 0.75 * len(c)]
        if len(starts) == 1:
            return choices.by_folded[starts[0]]
    return ()
