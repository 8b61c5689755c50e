"""Pages HTML légères, sans rien modifier dans les paquets installés.

Un site sphinx-book-theme charge par défaut environ 2,3 Mo par page, dont un
script d'icônes de 1,5 Mo pour une dizaine d'icônes et une feuille de style
Bootstrap complète. Après chaque construction HTML, ce module :

- remplace le script d'icônes (Font Awesome) par une petite feuille
  ``_static/icones.css`` qui dessine en CSS les seules icônes employées, à partir
  des tracés du script du thème (les icônes restent visibles sans JavaScript) ;
- réduit les feuilles de style du thème et de sphinx-design aux règles dont les
  classes et identifiants apparaissent dans les pages produites ou dans les
  scripts qu'elles chargent (principe de PurgeCSS), avec tinycss2 pour lire le CSS.

Le gabarit ``_templates/layout.html`` (si ``pp_leger``) retire du ``<head>`` le
script d'icônes et l'index de recherche (chargé seulement par la page de recherche). L'option
``pp_alleger = False`` (variable ``PP_THEME_PAR_DEFAUT=1``) garde le thème tel
quel : ``make bench`` s'en sert pour comparer.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import quote

import tinycss2
from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

#: Feuilles réduites aux règles employées (chemins relatifs au dossier de sortie).
FEUILLES = ("_static/basic.css", "_static/styles/pydata-sphinx-theme.css",
            "_static/styles/sphinx-book-theme.css", "_static/sphinx-design.min.css",
            "_static/pygments.css")
#: Scripts dont les noms de classes comptent (ils en ajoutent aux pages).
SCRIPTS = ("_static/scripts/bootstrap.js", "_static/scripts/pydata-sphinx-theme.js",
           "_static/scripts/sphinx-book-theme.js", "_static/design-tabs.js",
           "_static/doctools.js", "_static/sphinx_highlight.js", "_static/searchtools.js")
SCRIPT_ICONES = "_static/scripts/fontawesome.js"
STYLES = {"fas": "solid", "fa-solid": "solid", "far": "regular", "fa-regular": "regular",
          "fab": "brands", "fa-brands": "brands"}
PAQUETS = {"fas": "solid", "far": "regular", "fab": "brands"}


# -- Icônes ----------------------------------------------------------------------

def icones_du_script(texte: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """Tracés SVG du script Font Awesome du thème : (style, nom) → (largeur, hauteur, tracé).

    Chaque icône est aussi rangée sous ``(style, "u+<code>")``, son point de code dans la
    police : c'est par lui que les feuilles du thème la désignent (``content:"\\f05a"``).
    """
    icones: dict[tuple[str, str], tuple[int, int, str]] = {}
    for appel in re.finditer(r'p\("(fas|far|fab)",b\)', texte):
        debut = texte.rfind("var b={", 0, appel.start())
        bloc = texte[debut:appel.start()]
        style = PAQUETS[appel.group(1)]
        for m in re.finditer(r'"?([\w-]+)"?:\[(\d+),(\d+),\[([^\]]*)\],"([^"]*)",'
                             r'(?:"([^"]*)"|\["([^"]*)","([^"]*)"\])\]', bloc):
            nom, largeur, hauteur, alias = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            trace = m.group(6) if m.group(6) is not None else m.group(7) + m.group(8)
            for n in [nom, *re.findall(r'"([\w-]+)"', alias), f"u+{m.group(5).lower()}"]:
                icones.setdefault((style, n), (largeur, hauteur, trace))
    return icones


def masque(largeur: int, hauteur: int, trace: str) -> str:
    """L'icône en image SVG dans une adresse ``data:``, pour ``mask``."""
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {largeur} {hauteur}'>"
           f"<path d='{trace}'/></svg>")
    url = quote(svg, safe=" /:='-.,")
    return f'url("data:image/svg+xml,{url}")'


def icones_employees(html: str) -> set[tuple[str, str]]:
    """Paires (style, nom) des éléments ``class="fa-solid fa-…"`` d'une page."""
    employees = set()
    for classes in re.findall(r'\bclass="([^"]*\bfa[srb-][^"]*)"', html):
        mots = classes.split()
        styles = {STYLES[m] for m in mots if m in STYLES}
        for style in styles:
            employees.update((style, m[3:]) for m in mots
                             if m.startswith("fa-") and m not in STYLES)
    return employees


def css_icones(employees: set[tuple[str, str]], icones: dict) -> str:
    """Feuille qui peint chaque icône employée par un masque SVG (couleur du texte)."""
    regles = [
        "/* Icônes Font Awesome Free (CC BY 4.0, fontawesome.com), extraites du thème. */",
        ":is(.fas,.far,.fab,.fa-solid,.fa-regular,.fa-brands)::before{content:\"\";"
        "display:inline-block;width:var(--pp-largeur,1em);height:1em;vertical-align:-.125em;"
        "background-color:currentColor;"
        "-webkit-mask:var(--pp-icone,linear-gradient(#0000,#0000)) center/contain no-repeat;"
        "mask:var(--pp-icone,linear-gradient(#0000,#0000)) center/contain no-repeat}",
    ]
    classes = {"solid": ":is(.fas,.fa-solid)", "regular": ":is(.far,.fa-regular)",
               "brands": ":is(.fab,.fa-brands)"}
    for style, nom in sorted(employees):
        if (style, nom) not in icones:
            continue  # classe de taille (fa-lg, fa-fw) ou icône absente du thème
        largeur, hauteur, trace = icones[(style, nom)]
        regles.append(f"{classes[style]}.fa-{nom}{{--pp-icone:{masque(largeur, hauteur, trace)};"
                      f"--pp-largeur:{largeur / hauteur:.4g}em}}")
    return "\n".join(regles) + "\n"


def _code(valeur: str) -> str | None:
    """Point de code d'une valeur CSS ``"\\f05a"`` ou ``""`` (caractère brut)."""
    m = re.fullmatch(r'\s*"\\([0-9a-fA-F]{4,6})"\s*', valeur)
    if m:
        return m.group(1).lower()
    m = re.fullmatch(r'\s*"(.)"\s*', valeur)
    return f"{ord(m.group(1)):x}" if m and ord(m.group(1)) >= 0xE000 else None


def css_pseudo_elements(css: str, icones: dict, html: str) -> str:
    """Les icônes que le thème écrit avec la police Font Awesome dans ``::before`` et
    ``::after`` (titres des encadrés, liens externes du menu), peintes par un masque.

    Le thème écrit ``content: var(--pst-icon-…)`` (un point de code de la police) : sans
    la police, le lecteur verrait un carré vide. Chaque règle de ce genre dont les pages
    emploient les classes est réécrite, au même sélecteur et plus loin dans la feuille
    unique : contenu vide, fond de la couleur du texte, découpé par le tracé de l'icône.
    """
    variables = dict(re.findall(r"--pst-icon-([\w-]+):([^;}]+)", css))

    def resoudre(nom: str, profondeur: int = 0) -> str | None:
        valeur = variables.get(nom, "")
        renvoi = re.fullmatch(r"\s*var\(--pst-icon-([\w-]+)\)\s*", valeur)
        if renvoi and profondeur < 5:
            return resoudre(renvoi.group(1), profondeur + 1)
        return _code(valeur)

    employes = jetons([html])
    regles = []
    for regle in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if regle.type != "qualified-rule":
            continue
        selecteur = tinycss2.serialize(regle.prelude).strip()
        corps = tinycss2.serialize(regle.content)
        contenu = re.search(r"content:\s*var\(--pst-icon-([\w-]+)\)", corps)
        if not contenu or not re.search(r"::?(before|after)", selecteur):
            continue
        code = resoudre(contenu.group(1))
        icone = icones.get(("solid", f"u+{code}")) if code else None
        gardes = [s for s in _decouper(selecteur) if _noms_exiges(s) <= employes]
        if not icone or not gardes:
            continue
        image = masque(*icone)
        dessin = f"content:\"\";-webkit-mask-image:{image};mask-image:{image}"
        if "font:" in corps:  # la règle de base : taille et couleur du dessin
            taille = "" if "width:" in corps else "display:inline-block;width:1em;height:1em;"
            dessin += (f";{taille}font:inherit;background-color:currentColor;"
                       "-webkit-mask-position:center;mask-position:center;"
                       "-webkit-mask-size:contain;mask-size:contain;"
                       "-webkit-mask-repeat:no-repeat;mask-repeat:no-repeat")
        regles.append(f"{','.join(s.strip() for s in gardes)}{{{dessin}}}")
    if not regles:
        return ""
    return ("/* Icônes des encadrés et des liens du thème, sans la police Font Awesome. */\n"
            + "\n".join(regles) + "\n")


# -- Feuilles de style réduites ------------------------------------------------------

def jetons(textes) -> set[str]:
    """Mots (classes, identifiants, balises) présents dans les pages et les scripts."""
    trouves: set[str] = set()
    for texte in textes:
        trouves.update(re.findall(r"[A-Za-z_][\w-]*", texte))
    return trouves


def _noms_exiges(selecteur: str) -> set[str]:
    """Classes et identifiants qu'un sélecteur exige (hors :not(), :is(), :where()…)."""
    sans_arguments = selecteur
    while True:
        reduit = re.sub(r":[\w-]+\([^()]*\)", "", sans_arguments)
        if reduit == sans_arguments:
            break
        sans_arguments = reduit
    sans_attributs = re.sub(r"\[[^\]]*\]", "", sans_arguments)
    return set(re.findall(r"[.#](-?[A-Za-z_][\w-]*)", sans_attributs))


def _decouper(prelude: str) -> list[str]:
    """Sépare une liste de sélecteurs sur les virgules de premier niveau."""
    parties, profondeur, courant = [], 0, ""
    for car in prelude:
        if car in "([":
            profondeur += 1
        elif car in ")]":
            profondeur -= 1
        if car == "," and profondeur == 0:
            parties.append(courant)
            courant = ""
        else:
            courant += car
    return [*parties, courant]


def _filtrer(regles, employes: set[str]) -> list[str]:
    sortie = []
    for regle in regles:
        if regle.type == "qualified-rule":
            prelude = tinycss2.serialize(regle.prelude).strip()
            if prelude.endswith("%") or prelude in ("from", "to"):
                sortie.append(regle.serialize())  # étape de @keyframes
                continue
            gardes = [s.strip() for s in _decouper(prelude) if _noms_exiges(s) <= employes]
            if gardes:
                sortie.append(f"{','.join(gardes)}{{{tinycss2.serialize(regle.content)}}}")
        elif regle.type == "at-rule":
            if regle.lower_at_keyword in ("media", "supports", "layer", "container") \
                    and regle.content is not None:
                interieur = _filtrer(tinycss2.parse_rule_list(regle.content), employes)
                if interieur:
                    sortie.append(f"@{regle.at_keyword}{tinycss2.serialize(regle.prelude)}"
                                  f"{{{''.join(interieur)}}}")
            elif regle.lower_at_keyword == "font-face" \
                    and "Font Awesome" in tinycss2.serialize(regle.content or []):
                continue  # les icônes sont dessinées par icones.css, sans police
            else:
                sortie.append(regle.serialize())
    return sortie


def reduire_css(css: str, employes: set[str]) -> str:
    """Garde les règles dont chaque classe et identifiant figure dans ``employes``."""
    regles = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_filtrer(regles, employes)) + "\n"


# -- Branchement dans Sphinx ----------------------------------------------------------

def alleger(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not actif(app):
        return
    sortie = Path(app.outdir)
    pages = [p.read_text(encoding="utf-8") for p in sortie.rglob("*.html")
             if "_static" not in p.parts]
    scripts = [(sortie / s).read_text(encoding="utf-8") for s in SCRIPTS if (sortie / s).exists()]
    employes = jetons(pages + scripts)
    cache = Path(app.doctreedir) / "css-reduit"
    cache.mkdir(exist_ok=True)
    for feuille in FEUILLES:
        chemin = sortie / feuille
        if not chemin.exists():
            continue
        css = chemin.read_text(encoding="utf-8")
        empreinte = hashlib.sha256(css.encode() + "\n".join(sorted(employes)).encode())
        memoire = cache / f"{empreinte.hexdigest()}.css"
        if not memoire.exists():
            memoire.write_text(reduire_css(css, employes), encoding="utf-8")
        chemin.write_text(memoire.read_text(encoding="utf-8"), encoding="utf-8")
    for carte in sortie.glob("_static/**/*.map"):
        carte.unlink()  # cartes de sources du thème : inutiles aux lecteurs
    script = sortie / SCRIPT_ICONES
    if script.exists():
        employees = set().union(*(icones_employees(p) for p in pages))
        icones = icones_du_script(script.read_text(encoding="utf-8"))
        theme = sortie / "_static/styles/pydata-sphinx-theme.css"
        pseudo = (css_pseudo_elements(theme.read_text(encoding="utf-8"), icones, "\n".join(pages))
                  if theme.exists() else "")
        (sortie / "_static/icones.css").write_text(css_icones(employees, icones) + pseudo,
                                                   encoding="utf-8")
        script.unlink()
    feuille_unique(sortie, getattr(app, "pp_feuilles", []) or [
        "_static/pygments.css", "_static/styles/sphinx-book-theme.css",
        "_static/sphinx-design.min.css", "_static/icones.css", "_static/pluspersonne.css"])


def actif(app: Sphinx) -> bool:
    """Allègement demandé, pour le site HTML seulement (l'ePub a son propre thème)."""
    return app.config.pp_alleger and app.builder.name in ("html", "dirhtml")


def preparer(app: Sphinx) -> None:
    """Feuille des icônes, et gabarits Jinja compilés gardés d'une construction à l'autre
    (dans le dossier des doctrees) : une reconstruction ne les recompile pas."""
    if actif(app):
        app.add_css_file("icones.css")
        # Version de la feuille unique dans son adresse : elle change avec le projet et le thème.
        empreinte = hashlib.sha256()
        for chemin in sorted(Path(app.confdir, "_static").glob("*")):
            if chemin.is_file():
                empreinte.update(chemin.read_bytes())
        empreinte.update(str(app.config.release).encode())
        app.pp_version_css = empreinte.hexdigest()[:12]
    if hasattr(app.builder, "templates") and hasattr(app.builder.templates, "environment"):
        cache = Path(app.doctreedir) / "gabarits-compiles"
        cache.mkdir(parents=True, exist_ok=True)
        app.builder.templates.environment.bytecode_cache = FileSystemBytecodeCache(str(cache))


#: Feuille unique, dans le dossier des feuilles du thème (ses url() relatives restent justes).
FEUILLE_UNIQUE = "_static/styles/pp-tout.css"
#: Le script des onglets de sphinx-design : seulement sur une page qui a des onglets.
SCRIPT_ONGLETS = "design-tabs.js"


def contexte(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` : rien ne bloque le premier affichage que la feuille unique.

    Chaque script de la page est différé (``defer``) ; les scripts écrits dans la page
    (``DOCUMENTATION_OPTIONS.pagename = …``) deviennent des modules, différés eux aussi et
    exécutés dans l'ordre, après ``documentation_options.js``. Le script des onglets n'est
    chargé que sur une page qui a des onglets. Sphinx restaure la liste après chaque page.
    """
    context["pp_leger"] = actif(app)
    if not actif(app):
        return
    context["pp_version_css"] = app.pp_version_css
    if not hasattr(app, "pp_feuilles"):
        app.pp_feuilles = [os.fspath(getattr(c, "filename", c))
                           for c in context.get("css_files", [])]
    scripts = context.get("script_files")
    if scripts is None:
        return
    onglets = "sd-tab-set" in context.get("body", "")
    nouveaux = []
    for script in scripts:
        if not isinstance(script, _JavaScript):
            script = _JavaScript(script)
        nom = os.fspath(script.filename)
        if nom.endswith(SCRIPT_ONGLETS) and not onglets:
            continue
        attributs = dict(script.attributes)
        if nom:
            attributs.pop("async", None)
            attributs["defer"] = "defer"
        else:
            attributs["type"] = "module"
        nouveaux.append(_JavaScript(nom, priority=script.priority, **attributs))
    scripts[:] = nouveaux


def feuille_unique(sortie: Path, feuilles: list[str]) -> None:
    """Rassemble les feuilles de la page, dans leur ordre, en ``pp-tout.css``."""
    ordre = ["_static/styles/theme.css", "_static/styles/pydata-sphinx-theme.css", *feuilles]
    morceaux = []
    for feuille in dict.fromkeys(f.split("?")[0] for f in ordre):
        chemin = sortie / feuille
        if not chemin.is_file():
            continue
        texte = chemin.read_text(encoding="utf-8")
        # theme.css n'est qu'un @import de basic.css : on met basic.css à sa place.
        for importe in re.findall(r'@import\s+"([^"]+)";', texte):
            cible = (chemin.parent / importe).resolve()
            if cible.is_file():
                morceaux.append(f"/* {cible.relative_to(sortie.resolve()).as_posix()} */\n"
                                + cible.read_text(encoding="utf-8"))
        texte = re.sub(r'@import\s+"[^"]+";', "", texte)
        morceaux.append(f"/* {feuille} */\n{texte}")
    (sortie / FEUILLE_UNIQUE).write_text("\n".join(morceaux), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("pp_alleger", True, "html", types=[bool])
    app.connect("builder-inited", preparer)
    app.connect("html-page-context", contexte, priority=900)
    # Après pydata-sphinx-theme, qui réécrit pygments.css à la fin de la construction.
    app.connect("build-finished", alleger, priority=800)
