"""Configuration is validated when it is loaded: every bad value is a ConfigError naming the file and
the key path, never a crash at lint time; hostile YAML is refused at once."""

from __future__ import annotations

import datetime as dt

import pytest

from eura_lint.config import ConfigError, discover, load
from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_text

from .helpers import seed_path


def load_yaml(tmp_path, text: str, catalogue):
    path = tmp_path / ".eura-lint.yaml"
    path.write_text(text, encoding="utf-8")
    return path, load(path, catalogue)


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ("rules:\n  EURA404:\n    params: {grace_days: .nan}\n",
         "rules.EURA404.params.grace_days", "whole number of days"),
        ("rules:\n  EURA404:\n    params: {grace_days: .inf}\n",
         "rules.EURA404.params.grace_days", "whole number of days"),
        ("rules:\n  EURA404:\n    params: {grace_days: -1}\n",
         "rules.EURA404.params.grace_days", "at least 0"),
        ("rules:\n  EURA404:\n    params: {grace_days: 1.5}\n",
         "rules.EURA404.params.grace_days", "whole number of days"),
        ("rules:\n  EURA402:\n    params: {min: yesterday}\n",
         "rules.EURA402.params.min", "is not a date"),
        ("rules:\n  EURA403:\n    params: {earliest: 2020-02-30}\n",
         "rules.EURA403.params.earliest", "is no day of the calendar"),
        ("rules:\n  EURA403:\n    params: {objective_prefixes: [1]}\n",
         "rules.EURA403.params.objective_prefixes[0]", "must be a string"),
        ("rules:\n  EURA503:\n    params: {prefixes: {ESR: 1}}\n",
         "rules.EURA503.params.prefixes.ESR", "must be a string"),
        ("rules:\n  EURA605:\n    params: {titles: {ESR: 5}}\n",
         "rules.EURA605.params.titles.ESR", "must be a mapping"),
        ("rules:\n  EURA605:\n    params: {titles: {ESR: {'7.1': 5}}}\n",
         "rules.EURA605.params.titles.ESR.7.1", "must be a string"),
        ("rules:\n  EURA602:\n    params: {answers: [1]}\n",
         "rules.EURA602.params.answers[0]", "must be a string"),
        ("rules:\n  EURA602:\n    params: {answers: Kyllä}\n",
         "rules.EURA602.params.answers", "must be a list"),
        ("rules:\n  EURA601:\n    params: {min: 5, max: 1}\n",
         "rules.EURA601.params", "min (5) is greater than max (1)"),
        ("rules:\n  EURA312:\n    params: {national_min_regions: -3}\n",
         "rules.EURA312.params.national_min_regions", "a whole number, at least 0"),
        ("rules:\n  EURA601:\n    params: {max: .inf}\n",
         "rules.EURA601.params.max", "finite number"),
        ("rules:\n  score-out-of-range:\n    params: {max: true}\n",
         "rules.score-out-of-range.params.max", "finite number"),
        ("rules:\n  EURA406:\n    params: {regex: '(['}\n",
         "rules.EURA406.params.regex", "not a valid regular expression"),
        ("rules:\n  EURA101:\n    enabled: 1\n", "rules.EURA101.enabled", "true or false"),
        ("jobs: true\n", "jobs", "from 1 to 256"),
        ("jobs: 100000\n", "jobs", "from 1 to 256"),
        ("jobs: 0\n", "jobs", "from 1 to 256"),
        ("today: 2026-13-01\n", "today", "is no day of the calendar"),
        ("today: 2024-02-30\n", "today", "is no day of the calendar"),
        ("today: tomorrow\n", "today", "is not a date"),
        ("select: [EURA999]\n", "select", "EURA999 matches no rule"),
        ("ignore: EURA1, nonsense-rule\n", "ignore", "nonsense-rule matches no rule"),
        ("fail-on: [error]\n", "fail-on", "must be one of"),
        ("max-file-size: -1\n", "max-file-size", "must be a size in bytes"),
        ("max-table-size: lots\n", "max-table-size", "must be a size in bytes"),
        ("rules:\n  EURA999: {enabled: false}\n", "rules.EURA999", "unknown rule"),
    ],
)
def test_each_bad_value_names_the_file_and_the_key_path(tmp_path, catalogue, text, where, problem):
    with pytest.raises(ConfigError) as error:
        load_yaml(tmp_path, text, catalogue)
    message = str(error.value)
    assert message.startswith(f"{tmp_path / '.eura-lint.yaml'}: {where}: ")
    assert problem in message


def test_good_values_are_kept_and_lint_as_before(tmp_path, catalogue):
    path, config = load_yaml(tmp_path, (
        "today: 2022-12-31\n"
        "jobs: 2\n"
        "max-file-size: 1 MiB\n"
        "max-table-size: 100000000\n"
        "rules:\n"
        "  EURA402: {params: {min: 2015-01-01}}\n"
        "  EURA404: {params: {grace_days: 30}}\n"
        "  EURA601: {params: {min: 0, max: 7.5}}\n"
        "  EURA605: {params: {titles: {ESR: {'7.1': Osallistuvat yritykset}}}}\n"), catalogue)
    assert (config.today, config.jobs) == (dt.date(2022, 12, 31), 2)
    assert (config.max_file_size, config.max_table_size) == (1 << 20, 100_000_000)
    assert config.rules["EURA402"]["params"] == {"min": "2015-01-01"}  # a date, as ISO text
    linter = build_linter(select=["EURA402", "EURA404"], overrides=config.rules,
                          context=Context(today=config.today))
    text = seed_path("002").read_text(encoding="utf-8").replace("Toiminta päättynyt", "Toiminnassa")
    # 002 ended 30.6.2021; 30 days of grace are long gone by 2022-12-31
    assert [f.rule for f in lint_text(text, linter=linter)] == ["EURA404"]


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, catalogue):
    lines = ['a0: &a0 ["EURA1"]']
    for level in range(1, 30):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}, *a{level - 1}]")
    text = "\n".join(lines) + "\nselect: *a29\n"
    with pytest.raises(ConfigError, match="once its aliases are expanded.*alias bomb"):
        load_yaml(tmp_path, text, catalogue)


def test_an_alias_that_holds_itself_is_refused(tmp_path, catalogue):
    with pytest.raises(ConfigError, match="once its aliases are expanded"):
        load_yaml(tmp_path, "select: &a [*a]\n", catalogue)


@pytest.mark.parametrize("text", ["select: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                  "select:\n" + "".join("  " * i + "- \n" for i in range(300)),
                                  "rules: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"])
def test_deep_nesting_is_refused_with_its_position(tmp_path, catalogue, text):
    # (libyaml may stop first, at its own limit of 1,000 levels of brackets)
    with pytest.raises(ConfigError, match=r"\.eura-lint\.yaml:\d+(:\d+)?: (nested more than 32 "
                                          r"levels|invalid YAML: exceeded maximum nesting depth)"):
        load_yaml(tmp_path, text, catalogue)


def test_yaml_errors_name_the_file_and_position(tmp_path, catalogue):
    with pytest.raises(ConfigError) as error:
        load_yaml(tmp_path, "rules:\n  EURA101: {enabled: false\nselect: x\n", catalogue)
    assert str(error.value).startswith(f"{tmp_path / '.eura-lint.yaml'}:3:")
    assert "<unicode string>" not in str(error.value)


@pytest.mark.parametrize("tool", ["tool = 5", "tool = 'eura-lint'", "tool = ['eura-lint']"])
def test_pyproject_without_a_tool_table_is_not_ours(tmp_path, catalogue, tool):
    (tmp_path / "pyproject.toml").write_text(f"{tool}\n", encoding="utf-8")
    assert discover(tmp_path) is None
    with pytest.raises(ConfigError, match="has no \\[tool.eura-lint\\] table"):
        load(tmp_path / "pyproject.toml", catalogue)


def test_pyproject_eura_lint_entry_must_be_a_table(tmp_path, catalogue):
    (tmp_path / "pyproject.toml").write_text("tool = {eura-lint = 5}\n", encoding="utf-8")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"
    with pytest.raises(ConfigError, match="tool.eura-lint must be a table"):
        load(tmp_path / "pyproject.toml", catalogue)


def test_a_broken_pyproject_of_another_tool_is_skipped_with_a_note(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    child = tmp_path / "work"
    child.mkdir()
    (tmp_path / ".eura-lint.yml").write_text("jobs: 1\n", encoding="utf-8")
    notes: list[str] = []
    # the broken file sits between the working folder and the configuration above it
    inner = child / "pyproject.toml"
    inner.write_text("[project\n", encoding="utf-8")
    assert discover(child, note=notes.append) == tmp_path / ".eura-lint.yml"
    assert len(notes) == 1 and str(inner) in notes[0] and "not valid TOML" in notes[0]


def test_a_broken_pyproject_that_mentions_us_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.eura-lint\nselect = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        discover(tmp_path)


def test_a_configuration_that_is_a_fifo_is_refused_without_waiting(tmp_path, catalogue):
    import os

    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="FIFO"):
        load(fifo, catalogue)
