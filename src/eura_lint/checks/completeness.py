"""EURA1xx: parts that must be filled in, and parts that go together."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..page import FIELDS
from ..readers.description import finnish_status, label_key
from ..registry import check


@check("EURA104")
def missing_final_report(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    status = doc.fields.get("status")
    if status is None or (label_key(finnish_status(status.value))
                          != label_key(rule.params["ended_status"])):
        return
    if doc.section_is_empty("9"):
        section = doc.sections.get("9")
        line, column = (section.line, 1) if section else (status.line, status.column)
        yield rule.finding(doc.path, line, column, status=status.value)


@check("EURA105")
def partial_site_address(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    keys = ("site_street_address", "site_postal_code", "site_post_office")
    present = [k for k in keys if doc.value(k)]
    if present and len(present) < len(keys):
        missing = [k for k in keys if not doc.value(k)]
        where = doc.fields.get(missing[0])
        anchor = where or doc.fields[present[0]]
        yield rule.finding(doc.path, anchor.line, anchor.column,
                           missing=", ".join(FIELDS[k][1] for k in missing))


@check("EURA106")
def co_implementers_mismatch(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    applicants = doc.fields.get("applicants")
    if applicants is None or not applicants.value:
        return  # often left empty for single-applicant projects: not judged
    value = label_key(applicants.value)
    several = label_key(rule.params["several"]) in value
    single = label_key(rule.params["single"]) in value
    if several and not doc.co_implementers:
        yield rule.finding(doc.path, applicants.line, applicants.column, value=applicants.value,
                           problem=rule.phrase("none-listed"))
    elif single and doc.co_implementers:
        line = doc.co_implementers_line or applicants.line
        yield rule.finding(doc.path, line, 1, value=applicants.value,
                           problem=rule.phrase("listed", count=len(doc.co_implementers)))
