# Two commands are all a newcomer needs (README.md):
#   make run    set up .venv on first use, then analyse the example article
#   make test   set up .venv on first use, start test services, run the tests
# PYTHON picks the interpreter for the venv (3.11 or newer): PYTHON=python3.12 make run

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
# Written after a successful install; `make` reinstalls only when pyproject.toml
# or constraints.txt changes (or the stamp is deleted).
STAMP := $(VENV)/.sayso-installed
CONSTRAINTS := $(wildcard constraints.txt)

.PHONY: run test

run: $(STAMP)
	$(VENV)/bin/sayso analyze examples/call-report.txt

test: $(STAMP)
	bash scripts/test-services.sh
	@# pytest exits 5 when it collects no tests; that is a failure too.
	set -a; if [ -f build/services.env ]; then . ./build/services.env; fi; set +a; \
	$(VPY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$rc

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@if [ ! -x $(VPY) ]; then echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	$(VPY) -m pip install -e ".[all,test]" $(if $(CONSTRAINTS),-c constraints.txt)
	touch $@
