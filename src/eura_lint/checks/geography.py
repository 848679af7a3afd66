"""EURA3xx: the geographic target area (section 6) against Statistics Finland's classification and
Posti's postal codes, over the project's own years.

Membership in *any* classification year of the planned period counts, so a project of 2019-2022
may list Heinävesi under Etelä-Savo or Pohjois-Karjala. Reference data comes from
:mod:`eura_lint.reference`, loaded once per process.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Item, Record, TextLine
from ..reference import NAME_CACHED, ElyCentre, Kind, Reference, get_reference, normalise
from ..registry import check, step
from ..readers.project_list.cells import authority_spill
from . import claims

LISTS: tuple[tuple[str, Kind, str], ...] = (
    ("regions", "region", "Maakunnat"),
    ("subregions", "subregion", "Seutukunnat"),
    ("municipalities", "municipality", "Kunnat"),
)
_DASH = "\\-\u2010\u2011\u2012\u2013\u2014"  # the dashes a hyphenated name may be written with


# A listed place: its item and the codes its name resolved to (none when unknown). Plain tuples,
# built by ``zip`` in C: a corpus has dozens per document.
_Listed = tuple[Item, frozenset[str]]
_value = operator.itemgetter(0)  # Item.value
_resolved_codes = operator.itemgetter(1)  # a _Listed's codes


def _years(doc: Record, ref: Reference) -> range:
    """Classification years of the planned period; every year of the data when it is unknown."""
    years = doc.years
    if not years:
        return range(ref.first_year, ref.last_year + 1)
    return ref.years(years.start, years.stop - 1)


_new = tuple.__new__  # builds a named tuple without its Python-level __new__

PLACES = "geography.places"
LISTED = "geography.listed"
UNRESOLVED = "geography.unresolved"
MEMBERSHIPS = "geography.memberships"


def prepare() -> None:
    """Load the reference data and compile the locative patterns (once per run)."""
    _locative_pattern(get_reference())
    _locative_patterns_by_initial(get_reference())


@step(PLACES)
def resolve_places(doc: Record) -> dict[str, list[_Listed]]:
    """Each section-6 list (by key) as its items with the codes their names resolve to."""
    ref = get_reference()
    places = {}
    for key, kind, _ in LISTS:
        items = doc.lists.get(key, ())
        values = list(map(_value, items))
        # (a "name" too long to be a place's is resolved without the cache)
        resolve = (_resolver(ref, kind) if max(map(len, values), default=0) <= NAME_CACHED
                   else functools.partial(ref.resolve, kind=kind))
        places[key] = list(zip(items, map(resolve, values)))
    return places


@functools.cache
def _resolver(ref: Reference, kind: Kind) -> Callable[[str], frozenset[str]]:
    """``ref.resolve`` for one kind, remembering every name it was asked (names of up to
    NAME_CACHED characters): a corpus names the same few hundred places again and again."""
    return functools.lru_cache(maxsize=1 << 14)(functools.partial(ref.resolve, kind=kind))


def _codes(listed: Iterable[_Listed]) -> frozenset[str]:
    return _NO_CODES.union(*map(_resolved_codes, listed))


_NO_CODES: frozenset[str] = frozenset()


@step(LISTED, needs=[PLACES])
def listed_codes(doc: Record) -> dict[str, frozenset[str]]:
    """Each section-6 list (by key) as the codes of all its places: the areas the rules compare
    with, and a quick test of whether a rule's places can be in a set of codes at all (computed
    once a document, where each rule had computed its own)."""
    places = doc.derived[PLACES]
    return {key: _codes(places[key]) for key, _, _ in LISTS}


def _municipality_years(ref: Reference, code: str, years: range) -> range | tuple[int, ...]:
    """The project's years, or for a municipality gone before them its last year."""
    municipality = ref.municipalities[code]
    if any(municipality.existed_in(y) for y in years):
        return years
    return (municipality.last_year,)


@functools.lru_cache(maxsize=256)
def _belongs(ref: Reference, years: range) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Municipality code -> the sub-regions and the regions it lay in during ``years``: one table
    per period, filled as municipalities are asked (a corpus has a few dozen distinct periods)."""
    return _BelongsTable(ref, years)


class _BelongsTable(dict):
    def __init__(self, ref: Reference, years: range) -> None:
        super().__init__()
        self.ref, self.years = ref, years

    def __missing__(self, code: str) -> tuple[frozenset[str], frozenset[str]]:
        in_years = _municipality_years(self.ref, code, self.years)
        found = self[code] = (self.ref.subregions_of(code, in_years),
                              self.ref.regions_of(code, in_years))
        return found


def _join(names: Iterable[str]) -> str:
    return ", ".join(sorted(set(names)))


def _region_names(ref: Reference, codes: Iterable[str]) -> str:
    return _join(ref.regions[c].name for c in codes)


def _subregion_names(ref: Reference, codes: Iterable[str]) -> str:
    return _join(ref.subregions[c].genitive for c in codes)


# -- names ---------------------------------------------------------------------------------------


@step(UNRESOLVED, needs=[PLACES])
def unresolved_places(doc: Record) -> list[tuple[Item, str, Kind, tuple[str, ...]]]:
    """The listed places whose names resolve to nothing, with the names they may have meant."""
    ref = get_reference()
    places = doc.derived[PLACES]
    return [(item, label, kind, ref.suggest(item.value, kind))
            for key, kind, label in LISTS for item, codes in places[key] if not codes]



@check("EURA301", prepare=prepare, needs=[UNRESOLVED])
def misspelt_place_name(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for item, label, kind, suggestions in doc.derived[UNRESOLVED]:
        if suggestions:
            proposal = _alternatives(rule, suggestions)
            yield rule.finding(doc.path, item.line, item.column, suggestion=proposal,
                               name=item.value, label=label, kind=rule.phrase(kind),
                               proposal=proposal)


@check("EURA302", prepare=prepare, needs=[UNRESOLVED])
def unknown_place_name(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for item, label, kind, suggestions in doc.derived[UNRESOLVED]:
        if not suggestions:
            yield rule.finding(doc.path, item.line, item.column, name=item.value, label=label,
                               kind=rule.phrase(kind), kind_of=rule.phrase(f"{kind}-of"))


@check("EURA308", prepare=prepare, needs=[PLACES])
def duplicate_place_name(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for key, kind, label in LISTS:
        listed = doc.derived[PLACES][key]
        # (the usual list, every name known and no two the same places, told in C)
        resolved = list(map(_resolved_codes, listed))
        if all(resolved) and len(set(resolved)) == len(resolved):
            continue
        seen: dict[object, Item] = {}
        for item, codes in listed:
            identity: object = codes if codes else normalise(item.value)
            if identity in seen:
                first = seen[identity]
                yield rule.finding(doc.path, item.line, item.column, name=item.value,
                                   first=first.value, label=label, first_column=first.column)
            else:
                seen[identity] = item


# -- time ----------------------------------------------------------------------------------------


@check("EURA303", prepare=prepare, needs=[PLACES, LISTED])
def merged_municipality(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if not (doc.start and doc.start.value):
        return
    ref = get_reference()
    start_year = doc.start.value.year
    merged = _merged_municipalities(ref)
    if doc.derived[LISTED]["municipalities"].isdisjoint(merged):
        return  # no listed municipality was ever merged (the usual list)
    for item, codes in doc.derived[PLACES]["municipalities"]:
        if len(codes) != 1 or codes.isdisjoint(merged):
            continue
        (code,) = codes
        municipality = ref.municipalities[code]
        if municipality.last_year >= start_year:
            continue
        successor = ref.successor(code)
        if successor is not None:
            target, year = successor
            yield rule.finding(doc.path, item.line, item.column,
                               name=item.value, start=doc.start.raw,
                               successor=ref.municipalities[target].name, year=year,
                               last_year=municipality.last_year)


@functools.cache
def _merged_municipalities(ref: Reference) -> frozenset[str]:
    """Codes of the municipalities that were merged into another."""
    return frozenset(code for code, item in ref.municipalities.items() if item.merged_into)


# -- membership ----------------------------------------------------------------------------------


class _Members(NamedTuple):
    """The listed municipalities that resolved to one code, and where each lay in the project's
    years: parallel lists, so that the rules ask their questions of all of them at once in C
    (``map(listed.isdisjoint, members.regions)``) rather than in a loop of their own each."""

    items: list[Item]
    codes: list[str]
    subregions: list[frozenset[str]]
    regions: list[frozenset[str]]


@step(MEMBERSHIPS, needs=[PLACES])
def municipality_memberships(doc: Record) -> _Members:
    """Each listed municipality that resolved to one code, with where it lay in the project's
    years."""
    ref = get_reference()
    belongs = _belongs(ref, _years(doc, ref))
    single = [(item, code) for item, codes in doc.derived[PLACES]["municipalities"]
              if len(codes) == 1 for code in codes]
    codes = list(map(_second, single))
    areas = list(map(belongs.__getitem__, codes))  # (sub-regions, regions) of each
    return _Members(list(map(_first, single)), codes, list(map(_first, areas)),
                    list(map(_second, areas)))


# the parts of a pair, taken in C by ``map``
_first, _second = operator.itemgetter(0), operator.itemgetter(1)


def _municipalities_outside(doc: Record, rule: RuleSpec, key: str, areas: list[frozenset[str]],
                            names) -> Iterator[Finding]:
    """Municipalities of ``Kunnat`` in none of the areas listed under ``key``, in any project year
    (``areas``: where each member lay, its sub-regions or its regions)."""
    listed = doc.derived[LISTED][key]
    if not listed or not any(map(listed.isdisjoint, areas)):
        return  # (every member lies in a listed area: the usual document, told in C)
    ref = get_reference()
    for item, belongs in zip(doc.derived[MEMBERSHIPS].items, areas):
        if belongs and belongs.isdisjoint(listed):
            yield rule.finding(doc.path, item.line, item.column,
                               name=item.value, belongs=names(ref, belongs))


@check("EURA304", prepare=prepare, needs=[LISTED, MEMBERSHIPS])
def municipality_outside_subregions(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    return _municipalities_outside(doc, rule, "subregions", doc.derived[MEMBERSHIPS].subregions,
                                   _subregion_names)


@check("EURA305", prepare=prepare, needs=[LISTED, MEMBERSHIPS])
def municipality_outside_regions(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    return _municipalities_outside(doc, rule, "regions", doc.derived[MEMBERSHIPS].regions,
                                   _region_names)


@check("EURA306", prepare=prepare, needs=[PLACES, LISTED])
def subregion_outside_regions(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    listed = doc.derived[LISTED]["regions"]
    if not listed:
        return
    ref = get_reference()
    years = _years(doc, ref)
    for item, codes in doc.derived[PLACES]["subregions"]:
        if len(codes) != 1:
            continue
        (code,) = codes
        belongs = _subregion_regions(ref, code, years)
        if belongs and belongs.isdisjoint(listed):
            yield rule.finding(doc.path, item.line, item.column,
                               name=item.value, belongs=_region_names(ref, belongs))


@functools.lru_cache(maxsize=65536)
def _subregion_regions(ref: Reference, code: str, years: range) -> frozenset[str]:
    """The regions sub-region ``code`` lay in during ``years``, or in its last year if it was
    gone by then."""
    return ref.region_of_subregion(code, years) or ref.region_of_subregion(
        code, [ref.subregions[code].last_year])


@check("EURA307", prepare=prepare, needs=[PLACES, MEMBERSHIPS])
def area_without_municipalities(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    members = doc.derived[MEMBERSHIPS]
    if not members.codes:
        return
    covered = {
        "region": set().union(*members.regions),
        "subregion": set().union(*members.subregions),
    }
    for key, kind, label in LISTS[:2]:
        for item, codes in doc.derived[PLACES][key]:
            if codes and codes.isdisjoint(covered[kind]):
                yield rule.finding(doc.path, item.line, item.column,
                                   name=item.value, label=label, kind=rule.phrase(kind))


# -- free text -----------------------------------------------------------------------------------


@functools.cache
def _locative_pattern(ref: Reference) -> re.Pattern[str]:
    """Every region's locative form (``Etelä-Karjalassa``), capitalised or in capitals, with or
    without a clitic (``Kainuussakin``), as one case-sensitive alternation: the regex engine then
    skips quickly to the few places where a form can start, so a paragraph is scanned once, in C.
    Any dash may join the parts of a name. Group 1 is the locative without its clitic."""
    forms = sorted(ref.locatives, key=len, reverse=True)
    alternatives = [re.escape(form).replace("\\-", f"[{_DASH}]")
                    for form in (*forms, *(form.upper() for form in forms))]
    return re.compile(rf"({'|'.join(alternatives)}){claims.CLITICS}?(?![\w{_DASH}])")


@functools.cache
def _locative_patterns_by_initial(ref: Reference) -> dict[str, re.Pattern[str]]:
    """:func:`_locative_pattern` split by the forms' first letter, each to be matched (not
    searched) where that letter stands: under "K" the forms that begin with K (``Kainuussa``,
    ``KAINUUSSA``, ``Keski-Suomessa``, ...), and so on, eight letters in all. Each pattern
    checks itself that no letter, digit or dash stands before the form.

    Why: :func:`_locatives` finds the letters with ``str.find``, which skips to a letter with
    ``memchr``, many characters an instruction, where a search by sre tests the text a character
    at a time (≈ 5.6 instructions a character for one letter's pattern, eight such searches a
    text; ≈ 50 for the one alternation, which tests a set of eight letters). Within a letter the
    forms keep the one pattern's order, so where its letter stands each pattern matches what the
    one pattern matches there."""
    forms = sorted(ref.locatives, key=len, reverse=True)
    by_initial: dict[str, list[str]] = {}
    for form in (*forms, *(form.upper() for form in forms)):
        by_initial.setdefault(form[0], []).append(re.escape(form).replace("\\-", f"[{_DASH}]"))
    return {letter: re.compile(rf"(?<![\w{_DASH}])({'|'.join(alternatives)})"
                               rf"{claims.CLITICS}?(?![\w{_DASH}])")
            for letter, alternatives in by_initial.items()}


class _Locative(NamedTuple):
    """A region's locative in a line of text: the line's index, where the word starts and ends in
    the line, the word as written and its locative form without a clitic (what
    ``_locative_pattern`` matches there: its group 0 and group 1)."""

    index: int
    start: int
    end: int
    word: str
    form: str


def _locatives(lines: Sequence[TextLine], ref: Reference) -> list[_Locative]:
    """Each region locative of the text lines that stands as a word of its own (no letter, digit
    or dash before it, none after its clitic), in order.

    The lines are searched as one text, joined by newlines: a handful of searches a document
    rather than a handful a line (a document has some twenty lines to scan, most without a
    locative). A newline, like a line's start or end, is no word character, and no region's name
    holds one, so the joined text has the lines' locatives and no other, at the same places.
    Each form begins with one of eight capitals; each occurrence of such a letter (found with
    ``str.find``, which skips to it in C) is matched against that letter's forms
    (:func:`_locative_patterns_by_initial`): some thirty occurrences in a document's sections,
    a few of them locatives. Two locatives cannot overlap (a locative is a whole word), so
    trying every occurrence finds each of them once."""
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    find = joined.find
    found = []
    for letter, pattern in _locative_patterns_by_initial(ref).items():
        at = find(letter)
        while at >= 0:
            match = pattern.match(joined, at)
            if match is not None:
                found.append(match)
            at = find(letter, at + 1)
    if not found:
        return []
    found.sort(key=_start)
    starts = [0, *itertools.accumulate(len(text) + 1 for text in texts)]  # each line's start
    located = []
    for match in found:
        start, end = match.span()
        index = bisect.bisect_right(starts, start) - 1
        offset = starts[index]
        located.append(_Locative(index, start - offset, end - offset, match[0], match[1]))
    return located


_start = operator.methodcaller("start")


@check("EURA309", prepare=prepare, needs=[LISTED])
def locative_outside_target(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    targets = doc.derived[LISTED]["regions"]
    if not targets:
        return
    ref = get_reference()
    target_sections = set(rule.params.get("target_sections", ["4.1", "4.2"]))
    # the lines of the sections, in the order of the parameter, each with its section's number
    lines = [(number, text_line) for number in rule.params.get("sections", ["3", "4.1", "4.2"])
             if number in doc.sections for text_line in doc.sections[number].text]
    reported = -1  # the index of the line of the last finding: one finding a line
    is_locative = _locative_pattern(ref).fullmatch  # (a match or None: :func:`_is_locative`)
    for index, start, end, word, form in _locatives([text_line for _, text_line in lines], ref):
        if index == reported:
            continue
        region = ref.region_of_locative(form)
        if region is None or region in targets:
            continue
        number, text_line = lines[index]
        if not claims.is_claim(text_line.text, start, end, is_locative,
                               number in target_sections):
            continue
        yield rule.finding(doc.path, text_line.line, start + 1, word=word,
                           region=ref.regions[region].name, targets=_region_names(ref, targets))
        reported = index


def _is_locative(word: str) -> bool:
    """Whether a word is a region's locative (with or without a clitic)."""
    return _locative_pattern(get_reference()).fullmatch(word) is not None


# -- postal codes and authority ------------------------------------------------------------------


@functools.cache
def _predecessors(ref: Reference) -> dict[str, set[str]]:
    """Municipality code -> the codes of the municipalities merged into it."""
    merged: dict[str, set[str]] = {}
    for code in ref.municipalities:
        successor = ref.successor(code)
        if successor is not None:
            merged.setdefault(successor[0], set()).add(code)
    return merged


@check("EURA310", prepare=prepare, needs=[LISTED])
def site_postal_code(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    site = doc.fields.get("site_postal_code")
    if site is None or not site.value:
        return
    ref = get_reference()
    listed = doc.derived[LISTED]["municipalities"]
    if not listed:
        return
    dates = [d.value for d in (doc.start, doc.end) if d and d.value]
    found: set[str] = set()
    for on in dates or [None]:
        found |= ref.postal_municipalities(site.value, on)
    if not found:
        return  # an unknown code is not this rule's business
    # A merger between the listing and Posti's update is no disagreement: compare successors too.
    related = set(listed) | {s[0] for c in listed if (s := ref.successor(c))}
    related |= {p for c in listed for p in _predecessors(ref).get(c, ())}
    if not found & related:
        yield rule.finding(doc.path, site.line, site.column, postcode=site.value,
                           municipality=_join(ref.municipalities[c].name for c in found))


@check("EURA311", prepare=prepare)
def applicant_post_office(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    return _post_office(doc, rule, "postal_code", "post_office")


@check("EURA315", prepare=prepare)
def site_post_office(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    return _post_office(doc, rule, "site_postal_code", "site_post_office")


def _post_office(doc: Record, rule: RuleSpec, code_key: str, office_key: str) -> Iterator[Finding]:
    """The block's ``Postitoimipaikka`` is not a name Posti gives its ``Postinumero``."""
    code = doc.fields.get(code_key)
    office = doc.fields.get(office_key)
    if code is None or office is None or not code.value or not office.value:
        return
    accepted, offices = _post_office_names(get_reference(), code.value)
    if offices and normalise(office.value) not in accepted:
        suggestion = offices[0].title() if len(offices) == 1 else None
        yield rule.finding(doc.path, office.line, office.column, suggestion=suggestion,
                           office=office.value, postcode=code.value, expected=" / ".join(offices))


_FIVE_DIGITS = re.compile(r"\d{5}")


@check("EURA316", prepare=prepare)
def unknown_postal_code(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    ref = get_reference()
    for code_key, office_key in (("postal_code", "post_office"), ("site_postal_code", "site_post_office")):
        code = doc.fields.get(code_key)
        if code is None or not _FIVE_DIGITS.fullmatch(code.value.strip()):
            continue  # empty or not five digits: EURA506's business
        value = code.value.strip()
        if ref.postal_history(value):
            continue
        office = doc.fields.get(office_key)
        office_name = office.value.strip() if office else ""
        nearest = _nearest_codes(ref, value, office_name)
        if nearest:
            text: object = rule.phrase("nearest", office=office_name, codes=", ".join(nearest))
            suggestion: object = _alternatives(rule, nearest)
        else:
            text, suggestion = "", None
        yield rule.finding(doc.path, code.line, code.column, suggestion=suggestion,
                           postcode=value, nearest=text)


def _nearest_codes(ref: Reference, postcode: str, office: str) -> tuple[str, ...]:
    """The post office's known codes next to ``postcode``: the nearest below and above it."""
    codes = ref.postcodes_of_office(office) if office else ()
    at = bisect.bisect_left(codes, postcode)
    return tuple(codes[i] for i in (at - 1, at) if 0 <= i < len(codes))


@functools.lru_cache(maxsize=16384)
def _post_office_names(ref: Reference, postcode: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The names accepted as a postal code's ``Postitoimipaikka`` (normalised), and its Finnish
    post-office names as Posti prints them; both empty for an unknown code."""
    history = ref.postal_history(postcode)
    accepted = {normalise(n) for n in ref.post_offices(postcode)}
    # The municipality's own name is a fair post-office name too (ESPOO for 02150).
    accepted |= {normalise(n) for e in history for n in ref.municipalities[e.municipality].names
                 if e.municipality in ref.municipalities}
    return frozenset(accepted), tuple(sorted({e.office_fi for e in history}))


@check("EURA312", prepare=prepare, needs=[LISTED])
def ely_area(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    authority = doc.fields.get("authority")
    if authority is None or not authority.value:
        return
    ref = get_reference()
    centre = ref.ely_centre(authority.value)
    if centre is None:
        return  # other authorities (regional councils, Tekes ...) are not judged here
    targets = doc.derived[LISTED]["regions"]
    # a national project (all or nearly all mainland regions) is decided by one structural-fund
    # centre for the whole country
    if len(targets & _mainland(ref)) >= rule.params.get("national_min_regions", 15):
        return
    outside = targets - centre.regions
    if outside:
        yield rule.finding(doc.path, authority.line, authority.column, authority=authority.value,
                           outside=_region_names(ref, outside), area=_region_names(ref, centre.regions),
                           centre=centre.name)


@functools.cache
def _mainland(ref: Reference) -> frozenset[str]:
    """The codes of the mainland regions (every region but Åland): the programme's area."""
    return frozenset(ref.regions) - ref.resolve("Ahvenanmaa", "region")


@check("EURA314", prepare=prepare)
def authority_not_intermediate_body(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    authority = doc.fields.get("authority")
    if authority is None or not authority.value.strip():
        return
    ref = get_reference()
    name = authority.value.strip()
    if ref.ely_centre(name) is not None or ref.intermediate_body(name) is not None:
        return
    if doc.source == "table" and authority_spill(name):
        return  # a known authority after a project name spilt into the column: EURA702's
    other = ref.other_ely_centre(name)
    if other is not None:  # suggest the structural-fund centre that decided for its regions
        centres = [c for c in ref.ely_centres if other[1] & c.regions]
        reason = rule.phrase("other-ely", centre=other[0],
                             centres=", ".join(c.name for c in ref.ely_centres))
        suggestion = _alternatives(rule, [_long_ely_name(c) for c in centres]) or None
    else:
        reason = rule.phrase("not-intermediate")
        suggestion = None
    yield rule.finding(doc.path, authority.line, authority.column, suggestion=suggestion,
                       authority=name, reason=reason)


def _alternatives(rule: RuleSpec, choices: Sequence[str]) -> object:
    """``A or B`` / ``A tai B``: the rule's ``alternatives`` phrase joins the last two."""
    if len(choices) < 2:
        return ", ".join(choices)
    return rule.phrase("alternatives", first=", ".join(choices[:-1]), last=choices[-1])


def _long_ely_name(centre: ElyCentre) -> str:
    """The centre's name as EURA prints it: ``Etelä-Savon elinkeino-, liikenne- ja
    ympäristökeskus``."""
    return next((a for a in centre.aliases if "elinkeino" in a), centre.name)


@check("EURA313", prepare=prepare, needs=[PLACES, LISTED])
def outside_programme_area(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    ref = get_reference()
    excluded = _excluded_areas(ref, tuple(rule.params["excluded_regions"]))
    listed = doc.derived[LISTED]
    for key, kind, label in LISTS:
        if listed[key].isdisjoint(excluded[kind]):
            continue  # no place of the list in the excluded areas (the usual list)
        for item, codes in doc.derived[PLACES][key]:
            if codes and codes <= excluded[kind]:
                yield rule.finding(doc.path, item.line, item.column,
                                   name=item.value, label=label,
                                   region=", ".join(rule.params["excluded_regions"]))


@functools.lru_cache(maxsize=8)
def _excluded_areas(ref: Reference, region_names: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The codes of the regions named, and of every sub-region and municipality ever in them."""
    regions = frozenset(code for name in region_names for code in ref.resolve(name, "region"))
    years = range(ref.first_year, ref.last_year + 1)
    return {
        "region": regions,
        "subregion": frozenset(c for c in ref.subregions
                               if ref.region_of_subregion(c, years) & regions),
        "municipality": frozenset(c for c in ref.municipalities
                                  if ref.regions_of(c, years) & regions),
    }
