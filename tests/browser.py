"""A real headless Chromium for the tests and the benchmark, driven by Selenium.

Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them); nothing is
downloaded. Chromium runs without its background services (updates, sync, component
downloads), which would otherwise try the network, and with a profile of its own.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def missing() -> str | None:
    """Give why no browser can be driven here (None when one can)."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return f"{path} is missing (apt-get install {package})"
    return None


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator[Any]:
    """Give a headless Chromium driven by Selenium, with its network log kept; quit it after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="glossary-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, url: str, timeout: float = 30.0) -> None:
    """Load ``url`` and wait until the page's script says it is ready."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready === 'true'")
    )


#: Gives the headwords the page lists, in order (pinyin shown over them left out).
HEADWORDS_JS = """
return Array.from(document.querySelectorAll('#results .entry .hw')).map(function (link) {
  const copy = link.cloneNode(true);
  copy.querySelectorAll('rt').forEach(function (rt) { rt.remove(); });
  return copy.textContent;
});
"""

#: Types a whole query into the search box at once, as a paste does.
SEARCH_JS = """
const box = document.getElementById('q');
box.value = arguments[0];
box.dispatchEvent(new Event('input', {bubbles: true}));
"""


def search(driver: Any, query: str) -> list[str]:
    """Give the headwords the page lists for ``query``, put into its search box."""
    driver.execute_script(SEARCH_JS, query)
    return list(driver.execute_script(HEADWORDS_JS))


def headwords(driver: Any) -> list[str]:
    """Give the headwords the page lists now."""
    return list(driver.execute_script(HEADWORDS_JS))


def requests(driver: Any) -> list[str]:
    """Give the URLs of every request the browser sent since this was last asked."""
    import json

    sent = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            sent.append(message["params"]["request"]["url"])
    return sent
