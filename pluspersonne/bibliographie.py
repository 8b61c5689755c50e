"""``references.bib`` : vérification à la construction et style français.

Avant que sphinxcontrib-bibtex ne lise le fichier, :func:`verifier_bib` le
relit : syntaxe, clés en double, champs obligatoires par type d'entrée. Une
erreur nomme la ligne et dit quoi corriger ; toute erreur arrête la
construction (sinon la mise en forme échouerait avec une trace Python).

:class:`StyleFrancais` met en forme les références à la française, dans
l'ordre auteur·rice-année du dossier : aucun mot anglais (« In », « and »,
« pages », « edited by »).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.plugin import register_plugin
from pybtex.style.labels.number import LabelStyle as EtiquettesNumeros
from pybtex.style.names.lastfirst import NameStyle as NomsNomPrenom
from pybtex.scanner import PybtexSyntaxError
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, names, optional, tag
from sphinx.application import Sphinx

from .messages import arreter, traduction_bibtex

#: Champs qui tiennent lieu de « contenant » (où trouver la source).
CONTENANTS = ("journal", "publisher", "institution", "howpublished", "booktitle", "url")
#: Champs obligatoires par type, en plus d'author, title, year.
OBLIGATOIRES: dict[str, tuple[str, ...]] = {
    "article": ("journal",),
    "book": ("publisher",),
    "incollection": ("booktitle", "publisher"),
    "techreport": ("institution",),
    "misc": (),
    "online": (),
}
ENTREE = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)


def entrees(texte: str) -> list[tuple[str, str, int]]:
    """(type, clé, ligne) de chaque entrée, dans l'ordre du fichier."""
    return [(m.group(1).lower(), m.group(2), texte.count("\n", 0, m.start(2)) + 1)
            for m in ENTREE.finditer(texte) if m.group(1).lower() not in {"comment", "string", "preamble"}]


def problemes(chemin: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(erreurs bloquantes, erreurs de contenu) de ``references.bib``."""
    nom = chemin.name
    try:
        texte = chemin.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [(f"impossible de lire {nom} ({exc}) : le fichier doit exister et être en UTF-8.",
                 f"{nom}:1")], []
    bloquants: list[tuple[str, str]] = []
    vues: dict[str, int] = {}
    for _, cle, ligne in entrees(texte):
        if cle.lower() in vues:
            bloquants.append((f"clé en double « {cle} » (déjà définie ligne {vues[cle.lower()]}) : "
                              "renommez l'une des deux entrées ou supprimez le doublon.",
                              f"{nom}:{ligne}"))
        vues.setdefault(cle.lower(), ligne)
    if bloquants:
        return bloquants, []
    pybtex.errors.set_strict_mode(True)
    try:
        donnees = Parser(encoding="utf-8").parse_string(texte)
    except PybtexSyntaxError as exc:
        ligne = getattr(exc, "lineno", None) or 1
        return [(f"erreur de syntaxe BibTeX ({exc.error_type}) : {exc}. Vérifiez "
                 "l'entrée qui se termine ici : accolades fermées, virgule entre les champs, "
                 "guillemets ou accolades autour de chaque valeur.", f"{nom}:{ligne}")], []
    except BibliographyDataError as exc:
        return [(f"données bibliographiques invalides : {exc}.", f"{nom}:1")], []
    lignes = {cle: ligne for _, cle, ligne in entrees(texte)}
    contenu: list[tuple[str, str]] = []
    for cle, entree in donnees.entries.items():
        lieu = f"{nom}:{lignes.get(cle, 1)}"
        type_ = entree.type.lower()
        if type_ not in OBLIGATOIRES:
            contenu.append((f"type d'entrée « @{type_} » non pris en charge pour « {cle} » : "
                            f"utilisez l'un de {', '.join('@' + t for t in OBLIGATOIRES)}.", lieu))
            continue
        manquants = []
        if not entree.persons.get("author"):
            manquants.append("author (personne ou {{Organisation}})")
        manquants += [c for c in ("title", "year", *OBLIGATOIRES[type_])
                      if not entree.fields.get(c, "").strip()]
        if type_ in {"misc", "online"} and not any(entree.fields.get(c) for c in CONTENANTS):
            manquants.append("howpublished ou url (où trouver la source)")
        if manquants:
            contenu.append((f"entrée « {cle} » (@{type_}) : champ(s) obligatoire(s) manquant(s) : "
                            f"{', '.join(manquants)}. Complétez-les sans rien inventer "
                            "(voir CONTRIBUTING.md).", lieu))
        annee = entree.fields.get("year", "")
        if annee and not re.fullmatch(r"\d{4}", annee):
            contenu.append((f"entrée « {cle} » : année « {annee} » invalide, quatre chiffres "
                            "attendus.", lieu))
    return [], contenu


def verifier_bib(app: Sphinx) -> None:
    """``builder-inited``, avant sphinxcontrib-bibtex."""
    racine = Path(app.confdir)
    for relatif in app.config.bibtex_bibfiles:
        chemin = racine / relatif
        bloquants, contenu = problemes(chemin)
        # Un champ manquant ferait échouer la mise en forme : tout est bloquant.
        if bloquants or contenu:
            arreter(bloquants + contenu)
        traduction_bibtex.cles = [cle for _, cle, _ in entrees(chemin.read_text(encoding="utf-8"))]


class TriFrancais(BaseSortingStyle):
    """Tri par auteur·rice (accents et accolades ignorés), année, titre."""

    def sorting_key(self, entry):
        personnes = entry.persons.get("author", [])
        noms = " ".join(" ".join(p.last_names + p.first_names) for p in personnes)
        return (sans_accents(noms), entry.fields.get("year", ""),
                sans_accents(entry.fields.get("title", "")))


def sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.replace("{", "").replace("}", ""))
    return "".join(c for c in texte if not unicodedata.combining(c)).lower()


def _guillemets(texte):
    return join["«\u00a0", texte, "\u00a0»"]


class StyleFrancais(BaseStyle):
    """Auteur·rice (année). Titre. Contenant. Note. URL."""

    default_name_style = "lastfirst"
    default_label_style = "number"
    default_sorting_style = "pluspersonne"

    def auteurs(self):
        return names("author", sep=", ", sep2=" et ", last_sep=" et ")

    def debut(self):
        return join[self.auteurs(), " (", field("year"), "). "]

    def fin(self):
        return join[
            optional[join[field("note"), ". "]],
            optional[href(field("url", raw=True))[field("url", raw=True)]],
        ]

    def format_article(self, e):
        template = join[
            self.debut(),
            _guillemets(field("title")), ". ",
            tag("em")[field("journal")],
            optional[join[", n°\u00a0", field("number")]],
            optional[join[", p.\u00a0", field("pages", apply_func=dashify)]],
            optional[join[", ", field("publisher")]],
            ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_book(self, e):
        template = join[
            self.debut(),
            tag("em")[field("title")], ". ",
            optional[join[field("address"), "\u00a0: "]],
            field("publisher"), ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_incollection(self, e):
        template = join[
            self.debut(),
            _guillemets(field("title")), ". Dans ",
            tag("em")[field("booktitle")], ". ",
            field("publisher"), ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_techreport(self, e):
        template = join[
            self.debut(),
            tag("em")[field("title")], ". ",
            optional[join[field("type"), ". "]],
            field("institution"),
            optional[join[", ", field("address")]], ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_misc(self, e):
        template = join[
            self.debut(),
            _guillemets(field("title")), ". ",
            optional[join[field("howpublished"), ". "]],
            self.fin(),
        ]
        return template.format_data(e)

    format_online = format_misc


register_plugin("pybtex.style.sorting", "pluspersonne", TriFrancais, force=True)
register_plugin("pybtex.style.formatting", "pluspersonne", StyleFrancais, force=True)
# pybtex cherche les styles de noms et d'étiquettes parmi les « entry points » installés
# à chaque citation formatée (des centaines par livre) ; les enregistrer une fois en
# mémoire évite ces recherches et raccourcit la lecture de chaque module.
register_plugin("pybtex.style.names", "lastfirst", NomsNomPrenom, force=True)
register_plugin("pybtex.style.labels", "number", EtiquettesNumeros, force=True)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", verifier_bib, priority=100)
