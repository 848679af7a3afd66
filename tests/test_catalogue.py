"""The catalogue itself, and every example of every rule, with exact positions and messages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from eura_lint.catalogue import CatalogueError, read_rule_files, parse_rule, rules_dir
from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_result
from eura_lint.kinds import load_catalogue
from eura_lint.registry import CHECKS

from .helpers import EXAMPLE_TODAY, ROOT, example_files, example_today

CATALOGUE = load_catalogue()
CASES = [
    pytest.param(rule_id, group, index, case, id=f"{rule_id}-{group}-{index}")
    for rule_id, rule in CATALOGUE.items()
    for group in ("pass", "fail")
    for index, case in enumerate(rule.examples[group])
]


@pytest.mark.parametrize(("rule_id", "group", "index", "case"), CASES)
def test_example(rule_id, group, index, case):
    """An example linted on its own lint date gives exactly the findings of its rule that it
    expects, each with its position and its message (none for a passing example)."""
    found = findings_of(rule_id, case, example_today(case))
    assert [(f.line, f.column, f.message) for f in found] == [
        tuple(finding) for finding in case.get("expect", [])]
    for f in found:  # the suggestion is not pinned: at least every placeholder is filled in
        assert "{" not in (f.suggestion or ""), f


DATED = [param for param in CASES if "today" in param.values[3].get("config", {})]


@pytest.mark.parametrize(("rule_id", "group", "index", "case"), DATED)
def test_an_example_lint_date_is_the_one_it_is_judged_on(rule_id, group, index, case):
    """On the suite's usual date instead, a dated example would not give what it expects: its
    ``config: {today: ...}`` is taken into account."""
    found = findings_of(rule_id, case, EXAMPLE_TODAY)
    assert [(f.line, f.column, f.message) for f in found] != [
        tuple(finding) for finding in case.get("expect", [])]


def findings_of(rule_id, case, today):
    params = case.get("config", {}).get("params")
    linter = build_linter(select=[rule_id], context=Context(today=today, lang="en"),
                          overrides={rule_id: {"params": params}} if params else None)
    results = [lint_result(linter, path, data) for path, data in example_files(case)]
    return [f for f in linter.finish(results) if f.rule == rule_id]


@pytest.mark.parametrize("group", ["pass", "fail"])
def test_a_rule_without_examples_of_both_kinds_is_rejected(group):
    data = yaml.safe_load((rules_dir() / "EURA201.yaml").read_text(encoding="utf-8"))
    data["examples"][group] = []
    with pytest.raises(CatalogueError, match=f"examples.{group} must be a non-empty list"):
        parse_rule(data, "EURA201.yaml")


def test_every_failing_example_names_the_findings_it_expects():
    for rule in CATALOGUE.values():
        assert all(case.get("expect") for case in rule.examples["fail"]), rule.id
        assert not any("expect" in case for case in rule.examples["pass"]), rule.id


@pytest.mark.parametrize(("group", "change", "problem"), [
    ("fail", {"expect": [[82, 37]]}, "expect must list each finding as [line, column, message]"),
    ("fail", {"expect": [[82, "37", "Realised"]]}, "expect must list each finding as"),
    ("fail", {"expect": [[0, 37, "Realised"]]}, "expect must list each finding as"),
    ("fail", {"expect": []}, "expect must list each finding as"),
    ("pass", {"expect": [[82, 37, "Realised"]]}, "a passing example expects no finding"),
    ("fail", {"config": {"lang": "fi"}}, "config may hold only today and params"),
    ("fail", {"config": {"params": ["pairs"]}}, "config.params must be a mapping"),
    ("fail", {"config": {"today": "2021-02-30"}}, "config.today '2021-02-30' is not a date"),
])
def test_an_example_with_malformed_expectations_is_rejected(group, change, problem):
    data = yaml.safe_load((rules_dir() / "EURA201.yaml").read_text(encoding="utf-8"))
    data["examples"][group][0].update(change)
    with pytest.raises(CatalogueError, match=re.escape(f"examples.{group}[0]: {problem}")):
        parse_rule(data, "EURA201.yaml")


def test_ids_match_file_names_and_families():
    for path in sorted(rules_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem
    assert all(rule.family != "Other" for rule in CATALOGUE.values())


def test_every_rule_has_its_own_section_in_the_rule_reference():
    pages = sorted((ROOT / "docs" / "rules").glob("eura*xx.md"))
    headings = [heading for page in pages for heading in
                re.findall(r"^## (EURA\d{3} [a-z0-9-]+)$", page.read_text(encoding="utf-8"), re.M)]
    assert sorted(headings) == sorted(f"{rule.id} {rule.name}" for rule in CATALOGUE.values())


def test_python_rules_and_registered_functions_match_one_to_one():
    python_rules = {rule.id for rule in CATALOGUE.values() if rule.kind == "python"}
    assert python_rules == set(CHECKS)
    for rule_id in python_rules:
        assert "check" not in CATALOGUE[rule_id].params, rule_id  # the id is the binding


def test_a_python_rule_without_a_registered_function_is_rejected(tmp_path):
    text = (rules_dir() / "EURA601.yaml").read_text(encoding="utf-8")
    (tmp_path / "EURA699.yaml").write_text(text.replace("EURA601", "EURA699")
                                           .replace("score-out-of-range", "no-such-check"))
    with pytest.raises(CatalogueError, match=r"no function is registered for EURA699"):
        load_catalogue.__wrapped__(tmp_path)


@pytest.mark.parametrize(
    ("patch", "problem"),
    [
        ({"colour": "red"}, "unknown key(s): colour"),
        ({"kind": "magic"}, "kind 'magic' is not one of"),
        ({"name": "Not Kebab"}, "is not kebab-case"),
        ({"severity": "fatal"}, "unknown severity"),
        ({"id": "EURA9"}, "is not of the form"),
    ],
)
def test_bad_rule_files_are_rejected_with_a_clear_error(patch, problem, tmp_path):
    data = yaml.safe_load((rules_dir() / "EURA201.yaml").read_text(encoding="utf-8"))
    data.update(patch)
    (tmp_path / "EURA201.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape(problem)):
        load_catalogue.__wrapped__(tmp_path)


def test_bad_params_are_rejected(tmp_path):
    text = (rules_dir() / "EURA201.yaml").read_text(encoding="utf-8")
    (tmp_path / "EURA201.yaml").write_text(text.replace("realised_eu_state, granted",
                                                        "realised_eu_state, nonsense"))
    with pytest.raises(CatalogueError, match="EURA201.yaml: params: pairs must be"):
        load_catalogue.__wrapped__(tmp_path)
    read_rule_files.__wrapped__(tmp_path)  # the parser alone leaves parameters to the kinds


# --- the package's YAML read through eura_lint.yaml_cache --------------------------------------

def _rules_copy(tmp_path, names=("EURA201.yaml", "EURA404.yaml")):
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in names:
        (folder / name).write_text((rules_dir() / name).read_text(encoding="utf-8"),
                                   encoding="utf-8")
    return folder, sorted(folder.glob("*.yaml"))


def _through_cache(folder, paths):
    """What read_rule_files does for the package's folder, for another folder."""
    from eura_lint import catalogue, yaml_cache

    texts = [p.read_text(encoding="utf-8") for p in paths]
    return yaml_cache.documents("catalogue", str(folder), texts,
                                lambda: catalogue._read_yaml(paths, texts))


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("EURA_LINT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "eura-lint"


def _yaml_of(paths):
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths]


def test_the_cached_documents_are_the_yaml_read_again(tmp_path, cache_home):
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path)
    read = _yaml_of(paths)
    assert _through_cache(folder, paths) == read  # read, and cached
    assert len(list(cache_home.iterdir())) == 1
    assert _through_cache(folder, paths) == read
    # the cache, not the YAML, answered: a document changed in the cache comes back changed
    where = yaml_cache._cache_path("catalogue", str(folder))
    content = json.loads(where.read_text(encoding="utf-8"))
    content["documents"][0]["name"] = "from-the-cache"
    where.write_text(json.dumps(content), encoding="utf-8")
    assert _through_cache(folder, paths)[0]["name"] == "from-the-cache"


def test_a_rule_file_changed_is_read_again(tmp_path, cache_home):
    folder, paths = _rules_copy(tmp_path)
    _through_cache(folder, paths)
    # the same size, whatever its time: the text itself is compared
    text = paths[0].read_text(encoding="utf-8")
    changed = text.replace("severity: error", "severity: infos", 1)
    assert changed != text and len(changed) == len(text)
    paths[0].write_text(changed, encoding="utf-8")
    os.utime(paths[0], ns=(0, 0))
    assert _through_cache(folder, paths)[0]["severity"] == "infos"
    # and a file added or removed
    (folder / "EURA405.yaml").write_text((rules_dir() / "EURA405.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    assert len(_through_cache(folder, sorted(folder.glob("*.yaml")))) == 3


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"key": 1}'])
def test_a_cache_that_cannot_be_used_is_passed_over(tmp_path, cache_home, content):
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path)
    where = yaml_cache._cache_path("catalogue", str(folder))
    where.parent.mkdir(parents=True)
    where.write_text(content, encoding="utf-8")
    assert _through_cache(folder, paths) == _yaml_of(paths)
    assert json.loads(where.read_text(encoding="utf-8"))["documents"] == _yaml_of(paths)


def test_no_cache_where_it_is_turned_off_or_cannot_be_written(tmp_path, cache_home, monkeypatch):
    folder, paths = _rules_copy(tmp_path)
    monkeypatch.setenv("EURA_LINT_NO_CACHE", "1")
    assert _through_cache(folder, paths) == _yaml_of(paths)
    assert not cache_home.exists()
    monkeypatch.delenv("EURA_LINT_NO_CACHE")
    read_rule_files.__wrapped__(folder)  # a catalogue of the caller's own folder: not cached
    assert not cache_home.exists()
    cache_home.parent.mkdir()
    cache_home.write_text("a file where the folder would be", encoding="utf-8")
    assert _through_cache(folder, paths) == _yaml_of(paths)


def test_a_document_json_would_change_is_not_cached(tmp_path, cache_home):
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path, ("EURA404.yaml",))
    text = paths[0].read_text(encoding="utf-8")
    paths[0].write_text(text.replace('today: "2021-06-30"', "today: 2021-06-30"),
                        encoding="utf-8")  # a YAML date
    assert _through_cache(folder, paths)[0] != yaml.safe_load(text)
    assert not cache_home.exists()
    assert not yaml_cache.is_json({1: "a"}) and not yaml_cache.is_json(float("nan"))
    assert yaml_cache.is_json({"a": [1, 2.5, True, None, "x"]})


def test_a_command_with_its_caches_written_imports_no_yaml(tmp_path):
    """The package's rule files and messages come from the cache: PyYAML (98 M instructions to
    import) is imported only for a configuration in YAML, or when the cache misses."""
    code = ("import sys; from eura_lint.kinds import load_catalogue; from eura_lint import i18n; "
            "load_catalogue(); i18n.table(); print('yaml' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("EURA_LINT_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True)
    assert (first.stdout, second.stdout) == ("True\n", "False\n")
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "eura-lint").iterdir()) == [
        "catalogue", "messages"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners are POSIX's")
def test_a_cache_file_of_another_user_is_passed_over(tmp_path, cache_home, monkeypatch):
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path)
    _through_cache(folder, paths)
    where = yaml_cache._cache_path("catalogue", str(folder))
    content = json.loads(where.read_text(encoding="utf-8"))
    content["documents"][0]["name"] = "planted"
    where.write_text(json.dumps(content), encoding="utf-8")
    assert _through_cache(folder, paths)[0]["name"] == "planted"  # this user's: used
    owner = os.stat(where).st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    assert _through_cache(folder, paths) == _yaml_of(paths)


def _planted(folder, paths, change):
    """The cache of ``folder`` written, then its content changed by ``change`` (a hand edit)."""
    from eura_lint import yaml_cache

    _through_cache(folder, paths)
    where = yaml_cache._cache_path("catalogue", str(folder))
    content = json.loads(where.read_text(encoding="utf-8"))
    change(content)
    where.write_text(json.dumps(content), encoding="utf-8")
    return where


@pytest.mark.parametrize("change", [
    lambda content: content["documents"].pop(),  # a document short
    lambda content: content["documents"].__setitem__(0, ["a", "list"]),  # no mapping
    lambda content: content.__setitem__("documents", {}),
    lambda content: content["key"].__setitem__("eura-lint", "0.0.0"),  # another version's
])
def test_a_cache_of_another_shape_or_version_is_passed_over(tmp_path, cache_home, change):
    folder, paths = _rules_copy(tmp_path)
    _planted(folder, paths, change)
    assert _through_cache(folder, paths) == _yaml_of(paths)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX's")
def test_a_fifo_or_a_link_at_the_cache_path_is_passed_over(tmp_path, cache_home):
    """A FIFO there would block its reader for ever, a link could lead to a device: neither is
    opened as a cache (the test would hang on the FIFO before the fix)."""
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path)
    where = yaml_cache._cache_path("catalogue", str(folder))
    where.parent.mkdir(parents=True)
    os.mkfifo(where)
    assert yaml_cache._read(where) is None
    os.unlink(where)
    real = tmp_path / "elsewhere.json"
    real.write_text(json.dumps({"key": 1}), encoding="utf-8")
    where.symlink_to(real)
    assert yaml_cache._read(where) is None
    assert _through_cache(folder, paths) == _yaml_of(paths)


def test_a_relative_cache_home_falls_back_to_the_home_folder(tmp_path, monkeypatch):
    from eura_lint import yaml_cache

    monkeypatch.delenv("EURA_LINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert yaml_cache._cache_path("catalogue", "x").parent == tmp_path / ".cache" / "eura-lint"


def test_the_suite_keeps_out_of_the_users_cache():
    """conftest.py points the cache at a folder of the suite's own."""
    assert os.path.basename(os.environ["XDG_CACHE_HOME"]).startswith("eura-lint-test-cache-")


def test_a_cache_nested_too_deep_or_a_folder_in_its_place_is_passed_over(tmp_path, cache_home):
    """JSON nested deeper than the recursion limit (RecursionError, no ValueError) and a folder at
    the cache path are passed over, the folder without a file descriptor left open."""
    from eura_lint import yaml_cache

    folder, paths = _rules_copy(tmp_path)
    where = yaml_cache._cache_path("catalogue", str(folder))
    where.parent.mkdir(parents=True)
    where.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert yaml_cache._read(where) is None
    assert _through_cache(folder, paths) == _yaml_of(paths)
    where.unlink()
    where.mkdir()
    if os.path.isdir("/proc/self/fd"):
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(20):
            assert yaml_cache._read(where) is None
        assert len(os.listdir("/proc/self/fd")) == before
    assert _through_cache(folder, paths) == _yaml_of(paths)
