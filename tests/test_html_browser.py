"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, which ``.ci/run`` installs) opens it, the filter leaves exactly one rule's
rows, sorting and the text filter work, a screenshot is taken, and the console stays clean.

Where no browser is installed the test is skipped and says why; under CI (``CI`` set) a missing
browser is a failure instead, so the check cannot silently stop running.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from .helpers import run

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = "chromedriver"
pytestmark = pytest.mark.slow  # a browser starts and loads the report
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage", "--window-size=1280,1600")


def _browser() -> tuple[str, str]:
    binary = next((found for name in CHROMIUM if (found := shutil.which(name))), None)
    driver = shutil.which(DRIVER)
    if binary and driver:
        return binary, driver
    reason = ("no headless browser: install Debian's chromium and chromium-driver "
              "(apt-get install chromium chromium-driver) to run the browser test")
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The seeds and a few edited copies, so that several rules have findings."""
    cwd = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "seeds", cwd / "seeds")
    seed = (ROOT / "seeds" / "002_f43153b04ec63b59.txt").read_text(encoding="utf-8")
    (cwd / "seeds" / "ylitys.txt").write_text(seed.replace(
        "Toteutunut EU- ja valtion rahoitus: 69 476", "Toteutunut EU- ja valtion rahoitus: 79 722")
        .replace("Hankkeen nimi: ", "Hankkeen nimi: <script>alert(1)</script> ", 1), encoding="utf-8")
    result = run("--no-config", "--today", "2024-01-01", "-f", "json", "-o", "html:report.html",
                 "seeds", cwd=cwd, text=True)
    assert result.returncode == 1, result.stderr
    return cwd / "report.html", json.loads(result.stdout)


def _visible_rows(driver) -> list[tuple[str, str, str]]:
    """(path, rule, severity class) of every finding row the reader can see, top to bottom."""
    return driver.execute_script("""
        return [].slice.call(document.querySelectorAll('#ft tbody tr, #sorted tbody tr'))
          .filter(function (r) { return r.offsetParent !== null; })
          .map(function (r) {
            var path = r.querySelector('td.p a') || r.closest('section').querySelector('h3 a');
            return [path.textContent, r.querySelector('a[href^="#EURA"]').textContent, r.className];
          });""")


def test_filter_sort_screenshot_and_clean_console(browser, report, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path, records = report
    browser.get(path.as_uri())
    assert browser.title == "eura-lint report"
    assert browser.find_element(By.ID, "filters").is_displayed()  # the script ran
    assert browser.find_element(By.ID, "shown").text == f"Showing {len(records)} of {len(records)} findings"
    assert len(_visible_rows(browser)) == len(records)

    counts = Counter(record["rule"] for record in records)
    for rule in counts:
        Select(browser.find_element(By.NAME, "rule")).select_by_value(rule)
        rows = _visible_rows(browser)
        assert [r for _, r, _ in rows] == [rule] * counts[rule], rule
        shown = browser.find_element(By.ID, "shown").text
        assert shown == f"Showing {counts[rule]} of {len(records)} findings"
    Select(browser.find_element(By.NAME, "rule")).select_by_value("")
    assert len(_visible_rows(browser)) == len(records)

    # sorted by severity: errors first, each row with its path, which leads back to its document
    Select(browser.find_element(By.NAME, "sort")).select_by_value("3")
    rows = _visible_rows(browser)
    assert [css for _, _, css in rows] == sorted((r["severity"][0] for r in records), key="ewi".index)
    assert sorted(map(tuple, rows)) == sorted((r["path"], r["rule"], r["severity"][0]) for r in records)
    link = browser.find_element(By.CSS_SELECTOR, "#sorted td.p a")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    assert browser.find_element(By.ID, target).is_displayed()
    assert browser.find_element(By.NAME, "sort").get_attribute("value") == "0"
    assert [(p, r) for p, r, _ in _visible_rows(browser)] == [(r["path"], r["rule"]) for r in records]

    # the free text filters by what a row and its document's heading say
    box = browser.find_element(By.NAME, "q")
    box.send_keys("YLITYS")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(_visible_rows(browser)) == len(records):
        time.sleep(0.1)
    paths = [path for path, _, _ in _visible_rows(browser)]
    assert paths == [r["path"] for r in records if r["path"].endswith("ylitys.txt")]
    assert paths
    box.clear()
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()

    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000

    problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []


@pytest.fixture(scope="module")
def projects_report(tmp_path_factory):
    """The seeds and the real 2016 list: about 2,900 projects in the index."""
    cwd = tmp_path_factory.mktemp("projects")
    shutil.copytree(ROOT / "seeds", cwd / "seeds")
    shutil.copy(ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv", cwd / "list.csv")
    result = run("--no-config", "--today", "2016-12-31", "-f", "json", "-o", "html:report.html",
                 "seeds", "list.csv", cwd=cwd, text=True)
    assert result.returncode == 1, result.stderr
    return cwd / "report.html", json.loads(result.stdout)


def _index_codes(driver) -> list[str]:
    return driver.execute_script(
        "return [].map.call(document.querySelectorAll('#pi-list details.pe'),"
        " function (d) { return d.getAttribute('data-code'); });")


def test_project_index_filters_by_authority_and_finds_a_project_by_code(browser, projects_report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path, records = projects_report
    browser.get(path.as_uri())
    assert browser.find_element(By.ID, "pi-filters").is_displayed()  # the script ran
    assert not browser.find_element(By.ID, "pi-noscript").is_displayed()
    assert len(_index_codes(browser)) == 50  # one page
    data = json.loads(browser.find_element(By.ID, "pi-data").get_attribute("textContent"))

    # by authority: exactly the projects of that authority, as the data says
    authority = "Innovaatiorahoituskeskus Tekes"
    Select(browser.find_element(By.NAME, "p-authority")).select_by_visible_text(authority)
    number = data["authorities"].index(authority)
    expected = [p[0] for p in data["projects"] if p[2] == number]
    assert 50 < len(expected)
    assert _index_codes(browser) == expected[:50]
    assert browser.find_element(By.ID, "pi-shown").text.endswith(
        f"of {len(expected)} (of {len(data['projects'])})")
    browser.find_element(By.NAME, "p-next").click()
    assert _index_codes(browser) == expected[50:100]

    # by code: the one project, with its findings (a list row's) when opened
    browser.find_element(By.CSS_SELECTOR, "#pi-filters button[type=reset]").click()
    code = next(r["project"]["code"] for r in records
                if r["rule"] == "EURA202" and r["path"].endswith("list.csv"))
    box = browser.find_element(By.NAME, "p-q")
    box.send_keys(code.lower())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _index_codes(browser) != [code]:
        time.sleep(0.1)
    assert _index_codes(browser) == [code]
    browser.find_element(By.CSS_SELECTOR, "#pi-list details.pe summary").click()
    rules = browser.execute_script(
        "return [].map.call(document.querySelectorAll('#pi-list details.pe tr a[href^=\"#EURA\"]'),"
        " function (a) { return a.textContent; });")
    assert sorted(rules) == sorted(r["rule"] for r in records
                                   if r.get("project", {}).get("code") == code)
    problems = [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert problems == []
