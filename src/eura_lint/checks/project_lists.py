"""EURA7xx: what only a project list (CSV, TSV, XLSX) can get wrong: its header, rows whose
values have moved, repeated codes, authorities, NUTS 3 regions, stray characters, and rows of
another programme period. The reader (:mod:`eura_lint.readers.project_list`) records what it saw in
``doc.problems`` and ``doc.cells``; these functions decide what is a finding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..reference import get_reference
from ..registry import check
from ..readers.project_list.grid import MAX_QUOTED_LINES
from ..readers.project_list.header import fold

@check("EURA702")
def shifted_row(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    """One finding per row: a wrong number of fields, or a value in a column that cannot hold it
    (an amount in a date column, a date or words in an amount column, words in the axis
    column, a project name running into the authority column). The reader found it
    (:func:`eura_lint.readers.project_list.cells.misplaced`) and left the moved cells out of the record."""
    for problem in doc.problems:
        if problem.kind == "quote":
            yield rule.finding(doc.path, problem.line, problem.column, problem=rule.phrase(
                f"quote-{problem.text}", end=problem.detail, limit=f"{MAX_QUOTED_LINES:,}",
                lines=int(problem.detail or 0) - problem.line + 1))
            if doc.source == "table" and doc.cells:
                return  # a row's one finding
    for problem in doc.problems:
        if problem.kind == "ragged":
            yield rule.finding(doc.path, problem.line, problem.column,
                               problem=rule.phrase("ragged", count=problem.text,
                                                   header=problem.detail))
            return
        if problem.kind == "shifted":
            key, label = problem.detail.split("\t", 1)
            value = {"spill": "spill"}.get(key, "value")
            yield rule.finding(doc.path, problem.line, problem.column,
                               problem=rule.phrase(key, column=label, **{value: problem.text}))
            return


NUTS_RE = re.compile(r"^\s*(?P<code>FI[0-9A-Z]{3})\b[\s:,-]*(?P<name>.*?)\s*$", re.IGNORECASE)
# NUTS 3 names that differ from the region's own (FI1B1 is Helsinki-Uusimaa, the region Uusimaa)
NUTS_ALIASES = {"FI1B1": ("Uusimaa", "Nyland")}
MAINLAND_PROGRAMME_YEARS = range(2014, 2024)


@cache
def nuts_by_name() -> dict[str, list[tuple[str, tuple]]]:
    out: dict[str, list[tuple[str, tuple]]] = {}
    for code, runs in get_reference().nuts3.items():
        out.setdefault(fold(runs[-1][2]), []).append((code, runs))
    return out


@check("EURA704", prepare=nuts_by_name)
def nuts_region(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    """``sijainti``: a NUTS 3 code valid in the project's years, its name the code's, and inside
    the mainland programme's area (not Åland)."""
    cell = doc.fields.get("location")
    if cell is None or not cell.value:
        return
    # a row may name several regions: FI193 Keski-Suomi; FI197 Pirkanmaa
    for value in LOCATION_SPLIT.split(cell.value):
        problem = _nuts_problem(value, doc.years or MAINLAND_PROGRAMME_YEARS)
        if problem:
            key, values = problem
            if "instead" in values:  # the successor's phrase, or nothing
                values["instead"] = (rule.phrase("instead", **values.pop("instead"))
                                     if values["instead"] else "")
            yield rule.finding(doc.path, cell.line, cell.column, value=value,
                               problem=rule.phrase(key, **values))


LOCATION_SPLIT = re.compile(r"\s*[;,]\s*(?=FI[0-9A-Z]{3}\b)", re.IGNORECASE)


def _nuts_problem(value: str, years: range) -> tuple[str, dict] | None:
    """What is wrong with a NUTS 3 cell: the key of EURA704's phrase for it and its values."""
    match = NUTS_RE.match(value)
    if not match:
        return "no-code", {}
    code, name = match.group("code").upper(), match.group("name")
    runs = get_reference().nuts3.get(code)
    if not runs:
        return "unknown", {"code": code}
    valid = [run for run in runs if run[0] <= years[-1] and run[1] >= years[0]]
    if not valid:
        first, last = runs[0][0], runs[-1][1]
        successor = _successor(runs[-1][2], years)
        instead = {"name": runs[-1][2], "successor": successor} if successor else {}
        return "other-years", {"code": code, "first": first, "last": last, "start": years[0],
                               "end": years[-1], "instead": instead}
    if code.startswith("FI2"):
        return "outside", {"code": code, "name": valid[0][2]}
    names = {fold(n) for run in valid for n in run[2:5]} | {fold(n) for n in
                                                          NUTS_ALIASES.get(code, ())}
    if name and fold(name) not in names:
        return "other-name", {"code": code, "name": valid[0][2], "given": name}
    return None


def _successor(name: str, years: range) -> str | None:
    """The code of region ``name`` in ``years`` (FI198 for Keski-Suomi from 2024)."""
    for code, runs in nuts_by_name().get(fold(name), ()):
        if any(run[0] <= years[-1] and run[1] >= years[0] for run in runs):
            return code
    return None


# Signs of a broken conversion: an inverted question mark or the replacement character for a
# letter or dash; a question mark between two letters or digits (2014?2020), or after a word
# and before a conjunction (automaatio? ja); UTF-8 read as Windows-1252 (Ã¤ for ä).
BROKEN = re.compile(r"[¿\ufffd]|(?<=\w)\?(?=\w)|(?<=\w)\?(?= (?:ja|tai|sekä|eli|och)\b)"
                    r"|Ã[\u0080-\u00bf¤¥¶]")


# A cell's edge that is a space, found in a row's cells joined by NUL (see stray_characters);
# the pattern starts with a literal, which the pattern engine looks for at C speed.
_SPACE_AFTER_NUL = re.compile("\x00\\s")


@check("EURA705")
def stray_characters(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    # Most rows have none of what this rule looks for: the row's cells joined by NUL are asked
    # once (a cell starting with a space follows a NUL; one ending with a space precedes one, a
    # NUL following it in the reversed text), instead of a dozen tests a cell. A NUL inside a
    # cell can only make the row looked at closer.
    joined = "\x00" + "\x00".join([cell.value for cell in doc.cells]) + "\x00"
    if not ("  " in joined or "?" in joined or "¿" in joined or "\ufffd" in joined
            or "Ã" in joined or _SPACE_AFTER_NUL.search(joined)
            or _SPACE_AFTER_NUL.search(joined[::-1])):
        return
    for cell in doc.cells:
        text = cell.value
        if not text:
            continue
        # cheap tests first: most cells have none of these
        edge = text[0].isspace() or text[-1].isspace()
        doubled = "  " in text
        suspect = "?" in text or "¿" in text or "\ufffd" in text or "Ã" in text
        if not (edge or doubled or suspect):
            continue
        stripped = text.strip()
        if not stripped:
            continue  # blank: EURA102's
        problems: list[object] = []
        if edge:
            problems.append(rule.phrase("edge"))
        if doubled and "  " in stripped:
            problems.append(rule.phrase("doubled"))
        broken = BROKEN.search(text) if suspect else None
        if broken:
            problems.append(rule.phrase("broken", text=broken.group()))
        if problems:
            problem = problems[0]
            for more in problems[1:]:  # "a and b and c", each "and" in the rule's language
                problem = rule.phrase("and", first=problem, second=more)
            yield rule.finding(doc.path, cell.line, cell.column,
                               label=cell.label or rule.phrase("unnamed"), problem=problem)
