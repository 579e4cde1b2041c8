# Two commands are all a newcomer needs (README.md):
#   make run    set up .venv on first use, analyse the example article, then
#               serve the web UI on it (http://127.0.0.1:8000/example; Ctrl-C stops)
#   make test   set up .venv on first use, start test services, run the tests
#   make check  the quick run for contributors: every module, in about a minute
#   make long   the speaker-resolution sets on PolNeAR (half an hour)
# PYTHON picks the interpreter for the venv (3.11 or newer): PYTHON=python3.12 make run

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
# Written after a successful install; `make` reinstalls only when pyproject.toml
# or constraints.txt changes (or the stamp is deleted).
STAMP := $(VENV)/.sayso-installed
CONSTRAINTS := $(wildcard constraints.txt)

.PHONY: run test check long

# The quick run leaves out what needs PolNeAR, a browser, killed processes or more
# than a few seconds (the markers are described in pyproject.toml).
QUICK := not slow and not browser and not corpus and not kill

# SERVE=0 stops after the terminal report.
SERVE ?= 1
PORT ?= 8000

run: $(STAMP)
	$(VENV)/bin/sayso analyze examples/call-report.txt --published 2025-02-13
	@if [ "$(SERVE)" != "0" ]; then \
	  echo; echo "sayso: the web UI is starting; open http://127.0.0.1:$(PORT)/example (Ctrl-C stops it)"; \
	  mkdir -p build; $(VENV)/bin/sayso serve --db sqlite:///build/sayso.db --port $(PORT); fi

test: $(STAMP)
	bash scripts/test-services.sh
	@# pytest exits 5 when it collects no tests; that is a failure too.
	set -a; if [ -f build/services.env ]; then . ./build/services.env; fi; set +a; \
	$(VPY) -m pytest -m "not long"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$rc

# No services are started: the PostgreSQL tests run if build/services.env names a
# server (from an earlier `make test`) and skip otherwise.
check: $(STAMP)
	set -a; if [ -f build/services.env ]; then . ./build/services.env; fi; set +a; \
	$(VPY) -m pytest -q -m "$(QUICK)"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make check: pytest collected no tests" >&2; fi; \
	exit $$rc

# The measurements that take many minutes (the hand-checked speaker sets on PolNeAR).
# And issue #7's twenty kills on each store backend (`make test` runs three).
long: $(STAMP)
	$(VPY) -m pytest -m long
	bash scripts/test-services.sh
	set -a; if [ -f build/services.env ]; then . ./build/services.env; fi; set +a; \
	SAYSO_KILL_ROUNDS=20 $(VPY) -m pytest -m kill -k sigkill

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@if [ ! -x $(VPY) ]; then echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	$(VPY) -m pip install -e ".[all,test]" $(if $(CONSTRAINTS),-c constraints.txt)
	touch $@
