"""The documentation: the rule reference (docs/rules/ and the README's table) is what
scripts/gen_docs.py makes from rules/*.yaml; every option of --help is documented; the README
stays short and its links lead somewhere. `mkdocs build --strict` (in .ci/run) checks the links
between the pages of docs/."""

from __future__ import annotations

import importlib.util
import re

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
