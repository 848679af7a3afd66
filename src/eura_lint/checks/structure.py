"""EURA0xx: can the file be read, and is it a description with the sections it must have."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Document
from ..parser import SECTION_TITLES
from ..registry import check


@check("EURA001", always=True)
def unreadable_file(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.unreadable is not None:
        yield rule.finding(doc.path, 1, 1, reason=doc.unreadable)


@check("EURA002", always=True)
def not_a_description(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.unreadable is None and not doc.looks_like_description:
        count = doc.line_count
        yield rule.finding(doc.path, 1, 1, lines=f"{count} line" if count == 1 else f"{count} lines")


@check("EURA007")
def missing_fund_line(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.fund is None:
        first = min((line for _, line in doc.headers), default=1)
        yield rule.finding(doc.path, first, 1)


@check("EURA003")
def missing_section(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    # reported where the section should have begun: at the next section present, or at the last
    # line of a file that ends before it (a truncated file)
    order = list(SECTION_TITLES)
    for number in rule.params.get("sections", order):
        if number in doc.sections:
            continue
        later = [doc.sections[n].line for n in order[order.index(number) + 1:] if n in doc.sections]
        line = min(later) if later else max(doc.line_count, 1)
        title = SECTION_TITLES[number] or "(indicator)"
        yield rule.finding(doc.path, line, 1, section=number, title=title)


@check("EURA004")
def duplicate_section(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for problem in doc.problems:
        if problem.kind == "duplicate-section":
            yield rule.finding(doc.path, problem.line, problem.column, header=problem.text,
                               first_line=problem.detail)


@check("EURA005")
def unparseable_number(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for problem in doc.problems:
        if problem.kind == "number":
            yield rule.finding(doc.path, problem.line, problem.column, text=problem.text.strip())


@check("EURA006")
def invalid_date(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for problem in doc.problems:
        if problem.kind == "date":
            yield rule.finding(doc.path, problem.line, problem.column, text=problem.text,
                               reason=problem.detail)
        elif problem.kind == "period":
            yield rule.finding(doc.path, problem.line, problem.column, text=problem.text,
                               reason="expected 'Alkaa d.m.yyyy ja päättyy d.m.yyyy'")
