# The README's commands. `make run` sets up, builds and serves; `make test` sets up and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

YASGUI_VERSION := 4.6.2
YASGUI := server/static/yasgui
WORLD_ATLAS_VERSION := 2.0.2
WORLD := server/static/world

.PHONY: setup build run test test-fast lint bench

AXE_VERSION := 4.10.2
AXE := $(VENV)/axe-core

setup: $(VENV)/.installed $(YASGUI)/yasgui.min.js $(WORLD)/countries-50m.json $(AXE)/axe.min.js

# axe-core, the accessibility checker the browser tests run in each page (from the npm registry)
$(AXE)/axe.min.js: $(VENV)/.installed
	mkdir -p $(AXE)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
		&& tar xzf axe-core-$(AXE_VERSION).tgz \
		&& cp package/axe.min.js package/LICENSE $(CURDIR)/$(AXE)/ \
		&& rm -rf $$tmp

# The query UI's editor, from the npm registry, served from our own static files (no CDN).
$(YASGUI)/yasgui.min.js:
	mkdir -p $(YASGUI)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent @zazuko/yasgui@$(YASGUI_VERSION) >/dev/null \
		&& tar xzf zazuko-yasgui-$(YASGUI_VERSION).tgz \
		&& cp package/build/yasgui.min.js package/build/yasgui.min.css $(CURDIR)/$(YASGUI)/ \
		&& gzip -9 -k -f $(CURDIR)/$(YASGUI)/yasgui.min.js $(CURDIR)/$(YASGUI)/yasgui.min.css \
		&& rm -rf $$tmp

# Natural Earth's countries for the map of States, from the npm registry (no tiles, no CDN)
$(WORLD)/countries-50m.json:
	mkdir -p $(WORLD)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent world-atlas@$(WORLD_ATLAS_VERSION) >/dev/null \
		&& tar xzf world-atlas-$(WORLD_ATLAS_VERSION).tgz \
		&& cp package/countries-50m.json package/LICENSE $(CURDIR)/$(WORLD)/ \
		&& rm -rf $$tmp

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: setup
	$(BIN)/ccmkg build

# behind nginx (Debian's nginx-light, installed when missing and we may), else the app alone
NGINX := $(shell command -v nginx 2>/dev/null || ls /usr/sbin/nginx 2>/dev/null)
run: build
	@if [ -z "$(NGINX)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; fi
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then $(BIN)/ccmkg deploy --port 5000; \
	else echo "nginx not installed: serving without the proxy (see README, Serving tier)" >&2; $(BIN)/ccmkg serve; fi

lint: setup
	$(BIN)/ruff check graph server tests bench
	$(BIN)/ruff format --check graph server tests bench

# Two lanes at once, one per core: the tests that wait on sockets and deadlines (stores, live, browser)
# at normal priority, and the tests that compute (docs, graph, server: builds, reasoners, profile
# checkers) at the lowest, so that they take only the time the first lane leaves idle and never delay a
# deadline. The stores come last: rdflib's reference answers, computed in the background from the first
# test on, are ready by then. The computing lane's report follows the other's; the target fails if either does.
# (`.venv/bin/pytest` alone runs everything in one lane.)
LANE := $(BIN)/pytest -q -p no:cacheprovider --durations=10
test: setup lint
	@lanes=$$(mktemp -d); \
	nice -n 19 $(LANE) --basetemp=$$lanes/computing tests/docs tests/graph tests/server > $$lanes/computing.log 2>&1 & \
	computing=$$!; \
	$(LANE) --basetemp=$$lanes/waiting tests/live tests/browser tests/stores; waited=$$?; \
	wait $$computing; computed=$$?; \
	echo "== the computing lane (docs, graph, server)"; cat $$lanes/computing.log; rm -rf $$lanes; \
	[ $$waited -eq 0 ] && [ $$computed -eq 0 ]

# the folders that need no server process, without the builds in new processes: under a minute
test-fast: setup
	$(BIN)/pytest -q -m "not slow" tests/docs tests/graph tests/server

# wrk (Debian) loads the servers; oxigraph and rdflib-endpoint come with the test extras
bench: setup
	$(BIN)/python bench/all.py
