"""Which rules a word names: the one rule selector of the package.

A pattern is a rule id (``EURA201``), an id prefix (``EURA2``, ``EURA``) or a rule name
(``invalid-email``); ids and prefixes in any case. The command line's ``--select``/``--ignore``,
the configuration's ``select``/``ignore``/``per-file-ignores``, the rule overrides under
``rules:``, ``--explain`` and ``eura-lint rule`` all read patterns here, so a pattern means the
same wherever it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalogue import RuleSpec


def split_patterns(values: Iterable[str]) -> list[str]:
    """Comma-separated lists (as options and settings give them) as one list, blanks dropped."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass(frozen=True, slots=True)
class RuleSelector:
    """A set of patterns; :meth:`matches` says whether a rule (by id and name) is among them."""

    patterns: tuple[str, ...] = ()
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _names: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_prefixes", tuple(p.upper() for p in self.patterns))
        object.__setattr__(self, "_names", frozenset(p.lower() for p in self.patterns))

    def matches(self, rule_id: str, name: str) -> bool:
        return rule_id.startswith(self._prefixes) or name in self._names

    def __bool__(self) -> bool:
        return bool(self.patterns)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules run: those ``select`` names (every rule when it is empty) but those ``ignore``
    names."""

    select: RuleSelector = RuleSelector()
    ignore: RuleSelector = RuleSelector()

    @classmethod
    def of(cls, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Selection:
        return cls(RuleSelector(tuple(select)), RuleSelector(tuple(ignore)))

    def __call__(self, rule: RuleSpec) -> bool:
        if self.select and not self.select.matches(rule.id, rule.name):
            return False
        return not self.ignore.matches(rule.id, rule.name)


def unknown_patterns(patterns: Iterable[str], catalogue: Mapping[str, RuleSpec]) -> list[str]:
    """The patterns that name no rule of the catalogue: a typo in a selection must not silently
    switch every rule off (or none)."""
    return [pattern for pattern in patterns
            if not any(RuleSelector((pattern,)).matches(rule.id, rule.name)
                       for rule in catalogue.values())]


def find_rule(word: str, catalogue: Mapping[str, RuleSpec]) -> RuleSpec | None:
    """The one rule a word names exactly (an id, or a name), or None."""
    word = word.strip()
    found = catalogue.get(word.upper())
    if found is not None:
        return found
    name = word.lower()
    return next((rule for rule in catalogue.values() if rule.name == name), None)


def rule_words(catalogue: Mapping[str, RuleSpec]) -> list[str]:
    """Every id and name, for a "did you mean"."""
    return [*catalogue, *(rule.name for rule in catalogue.values())]


def active_rules(catalogue: Mapping[str, RuleSpec], selection: Selection,
                 overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, RuleSpec]:
    """The rules a run uses: those the selection leaves and the configuration does not turn off,
    with its severity and parameters applied (``overrides``: rule id ->
    ``{"enabled": bool, "severity": Severity | None, "params": dict}``)."""
    active = {}
    for rule_id, rule in catalogue.items():
        override = (overrides or {}).get(rule_id, {})
        if override.get("enabled") is False or not selection(rule):
            continue
        active[rule_id] = rule.with_overrides(override.get("severity"), override.get("params"))
    return active
