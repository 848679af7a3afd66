"""Configuration: ``.eura-lint.yaml`` or ``[tool.eura-lint]`` in ``pyproject.toml``.

Found by walking up from the working directory (the first folder with either file wins), or
named with ``--config``. Every key is checked; an unknown key, rule or parameter is an error with
the file's name, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .catalogue import RuleSpec
from .finding import Severity
from .kinds import params_problem
from .suggest import did_you_mean

CONFIG_NAMES = (".eura-lint.yaml", ".eura-lint.yml")
TOP_KEYS = {"select", "ignore", "fail-on", "today", "jobs", "rules", "exclude", "extend-exclude",
            "per-file-ignores", "baseline", "columns", "lang"}
RULE_KEYS = {"enabled", "severity", "params"}
FAIL_LEVELS = ("error", "warning", "info", "never")


class ConfigError(Exception):
    pass


@dataclass
class Config:
    source: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    today: dt.date | None = None
    jobs: int | None = None
    lang: str | None = None  # the language of messages (en, fi); None: the locale's
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule id -> override
    # project lists: table key (project_code, granted, ...) -> the column name(s) of an export
    columns: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] | None = None  # replaces selection.DEFAULT_EXCLUDES
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> rule patterns
    baseline: Path | None = None  # relative paths are resolved from the file's folder
    root: Path | None = None  # the configuration file's folder: what path patterns are relative to


def discover(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "eura-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None


def load(path: Path, catalogue: Mapping[str, RuleSpec]) -> Config:
    """Read a configuration file; the parser is chosen by its name: ``pyproject.toml`` (its
    ``[tool.eura-lint]`` table), any other ``*.toml`` (the whole file, or its
    ``[tool.eura-lint]`` table when it has one), else YAML."""
    if path.name == "pyproject.toml":
        data = _read_toml(path).get("tool", {}).get("eura-lint", {})
    elif path.suffix.lower() == ".toml":
        data = _read_toml(path)
        if set(data) == {"tool"} and isinstance(data["tool"], dict) and "eura-lint" in data["tool"]:
            data = data["tool"]["eura-lint"]
    else:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            # (PyYAML raises a bare ValueError for a date that does not exist, e.g. 2026-13-01)
            raise ConfigError(f"{path}: cannot be read: {exc}") from None
    config = parse(data, str(path), catalogue)
    config.root = path.resolve().parent
    if config.baseline is not None and not config.baseline.is_absolute():
        config.baseline = config.root / config.baseline
    return config


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of rule ids, prefixes or names")
    return [part.strip() for v in value for part in v.split(",") if part.strip()]


def parse(data: Any, source: str, catalogue: Mapping[str, RuleSpec]) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a mapping")
    unknown = sorted(map(str, set(data) - TOP_KEYS))
    if unknown:
        hint = did_you_mean(unknown[0], TOP_KEYS) if len(unknown) == 1 else ""
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}{hint}; "
                          f"known: {', '.join(sorted(TOP_KEYS))}")
    config = Config(source=source)
    config.select = _string_list(data.get("select", []), f"{source}: select")
    config.ignore = _string_list(data.get("ignore", []), f"{source}: ignore")
    if "fail-on" in data:
        config.fail_on = str(data["fail-on"]).lower()
        if config.fail_on not in FAIL_LEVELS:
            raise ConfigError(f"{source}: fail-on must be one of {', '.join(FAIL_LEVELS)}")
    if "today" in data:
        config.today = parse_date(data["today"], f"{source}: today")
    if "jobs" in data:
        if not isinstance(data["jobs"], int) or data["jobs"] < 1:
            raise ConfigError(f"{source}: jobs must be a whole number of at least 1")
        config.jobs = data["jobs"]
    if "lang" in data:
        from .i18n import languages

        config.lang = str(data["lang"]).lower()
        if config.lang not in languages():
            raise ConfigError(f"{source}: lang must be one of {', '.join(languages())}")
    if "columns" in data:
        config.columns = _columns(data["columns"], f"{source}: columns")
    for key in ("exclude", "extend-exclude"):
        if key in data:
            value = data[key]
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: {key} must be a list of path patterns")
            if key == "exclude":
                config.exclude = list(value)
            else:
                config.extend_exclude = list(value)
    if "per-file-ignores" in data:
        ignores = data["per-file-ignores"]
        if not isinstance(ignores, dict):
            raise ConfigError(f"{source}: per-file-ignores must map path patterns to rule lists")
        for glob, patterns in ignores.items():
            where = f"{source}: per-file-ignores.{glob}"
            listed = _string_list(patterns, where)
            for pattern in listed:
                if not _matches_a_rule(pattern, catalogue):
                    raise ConfigError(f"{where}: {pattern!r} matches no rule"
                                      f"{did_you_mean(pattern, _rule_words(catalogue))}")
            config.per_file_ignores[str(glob)] = listed
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"]:
            raise ConfigError(f"{source}: baseline must be the path of a baseline file")
        config.baseline = Path(data["baseline"])
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{source}: rules must map rule ids or names to settings")
    by_name = {rule.name: rule for rule in catalogue.values()}
    written: dict[str, str] = {}  # rule id -> the key it was configured under
    for key, settings in rules.items():
        rule = catalogue.get(str(key).upper()) or by_name.get(str(key))
        if rule is None:
            raise ConfigError(f"{source}: rules: unknown rule {key!r}"
                              f"{did_you_mean(str(key), _rule_words(catalogue))}")
        if rule.id in written:
            raise ConfigError(f"{source}: rules.{written[rule.id]} and rules.{key} both configure "
                              f"{rule.id} ({rule.name}); keep one")
        written[rule.id] = str(key)
        config.rules[rule.id] = _rule_override(rule, settings, f"{source}: rules.{key}")
    return config


def _columns(value: Any, where: str) -> dict[str, list[str]]:
    """``columns:`` maps what a column holds (``project_code``, ``granted``, ...) to the name, or
    names, an export gives it."""
    from .tables.header import TABLE_KEYS

    if not isinstance(value, dict):
        raise ConfigError(f"{where} must map column keys to column names")
    columns = {}
    for key, names in value.items():
        if key not in TABLE_KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}; known: {', '.join(TABLE_KEYS)}")
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not names or not all(
                isinstance(n, str) and n.strip() for n in names):
            raise ConfigError(f"{where}.{key} must be a column name or a list of names")
        columns[key] = names
    return columns


def _rule_words(catalogue: Mapping[str, RuleSpec]) -> list[str]:
    return [*catalogue, *(rule.name for rule in catalogue.values())]


def _matches_a_rule(pattern: str, catalogue: Mapping[str, RuleSpec]) -> bool:
    return any(rule.id.startswith(pattern.upper()) or rule.name == pattern.lower()
               for rule in catalogue.values())


def _rule_override(rule: RuleSpec, settings: Any, where: str) -> dict[str, Any]:
    if not isinstance(settings, dict):
        raise ConfigError(f"{where} must be a mapping of {', '.join(sorted(RULE_KEYS))}")
    for key in settings:
        if key not in RULE_KEYS:
            raise ConfigError(f"{where}.{key}: unknown key{did_you_mean(str(key), RULE_KEYS)}; "
                              f"a rule's keys are {', '.join(sorted(RULE_KEYS))}")
    override: dict[str, Any] = {}
    if "enabled" in settings:
        if not isinstance(settings["enabled"], bool):
            raise ConfigError(f"{where}.enabled must be true or false")
        override["enabled"] = settings["enabled"]
    if "severity" in settings:
        try:
            override["severity"] = Severity.parse(str(settings["severity"]))
        except ValueError as exc:
            raise ConfigError(f"{where}.severity: {exc}") from None
    if "params" in settings:
        params = settings["params"]
        if not isinstance(params, dict):
            raise ConfigError(f"{where}.params must be a mapping")
        unknown = set(params) - set(rule.params)
        if unknown:
            known = ", ".join(sorted(rule.params)) or "none"
            raise ConfigError(f"{where}.params: unknown parameter(s) {', '.join(sorted(unknown))}"
                              f" (this rule's: {known})")
        for name, value in params.items():
            problem = _param_type_problem(name, value, rule.params[name])
            if problem:
                raise ConfigError(f"{where}.params.{name}: {problem}")
        problem = params_problem(rule.with_overrides(None, params))
        if problem:
            raise ConfigError(f"{where}.params: {problem}")
        override["params"] = params
    return override


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
               list: "a list", dict: "a mapping", dt.date: "a date"}


def _param_type_problem(name: str, value: Any, default: Any) -> str | None:
    """A parameter must have the type of the rule's own default (a number for a number, ...), and
    a regular expression must compile, so that a typo fails here and not in the middle of a run."""
    expected = type(default)
    if _is_number(default) and _is_number(value):
        return None  # 0 and 0.5 alike
    if isinstance(value, dt.date) and isinstance(default, str):
        return None  # a date written unquoted in YAML, where the default is an ISO date string
    if (expected is not bool and isinstance(value, bool)) or not isinstance(value, expected):
        return f"must be {_TYPE_NAMES.get(expected, expected.__name__)} (like the default {default!r})"
    if name == "regex":
        try:
            re.compile(value)
        except re.error as exc:
            return f"is not a valid regular expression: {exc}"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
