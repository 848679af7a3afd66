"""``eura-lint rule EURA301`` / ``--explain``: a rule's documentation for the terminal, and the
``--list-rules`` listing. Examples are described by :mod:`eura_lint.examples`, as in the generated
rule reference and the HTML report."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .catalogue import RuleSpec
from .examples import describe_example

__all__ = ["describe_example", "explain", "listing", "listing_json"]


def explain(rule: RuleSpec, lang: str | None = None) -> str:
    """The rule's documentation; its summary, message and suggestion in ``lang`` (default: the
    rule's own language)."""
    lang = lang or rule.lang
    lines = [f"{rule.id} {rule.name}", "",
             f"Severity: {rule.severity}    Kind: {rule.kind}    Family: {rule.family}", "",
             rule.summary_in(lang), "", rule.description.strip(), "",
             f"Message:    {rule.message_in(lang)}"]
    suggestion = rule.suggestion_in(lang)
    if suggestion:
        lines.append(f"Suggestion: {suggestion}")
    params = {k: v for k, v in rule.params.items() if k != "check"}
    if params:
        lines += ["", "Parameters (override in the configuration under rules."
                      f"{rule.id}.params):"]
        lines += [f"  {name} = {value!r}" for name, value in params.items()]
    lines += ["", "Examples:"]
    lines += [f"  passes: {describe_example(case, '    ')}" for case in rule.examples.get("pass", [])]
    lines += [f"  fails:  {describe_example(case, '    ')}" for case in rule.examples.get("fail", [])]
    return "\n".join(lines) + "\n"


def listing(rules: Mapping[str, RuleSpec]) -> str:
    width = max((len(rule.name) for rule in rules.values()), default=0)
    return "".join(f"{rule.id}  {rule.name:<{width}}  {str(rule.severity):<7}  {rule.summary}\n"
                   for rule in rules.values())


def listing_json(rules: Mapping[str, RuleSpec]) -> str:
    records = [{"id": rule.id, "name": rule.name, "severity": str(rule.severity),
                "kind": rule.kind, "summary": rule.summary,
                "params": {k: v for k, v in rule.params.items() if k != "check"}}
               for rule in rules.values()]
    return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
