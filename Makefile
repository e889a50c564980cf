# Two commands: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kairos-installed

.PHONY: demo test install bench bench-recall bench-guard bench-compact clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kairos demo

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: bench-recall bench-guard bench-compact

bench-recall: $(STAMP)
	$(BIN)/kairos bench recall ../shared/bench/locomo/locomo10.recall.json

bench-guard: $(STAMP)
	../shared/bench/guard/guard-bench

bench-compact: $(STAMP)
	../shared/bench/compact/compact-bench --strategies reactive,collapse,mask

clean:
	rm -rf $(VENV) .pytest_cache build dist
