"""``references.bib`` : vérification à la construction et style français.

Avant que sphinxcontrib-bibtex ne lise le fichier, :func:`verifier_bib` le
relit : syntaxe, clés en double, champs obligatoires par type d'entrée. Une
erreur nomme la ligne et dit quoi corriger ; toute erreur arrête la
construction (sinon la mise en forme échouerait avec une trace Python).

:class:`StyleFrancais` met en forme les références à la française, dans
l'ordre auteur·rice-année du dossier : aucun mot anglais (« In », « and »,
« pages », « edited by »). :class:`StyleNeerlandais` fait de même pour l'édition
néerlandaise : mots de liaison et guillemets néerlandais, titres des sources laissés
dans leur langue, champs descriptifs (``note``, ``howpublished``, ``type``,
``institution``, ``publisher``, ``address``) traduits par le catalogue ``donnees``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.labels.number import LabelStyle as EtiquettesNumeros
from pybtex.style.names.lastfirst import NameStyle as NomsNomPrenom
from pybtex.scanner import PybtexSyntaxError
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import dashify
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, href, join, names, optional, tag
from sphinx.application import Sphinx

from .langue import traduire_donnee
from .messages import arreter, traduction_bibtex

#: Champs rédigés par le projet (descriptions, lieux, éditeurs), traduits dans l'édition
#: néerlandaise ; les titres et les noms de revues restent ceux des sources.
DESCRIPTIFS = ("note", "howpublished", "type", "institution", "publisher", "address")
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


def collectif(personne) -> str | None:
    """Le nom d'un auteur collectif (``{{Fondation Roi Baudouin}}``), None pour une personne."""
    if personne.first_names or personne.middle_names or personne.prelast_names \
            or personne.lineage_names or len(personne.last_names) != 1:
        return None
    return personne.last_names[0].replace("{", "").replace("}", "")


def nom_traduit(personne) -> str | None:
    """Un auteur collectif sous son nom dans la langue de l'édition (catalogue ``donnees`` :
    « Koning Boudewijnstichting » pour la Fondation Roi Baudouin) ; None pour une personne."""
    nom = collectif(personne)
    return traduire_donnee(nom) if nom else None


class NomsTraduits(NomsNomPrenom):
    """« Nom, Prénom » ; un auteur collectif sous son nom dans la langue de l'édition."""

    def format(self, person, abbr=False):
        nom = nom_traduit(person)
        return join[nom] if nom else super().format(person, abbr)


class TriFrancais(BaseSortingStyle):
    """Tri par auteur·rice (accents et accolades ignorés), année, titre."""

    def sorting_key(self, entry):
        personnes = entry.persons.get("author", [])
        noms = " ".join(nom_traduit(p) or " ".join(p.last_names + p.first_names)
                        for p in personnes)
        return (sans_accents(noms), entry.fields.get("year", ""),
                sans_accents(entry.fields.get("title", "")))


def sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.replace("{", "").replace("}", ""))
    return "".join(c for c in texte if not unicodedata.combining(c)).lower()


def decrit(nom: str):
    """Un champ descriptif, dans la langue de l'édition (catalogue ``donnees``)."""
    return field(nom, raw=True, apply_func=lambda texte: Text.from_latex(traduire_donnee(texte)))


class StyleFrancais(BaseStyle):
    """Auteur·rice (année). Titre. Contenant. Note. URL."""

    default_name_style = "lastfirst"
    default_label_style = "number"
    default_sorting_style = "pluspersonne"
    #: Les mots de liaison et la ponctuation de la langue.
    MOTS = {"et": " et ", "dans": ". Dans ", "numero": ", n°\u00a0", "pages": ", p.\u00a0",
            "lieu": "\u00a0: ", "ouvrant": "«\u00a0", "fermant": "\u00a0»"}

    def guillemets(self, texte):
        return join[self.MOTS["ouvrant"], texte, self.MOTS["fermant"]]

    def auteurs(self):
        et = self.MOTS["et"]
        return names("author", sep=", ", sep2=et, last_sep=et)

    def debut(self):
        return join[self.auteurs(), " (", field("year"), "). "]

    def fin(self):
        return join[
            optional[join[decrit("note"), ". "]],
            optional[href(field("url", raw=True))[field("url", raw=True)]],
        ]

    def format_article(self, e):
        template = join[
            self.debut(),
            self.guillemets(field("title")), ". ",
            tag("em")[field("journal")],
            optional[join[self.MOTS["numero"], field("number")]],
            optional[join[self.MOTS["pages"], field("pages", apply_func=dashify)]],
            optional[join[", ", decrit("publisher")]],
            ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_book(self, e):
        template = join[
            self.debut(),
            tag("em")[field("title")], ". ",
            optional[join[decrit("address"), self.MOTS["lieu"]]],
            decrit("publisher"), ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_incollection(self, e):
        template = join[
            self.debut(),
            self.guillemets(field("title")), self.MOTS["dans"],
            tag("em")[field("booktitle")], ". ",
            decrit("publisher"), ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_techreport(self, e):
        template = join[
            self.debut(),
            tag("em")[field("title")], ". ",
            optional[join[decrit("type"), ". "]],
            decrit("institution"),
            optional[join[", ", decrit("address")]], ". ",
            self.fin(),
        ]
        return template.format_data(e)

    def format_misc(self, e):
        template = join[
            self.debut(),
            self.guillemets(field("title")), ". ",
            optional[join[decrit("howpublished"), ". "]],
            self.fin(),
        ]
        return template.format_data(e)

    format_online = format_misc


class StyleNeerlandais(StyleFrancais):
    """Le même ordre, avec les mots et les aanhalingstekens du néerlandais."""

    MOTS = {"et": " en ", "dans": ". In ", "numero": ", nr.\u00a0", "pages": ", p.\u00a0",
            "lieu": ": ", "ouvrant": "\u201c", "fermant": "\u201d"}


register_plugin("pybtex.style.sorting", "pluspersonne", TriFrancais, force=True)
register_plugin("pybtex.style.formatting", "pluspersonne", StyleFrancais, force=True)
register_plugin("pybtex.style.formatting", "pluspersonne-nl", StyleNeerlandais, force=True)
# pybtex cherche les styles de noms et d'étiquettes parmi les « entry points » installés
# à chaque citation formatée (des centaines par livre) ; les enregistrer une fois en
# mémoire évite ces recherches et raccourcit la lecture de chaque module.
register_plugin("pybtex.style.names", "lastfirst", NomsTraduits, force=True)
register_plugin("pybtex.style.labels", "number", EtiquettesNumeros, force=True)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", verifier_bib, priority=100)
