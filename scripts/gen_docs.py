#!/usr/bin/env python3
"""Regenerate the rule reference from rules/*.yaml: one page per rule family in docs/rules/, their
index, and the README's summary table.

    python scripts/gen_docs.py          # rewrite docs/rules/ and README.md between the markers
    python scripts/gen_docs.py --check  # exit 1, naming the files, when any of them is out of date

The pages are committed, so that they read on the repository's web view and in a source package
without a build; tests/test_docs.py runs the check, so they can never drift from the catalogue.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eura_lint.catalogue import FAMILIES  # noqa: E402
from eura_lint.explain import describe_example  # noqa: E402
from eura_lint.i18n import languages  # noqa: E402
from eura_lint.kinds import load_catalogue  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
RULES_DIR = ROOT / "docs" / "rules"
GENERATED = "<!-- Generated from rules/*.yaml by scripts/gen_docs.py: edit the YAML, not this page. -->"
SOURCE_NAMES = {"description": "descriptions", "table": "project lists (tables)"}


def family_page(digit: str) -> str:
    """The page of a rule family, relative to docs/rules/: ``eura4xx.md`` for EURA4xx."""
    return f"eura{digit}xx.md"


def anchor(rule) -> str:
    """The heading anchor of a rule's section, as MkDocs and GitHub both make it."""
    return f"{rule.id.lower()}-{rule.name}"


def summary_table(rules, prefix: str) -> list[str]:
    """One row per rule, its id linking to its section; ``prefix`` is the path to docs/rules/."""
    out = ["| id | name | severity | what it checks |", "|---|---|---|---|"]
    for rule in rules.values():
        link = f"{prefix}{family_page(rule.id[4])}#{anchor(rule)}"
        out.append(f"| [{rule.id}]({link}) | `{rule.name}` | {rule.severity} | {rule.summary} |")
    return out


def rule_section(rule) -> list[str]:
    out = [f"## {rule.id} {rule.name}", "",
           f"Severity **{rule.severity}**, kind `{rule.kind}`, applies to "
           f"{' and '.join(SOURCE_NAMES[s] for s in rule.sources)}.", "",
           rule.description.strip(), ""]
    others = [f"Summary ({lang}): {rule.summary_in(lang)}" for lang in languages() if lang != "en"]
    if others:
        out += ["  \n".join(others), ""]
    for lang in languages():  # every language's text, each on its own line
        suggestion = rule.suggestion_in(lang)
        out.append(f"Message ({lang}): `{rule.message_in(lang)}`  ")
        if suggestion:
            out.append(f"Suggestion ({lang}): `{suggestion}`  ")
    out[-1] = out[-1].rstrip()
    if rule.params:
        params = ", ".join(f"`{k}` = `{v}`" for k, v in rule.params.items())
        out += ["", f"Parameters ([set them](../configuration.md) under "
                    f"`rules.{rule.id}.params`): {params}"]
    out += ["", "Examples (line:column of the findings):", ""]
    out += [f"- passes: {describe_example(c)}" for c in rule.examples["pass"]]
    out += [f"- fails: {describe_example(c)}" for c in rule.examples["fail"]]
    return out + [""]


def pages() -> dict[Path, str]:
    """Every generated page by its path: the index and one page per family."""
    rules = load_catalogue(ROOT / "rules")
    unnamed = [rule.id for rule in rules.values() if rule.id[4] not in FAMILIES]
    if unnamed:
        raise SystemExit(f"no family named for {', '.join(unnamed)}: add it to catalogue.FAMILIES")
    families: dict[str, list] = {}
    for rule in rules.values():
        families.setdefault(rule.id[4], []).append(rule)
    index = [GENERATED, "", "# Rules", "",
             f"eura-lint has {len(rules)} rules in {len(families)} families. Each rule is one file "
             "in `rules/` (the file name is the id); select them by id, id prefix or name "
             "(`--select EURA2`, `--ignore invalid-email`), and set their severity and "
             "parameters in the [configuration](../configuration.md).", "",
             "Severities: **error** for contradictions (funding identities, impossible or "
             "out-of-programme dates, invalid identifiers, codes that disagree, names outside the "
             "target area), **warning** for likely problems (stale status, missing final report, "
             "empty sections), **info** for notes.", "", "## Families", ""]
    index += [f"- [EURA{digit}xx {FAMILIES[digit]}]({family_page(digit)}): "
              f"{len(members)} rules" for digit, members in families.items()]
    index += ["", "## All rules", ""] + summary_table(rules, "") + [""]
    out = {RULES_DIR / "index.md": "\n".join(index)}
    for digit, members in families.items():
        page = [GENERATED, "", f"# EURA{digit}xx {FAMILIES[digit]}", ""]
        for rule in members:
            page += rule_section(rule)
        out[RULES_DIR / family_page(digit)] = "\n".join(page).replace("\n\n\n", "\n\n")
    out[ROOT / "README.md"] = render_readme((ROOT / "README.md").read_text(encoding="utf-8"),
                                            summary_table(rules, "docs/rules/"))
    return out


def render_readme(readme: str, table: list[str]) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return "\n".join([f"{head}{START}", *table, f"{END}{tail}"])


def stale(wanted: dict[Path, str]) -> list[str]:
    """The generated files that differ from what the catalogue makes, and pages no rule makes."""
    out = [path for path, text in wanted.items()
           if not path.is_file() or path.read_text(encoding="utf-8") != text]
    out += [path for path in RULES_DIR.glob("*.md") if path not in wanted]
    return sorted(str(path.relative_to(ROOT)) for path in out)


def write(path: Path, text: str) -> None:
    """Replace ``path`` atomically: an interrupted run leaves the old page, never half a page."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str]) -> int:
    wanted = pages()
    if "--check" in argv:
        behind = stale(wanted)
        if behind:
            print(f"out of date: {', '.join(behind)}: run python scripts/gen_docs.py")
            return 1
        return 0
    RULES_DIR.mkdir(exist_ok=True)
    for path in RULES_DIR.glob("*.md"):
        if path not in wanted:
            path.unlink()
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write(path, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
