"""Configuration: ``.eura-lint.yaml`` or ``[tool.eura-lint]`` in ``pyproject.toml``.

Found by walking up from the working directory (the first folder with either file wins), or
named with ``--config``. Every key is checked; an unknown key, rule or parameter is an error with
the file's name, never silently ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .catalogue import RuleSpec
from .finding import Severity
from .readers.inputs import (MAX_FILE_SIZE, MAX_TABLE_SIZE, InputError, WorkbookLimits,
                             parse_size, read_regular)
from .kinds import params_problem
from .readers.discovery import pattern_problem
from .selector import find_rule, rule_words, split_patterns, unknown_patterns
from .suggest import did_you_mean

CONFIG_NAMES = (".eura-lint.yaml", ".eura-lint.yml")
TOP_KEYS = {"select", "ignore", "fail-on", "today", "jobs", "rules", "exclude", "extend-exclude",
            "per-file-ignores", "baseline", "columns", "max-file-size", "max-table-size",
            "max-workbook-cells", "max-workbook-xml", "max-workbook-text", "lang"}
RULE_KEYS = {"enabled", "severity", "params"}
FAIL_LEVELS = ("error", "warning", "info", "never")
MAX_JOBS = 256  # worker processes; more is a typo (jobs: 100000), not a machine
# A configuration is a few dozen lines. Bounds that no real one reaches, so that a hostile or
# broken file (a YAML alias bomb, 100,000 levels of nesting) is refused at once, with a reason.
MAX_CONFIG_SIZE = 1024 * 1024  # bytes
MAX_DEPTH = 32  # levels of nested mappings and lists
MAX_NODES = 100_000  # values, with every alias counted as a copy of what it stands for


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
    max_file_size: int = MAX_FILE_SIZE
    max_table_size: int = MAX_TABLE_SIZE
    workbook: WorkbookLimits = field(default_factory=WorkbookLimits)


def discover(start: Path, note: Callable[[str], None] | None = None) -> Path | None:
    """The nearest ``.eura-lint.yaml`` or ``pyproject.toml`` with a ``[tool.eura-lint]`` table.
    A pyproject.toml that cannot be read and does not mention eura-lint is another tool's
    business: it is passed over (``note`` is told why), not judged."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            data = _read_toml(pyproject)
        except ConfigError as exc:
            if _mentions_us(pyproject):
                raise
            if note is not None:
                note(f"skipping {exc} (it does not mention eura-lint)")
            continue
        tool = data.get("tool")
        if isinstance(tool, dict) and "eura-lint" in tool:
            return pyproject
    return None


def _mentions_us(path: Path) -> bool:
    try:
        return b"eura-lint" in read_regular(str(path), MAX_CONFIG_SIZE, setting=None)
    except (InputError, OSError):
        return False


def _read_text(path: Path) -> str:
    try:
        data = read_regular(str(path), MAX_CONFIG_SIZE, setting=None)
        return data.decode("utf-8-sig")
    except InputError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot be read: not UTF-8 (byte {exc.start})") from None


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    text = _read_text(path)
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"{path}: cannot be read: not valid TOML: {exc}") from None


@cache
def _config_loader() -> type:
    """The safe loader (libyaml's when PyYAML has it), except that dates stay text: they are
    parsed by this module, so that ``today: 2026-13-01`` is reported with its key, not as a load
    failure. (PyYAML is imported when a YAML configuration is read: a run without one reads the
    package's own YAML from eura_lint.yaml_cache's cache.)"""
    import yaml

    safe = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class ConfigLoader(safe):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers = {
            first: [(tag, regex) for tag, regex in resolvers
                    if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in safe.yaml_implicit_resolvers.items()
        }

    return ConfigLoader


def _load_yaml(text: str, path: Path) -> Any:
    """The YAML document of ``text``, within MAX_DEPTH levels and MAX_NODES values."""
    import yaml

    config_loader = _config_loader()
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
               yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    try:
        # Depth first, from the token stream (the scanner does not recurse, the composer would)
        depth = 0
        for token in yaml.scan(text, Loader=config_loader):
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    line = token.start_mark.line + 1
                    raise ConfigError(f"{path}:{line}: nested more than {MAX_DEPTH} levels deep")
            elif isinstance(token, closing):
                depth -= 1
        loader = config_loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            size = _expanded_size(node, {}, (yaml.SequenceNode, yaml.MappingNode))
            if size > MAX_NODES:
                raise ConfigError(f"{path}: holds {size:,} values once its aliases are expanded, "
                                  f"more than {MAX_NODES:,}: is it an alias bomb?")
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = f"{exc.problem} ({exc.context})" if exc.context else str(exc.problem)
        raise ConfigError(f"{where}: invalid YAML: {problem}") from None
    except (yaml.YAMLError, ValueError) as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None


def _expanded_size(node: Any, sizes: dict[int, int], kinds: tuple[type, type]) -> int:
    """How many values ``node`` stands for, an alias counting as many as its anchor's node
    (computed once per node: a billion laughs are counted in microseconds, not built);
    ``kinds``: PyYAML's sequence and mapping nodes."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = MAX_NODES + 1  # while counting: a node that holds itself is endless
    size = 1
    sequence, mapping = kinds
    if isinstance(node, sequence):
        size += sum(_expanded_size(child, sizes, kinds) for child in node.value)
    elif isinstance(node, mapping):
        size += sum(_expanded_size(key, sizes, kinds) + _expanded_size(value, sizes, kinds)
                    for key, value in node.value)
    sizes[id(node)] = size
    return size


def load(path: Path, catalogue: Mapping[str, RuleSpec]) -> Config:
    """Read a configuration file; the parser is chosen by its name: ``pyproject.toml`` (its
    ``[tool.eura-lint]`` table), any other ``*.toml`` (the whole file, or its
    ``[tool.eura-lint]`` table when it has one), else YAML."""
    if path.name == "pyproject.toml":
        tool = _read_toml(path).get("tool")
        if not isinstance(tool, dict) or "eura-lint" not in tool:
            raise ConfigError(f"{path}: has no [tool.eura-lint] table")
        data = tool["eura-lint"]
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.eura-lint must be a table")
    elif path.suffix.lower() == ".toml":
        data = _read_toml(path)
        tool = data.get("tool")
        if set(data) == {"tool"} and isinstance(tool, dict) and "eura-lint" in tool:
            data = tool["eura-lint"]
    else:
        data = _load_yaml(_read_text(path), path)
        data = {} if data is None else data
    config = parse(data, str(path), catalogue)
    config.root = path.resolve().parent
    if config.baseline is not None and not config.baseline.is_absolute():
        config.baseline = config.root / config.baseline
    return config


def _string_list(value: Any, where: str, catalogue: Mapping[str, RuleSpec] | None = None
                 ) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: must be a list of rule ids, prefixes or names")
    patterns = split_patterns(value)
    for pattern in unknown_patterns(patterns, catalogue)[:1] if catalogue is not None else ():
        raise ConfigError(f"{where}: {pattern} matches no rule (use an id such as EURA201, "
                          "an id prefix such as EURA2, or a name)"
                          f"{did_you_mean(pattern, rule_words(catalogue))}")
    return patterns


def parse(data: Any, source: str, catalogue: Mapping[str, RuleSpec]) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a mapping")
    unknown = sorted(map(str, set(data) - TOP_KEYS))
    if unknown:
        hint = did_you_mean(unknown[0], TOP_KEYS) if len(unknown) == 1 else ""
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}{hint}; "
                          f"known: {', '.join(sorted(TOP_KEYS))}")
    config = Config(source=source)
    config.select = _string_list(data.get("select", []), f"{source}: select", catalogue)
    config.ignore = _string_list(data.get("ignore", []), f"{source}: ignore", catalogue)
    if "fail-on" in data:
        if not isinstance(data["fail-on"], str) or data["fail-on"].lower() not in FAIL_LEVELS:
            raise ConfigError(f"{source}: fail-on: must be one of {', '.join(FAIL_LEVELS)}")
        config.fail_on = data["fail-on"].lower()
    if "today" in data:
        config.today = iso_date(data["today"], f"{source}: today")
    if "jobs" in data:
        jobs = data["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
            raise ConfigError(f"{source}: jobs: must be a whole number from 1 to {MAX_JOBS}, "
                              f"not {_show(jobs)}")
        config.jobs = jobs
    for key in ("max-file-size", "max-table-size"):
        if key in data:
            size = parse_size(data[key])
            if size is None:
                raise ConfigError(f"{source}: {key}: must be a size in bytes, such as 4194304 "
                                  f"or '4 MiB', not {_show(data[key])}")
            setattr(config, key.replace("-", "_"), size)
    for key, unit in (("max-workbook-cells", "cells"), ("max-workbook-xml", "bytes"),
                      ("max-workbook-text", "characters")):
        if key in data:
            value = data[key]
            amount = parse_size(value) if unit == "bytes" else (
                value if isinstance(value, int) and not isinstance(value, bool) and value > 0
                else None)
            if amount is None:
                example = "'256 MiB'" if unit == "bytes" else "2000000"
                raise ConfigError(f"{source}: {key}: must be a number of {unit} above 0, such as "
                                  f"{example}, not {_show(value)}")
            field_name = key.rpartition("-")[2]
            config.workbook = dataclasses.replace(config.workbook, **{field_name: amount})
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
            for pattern in value:
                problem = pattern_problem(pattern)
                if problem:
                    raise ConfigError(f"{source}: {key}: {problem}")
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
            problem = pattern_problem(str(glob))
            if problem:
                raise ConfigError(f"{source}: per-file-ignores: {problem}")
            listed = _string_list(patterns, where)
            for pattern in unknown_patterns(listed, catalogue)[:1]:
                raise ConfigError(f"{where}: {pattern!r} matches no rule"
                                  f"{did_you_mean(pattern, rule_words(catalogue))}")
            config.per_file_ignores[str(glob)] = listed
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"]:
            raise ConfigError(f"{source}: baseline must be the path of a baseline file")
        config.baseline = Path(data["baseline"])
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{source}: rules: must map rule ids or names to settings")
    written: dict[str, str] = {}  # rule id -> the key it was configured under
    for key, settings in rules.items():
        rule = find_rule(str(key), catalogue)
        if rule is None:
            raise ConfigError(f"{source}: rules.{key}: unknown rule {key!r}"
                              f"{did_you_mean(str(key), rule_words(catalogue))}")
        if rule.id in written:
            raise ConfigError(f"{source}: rules.{written[rule.id]} and rules.{key} both configure "
                              f"{rule.id} ({rule.name}); keep one")
        written[rule.id] = str(key)
        config.rules[rule.id] = _rule_override(rule, settings, f"{source}: rules.{key}")
    return config


def _columns(value: Any, where: str) -> dict[str, list[str]]:
    """``columns:`` maps what a column holds (``project_code``, ``granted``, ...) to the name, or
    names, an export gives it."""
    from .readers.project_list.header import TABLE_KEYS

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


def _rule_override(rule: RuleSpec, settings: Any, where: str) -> dict[str, Any]:
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: must be a mapping of {', '.join(sorted(RULE_KEYS))}")
    for key in settings:
        if key not in RULE_KEYS:
            raise ConfigError(f"{where}.{key}: unknown key{did_you_mean(str(key), RULE_KEYS)}; "
                              f"a rule's keys are {', '.join(sorted(RULE_KEYS))}")
    override: dict[str, Any] = {}
    if "enabled" in settings:
        if not isinstance(settings["enabled"], bool):
            raise ConfigError(f"{where}.enabled: must be true or false")
        override["enabled"] = settings["enabled"]
    if "severity" in settings:
        try:
            override["severity"] = Severity.parse(str(settings["severity"]))
        except ValueError as exc:
            raise ConfigError(f"{where}.severity: {exc}") from None
    if "params" in settings:
        params = settings["params"]
        if not isinstance(params, dict):
            raise ConfigError(f"{where}.params: must be a mapping")
        unknown = set(map(str, params)) - set(rule.params)
        if unknown:
            known = ", ".join(sorted(rule.params)) or "none"
            raise ConfigError(f"{where}.params: unknown parameter(s) {', '.join(sorted(unknown))}"
                              f" (this rule's: {known})")
        checked = {name: check_param(value, rule.params[name], f"{where}.params.{name}", name)
                   for name, value in params.items()}
        _check_bounds({**rule.params, **checked}, f"{where}.params")
        # then what the rule's kind itself requires (known sections, fields, columns, ...)
        problem = params_problem(rule.with_overrides(None, checked))
        if problem:
            raise ConfigError(f"{where}.params: {problem}")
        override["params"] = checked
    return override


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
               list: "a list", dict: "a mapping"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_param(value: Any, default: Any, where: str, name: str = "") -> Any:
    """``value`` checked against the rule's own default, all the way down: a number for a number
    (finite), a date for an ISO date, a list of what the default's list holds, a mapping whose
    values are what the default's values are; a ``regex`` must compile, a count (a whole default
    of at least 0 other than a range's ``min``/``max``) be a whole number of at least 0. Returns the value to use (a date as its ISO text, as the defaults
    are written); raises :class:`ConfigError` naming the key path ``where``. Generic over the
    rule kinds, so a parameter needs no validation code of its own to be safe at lint time."""
    def fail(problem: str) -> ConfigError:
        return ConfigError(f"{where}: {problem}")

    if _is_number(default):
        # A whole, non-negative default other than a range's limit is a count (grace_days,
        # national_min_regions): the value must be one too.
        count = isinstance(default, int) and default >= 0 and name not in ("min", "max")
        expected = ("a whole number of days, at least 0" if name.endswith("_days") else
                    "a whole number, at least 0" if count else "a finite number")
        if not _is_number(value) or not math.isfinite(value) or count and (
                value < 0 or value != int(value)):
            raise fail(f"must be {expected} (like the default {default!r}), not {_show(value)}")
        return value
    if isinstance(default, str) and _ISO_DATE.fullmatch(default):
        if isinstance(value, (dt.date, str)):
            return iso_date(value, where).isoformat()
        raise fail(f"must be a date (YYYY-MM-DD, like the default {default}), not {_show(value)}")
    if isinstance(default, (bool, str)):
        if type(value) is not type(default):
            raise fail(f"must be {_TYPE_NAMES[type(default)]} (like the default {default!r}), "
                       f"not {_show(value)}")
        known = _vocabulary(name)
        if known is not None and value not in known:
            raise fail(f"{value!r} is not one of: {', '.join(known)}")
        if name == "regex":
            try:
                re.compile(value)
            except re.error as exc:
                raise fail(f"is not a valid regular expression: {exc}") from None
        return value
    if isinstance(default, list):
        if not isinstance(value, list):
            raise fail(f"must be a list (like the default {_show(default)}), not {_show(value)}")
        if not default:
            return value
        return [check_param(item, default[0], f"{where}[{index}]", name)
                for index, item in enumerate(value)]
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise fail(f"must be a mapping (like the default {_show(default)}), "
                       f"not {_show(value)}")
        if not default:
            return value
        sample = next(iter(default.values()))
        checked = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise fail(f"keys must be strings, not {_show(key)}")
            checked[key] = check_param(item, default.get(key, sample), f"{where}.{key}", name)
        return checked
    return value  # a default of another type (none in the catalogue): nothing to compare


def _vocabulary(name: str) -> tuple[str, ...] | None:
    """The closed set a parameter's strings come from, known by its name (``sections``,
    ``target_sections``: section numbers; ``fields``: field keys), or None."""
    from .page import FIELDS, SECTION_TITLES

    if name.endswith("sections"):
        return tuple(SECTION_TITLES)
    if name == "fields":
        return tuple(FIELDS)
    return None


def _check_bounds(params: Mapping[str, Any], where: str) -> None:
    """``min`` and ``max`` of one rule, both given: the lower must not exceed the upper."""
    low, high = params.get("min"), params.get("max")
    if low is None or high is None or type(low) is not type(high) and not (
            _is_number(low) and _is_number(high)):
        return
    if low > high:
        raise ConfigError(f"{where}: min ({low}) is greater than max ({high})")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _show(value: Any) -> str:
    """A value for a message, cut short: it may be anything a file holds."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def iso_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is not None and _ISO_DATE.fullmatch(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError as exc:
            raise ConfigError(f"{where}: {text.strip()} is no day of the calendar ({exc})") from None
    raise ConfigError(f"{where}: {_show(value)} is not a date (YYYY-MM-DD)")
