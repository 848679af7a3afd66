"""EURA4xx: the period against the programme, the funding instrument and the lint date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..readers.description import finnish_status, label_key
from ..registry import check
from .identifiers import leading_number


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@check("EURA403")
def react_eu_too_early(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    objective = leading_number(doc.value("objective")) or ""
    axis = leading_number(doc.value("axis")) or ""
    react_by_objective = objective.startswith(tuple(rule.params["objective_prefixes"]))
    if not (react_by_objective or axis in rule.params["axes"]):
        return
    earliest = _date(rule.params["earliest"])
    if doc.start and doc.start.value and doc.start.value < earliest:
        which = (rule.phrase("objective", number=objective) if react_by_objective
                 else rule.phrase("axis", number=axis))
        yield rule.finding(doc.path, doc.start.line, doc.start.column,
                           start=doc.start.raw, earliest=earliest, which=which)


@check("EURA404")
def stale_ongoing_status(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    status = doc.fields.get("status")
    if status is None or (label_key(finnish_status(status.value))
                          != label_key(rule.params["ongoing_status"])):
        return
    if doc.end and doc.end.value:
        overdue = (ctx.today - doc.end.value).days
        if overdue > int(rule.params["grace_days"]):
            yield rule.finding(doc.path, status.line, status.column, status=status.value,
                               end=doc.end.raw, days=overdue, years=Decimal(f"{overdue / 365.25:.1f}"),
                               today=ctx.today)


@check("EURA405")
def ended_in_future(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    status = doc.fields.get("status")
    if status is None or (label_key(finnish_status(status.value))
                          != label_key(rule.params["ended_status"])):
        return
    if doc.end and doc.end.value and doc.end.value > ctx.today:
        yield rule.finding(doc.path, status.line, status.column, status=status.value,
                           end=doc.end.raw, today=ctx.today)
