# « Plus personne », modules pédagogiques : construction et vérifications.
# `make` ou `make help` affiche les cibles. Toute construction passe par
# l'environnement Python .venv, créé ou mis à jour à partir de requirements.txt.

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SITE       ?= $(BUILDDIR)/site
PORT       ?= 8000
SPHINXOPTS ?= -W --keep-going -n -q
JOBS       ?= 2
PYTESTOPTS ?=
# La langue de l'édition : fr (les sources) ou nl (les catalogues de locale/nl).
TAAL       ?= fr

export PP_SELECTION PP_FICHES
export PP_TAAL := $(TAAL)

# Le néerlandais se construit à part (doctrees, ePub, PDF dans $(BUILDDIR)/nl) ; son site
# se range dans le site français, sous nl/ : les adresses françaises ne changent pas.
ifeq ($(TAAL),fr)
SORTIE  := $(BUILDDIR)
HTMLDIR := $(BUILDDIR)/html
else
SORTIE  := $(BUILDDIR)/$(TAAL)
HTMLDIR := $(BUILDDIR)/html/$(TAAL)
endif

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
.PHONY: help venv systeme systeme-tests apercu verifier html epub pdf all nl site parcours-publies \
        gettext traduction curriculum curricula citations \
        linkcheck lint spelling \
        accessibilite reproductible bench \
        module test clean

help: ## Affiche cette aide
	@echo "« Plus personne », modules pédagogiques : cibles disponibles"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'
	@echo
	@echo "Variables utiles : PP_SELECTION=slug[,slug] (modules à construire), TAAL=nl"
	@echo "(édition néerlandaise), BUILDDIR=dossier (sortie, défaut _build), SPHINXOPTS, JOBS."

$(ENV_OK): requirements.txt
	@echo "Préparation de l'environnement Python ($(VENV))…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_OK): package.json
	@echo "Installation d'axe-core et de DAISY Ace (npm) pour les tests d'accessibilité…"
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --silent
	@touch $@

venv: $(ENV_OK) ## Crée ou met à jour l'environnement Python .venv

systeme: ## Installe (ou indique) les outils système de construction : TeX Live, Java, poppler
	@sh outils/installer-systeme.sh

systeme-tests: ## Installe (ou indique) en plus les outils des tests : Hunspell, Chromium, npm
	@sh outils/installer-systeme.sh tests

html: $(ENV_OK) ## Construit le site dans _build/html (en néerlandais : _build/html/nl, TAAL=nl)
	$(SPHINXBUILD) -b html -d $(SORTIE)/doctrees . $(HTMLDIR) $(SPHINXOPTS)

epub: $(ENV_OK) systeme ## Construit l'ePub dans _build/epub et le valide (EPUBCheck)
	$(SPHINXBUILD) -M epub . $(SORTIE) $(SPHINXOPTS)
	$(BIN)/python outils/verifier_epub.py $(SORTIE)/epub/*.epub

pdf: $(ENV_OK) systeme ## Construit les PDF (livre, fiches animateur·rice, participant·e et facile à lire) dans _build/pdf
	@echo "LaTeX des trois éditions (animateur·rice, participant·e, facile à lire), en parallèle…"
	@$(SPHINXBUILD) -M latex . $(SORTIE) $(SPHINXOPTS) & animateur=$$!; \
	$(SPHINXBUILD) -b latex -t participant -d $(SORTIE)/doctrees-participant . \
	  $(SORTIE)/latex-participant $(SPHINXOPTS) & participant=$$!; \
	if [ "$(PP_FICHES)" = 0 ]; then rm -rf $(SORTIE)/latex-facile; true; else \
	$(SPHINXBUILD) -b latex -t facile -d $(SORTIE)/doctrees-facile . \
	  $(SORTIE)/latex-facile $(SPHINXOPTS); fi & facile=$$!; \
	wait $$animateur; a=$$?; wait $$participant; p=$$?; wait $$facile; f=$$?; \
	test $$a -eq 0 -a $$p -eq 0 -a $$f -eq 0
	@echo "Compilation LaTeX, $(JOBS) à la fois (journaux : $(SORTIE)/latex*/*.latexmk.log)…"
	@$(BIN)/python outils/compiler_pdf.py $(JOBS) $(SORTIE)/latex $(SORTIE)/latex-participant \
	  $$(ls -d $(SORTIE)/latex-facile 2>/dev/null)
	@rm -rf $(SORTIE)/pdf && mkdir -p $(SORTIE)/pdf
	@for tex in $(SORTIE)/latex/*.tex $(SORTIE)/latex-participant/*.tex \
	  $(SORTIE)/latex-facile/*.tex; do [ -e "$$tex" ] && cp "$${tex%.tex}.pdf" $(SORTIE)/pdf/; \
	  done; true
	@echo "PDF prêts dans $(SORTIE)/pdf : $$(cd $(SORTIE)/pdf && ls *.pdf | tr '\n' ' ')"

all: $(ENV_OK) systeme ## Construit tout ce qui est publié : ePub, PDF, parcours, puis le site qui les relie
	@$(MAKE) --no-print-directory epub pdf
ifeq ($(PP_SELECTION),)
	@$(MAKE) --no-print-directory parcours-publies
endif
	@$(BIN)/python outils/telechargements.py $(BUILDDIR) $(TAAL) $(if $(PP_SELECTION),,--parcours)
	@$(MAKE) --no-print-directory html
	@echo "Site, ePub et PDF prêts ; téléchargements dans $(HTMLDIR)/telechargements."

nl: ## Construit toute l'édition néerlandaise (make all TAAL=nl) : _build/nl, _build/html/nl
	@$(MAKE) --no-print-directory all TAAL=nl

parcours-publies: $(ENV_OK) systeme
	@for parcours in curricula/*.yml; do nom=$$(basename $$parcours .yml); \
	  [ "$$nom" = livre ] && continue; echo "Parcours $$nom : ePub et PDF…"; \
	  $(MAKE) --no-print-directory epub pdf PP_SELECTION=$$parcours PP_FICHES=0 \
	    BUILDDIR=$(BUILDDIR)/curricula/$$nom || exit 1; done

site: ## Construit le site publié, en français et en néerlandais, dans $(SITE), et vérifie chaque lien
	@$(MAKE) --no-print-directory all TAAL=fr
	@$(MAKE) --no-print-directory all TAAL=nl
	@echo "Pages françaises : le lien vers l'édition néerlandaise…"
	@$(MAKE) --no-print-directory html TAAL=fr
	@$(BIN)/python outils/publier.py $(BUILDDIR)/html $(SITE)

gettext: $(ENV_OK) ## Extrait les textes à traduire : catalogues .pot dans _build/gettext
	@rm -rf $(BUILDDIR)/gettext
	PP_TAAL=fr $(SPHINXBUILD) -b gettext -d $(BUILDDIR)/doctrees-gettext . $(BUILDDIR)/gettext \
	  $(SPHINXOPTS)
	$(BIN)/python outils/extraire.py $(BUILDDIR)/gettext

traduction: gettext ## Met à jour les catalogues néerlandais (locale/nl) après un changement du français, puis les vérifie
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -l nl -d locale -w 0
	$(BIN)/python outils/traduction.py --pot $(BUILDDIR)/gettext locale/nl

bench: $(ENV_OK) systeme-tests ## Mesure poids des pages, taille de l'ePub et temps de construction
	$(BIN)/python outils/bench.py

apercu: $(ENV_OK) ## Aperçu en direct, reconstruit et rechargé à chaque enregistrement (127.0.0.1:$(PORT))
	@echo "Aperçu sur http://127.0.0.1:$(PORT) (Ctrl+C pour arrêter). Un module seul, plus vite :"
	@echo "  PP_SELECTION=<slug> make apercu"
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/apercu --host 127.0.0.1 --port $(PORT) -n -q \
	  --ignore "*/_build/*" --ignore "*/.venv/*" --ignore "*/node_modules/*" --ignore "*/.git/*"

verifier: $(ENV_OK) systeme-tests ## Vérifie un module seul, en moins de 2 minutes : make verifier SLUG=<slug>
	@$(BIN)/python outils/verifier_module.py "$(SLUG)" $(BUILDDIR)/verifier

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

spelling: $(ENV_OK) systeme-tests ## Vérifie l'orthographe (Hunspell français et mots.txt ; TAAL=nl : néerlandais)
	PP_ORTHOGRAPHE=1 $(SPHINXBUILD) -M spelling . $(SORTIE) $(SPHINXOPTS)

lint: $(ENV_OK) ## Vérifie le reST, la typographie, les textes faciles à lire et les traductions
	$(BIN)/sphinx-lint modules docs index.rst
	@# Les catalogues des pages (reST) ; contribuer.po vient de CONTRIBUTING.md (Markdown).
	$(BIN)/sphinx-lint -i locale/nl/LC_MESSAGES/docs/contribuer.po \
	  locale/nl/LC_MESSAGES/index.po locale/nl/LC_MESSAGES/modules locale/nl/LC_MESSAGES/docs
	$(BIN)/python outils/typographie.py modules docs index.rst
	$(BIN)/python outils/facile.py modules
	@$(MAKE) --no-print-directory gettext >/dev/null
	$(BIN)/python outils/traduction.py --pot $(BUILDDIR)/gettext locale/nl
	$(BIN)/python outils/facile.py --langue nl modules

citations: $(ENV_OK) ## Vérifie references.bib (deux analyseurs) et les clés citées
	$(BIN)/python outils/verifier_citations.py .

accessibilite: $(ENV_OK) $(NODE_OK) systeme-tests ## Teste l'accessibilité : site (axe-core) et ePub (DAISY Ace)
	$(BIN)/python -m pytest tests/test_accessibilite.py $(PYTESTOPTS)

reproductible: $(ENV_OK) systeme-tests ## Vérifie que deux constructions donnent le même ePub et le même HTML
	$(BIN)/python -m pytest tests/test_epub_reproductible.py $(PYTESTOPTS)

test: $(ENV_OK) $(NODE_OK) systeme-tests ## Lance toute la suite de tests (comme la CI)
	$(BIN)/python -m pytest tests -n $(JOBS) --dist loadgroup $(PYTESTOPTS)

clean: ## Supprime les constructions (_build)
	rm -rf $(BUILDDIR)
