"""Command-line habits for adopting eura-lint on a corpus: statistics, show-source, colour,
quiet, the report threshold, rule explanations, listings, per-file ignores, config papercuts."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from .helpers import SEEDS, run, seed_path

TODAY = ["--today", "2026-11-22"]


def run_env(*args: str, env: dict) -> subprocess.CompletedProcess:
    """A run whose colour depends only on ``env`` and the options, not on the caller's own."""
    return run(*args, env={"NO_COLOR": None, "FORCE_COLOR": None, **env})


def test_statistics_most_frequent_first():
    result = run(*TODAY, "--statistics", str(SEEDS))
    assert result.returncode == 1
    assert result.stdout.decode() == (
        "2  EURA101  empty-section            warning\n"
        "2  EURA309  locative-outside-target  warning\n"
        "1  EURA104  missing-final-report     warning\n"
        "1  EURA404  stale-ongoing-status     warning\n"
        "Found 6 problems (6 warnings) in 3 of 5 files.\n")
    as_json = json.loads(run(*TODAY, "--statistics", "-f", "json", str(SEEDS)).stdout)
    assert as_json[0] == {"count": 2, "rule": "EURA101", "name": "empty-section",
                          "severity": "warning"}
    assert [r["count"] for r in as_json] == [2, 2, 1, 1]
    assert run(*TODAY, "--statistics", "-f", "junit", str(SEEDS)).returncode == 2


def test_show_source_puts_a_caret_under_the_column():
    result = run(*TODAY, "--show-source", "--select", "EURA404", str(seed_path("001")))
    lines = result.stdout.decode().splitlines()
    assert lines[1:4] == ["   |", "17 | Toiminnan tila: Toiminnassa", "   |                 ^"]
    assert lines[0].endswith("Status is 'Toiminnassa' but the planned end 31.12.2020 was 5.9 "
                             "years before the lint date 22.11.2026")
    # column 17 of the line: the caret stands under the 'T' of 'Toiminnassa'
    assert lines[3].index("^") - lines[2].index("|") == lines[2].index("Toiminnassa") - lines[2].index("|")


def test_colour_only_on_request_or_a_terminal():
    args = (*TODAY, "--select", "EURA404", str(seed_path("001")))
    assert b"\x1b[" not in run_env(*args, env={}).stdout  # a pipe: plain
    forced = run_env(*args, env={"FORCE_COLOR": "1"}).stdout
    assert b"\x1b[33mwarning\x1b[0m" in forced
    assert b"\x1b[" not in run_env(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert b"\x1b[" in run_env(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout
    assert b"\x1b[" not in run_env(*args, "--color", "never", env={"FORCE_COLOR": "1"}).stdout
    # machine formats are never coloured
    assert b"\x1b[" not in run_env(*args, "-f", "json", env={"FORCE_COLOR": "1"}).stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color():
    def on_tty(env: dict) -> bytes:
        leader, follower = os.openpty()
        try:
            proc = run(*TODAY, "--select", "EURA404", str(seed_path("001")), process=True,
                       stdout=follower, stderr=subprocess.DEVNULL,
                       env={"NO_COLOR": None, "FORCE_COLOR": None, **env})
            assert proc.returncode == 1
            os.close(follower)
            follower = -1
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(leader)
            if follower != -1:
                os.close(follower)

    assert b"\x1b[33mwarning" in on_tty({})
    assert b"\x1b[" not in on_tty({"NO_COLOR": "1"})


def test_quiet_prints_only_the_findings():
    result = run(*TODAY, "-q", "--select", "EURA404", str(SEEDS))
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2 and lines[0].endswith("22.11.2026") and "suggestion:" in lines[1]
    clean = run(*TODAY, "-q", str(seed_path("002")))
    assert clean.returncode == 0 and clean.stdout == b""


def test_report_threshold_is_separate_from_the_exit_threshold(tmp_path):
    broken = tmp_path / "a.txt"
    broken.write_text(seed_path("001").read_text(encoding="utf-8").replace(
        "Hankekoodi: S21467", "Hankekoodi: S1467"), encoding="utf-8")
    everything = json.loads(run(*TODAY, "-f", "json", str(broken)).stdout)
    assert {r["severity"] for r in everything} == {"error", "warning"}
    for option in (["--no-warnings"], ["--min-severity", "error"]):
        result = run(*TODAY, "-f", "json", *option, str(broken))
        assert [r["rule"] for r in json.loads(result.stdout)] == ["EURA502"]
        assert result.returncode == 1
    # warnings only, none of them shown: nothing reported, so nothing fails the run
    warnings = run(*TODAY, "--no-warnings", str(seed_path("001")))
    assert warnings.returncode == 0
    assert warnings.stdout.decode() == "No problems in 1 file.\n"
    # and the exit threshold alone still works as before
    assert run(*TODAY, "--fail-on", "error", str(seed_path("001"))).returncode == 0


def test_rule_explanations():
    by_command = run("rule", "EURA301")
    assert by_command.returncode == 0
    text = by_command.stdout.decode()
    assert text.startswith("EURA301 misspelt-place-name\n")
    assert "Severity: error" in text and "Examples:" in text and "fails:" in text
    assert run("--explain", "misspelt-place-name").stdout == by_command.stdout
    params = run("rule", "EURA404").stdout.decode()
    assert "Parameters (override in the configuration under rules.EURA404.params):" in params
    assert "grace_days = " in params
    typo = run("rule", "misspelt-place-nam")
    assert typo.returncode == 2
    assert b"no rule 'misspelt-place-nam' (did you mean 'misspelt-place-name'?)" in typo.stderr


def test_rule_is_a_subcommand_with_its_own_help():
    result = run("rule", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("Usage: eura-lint rule [OPTIONS] RULE\n")
    assert b"--lang" in result.stdout and b"--select" not in result.stdout


def test_rule_after_a_path_is_a_path_and_the_path_is_linted():
    """``eura-lint a.txt rule EURA301`` lints a.txt and names the two paths that do not exist,
    instead of explaining the rule and skipping the file."""
    result = run(*TODAY, "-f", "json", str(seed_path("000")), "rule", "EURA301")
    assert result.returncode == 2
    assert {r["rule"] for r in json.loads(result.stdout)} == {"EURA101"}
    assert result.stderr.decode().splitlines() == [
        "eura-lint: rule: no such file or directory", "eura-lint: EURA301: no such file or directory"]


def test_check_is_the_default_command():
    named = run(*TODAY, "-f", "json", "check", str(seed_path("000")))
    assert named.returncode == 1
    assert named.stdout == run(*TODAY, "-f", "json", str(seed_path("000"))).stdout


def test_help_groups_the_options_and_lists_the_commands():
    text = run("--help").stdout.decode()
    sections = [line for line in text.splitlines() if line and not line[0].isspace()]
    assert sections == ["Usage: eura-lint [OPTIONS] [PATHS]...", "Rule selection:",
                        "File selection:", "Output:", "Baseline:", "Language:",
                        "Configuration and other options:", "Commands:"]
    assert "descriptions (*.txt) and project lists (*.csv, *.tsv, *.xlsx," in " ".join(text.split())
    assert run("check", "--help").stdout == run("--help").stdout


def test_usage_errors_are_one_line():
    for args in (["--no-such-option"], [], ["--today", "yesterday", "seeds"], ["rule"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.decode().splitlines()) == 1, (args, result.stderr)
        assert result.stderr.startswith(b"eura-lint: "), (args, result.stderr)


def test_a_file_named_rule_is_still_linted(tmp_path):
    (tmp_path / "rule").write_bytes(seed_path("002").read_bytes())
    result = run(*TODAY, "rule", str(seed_path("002")), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.decode() == "No problems in 2 files.\n"


def test_list_rules_honours_select_and_json():
    listing = run("--list-rules", "--select", "EURA2", "--ignore", "EURA204").stdout.decode()
    ids = [line.split()[0] for line in listing.splitlines()]
    assert ids and all(i.startswith("EURA2") for i in ids) and "EURA204" not in ids
    records = json.loads(run("--list-rules", "-f", "json", "--select", "EURA404").stdout)
    assert [(r["id"], r["name"], r["severity"]) for r in records] == [
        ("EURA404", "stale-ongoing-status", "warning")]
    assert "grace_days" in records[0]["params"]


def test_an_empty_selection_is_an_error():
    for args in (["--select", "", str(SEEDS)], ["--select", " , ", str(SEEDS)]):
        result = run(*args)
        assert result.returncode == 2
        assert b"selects no rule" in result.stderr


def test_a_misspelt_rule_name_gets_a_suggestion():
    result = run("--ignore", "empty-sections", str(SEEDS))
    assert result.returncode == 2
    assert b"(did you mean 'empty-section'?)" in result.stderr


def test_per_file_ignores(tmp_path):
    for name in ("legacy/old.txt", "new/fresh.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(seed_path("000").read_bytes())
    (tmp_path / ".eura-lint.yaml").write_text(
        'per-file-ignores:\n  "legacy/**": [EURA1]\n  "*.txt": [locative-outside-target]\n',
        encoding="utf-8")
    records = json.loads(run(*TODAY, "-f", "json", ".", cwd=tmp_path).stdout)
    seen = {(os.path.normpath(r["path"]), r["rule"]) for r in records}
    assert ("new/fresh.txt", "EURA101") in seen
    assert not any(path.startswith("legacy") and rule.startswith("EURA1") for path, rule in seen)
    assert not any(rule == "EURA309" for _, rule in seen)
    # from a sub-folder, the globs are still relative to the configuration's folder
    sub = json.loads(run(*TODAY, "-f", "json", "../legacy", cwd=tmp_path / "new").stdout)
    assert not any(r["rule"].startswith("EURA1") for r in sub)


@pytest.mark.parametrize(("name", "text", "message"), [
    ("eura.toml", 'ignore = ["EURA1", "EURA3", "EURA4"]\n', None),
    ("eura.toml", '[tool.eura-lint]\nignore = ["EURA1", "EURA3", "EURA4"]\n', None),
    ("eura.toml", 'ignore = [\n', "cannot be read"),
    ("eura.yaml", "rules:\n  EURA404: {sevrity: info}\n",
     "rules.EURA404.sevrity: unknown key (did you mean 'severity'?)"),
    ("eura.yaml", "rules:\n  EURA404: {enabled: false}\n  stale-ongoing-status: {severity: info}\n",
     "rules.EURA404 and rules.stale-ongoing-status both configure EURA404"),
    ("eura.yaml", "rules:\n  EURA40: {enabled: false}\n", "unknown rule 'EURA40' (did you mean"),
    ("eura.yaml", "per-file-ignores: {'a/*': [EURA9]}\n", "per-file-ignores.a/*: 'EURA9' matches no rule"),
    ("eura.yaml", "exclude: 3\n", "exclude must be a list of path patterns"),
    ("eura.yaml", "baseline: [a]\n", "baseline must be the path of a baseline file"),
    ("eura.yaml", "selct: [EURA1]\n", "unknown key(s) selct (did you mean 'select'?)"),
])
def test_config_files_by_name_and_precise_errors(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(*TODAY, "--config", name, str(SEEDS), cwd=tmp_path)
    if message is None:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 2
        assert message in result.stderr.decode(), result.stderr
        assert f"{name}:" in result.stderr.decode()


def test_shell_completion_script():
    result = run(env={"_EURA_LINT_COMPLETE": "bash_source"})
    assert result.returncode == 0
    assert re.search(rb"_eura_lint_completion\(\)", result.stdout)
    assert b"complete -o nosort -F _eura_lint_completion eura-lint" in result.stdout


def test_every_rule_of_the_catalogue_can_be_explained():
    from eura_lint.explain import explain
    from eura_lint.kinds import load_catalogue

    for rule in load_catalogue().values():
        text = explain(rule)
        assert text.startswith(f"{rule.id} {rule.name}\n"), rule.id
        assert len(text.splitlines()) > 5, rule.id


@pytest.mark.parametrize("args", [
    ["rule", "EURA701", "--lang", "fi"],
    ["--lang", "fi", "rule", "EURA701"],
    ["--no-config", "rule", "shifted-row"],
])
def test_rule_subcommand_with_options_around_it(args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"EURA70"), result.stdout[:80]


def test_two_reports_to_one_file_and_listings_in_other_formats_are_usage_errors(tmp_path):
    same = run("-o", f"json:{tmp_path / 'y.json'}", "-o", f"csv:{tmp_path / 'y.json'}",
               str(seed_path("002")))
    assert same.returncode == 2 and b"two reports would be written to" in same.stderr
    assert not (tmp_path / "y.json").exists()
    listing = run("--list-rules", "--format", "html")
    assert listing.returncode == 2 and b"--list-rules is printed as text or json" in listing.stderr


def test_a_usage_error_of_several_lines_is_one_line():
    result = run("schema", text=True)
    assert result.returncode == 2
    assert result.stderr == (
        "eura-lint: Missing option '-f' / '--format'. Choose from: frictionless, pandera "
        "(help: 'eura-lint schema --help')\n"), result.stderr
