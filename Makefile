.PHONY: install test test-postgres lint lock bench

PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

install:
	pip install -c requirements.lock -e '.[test]'

test:
	pytest

test-postgres:
	TEST_DATABASE_URL=$(PG_URL) pytest

lint:
	ruff check .
	ruff format --check .
	mypy bot handlers store
	lint-imports

# Pins every dependency (and the test tools) for CI; run after changing pyproject.toml.
lock:
	pip-compile -q --extra test --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements.lock pyproject.toml
	sed -i '/^nafta-bot @ /d' requirements.lock

bench:
	python -m bench.run
