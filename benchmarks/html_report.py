"""Benchmark the HTML report at scale: its size, the time to write it, and Chromium's time to show it.

    python benchmarks/html_report.py                  # 20,000 documents, about 50,000 findings
    python benchmarks/html_report.py 2000 --runs 1    # a quick look

The corpus is ``benchmarks/make_corpus.py``'s N documents (built if missing) with more defects
than it injects: each document gets, each with probability ``--extra`` (default 0.33), a phone
number that is too short, a four-digit postal code and a broken e-mail address (one finding each),
and its own project code (``Codes``: make_corpus's random codes repeat, and the report counts
projects by code), written to ``benchmarks/corpus/html-N-…-projects-v2`` from a seeded RNG, so the
same arguments always give the same files. It is linted in this process with the default catalogue, ``--today 2026-11-22`` and
two jobs, and then, best of ``--runs``:

* the reporters' time: ``html.render`` and, for scale, ``csv_report.render`` and JSON;
* the report's size, raw and gzipped (as it would travel by e-mail in a zip);
* headless Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by selenium) opening
  the file: the navigation timing's DOMContentLoaded and load event, and the first frame painted
  after the load event (two ``requestAnimationFrame`` callbacks), all from navigation start, with
  a fresh profile each run; then the time the page's script takes to filter the table to one rule,
  and the project index (drawn a page at a time from the page's JSON) to one authority and to one
  project found by its code.

Prints a Markdown table to paste into ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import platform
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import make_corpus  # noqa: E402

TODAY = dt.date(2026, 11, 22)
EDITS = (
    (re.compile(r"^Puhelinnumero: .*$", re.M), "Puhelinnumero: 12"),
    (re.compile(r"^Postinumero: \d{5}", re.M), "Postinumero: 9640"),
    (re.compile(r"\(at\)"), "(at) x "),
)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage", "--window-size=1280,1000")


# Every document its own project: make_corpus draws codes at random, which repeat (20,000
# documents held 11,510 codes), and the report joins documents of one code into one project.
CODE = re.compile(r"^(Hankekoodi: )([AS])\d{5}(?=\r?$)", re.M)  # any line ending


class Codes:
    """Distinct EURA 2014 codes in order: S2xxxx for ESF documents, A7xxxx for ERDF, and once the
    10,000 S2 codes are spent the remaining ESF documents get A7 codes (EURA503 then notes the
    letter against the fund line: the price of 20,000 distinct codes from 10,000 of each)."""

    def __init__(self) -> None:
        self.used = {"A": 0, "S": 0}

    def next(self, letter: str) -> str:
        if letter == "S" and self.used["S"] >= 10_000:
            letter = "A"
        number = self.used[letter]
        self.used[letter] += 1
        return f"{letter}{'7' if letter == 'A' else '2'}{number:04d}"


def corpus(n: int, extra: float, seed: int = 2014) -> Path:
    base = make_corpus.ensure(n)
    out = HERE / "corpus" / f"html-{n}-{extra}-projects-v2"
    done = out / "DONE"
    if done.exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    rng = random.Random(seed)
    codes = Codes()
    for source in sorted(base.rglob("*.txt")):
        data = source.read_bytes()
        # the few Windows-1252 files get their code only: the defects are added to UTF-8 text
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
            data = CODE.sub(lambda m: m.group(1) + codes.next(m.group(2)),
                            data.decode("cp1252"), count=1).encode("cp1252")
        if text is not None:
            text = CODE.sub(lambda m: m.group(1) + codes.next(m.group(2)), text, count=1)
            for pattern, replacement in EDITS:
                if rng.random() < extra:
                    text = pattern.sub(replacement, text, count=1)
            data = text.encode("utf-8")
        target = out / source.relative_to(base)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    done.write_text("complete\n")
    return out


def lint(folder: Path):
    from eura_lint import __version__
    from eura_lint.context import Context
    from eura_lint.engine import RunDetails, build_linter, expand_paths, run
    from eura_lint.report import Report

    linter = build_linter(context=Context(TODAY))
    details = RunDetails()
    files = expand_paths([str(folder)])
    started = time.perf_counter()
    findings = run(linter, files, jobs=2, details=details)
    elapsed = time.perf_counter() - started
    report = Report(findings=findings, paths=files, rules=linter.rules, version=__version__,
                    records=details.records, sources=details.sources, today=TODAY,
                    created=dt.datetime.now(dt.timezone.utc))
    return report, elapsed


def best(runs: int, call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return min(times), result


def chromium(path: Path, rule: str, runs: int) -> dict[str, float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        raise SystemExit("install Debian's chromium and chromium-driver first")
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            options = webdriver.ChromeOptions()
            options.binary_location = binary
            for flag in (*FLAGS, f"--user-data-dir={profile}"):
                options.add_argument(flag)
            driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
            try:
                driver.set_page_load_timeout(300)
                driver.set_script_timeout(300)
                driver.get(path.as_uri())  # returns after the load event
                timing = driver.execute_async_script("""
                    var done = arguments[0];
                    requestAnimationFrame(function () { requestAnimationFrame(function () {
                      var t = performance.getEntriesByType('navigation')[0];
                      done([t.domContentLoadedEventEnd, t.loadEventEnd, performance.now()]);
                    }); });""")
                filtered = driver.execute_script("""
                    var select = document.querySelector('#filters select[name=rule]');
                    var started = performance.now();
                    select.value = arguments[0];
                    select.dispatchEvent(new Event('change', {bubbles: true}));
                    document.body.offsetHeight;  // the layout the filter causes
                    var took = performance.now() - started;
                    var shown = [].filter.call(document.querySelectorAll('#ft tbody tr'),
                      function (r) { return !r.hidden; }).length;
                    return [took, shown];""", rule)
                # the project index: every project is in the page's JSON, a page of 50 drawn
                index = driver.execute_script("""
                    var form = document.getElementById('pi-filters');
                    var select = form.elements['p-authority'];
                    var started = performance.now();
                    select.value = '0';
                    select.dispatchEvent(new Event('change', {bubbles: true}));
                    document.body.offsetHeight;
                    var byAuthority = performance.now() - started;
                    var shown = document.getElementById('pi-shown').textContent;
                    select.value = '';
                    var data = JSON.parse(document.getElementById('pi-data').textContent);
                    var code = data.projects[data.projects.length - 1][0];
                    form.elements['p-q'].value = code;
                    started = performance.now();
                    form.dispatchEvent(new Event('submit', {cancelable: true}));
                    document.body.offsetHeight;
                    var byCode = performance.now() - started;
                    var found = [].map.call(document.querySelectorAll('#pi-list details.pe'),
                      function (d) { return d.getAttribute('data-code'); });
                    return [byAuthority, byCode, data.projects.length, shown,
                            found.length === 1 && found[0] === code];""")
            finally:
                driver.quit()
        for key, value in zip(("dom", "load", "frame", "filter", "authority", "code"),
                              (*timing, filtered[0], index[0], index[1])):
            results.setdefault(key, []).append(value / 1000)
        results.setdefault("shown", []).append(filtered[1])
        results.setdefault("projects", []).append(index[2])
        assert index[4], "the search by code did not find exactly its project"
    return {key: min(values) for key, values in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=20_000)
    parser.add_argument("--extra", type=float, default=0.33)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from eura_lint.reporters import csv_report, html, json_report

    folder = corpus(args.n, args.extra)
    report, lint_time = lint(folder)
    html_time, text = best(args.runs, lambda: html.render(report))
    csv_time, _ = best(args.runs, lambda: csv_report.render(report))
    json_time, _ = best(args.runs, lambda: json_report.render(report))
    out = HERE / "corpus" / f"report-{args.n}.html"
    data = text.encode("utf-8")
    out.write_bytes(data)
    rule, rule_count = Counter(f.rule for f in report.findings).most_common(1)[0]
    browser = chromium(out, rule, args.runs)
    assert browser["shown"] == rule_count, (browser["shown"], rule_count)

    print(f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by "
          f"`python benchmarks/html_report.py {args.n}` (best of {args.runs}) on "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}.\n")
    print("| documents | findings | lint s (2 jobs) | HTML render s | CSV s | JSON s "
          "| HTML MB | gzipped MB | Chromium DOMContentLoaded s | load s | first frame s "
          "| filter to one rule s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(report.paths):,} | {len(report.findings):,} | {lint_time:.2f} | {html_time:.2f} "
          f"| {csv_time:.2f} | {json_time:.2f} | {len(data) / 1e6:.1f} "
          f"| {len(gzip.compress(data, 6)) / 1e6:.1f} | {browser['dom']:.2f} | {browser['load']:.2f} "
          f"| {browser['frame']:.2f} | {browser['filter']:.2f} ({rule}, {rule_count:,} rows) |")
    print()
    print("| projects in the index | project index by authority s | project index by code s |")
    print("|---:|---:|---:|")
    print(f"| {browser['projects']:,} | {browser['authority']:.3f} | {browser['code']:.3f} |")


if __name__ == "__main__":
    main()
