# Sjuhärad Insyn. Needs only Python 3.11 and make; everything else is installed here.
SHELL := /bin/bash
PYTHON ?= python3
UV := .tools/bin/uv
BIN := .venv/bin
HOST ?= 127.0.0.1
# The app and the Dagster UI listen on addresses of their own; HOST sets both.
APP_HOST ?= $(HOST)
DAGSTER_HOST ?= $(HOST)
DAGSTER_PORT ?= 3000
APP_PORT ?= 8501

export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
# Tools called by name in the recipes and their children are this environment's.
export PATH := $(CURDIR)/.venv/bin:$(PATH)
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false
# Python writes a module's bytecode the first time a process of these recipes imports it (even where the
# shell sets PYTHONDONTWRITEBYTECODE), and every later process reads it. Compiling the whole environment
# at install took 31 s on 2 cores, about 60 % of it for modules the project never imports: a fresh clone's
# `make test` was 20 s shorter without it (measured 2026-12-07).
export PYTHONDONTWRITEBYTECODE :=
# The values a person gives reach the commands through the environment, quoted in the
# recipes ("$$VERSION"): each is one argument, and neither make nor the shell reads it as code.
override VERSION := $(value VERSION)
override SOURCE := $(value SOURCE)
override YEAR := $(value YEAR)
override DRAFT := $(value DRAFT)
override REASON := $(value REASON)
export VERSION SOURCE YEAR DRAFT REASON

MANIFEST := dbt/target/manifest.json
DBT_FILES := dbt/dbt_project.yml dbt/profiles.yml $(shell find dbt/models dbt/macros dbt/seeds 2>/dev/null)

.PHONY: install sync browser ocr office postgres build run test test-fast lint quality status bench versions rollback new-report schema draft-report check-draft

# uv in a venv of its own. Where this Python has pip (22.3 or later), it installs uv into a venv made
# without pip, which saves the venv's own pip installation (about 4 s of a fresh clone's install).
$(UV):
	$(PYTHON) -m venv --clear --without-pip .tools
	$(PYTHON) -m pip --python .tools/bin/python install --quiet --disable-pip-version-check uv==0.13.9 \
		|| { $(PYTHON) -m venv --clear .tools && .tools/bin/pip install --quiet --disable-pip-version-check uv==0.13.9; }

install: sync $(MANIFEST)

sync: $(UV)
	$(UV) sync --frozen --quiet
	mkdir -p "$(DAGSTER_HOME)"
	@# A production instance (deploy/dagster.yaml, docs/deploy.md) is never replaced by the development one.
	@if grep -qs '^storage:' "$(DAGSTER_HOME)/dagster.yaml"; then echo "$(DAGSTER_HOME)/dagster.yaml is a production instance: left as it is."; \
	else cp dagster_project/dagster.yaml "$(DAGSTER_HOME)/dagster.yaml"; fi

# dbt's manifest, which the definitions read, parsed again only when a dbt file, a dbt folder
# (a file added or removed) or the locked versions changed: a parse costs 4 to 7 s. Each new
# warehouse's first run starts from this parse (defs/dbt/assets.py), so it renders the profile
# as the runs do: with the build file's name alone.
$(MANIFEST): $(DBT_FILES) uv.lock | sync
	cd dbt && env -u SJUHARAD_BUILD_DB ../$(BIN)/dbt parse --profiles-dir . --quiet

build: install
	$(BIN)/python -m dagster_project.cli build

# Installs once: the build runs directly, not as `make build` (which would install again).
run: install
	@$(BIN)/python -m dagster_project.cli build || echo "WARNING: the build failed (see above); the UI and the app start anyway so you can look."
	@echo ""
	@echo "  Dagster UI (with daemon):  http://$(DAGSTER_HOST):$(DAGSTER_PORT)"
	@echo "  Streamlit app:             http://$(APP_HOST):$(APP_PORT)"
	@echo "  Stop both with Ctrl-C. The daemon's routine lines (sensor ticks) are not printed here: warnings"
	@echo "  and errors are; runs, ticks and their logs are in the Dagster UI."
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/streamlit run streamlit_app/app.py --server.address $(APP_HOST) --server.port $(APP_PORT) \
		--server.headless true --browser.gatherUsageStats false & \
	$(BIN)/python -m dagster_project.ready "http://$(APP_HOST):$(APP_PORT)/_stcore/health" \
		"http://$(DAGSTER_HOST):$(DAGSTER_PORT)/server_info" & \
	$(BIN)/dagster dev -w deploy/workspace.yaml -h $(DAGSTER_HOST) -p $(DAGSTER_PORT) --log-level warning

# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else echo "The browser tests need Debian's chromium: sudo apt-get install chromium chromium-driver"; exit 1; fi; }

# The browser tests read the grids' screenshots (drawn on a canvas) with Debian's Tesseract.
ocr:
	@command -v tesseract >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null; \
		else echo "The browser tests need Debian's tesseract-ocr: sudo apt-get install tesseract-ocr"; exit 1; fi; }

# The drafting tests typeset reports as .docx and convert them to PDF with Debian's LibreOffice (no GUI).
office:
	@command -v soffice >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
		else echo "The typeset-PDF drafting tests need Debian's LibreOffice: sudo apt-get install libreoffice-writer-nogui"; exit 1; fi; }

# The PostgreSQL tests start a throwaway server with Debian's server binaries; installing
# them creates no cluster of its own (createcluster.conf), so nothing is left running.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then mkdir -p /etc/postgresql-common && \
			{ [ -e /etc/postgresql-common/createcluster.conf ] || echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf; } && \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null; \
		else echo "The PostgreSQL tests need Debian's postgresql: sudo apt-get install postgresql"; exit 1; fi; }

# The whole suite (the README's command, and CI's). Three workers on two cores: the slow tiers
# spend part of their time waiting for servers, daemons and subprocesses, and the third worker
# uses those waits (four measured slower). Tests go out a module at a time, longest first
# (tests/conftest.py), so the long ones spread over the workers and a module's fixtures are made once.
test: install browser ocr office postgres
	$(BIN)/python -m pytest -n 3 --dist loadscope --no-loadscope-reorder

# Everything but the tiers that build with the pipeline, start services, drive Chromium or typeset PDFs
# (markers in pyproject.toml, tests/conftest.py): the unit tests and each rule on its own small fixture.
test-fast: install
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not pipeline and not service and not browser and not pdf"

# ruff for the Python (check and format), sqlfluff for the dbt SQL; configured in pyproject.toml and .sqlfluff.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint dbt/models --processes 2 --disable-progress-bar

quality: install
	$(BIN)/python -m dagster_project.quality.report

# Is the published warehouse current with raw/? Exit status 0 current, 1 stale, 2 nothing published.
status: install
	@$(BIN)/python -m dagster_project.publishing.status

# All benchmarks (about 20 minutes on 2 cores); writes docs/benchmarks.md. BENCH_ARGS=--quick runs each case once,
# BENCH_ARGS="--only storage" only the 1 000 × 290 build on SQLite and PostgreSQL storage, "--only drafting" only
# drafting a report from its PDF, "--only targets" only the 2012 build and a dropped report against their speed
# targets, and the build with Dagster's run history in SQLite against one in memory (each its section only).
bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

versions: install
	$(BIN)/python -m dagster_project.cli versions

# make rollback [VERSION=<id>] [REASON="why"]: the live version's predecessor by default.
rollback: install
	$(BIN)/python -m dagster_project.cli rollback "$$VERSION" --reason "$$REASON"

new-report: install
	@test -n "$$YEAR" || { echo "usage: make new-report YEAR=2013"; exit 2; }
	$(BIN)/python -m dagster_project.raw_format.new_report "$$YEAR"

# raw/report.schema.json from the manifest's pydantic models; run after changing them.
schema: install
	$(BIN)/python -m dagster_project.raw_format.manifest_schema

# Draft next year's raw tables from the report (a PDF or its text): writes raw/arsredovisning-<year>/
# with report.yml.draft and draft_review/. YEAR, when given, must agree with the report.
draft-report: install
	@test -n "$$SOURCE" || { echo "usage: make draft-report SOURCE=report.pdf [YEAR=2013]"; exit 2; }
	$(BIN)/python -m dagster_project.drafting.draft "$$SOURCE" --year "$$YEAR"

# The pipeline's own job (ingest, dbt build, quality gate) on a draft in a scratch warehouse; nothing is published.
# DRAFT=<folder> where a year has two drafts.
check-draft: install
	@test -n "$$YEAR" || { echo "usage: make check-draft YEAR=2013 [DRAFT=arsredovisning-2013-draft]"; exit 2; }
	$(BIN)/python -m dagster_project.check_draft "$$YEAR" --draft "$$DRAFT"
