"""The project list's column rules as schemas other tools read: a pandera ``DataFrameSchema``
and a Frictionless Table Schema.

Both are built from the active catalogue, not written beside it: the required columns from the
``required-field`` rules (EURA102), the patterns and enumerations from the ``pattern`` rules
(EURA502 the project code, EURA406 the status), the limits from the ``range`` rules (EURA205
amounts not below zero, EURA402 the programme period), the primary key from the duplicate-code
rule (EURA703), and the funds from the programme's axes. The columns are the open-data project
list's, named as it names them (``Koodi``, ``Rahasto``, ...).

What a column schema cannot say, eura-lint still checks: the funding identities between columns
(EURA201-204), the period's order (EURA401) and status against the dates (EURA404, EURA405),
code against fund and axis (EURA503, EURA505), geography, shifted rows, and the descriptions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..catalogue import RuleSpec
from ..checks.identifiers import programme
from ..page import AMOUNT_KEYS, FIELDS
from ..readers.project_list.header import KNOWN_COLUMNS

# The open-data project list's columns, in its order, by what they hold; each name is one the
# list reader recognises for its key (a test holds both to the real list's header)
OPEN_DATA_COLUMNS: dict[str, str] = {
    "project_code": "Koodi",
    "fund": "Rahasto",
    "project_name": "Hankkeen nimi",
    "axis": "Tl",
    "authority": "Viranomainen",
    "status": "Tila",
    "start": "Aloituspvm",
    "end": "Päättymispvm",
    "applicant_name": "Toteuttajan nimi",
    "granted": FIELDS["granted"][1],
    "realised_eu_state": FIELDS["realised_eu_state"][1],
    "planned_public": FIELDS["planned_public"][1],
    "realised_public": FIELDS["realised_public"][1],
}
assert all(name in KNOWN_COLUMNS[key] for key, name in OPEN_DATA_COLUMNS.items())

DATE_KEYS = ("start", "end")
INTEGER_KEYS = ("axis",)
# Dates as the open-data list writes them (d.m.yyyy); eura-lint also reads ISO dates and
# workbook date cells, which a Frictionless field of one format cannot
DATE_FORMAT = "%d.%m.%Y"
# a value with something besides spaces: the required-field rule strips a cell before judging it
NOT_BLANK = r"\s*\S[\s\S]*"


@dataclass(frozen=True)
class ColumnSpec:
    """One column's rules, in terms both schema languages share."""

    key: str  # what it holds (project_code, granted, ...)
    name: str  # the open-data list's column name
    type: str  # string, integer, number or date (Table Schema's type names)
    required: bool = False
    unique: bool = False
    pattern: str | None = None  # a regular expression the whole value must match
    enum: tuple[str, ...] | None = None
    minimum: Any = None  # a number, or a date for the date columns
    maximum: Any = None
    rules: tuple[str, ...] = ()  # the rule ids it comes from

    def with_rule(self, rule: RuleSpec, **changes: Any) -> ColumnSpec:
        values = {**self.__dict__, **changes, "rules": tuple(sorted({*self.rules, rule.id}))}
        return ColumnSpec(**values)


def _table_rules(rules: Mapping[str, RuleSpec], kind: str) -> list[RuleSpec]:
    return [rule for rule in rules.values() if rule.kind == kind and "table" in rule.sources]


def _literal_alternatives(regex: str) -> tuple[str, ...] | None:
    """``Toiminnassa|Toiminta päättynyt`` -> its words, when the pattern is only words to choose
    from (an enumeration); None for a pattern of any other shape."""
    words = regex.split("|")
    # (re.escape escapes a space, which needs none outside verbose patterns)
    if all(word and re.escape(word).replace("\\ ", " ") == word for word in words):
        return tuple(words)
    return None


def _bound(value: Any) -> Any:
    if isinstance(value, (str, dt.date)) and not isinstance(value, dt.datetime):
        return dt.date.fromisoformat(str(value))
    return value


def column_specs(rules: Mapping[str, RuleSpec] | None = None) -> list[ColumnSpec]:
    """The open-data list's columns with the rules of ``rules`` (the whole catalogue by
    default; a linter's active rules, with the configuration's overrides, otherwise)."""
    if rules is None:
        from . import load_catalogue

        rules = load_catalogue()
    specs = {}
    for key, name in OPEN_DATA_COLUMNS.items():
        kind = ("number" if key in AMOUNT_KEYS else "date" if key in DATE_KEYS
                else "integer" if key in INTEGER_KEYS else "string")
        specs[key] = ColumnSpec(key, name, kind)
    funds = tuple(sorted({axis["fund"] for axis in programme()["axes"].values()}))
    specs["fund"] = ColumnSpec("fund", OPEN_DATA_COLUMNS["fund"], "string", enum=funds)
    for rule in _table_rules(rules, "required-field"):
        if rule.params.get("condition", "empty") != "empty":
            continue
        for field in rule.params["fields"]:
            for key in DATE_KEYS if field == "period" else (field,):
                if key in specs:
                    specs[key] = specs[key].with_rule(rule, required=True)
    for rule in _table_rules(rules, "pattern"):
        regex = rule.params["regex"]
        words = None if rule.params.get("ignore_case") else _literal_alternatives(regex)
        for key in rule.params["columns"]:
            if key not in specs:
                continue
            if words is not None:
                specs[key] = specs[key].with_rule(rule, enum=words)
            else:
                flags = "(?i)" if rule.params.get("ignore_case") else ""
                specs[key] = specs[key].with_rule(rule, pattern=f"{flags}(?:{regex})")
    for rule in _table_rules(rules, "range"):
        low, high = _bound(rule.params.get("min")), _bound(rule.params.get("max"))
        for key in rule.params["columns"]:
            if key in specs:
                specs[key] = specs[key].with_rule(rule, minimum=low, maximum=high)
    duplicates = rules.get("EURA703")  # a project is one row: its code is the key
    if duplicates is not None:
        specs["project_code"] = specs["project_code"].with_rule(duplicates, unique=True)
    return list(specs.values())


# --- Frictionless Table Schema ----------------------------------------------------------------

def frictionless_schema(rules: Mapping[str, RuleSpec] | None = None) -> dict[str, Any]:
    """A Frictionless Table Schema (a ``schema.json`` descriptor) of the open-data list."""
    fields = []
    keys = []
    for spec in column_specs(rules):
        field: dict[str, Any] = {"name": spec.name, "title": spec.key, "type": spec.type}
        if spec.type == "date":
            field["format"] = DATE_FORMAT
        constraints: dict[str, Any] = {}
        if spec.required:
            constraints["required"] = True
        if spec.unique:
            constraints["unique"] = True
            keys.append(spec.name)
        if spec.enum is not None:
            constraints["enum"] = list(spec.enum)
        if spec.pattern is not None:
            constraints["pattern"] = spec.pattern
        elif spec.required and spec.type == "string" and spec.enum is None:
            constraints["pattern"] = NOT_BLANK  # a cell of spaces is as empty as a blank one
        for limit, value in (("minimum", spec.minimum), ("maximum", spec.maximum)):
            if value is not None:
                # a date limit is written in the field's own format, as Table Schema reads it
                constraints[limit] = (value.strftime(DATE_FORMAT) if isinstance(value, dt.date)
                                      else value)
        if constraints:
            field["constraints"] = constraints
        if spec.rules:
            field["description"] = f"eura-lint {', '.join(spec.rules)}"
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if keys:
        schema["primaryKey"] = keys
    return schema


def frictionless_json(rules: Mapping[str, RuleSpec] | None = None) -> str:
    return json.dumps(frictionless_schema(rules), ensure_ascii=False, indent=2) + "\n"


# --- pandera --------------------------------------------------------------------------------

def _date_pattern(low: dt.date | None, high: dt.date | None) -> str:
    """d.m.yyyy or yyyy-mm-dd, the years within the limits: pandera's serialisable checks have
    no date parsing, so the date and the range are a pattern (a day the calendar lacks, such as
    30.2., passes it: EURA006 still finds it)."""
    first = low.year if low else 1000
    last = high.year if high else 9999
    years = "|".join(str(year) for year in range(first, last + 1)) if last - first < 100 \
        else r"\d{4}"
    day, month = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
    return rf"(?:{day}\.{month}\.(?:{years})|(?:{years})-{month}-{day})(?:[ T][\d:.]+)?"


def pandera_schema(rules: Mapping[str, RuleSpec] | None = None) -> Any:
    """A pandera ``DataFrameSchema`` of the open-data list, of pandera's built-in checks only,
    so that it serialises (``to_yaml``) and loads back (``from_yaml``) without eura-lint.
    Amounts and the axis are coerced to numbers; a cell that cannot be (an amount of spaces)
    fails there, and pandera then reports the column's other checks as not run (a failure
    case without an index)."""
    import pandera.pandas as pa

    columns = {}
    for spec in column_specs(rules):
        checks = []
        dtype: Any = None
        coerce = False
        if spec.type == "number":
            dtype, coerce = "float64", True
        elif spec.type == "integer":
            dtype, coerce = "Int64", True
        if spec.type == "date":
            checks.append(pa.Check.str_matches(rf"{_date_pattern(spec.minimum, spec.maximum)}\Z"))
        elif spec.enum is not None:
            checks.append(pa.Check.isin(list(spec.enum)))
        elif spec.pattern is not None:
            checks.append(pa.Check.str_matches(rf"{spec.pattern}\Z"))
        elif spec.required and spec.type == "string":
            checks.append(pa.Check.str_matches(rf"{NOT_BLANK}\Z"))
        if spec.type in ("number", "integer"):
            if spec.minimum is not None:
                checks.append(pa.Check.greater_than_or_equal_to(spec.minimum))
            if spec.maximum is not None:
                checks.append(pa.Check.less_than_or_equal_to(spec.maximum))
        columns[spec.name] = pa.Column(
            dtype, checks=checks, nullable=not spec.required, unique=spec.unique, coerce=coerce,
            required=True, title=spec.key,
            description=f"eura-lint {', '.join(spec.rules)}" if spec.rules else None)
    return pa.DataFrameSchema(columns, name="eura2014_project_list", strict=False)


def pandera_yaml(rules: Mapping[str, RuleSpec] | None = None) -> str:
    return pandera_schema(rules).to_yaml()


# what ``eura-lint schema --format FORMAT`` writes, by format
FORMATS = {"pandera": pandera_yaml, "frictionless": frictionless_json}


def render(fmt: str, rules: Mapping[str, RuleSpec] | None = None) -> str:
    """The schema of the list's column rules in ``fmt`` (a key of :data:`FORMATS`)."""
    return FORMATS[fmt](rules)
