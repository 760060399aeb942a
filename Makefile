# One entry point per task; CI calls the same ones (.ci/run -> make test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve test check lint typecheck pytest unit cov lock bench clean schema browser neo4j neo4j-up serve-neo4j mutate drill

# constraints.txt holds every package's version, the transitive ones too (make lock writes it).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## lock: after a change of pyproject.toml's pins, resolve them afresh in a throwaway venv and write
## every version it installed to constraints.txt (commit it); make install then installs exactly those
LOCK_VENV := var/lock-venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Every package make install puts in .venv, with its version: pyproject.toml's pins and what"; \
	  echo "# they pull in. Written by make lock (pip freeze --exclude-editable of a fresh venv); do not edit."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf $(LOCK_VENV)

install: $(STAMP) lint-deps audit-deps neo4j-graphql-deps js-lint-deps

include tools/cypher-lint/lint.mk
include tools/graphql-http-audit/audit.mk
include tools/neo4j-graphql/neo4j-graphql.mk
include tools/js-lint/js-lint.mk

## serve: install, load the demo ecosystem into the embedded engine, serve on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/graph-service serve --demo

## test: install everything and run the whole suite (lint, types, tests)
test: install browser neo4j check pytest

# The explorer's end-to-end tests drive Debian's headless Chromium; nothing downloads a browser at run time.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

## browser: install Chromium, its driver and a CJK font for the explorer's end-to-end tests (Debian packages)
# The font makes the screenshots readable: without one Chinese text renders as empty boxes.
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -f $(CJK_FONT) ]; then \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			chromium chromium-driver fonts-wqy-microhei; \
	fi

## neo4j: build the local Neo4j Community 5.26 (tools/neo4j) the suite runs the Neo4j tests on;
## Maven resolves its dependencies from Maven Central once, later builds are offline
NEO4J_JAR := tools/neo4j/target/local-neo4j-1.0.jar
neo4j: $(NEO4J_JAR)
$(NEO4J_JAR): tools/neo4j/pom.xml tools/neo4j/src/main/java/graphservice/LocalNeo4j.java
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
		cd tools/neo4j && mvn -q -B package; \
	else \
		echo "no Java/Maven: the Neo4j tests will say so and not run"; \
	fi

## neo4j-up: run that Neo4j on bolt://127.0.0.1:7687 with data in var/neo4j until Ctrl-C; it writes
## its connection settings (a new password each start) to var/neo4j/neo4j.env
neo4j-up: $(STAMP) neo4j
	$(BIN)/graph-service neo4j --data var/neo4j --port 7687

## serve-neo4j: in a second shell, the service on that Neo4j with the demo ecosystem, on http://127.0.0.1:8000
serve-neo4j: $(STAMP)
	@test -f var/neo4j/neo4j.env || { echo "start the local Neo4j first: make neo4j-up"; exit 1; }
	set -a && . var/neo4j/neo4j.env && set +a && $(BIN)/graph-service serve --demo

## check: ruff, ruff format, mypy, and eslint + prettier over the explorer
check: lint typecheck js-lint

lint: $(STAMP)
	$(BIN)/ruff check graph_service tests
	$(BIN)/ruff format --check graph_service tests

typecheck: $(STAMP)
	$(BIN)/mypy

## pytest: every test, spread over PYTEST_WORKERS processes a file at a time (each worker starts
## its own engines, so a file's fixtures stay shared within it); PYTEST_WORKERS=0 runs them in one
PYTEST_WORKERS ?= 2
pytest: install browser neo4j
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

## unit: the tests that need neither Chromium nor Java, for a quick run without them: the `browser`
## and `neo4j` tests are deselected (not run, not counted as skipped); make test runs them all
unit: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile -m "not browser and not neo4j"

## cov: the whole suite under coverage of graph_service, lines and branches ([tool.coverage] in
## pyproject.toml): prints the lines each module misses, writes var/coverage/html/index.html and
## fails under fail_under (long: as long as make pytest and more; make test runs without it)
COV_DIR := var/coverage
cov: install browser neo4j
	rm -rf $(COV_DIR)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --cov --cov-report=term-missing:skip-covered --cov-report=html

## bench: build (or reuse, in var/bench) ecosystems of 10k, 100k and 1M entities and print API latency
## beside raw engine time, growth 100k -> 1M, the analytics projection, import rate beside raw writes,
## mixed load, and light-query throughput beside the framework's ceiling (long)
bench: $(STAMP)
	$(BIN)/graph-service bench api --entities 10000 100000 1000000 --projection
	$(BIN)/graph-service bench import --entities 100000
	$(BIN)/graph-service bench load --clients 8 --seconds 30
	$(BIN)/graph-service bench throughput --clients 8 --seconds 15

## mutate: mutation testing of the core ([tool.mutmut] in pyproject.toml says which modules and tests);
## long (hours for everything on two cores), not part of test or CI. Narrow it with a mutant-name glob:
##   make mutate MUTANTS='graph_service.api.graphql.rate_limit*'     then: $(BIN)/mutmut results
MUTANTS ?=
mutate: $(STAMP)
	$(BIN)/mutmut run $(MUTANTS)
	$(BIN)/mutmut results

## drill: one primary, two replicas and three sentinels on loopback; writers, readers and the
## primary killed -9 again and again for 60 s; last line failover acked=… lost=… (long, not in CI)
drill: $(STAMP)
	$(BIN)/graph-service drill failover --seconds 60

clean:
	rm -rf mutants $(VENV) $(COV_DIR) tools/*/node_modules .mypy_cache .ruff_cache .pytest_cache

## schema: regenerate the committed schema.graphql after an API change
schema: $(STAMP)
	$(BIN)/graph-service schema > schema.graphql
