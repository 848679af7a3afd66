"""The ``reader-problem`` kind: rules that report what a reader could not read, their messages'
values taken from each problem as the rule's parameters say."""

from __future__ import annotations

import pytest

from eura_lint.kinds import KINDS, load_catalogue
from eura_lint.kinds.problems import report_problems
from eura_lint.model import Description, Problem

FORWARDING = {"EURA004", "EURA006", "EURA607", "EURA701", "EURA703", "EURA706", "EURA709"}


def test_the_rules_that_only_report_the_readers_problems_are_of_this_kind():
    catalogue = load_catalogue()
    assert {r.id for r in catalogue.values() if r.kind == "reader-problem"} == FORWARDING


def test_each_value_form_fills_the_message():
    rule = load_catalogue()["EURA006"]
    doc = Description(path="a.txt", problems=[
        Problem("date", 3, 7, "31.2.2020", "no such day in the calendar"),
        Problem("date", 4, 1, "x", "some other reason"),
        Problem("period", 5, 2, "Alkaa huomenna", ""),
        Problem("number", 6, 1, "12a", ""),  # another rule's kind: not reported here
    ])
    found = list(report_problems(doc, rule, None))
    assert [(f.line, f.column) for f in found] == [(3, 7), (4, 1), (5, 2)]
    assert [f.message for f in found] == [
        "'31.2.2020' is not a valid date: no such day in the calendar",
        "'x' is not a valid date: some other reason",  # a reason without a phrase: as written
        "'Alkaa huomenna' is not a valid date: expected 'Alkaa d.m.yyyy ja päättyy d.m.yyyy'"]
    duplicate = load_catalogue()["EURA703"]
    repeated = Description(path="l.csv", problems=[Problem("duplicate-code", 7, 1, "A70302", "2")])
    (again,) = report_problems(repeated, duplicate, None)
    assert again.message == "Project code A70302 is listed again (first on line 2)"
    header = load_catalogue()["EURA701"]
    empty = Description(path="e.csv", problems=[Problem("header", 1, 1, "")])
    (none,) = report_problems(empty, header, None)
    assert none.message.endswith("columns found: none (the table is empty)")
    scores = load_catalogue()["EURA607"]
    counted = Description(path="s.txt", problems=[Problem("missing-score", 9, 30, "Kulttuuriympäristö", n)
                                                  for n in ("0", "1", "3")])
    assert [f.message.split(" has ")[1].split(" in ")[0] for f in report_problems(counted, scores, None)] \
        == ["no score", "one score", "3 scores"]


@pytest.mark.parametrize("params, problem", [
    ({}, "problems must map"),
    ({"problems": {"date": {"text": "txet"}}}, "problems.date.text: 'txet' is not one of text, detail"),
    ({"problems": {"date": {"text": {"field": "text", "phrase": "x"}}}}, "give one of field, phrase"),
    ({"problems": {"date": {"text": {"field": "line"}}}}, "problems.date.text.field: must be one of"),
    ({"problems": {"date": {"text": {"field": "text", "strip": True}}}}, "unknown key(s) strip"),
    ({"problems": {"date": {"text": {"phrase-of": "detail", "phrases": {"a": 1}}}}},
     "phrases: must map values to phrase keys"),
])
def test_parameters_are_checked(params, problem):
    found = KINDS["reader-problem"].validate(params)
    assert found is not None and problem in found
    assert KINDS["reader-problem"].validate(load_catalogue()["EURA006"].params) is None
