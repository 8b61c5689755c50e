"""Configuration Sphinx de « Plus personne », modules pédagogiques.

Un bloc par extension. Le code propre au projet (directives, rôles,
vérifications, style bibliographique) vit dans le paquet ``pluspersonne``.
Aucun accès réseau ici.
"""

import os
import sys

sys.path.insert(0, os.path.abspath("."))

# -- Projet ---------------------------------------------------------------------

# La langue de l'édition : le français (les sources), ou le néerlandais de Belgique
# (make … TAAL=nl, les catalogues de locale/nl). Les quelques textes de ce fichier
# existent dans les deux langues.
language = os.environ.get("PP_TAAL") or "fr"
LANGUES = {"fr": "Français", "nl": "Nederlands"}
TEXTES = {
    "fr": {
        "project": "«\u00a0Plus personne\u00a0», modules pédagogiques",
        "author": "Les contributeur·rices du projet, d'après le dossier pédagogique de ZIN TV",
        "publisher": "Projet ",
        "description": "Modules pédagogiques sur la numérisation des services publics et "
                       "sociaux à Bruxelles, autour du film documentaire Plus personne "
                       "(ZIN TV, 2022).",
        "contributor": "ZIN TV (film et dossier pédagogique d'origine)",
        "recherche": "Rechercher dans le livre…",
        "pied": "Version {release} · textes sous licence CC BY-SA 4.0",
    },
    "nl": {
        "project": "“Plus personne”, educatieve modules",
        "author": "De medewerkers van het project, naar het educatieve dossier van ZIN TV",
        "publisher": "Project ",
        "description": "Educatieve modules over de digitalisering van de openbare en sociale "
                       "diensten in Brussel, rond de documentaire Plus personne "
                       "(ZIN TV, 2022).",
        "contributor": "ZIN TV (film en oorspronkelijk educatief dossier)",
        "recherche": "Zoeken in het boek…",
        "pied": "Versie {release} · teksten onder licentie CC BY-SA 4.0",
    },
}
if language not in TEXTES:
    raise SystemExit(f"Langue inconnue « {language} » (TAAL) : choisissez "
                     f"{' ou '.join(TEXTES)}.")
_textes = TEXTES[language]
project = _textes["project"]
author = _textes["author"]
copyright = "2026, " + author
version = release = "0.1.0"
root_doc = "index"
source_suffix = {".rst": "restructuredtext"}

extensions = [
    "myst_parser",  # seulement pour afficher CONTRIBUTING.md dans le livre
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "pluspersonne",
]

# CONTRIBUTING.md (MyST) : « :::{langue} nl » marque sa section écrite en néerlandais ;
# sur GitHub, les lignes « ::: » s'affichent comme du texte, le reste est lisible.
myst_enable_extensions = ["colon_fence"]

# Les modules sont lus dans modules/ ; tout le reste de la racine est ignoré.
exclude_patterns = [
    "_build", ".venv", ".git", ".github", ".ci", "tests", "curricula", "outils",
    "*.md", "**/*.md", ".pytest_cache", "modules/_modele", "node_modules", "_templates",
]
nitpicky = True
today_fmt = "%-d %B %Y"

# -- Traduction (gettext, sphinx-intl) --------------------------------------------
# Un catalogue par page dans locale/<langue>/LC_MESSAGES/ (gettext_compact désactivé,
# pour l'extraction comme pour la construction), sans emplacements (« #: ») : un
# catalogue ne change que si un texte change. Les textes produits par le projet
# (fiches, formats, déroulés, composeur) sont dans pluspersonne.po, les données des
# figures et les noms des séquences du film dans donnees.po (voir CONTRIBUTING.md).
locale_dirs = ["locale/"]
gettext_compact = False
gettext_location = False
gettext_uuid = False

# -- Sélection de modules (pluspersonne) -----------------------------------------
# Par défaut, le livre entier (curricula/livre.yml). PP_SELECTION accepte soit
# un fichier de parcours (.yml), soit une liste de slugs séparés par des virgules.

pp_selection = os.environ.get("PP_SELECTION") or "curricula/livre.yml"
# PP_FICHES=0 : les PDF d'un parcours publié, sans les fiches des modules (ce sont
# celles du livre, déjà publiées) ; make all s'en sert pour les parcours.
pp_fiches_modules = os.environ.get("PP_FICHES", "1") != "0"

# Les séquences du film, dans l'ordre (décrites dans docs/film.rst). Le champ
# « séquences » de chaque fiche-module n'accepte que ces noms, ou « film entier ».
pp_sequences = [
    "Introduction (le bureau vide)",
    "Des échanges parasités par le numérique",
    "Un problème structurel",
    "La mobilisation collective",
    "La déconnexion des responsables politiques",
    "Le non-recours aux droits",
    "Le secteur social se mobilise",
    "La déshumanisation de l'accueil",
    "Conclusion (la marche vers la CSC)",
]

# -- Bibliographie (sphinxcontrib-bibtex) -----------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = {"fr": "pluspersonne", "nl": "pluspersonne-nl"}[language]
bibtex_reference_style = "author_year"
bibtex_foot_reference_style = "foot"

# -- HTML (sphinx-book-theme) ---------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["pluspersonne.css"]
html_last_updated_fmt = None

# Pages légères (pluspersonne.leger) : gabarit sans script d'icônes ni index de
# recherche hors de la page de recherche, feuilles de style réduites. make bench
# construit aussi le thème par défaut (PP_THEME_PAR_DEFAUT=1) pour comparer.
templates_path = ["_templates"]
pp_alleger = not os.environ.get("PP_THEME_PAR_DEFAUT")
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "search_bar_text": _textes["recherche"],
    # Coloration du code à contraste élevé (WCAG AA), en clair comme en sombre.
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
    "extra_footer": f"<p>{_textes['pied'].format(release=release)}</p>",
    "article_header_end": ["langue.html", "article-header-buttons.html"],
}

# -- Orthographe (make spelling) ---------------------------------------------------
# sphinxcontrib-spelling avec le dictionnaire Hunspell français de Debian. Chargée
# seulement par make spelling (PP_ORTHOGRAPHE=1) : elle demande libenchant.

if os.environ.get("PP_ORTHOGRAPHE"):
    extensions.append("sphinxcontrib.spelling")
    # Le français, ou le néerlandais de Belgique (hunspell-nl) avec sa propre liste de
    # mots. Les citations en français d'un texte néerlandais sont marquées par le rôle
    # :fr: et ne passent pas par le correcteur néerlandais.
    spelling_lang = {"fr": "fr_FR", "nl": "nl_BE"}[language]
    spelling_word_list_filename = [{"fr": "mots.txt", "nl": "mots-nl.txt"}[language]]
    spelling_show_suggestions = True
    spelling_warning = True
    spelling_ignore_contributor_names = False
    spelling_exclude_patterns = ["docs/bibliographie.rst"]

# -- Vérification des liens (make linkcheck) ------------------------------------------
# Toutes les adresses des pages et de references.bib (la bibliographie les affiche).
# PP_LINKCHECK_LOCAL=1 limite la vérification aux adresses locales (127.0.0.1,
# localhost) : c'est ainsi que les tests l'éprouvent hors ligne.

linkcheck_timeout = 15
linkcheck_retries = 2
linkcheck_anchors = True
linkcheck_report_timeouts_as_broken = True
if os.environ.get("PP_LINKCHECK_LOCAL"):
    linkcheck_ignore = [r"^(?!https?://(127\.0\.0\.1|localhost)[:/])"]
    linkcheck_timeout, linkcheck_retries = 5, 1

# -- ePub -----------------------------------------------------------------------
# L'ePub utilise le thème « epub » de Sphinx (le thème du livre y casse EPUBCheck).

epub_basename = "plus-personne"
epub_title = project
epub_author = author
epub_publisher = _textes["publisher"] + project
epub_language = language
epub_uid = epub_identifier = "plus-personne-modules-pedagogiques"
epub_scheme = "URL"
epub_show_urls = "footnote"
epub_description = _textes["description"]
epub_contributor = _textes["contributor"]
epub_exclude_files = ["search.html", ".buildinfo.bak"]
epub_css_files = ["pluspersonne.css"]

# -- LaTeX / PDF ------------------------------------------------------------------
# latex_documents est fixé par l'extension selon la sélection : le livre (ou le
# parcours), son déroulé, sa banque de questions, puis une fiche par module ;
# avec « -t participant », l'édition participant·e, sans notes d'animation.

latex_engine = "pdflatex"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Les fiches (classe howto) n'ont pas de table des matières : elles sont courtes.
    # Les sources écrivent elles-mêmes l'espace insécable avant « : ; ! ? » : babel ne
    # doit pas en ajouter une seconde, ni en glisser une dans les heures (« 14:00 »).
    "preamble": r"""
\DeclareUnicodeCharacter{00B7}{\textperiodcentered}
\makeatletter\@ifundefined{frenchsetup}{}{\frenchsetup{AutoSpacePunctuation=false}}\makeatother
\makeatletter
\@ifclassloaded{sphinxhowto}{\renewcommand{\sphinxtableofcontents}{}}{}
\makeatother
""",
}
latex_show_urls = "footnote"
# Césure de la langue de l'édition ; l'autre langue est chargée aussi, pour les passages
# écrits dans celle-ci : citations gardées en français dans l'édition néerlandaise (rôle
# :fr:), section néerlandaise du guide des contributeur·rices (directive langue).
latex_elements["babel"] = {"fr": r"\usepackage[dutch,main=french]{babel}",
                           "nl": r"\usepackage[french,main=dutch]{babel}"}[language]

# Fiches « facile à lire » (make pdf, « -t facile ») : grands caractères sans
# empattement (TeX Gyre Heros, 14 pt), interligne 1,5, texte aligné à gauche et
# jamais justifié, sans coupure de mots, lignes courtes, beaucoup de blanc, et le
# titre du module en tête de chaque page.
if tags.has("facile"):  # noqa: F821  (tags est fourni par Sphinx)
    latex_elements.update({
        "pointsize": "12pt",
        "fontpkg": r"\usepackage{tgheros}\renewcommand{\familydefault}{\sfdefault}",
        "geometry": r"\usepackage[a4paper,textwidth=14.5cm,top=3cm,bottom=2.5cm,"
                    r"headsep=1cm]{geometry}",
        "preamble": latex_elements["preamble"] + r"""
\usepackage[document]{ragged2e}
\renewcommand{\normalsize}{\fontsize{14}{21}\selectfont}
\renewcommand{\small}{\fontsize{12}{18}\selectfont}
\renewcommand{\footnotesize}{\fontsize{12}{18}\selectfont}
\hyphenpenalty=10000 \exhyphenpenalty=10000 \uchyph=0
\setlength{\parskip}{0.9em}
\setcounter{secnumdepth}{0}
\makeatletter
\newcommand{\pptitre}{\@title}
\newcommand{\pppage}{""" + {"fr": "Page", "nl": "Pagina"}[language] + r"""}
\fancypagestyle{normal}{\fancyhf{}\fancyhead[L]{\bfseries\fontsize{15}{18}\selectfont
  \@title}\fancyfoot[R]{\fontsize{14}{18}\selectfont \pppage{} \thepage}
  \renewcommand{\headrulewidth}{0.8pt}\renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[R]{\fontsize{14}{18}\selectfont \pppage{} \thepage}
  \renewcommand{\headrulewidth}{0pt}}
\makeatother
""",
        "maketitle": r"\begin{flushleft}{\bfseries\fontsize{24}{30}\selectfont \pptitre\par}"
                     r"\end{flushleft}\vspace{1em}",
    })
