# Cổng Một Cửa — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
# Development: the settings default to production (DJANGO_DEBUG false) and want real secrets there.
export DJANGO_DEBUG ?= true
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test setup install demo system-deps lint schema bench clean

run: setup ## Set up everything and run web, worker, beat (Ctrl-C stops all)
	$(PY) manage.py seed_demo
	$(VENV)/bin/honcho -f Procfile.dev start

# The suite runs in TEST_WORKERS processes (pytest-xdist; much of it waits on Celery workers, mock services and
# Chromium): each has its own test database and Redis database (tests/workers.py). TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
test: install system-deps ## Set up everything and run the whole test suite
	$(PY) manage.py compiletranslations
	$(VENV)/bin/pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist worksteal)

setup: install
	mkdir -p var
	$(PY) manage.py compiletranslations
	$(PY) manage.py migrate --noinput

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Chromium (browser tests), docker-compose (validates docker-compose.yml offline) and poppler-utils
# come from Debian's packages; installed only when missing, and only where we may (root).
system-deps:
	@scripts/system-deps.sh

# The performance figures of docs/performance.md, each beside a baseline measured in the same run, on
# PostgreSQL and Redis (its own database, dropped and recreated, and its own Redis db and queue).
bench: install ## Measure sync, the public lookup, the officer worklist, signing, document search, the handler worklist, the document axis and the Decision 766 indicators (~17 min)
	$(PY) manage.py compiletranslations
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq wrk >/dev/null 2>&1; } || echo "wrk is not installed: the bench uses its Python load generator"
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench} \
	REDIS_URL=$${BENCH_REDIS_URL:-redis://127.0.0.1:6379/13} $(PY) -m bench

lint: install ## ruff, and the layering of DESIGN.md §3 (import-linter's contract in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

schema: install ## Regenerate the committed OpenAPI schema
	$(PY) manage.py spectacular --lang en --file openapi.yaml --validate

clean:
	rm -rf $(VENV) var staticfiles
