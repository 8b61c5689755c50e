# « Plus personne », modules pédagogiques : construction et vérifications.
# `make` ou `make help` affiche les cibles. Toute construction passe par
# l'environnement Python .venv, créé ou mis à jour à partir de requirements.txt.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SPHINXOPTS ?= -W --keep-going -n -q
JOBS       ?= 2
PYTESTOPTS ?=

BIN         = $(VENV)/bin
SPHINXBUILD = $(BIN)/sphinx-build
ENV_OK      = $(VENV)/.installe

.DEFAULT_GOAL := help
.PHONY: help venv systeme html epub pdf all test clean

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

venv: $(ENV_OK) ## Crée ou met à jour l'environnement Python .venv

systeme: ## Installe (ou indique) les outils système : TeX Live, Java, poppler
	@sh outils/installer-systeme.sh

html: $(ENV_OK) ## Construit le site dans _build/html
	$(SPHINXBUILD) -M html . $(BUILDDIR) $(SPHINXOPTS)

epub: $(ENV_OK) systeme ## Construit l'ePub dans _build/epub et le valide (EPUBCheck)
	$(SPHINXBUILD) -M epub . $(BUILDDIR) $(SPHINXOPTS)
	$(BIN)/python outils/verifier_epub.py $(BUILDDIR)/epub/*.epub

pdf: $(ENV_OK) systeme ## Construit le livre et une fiche par module dans _build/pdf
	$(SPHINXBUILD) -M latex . $(BUILDDIR) $(SPHINXOPTS)
	@echo "Compilation LaTeX (journal : $(BUILDDIR)/latex/latexmk.log)…"
	@$(MAKE) -s -C $(BUILDDIR)/latex -j$(JOBS) all-pdf \
	  LATEXMKOPTS="-silent" LATEXOPTS="-interaction=nonstopmode -halt-on-error" \
	  > $(BUILDDIR)/latex/latexmk.log 2>&1 || { tail -n 40 $(BUILDDIR)/latex/latexmk.log; \
	  echo "Échec de la compilation LaTeX : lisez $(BUILDDIR)/latex/latexmk.log."; exit 1; }
	@rm -rf $(BUILDDIR)/pdf && mkdir -p $(BUILDDIR)/pdf
	@cp $(BUILDDIR)/latex/*.pdf $(BUILDDIR)/pdf/
	@echo "PDF prêts dans $(BUILDDIR)/pdf : $$(cd $(BUILDDIR)/pdf && ls *.pdf | tr '\n' ' ')"

all: html epub pdf ## Construit les trois formats (HTML, ePub, PDF)

test: $(ENV_OK) systeme ## Lance toute la suite de tests (comme la CI)
	$(BIN)/python -m pytest tests $(PYTESTOPTS)

clean: ## Supprime les constructions (_build)
	rm -rf $(BUILDDIR)
