"""The closed set of rule kinds, dispatched from one registry.

Document kinds look at one parsed document and yield findings; table kinds (see
:mod:`eura_lint.table`) become checks of the one pandera schema validated per run. ``python`` is the
escape hatch for logic that is not a field comparison: its ``params.check`` names a function
registered explicitly in :data:`eura_lint.checks.REGISTRY`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .catalogue import RuleSpec
from .context import Context
from .finding import Finding
from .model import Document
from .parser import FIELDS, SECTION_TITLES

DocumentCheck = Callable[[Document, RuleSpec, Context], Iterable[Finding]]


def empty_sections(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    """``params.sections``: sections that must have text; ``-`` alone counts as empty."""
    for number in rule.params["sections"]:
        section = doc.sections.get(number)
        if section is not None and section.is_empty:
            yield rule.finding(doc.path, section.line, 1, section=number, title=section.title)


def required_fields(doc: Document, rule: RuleSpec, ctx: Context) -> Iterator[Finding]:
    """``params.fields``: field keys that must be present (``condition: missing``) or non-empty
    (``condition: empty``); a field is only judged when its section is there."""
    condition = rule.params.get("condition", "empty")
    if condition not in ("empty", "missing"):
        return
    missing = condition == "missing"
    fields = doc.fields
    if doc.source == "table":
        # a table row: a column the table has and this row leaves blank (a table without the
        # column is not judged; the period is the start and end columns)
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


DOCUMENT_KINDS: dict[str, DocumentCheck] = {
    "empty-section": empty_sections,
    "required-field": required_fields,
}
PYTHON_KIND = "python"  # a document rule whose function is registered in checks.REGISTRY
TABLE_KIND_NAMES = ("compare", "range", "pattern")  # see eura_lint.table
CROSS_KIND = "cross"  # descriptions against the project lists of the run: see eura_lint.crosscheck
KINDS = (*DOCUMENT_KINDS, PYTHON_KIND, *TABLE_KIND_NAMES, CROSS_KIND)


def is_table_rule(rule: RuleSpec) -> bool:
    return rule.kind in TABLE_KIND_NAMES


def document_check(rule: RuleSpec) -> DocumentCheck:
    """The function that runs a document rule: its kind's, or a ``python`` rule's registered one."""
    if rule.kind == PYTHON_KIND:
        from .checks import REGISTRY

        return REGISTRY[rule.params["check"]].function
    return DOCUMENT_KINDS[rule.kind]


def validate_params(rule: RuleSpec) -> str | None:
    """A problem with a rule's parameters, or None. Run on load so bad config fails early."""
    from .checks import REGISTRY
    from .table import COLUMNS, OPERATORS

    params = rule.params
    if rule.kind == "empty-section":
        bad = [s for s in params.get("sections", []) if s not in SECTION_TITLES]
        return f"unknown section(s) {bad}" if bad or "sections" not in params else None
    if rule.kind == "required-field":
        bad = [f for f in params.get("fields", []) if f not in FIELDS]
        if bad or "fields" not in params:
            return f"unknown field(s) {bad}; known: {', '.join(FIELDS)}"
        if params.get("condition", "empty") not in ("empty", "missing"):
            return "condition must be 'empty' or 'missing'"
        return None
    if rule.kind == PYTHON_KIND:
        return None if params.get("check") in REGISTRY else (
            f"params.check must be one of: {', '.join(sorted(REGISTRY))}")
    if rule.kind == "compare":
        pairs = params.get("pairs")
        if params.get("op", "le") not in OPERATORS:
            return f"op must be one of {', '.join(OPERATORS)}"
        if not pairs or any(len(p) != 2 or set(p) - set(COLUMNS) for p in pairs):
            return f"pairs must be [left, right] column pairs from: {', '.join(COLUMNS)}"
        return None
    if rule.kind == CROSS_KIND:
        from .crosscheck import COMPARED

        fields = params.get("fields")
        if not fields or not isinstance(fields, list) or set(fields) - set(COMPARED):
            return f"fields must be a list from: {', '.join(COMPARED)}"
        return None
    if rule.kind in ("range", "pattern"):
        columns = params.get("columns")
        if not columns or set(columns) - set(COLUMNS):
            return f"columns must be a list from: {', '.join(COLUMNS)}"
        if rule.kind == "pattern" and not isinstance(params.get("regex"), str):
            return "params.regex (a regular expression) is required"
        return None
    return None
