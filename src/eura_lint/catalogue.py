"""The rule catalogue: one YAML file per rule, parsed into :class:`RuleSpec` and its structure
validated strictly on load.

A rule file is ``rules/<ID>.yaml``; its keys are fixed (unknown keys are an error). What the kind
makes of the parameters is the kind's business: :func:`eura_lint.kinds.load_rules` checks that.
This module imports nothing of the package but the finding it builds.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .finding import Finding, Severity

ID_RE = re.compile(r"^EURA\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_KEYS = {"id", "name", "severity", "kind", "message", "description", "examples"}
OPTIONAL_KEYS = {"params", "suggestion"}
EXAMPLE_KEYS = {"description", "base", "text", "hex", "replace", "expect", "config"}

FAMILIES = {
    "0": "Input and structure",
    "1": "Completeness",
    "2": "Funding",
    "3": "Geography",
    "4": "Dates and status",
    "5": "Identifiers, codes and programme",
    "6": "Indicators and principles",
}


class CatalogueError(Exception):
    """A rule file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    name: str
    severity: Severity
    kind: str
    message: str
    description: str
    params: Mapping[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    examples: Mapping[str, list[Mapping[str, Any]]] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.id[4], "Other")

    @property
    def summary(self) -> str:
        """The first sentence of the description, for short listings and SARIF."""
        first = self.description.strip().split("\n\n", 1)[0].replace("\n", " ")
        return first.split(". ", 1)[0].rstrip(".") + "."

    def render(self, template: str | None, values: Mapping[str, object]) -> str | None:
        if template is None:
            return None
        return template.format_map(_Defaults(values))

    def finding(self, path: str, line: int, column: int, suggestion: str | None = None,
                **values: object) -> Finding:
        """Build this rule's finding; the message and suggestion templates are rendered here only."""
        return Finding(
            path=path, line=max(line, 1), column=max(column, 1), rule=self.id, name=self.name,
            severity=self.severity, message=self.render(self.message, values) or "",
            suggestion=suggestion if suggestion is not None else self.render(self.suggestion, values),
        )

    def with_overrides(self, severity: Severity | None, params: Mapping[str, Any] | None) -> RuleSpec:
        merged = {**self.params, **(params or {})}
        return RuleSpec(
            id=self.id, name=self.name, severity=severity or self.severity, kind=self.kind,
            message=self.message, description=self.description, params=merged,
            suggestion=self.suggestion, examples=self.examples,
        )


class _Defaults(dict):
    """Leaves an unknown placeholder visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def rules_dir() -> Path:
    """The catalogue shipped in the package, or the repository's ``rules/`` when run from source."""
    packaged = resources.files("eura_lint") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "rules"


def parse_rule(data: Any, source: str) -> RuleSpec:
    def fail(problem: str) -> CatalogueError:
        return CatalogueError(f"{source}: {problem}")

    if not isinstance(data, dict):
        raise fail("a rule file must be a mapping of keys to values")
    unknown = set(data) - REQUIRED_KEYS - OPTIONAL_KEYS
    if unknown:
        raise fail(f"unknown key(s): {', '.join(sorted(unknown))}")
    missing = REQUIRED_KEYS - set(data)
    if missing:
        raise fail(f"missing key(s): {', '.join(sorted(missing))}")
    rule_id = str(data["id"])
    if not ID_RE.match(rule_id):
        raise fail(f"id {rule_id!r} is not of the form EURA000")
    if Path(source).stem not in (rule_id, source):
        raise fail(f"id {rule_id} does not match the file name")
    if not NAME_RE.match(str(data["name"])):
        raise fail(f"name {data['name']!r} is not kebab-case")
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise fail(str(exc)) from None
    if not isinstance(data["kind"], str):
        raise fail("kind must be the name of a rule kind")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise fail("params must be a mapping")
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail"}:
        raise fail("examples must be a mapping with 'pass' and 'fail' lists")
    for group in ("pass", "fail"):
        cases = examples.get(group) or []
        if not isinstance(cases, list) or not cases:
            raise fail(f"examples.{group} must be a non-empty list")
        for case in cases:
            if not isinstance(case, dict) or set(case) - EXAMPLE_KEYS:
                raise fail(f"examples.{group}: each case is a mapping of {sorted(EXAMPLE_KEYS)}")
    return RuleSpec(
        id=rule_id, name=str(data["name"]), severity=severity, kind=str(data["kind"]),
        message=str(data["message"]), description=str(data["description"]).strip(),
        params=params, suggestion=data.get("suggestion"), examples=examples,
    )


# libyaml's safe loader when PyYAML was built with it (same results, ~8x faster to load)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_catalogue(directory: Path | None = None) -> dict[str, RuleSpec]:
    """Every rule file parsed, by id, in id order (kinds and parameters are not judged here)."""
    directory = directory or rules_dir()
    rules: dict[str, RuleSpec] = {}
    names: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
        except (OSError, yaml.YAMLError) as exc:
            raise CatalogueError(f"{path.name}: cannot be read: {exc}") from None
        rule = parse_rule(data, path.name)
        if rule.name in names:
            raise CatalogueError(f"{path.name}: name {rule.name} is also used by {names[rule.name]}")
        names[rule.name] = rule.id
        rules[rule.id] = rule
    if not rules:
        raise CatalogueError(f"no rule files found in {directory}")
    return rules
