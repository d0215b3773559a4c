# newslab — the two commands a teacher needs are `make lab` and `make test`.
# Everything else here is for people who change the lessons.
#
#   make lab           create .venv if missing, then open JupyterLab at the start notebook
#   make learn         the same for a learner: your own copy of the lessons, build/student/ (no answers
#                      shown; made on the first run, then kept as you left it), in JupyterLab
#   make test          create .venv if missing, then run the whole test suite
#   make student       write build/student/ and build/instructor/ (never touches notebooks/;
#                      FORCE=1 overwrites copies changed since the last build)
#   make bench         measure the performance budgets (build/bench.json); fails when one is missed
#   make accuracy      score the extractors on the hand-annotated articles (benchmarks/accuracy)
#   make outputs       re-run every notebook and store its outputs (after editing a lesson)
#   make lock          re-resolve lock/ from pyproject.toml and say what changed (UPGRADE=1 moves every package
#                      to its newest allowed version, UPGRADE=name,name only those); rewrites environment.yml
#   make environment.yml   regenerate the conda/Binder file from lock/binder.txt
#   make sync          pair each notebook with its MyST Markdown twin in notebooks/md/ (jupytext)
#   make nbgrader-venv build/nbgrader-venv: nbgrader 0.9.6 and newslab, for grading (make test uses it)
#   make site          build the static HTML sites: build/site/student/ and build/site/instructor/
#                      (SITE=student or SITE=instructor for one of them)
#   make hub           start a JupyterHub for a class on 127.0.0.1 (students' homes in build/hub/home)
#   make hub-proxy     install the hub's pinned proxy from npm into hub/node_modules (make hub/test do it)
#
# Variables: PYTHON (the interpreter that creates .venv), CASE (the case the
# notebooks load), PORT (JupyterLab's port), SITE (student and/or instructor),
# HUB_PORT, HUB_STUDENTS (class list file), CLASS_LOG=1 (self-check class log),
# HUB_IP with HUB_ALLOW_PUBLIC=1 (listen beyond this machine; read the warning).

SHELL := /bin/bash
comma := ,
PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.newslab-installed
LOCK   := lock/requirements.txt
CASE   ?= iran-taliban-2021
PORT   ?= 8888
SITE   ?= student instructor

.PHONY: lab learn test student bench profile accuracy outputs venv lock clean help sync site nbgrader-venv hub hub-proxy

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

# .venv holds exactly the lock (every package, hash-checked), then newslab itself
# from this checkout without its dependencies (pip's hash mode cannot take an
# editable install, hence two steps).  It is brought up to date when the lock
# or pyproject.toml changes; a lock that disagrees with pyproject.toml stops
# here with the pin at fault (run `make lock`).
$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "newslab needs Python 3.11 or newer: none found on PATH (set PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "newslab needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON) (first run only)"
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	@$(BIN)/python scripts/lock.py --check
	@echo "Installing $(LOCK) into $(VENV) (a minute or two the first time)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(BIN)/python scripts/lock.py --sync-installed
	@touch $(STAMP)

venv: $(STAMP)

# nbgrader gets an environment of its own (its server and lab extensions stay out
# of the lessons' lab): its own lock, lock/nbgrader.txt (the `nbgrader` extra of
# pyproject.toml, resolved by `make lock`), hash-checked, then newslab itself.
NBGRADER_VENV  := build/nbgrader-venv
NBGRADER_STAMP := $(NBGRADER_VENV)/.newslab-installed
$(NBGRADER_STAMP): pyproject.toml lock/nbgrader.txt
	@test -x $(NBGRADER_VENV)/bin/python || { echo "Creating $(NBGRADER_VENV) for nbgrader (first run only)"; $(PYTHON) -m venv $(NBGRADER_VENV); }
	$(NBGRADER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r lock/nbgrader.txt
	$(NBGRADER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(NBGRADER_STAMP)

nbgrader-venv: $(NBGRADER_STAMP)

# Needs the registry (uv resolves there); installs the pinned uv into .venv first.
# Keeps every version that still fits, unless UPGRADE says otherwise.
lock: | $(BIN)/python
	$(BIN)/python scripts/lock.py $(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach p,$(subst $(comma), ,$(UPGRADE)),--upgrade-package $(p)))

# JupyterLab listens on 127.0.0.1 only and makes a fresh login token each time
# (it prints the address with ?token=...). Root (containers) needs --allow-root.
lab: $(STAMP)
	NEWSLAB_CASE=$(CASE) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root) \
		notebooks/00-start-here.ipynb

# A learner's own copy: built once (a later `make student` refuses to overwrite answers,
# and FORCE=1 keeps each answered copy as NAME.before-build-N.ipynb), opened with the
# file browser rooted in it, so that the lesson files with their answers are out of sight.
learn: $(STAMP)
	@test -f build/student/00-start-here.ipynb || $(BIN)/newslab build student
	NEWSLAB_CASE=$(CASE) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)/build/student" $(if $(filter 0,$(shell id -u)),--allow-root) \
		build/student/00-start-here.ipynb

# The committed outputs are those of the default case, whatever NEWSLAB_CASE says.
# NEWSLAB_OFFLINE=1 with tests/offline on PYTHONPATH blocks outbound sockets
# (loopback allowed) in pytest, the notebook kernels and the browser tests' lab.
test: $(STAMP) $(NBGRADER_STAMP) hub-proxy
	NEWSLAB_CASE= NEWSLAB_OFFLINE=1 PYTHONPATH="$(CURDIR)/tests/offline$${PYTHONPATH:+:$$PYTHONPATH}" $(BIN)/python -m pytest

student: $(STAMP)
	$(BIN)/newslab build all$(if $(filter 1,$(FORCE)), --force)

# Prints the budgets (every figure the median of 3 runs with its [min–max], beside
# the bare notebook's, on the seed and the second case), the extractor throughput,
# the class simulation and the README's sizing table (about 8 minutes on a quiet 2-core machine);
# figures in build/bench.json.  Exit 3: a budget is missed (its line says OVER and
# the last lines list them); exit 1: something failed to run.  The README's table
# is written either way (unless the README's hub table records other bench figures:
# then it is printed, see README "Class sizing"), then make fails with bench's exit code.
bench: $(STAMP)
	NEWSLAB_CASE= $(BIN)/python benchmarks/bench.py; status=$$?; \
	$(BIN)/python benchmarks/bench.py --sizing-markdown --update-readme README.md || exit $$?; exit $$status

# Where one notebook's Run All spends its time and memory, cell by cell (wall and kernel CPU
# seconds, MiB added), beside the bare notebook's: `make profile NB=notebooks/03-border.ipynb`
# (CASE=irish-border-2023 for another case). Nothing is written.
profile: $(STAMP)
	$(BIN)/python benchmarks/cellprofile.py $(or $(NB),notebooks/03-border.ipynb) $(if $(CASE),--case $(CASE))

# Recall and precision of the four extractors on hand-annotated articles, per
# article and overall (a few seconds): the development set (DETAILS=1 lists every
# miss and false find), then the three parts of the held-out set, figures only (nobody tunes on it;
# see benchmarks/accuracy/README.md, "Blind held-out set").
accuracy: $(STAMP)
	@echo "Recall: the share of the annotated items an extractor finds. Precision: the share of its rows that are right."
	@echo; echo "Development set (the extractors were tuned on it, so these figures flatter them):"
	$(BIN)/python benchmarks/accuracy/score.py $(if $(DETAILS),--details)
	@echo; echo "Held-out set, part 1 (01-10: never tuned on, but its kinds of misses were shown to the rule writers):"
	$(BIN)/python benchmarks/accuracy/score.py --dir benchmarks/accuracy/heldout --to 10
	@echo; echo "Held-out set, part 2 (11-20: never tuned on, but its kinds of misses were shown to the rule writers):"
	$(BIN)/python benchmarks/accuracy/score.py --dir benchmarks/accuracy/heldout --from 11 --to 20
	@echo; echo "Held-out set, part 3 (21-30: blind, the honest measure):"
	$(BIN)/python benchmarks/accuracy/score.py --dir benchmarks/accuracy/heldout --from 21

# Sync first, so that an edit made in a Markdown twin reaches the notebook before
# it runs; sync again after, so that each twin is newer than (and agrees with) its notebook.
# Students' saved work (work/, or $NEWSLAB_WORK) never reaches a committed output:
# the notebooks run with an empty temporary work folder, removed afterwards.
outputs: sync
	work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && NEWSLAB_WORK="$$work" NEWSLAB_CASE= $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--ExecutePreprocessor.timeout=300 notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/python scripts/stable_outputs.py notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.ipynb

environment.yml: lock/binder.txt scripts/sync_environment.py
	$(PYTHON) scripts/sync_environment.py

# The newer file of each pair wins: edit the .md, `make sync`, then `make outputs`.
# Then each notebook gets the nbgrader cell metadata its exercise cells call for,
# and a last sync carries it to the twins (so that each twin is newer and agrees).
sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/python -m newslab.tools.build --nbgrader-metadata notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.ipynb

# Each edition has its own folder: the instructor site (answers) never lands where the student one is.
site: $(STAMP)
	@for edition in $(SITE); do $(BIN)/newslab site --$$edition || exit 1; done

# The hub's configurable-http-proxy, exactly as hub/package-lock.json pins it.
# Without npm the hub tests are skipped (CI installs npm and fails instead).
CHP := hub/node_modules/.bin/configurable-http-proxy
hub-proxy: $(CHP)
$(CHP): hub/package.json hub/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd hub && npm ci --no-audit --no-fund --loglevel=error && touch $(CURDIR)/$(CHP); \
	else echo "npm not found: the hub (make hub) and its tests need it (apt-get install npm)"; fi

# A class on this machine: 127.0.0.1 only unless HUB_ALLOW_PUBLIC=1 (see hub/launch.py).
hub: $(STAMP) hub-proxy
	$(BIN)/python hub/launch.py $(if $(HUB_PORT),--port $(HUB_PORT)) $(if $(HUB_STUDENTS),--students $(HUB_STUDENTS)) \
		$(if $(filter 1,$(CLASS_LOG)),--class-log) $(if $(HUB_IP),--ip $(HUB_IP)) $(if $(filter 1,$(HUB_ALLOW_PUBLIC)),--allow-public)

# build/hub holds the students' home folders of `make hub`: their work is never
# removed by `make clean` (delete build/hub by hand when the class is over).
clean:
	@if [ -d build/hub/home ]; then \
		echo "keeping build/hub (the students' homes of make hub); removing the rest of build/"; \
		find build -mindepth 1 -maxdepth 1 ! -name hub -exec rm -rf {} +; \
	else rm -rf build; fi
