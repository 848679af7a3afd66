"""EURA6xx: section 8's principles (8.1 answers, 8.2 scores)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Document
from ..parser import PRINCIPLE_QUESTIONS, normalise
from ..registry import check
from .identifiers import leading_number


@check("EURA601")
def score_out_of_range(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    low, high = rule.params["min"], rule.params["max"]
    for score in doc.scores:
        for which, number in (("direct", score.direct), ("indirect", score.indirect)):
            value = number.value
            if value is None:
                continue  # unparseable: reported by EURA005
            if not (low <= value <= high) or not value.is_integer():
                yield rule.finding(doc.path, number.line, number.column, item=score.item,
                                   which=which, value=number.raw, min=low, max=high)


@check("EURA602")
def invalid_principle_answer(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    section = doc.sections.get("8.1")
    if section is None:
        return
    allowed = rule.params["answers"]
    answered = set()
    for answer in doc.answers:
        answered.add(answer.question)
        if answer.value not in allowed:
            yield rule.finding(doc.path, answer.line, answer.column, question=answer.question,
                               value=answer.value or "(empty)", allowed=" or ".join(allowed))
    for question in PRINCIPLE_QUESTIONS:
        if question not in answered:
            yield rule.finding(doc.path, section.line, 1, question=question, value="(missing)",
                               allowed=" or ".join(allowed))


@check("EURA605")
def indicator_fund_mismatch(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    expected = rule.params["titles"].get(doc.fund or "", {})
    for indicator in doc.indicators:
        title = expected.get(indicator.section)
        if title and not normalise(indicator.title).startswith(normalise(title)):
            yield rule.finding(doc.path, indicator.line, len(indicator.section) + 2,
                               section=indicator.section, title=indicator.title,
                               fund=doc.fund, expected=title)


@check("EURA606")
def indicator_not_asked(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    if doc.fund != rule.params["fund"]:
        return
    objective = leading_number(doc.value("objective")) or doc.value("objective")
    for indicator in doc.indicators:
        asked = rule.params["asked"].get(indicator.section)
        if asked is None or objective in asked:
            continue
        for number in (indicator.planned, indicator.realised):
            if number is not None and number.value:
                yield rule.finding(doc.path, number.line, number.column, value=number.raw,
                                   section=indicator.section, objective=objective,
                                   asked=", ".join(asked))


@check("EURA607")
def missing_score(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for problem in doc.problems:
        if problem.kind == "missing-score":
            found = {"0": "no score", "1": "one score"}.get(str(problem.detail),
                                                            f"{problem.detail} scores")
            yield rule.finding(doc.path, problem.line, problem.column, item=problem.text,
                               found=found)
