"""EURA6xx: section 8's principles (8.1 answers, 8.2 scores)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Document
from ..parser import PRINCIPLE_QUESTIONS


def principle_scores(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    low, high = rule.params["min"], rule.params["max"]
    for score in doc.scores:
        for which, number in (("direct", score.direct), ("indirect", score.indirect)):
            value = number.value
            if value is None:
                continue  # unparseable: reported by EURA005
            if not (low <= value <= high) or not value.is_integer():
                yield rule.finding(doc.path, number.line, number.column, item=score.item,
                                   which=which, value=number.raw, min=low, max=high)


def principle_answers(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
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
