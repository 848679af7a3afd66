"""The rule catalogue: one YAML file per rule, parsed into :class:`RuleSpec` and its structure
validated strictly on load.

A rule file is ``rules/<ID>.yaml``; its keys are fixed (unknown keys are an error). What the kind
makes of the parameters is the kind's business: :func:`eura_lint.kinds.load_catalogue` checks that.
This module imports nothing of the package but the finding it builds, the languages
(:mod:`eura_lint.i18n`) its texts must be given in, and the cache its YAML is read through
(:mod:`eura_lint.yaml_cache`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from .finding import Finding, Severity
from .i18n import DEFAULT, format_value, languages, template_fields
from .yaml_cache import documents

ID_RE = re.compile(r"^EURA\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED_KEYS = {"id", "name", "severity", "kind", "message", "description", "examples"}
OPTIONAL_KEYS = {"params", "suggestion", "phrases", "summary", "sources"}
EXAMPLE_KEYS = {"description", "base", "text", "hex", "replace", "expect", "config", "table"}
# What a rule applies to: project descriptions, rows of project lists (CSV/TSV/XLSX), or both
SOURCES = ("description", "table")

FAMILIES = {
    "0": "Input and structure",
    "1": "Completeness",
    "2": "Funding",
    "3": "Geography",
    "4": "Dates and status",
    "5": "Identifiers, codes and programme",
    "6": "Indicators and principles",
    "7": "Tables",
}


class CatalogueError(Exception):
    """A rule file that cannot be used; the message names the file and the problem."""


# A text in every language eura-lint speaks: {"en": "...", "fi": "..."}
Texts = Mapping[str, str]


class Phrase(NamedTuple):
    """A part of a message that a check chooses (``problem=rule.phrase("no-co-implementers")``):
    one of the rule's ``phrases``, put into the rule's language when the finding is built."""

    key: str
    values: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A rule as its file gives it. ``message``, ``suggestion`` and each of ``phrases`` hold a
    template per language; ``lang`` is the language this copy of the rule speaks (the linter
    binds it from its context), so the checks build findings without knowing it."""

    id: str
    name: str
    severity: Severity
    kind: str
    message: Texts
    description: str
    params: Mapping[str, Any] = field(default_factory=dict)
    suggestion: Texts | None = None
    examples: Mapping[str, list[Mapping[str, Any]]] = field(default_factory=dict)
    sources: tuple[str, ...] = ("description",)
    phrases: Mapping[str, Texts] = field(default_factory=dict)
    # one sentence saying what the rule checks, in every language (--list-rules, SARIF); without
    # it, the description's first sentence
    summaries: Texts | None = None
    lang: str = DEFAULT
    # this copy's rendered messages and suggestions by their values (see finding); a copy made
    # with other parameters or another language starts empty
    rendered: dict[tuple, tuple[str, str | None]] = field(
        default_factory=dict, init=False, compare=False, repr=False)
    # the message and suggestion templates in ``lang``, looked up on the first finding and kept
    # (see _Templates)
    _templates: _Templates | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # a plain string is English (how rules are built by hand in tests and scripts)
        for name in ("message", "suggestion"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, {DEFAULT: value})

    @property
    def family(self) -> str:
        return FAMILIES.get(self.id[4], "Other")

    @property
    def summary(self) -> str:
        """What the rule checks, in one sentence in the rule's language, for short listings and
        SARIF: its ``summary``, else the first sentence of the description."""
        return self.summary_in(self.lang)

    def summary_in(self, lang: str) -> str:
        if self.summaries:
            return _in(self.summaries, lang)
        first = self.description.strip().split("\n\n", 1)[0].replace("\n", " ")
        return first.split(". ", 1)[0].rstrip(".") + "."

    def message_in(self, lang: str | None = None) -> str:
        """The message template in ``lang`` (default: the rule's own language)."""
        return _in(self.message, lang or self.lang)

    def suggestion_in(self, lang: str | None = None) -> str | None:
        return None if self.suggestion is None else _in(self.suggestion, lang or self.lang)

    def phrase(self, key: str, **values: object) -> Phrase:
        """One of this rule's ``phrases``, to be passed as a value of :meth:`finding`."""
        return Phrase(key, values)

    def render(self, template: str | None, values: Mapping[str, object]) -> str | None:
        if template is None:
            return None
        return template.format_map(_Defaults(self._shown(values)))

    def _shown(self, values: Mapping[str, object]) -> dict[str, object]:
        lang = self.lang
        shown = {}
        for key, value in values.items():
            kind = type(value)
            if kind is str or kind is int:  # the usual values, which format_value leaves as they are
                shown[key] = value
                continue
            if isinstance(value, Phrase):
                texts = self.phrases.get(value.key)
                value = (value.key if texts is None
                         else self.render(_in(texts, lang), value.values))
            shown[key] = format_value(value, lang)
        return shown

    def finding(self, path: str, line: int, column: int, suggestion: str | Phrase | None = None,
                **values: object) -> Finding:
        """Build this rule's finding; the message and suggestion templates are rendered here only,
        in the rule's language, with numbers and dates in that language's notation."""
        # A rule reports the same values again and again in a project list (a status gone
        # stale at one of a few hundred end dates, the same defect in many rows): the texts are
        # rendered once per distinct values, when every value is plain (see _values_key), and
        # at most RENDERED of them are kept per rule.
        key = _values_key(suggestion, values)
        if key is None:
            message, suggestion = self._texts(suggestion, values)
        else:
            texts = self.rendered.get(key)
            if texts is None:
                if len(self.rendered) >= RENDERED:
                    self.rendered.clear()
                texts = self.rendered[key] = self._texts(suggestion, values)
            message, suggestion = texts
        return Finding(path, max(line, 1), max(column, 1), self.id, self.name, self.severity,
                       message, suggestion)

    def _texts(self, suggestion: str | Phrase | None, values: Mapping[str, object]
               ) -> tuple[str, str | None]:
        """The message and the suggestion, rendered in the rule's language."""
        templates = self._templates
        if templates is None:
            templates = _Templates.of(self)
            object.__setattr__(self, "_templates", templates)
        if isinstance(suggestion, Phrase):
            suggestion = self.render("{s}", {"s": suggestion})
        # the values are put into the language's notation once, for the message and the
        # suggestion alike (a list of 20,000 rows has as many findings)
        shown = _Defaults(self._shown(values))
        if suggestion is None:
            suggestion = (templates.suggestion.format_map(shown) if templates.suggestion_fields
                          else templates.suggestion)
        return templates.message.format_map(shown), suggestion

    def with_overrides(self, severity: Severity | None, params: Mapping[str, Any] | None) -> RuleSpec:
        merged = {**self.params, **(params or {})}
        return replace(self, severity=severity or self.severity, params=merged)

    def in_language(self, lang: str) -> RuleSpec:
        """This rule speaking ``lang``."""
        return self if lang == self.lang else replace(self, lang=lang)


# how many rendered texts a rule keeps (see RuleSpec.finding), and the longest text value of
# a finding whose texts are kept
RENDERED = 2048
RENDERED_VALUE = 200


def _values_key(suggestion: object, values: Mapping[str, object]) -> tuple | None:
    """What a finding's texts are rendered from, as a key, when every value is plain (a short
    string, an int, a date, a Decimal); None otherwise (a phrase, a float, a long text). The
    class is part of what makes a key: ``True == 1 == 1.0`` are shown apart, and so are
    ``Decimal("1.0")`` and ``Decimal("1.00")``, which compare equal (a Decimal's key is its
    text)."""
    if suggestion is not None and suggestion.__class__ is not str:
        return None
    key: list[object] = [suggestion]
    for name, value in values.items():
        kind = value.__class__
        if kind is str:
            if len(value) > RENDERED_VALUE:
                return None
        elif kind is Decimal:
            value = (kind, str(value))
        elif kind is not int and kind is not dt.date:
            return None
        key.append(name)
        key.append(value)
    return tuple(key)


def _in(texts: Texts, lang: str) -> str:
    return texts.get(lang) or texts[DEFAULT]


class _Templates(NamedTuple):
    """A rule's message and suggestion in the rule's language, as its findings use them: chosen
    at the rule's first finding and kept, and a suggestion without placeholders (most have none)
    formatted then, not for each of a run's findings (28,000 in the 20,000-row list)."""

    message: str
    suggestion: str | None  # the template, or its text when it has no placeholders
    suggestion_fields: bool  # whether it has placeholders, and is formatted per finding

    @classmethod
    def of(cls, rule: RuleSpec) -> _Templates:
        suggestion = rule.suggestion_in()
        fields = suggestion is not None and bool(template_fields(suggestion))
        if suggestion is not None and not fields:
            suggestion = suggestion.format_map({})  # "{{" and "}}" are braces, as format writes them
        return cls(rule.message_in(), suggestion, fields)


class _Defaults(dict):
    """Leaves an unknown placeholder visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


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
    message = _texts(data["message"], "message", fail)
    suggestion = (_texts(data["suggestion"], "suggestion", fail)
                  if data.get("suggestion") is not None else None)
    phrases = data.get("phrases") or {}
    if not isinstance(phrases, dict):
        raise fail("phrases must map a phrase's key to its text in every language")
    phrases = {str(key): _texts(texts, f"phrases.{key}", fail) for key, texts in phrases.items()}
    summaries = (_texts(data["summary"], "summary", fail)
                 if data.get("summary") is not None else None)
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) - {"pass", "fail"}:
        raise fail("examples must be a mapping with 'pass' and 'fail' lists")
    for group in ("pass", "fail"):
        cases = examples.get(group) or []
        if not isinstance(cases, list) or not cases:
            raise fail(f"examples.{group} must be a non-empty list")
        for index, case in enumerate(cases):
            if not isinstance(case, dict) or set(case) - EXAMPLE_KEYS:
                raise fail(f"examples.{group}: each case is a mapping of {sorted(EXAMPLE_KEYS)}")
            problem = _example_problem(group, case)
            if problem:
                raise fail(f"examples.{group}[{index}]: {problem}")
    sources = data.get("sources", ["description"])
    if (not isinstance(sources, list) or not sources
            or any(source not in SOURCES for source in sources)):
        raise fail(f"sources must be a list of: {', '.join(SOURCES)}")
    return RuleSpec(
        id=rule_id, name=str(data["name"]), severity=severity, kind=str(data["kind"]),
        message=message, description=str(data["description"]).strip(),
        params=params, suggestion=suggestion, examples=examples, phrases=phrases,
        summaries=summaries, sources=tuple(s for s in SOURCES if s in sources),
    )


def _example_problem(group: str, case: dict) -> str | None:
    """What is wrong with an example's expectations and settings, if anything. A failing example
    lists every finding of its rule as ``[line, column, message]`` (the message in English); a
    passing one expects none. ``config`` holds the settings it is linted with: ``today``, the
    lint date, and ``params``, the rule's parameters changed."""
    config = case.get("config", {})
    if not isinstance(config, dict) or set(config) - {"today", "params"}:
        return "config may hold only today and params"
    if not isinstance(config.get("params", {}), dict):
        return "config.params must be a mapping of the rule's parameters"
    if "today" in config:
        today = config["today"]
        try:
            if not isinstance(today, dt.date):
                dt.date.fromisoformat(str(today))
        except ValueError:
            return f"config.today {today!r} is not a date (YYYY-MM-DD)"
    if group == "pass":
        return "a passing example expects no finding: it has no expect" if "expect" in case else None
    expect = case.get("expect")
    if (not isinstance(expect, list) or not expect
            or not all(isinstance(item, list) and len(item) == 3
                       and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1
                               for n in item[:2])
                       and isinstance(item[2], str) and item[2] for item in expect)):
        return "expect must list each finding as [line, column, message]"
    return None


def _texts(value: Any, where: str, fail: Any) -> dict[str, str]:
    """A text in every language, each with the same placeholders as the English."""
    known = languages()
    if not isinstance(value, dict):
        raise fail(f"{where} must give the text in every language ({', '.join(known)}), "
                   f"e.g. {where}: {{en: ..., fi: ...}}")
    missing = [lang for lang in known if not isinstance(value.get(lang), str) or not value[lang]]
    if missing:
        raise fail(f"{where}: no text in {', '.join(missing)}")
    unknown = set(value) - set(known)
    if unknown:
        raise fail(f"{where}: unknown language(s) {', '.join(sorted(map(str, unknown)))}")
    try:
        expected = template_fields(value[DEFAULT])
        for lang in known:
            found = template_fields(value[lang])
            if found != expected:
                raise fail(f"{where}.{lang}: placeholders {sorted(found)} differ from "
                           f"the English {sorted(expected)}")
    except ValueError as exc:  # an unbalanced brace
        raise fail(f"{where}: not a valid template: {exc}") from None
    return {lang: value[lang] for lang in known}


@cache
def read_rule_files(directory: Path | None = None) -> dict[str, RuleSpec]:
    """Every rule file parsed, by id, in id order (kinds and parameters are not judged here).
    The package's own catalogue (``directory`` None) is read through the cache of
    :mod:`eura_lint.yaml_cache` when it holds these files' texts."""
    packaged = directory is None
    directory = directory or rules_dir()
    rules: dict[str, RuleSpec] = {}
    names: dict[str, str] = {}
    paths = sorted(directory.glob("*.yaml"))
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CatalogueError(f"{path.name}: cannot be read: {exc}") from None
    read = partial(_read_yaml, paths, texts)
    for path, data in zip(paths, documents("catalogue", str(directory), texts, read)
                          if packaged else read()):
        rule = parse_rule(data, path.name)
        if rule.name in names:
            raise CatalogueError(f"{path.name}: name {rule.name} is also used by {names[rule.name]}")
        names[rule.name] = rule.id
        rules[rule.id] = rule
    if not rules:
        raise CatalogueError(f"no rule files found in {directory}")
    return rules


def _read_yaml(paths: list[Path], texts: list[str]) -> list[Any]:
    import yaml  # (only when the cache does not hold the files: see eura_lint.yaml_cache)

    # libyaml's safe loader when PyYAML was built with it (same results, ~8x faster to load)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = []
    for path, text in zip(paths, texts):
        try:
            found.append(yaml.load(text, Loader=loader))
        except yaml.YAMLError as exc:
            raise CatalogueError(f"{path.name}: cannot be read: {exc}") from None
    return found
