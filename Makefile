# newskg: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

.PHONY: demo test bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: set up, then build out/graph.ttl, out/graph.trig, out/graph.html from examples/articles
demo: $(STAMP)
	$(KG) build examples/articles --out out

## test: set up, then run the whole test suite
test: $(STAMP)
	$(PY) -m pytest -q

## bench: run the benchmark suite and write BENCHMARKS.md
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) -m benchmarks

clean:
	rm -rf out .pytest_cache build dist *.egg-info
