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
from ..model import Record
from ..registry import check

LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\.?(?:\s|$)")
# python-stdnum's exception for an invalid Y-tunnus -> EURA501's phrase for it
_YTUNNUS_PROBLEMS = {"InvalidChecksum": "checksum", "InvalidLength": "length",
                     "InvalidFormat": "format", "InvalidComponent": "component"}


@cache
def programme() -> dict:
    """The axis -> objectives -> fund table, built by scripts/build_programme.py."""
    text = resources.files("eura_lint").joinpath("data/programme.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=4096)
def _ytunnus_problem(value: str) -> str | None:
    """Why a Y-tunnus is invalid (the key of EURA501's phrase for it), or None. Cached: the
    same applicants recur across a corpus."""
    from stdnum.exceptions import ValidationError
    from stdnum.fi import ytunnus

    try:
        ytunnus.validate(value)
    except ValidationError as exc:
        return _YTUNNUS_PROBLEMS.get(type(exc).__name__, "other")
    return None


@check("EURA501")
def invalid_business_id(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    candidates = []
    found = doc.fields.get("business_id")
    if found is not None and found.value:
        candidates.append((found.value, found.line, found.column, rule.phrase("applicant")))
    for co in doc.co_implementers:
        candidates.append((co.business_id, co.line, co.column,
                           rule.phrase("co-implementer", name=co.name)))
    for value, line, column, whose in candidates:
        reason = _ytunnus_problem(value) if value else None
        if value and reason is None:
            continue
        problem = (rule.phrase("invalid", value=value, reason=rule.phrase(reason)) if value
                   else rule.phrase("missing"))
        yield rule.finding(doc.path, line, column, whose=whose, problem=problem)


@check("EURA503")
def code_fund_mismatch(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    code = doc.fields.get("project_code")
    if code is None or not code.value or doc.fund is None:
        return
    prefixes: dict[str, str] = rule.params["prefixes"]
    expected = prefixes.get(doc.fund)
    if expected and not code.value.upper().startswith(expected):
        yield rule.finding(doc.path, code.line, code.column, code=code.value,
                           fund=rule.phrase(doc.fund), expected=expected)


def leading_number(value: str) -> str | None:
    """The number an axis or objective value starts with: ``12.1. Pk-yritys...`` -> ``12.1``."""
    match = LEADING_NUMBER.match(value)
    return match.group(1) if match else None


@check("EURA504", prepare=programme)
def axis_objective_mismatch(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    axis_field, objective_field = doc.fields.get("axis"), doc.fields.get("objective")
    if not (axis_field and axis_field.value):
        return
    table = programme()
    axis = leading_number(axis_field.value)
    if axis not in table["axes"]:
        # judged with or without an objective: the open-data list has no objective column
        axes = [number for number, info in table["axes"].items()
                if doc.fund is None or info["fund"] == doc.fund]
        yield rule.finding(doc.path, axis_field.line, axis_field.column,
                           subject=rule.phrase("axis-subject", value=axis_field.value),
                           problem=rule.phrase("not-an-axis"),
                           suggestion=rule.phrase("axes", axes=", ".join(axes)))
        return
    if not (objective_field and objective_field.value):
        return
    objective = leading_number(objective_field.value)
    where = (objective_field.line, objective_field.column)
    allowed = table["axes"][axis]["objectives"]
    if objective in allowed:
        return
    owner = table["objectives"].get(objective or "")
    if owner:
        problem = rule.phrase("other-axis", owner=owner["axis"], axis=axis)
    elif table["axes"][axis]["open"]:
        return  # the axis has objectives whose numbers the table does not know
    else:
        problem = rule.phrase("not-of-axis", axis=axis)
    hint = rule.phrase("objectives", axis=axis, objectives=", ".join(allowed)) if allowed else None
    yield rule.finding(doc.path, *where,
                       subject=rule.phrase("objective-subject",
                                           value=objective or objective_field.value),
                       problem=problem, suggestion=hint)


@check("EURA505", prepare=programme)
def axis_fund_mismatch(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    axis_field = doc.fields.get("axis")
    if axis_field is None or doc.fund is None:
        return
    axis = leading_number(axis_field.value)
    info = programme()["axes"].get(axis or "")
    if info and info["fund"] != doc.fund:
        yield rule.finding(doc.path, axis_field.line, axis_field.column, axis=axis,
                           axis_fund=rule.phrase(info["fund"]), fund=rule.phrase(doc.fund))
