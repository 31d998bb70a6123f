.PHONY: install test test-postgres lint bench

install:
	pip install -e '.[test]'

test:
	pytest

test-postgres:
	TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test pytest

lint:
	ruff check .
	ruff format --check .
	mypy bot handlers store

bench:
	python -m bench.run
