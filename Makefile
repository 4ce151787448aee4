# Two commands matter: `make run` and `make test`. Everything else is for maintainers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

.PHONY: run test bench bundle bundle-test screenshots lint clean

# The stamp files make re-runs cheap: the venv is rebuilt only when pyproject.toml changes.
$(VENV)/.runtime: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.runtime
	$(PIP) install -q -e '.[test]'
	touch $@

$(VENV)/.bench: pyproject.toml $(VENV)/.test
	$(PIP) install -q -e '.[test,bench]'
	touch $@

run: $(VENV)/.runtime
	$(PY) -m ipt_desktop $(ARGS)

test: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.bench
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run $(BENCH_ARGS)

screenshots: $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) -m ipt_desktop.tools.screenshots docs/screenshots

# PyInstaller runs from its own venv holding only runtime dependencies, so the bundle
# does not pick up pytest, pypdf or anything else from the test extras. The package itself is
# installed editable: a copied install would go stale and PyInstaller would bundle old code.
BUNDLE_VENV := .venv-bundle
$(BUNDLE_VENV)/.bundle: pyproject.toml
	test -x $(BUNDLE_VENV)/bin/python || $(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_VENV)/bin/pip install -q --upgrade pip
	$(BUNDLE_VENV)/bin/pip install -q -e '.[bundle]'
	touch $@

bundle: $(BUNDLE_VENV)/.bundle
	$(BUNDLE_VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/ipt_desktop ipt_desktop.spec

bundle-test: bundle $(VENV)/.test
	QT_QPA_PLATFORM=offscreen $(PY) scripts/bundle_smoke_test.py dist/ipt-desktop

clean:
	rm -rf build/ipt_desktop dist .pytest_cache
