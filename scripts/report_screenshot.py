"""Write docs/report.png: the HTML report of the seeds and the real 2016 project list, as
headless Chromium shows its top (Debian's ``chromium`` and ``chromium-driver``, by selenium).

    python scripts/report_screenshot.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage", "--window-size=1280,2200", "--hide-scrollbars")


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.html"
        subprocess.run([sys.executable, "-m", "eura_lint", "--no-config", "--today", "2016-12-31",
                        "-q", "-o", f"html:{report}", "seeds",
                        "tests/data/eura2014_projektilista_osdata_2016.csv"],
                       cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
        for flag in (*FLAGS, f"--user-data-dir={Path(work) / 'profile'}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options,
                                  service=Service(executable_path=shutil.which("chromedriver")))
        try:
            driver.get(report.as_uri())
            target = ROOT / "docs" / "report.png"
            partial = target.with_suffix(".png.part")
            driver.save_screenshot(str(partial))
            partial.replace(target)  # whole or not at all
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
