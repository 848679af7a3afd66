"""The documentation: the rule reference (docs/rules/ and the README's table) is what
scripts/gen_docs.py makes from rules/*.yaml; every option of --help is documented; the README
stays short and its links lead somewhere. `mkdocs build --strict` (in .ci/run) checks the links
between the pages of docs/."""

from __future__ import annotations

import importlib.util
import re
import shlex

import yaml

from .helpers import ROOT, run

README = ROOT / "README.md"


def gen_docs():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rule_reference_is_generated_from_the_catalogue():
    module = gen_docs()
    behind = module.stale(module.pages())
    assert not behind, f"out of date: {behind}: run python scripts/gen_docs.py"


def test_every_option_of_help_is_in_the_command_line_page():
    help_text = run("--help", text=True).stdout
    page = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", help_text))
    assert {"--format", "--select", "--fail-on", "--list-rules"} <= options  # the pattern reads the help
    assert sorted(option for option in options if option not in page) == []


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"README.md has {lines} lines: put the detail in docs/, link it from the README"


def test_readme_has_exactly_two_set_up_commands():
    readme = README.read_text(encoding="utf-8")
    setup = readme.split("\n## Set-up\n", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```sh\n(.*?)\n```", setup, re.S) == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/eura-lint seeds/",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest",
    ]


def slugs(markdown: str) -> set[str]:
    """The anchors of a page's headings, as GitHub and MkDocs's toc make them."""
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", re.sub(r"(?ms)^```.*?^```", "", markdown), re.M):
        text = re.sub(r"[^\w\s-]", "", heading.replace("`", "")).strip().lower()
        out.add(re.sub(r"[-\s]+", "-", text))
    return out


def test_readme_links_lead_to_files_and_headings():
    readme = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert any(link.startswith("docs/rules/") for link in links)
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        path, _, fragment = link.partition("#")
        target = ROOT / path if path else README
        assert target.exists(), link
        if fragment:
            assert fragment in slugs(target.read_text(encoding="utf-8")), link


def test_every_page_is_in_the_site_navigation():
    """`mkdocs build --strict` (in .ci/run) fails on a page left out of the nav; this says so in
    the ordinary test run, e.g. when a new rule family adds a page."""
    def pages(nav):
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from pages(value) if isinstance(value, list) else [value]

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    listed = list(pages(config["nav"]))
    docs = ROOT / config["docs_dir"]
    assert sorted(listed) == sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


# ---- the console examples -------------------------------------------------------------------

# The date a console example is run on when its command gives none (the examples' own date): the
# findings about ongoing projects depend on it.
EXAMPLE_TODAY = "2026-11-22"
NOT_RUN = re.compile(r"<!-- console: not run: [^>]+-->\n```console\n")


def console_examples():
    """Each ``$ eura-lint …`` command of a ```console block of the README and docs/, with the
    output shown after it, as (file, command, shown); a block whose fence follows a
    ``<!-- console: not run: WHY -->`` line is left out (its paths are the reader's own)."""
    for page in [README, *sorted((ROOT / "docs").rglob("*.md"))]:
        markdown = page.read_text(encoding="utf-8")
        skipped = {m.end() for m in NOT_RUN.finditer(markdown)}
        for block in re.finditer(r"(?ms)^```console\n(.*?)^```", markdown):
            if block.start(1) in skipped:
                continue
            for chunk in re.split(r"(?m)^(?=\$ )", block.group(1)):
                if chunk.startswith("$ "):
                    command, _, shown = chunk[2:].partition("\n")
                    yield page.relative_to(ROOT).as_posix(), command, shown.rstrip("\n")


def shown_matches(shown: str, output: str) -> bool:
    """Whether ``output`` is what ``shown`` shows: line for line, a ``...`` line standing for any
    lines left out."""
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + "\n"
                      for line in shown.split("\n"))
    return re.fullmatch(pattern, output.rstrip("\n") + "\n") is not None


def test_the_shown_output_matcher():
    assert shown_matches("a\nb", "a\nb\n")
    assert not shown_matches("a\nb", "a\nc\n")
    assert shown_matches("a\n...\nd", "a\nb\nc\nd\n")
    assert shown_matches("a\n...\nd", "a\nd")
    assert not shown_matches("a\n...\nd", "a\nb\ne\n")
    assert shown_matches("a\n...", "a\nb\nc")
    assert not shown_matches("a\n...", "b\nc")


def test_console_examples_show_what_eura_lint_prints():
    """Every console example of eura-lint's output on the seeds or the real list is that
    output, run as written (with --today 2026-11-22 where it gives no date)."""
    ran = 0
    for page, command, shown in console_examples():
        words = shlex.split(command, comments=True)
        env = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None, "NO_COLOR": "1"}
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        assert words[0] == "eura-lint", (page, command)
        args = words[1:]
        if "--today" not in args and (not args or args[0] not in {"rule", "schema"}):
            args = ["--today", EXAMPLE_TODAY, *args]
        result = run(*args, env=env, text=True)
        assert result.returncode in (0, 1), (page, command, result.stderr)
        assert shown_matches(shown, result.stdout), (
            f"{page}: the output of `{command}` is now:\n{result.stdout}")
        ran += 1
    assert ran >= 6
