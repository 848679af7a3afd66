"""EURA6xx: section 8's principles (8.1 answers, 8.2 scores)."""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..page import PRINCIPLE_QUESTIONS
from ..readers.description import label_key
from ..registry import check
from .identifiers import leading_number


@check("EURA601")
def score_out_of_range(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    low, high = rule.params["min"], rule.params["max"]
    whole = _whole_numbers(low, high)
    if (whole is not None and whole.issuperset(map(_DIRECT, doc.scores))
            and whole.issuperset(map(_INDIRECT, doc.scores))):
        return  # every score a whole number in the range (the usual page), told in C
    for score in doc.scores:
        for which, number in (("direct", score.direct), ("indirect", score.indirect)):
            value = number.value
            if value is None:
                continue  # unparseable: reported by EURA005
            if not (low <= value <= high) or not value.is_integer():
                yield rule.finding(doc.path, number.line, number.column, item=score.item,
                                   which=rule.phrase(which), value=number.raw, min=low, max=high)


_DIRECT = operator.attrgetter("direct.value")
_INDIRECT = operator.attrgetter("indirect.value")


@functools.lru_cache(maxsize=8)
def _whole_numbers(low: float, high: float) -> frozenset[float] | None:
    """The scores EURA601 accepts, the whole numbers from ``low`` to ``high`` (as the parser's
    floats), when there are at most a thousand; None for a wider range. (An unparsed score,
    None, is in no such set: the loop then judges each score.)"""
    first, last = math.ceil(low), math.floor(high)
    if last - first > 1000:
        return None
    return frozenset(float(number) for number in range(first, last + 1))


@check("EURA602")
def invalid_principle_answer(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    section = doc.sections.get("8.1")
    if section is None or "8.1" in doc.unread:
        return  # an English page's answers, whose questions are not known in English: EURA008
    allowed = rule.params["answers"]
    answered = set()
    for answer in doc.answers:
        answered.add(answer.question)
        if answer.value not in allowed:
            yield rule.finding(doc.path, answer.line, answer.column, question=answer.question,
                               value=answer.value or rule.phrase("empty"),
                               allowed=_alternatives(rule, allowed))
    for question in PRINCIPLE_QUESTIONS:
        if question not in answered:
            yield rule.finding(doc.path, section.line, 1, question=question,
                               value=rule.phrase("missing"), allowed=_alternatives(rule, allowed))


def _alternatives(rule: RuleSpec, choices: list[str]) -> object:
    """``Kyllä or Ei`` / ``Kyllä tai Ei``: the rule's ``alternatives`` phrase joins the last two."""
    if len(choices) < 2:
        return ", ".join(choices)
    return rule.phrase("alternatives", first=", ".join(choices[:-1]), last=choices[-1])


@check("EURA605")
def indicator_fund_mismatch(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    expected = rule.params["titles"].get(doc.fund or "", {})
    for indicator in doc.indicators:
        if indicator.section in doc.unread:
            continue  # an English page's measure, its English title not known: EURA008
        title = expected.get(indicator.section)
        if title and not label_key(indicator.title).startswith(label_key(title)):
            yield rule.finding(doc.path, indicator.line, len(indicator.section) + 2,
                               section=indicator.section, title=indicator.title,
                               fund=doc.fund, expected=title)


@check("EURA606")
def indicator_not_asked(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
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
