"""The ``reader-problem`` kind: report what a reader could not read, as it noted it.

The description parser and the project-list reader note each thing they cannot read as a
``model.Problem`` (its ``kind``, position, ``text`` and ``detail``) instead of judging it; a rule
of this kind reports the problems of the kinds its ``params.problems`` names, one finding each,
at the problem's position, its message's placeholders filled as the rule's YAML says::

    kind: reader-problem
    params:
      problems:
        duplicate-code: {code: text, first_line: detail}

A placeholder's value is one of:

* ``text`` or ``detail``: that field of the problem, as the reader wrote it;
* ``{field: text, empty: KEY}``: the field, or the rule's phrase KEY when it is empty;
* ``{phrase: KEY}``: the rule's phrase KEY;
* ``{phrase-of: detail, phrases: {VALUE: KEY, ...}, otherwise: KEY, count: detail}``: the phrase
  for the field's value (``otherwise`` for any other value; without it, the value itself),
  given ``count`` (a field) as its ``{count}``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..catalogue import RuleSpec
from ..context import Context
from ..finding import Finding
from ..model import Record

FIELDS = ("text", "detail")
_SPEC_KEYS = {"field", "empty", "phrase", "phrase-of", "phrases", "otherwise", "count"}


def spec_problem(spec: Any, where: str) -> str | None:
    """What is wrong with one placeholder's value spec, or None."""
    if isinstance(spec, str):
        return None if spec in FIELDS else f"{where}: {spec!r} is not one of {', '.join(FIELDS)}"
    if not isinstance(spec, dict) or not spec:
        return f"{where}: must be text, detail or a mapping"
    unknown = set(spec) - _SPEC_KEYS
    if unknown:
        return f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}"
    for key in ("field", "phrase-of", "count"):
        if key in spec and spec[key] not in FIELDS:
            return f"{where}.{key}: must be one of {', '.join(FIELDS)}"
    if ("field" in spec) + ("phrase" in spec) + ("phrase-of" in spec) != 1:
        return f"{where}: give one of field, phrase or phrase-of"
    if "phrases" in spec and not (isinstance(spec["phrases"], dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in spec["phrases"].items())):
        return f"{where}.phrases: must map values to phrase keys"
    for key in ("phrase", "empty", "otherwise"):
        if key in spec and not isinstance(spec[key], str):
            return f"{where}.{key}: must be a phrase key"
    return None


def validate(params: Mapping[str, Any]) -> str | None:
    problems = params.get("problems")
    if not isinstance(problems, dict) or not problems:
        return "problems must map the reader's problem kinds to the message's values"
    for kind, values in problems.items():
        if not isinstance(kind, str) or not isinstance(values, dict):
            return f"problems.{kind}: must map placeholders to values"
        for name, spec in values.items():
            problem = spec_problem(spec, f"problems.{kind}.{name}")
            if problem:
                return problem
    return None


def _value(spec: Any, problem: Any, rule: RuleSpec) -> object:
    if isinstance(spec, str):
        return getattr(problem, spec)
    if "phrase" in spec:
        return rule.phrase(spec["phrase"])
    if "phrase-of" in spec:
        value = getattr(problem, spec["phrase-of"])
        key = spec.get("phrases", {}).get("" if value is None else str(value), spec.get("otherwise"))
        if key is None:
            return value
        return rule.phrase(key, count=getattr(problem, spec["count"])) if "count" in spec \
            else rule.phrase(key)
    value = getattr(problem, spec["field"])
    if not value and "empty" in spec:
        return rule.phrase(spec["empty"])
    return value


def report_problems(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    wanted = rule.params["problems"]
    for problem in doc.problems:
        values = wanted.get(problem.kind)
        if values is not None:
            yield rule.finding(doc.path, problem.line, problem.column,
                               **{name: _value(spec, problem, rule) for name, spec in values.items()})
