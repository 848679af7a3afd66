"""``eura-lint rule`` / ``--explain`` and the rule reference: prose in the chosen language, and
every example whole and distinct, its project list shown as a table."""

from __future__ import annotations

import pytest

from eura_lint.examples import describe_example, example_view
from eura_lint.kinds import load_catalogue

from .helpers import run

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("rule_id", ["EURA301", "EURA201"])
def test_explain_prints_the_message_in_the_chosen_language_never_a_dict(lang, rule_id):
    rule = CATALOGUE[rule_id]
    out = run("--lang", lang, "--explain", rule_id, text=True).stdout
    assert "{'en'" not in out and "'fi':" not in out
    assert f"Message:    {rule.message_in(lang)}" in out
    if rule.suggestion:
        assert f"Suggestion: {rule.suggestion_in(lang)}" in out
    assert rule.summary_in(lang) in out


def test_every_example_of_every_rule_is_described_apart():
    for rule in CATALOGUE.values():
        for group in ("pass", "fail"):
            shown = [describe_example(case) for case in rule.examples[group]]
            assert len(set(shown)) == len(shown), (rule.id, group)


def test_a_table_example_is_a_whole_markdown_table():
    cases = CATALOGUE["EURA702"].examples["fail"]
    assert len(cases) == 4
    for case in cases:
        text = describe_example(case)
        rows = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
        header, rule, *body = rows
        assert rule == "|" + "---|" * (header.count("|") - 1)
        assert len(body) == len(example_view(case).table) - 1
        # every row's code and its last cell, whole
        for row in example_view(case).table[1:]:
            assert any(line.startswith(f"| {row[0]} |") for line in body)
    spilt = describe_example(cases[0])
    # spaces that matter are shown: the cell is quoted
    assert "`' Ruotsi Pohjois-Pohjanmaan elinkeino-  liikenne- ja ympäristökeskus'`" in spilt


def test_a_text_example_is_whole():
    for rule in CATALOGUE.values():
        for case in rule.examples["pass"] + rule.examples["fail"]:
            if "text" in case:
                assert repr(case["text"]) in describe_example(case), rule.id
            if "hex" in case:
                assert case["hex"] in describe_example(case), rule.id


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_html_reports_rule_section_shows_prose_and_example_tables(lang):
    import re

    from eura_lint.report import Report
    from eura_lint.reporters import html

    rules = {rule_id: CATALOGUE[rule_id] for rule_id in ("EURA301", "EURA702")}
    page = html.render(Report([], ["a.txt"], rules, "t", lang=lang))
    assert "{&#39;en&#39;" not in page and "{'en'" not in page
    assert rules["EURA301"].message_in(lang).replace("'", "&#39;") in page
    article = page[page.index('<article class="rule" id="EURA702"'):]
    tables = re.findall(r'<div class="ex"><table class="data">(.*?)</table></div>', article, re.S)
    assert len(tables) == 5 and len(set(tables)) == 5  # one passing, four failing, each its own
    assert all(table.count("<th scope=\"col\">") >= 13 for table in tables)
