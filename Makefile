# « Plus personne », modules pédagogiques : construction et vérifications.
# `make` ou `make help` affiche les cibles. Toute construction passe par
# l'environnement Python .venv, créé ou mis à jour à partir de requirements.txt.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SPHINXOPTS ?= -W --keep-going -n -q
JOBS       ?= 2
PYTESTOPTS ?=

export PP_SELECTION

# Constructions reproductibles : par défaut, la date du dernier commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

BIN         = $(VENV)/bin
SPHINXBUILD = $(BIN)/sphinx-build
ENV_OK      = $(VENV)/.installe
NODE_OK     = node_modules/.installe

.DEFAULT_GOAL := help
.PHONY: help venv systeme html epub pdf all curriculum curricula citations linkcheck lint spelling \
        accessibilite reproductible bench \
        module test clean

help: ## Affiche cette aide
	@echo "« Plus personne », modules pédagogiques : cibles disponibles"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo "Variables utiles : PP_SELECTION=slug[,slug] (modules à construire),"
	@echo "BUILDDIR=dossier (sortie, défaut _build), SPHINXOPTS, JOBS."

$(ENV_OK): requirements.txt
	@echo "Préparation de l'environnement Python ($(VENV))…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_OK): package.json
	@echo "Installation d'axe-core (npm) pour les tests d'accessibilité…"
	npm install --no-audit --no-fund --silent
	@touch $@

venv: $(ENV_OK) ## Crée ou met à jour l'environnement Python .venv

systeme: ## Installe (ou indique) les outils système : TeX Live, Java, poppler
	@sh outils/installer-systeme.sh

html: $(ENV_OK) ## Construit le site dans _build/html
	$(SPHINXBUILD) -M html . $(BUILDDIR) $(SPHINXOPTS)

epub: $(ENV_OK) systeme ## Construit l'ePub dans _build/epub et le valide (EPUBCheck)
	$(SPHINXBUILD) -M epub . $(BUILDDIR) $(SPHINXOPTS)
	$(BIN)/python outils/verifier_epub.py $(BUILDDIR)/epub/*.epub

pdf: $(ENV_OK) systeme ## Construit les PDF (livre, fiches animateur·rice et participant·e) dans _build/pdf
	@echo "LaTeX des deux éditions (animateur·rice et participant·e), en parallèle…"
	@$(SPHINXBUILD) -M latex . $(BUILDDIR) $(SPHINXOPTS) & animateur=$$!; \
	$(SPHINXBUILD) -b latex -t participant -d $(BUILDDIR)/doctrees-participant . \
	  $(BUILDDIR)/latex-participant $(SPHINXOPTS) & participant=$$!; \
	wait $$animateur; a=$$?; wait $$participant; p=$$?; test $$a -eq 0 -a $$p -eq 0
	@echo "Compilation LaTeX, $(JOBS) à la fois (journaux : $(BUILDDIR)/latex*/*.latexmk.log)…"
	@$(BIN)/python outils/compiler_pdf.py $(JOBS) $(BUILDDIR)/latex $(BUILDDIR)/latex-participant
	@rm -rf $(BUILDDIR)/pdf && mkdir -p $(BUILDDIR)/pdf
	@for tex in $(BUILDDIR)/latex/*.tex $(BUILDDIR)/latex-participant/*.tex; do \
	  cp "$${tex%.tex}.pdf" $(BUILDDIR)/pdf/; done
	@echo "PDF prêts dans $(BUILDDIR)/pdf : $$(cd $(BUILDDIR)/pdf && ls *.pdf | tr '\n' ' ')"

all: html epub pdf ## Construit les trois formats (HTML, ePub, PDF)
	@mkdir -p $(BUILDDIR)/html/telechargements
	@cp $(BUILDDIR)/epub/*.epub $(BUILDDIR)/pdf/*.pdf $(BUILDDIR)/html/telechargements/
	@echo "Site, ePub et PDF prêts ; téléchargements dans $(BUILDDIR)/html/telechargements."

bench: $(ENV_OK) systeme ## Mesure poids des pages, taille de l'ePub et temps de construction
	$(BIN)/python outils/bench.py

module: $(ENV_OK) ## Crée un module : make module SLUG=mon-module TITRE="Mon titre"
	@$(BIN)/python outils/nouveau_module.py "$(SLUG)" "$(TITRE)"

curriculum: ## Construit un parcours : make curriculum C=curricula/<nom>.yml
	@test -n "$(C)" || { echo "Indiquez le parcours : make curriculum C=curricula/<nom>.yml" \
	  "(parcours disponibles : $$(ls curricula/*.yml | tr '\n' ' '))."; exit 2; }
	@test -f "$(C)" || { echo "Parcours introuvable : $(C). Parcours disponibles :" \
	  "$$(ls curricula/*.yml | tr '\n' ' ')"; exit 2; }
	$(MAKE) all PP_SELECTION=$(C) BUILDDIR=$(BUILDDIR)/curricula/$(basename $(notdir $(C)))

curricula: ## Construit tous les parcours du dossier curricula/
	@for parcours in curricula/*.yml; do \
	  $(MAKE) curriculum C=$$parcours || exit 1; \
	done

linkcheck: $(ENV_OK) ## Vérifie les liens externes (réseau requis) : _build/linkcheck
	$(SPHINXBUILD) -M linkcheck . $(BUILDDIR) $(SPHINXOPTS)

spelling: $(ENV_OK) systeme ## Vérifie l'orthographe (Hunspell français, mots.txt)
	PP_ORTHOGRAPHE=1 $(SPHINXBUILD) -M spelling . $(BUILDDIR) $(SPHINXOPTS)

lint: $(ENV_OK) ## Vérifie le reST (sphinx-lint) et la typographie française
	$(BIN)/sphinx-lint modules docs index.rst
	$(BIN)/python outils/typographie.py modules docs index.rst

citations: $(ENV_OK) ## Vérifie references.bib (deux analyseurs) et les clés citées
	$(BIN)/python outils/verifier_citations.py .

accessibilite: $(ENV_OK) $(NODE_OK) systeme ## Teste l'accessibilité du site (axe-core dans Chromium)
	$(BIN)/python -m pytest tests/test_accessibilite.py $(PYTESTOPTS)

reproductible: $(ENV_OK) systeme ## Vérifie que deux constructions donnent le même ePub et le même HTML
	$(BIN)/python -m pytest tests/test_epub_reproductible.py $(PYTESTOPTS)

test: $(ENV_OK) $(NODE_OK) systeme ## Lance toute la suite de tests (comme la CI)
	$(BIN)/python -m pytest tests -n $(JOBS) --dist loadgroup $(PYTESTOPTS)

clean: ## Supprime les constructions (_build)
	rm -rf $(BUILDDIR)
