#!/usr/bin/env python3
"""Regenerate the README's rule reference from rules/*.yaml.

    python scripts/gen_docs.py          # rewrite README.md between the markers
    python scripts/gen_docs.py --check  # exit 1 when README.md is out of date

tests/test_docs.py runs the check, so the reference can never drift from the catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eura_lint.catalogue import FAMILIES  # noqa: E402
from eura_lint.explain import describe_example  # noqa: E402
from eura_lint.i18n import languages  # noqa: E402
from eura_lint.kinds import load_catalogue  # noqa: E402

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
SOURCE_NAMES = {"description": "descriptions", "table": "project lists (tables)"}


def reference() -> str:
    rules = load_catalogue(ROOT / "rules")
    unnamed = [rule.id for rule in rules.values() if rule.id[4] not in FAMILIES]
    if unnamed:
        raise SystemExit(f"no family named for {', '.join(unnamed)}: add it to catalogue.FAMILIES")
    out = ["| id | name | severity | what it checks |", "|---|---|---|---|"]
    for rule in rules.values():
        out.append(f"| [{rule.id}](#{rule.id.lower()}-{rule.name}) | `{rule.name}` | "
                   f"{rule.severity} | {rule.summary} |")
    family = None
    for rule in rules.values():
        if rule.family != family:
            family = rule.family
            out += ["", f"### {rule.id[:5]}xx {family}"]
        out += ["", f"#### {rule.id} {rule.name}", "",
                f"Severity **{rule.severity}**, kind `{rule.kind}`, applies to "
                f"{' and '.join(SOURCE_NAMES[s] for s in rule.sources)}.", "",
                rule.description, ""]
        out += [f"Summary ({lang}): {rule.summary_in(lang)}" for lang in languages()
                if lang != "en"] + [""]
        for lang in languages():  # every language's text, each on its own line
            suggestion = rule.suggestion_in(lang)
            out.append(f"Message ({lang}): `{rule.message_in(lang)}`  " + (
                f"\nSuggestion ({lang}): `{suggestion}`  " if suggestion else ""))
        out[-1] = out[-1].rstrip()
        if rule.params:
            params = ", ".join(f"`{k}` = `{v}`" for k, v in rule.params.items())
            out += ["", f"Parameters: {params}"]
        out += ["", "Examples (line:column of the findings):", ""]
        out += [f"- passes: {describe_example(c)}" for c in rule.examples["pass"]]
        out += [f"- fails: {describe_example(c)}" for c in rule.examples["fail"]]
    return "\n".join(out).replace("\n\n\n", "\n\n")


def render(readme: str) -> str:
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    path = ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in argv:
        if current != wanted:
            print("README.md's rule reference is out of date: run python scripts/gen_docs.py")
            return 1
        return 0
    path.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
