"""The closed set of rule kinds. Each kind is an object that owns its parameters
(``validate(params)``, run when the catalogue or a configuration is loaded) and how it binds a rule
to the code that runs it (``bind(rule)``, once per run, when the linter is built).

Record kinds (``empty-section``, ``required-field``, ``python``) look at one parsed document and
yield findings; a ``python`` rule's function is registered by rule id in
:mod:`eura_lint.registry`. Table kinds (``compare``, ``range``, ``pattern``, in
:mod:`eura_lint.kinds.columns`) become checks of the one pandera schema validated per run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from .. import checks as _checks  # noqa: F401  (importing the package registers every check)
from ..catalogue import CatalogueError, RuleSpec, read_rule_files
from ..context import Context
from ..finding import Finding
from ..model import Record
from ..page import FIELD_LABELS_EN, FIELDS, SECTION_TITLES
from ..registry import CHECKS, DocumentCheck
from . import problems
from .columns import TABLE_KINDS, TableCheck


@dataclass(frozen=True, slots=True)
class DocumentRule:
    """A document rule bound to its code, as the linter runs it."""

    rule: RuleSpec
    function: DocumentCheck
    always: bool = False  # also runs on files that are unreadable or not descriptions
    prepare: Callable[[], object] | None = None  # per-run work, done when the linter is built
    needs: tuple[str, ...] = ()  # per-document steps (registry.STEPS) it reads


@dataclass(frozen=True, slots=True)
class CrossRule:
    """A ``cross`` rule: descriptions against the project lists of the run, compared after the
    last document (:mod:`eura_lint.kinds.cross`)."""

    rule: RuleSpec


Binding = DocumentRule | CrossRule | tuple[TableCheck, ...]


class Kind(Protocol):
    name: str

    def validate(self, params: Mapping[str, Any]) -> str | None: ...

    def bind(self, rule: RuleSpec) -> Binding: ...


class EmptySectionKind:
    """``empty-section``: each of ``params.sections`` that is present must have text; ``-`` alone
    counts as empty."""

    name = "empty-section"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        sections = params.get("sections")
        if not isinstance(sections, list) or not sections:
            return "sections must be a list of section numbers"
        bad = [s for s in sections if not isinstance(s, str) or s not in SECTION_TITLES]
        return f"unknown section(s) {bad}; known: {', '.join(SECTION_TITLES)}" if bad else None

    def bind(self, rule: RuleSpec) -> DocumentRule:
        return DocumentRule(rule, _empty_sections)


def _empty_sections(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    for number in rule.params["sections"]:
        section = doc.sections.get(number)
        if section is not None and section.is_empty:
            yield rule.finding(doc.path, section.line, 1, section=number, title=section.title)


class RequiredFieldKind:
    """``required-field``: each of ``params.fields`` must be present (``condition: missing``) or
    non-empty (``condition: empty``, the default); a field is only judged when its section is
    there."""

    name = "required-field"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        fields = params.get("fields")
        if not isinstance(fields, list) or not fields:
            return f"fields must be a list of field keys from: {', '.join(FIELDS)}"
        bad = [f for f in fields if not isinstance(f, str) or f not in FIELDS]
        if bad:
            return f"unknown field(s) {bad}; known: {', '.join(FIELDS)}"
        if params.get("condition", "empty") not in ("empty", "missing"):
            return "condition must be 'empty' or 'missing'"
        return None

    def bind(self, rule: RuleSpec) -> DocumentRule:
        return DocumentRule(rule, _required_fields)


def _required_fields(doc: Record, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    missing = rule.params.get("condition", "empty") == "missing"
    fields = doc.fields
    if doc.source == "table":
        # a project list's row: a blank cell of a column the list has (a list without the column
        # is not judged; the period is the start and end columns)
        if missing:
            return
        for key in rule.params["fields"]:
            for cell in (("start", "end") if key == "period" else (key,)):
                found = fields.get(cell)
                if found is not None and not found.value:
                    yield rule.finding(doc.path, found.line, found.column, label=found.label,
                                       section=found.section)
        return
    for key in rule.params["fields"]:
        found = fields.get(key)
        if missing:
            if found is not None or key.startswith("site_"):  # the whole site block is optional
                continue
            if not doc.was_read(key, FIELDS[key][0], FIELD_LABELS_EN.get(key)):
                continue  # an English page's field whose English label is not known: EURA008
        elif found is None or found.value:
            continue
        section_number, label = FIELDS[key]
        section = doc.sections.get(section_number)
        if section is None:
            continue
        if missing:
            yield rule.finding(doc.path, section.line, 1, label=label, section=section_number,
                               title=section.title)
        else:
            yield rule.finding(doc.path, found.line, found.column, label=label,
                               section=section_number)


class PythonKind:
    """``python``: the function registered for the rule's id with ``@check("EURAnnn")``; its
    parameters are the rule's own, typed by their defaults (see :mod:`eura_lint.config`)."""

    name = "python"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        if "check" in params:  # the old binding by name: the rule's id now finds its function
            return "check is not a parameter: the function registered for the rule's id runs"
        return None

    def bind(self, rule: RuleSpec) -> DocumentRule:
        registered = CHECKS.get(rule.id)
        if registered is None:
            raise CatalogueError(f"{rule.id}.yaml: kind python, but no function is registered "
                                 f"for {rule.id} (decorate one with @check({rule.id!r}))")
        return DocumentRule(rule, registered.function, registered.always, registered.prepare,
                            registered.needs)


class ReaderProblemKind:
    """``reader-problem``: the problems a reader noted (``Record.problems``) of the kinds that
    ``params.problems`` names, each reported at its position, the message's values taken from it
    as the parameters say (see :mod:`eura_lint.kinds.problems`)."""

    name = "reader-problem"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        return problems.validate(params)

    def bind(self, rule: RuleSpec) -> DocumentRule:
        return DocumentRule(rule, problems.report_problems)


class CrossKind:
    """``cross``: ``params.fields`` of a description compared with the project-list row of the
    same code, when one run holds both (see :mod:`eura_lint.kinds.cross`)."""

    name = "cross"

    def validate(self, params: Mapping[str, Any]) -> str | None:
        from .cross import COMPARED

        fields = params.get("fields")
        if not isinstance(fields, list) or not fields or set(fields) - set(COMPARED):
            return f"fields must be a list from: {', '.join(COMPARED)}"
        return None

    def bind(self, rule: RuleSpec) -> CrossRule:
        return CrossRule(rule)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    EmptySectionKind(), RequiredFieldKind(), PythonKind(), ReaderProblemKind(), CrossKind(),
    *TABLE_KINDS)}


def validate_rule(rule: RuleSpec) -> None:
    """Raise :class:`CatalogueError` when the rule's kind is unknown or its parameters are not
    what the kind takes."""
    if rule.kind not in KINDS:
        raise CatalogueError(f"{rule.id}.yaml: kind {rule.kind!r} is not one of: "
                             f"{', '.join(sorted(KINDS))}")
    problem = params_problem(rule)
    if problem:
        raise CatalogueError(f"{rule.id}.yaml: params: {problem}")


def params_problem(rule: RuleSpec) -> str | None:
    """What is wrong with the rule's parameters for its kind, or None."""
    return KINDS[rule.kind].validate(rule.params)


def bind(rule: RuleSpec) -> Binding:
    return KINDS[rule.kind].bind(rule)


@cache
def load_catalogue(directory: Path | None = None) -> dict[str, RuleSpec]:
    """The catalogue as a run uses it: the rule files read (:func:`eura_lint.catalogue.read_rule_files`),
    every rule's kind and parameters validated, and every ``python`` rule with its registered
    function (and every registered function with its rule). Loaded once per run."""
    rules = read_rule_files(directory)
    for rule in rules.values():
        validate_rule(rule)
        if rule.kind == "python":
            bind(rule)  # raises when no function is registered for it
    if directory is None:
        orphans = sorted(set(CHECKS) - {r.id for r in rules.values() if r.kind == "python"})
        if orphans:
            raise CatalogueError(f"functions are registered for {', '.join(orphans)}, but no "
                                 "rule file of kind python has that id")
    return rules
