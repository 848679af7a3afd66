"""The baseline: fingerprints of what a finding is about, not where it is; a stable JSON file; a
corpus edited after baselining reports exactly its new defects and counts the fixed ones; SARIF
carries the same fingerprints."""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter

import pytest

from eura_lint import baseline
from eura_lint.finding import Finding, Severity

from .helpers import ROOT, run, seed_path

TODAY = ["--today", "2026-11-22"]

sys.path.insert(0, str(ROOT / "benchmarks"))
import edit_corpus  # noqa: E402
import make_corpus  # noqa: E402


def finding(path="a.txt", line=3, rule="EURA101", message="m") -> Finding:
    return Finding(path, line, 1, rule, "empty-section", Severity.WARNING, message)


def test_keys_are_the_line_text_not_the_line_number(tmp_path):
    base = str(tmp_path)
    path = str(tmp_path / "a.txt")
    before = baseline.keys([finding(path, 3)], {path: {3: "4.1  Varsinaiset\tkohderyhmät "}}, base)
    after = baseline.keys([finding(path, 30)], {path: {30: "4.1 Varsinaiset kohderyhmät"}}, base)
    assert before == after == [("a.txt", "EURA101", "4.1 Varsinaiset kohderyhmät")]
    # without a line text (a whole-file finding), the message is what the finding is about
    assert baseline.keys([finding(path, 1, message="no  fund line")], {}, base)[0][2] == "no fund line"


def test_a_long_line_is_kept_short_with_a_hash_of_the_whole():
    long = "Hanke " * 100
    subject = baseline.subject(finding(), long)
    assert len(subject) <= baseline.MAX_SUBJECT + 20 and "#" in subject
    assert subject != baseline.subject(finding(), long + "muutos")


def test_apply_suppresses_known_counts_and_reports_a_new_occurrence(tmp_path):
    path = str(tmp_path / "a.txt")
    known_findings = [finding(path, 3)]
    sources = {path: {3: "4.1 Varsinaiset kohderyhmät"}}
    (tmp_path / "b.json").write_text(baseline.dumps(known_findings, sources, str(tmp_path)),
                                     encoding="utf-8")
    known = baseline.load(tmp_path / "b.json")
    # the same problem, moved down, and a second occurrence of it on an identical line
    now = [finding(path, 13), finding(path, 40)]
    now_sources = {path: {13: "4.1 Varsinaiset kohderyhmät", 40: "4.1 Varsinaiset kohderyhmät"}}
    new, outcome = baseline.apply(now, now_sources, known, str(tmp_path / "b.json"))
    assert new == [now[1]]
    assert (outcome.suppressed, outcome.absent) == (1, 0)
    # fixed: nothing reported, one entry no longer occurs
    new, outcome = baseline.apply([], {}, known, str(tmp_path / "b.json"))
    assert new == [] and (outcome.suppressed, outcome.absent) == (0, 1)


def test_baseline_file_round_trips_sorted_and_stable(tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    target = tmp_path / "eura-baseline.json"
    first = run(*TODAY, str(corpus), "--write-baseline", str(target), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert b"wrote 6 findings to the baseline" in first.stderr
    written = target.read_bytes()
    data = json.loads(written)
    entries = data["entries"]
    assert data["eura-lint-baseline"] == 1
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["text"]))
    assert {tuple(e) for e in entries} == {("path", "rule", "text", "count")}
    assert all(e["path"].startswith("seeds/") for e in entries)  # relative to the file's folder
    assert "Toiminnan tila: Toiminnassa" in {e["text"] for e in entries}
    # written again, from another folder: the same bytes; loaded, the same counts
    again = run(*TODAY, ".", "--write-baseline", str(target), cwd=corpus)
    assert again.returncode == 0 and target.read_bytes() == written
    known = baseline.load(target)
    assert sum(known.values()) == 6
    # and it suppresses everything it recorded, from either folder
    for cwd, path in ((tmp_path, "seeds"), (corpus, ".")):
        result = run(*TODAY, path, "--baseline", str(target), cwd=cwd)
        assert result.returncode == 0, result.stdout
        assert result.stdout.decode().strip() == (
            f"No problems in 5 files. 6 known problems suppressed by the baseline {target}; "
            "0 baseline entries no longer occur.")


@pytest.mark.parametrize("content, message", [
    ("{", "not JSON"),
    ('{"eura-lint-baseline": 2, "entries": []}', "not an eura-lint baseline"),
    ('{"eura-lint-baseline": 1, "entries": [{"path": "a"}]}', "entry 1 must have exactly"),
])
def test_a_broken_baseline_is_a_clear_error(tmp_path, content, message):
    target = tmp_path / "b.json"
    target.write_text(content, encoding="utf-8")
    result = run(*TODAY, str(seed_path("002")), "--baseline", str(target))
    assert result.returncode == 2
    assert message in result.stderr.decode() and b"Traceback" not in result.stderr
    missing = run(*TODAY, str(seed_path("002")), "--baseline", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and b"no such file (write one with --write-baseline)" in missing.stderr


def test_baseline_in_the_configuration_is_relative_to_its_folder(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".eura-lint.yaml").write_text("baseline: known.json\n", encoding="utf-8")
    wrote = run(*TODAY, "seeds", "--write-baseline", "known.json", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    result = run(*TODAY, "../seeds", cwd=tmp_path / "sub")
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert b"6 known problems suppressed" in result.stdout


def _findings(result) -> list[tuple[str, str, int]]:
    return [(r["path"], r["rule"], r["line"]) for r in json.loads(result.stdout)]


def test_an_edited_corpus_reports_exactly_its_new_defects(tmp_path):
    """The issue's acceptance case, at 300 documents (benchmarks/baseline_cost.py runs it at
    10,000): baseline, edit 200 documents (lines inserted above the findings, a finding fixed in
    one of four, a new defect in another one of four), and run against the baseline."""
    corpus = tmp_path / "corpus"
    make_corpus.build(300, corpus)
    known_file = tmp_path / "baseline.json"
    before = run(*TODAY, "-f", "json", "--jobs", "2", str(corpus))
    original = _findings(before)
    assert len({p for p, _, _ in original}) >= 200
    wrote = run(*TODAY, "--write-baseline", str(known_file), str(corpus))
    assert wrote.returncode == 0, wrote.stderr

    edits = edit_corpus.edit(original, count=200)
    assert len(edits.shifted) == 200 and len(edits.new) >= 40 and len(edits.fixed) == 50

    after = run(*TODAY, "-f", "json", "--baseline", str(known_file), str(corpus))
    reported = _findings(after)
    assert sorted(reported) == sorted((path, "EURA502", line) for path, line in edits.new)
    assert after.returncode == 1  # EURA502 is an error
    assert after.stderr.decode() == (
        f"eura-lint: {len(original) - len(edits.fixed)} known problems suppressed by the baseline {known_file}; "
        f"{len(edits.fixed)} baseline entries no longer occur.\n")

    # An oracle that does not use fingerprints: per document and rule, the edited corpus has the
    # original's findings, less the fixed ones, plus the new ones, every one moved by two lines.
    full = _findings(run(*TODAY, "-f", "json", str(corpus)))
    expected = Counter(edit_corpus.counts_by_path_rule(original))
    for path, _ in edits.fixed:
        expected[(path, "EURA101")] -= 1
    for path, _ in edits.new:
        expected[(path, "EURA502")] += 1
    assert Counter(edit_corpus.counts_by_path_rule(full)) == +expected
    shifted, filled = set(edits.shifted), dict(edits.fixed)

    def moved_to(path: str, line: int) -> int:
        # two lines above everything, and two more below a filled section's header
        return line + (2 if path in shifted else 0) + (2 if line > filled.get(path, line) else 0)

    moved = {(p, r, moved_to(p, line)) for p, r, line in original}
    assert {f for f in full if f[1] != "EURA502"} <= moved


def test_sarif_carries_fingerprints_and_baseline_state(tmp_path):
    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    plain = json.loads(run(*TODAY, "-f", "sarif", str(ROOT / "seeds")).stdout)
    assert not list(validator.iter_errors(plain))
    results = plain["runs"][0]["results"]
    prints = [r["partialFingerprints"][baseline.FINGERPRINT_NAME] for r in results]
    assert len(prints) == 6 and len(set(prints)) == 6
    assert all("baselineState" not in r for r in results)

    # the fingerprint does not depend on the line number: two lines inserted above move every
    # finding but keep every fingerprint
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        lines = seed.read_text(encoding="utf-8").split("\n")
        (corpus / seed.name).write_text("\n".join([lines[0], "Lisätieto.", "", *lines[1:]]),
                                        encoding="utf-8")
    moved = json.loads(run(*TODAY, "-f", "sarif", "seeds", cwd=tmp_path).stdout)["runs"][0]["results"]
    relative = json.loads(run(*TODAY, "-f", "sarif", "seeds").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in relative]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in relative]

    # with a baseline: only the new findings, each marked new, still valid
    known = tmp_path / "known.json"
    run(*TODAY, "seeds", "--select", "EURA101", "--write-baseline", str(known), cwd=tmp_path)
    log = json.loads(run(*TODAY, "-f", "sarif", "seeds", "--baseline", str(known), cwd=tmp_path).stdout)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert len(results) == 4 and {r["ruleId"] for r in results} == {"EURA104", "EURA309", "EURA404"}
    assert {r["baselineState"] for r in results} == {"new"}


# --- a finding about a column's cells (EURA705 once per column) ---------------------------------

LIST_HEADER = ("Koodi,Rahasto,Hankkeen nimi,Tl,Viranomainen,Tila,Aloituspvm,Päättymispvm,"
               "Toteuttajan nimi,Myönnetty EU- ja valtion rahoitus,Toteutunut EU- ja valtion "
               "rahoitus,Suunniteltu julkinen rahoitus yhteensä,Toteutunut julkinen rahoitus "
               "yhteensä")


def _list_text(stray: set[int]) -> str:
    """A small project list; the applicant cells of the given rows (1 = the first row, on line
    2) have a doubled space inside."""
    rows = [LIST_HEADER]
    for number in range(1, 9):
        applicant = "Mikkelin  Ammattikorkeakoulu Oy" if number in stray else "Mikkelin Oy"
        rows.append(f"A7{number + 300:04d},EAKR,Hanke {number},2,Innovaatiorahoituskeskus Tekes,"
                    f"Toiminnassa,1.3.2015,28.2.2017,{applicant},1000,500,1000,500")
    return "\n".join(rows) + "\n"


def _stray(result) -> list[tuple[int, str]]:
    return [(f["line"], f["message"]) for f in json.loads(result.stdout) if f["rule"] == "EURA705"]


def test_a_column_finding_is_suppressed_while_its_cells_stay_the_same(tmp_path):
    table, known = tmp_path / "l.csv", tmp_path / "bl.json"
    table.write_text(_list_text({2, 4}), encoding="utf-8")
    before = _stray(run(*TODAY, "-f", "json", str(table)))
    assert len(before) == 1 and before[0][0] == 3 and "2 cells" in before[0][1]  # one per column
    assert run(*TODAY, str(table), "--write-baseline", str(known)).returncode == 0
    unchanged = run(*TODAY, "-f", "json", "--fail-on", "info", str(table), "--baseline", str(known))
    assert (unchanged.returncode, json.loads(unchanged.stdout)) == (0, [])
    entry, = [e for e in json.loads(known.read_text(encoding="utf-8"))["entries"]
              if e["rule"] == "EURA705"]
    # keyed by its message (long: its start and a hash of the whole)
    assert entry["text"].startswith(" ".join(before[0][1].split())[:baseline.MAX_SUBJECT - 20])


def test_a_new_defective_cell_makes_its_column_finding_new(tmp_path):
    table, known = tmp_path / "l.csv", tmp_path / "bl.json"
    table.write_text(_list_text({2, 4}), encoding="utf-8")
    assert run(*TODAY, str(table), "--write-baseline", str(known)).returncode == 0
    table.write_text(_list_text({2, 4, 7}), encoding="utf-8")
    after = run(*TODAY, "-f", "json", "--fail-on", "info", str(table), "--baseline", str(known))
    assert after.returncode == 1
    new = json.loads(after.stdout)
    # (the edited row's own findings are new as well: their line's text changed)
    assert [(f["rule"], f["line"]) for f in new if f["rule"] == "EURA705"] == [("EURA705", 3)]
    column, = [f for f in new if f["rule"] == "EURA705"]  # at the first cell
    assert "3 cells" in column["message"] and "3, 5, 8" in column["message"]
    # a column with one such cell has that cell's own finding; a second cell is new too
    table.write_text(_list_text({2}), encoding="utf-8")
    assert run(*TODAY, str(table), "--write-baseline", str(known)).returncode == 0
    table.write_text(_list_text({2, 7}), encoding="utf-8")
    assert _stray(run(*TODAY, "-f", "json", str(table), "--baseline", str(known)))[0][0] == 3


def test_a_new_defective_cell_in_the_real_list_is_reported(tmp_path):
    table, known = tmp_path / "l.csv", tmp_path / "bl.json"
    shutil.copy(ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv", table)
    year = ["--today", "2016-12-31"]
    assert run(*year, str(table), "--write-baseline", str(known)).returncode == 0
    year += ["--fail-on", "info"]  # (the stray spaces are infos)
    assert run(*year, str(table), "--baseline", str(known)).returncode == 0  # unchanged
    lines = table.read_text(encoding="utf-8").split("\n")
    assert ",PEHUTEC OY," in lines[1999]  # line 2000's applicant cell
    lines[1999] = lines[1999].replace(",PEHUTEC OY,", ",PEHUTEC  OY,")
    table.write_text("\n".join(lines), encoding="utf-8")
    after = run(*year, "-f", "json", str(table), "--baseline", str(known))
    assert after.returncode == 1
    column, = json.loads(after.stdout)
    assert (column["rule"], column["line"]) == ("EURA705", 186)  # the column's first cell
    assert "5 cells" in column["message"] and "2000" in column["message"]


def test_a_column_finding_is_keyed_by_its_message():
    column = Finding("l.csv", 2, 9, "EURA705", "stray-spaces", Severity.INFO,
                     "Toteuttajan nimi: 2 cells (lines 2, 5)", cells=2)
    assert baseline.subject(column, "A70301,EAKR,Hanke") == "Toteuttajan nimi: 2 cells (lines 2, 5)"
    assert baseline.subject(finding(), "A70301,EAKR,Hanke") == "A70301,EAKR,Hanke"
