# Every target that runs code depends on .venv, so each works first on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := corpus/speeches_2022_traditional_dump.txt

.PHONY: install compiled run test lint format bench bench-report bench-dask eval clean browser

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,fast,dask]'
	$(BIN)/python benchmarks/compile.py
	touch $@

# The hot modules compiled with mypyc, in place (a .so beside each .py; about 1.5 minutes).
# Optional: without mypy or a C compiler it says so in one line and pure Python runs.
# SPEECHKIT_PURE=1 runs pure Python anyway; `speechkit --version` says which runs.
compiled: install
	$(BIN)/python benchmarks/compile.py

# The main job on the bundled sample: split it, then every report.
run: install
	$(BIN)/speechkit split $(SAMPLE) --table
	$(BIN)/speechkit slogans $(SAMPLE) --top 20 --table
	$(BIN)/speechkit directives $(SAMPLE) --check --table
	$(BIN)/speechkit targets $(SAMPLE) --table
	$(BIN)/speechkit words $(SAMPLE) --top 20 --table
	$(BIN)/speechkit report $(SAMPLE) -o report.html
	@echo "$(CURDIR)/report.html"

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check speechkit tests eval examples benchmarks
	$(BIN)/ruff format --check speechkit tests eval examples benchmarks

format: install
	$(BIN)/ruff check --fix speechkit tests eval examples benchmarks
	$(BIN)/ruff format speechkit tests eval examples benchmarks

bench: install
	$(BIN)/python benchmarks/run.py

# The report page's size, build time, and open time in headless Chromium (needs `make browser`).
bench-report: install
	$(BIN)/python benchmarks/report_page.py

# The local pool against a 2-worker Dask LocalCluster on the sample x 100 (README table).
bench-dask: install
	$(BIN)/python benchmarks/cluster.py

# Precision and recall on the hand-labelled development sets (eval/), dev and test splits.
eval: install
	$(BIN)/python eval/score.py

# Headless Chromium and its driver for the report's browser test (Debian packages; run as
# root, as CI does), with a small CJK font so its screenshots show the Chinese text.
# Does nothing when all three are already installed.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null \
		&& dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then \
		echo "chromium, chromedriver and a CJK font already installed"; \
	else \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver fonts-wqy-microhei; \
	fi

clean:
	$(PYTHON) benchmarks/compile.py --clean
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
