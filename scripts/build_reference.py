#!/usr/bin/env python3
"""Build ``src/eura_lint/data/reference.json`` from the shared reference CSVs.

Usage::

    python scripts/build_reference.py [REFERENCE_DIR] [--output PATH]

``REFERENCE_DIR`` defaults to ``../shared/reference`` relative to the repository root
(see ``/work/shared/reference/PROVENANCE.md`` for where each CSV comes from).

The output is deterministic (sorted keys, stable list order, no timestamps), so a rebuild
from the same input is byte-identical; ``tests/test_build_reference.py`` checks that.

What goes in, and how it is made compact:

* ``municipalities``, ``subregions``, ``regions``: Statistics Finland's keys for 2013-2026.
  Every per-year value (name, membership) is stored as ``[first_year, last_year, value...]``
  runs instead of one row per year.
* ``subregions[*].genitive``: the forms EURA writes in ``Seutukunnat:`` (``Helsingin``,
  ``Kotkan-Haminan``). Taken from the hand-made ``_DERIVED`` columns of
  ``seutukunta_name_forms.csv``, checked against the seeds (see ``GENITIVE_CORRECTIONS``).
* ``municipalities[*].merged_into``: derived from Posti's postal codes (see
  ``derive_mergers``) and cross-checked against ``EXPECTED_MERGERS``.
* ``postal_codes``: code -> runs ``[first_snapshot, last_snapshot, municipality, office_fi,
  office_sv, type]`` over Posti's snapshots (indices into ``postal_snapshots``; ``office_sv`` is
  empty when it equals ``office_fi``); consecutive snapshots with the same values are one run. All postcode types are kept, not only type 1 (street addresses): applicants often give
  a PO-box code (type 2, e.g. seed 003's ``37601 Valkeakoski``), and the post-office check
  needs those.
* ``ely``: the four structural-fund ELY centres of 2014-2020 and the regions they covered;
  ``other_ely``: the other eleven ELY centres (which decided no structural-fund projects) and
  the regions they served; ``intermediate_bodies``: the programme's other deciding bodies
  (regional councils, Tekes, two ministries), hand-written in ``REGIONAL_COUNCILS`` and
  ``NATIONAL_BODIES`` and checked against the real 2016 project list.
* ``regions[*].locatives``: inessive/adessive forms, hand-written in ``REGION_LOCATIVES``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "reference"
DEFAULT_OUTPUT = REPO_ROOT / "src" / "eura_lint" / "data" / "reference.json"
FORMAT_VERSION = 1

# Where a region is "in" in Finnish. No data source has these; written by hand following
# Finnish usage: -maa regions and Pohjanmaa take the adessive (-lla: "Uudellamaalla",
# "Pirkanmaalla", "Pohjanmaalla"), the others the inessive (-ssa/-ssä: "Lapissa",
# "Satakunnassa", "Kanta-Hämeessä"). Variants that also occur in writing are listed after
# the standard form.
REGION_LOCATIVES: dict[str, list[str]] = {
    "01": ["Uudellamaalla"],
    "02": ["Varsinais-Suomessa"],
    "04": ["Satakunnassa"],
    "05": ["Kanta-Hämeessä"],
    "06": ["Pirkanmaalla"],
    "07": ["Päijät-Hämeessä"],
    "08": ["Kymenlaaksossa"],
    "09": ["Etelä-Karjalassa"],
    "10": ["Etelä-Savossa"],
    "11": ["Pohjois-Savossa"],
    "12": ["Pohjois-Karjalassa"],
    "13": ["Keski-Suomessa"],
    "14": ["Etelä-Pohjanmaalla"],
    "15": ["Pohjanmaalla"],
    "16": ["Keski-Pohjanmaalla"],
    "17": ["Pohjois-Pohjanmaalla"],
    "18": ["Kainuussa"],
    "19": ["Lapissa"],
    "21": ["Ahvenanmaalla"],
}

# Genitive forms of sub-region names, verified. Every ``Seutukunnat:`` entry of the five seeds
# matches the ``genitive_fi_DERIVED`` column exactly: Helsingin, Kuopion, Mikkelin, Varkauden,
# Joensuun, Keski-Karjalan, Koillis-Savon, Savonlinnan, Pielisen Karjalan, Sisä-Savon,
# Ylä-Savon, Pieksämäen, Pohjois-Lapin, Itä-Lapin, Torniolaakson, Rovaniemen, Kemi-Tornion,
# Tunturi-Lapin, Etelä-Pirkanmaan, Imatran, Lappeenrannan, Kotkan-Haminan, Kouvolan (23 of 70).
# The other 47 were checked by hand against Finnish declension (Riihimäki -> Riihimäen,
# Kuusiokunnat -> Kuusiokuntien, Järviseutu -> Järviseudun, Oulunkaari -> Oulunkaaren ...) and
# found right, so no derived form is replaced. What this table changes is the *set* of forms
# accepted: for hyphenated names where usage is split (first part inflected or not) the other
# pattern is accepted as well; ``Kotkan-Haminan`` and ``Kemi-Tornion`` are attested in the
# seeds and stay the primary forms. (The sub-regions Statistics Finland names in Swedish,
# Sydösterbotten and Jakobstadsregionen, also resolve by their nominative names.)
GENITIVE_CORRECTIONS: dict[str, dict[str, list[str]]] = {
    # code: {"add": [...extra accepted genitive forms...]}
    "138": {"add": ["Saarijärvi-Viitasaaren"]},
    "175": {"add": ["Haapavesi-Siikalatvan"]},
    "192": {"add": ["Kemin-Tornion"]},
}

# Further nominative names of sub-regions (besides Statistics Finland's fi/sv names), used for
# resolving only: the Finnish names of the sub-regions that Statistics Finland names in Swedish,
# and the Finnish names of the Åland ones.
SUBREGION_EXTRA_NAMES: dict[str, list[str]] = {
    "021": ["Turunmaa"],
    "153": ["Suupohjan rannikkoseutu"],
    "154": ["Pietarsaaren seutu"],
    "211": ["Maarianhamina"],
    "212": ["Ahvenanmaan maaseutu"],
    "213": ["Ahvenanmaan saaristo"],
}

# What the mergers of 2013-2026 are known to be (Statistics Finland's municipal mergers list).
# ``derive_mergers`` computes them from Posti's data; this table only cross-checks the result, and
# the build fails if they disagree. Value: (successor code, first year without the municipality).
EXPECTED_MERGERS: dict[str, tuple[str, int]] = {
    "099": ("214", 2021),  # Honkajoki -> Kankaanpää
    "164": ("301", 2016),  # Jalasjärvi -> Kurikka
    "174": ("297", 2017),  # Juankoski -> Kuopio
    "283": ("098", 2016),  # Hämeenkoski -> Hollola
    "319": ("783", 2016),  # Köyliö -> Säkylä
    "413": ("609", 2015),  # Lavia -> Pori
    "442": ("051", 2017),  # Luvia -> Eurajoki
    "476": ("297", 2015),  # Maaninka -> Kuopio
    "532": ("398", 2016),  # Nastola -> Lahti
    "588": ("507", 2025),  # Pertunmaa -> Mäntyharju
    "838": ("423", 2015),  # Tarvasjoki -> Lieto
    "911": ("541", 2020),  # Valtimo -> Nurmes
}

# Structural-fund ELY centres: short key -> genitive stem used in the official names.
ELY_STEMS = {
    "Hämeen ELY-keskus": "Hämeen",
    "Keski-Suomen ELY-keskus": "Keski-Suomen",
    "Etelä-Savon ELY-keskus": "Etelä-Savon",
    "Pohjois-Pohjanmaan ELY-keskus": "Pohjois-Pohjanmaan",
}


# The other intermediate bodies (välittävät toimielimet) of the 2014-2020 programme, besides the
# four ELY centres: the regional councils (maakuntien liitot) for ERDF, Tekes (Business Finland
# from 2018) and the ministries that decided national ESF projects. Written by hand from the
# structural-fund act (7/2014) and the public programme pages; every authority in the real 2016
# project list must resolve to one of these or to a structural-fund ELY centre (the build fails
# otherwise, see ``check_observed_authorities``). Canonical name -> other accepted names.
REGIONAL_COUNCILS: dict[str, list[str]] = {
    "Uudenmaan liitto": ["Helsinki-Uudenmaan liitto", "Uudenmaan maakuntaliitto", "Nylands förbund"],
    "Varsinais-Suomen liitto": ["Varsinais-Suomen maakuntaliitto", "Egentliga Finlands förbund"],
    "Satakuntaliitto": ["Satakunnan liitto", "Satakunnan maakuntaliitto", "Satakuntaförbundet"],
    "Hämeen liitto": ["Kanta-Hämeen liitto", "Hämeen maakuntaliitto", "Tavastlands förbund"],
    "Pirkanmaan liitto": ["Pirkanmaan maakuntaliitto", "Birkalands förbund"],
    "Päijät-Hämeen liitto": ["Päijät-Hämeen maakuntaliitto", "Päijänne-Tavastlands förbund"],
    "Kymenlaakson liitto": ["Kymenlaakson maakuntaliitto", "Kymmenedalens förbund"],
    "Etelä-Karjalan liitto": ["Etelä-Karjalan maakuntaliitto", "Södra Karelens förbund"],
    "Etelä-Savon maakuntaliitto": ["Etelä-Savon liitto", "Södra Savolax landskapsförbund"],
    "Pohjois-Savon liitto": ["Pohjois-Savon maakuntaliitto", "Norra Savolax förbund"],
    "Pohjois-Karjalan maakuntaliitto": ["Pohjois-Karjalan liitto", "Norra Karelens landskapsförbund"],
    "Keski-Suomen liitto": ["Keski-Suomen maakuntaliitto", "Mellersta Finlands förbund"],
    "Etelä-Pohjanmaan liitto": ["Etelä-Pohjanmaan maakuntaliitto", "Södra Österbottens förbund"],
    "Pohjanmaan liitto": ["Pohjanmaan maakuntaliitto", "Österbottens förbund"],
    "Keski-Pohjanmaan liitto": ["Keski-Pohjanmaan maakuntaliitto", "Mellersta Österbottens förbund"],
    "Pohjois-Pohjanmaan liitto": ["Pohjois-Pohjanmaan maakuntaliitto", "Norra Österbottens förbund"],
    "Kainuun liitto": ["Kainuun maakuntaliitto", "Kajanalands förbund"],
    "Lapin liitto": ["Lapin maakuntaliitto", "Lapplands förbund"],
}
NATIONAL_BODIES: dict[str, list[str]] = {
    "Innovaatiorahoituskeskus Tekes": ["Tekes", "Innovaatiorahoituskeskus Business Finland",
                                       "Business Finland"],
    "Sosiaali- ja terveysministeriö": ["STM", "Social- och hälsovårdsministeriet"],
    "Työ- ja elinkeinoministeriö": ["TEM", "Arbets- och näringsministeriet"],
}
# English names of the four structural-fund ELY centres, as an English EURA page prints them
# (``Centre for Economic Development, Transport and the Environment South Savo``).
ELY_ENGLISH = {
    "Hämeen ELY-keskus": "Häme",
    "Keski-Suomen ELY-keskus": "Central Finland",
    "Etelä-Savon ELY-keskus": "South Savo",
    "Pohjois-Pohjanmaan ELY-keskus": "North Ostrobothnia",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def runs(by_year: dict[int, tuple]) -> list[list]:
    """Compress ``{year: value_tuple}`` into ``[[first, last, *value], ...]`` runs."""
    out: list[list] = []
    for year in sorted(by_year):
        value = list(by_year[year])
        if out and out[-1][1] == year - 1 and out[-1][2:] == value:
            out[-1][1] = year
        else:
            out.append([year, year, *value])
    return out


def build_municipalities(rows: list[dict[str, str]]) -> dict[str, dict]:
    fi: dict[str, dict[int, tuple]] = defaultdict(dict)
    sv: dict[str, dict[int, tuple]] = defaultdict(dict)
    member: dict[str, dict[int, tuple]] = defaultdict(dict)
    for row in rows:
        code, year = row["kunta_code"], int(row["year"])
        fi[code][year] = (row["kunta_fi"],)
        sv[code][year] = (row["kunta_sv"],)
        member[code][year] = (row["seutukunta_code"], row["maakunta_code"])
    return {
        code: {"fi": runs(fi[code]), "sv": runs(sv[code]), "membership": runs(member[code])}
        for code in sorted(fi)
    }


def build_subregions(rows: list[dict[str, str]], forms: list[dict[str, str]]) -> dict[str, dict]:
    fi: dict[str, dict[int, tuple]] = defaultdict(dict)
    sv: dict[str, dict[int, tuple]] = defaultdict(dict)
    region: dict[str, dict[int, tuple]] = defaultdict(dict)
    for row in rows:
        code, year = row["seutukunta_code"], int(row["year"])
        fi[code][year] = (row["seutukunta_fi"],)
        sv[code][year] = (row["seutukunta_sv"],)
        region[code][year] = (row["maakunta_code"],)
    genitives: dict[str, list[str]] = {}
    for row in forms:
        code = row["seutukunta_code"]
        found = [row["genitive_fi_DERIVED"]]
        if row["genitive_fi_variant_DERIVED"]:
            found.append(row["genitive_fi_variant_DERIVED"])
        correction = GENITIVE_CORRECTIONS.get(code, {})
        found = [f for f in found if f not in correction.get("remove", [])]
        found += [f for f in correction.get("add", []) if f not in found]
        genitives[code] = found
    missing = sorted(set(fi) - set(genitives))
    if missing:
        raise SystemExit(f"sub-regions without genitive forms: {missing}")
    return {
        code: {
            "fi": runs(fi[code]),
            "sv": runs(sv[code]),
            "region": runs(region[code]),
            "genitive": genitives[code],
            "other_names": SUBREGION_EXTRA_NAMES.get(code, []),
        }
        for code in sorted(fi)
    }


def build_regions(rows: list[dict[str, str]]) -> dict[str, dict]:
    fi: dict[str, dict[int, tuple]] = defaultdict(dict)
    sv: dict[str, dict[int, tuple]] = defaultdict(dict)
    for row in rows:
        code, year = row["maakunta_code"], int(row["year"])
        # Åland is "Ahvenanmaa - Åland" until 2018, "Ahvenanmaa" after: both resolve.
        fi[code][year] = (row["maakunta_name_fi"],)
        sv[code][year] = (row["maakunta_name_sv"],)
    if set(fi) != set(REGION_LOCATIVES):
        raise SystemExit(f"REGION_LOCATIVES does not cover regions {sorted(set(fi) ^ set(REGION_LOCATIVES))}")
    return {
        code: {"fi": runs(fi[code]), "sv": runs(sv[code]), "locatives": REGION_LOCATIVES[code]}
        for code in sorted(fi)
    }


def build_postal_codes(rows: list[dict[str, str]]) -> tuple[list[int], dict[str, list[list]]]:
    snapshots = sorted({int(r["snapshot_date"]) for r in rows})
    by_code: dict[str, dict[int, tuple]] = defaultdict(dict)
    for row in rows:
        by_code[row["postcode"]][int(row["snapshot_date"])] = (
            row["municipal_code"],
            row["postcode_fi_name"],
            row["postcode_sv_name"] if row["postcode_sv_name"] != row["postcode_fi_name"] else "",
            int(row["type_code"]),
        )
    position = {snap: i for i, snap in enumerate(snapshots)}
    out: dict[str, list[list]] = {}
    for code in sorted(by_code):
        entries: list[list] = []
        for snap in sorted(by_code[code]):
            value = list(by_code[code][snap])
            if (
                entries
                and position[entries[-1][1]] == position[snap] - 1
                and entries[-1][2:] == value
            ):
                entries[-1][1] = snap
            else:
                entries.append([snap, snap, *value])
        # Snapshot dates are stored once, in ``postal_snapshots``; runs refer to their indices.
        out[code] = [[position[e[0]], position[e[1]], *e[2:]] for e in entries]
    return snapshots, out


def derive_mergers(
    municipalities: dict[str, dict], postal_rows: list[dict[str, str]]
) -> dict[str, list]:
    """Successor of every municipality that disappears before the last year.

    A municipality that disappears merged into the one that took over its area. Its area is
    traced through Posti's postcodes: those assigned to it in any snapshot, and those named
    after it (for mergers older than the first snapshot, whose codes Posti had already moved).
    The successor is the municipality most of those postcodes belong to after the merger.
    """
    last_year = max(run[1] for m in municipalities.values() for run in m["fi"])
    snapshots_by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in postal_rows:
        snapshots_by_code[row["postcode"]].append(row)
    result: dict[str, list] = {}
    for code, info in municipalities.items():
        gone_after = max(run[1] for run in info["fi"])
        if gone_after == last_year:
            continue
        name = info["fi"][-1][2].upper()
        first_without = gone_after + 1
        votes: Counter[str] = Counter()
        for rows in snapshots_by_code.values():
            if any(r["municipal_code"] == code or r["postcode_fi_name"] == name for r in rows):
                for r in rows:
                    if int(r["snapshot_date"]) >= first_without * 10000 + 101:
                        votes[r["municipal_code"]] += 1
        if not votes:
            raise SystemExit(f"cannot derive the successor of {code} {name}")
        successor = votes.most_common(1)[0][0]
        result[code] = [successor, first_without]
    expected = {code: list(value) for code, value in EXPECTED_MERGERS.items()}
    if result != expected:
        raise SystemExit(f"derived mergers {result} disagree with EXPECTED_MERGERS {expected}")
    return result


def build_ely(rows: list[dict[str, str]], statfi_rows: list[dict[str, str]], regions: dict) -> dict:
    name_to_region = {
        run[2]: code for code, info in regions.items() for run in info["fi"]
    }
    sv_names: dict[str, set[str]] = defaultdict(set)  # both Swedish forms Statistics Finland used
    for r in statfi_rows:
        sv_names[r["ely_name_fi"]].add(r["ely_name_sv"])
    out = {}
    for row in rows:
        name, _, seat = row["ely_keskus"].partition(" (")
        stem = ELY_STEMS[name]
        english = ELY_ENGLISH[name]
        aliases = sorted({
            name,
            f"{stem} elinkeino-, liikenne- ja ympäristökeskus",
            f"{stem} ELY",
            *sv_names[name],
            f"Centre for Economic Development, Transport and the Environment {english}",
            f"Centre for Economic Development, Transport and the Environment for {english}",
        })
        out[name] = {
            "seat": seat.rstrip(")"),
            "suuralue": row["suuralue"],
            "regions": sorted(name_to_region[n] for n in row["maakunnat"].split(";")),
            "aliases": aliases,
        }
    return out


def build_other_ely(statfi_rows: list[dict[str, str]], structural: dict) -> dict:
    """The ELY centres that did not decide structural-fund projects in 2014-2020, with the
    regions they served (Statistics Finland, 2014-2020) and the names they are written with."""
    out: dict[str, dict] = {}
    for row in statfi_rows:
        name = row["ely_name_fi"]
        if "ELY" not in name or name in structural or not 2014 <= int(row["year"]) <= 2020:
            continue
        stem = name.removesuffix(" ELY-keskus")
        entry = out.setdefault(name, {"regions": set(), "aliases": {
            name, f"{stem} ELY", f"{stem} elinkeino-, liikenne- ja ympäristökeskus"}})
        entry["regions"].add(row["maakunta_code"])
        entry["aliases"].add(row["ely_name_sv"])
    return {name: {"regions": sorted(e["regions"]), "aliases": sorted(e["aliases"])}
            for name, e in sorted(out.items())}


def build_intermediate_bodies() -> dict[str, list[str]]:
    return {name: sorted({name, *aliases})
            for name, aliases in sorted({**REGIONAL_COUNCILS, **NATIONAL_BODIES}.items())}


def _words(name: str) -> str:
    """Compare authority names by their words (the 2016 list drops commas)."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def check_observed_authorities(rows: list[dict[str, str]], ely: dict, bodies: dict) -> None:
    """Every authority of the real 2016 project list is a structural-fund ELY centre or one of
    the intermediate bodies; rows whose name text spilled into the column are skipped."""
    known = {_words(alias) for entry in ely.values() for alias in entry["aliases"]}
    known |= {_words(alias) for aliases in bodies.values() for alias in aliases}
    unknown = set()
    for row in rows:
        name = _words(row["Viranomainen"])
        if name and name not in known and not any(name.endswith(" " + k) for k in known):
            unknown.add(row["Viranomainen"].strip())
    if unknown:
        raise SystemExit(f"authorities of the 2016 list not known as intermediate bodies: {sorted(unknown)}")


def build(source: Path) -> dict:
    municipality_rows = read_csv(source / "municipalities.csv")
    postal_rows = read_csv(source / "postal_codes_posti_snapshots.csv")
    municipalities = build_municipalities(municipality_rows)
    mergers = derive_mergers(municipalities, postal_rows)
    for code, merged in mergers.items():
        municipalities[code]["merged_into"] = merged
    regions = build_regions(read_csv(source / "maakunnat.csv"))
    snapshots, postal_codes = build_postal_codes(postal_rows)
    years = sorted({int(r["year"]) for r in municipality_rows})
    ely_statfi = read_csv(source / "ely_maakunnat_statfi.csv")
    ely = build_ely(read_csv(source / "rakennerahasto_ely_2014_2020.csv"), ely_statfi, regions)
    bodies = build_intermediate_bodies()
    check_observed_authorities(read_csv(source / "eura2014_projektilista_osdata_2016.csv"), ely, bodies)
    return {
        "format": FORMAT_VERSION,
        "years": [years[0], years[-1]],
        "sources": {
            "classifications": "Statistics Finland keys via rOpenGov/geofi de9392bb (1 January of each year)",
            "postal_codes": "Posti PCF via theikkila/postinumerot, snapshots listed in postal_snapshots",
            "ely": "rakennerahasto_ely_2014_2020.csv (compiled from public pages)",
            "other_ely": "ely_maakunnat_statfi.csv (Statistics Finland), 2014-2020",
            "intermediate_bodies": "hand-written in scripts/build_reference.py, checked against eura2014_projektilista_osdata_2016.csv",
            "hand_written": "genitive corrections, region locatives: scripts/build_reference.py",
        },
        "municipalities": municipalities,
        "subregions": build_subregions(
            read_csv(source / "seutukunnat.csv"), read_csv(source / "seutukunta_name_forms.csv")
        ),
        "regions": regions,
        "ely": ely,
        "other_ely": build_other_ely(ely_statfi, ely),
        "intermediate_bodies": bodies,
        "postal_snapshots": snapshots,
        "postal_codes": postal_codes,
    }


def serialise(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="directory with the reference CSVs (default: ../shared/reference)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not (args.source / "municipalities.csv").is_file():
        print(f"error: no reference data in {args.source}", file=sys.stderr)
        return 2
    text = serialise(build(args.source))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
