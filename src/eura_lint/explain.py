"""``eura-lint rule EURA301`` / ``--explain``: a rule's documentation for the terminal, and the
``--list-rules`` listing."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .catalogue import RuleSpec


def describe_example(case: Mapping) -> str:
    """A catalogue example in a line of Markdown: the document it makes and where it expects
    findings. The README's rule reference and ``--explain`` both print it."""
    if "replace" in case:
        edits = []
        for edit in case["replace"]:
            if isinstance(edit, dict):
                edits.append(f"regex `{edit['regex']}` → `{edit['with']!r}`")
            else:
                old, new = (repr(s)[1:-1] for s in edit)
                edits.append(f"`{old}` → `{new}`" if new else f"delete `{old}`")
        where = f"seed {case['base']} with " + "; ".join(edits)
    elif "base" in case:
        where = f"seed {case['base']} as published"
    elif "hex" in case:
        where = f"bytes `{case['hex'][:24]}…`"
    elif "text" in case:
        where = f"text `{case['text'][:40]!r}`"
    else:
        where = ""
    if "table" in case:
        table = f"table `{case['table'][:60]!r}`"
        where = f"{where} with {table}" if where else table
    if case.get("config"):
        where += f" (config {case['config']})"
    if case.get("description"):
        where = f"{case['description']}: {where}"
    positions = ", ".join(f"{line}:{col}" for line, col, _message in case.get("expect", []))
    return f"{where} → {positions}" if positions else where


def explain(rule: RuleSpec) -> str:
    lines = [f"{rule.id} {rule.name}", "",
             f"Severity: {rule.severity}    Kind: {rule.kind}    Family: {rule.family}", "",
             rule.description.strip(), "",
             f"Message:    {rule.message}"]
    if rule.suggestion:
        lines.append(f"Suggestion: {rule.suggestion}")
    params = {k: v for k, v in rule.params.items() if k != "check"}
    if params:
        lines += ["", "Parameters (override in the configuration under rules."
                      f"{rule.id}.params):"]
        lines += [f"  {name} = {value!r}" for name, value in params.items()]
    lines += ["", "Examples:"]
    lines += [f"  passes: {describe_example(case)}" for case in rule.examples.get("pass", [])]
    lines += [f"  fails:  {describe_example(case)}" for case in rule.examples.get("fail", [])]
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
