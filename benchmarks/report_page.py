"""How heavy and how quick the report page is: `speechkit report` on the sample and on the
sample repeated to ~1,000 speeches, each page's size, and, in headless Chromium (`make
browser`), the time from navigation until every chart has drawn, and the time one filter
keystroke and one page turn take on the large page's targets table.

Timings are printed, never asserted (they belong to this machine); run `make bench-report`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, console_errors  # noqa: E402
from tests.test_report_browser import CHARTS_DRAWN  # noqa: E402

SAMPLE = ROOT / "corpus" / "speeches_2022_traditional_dump.txt"
SPEECHKIT = str(Path(sys.executable).with_name("speechkit"))


def build(source: Path, out: Path) -> float:
    began = time.perf_counter()
    subprocess.run([SPEECHKIT, "report", str(source), "-o", str(out)], check=True)
    return time.perf_counter() - began


def open_times(driver, page: Path, runs: int = 5) -> list[float]:
    """Seconds from the start of navigation until the last chart has drawn its marks."""
    times = []
    for _ in range(runs):
        driver.get("about:blank")
        began = time.perf_counter()
        driver.get(page.as_uri())
        while not driver.execute_script(CHARTS_DRAWN):
            time.sleep(0.01)
        times.append(time.perf_counter() - began)
    return times


INTERACT = """
const input = document.querySelector('#targets-table input[type=search]');
let t0 = performance.now();
input.value = '亿元'; input.dispatchEvent(new Event('input'));
const filter = performance.now() - t0;
input.value = ''; input.dispatchEvent(new Event('input'));
t0 = performance.now();
document.querySelector('#targets-table .controls button:last-of-type').click();
const turn = performance.now() - t0;
return {filter_ms: filter, page_turn_ms: turn};
"""


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp, chromium() as driver:
        big = Path(tmp) / "sample_x111.txt"
        big.write_text(SAMPLE.read_text(encoding="utf-8") * 111, encoding="utf-8")
        for name, source in (("sample (9 speeches)", SAMPLE), ("sample x111 (999 speeches)", big)):
            page = Path(tmp) / f"{source.stem}.html"
            seconds = build(source, page)
            opens = open_times(driver, page)
            row = {
                "build_s": round(seconds, 2),
                "page_mb": round(page.stat().st_size / 1e6, 2),
                "open_s_median": round(statistics.median(opens), 3),
                "open_s_max": round(max(opens), 3),
                "console_errors": len(console_errors(driver)),
            }
            row.update({k: round(v, 1) for k, v in driver.execute_script(INTERACT).items()})
            results[name] = row
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
