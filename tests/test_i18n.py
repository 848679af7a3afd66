"""Messages in Finnish and English: the catalogue's texts, rendering, the command line's language,
and what reaches every report format."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import pytest

from eura_lint.catalogue import CatalogueError, Phrase, read_rule_files, parse_rule
from eura_lint.context import Context
from eura_lint.engine import build_linter, lint_bytes, lint_paths, lint_result
from eura_lint.i18n import format_number, from_environment, languages, table, template_fields, text

from .helpers import EXAMPLE_TODAY, ROOT, SEEDS, example_bytes, example_files, example_today
from .helpers import run as run_command

CATALOGUE = read_rule_files()

# English words that have no business in Finnish text (none of them is a Finnish word: "on",
# "ei", "se" are left out for that reason). Names and ids are not checked against it, and the
# document's own words that a message quotes are not either.
ENGLISH_WORDS = set("""
a an the is are was were be been has have had not no and or but of in at to from for with by
as if than then that this these those it its which who what when where why how there their
does do did can could should must may will would please also only any every each none both
section sections field fields missing empty missed add remove write check update use give fill
project projects funding fund funds granted realised planned public total amount amounts
region regions sub-region municipality municipalities listed list known unknown name names
date dates start starts end ends ended status score scores indicator indicators objective
objectives axis axes code codes number numbers value values file line lines page read invalid
valid error errors warning warnings info problem problems found suggestion exceeds exceed
before after between outside inside belongs belong merged lies places target areas area
answer answered question direct indirect women men phone address email e-mail web postal post
office centre decided digit wrong length form part it's isn't doesn't
""".split())
WORD = re.compile(r"[A-Za-zÅÄÖåäö][\w'-]*")
ID = re.compile(r"EURA\d{3}")
ADDRESS = re.compile(r"\S*(?:\(at\)|://)\S*")  # example addresses: nimi(at)example.fi, https://...


def english_words(finnish: str, allowed_from_document: str = "") -> set[str]:
    """The English words in a Finnish text, leaving out ids and words the document itself has."""
    document_words = set(WORD.findall(allowed_from_document))
    finnish = ADDRESS.sub("", ID.sub("", finnish))
    return {word for word in WORD.findall(finnish)
            if word.lower() in ENGLISH_WORDS and word not in document_words}


# -- the catalogue's texts ------------------------------------------------------------------------

def test_every_rule_speaks_every_language_with_the_same_placeholders():
    assert languages() == ("en", "fi")
    for rule in CATALOGUE.values():
        assert rule.summaries, f"{rule.id} says what it checks in every language"
        texts = [rule.message, *([rule.suggestion] if rule.suggestion else []),
                 *rule.phrases.values(), rule.summaries]
        for by_language in texts:
            assert set(by_language) == set(languages()), rule.id
            fields = {lang: template_fields(t) for lang, t in by_language.items()}
            assert fields["fi"] == fields["en"], (rule.id, by_language)


def test_finnish_templates_and_phrases_have_no_english_words():
    for rule in CATALOGUE.values():
        texts = [rule.message["fi"], *([rule.suggestion["fi"]] if rule.suggestion else []),
                 *(phrase["fi"] for phrase in rule.phrases.values()), rule.summary_in("fi")]
        for finnish in texts:
            bare = re.sub(r"\{\w+\}", "", finnish)
            assert not english_words(bare), (rule.id, finnish, english_words(bare))


def test_the_message_table_speaks_every_language_with_the_same_placeholders():
    for key, by_language in table().items():
        assert set(by_language) == set(languages()), key
        assert template_fields(by_language["fi"]) == template_fields(by_language["en"]), key
        if key.startswith(("summary.", "count.", "severity.", "error.")):
            bare = re.sub(r"\{\w+\}", "", by_language["fi"])
            assert not english_words(bare) - {"info"}, (key, english_words(bare))


RULE = {
    "id": "EURA999", "name": "a-rule", "severity": "error", "kind": "python",
    "message": {"en": "Field {label} is empty", "fi": "Kenttä {label} on tyhjä"},
    "description": "A rule.", "examples": {"pass": [{"text": ""}], "fail": [{"text": ""}]},
}


@pytest.mark.parametrize(("change", "problem"), [
    ({"message": "Field {label} is empty"}, "every language"),
    ({"message": {"en": "Field {label} is empty"}}, "no text in fi"),
    ({"message": {"en": "Field {label} is empty", "fi": "Kenttä on tyhjä"}}, "placeholders"),
    ({"message": {"en": "Field {label}", "fi": "Kenttä {label}", "sv": "Fält {label}"}},
     "unknown language"),
    ({"suggestion": {"en": "Fill in {label}.", "fi": "Täytä {nimi}."}}, "placeholders"),
    ({"phrases": {"kind": {"en": "region"}}}, "phrases.kind: no text in fi"),
    ({"message": {"en": "Field {label", "fi": "Kenttä {label"}}, "not a valid template"),
    ({"summary": {"en": "Fields are filled in."}}, "summary: no text in fi"),
])
def test_catalogue_rejects_a_rule_without_every_language(change, problem):
    with pytest.raises(CatalogueError, match=problem):
        parse_rule({**RULE, **change}, "EURA999.yaml")


# -- rendering ---------------------------------------------------------------------------------

FAIL_CASES = [
    pytest.param(rule_id, index, case, id=f"{rule_id}-{index}")
    for rule_id, rule in CATALOGUE.items()
    for index, case in enumerate(rule.examples["fail"])
]


@pytest.mark.parametrize(("rule_id", "index", "case"), FAIL_CASES)
def test_fail_examples_render_in_both_languages(rule_id, index, case):
    files = example_files(case)
    document = "\n".join(data.decode("utf-8", "replace") for _, data in files)
    rendered = {}
    for lang in languages():
        context = Context(today=example_today(case), lang=lang)
        linter = build_linter(select=[rule_id], context=context)
        results = [lint_result(linter, path, data) for path, data in files]
        rendered[lang] = [f for f in linter.finish(results) if f.rule == rule_id]
    english, finnish = rendered["en"], rendered["fi"]
    assert [(f.line, f.column) for f in finnish] == [(f.line, f.column) for f in english]
    assert finnish, "every fail example has a finding"
    rule = CATALOGUE[rule_id]
    placeholders = set().union(*(template_fields(t) for texts in
                                 (rule.message, rule.suggestion or {}, *rule.phrases.values())
                                 for t in texts.values()))
    for finding_en, finding_fi in zip(english, finnish):
        for finding in (finding_en, finding_fi):
            for shown in (finding.message, finding.suggestion or ""):
                assert not any("{" + name + "}" in shown and "{" + name + "}" not in document
                               for name in placeholders), shown
        assert finding_fi.message != finding_en.message
        shown_fi = f"{finding_fi.message} {finding_fi.suggestion or ''}"
        assert not english_words(shown_fi, document), (shown_fi, english_words(shown_fi, document))


def test_numbers_and_dates_in_finnish_notation():
    assert format_number(1053002.0, "fi") == "1 053 002"
    assert format_number(0.5, "fi") == "0,5"
    assert format_number(1234.25, "en") == "1 234.25"
    linter = build_linter(select=["EURA201"], context=Context(today=EXAMPLE_TODAY, lang="fi"))
    case = CATALOGUE["EURA201"].examples["fail"][0]
    (finding,) = lint_bytes(example_bytes(case), "x.txt", linter=linter)
    assert finding.message == ("Toteutunut EU- ja valtion rahoitus 79 722 euroa ylittää "
                               "myönnetyn rahoituksen 79 721 euroa")
    linter = build_linter(select=["EURA404"], context=Context(today=dt.date(2023, 7, 1), lang="fi"))
    (finding,) = lint_paths([str(next(SEEDS.glob("001_*.txt")))], linter=linter)
    assert finding.message.endswith("oli 2,5 vuotta ennen tarkistuspäivää 1.7.2023")


def test_a_phrase_is_rendered_in_the_rule_language():
    rule = CATALOGUE["EURA301"]
    values = {"name": "Kuopo", "label": "Kunnat", "kind": Phrase("municipality", {}),
              "proposal": rule.phrase("alternatives", first="Kuopio", last="Kuusamo")}
    assert rule.in_language("fi").finding("x", 1, 1, **values).message == (
        "'Kuopo' (Kunnat) ei ole minkään kunnan nimi; tarkoititko Kuopio vai Kuusamo?")
    assert rule.finding("x", 1, 1, **values).message == (
        "'Kuopo' in Kunnat is not a known municipality name; did you mean Kuopio or Kuusamo?")


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "fi_FI.UTF-8"}, "fi"),
    ({"LANG": "fi"}, "fi"),
    ({"LC_MESSAGES": "fi_FI@euro", "LANG": "en_GB.UTF-8"}, "fi"),
    ({"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}, "en"),  # LC_ALL overrides the others
    ({"LC_ALL": "", "LANG": "fi_FI.UTF-8"}, "fi"),  # an empty variable is unset
    ({"LANG": "sv_FI.UTF-8"}, "en"),
    ({}, "en"),
])
def test_language_from_the_locale(environ, expected):
    assert from_environment(environ) == expected


# -- the command line ----------------------------------------------------------------------------

def run(*args: str, cwd=None, **environ: str) -> subprocess.CompletedProcess:
    """The command in an English locale, changed by ``environ``."""
    return run_command(*args, cwd=cwd,
                       env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", **environ})


def _finnish_messages() -> dict[tuple[str, int, int, str], tuple[str, str | None]]:
    linter = build_linter(context=Context(today=EXAMPLE_TODAY, lang="fi"))
    return {(f.path, f.line, f.column, f.rule): (f.message, f.suggestion)
            for f in lint_paths(["seeds"], linter=linter)}


def test_lang_fi_prints_every_finding_of_the_seeds_in_finnish():
    result = run("--today", "2026-11-22", "--lang", "fi", "seeds/")
    out = result.stdout.decode()
    assert result.returncode == 1
    expected = _finnish_messages()
    assert expected
    lines = out.splitlines()
    findings = [line for line in lines if re.match(r"\S+:\d+:\d+: [AS]\d{5} EURA\d{3} ", line)]
    assert len(findings) == len(expected)
    for line in findings:
        where, _, rest = line.partition(" EURA")
        where = where.rsplit(" ", 1)[0].rstrip(":")  # the project's code follows the position
        path, row, column = where.rsplit(":", 2)
        rule = "EURA" + rest[:3]
        message, _ = expected[(path, int(row), int(column), rule)]
        assert rest[4:] in (f"[virhe] {message}", f"[varoitus] {message}",
                            f"[huomautus] {message}"), line
        assert not english_words(message, (ROOT / path).read_text(encoding="utf-8")), line
    suggestions = [line for line in lines if line.startswith("    ")]
    assert suggestions and all(line.startswith("    ehdotus: ") for line in suggestions)
    assert lines[-1] == (f"Löytyi {len(expected)} ongelmaa ({len(expected)} varoitusta) "
                         "3 tiedostossa; tarkistettiin 5 tiedostoa.")


def test_finnish_locale_speaks_finnish_without_options():
    by_option = run("--today", "2026-11-22", "--lang", "fi", "seeds/").stdout
    by_locale = run("--today", "2026-11-22", "seeds/", LANG="fi_FI.UTF-8").stdout
    assert by_locale == by_option
    assert "Löytyi" in by_locale.decode()
    english = run("--today", "2026-11-22", "seeds/").stdout.decode()
    assert english.splitlines()[-1] == "Found 6 problems (6 warnings) in 3 of 5 files."
    # --lang wins over the locale, the locale's LC_ALL over LANG
    assert run("--today", "2026-11-22", "--lang", "en", "seeds/", LANG="fi_FI.UTF-8").stdout.decode() == english
    assert run("--today", "2026-11-22", "seeds/", LANG="fi_FI.UTF-8",
               LC_ALL="C.UTF-8").stdout.decode() == english


def test_lang_from_the_configuration(tmp_path):
    (tmp_path / ".eura-lint.yaml").write_text("lang: fi\ntoday: 2026-11-22\n", encoding="utf-8")
    result = run(str(SEEDS / next(SEEDS.glob("000_*.txt")).name), cwd=tmp_path)
    # a relative path from another folder: lint the seed by its absolute path instead
    result = run(str(next(SEEDS.glob("000_*.txt"))), cwd=tmp_path)
    assert "EURA101 [varoitus] Osio 4.1 Varsinaiset kohderyhmät on tyhjä" in result.stdout.decode()
    # --lang still wins
    result = run("--lang", "en", str(next(SEEDS.glob("000_*.txt"))), cwd=tmp_path)
    assert "EURA101 [warning] Section 4.1" in result.stdout.decode()
    (tmp_path / ".eura-lint.yaml").write_text("lang: de\n", encoding="utf-8")
    result = run(str(next(SEEDS.glob("000_*.txt"))), cwd=tmp_path)
    assert result.returncode == 2
    assert "lang must be one of en, fi" in result.stderr.decode()


def test_errors_and_help_in_finnish(tmp_path):
    result = run(LANG="fi_FI.UTF-8")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith("eura-lint: tarkistettavia polkuja ei annettu") and len(err.splitlines()) == 1
    assert err.endswith("(ohjeet: 'eura-lint --help')\n")
    result = run("--lang", "fi", "--today", "eilen", "seeds/")
    assert result.returncode == 2
    assert result.stderr.decode().startswith(
        "eura-lint: Virheellinen arvo valitsimelle '--today': 'eilen' ei ole päivämäärä")
    assert run().stderr.decode().startswith("eura-lint: no paths given")
    help_fi = run("--help", LANG="fi_FI.UTF-8").stdout.decode()
    assert "Tarkistaa EURA 2014 -hankekuvaukset" in help_fi
    assert "Luettele säännöt (ne, jotka" in help_fi and "Näytä tämä ohje ja lopeta." in help_fi
    assert run("--lang", "fi", "--help").stdout == run("--help", LANG="fi_FI.UTF-8").stdout
    help_en = run("--help").stdout.decode()
    assert "List the rules (those" in help_en and "Luettele" not in help_en
    (tmp_path / ".eura-lint.yaml").write_text("lang: fi\n", encoding="utf-8")
    assert "Luettele säännöt" in run("--help", cwd=tmp_path).stdout.decode()
    listed = run("--list-rules", cwd=tmp_path).stdout.decode()
    assert "EURA201  realised-exceeds-granted" in listed  # ids and names stay
    assert "Toteutunut EU- ja valtion rahoitus on suurempi kuin myönnetty." in listed
    assert "Realised EU and state funding exceeds" in run("--list-rules").stdout.decode()


def test_every_format_carries_the_chosen_language(tmp_path):
    seed = str(next(SEEDS.glob("003_*.txt")))
    message = "Hanke on päättynyt ('Toiminta päättynyt'), mutta osiossa 9 ei ole loppuraportin tiivistelmää"
    suggestion = "Lisää loppuraportin tiivistelmä osioon 9 Loppuraportin tiivistelmä."
    result = run("--lang", "fi", "--today", "2026-11-22", "-f", "json", "-o", f"sarif:{tmp_path}/r.sarif",
                 "-o", f"junit:{tmp_path}/r.xml", "-o", f"github:{tmp_path}/r.txt", seed)
    (record,) = json.loads(result.stdout)
    assert (record["message"], record["suggestion"]) == (message, suggestion)
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    (found,) = sarif["runs"][0]["results"]
    assert found["message"]["text"] == f"{message}\nEhdotus: {suggestion}"
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["EURA104"]["shortDescription"]["text"] == CATALOGUE["EURA104"].summary_in("fi")
    assert rules["EURA104"]["properties"]["summaries"] == dict(CATALOGUE["EURA104"].summaries)
    assert rules["EURA104"]["properties"]["messages"] == dict(CATALOGUE["EURA104"].message)
    assert rules["EURA104"]["properties"]["suggestions"]["en"].startswith("Add the final")
    junit = (tmp_path / "r.xml").read_text(encoding="utf-8")
    assert message.replace("'", "&apos;") in junit or message in junit
    assert f"Ehdotus: {suggestion}" in junit and "[varoitus]" in junit
    github = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert github.startswith("::warning ") and f"{message}%0AEhdotus: {suggestion}" in github
    result = run("--lang", "fi", "--today", "2026-11-22", "-f", "csv", "-o", f"html:{tmp_path}/r.html",
                 seed)
    assert message in result.stdout.decode("utf-8-sig") and suggestion in result.stdout.decode("utf-8-sig")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="fi"' in html and "loppuraportin tiivistelmää" in html


def test_the_language_travels_to_worker_processes():
    files = [str(path) for path in sorted(SEEDS.glob("*.txt"))] * 4
    linter = build_linter(context=Context(today=EXAMPLE_TODAY, lang="fi"))
    from eura_lint.engine import run as run_linter

    in_workers = run_linter(linter, files, jobs=2)
    in_process = run_linter(linter, files, jobs=1)
    assert in_workers == in_process
    assert any(f.message.startswith("Osio 4.1") for f in in_workers)


def test_text_reporter_words_come_from_the_table():
    assert text("summary.clean", "fi", files="1 tiedosto") == "Ei ongelmia; tarkistettiin 1 tiedosto."
