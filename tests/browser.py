"""Headless Chromium (Debian's chromium + chromium-driver, installed by `make browser`) driven
through selenium: load a page from file://, collect console messages and network requests."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager

import pytest

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def require_chromium() -> tuple[str, str]:
    """Paths of chromium and chromedriver; without them the test fails in CI (`.ci/run`
    installs them) and is skipped elsewhere, saying how to install them."""
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    message = "headless Chromium is not installed; run `make browser` (as root)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium(width: int = 1280, height: int = 900):
    """A fresh headless Chromium (its own --user-data-dir) with console and network logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = require_chromium()
    with tempfile.TemporaryDirectory(prefix="speechkit-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
        try:
            yield driver
        finally:
            driver.quit()


def requests(driver) -> list[str]:
    """URLs of the requests made since the last call (from the DevTools log), leaving out
    only those made by the browser's own pages (chrome://, such as the new-tab page it
    starts on)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.requestWillBeSent":
            continue
        params = message["params"]
        url = params["request"]["url"]
        if params.get("documentURL", "").startswith("chrome://"):
            continue
        urls.append(url)
    return urls


def console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
