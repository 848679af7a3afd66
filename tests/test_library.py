"""The library API: one document at a time gives what a batch run gives, and a linter builds its
pandera schema once however many calls it serves."""

from __future__ import annotations

import datetime as dt

from eura_lint import engine
from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_paths, lint_text
from eura_lint.kinds.columns import TableSchema

from .helpers import SEEDS


def test_one_document_at_a_time_gives_exactly_the_batch_findings(tmp_path):
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(text, encoding="utf-8")
        # the same document with table-rule defects: realised > granted, a bad project code
        (tmp_path / f"x{path.name}").write_text(
            text.replace("Hankekoodi: ", "Hankekoodi: Q", 1)
                .replace("Toteutunut EU- ja valtion rahoitus: ", "Toteutunut EU- ja valtion "
                         "rahoitus: 9", 1), encoding="utf-8")
    linter = build_linter(context=Context(today=dt.date(2026, 11, 22)))
    batch = lint_paths([str(tmp_path)], linter=linter)
    one_by_one = [finding for path in sorted(tmp_path.glob("*.txt"))
                  for finding in lint_text(path.read_text(encoding="utf-8"), str(path),
                                           linter=linter)]
    assert one_by_one == batch
    rules = {f.rule for f in batch}
    assert {"EURA201", "EURA502", "EURA101", "EURA309"} <= rules  # table and document rules


def test_the_schema_is_built_once_per_linter(monkeypatch):
    built = []
    real_build = TableSchema._build
    monkeypatch.setattr(TableSchema, "_build", lambda self: built.append(self) or real_build(self))
    text = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")
    broken = text.replace("Toteutunut EU- ja valtion rahoitus: 69 476",
                          "Toteutunut EU- ja valtion rahoitus: 79 722")
    linter = build_linter(context=Context(today=dt.date(2026, 11, 22)))
    for _ in range(3):
        assert [f.rule for f in lint_text(broken, linter=linter)] == ["EURA201"]
    assert len(built) == 1


def test_calls_without_a_linter_share_one_default_linter(monkeypatch):
    built = []
    real = engine.build_linter
    monkeypatch.setattr(engine, "build_linter", lambda **kw: built.append(kw) or real(**kw))
    text = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")
    for _ in range(3):
        lint_text(text)
    assert len(built) <= 1  # none where an earlier call of this process built today's already


def test_a_linter_survives_pickling_with_its_table_rules(tmp_path):
    """Where --jobs workers are spawned rather than forked, they get the linter by pickle."""
    import pickle

    linter = build_linter(context=Context(today=dt.date(2026, 11, 22)))
    text = sorted(SEEDS.glob("*.txt"))[2].read_text(encoding="utf-8")
    broken = text.replace("Toteutunut EU- ja valtion rahoitus: 69 476",
                          "Toteutunut EU- ja valtion rahoitus: 79 722")
    copy = pickle.loads(pickle.dumps(linter))
    assert lint_text(broken, linter=copy) == lint_text(broken, linter=linter)
    assert [f.rule for f in lint_text(broken, linter=copy)] == ["EURA201"]
