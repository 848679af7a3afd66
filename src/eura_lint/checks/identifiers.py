"""EURA5xx: business IDs, the project code, and the programme's axis/objective/fund structure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Document
from ..registry import check

LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\.?(?:\s|$)")
FUND_NAMES = {"EAKR": "ERDF (EAKR)", "ESR": "ESF (ESR)"}


@cache
def programme() -> dict:
    """The axis -> objectives -> fund table, built by scripts/build_programme.py."""
    text = resources.files("eura_lint").joinpath("data/programme.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=4096)
def _ytunnus_problem(value: str) -> str | None:
    """Why a Y-tunnus is invalid, or None. Cached: the same applicants recur across a corpus."""
    from stdnum.exceptions import ValidationError
    from stdnum.fi import ytunnus

    try:
        ytunnus.validate(value)
    except ValidationError as exc:
        return str(exc)
    return None


@check("EURA501")
def invalid_business_id(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    candidates = []
    found = doc.fields.get("business_id")
    if found is not None and found.value:
        candidates.append((found.value, found.line, found.column, "applicant"))
    for co in doc.co_implementers:
        candidates.append((co.business_id, co.line, co.column, f"co-implementer {co.name}"))
    for value, line, column, whose in candidates:
        reason = _ytunnus_problem(value) if value else None
        if value and reason is None:
            continue
        problem = (f"'{value}' is invalid: {reason.rstrip('.').lower()}" if value
                   else "is missing after the name")
        yield rule.finding(doc.path, line, column, whose=whose, problem=problem)


@check("EURA503")
def code_fund_mismatch(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    code = doc.fields.get("project_code")
    if code is None or not code.value or doc.fund is None:
        return
    prefixes: dict[str, str] = rule.params["prefixes"]
    expected = prefixes.get(doc.fund)
    if expected and not code.value.upper().startswith(expected):
        yield rule.finding(doc.path, code.line, code.column, code=code.value,
                           fund=FUND_NAMES[doc.fund], expected=expected)


def leading_number(value: str) -> str | None:
    """The number an axis or objective value starts with: ``12.1. Pk-yritys...`` -> ``12.1``."""
    match = LEADING_NUMBER.match(value)
    return match.group(1) if match else None


@check("EURA504", prepare=programme)
def axis_objective_mismatch(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    axis_field, objective_field = doc.fields.get("axis"), doc.fields.get("objective")
    if not (axis_field and axis_field.value and objective_field and objective_field.value):
        return
    axis, objective = leading_number(axis_field.value), leading_number(objective_field.value)
    table = programme()
    where = (objective_field.line, objective_field.column)
    if axis not in table["axes"]:
        yield rule.finding(doc.path, axis_field.line, axis_field.column,
                           subject=f"Axis '{axis_field.value}'",
                           problem="is not a numbered axis of the 2014–2020 programme",
                           suggestion=f"Axes are numbered {', '.join(table['axes'])}.")
        return
    allowed = table["axes"][axis]["objectives"]
    if objective in allowed:
        return
    owner = table["objectives"].get(objective or "")
    if owner:
        problem = f"belongs to axis {owner['axis']}, not axis {axis}"
    elif table["axes"][axis]["open"]:
        return  # the axis has objectives whose numbers the table does not know
    else:
        problem = f"is not an objective of axis {axis}"
    hint = f"Axis {axis} has objectives {', '.join(allowed)}." if allowed else None
    yield rule.finding(doc.path, *where, subject=f"Objective {objective or objective_field.value}",
                       problem=problem, suggestion=hint)


@check("EURA505", prepare=programme)
def axis_fund_mismatch(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    axis_field = doc.fields.get("axis")
    if axis_field is None or doc.fund is None:
        return
    axis = leading_number(axis_field.value)
    info = programme()["axes"].get(axis or "")
    if info and info["fund"] != doc.fund:
        yield rule.finding(doc.path, axis_field.line, axis_field.column, axis=axis,
                           axis_fund=FUND_NAMES[info["fund"]], fund=FUND_NAMES[doc.fund])
