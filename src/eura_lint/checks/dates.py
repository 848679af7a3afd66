"""EURA4xx: the period against the programme, the funding instrument and the lint date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Document
from ..parser import normalise
from ..table import display


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def react_eu_start(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    objective = doc.value("objective")
    if not objective.startswith(tuple(rule.params["objective_prefixes"])):
        return
    earliest = _date(rule.params["earliest"])
    if doc.start and doc.start.value and doc.start.value < earliest:
        yield rule.finding(doc.path, doc.start.line, doc.start.column,
                           start=doc.start.raw, earliest=display(earliest),
                           objective=objective.split(" ", 1)[0].rstrip("."))


def stale_ongoing_status(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    status = doc.fields.get("status")
    if status is None or normalise(status.value) != normalise(rule.params["ongoing_status"]):
        return
    if doc.end and doc.end.value:
        overdue = (ctx.today - doc.end.value).days
        if overdue > int(rule.params["grace_days"]):
            yield rule.finding(doc.path, status.line, status.column, status=status.value,
                               end=doc.end.raw, days=overdue, years=f"{overdue / 365.25:.1f}",
                               today=display(ctx.today))


def ended_in_future(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    status = doc.fields.get("status")
    if status is None or normalise(status.value) != normalise(rule.params["ended_status"]):
        return
    if doc.end and doc.end.value and doc.end.value > ctx.today:
        yield rule.finding(doc.path, status.line, status.column, status=status.value,
                           end=doc.end.raw, today=display(ctx.today))
