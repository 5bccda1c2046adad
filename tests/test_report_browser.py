"""The report page in a real browser (headless Chromium): no console error, no request but the
file itself, every section with the sample's 9 speeches, charts drawn, and the numbers in the
DOM equal to the CLI's. Screenshots go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from speechkit.cli import cli

from .browser import chromium, console_errors, requests
from .conftest import ROOT, SAMPLE

ARTIFACTS = ROOT / "tests" / "artifacts"
SECTIONS = ("overview", "slogans", "targets", "outline", "context")
# Vega's SVG renderer draws each mark as a path (bars, squares) or a symbol under a
# g.role-mark group.
MARKS = ".role-mark path, .role-mark rect, .role-mark circle"
CHARTS_DRAWN = f"""
const hosts = [...document.querySelectorAll('.chart[data-chart]')].filter(h => h.childElementCount);
return hosts.length > 0 && hosts.every(h => h.querySelector('svg') && h.querySelectorAll(`{MARKS}`).length > 0);
"""


def cli_json(*args) -> list[dict]:
    result = CliRunner().invoke(cli, [str(a) for a in [*args, "--json"]], obj={})
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The sample's page open in headless Chromium, charts drawn, with what loading logged."""
    page = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(cli, ["report", str(SAMPLE), "-o", str(page)], obj={})
    assert result.exit_code == 0, result.output
    with chromium() as driver:
        url = page.as_uri()
        requests(driver)  # drop what the browser's own start page loaded
        console_errors(driver)
        driver.get(url)
        deadline = time.monotonic() + 30
        while not driver.execute_script(CHARTS_DRAWN):
            assert time.monotonic() < deadline, "charts did not draw within 30 s"
            time.sleep(0.05)
        yield driver, url, requests(driver), console_errors(driver)


def test_no_console_errors_and_no_requests_but_the_file(loaded):
    driver, url, urls, errors = loaded
    assert errors == []
    assert urls == [url], urls
    # And nothing later (a chart tooltip or a lazily built outline fetching something).
    driver.execute_script(
        "document.querySelectorAll('#outline details').forEach(d => d.open = true)"
    )
    assert requests(driver) == [] and console_errors(driver) == []


def test_every_section_holds_the_nine_speeches(loaded):
    driver = loaded[0]
    for section in SECTIONS:
        assert driver.find_element("id", section).is_displayed(), section
    ids = [s["id"] for s in cli_json("split", SAMPLE)]
    assert len(ids) == 9
    cells = driver.execute_script(
        "return [...document.querySelectorAll('[data-table=speeches] td[data-col=id]')].map(t => t.textContent)"
    )
    assert cells == ids
    outline = driver.execute_script(
        "return [...document.querySelectorAll('#outline details.speech')].map(d => d.dataset.speech)"
    )
    assert outline == ids
    labels = driver.execute_script(
        "return JSON.parse(document.getElementById('report-data').textContent).labels_of"
    )
    for chart in ("heatmap", "targets", "chars"):
        texts = driver.execute_script(
            f"return [...document.querySelectorAll('[data-chart={chart}] svg text')].map(t => t.textContent)"
        )
        missing = [labels[i] for i in ids if labels[i] not in texts]
        assert not missing, f"{chart}: no axis label for {missing}"


def test_charts_are_drawn_with_marks(loaded):
    driver = loaded[0]
    for chart in ("chars", "slogans", "heatmap", "targets"):
        marks = driver.execute_script(
            f"return document.querySelectorAll('[data-chart={chart}] svg :is({MARKS})').length"
        )
        assert marks > 0, chart
    cells = sum(1 for row in cli_json("slogans", SAMPLE, "--by-speech"))
    heat = driver.execute_script(
        "return document.querySelectorAll('[data-chart=heatmap] .role-mark path').length"
    )
    assert 0 < heat <= cells


def dom_rows(driver, table: str) -> list[dict]:
    return driver.execute_script(
        f"""return [...document.querySelectorAll('[data-table={table}] tbody tr')].map(tr =>
            Object.fromEntries([...tr.children].map(td => [td.dataset.col, td.textContent])))"""
    )


def same(text: str, value) -> bool:
    """Whether a cell's text shows ``value``: numbers compared as numbers (the page writes
    thousands separators, and JavaScript prints 40.0 as 40), booleans as ✓/✗."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("✓" if value else "✗")
    if isinstance(value, (int, float)):
        return float(text.replace(",", "")) == value
    return text == str(value)


@pytest.mark.parametrize(
    ("table", "args"),
    [
        ("speeches", ("split",)),
        ("slogans", ("slogans",)),
        ("targets", ("targets",)),  # the page opens on kind = target, as the CLI's default
        ("announcements", ("directives", "--check")),
    ],
)
def test_numbers_in_the_page_equal_the_cli(loaded, table, args):
    driver = loaded[0]
    expected = cli_json(args[0], SAMPLE, *args[1:])
    rows = dom_rows(driver, table)
    assert rows, table
    assert len(rows) == min(len(expected), 25)
    for row, want in zip(rows, expected):
        for column, text in row.items():
            if column in want:
                assert same(text, want[column]), (table, column, text, want)


def test_outline_items_equal_directives(loaded):
    driver = loaded[0]
    driver.execute_script(
        "document.querySelectorAll('#outline details').forEach(d => d.open = true)"
    )
    found = driver.execute_script(
        """const out = {};
        document.querySelectorAll('#outline details.speech').forEach(d => {
          out[d.dataset.speech] = [...d.querySelectorAll('li[data-item]')].map(li => li.dataset.path);
        });
        return out;"""
    )
    expected: dict[str, list[str]] = {}
    for row in cli_json("directives", SAMPLE):
        expected.setdefault(row["speech"], []).append(row["path"])
    assert {k: sorted(v) for k, v in found.items() if v} == {
        k: sorted(v) for k, v in expected.items()
    }
    warned = driver.execute_script("return document.querySelectorAll('#outline li.warn').length")
    assert warned == sum(1 for r in cli_json("directives", SAMPLE, "--check") if not r["ok"])


def test_screenshots_for_a_person(loaded):
    driver = loaded[0]
    ARTIFACTS.mkdir(exist_ok=True)
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1},
        },
    )
    import base64

    (ARTIFACTS / "report-full.png").write_bytes(base64.b64decode(shot["data"]))
    assert driver.save_screenshot(str(ARTIFACTS / "report.png"))
    driver.set_window_size(400, 860)
    driver.execute_script("document.getElementById('slogans').scrollIntoView()")
    assert driver.save_screenshot(str(ARTIFACTS / "report-phone.png"))
    # On a phone the page does not scroll sideways (wide tables and charts scroll inside).
    assert driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1"
    )
