# The two commands of the README: `make lab` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: lab test bench clean-env chromium system-deps translations design-translations \
  data-translations viewer-js

# Browser tests drive Debian's chromium (as root, or through passwordless sudo); never
# `playwright install`, which downloads a browser of its own.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Offline-friendly: no news, no update checks, no extension manager calls to PyPI.
LAB_FLAGS := --LabApp.news_url=None --LabApp.extension_manager=readonly \
  --LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate \
  $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/quickstart.ipynb $(LAB_FLAGS)

test: $(STAMP) chromium system-deps
	$(PY) -m pytest

chromium:
	@test -x /usr/bin/chromium || $(SUDO) sh -c 'apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null' || \
	  echo "make chromium: could not install Debian's chromium; the browser tests will be skipped"

# The shop programs the export tests feed every file to (tests/export/test_shop_programs.py):
# admesh and PrusaSlicer read the STLs, FreeCAD the STEP and DXF files. Debian packages,
# installed only when a binary is missing.
# OpenSCAD builds designs/bracket/bracket.scad from exported parameter sets (tests/test_openscad.py).
SHOP_BINS := admesh prusa-slicer freecadcmd openscad
system-deps:
	@missing=""; for b in $(SHOP_BINS); do command -v $$b >/dev/null 2>&1 || missing="$$missing $$b"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make system-deps: installing Debian packages for:$$missing"; \
	  $(SUDO) sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq admesh prusa-slicer freecad openscad >/dev/null'; \
	fi

# The browser section of the benchmark drives the same Chromium as the browser tests.
bench: $(STAMP) chromium
	$(PY) bench/run.py

clean-env:
	rm -rf $(VENV)

# The workbench's words in other languages (workbench/i18n.py): extract the English messages of
# `_()` calls into workbench/locale/workbench.pot (babel.cfg says where), merge them into each
# language's .po (a new language starts from `pybabel init`), then compile the .mo files the
# package ships. The .mo files are committed beside their .po: an editable install and
# `PYTHONPATH=.` find them without a build step; tests/test_i18n.py fails when a .mo is older
# than its .po or a message lacks a translation.
LANGUAGES := es fr pt sw hi
PYBABEL   := $(VENV)/bin/pybabel
LOCALES   := workbench/locale
translations: $(STAMP) design-translations data-translations
	$(PYBABEL) extract -F babel.cfg --no-location --sort-output --omit-header \
	  --project=cosmo-workbench --copyright-holder="Cosmo-local workbench contributors" \
	  -o $(LOCALES)/workbench.pot .
	for l in $(LANGUAGES); do \
	  if [ -f $(LOCALES)/$$l/LC_MESSAGES/workbench.po ]; then \
	    $(PYBABEL) update --no-fuzzy-matching -D workbench -l $$l \
	      -i $(LOCALES)/workbench.pot -d $(LOCALES); \
	  else $(PYBABEL) init -D workbench -l $$l -i $(LOCALES)/workbench.pot -d $(LOCALES); fi; \
	done
	$(PYBABEL) compile --statistics -D workbench -d $(LOCALES)

# Each design's own words (workbench/design_words.py), in its own catalogs beside design.py:
# designs/NAME/locale/design.pot is written from the declaration itself (title, summary,
# parameters, roles, check names), merged into each language's design.po (obsolete words dropped,
# so a catalog holds exactly the design's current words), and compiled to design.mo.
DESIGN_DIRS := $(patsubst %/design.py,%,$(wildcard designs/*/design.py))
design-translations: $(STAMP)
	$(PY) -m workbench.design_words $(DESIGN_DIRS)
	for d in $(DESIGN_DIRS); do \
	  for l in $(LANGUAGES); do \
	    if [ -f $$d/locale/$$l/LC_MESSAGES/design.po ]; then \
	      $(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -D design -l $$l \
	        -i $$d/locale/design.pot -d $$d/locale; \
	    else $(PYBABEL) init -D design -l $$l -i $$d/locale/design.pot -d $$d/locale; fi; \
	  done; \
	  $(PYBABEL) compile --statistics -D design -d $$d/locale || exit 1; \
	done

# The names in the data files (workbench/data_words.py), in the data's own catalogs:
# materials/locale/materials.pot is written from the TOML files (the name of each material, stock
# catalog and its region, climate and workshop; stock item labels stay as the shop writes them),
# merged into each language's materials.po (obsolete names dropped) and compiled to materials.mo.
DATA_LOCALES := materials/locale
data-translations: $(STAMP)
	$(PY) -m workbench.data_words materials
	for l in $(LANGUAGES); do \
	  if [ -f $(DATA_LOCALES)/$$l/LC_MESSAGES/materials.po ]; then \
	    $(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -D materials -l $$l \
	      -i $(DATA_LOCALES)/materials.pot -d $(DATA_LOCALES); \
	  else $(PYBABEL) init -D materials -l $$l -i $(DATA_LOCALES)/materials.pot -d $(DATA_LOCALES); fi; \
	done
	$(PYBABEL) compile --statistics -D materials -d $(DATA_LOCALES)

# The light 3D view's front end (workbench/ui/static/viewer.js, committed): three.js and esbuild
# at the versions pinned in js/package-lock.json. Only needed after changing js/; a pip install,
# the tests and CI use the committed bundle (tests/ui/test_light_viewer.py checks it is current).
viewer-js:
	cd js && npm ci --no-audit --no-fund && npm run build
