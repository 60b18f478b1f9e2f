# Quartierwerk: `make run` serves the demo, `make test` runs lint and the whole suite (SQLite, then PostgreSQL).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/quartierwerk
PYTEST_ARGS ?= -n 2
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test install lint format migrate demo chromium assets messages serve-production balancer bench clean screenshots

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=true $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=true $(PY) manage.py load_demo --if-empty

# The task worker runs beside the server (it sends the mail); one Ctrl-C stops both. Mail: /dev/mailbox/.
run: demo
	@echo "Serving Quartierwerk at http://$(HOST):$(PORT)/"
	DEBUG=true SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py serve_demo $(HOST):$(PORT)

# Debian's Chromium drives the browser tests (a test tool's own browser download is not used); poppler's
# pdftoppm and pdftotext read the annual report's PDF in its test.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@command -v pdftoppm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }

lint: install
	$(VENV)/bin/ruff check quartierwerk tests bench
	$(VENV)/bin/ruff format --check quartierwerk tests bench

format: install
	$(VENV)/bin/ruff format quartierwerk tests bench
	$(VENV)/bin/ruff check --fix quartierwerk tests bench

test: install chromium lint
	@echo "=== Test suite on SQLite ==="
	env -u QW_REQUIRE_POSTGRES DATABASE_URL=sqlite:///:memory: $(PY) -m pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ] || $(PY) -c "import socket,sys; s=socket.socket(); s.settimeout(2); sys.exit(s.connect_ex(('127.0.0.1',5432)))"; then \
		echo "=== Test suite on PostgreSQL ==="; \
		DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} QW_REQUIRE_POSTGRES=1 $(PY) -m pytest $(PYTEST_ARGS); \
	elif [ -n "$$QW_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required (QW_REQUIRE_POSTGRES) but not reachable at 127.0.0.1:5432"; exit 1; \
	else echo "=== PostgreSQL not reachable: the PostgreSQL run was skipped ==="; fi

# Photograph the pages listed in docs/screenshots/pages.toml (360 and 1280 px, German) from a fresh demo.
screenshots: install chromium
	DEBUG=true $(PY) manage.py screenshots

# Re-vendor the front-end assets from the pinned npm packages (the results are committed).
assets:
	./scripts/vendor_assets.sh

# Extract and compile translations (the compiled catalogues are committed so a fresh machine needs no gettext).
APPS := reports fund actors events participation resources news insights council planning
messages: export DEBUG = true
messages: install
	cd quartierwerk && ../$(PY) ../manage.py makemessages -l de -l ar -l uk -l tr --no-obsolete --ignore 'static/*' $(foreach a,$(APPS),--ignore '$(a)/*')
	for a in $(APPS); do (cd quartierwerk/$$a && mkdir -p locale && ../../$(PY) ../../manage.py makemessages -l de -l ar -l uk -l tr --no-obsolete); done
	# Visible text the scripts write themselves (gettext() in static/js, served by JavaScriptCatalog); vendored code aside.
	cd quartierwerk && ../$(PY) ../manage.py makemessages -d djangojs -l de -l ar -l uk -l tr --no-obsolete --ignore 'static/vendor/*' --ignore '*/static/vendor/*'
	cd quartierwerk && ../$(PY) ../manage.py compilemessages

serve-production: install
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py quartierwerk.wsgi

# Two app servers behind HAProxy on loopback, on PostgreSQL and Redis (docs/operations.md); Ctrl-C stops them.
BALANCER_ENV = DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} SECRET_KEY=$${SECRET_KEY:-balancer-trial-only-not-for-production-0123456789}
balancer: install
	$(BALANCER_ENV) DEBUG=false $(PY) manage.py migrate --noinput -v0
	$(BALANCER_ENV) DEBUG=false $(PY) manage.py collectstatic --noinput -v0
	$(BALANCER_ENV) $(PY) deploy/balancer.py

# Load benchmark at scale S on SQLite by default; e.g. `make bench BENCH_ARGS="--scale M --db postgres"`.
bench: install
	@command -v wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/places_import.py

clean:
	rm -rf $(VENV) var node_modules
