"""Where ``python`` rules find their code: functions registered by rule id, and the named
per-document steps whose results several rules share.

A check is registered beside its function, under the id of the rule it implements::

    @check("EURA601")
    def score_out_of_range(doc, rule, ctx): ...

so that ``grep EURA601`` finds the rule's YAML, its function and its tests. A step computes
something several rules read (the resolved place lists, say) once per document; rules declare the
steps they need with ``needs=``, the linter runs those steps before the rules, in order, and
stores each result in ``doc.derived[name]``.

This module imports nothing of the package but the types it names: the check modules import it,
and the rule kinds read it, so nothing here may import either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalogue import RuleSpec
    from .context import Context
    from .finding import Finding
    from .model import Record

DocumentCheck = Callable[["Record", "RuleSpec", "Context"], Iterable["Finding"]]


@dataclass(frozen=True, slots=True)
class Registered:
    rule_id: str
    function: DocumentCheck
    # runs on files that could not be read or are not descriptions (every other rule is skipped)
    always: bool = False
    # per-run work the check needs (reference data, compiled patterns): run once, when the linter
    # is built, so that ``--jobs`` workers inherit it instead of each doing it again
    prepare: Callable[[], object] | None = None
    needs: tuple[str, ...] = ()  # names of the steps whose results it reads from doc.derived


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    function: Callable[[Record], object]
    needs: tuple[str, ...] = ()


CHECKS: dict[str, Registered] = {}
STEPS: dict[str, Step] = {}


def check(rule_id: str, *, always: bool = False, prepare: Callable[[], object] | None = None,
          needs: Sequence[str] = ()) -> Callable[[DocumentCheck], DocumentCheck]:
    """Register the decorated function as the code of the ``python`` rule ``rule_id``."""

    def register(function: DocumentCheck) -> DocumentCheck:
        if rule_id in CHECKS:
            raise ValueError(f"{rule_id} is registered twice: {CHECKS[rule_id].function.__name__}"
                             f" and {function.__name__}")
        CHECKS[rule_id] = Registered(rule_id, function, always, prepare, tuple(needs))
        return function

    return register


def step(name: str, *, needs: Sequence[str] = ()) -> Callable[[Callable], Callable]:
    """Register the decorated ``function(doc) -> value`` as the per-document step ``name``."""

    def register(function: Callable[[Record], object]) -> Callable[[Record], object]:
        if name in STEPS:
            raise ValueError(f"step {name} is registered twice")
        STEPS[name] = Step(name, function, tuple(needs))
        return function

    return register


def steps_for(needed: Iterable[str]) -> list[Step]:
    """The steps ``needed`` and those they need, each once, every step after its own needs."""
    ordered: dict[str, Step] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in chain:
            raise ValueError(f"steps need each other in a circle: {' -> '.join((*chain, name))}")
        if name not in STEPS:
            raise ValueError(f"no step named {name!r} is registered")
        for need in STEPS[name].needs:
            visit(need, (*chain, name))
        ordered[name] = STEPS[name]

    for name in needed:
        visit(name, ())
    return list(ordered.values())


def rule_subject(rule: RuleSpec) -> str:
    return f"rule {rule.id} ({rule.name})"
