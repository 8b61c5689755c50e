"""La fiche d'un module (``fiche-module``) et le catalogue qui en est tiré.

La directive ``fiche-module`` se place sous le titre d'un module. Ses champs
sont tous obligatoires et validés à la lecture ; une erreur nomme le fichier,
la ligne, le champ et la correction. La fiche s'affiche comme une carte
sphinx-design en HTML et comme un encadré (``topic``) dans l'ePub et le PDF.

Les fiches lues sont gardées dans l'environnement (``env.pp_fiches``) : la
directive ``catalogue-modules`` en tire un tableau, jamais écrit à la main.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_design.shared import create_component

from .langue import _, hors_catalogue, noeud_textes, textes_lus, traduire_donnee
from .liens import lien_ecrit, noeud_module
from .messages import signaler, suggestion
from .selection import modules_sur_disque, slug_de


class ChampInvalide(ValueError):
    """Valeur de champ refusée ; le message dit comment corriger."""


def entier_minutes(texte: str) -> int:
    """``45`` ou ``45 min`` → 45."""
    m = re.fullmatch(r"\s*(\d+)\s*(?:min(?:utes)?)?\s*", texte or "")
    if not m or int(m.group(1)) <= 0:
        raise ChampInvalide(
            f"« {texte.strip()} » n'est pas une durée : indiquez un nombre entier de "
            "minutes, par exemple « 45 »")
    return int(m.group(1))


def liste(texte: str) -> list[str]:
    """Liste séparée par des virgules, sans élément vide."""
    elements = [e.strip() for e in (texte or "").replace("\n", " ").split(",")]
    if not all(elements) or not elements:
        raise ChampInvalide(
            "liste vide ou élément vide : séparez les éléments par des virgules, "
            "par exemple « adultes, élèves du secondaire supérieur »")
    return elements


def puces(texte: str, minimum: int = 2) -> list[str]:
    """Lignes commençant par ``- `` (les lignes suivantes prolongent l'élément)."""
    elements: list[str] = []
    for ligne in (texte or "").splitlines():
        ligne = ligne.strip()
        if not ligne:
            continue
        if ligne.startswith("- "):
            elements.append(ligne[2:].strip())
        elif elements:
            elements[-1] += " " + ligne
        else:
            raise ChampInvalide(
                "chaque objectif commence par « - » sur sa propre ligne")
    if len(elements) < minimum or not all(elements):
        raise ChampInvalide(
            f"au moins {minimum} objectifs sont attendus, un par ligne, chacun précédé de « - »")
    return elements


#: Champs de la fiche : nom → (libellé affiché, conversion).
CHAMPS: dict[str, tuple[str, Callable]] = {
    "public": (_("Public"), liste),
    "objectifs": (_("Objectifs"), puces),
    "mots-clés": (_("Mots-clés"), liste),
    "séquences": (_("Séquences du film"), liste),
    "modules-liés": (_("Modules liés"), liste),
}
#: Les champs dont le texte se traduit (les séquences se traduisent comme des données,
#: les modules liés sont des slugs).
TRADUITS = ("public", "objectifs", "mots-clés")


class _ToutesOptions(dict):
    """Accepte toute option : les noms inconnus sont signalés en français."""

    def __missing__(self, cle):
        return lambda valeur: valeur or ""

    def __contains__(self, cle):
        return True

    def __bool__(self):
        return True


def duree_lisible(minutes: int) -> str:
    """90 → « 1 h 30 », 45 → « 45 min » (en néerlandais : « 1 u 30 », « 45 min »)."""
    heures, reste = divmod(minutes, 60)
    if not heures:
        return str(_("{minutes}\u00a0min")).format(minutes=reste)
    if reste:
        return str(_("{heures}\u00a0h\u00a0{minutes}")).format(heures=heures, minutes=f"{reste:02d}")
    return str(_("{heures}\u00a0h")).format(heures=heures)


class FicheModule(SphinxDirective):
    """``.. fiche-module::`` : les métadonnées d'un module."""

    has_content = True
    option_spec = _ToutesOptions()

    def run(self) -> list[nodes.Node]:
        doc = self.env.docname
        slug = slug_de(doc)
        lieu = self.get_location()
        if slug is None:
            signaler("la directive fiche-module n'est permise que dans modules/<slug>/index.rst.",
                     lieu, "fiche")
            return []
        if self.content:
            signaler("la fiche-module ne prend pas de texte : mettez chaque information dans un "
                     "champ (« :durée: », « :public: »…), indenté sous la directive.", lieu, "fiche")
        fiche: dict = {"slug": slug, "ligne": self.lineno}
        valide = True
        for nom in self.options:
            if nom == "durée":
                signaler("le champ « durée » n'existe plus : la durée d'un module vient de ses "
                         "formats (au moins deux « .. format:: » en tête de « Pour animer », "
                         "voir CONTRIBUTING.md). Supprimez cette ligne.", lieu, "fiche")
                valide = False
            elif nom not in CHAMPS:
                signaler(f"champ « {nom} » inconnu dans la fiche-module.{suggestion(nom, CHAMPS)}"
                         f" Champs possibles : {', '.join(CHAMPS)}.", lieu, "fiche")
                valide = False
        for nom, (libelle, convertir) in CHAMPS.items():
            if nom not in self.options:
                signaler(f"champ « {nom} » manquant dans la fiche-module : ajoutez la ligne "
                         f"« :{nom}: … » sous la directive (voir CONTRIBUTING.md).", lieu, "fiche")
                valide = False
                continue
            try:
                fiche[nom] = convertir(self.options[nom])
            except ChampInvalide as exc:
                signaler(f"champ « {nom} » invalide : {exc}.", lieu, "fiche")
                valide = False
        if "séquences" in fiche:
            permises = ["film entier", *self.config.pp_sequences]
            for sequence in fiche["séquences"]:
                if sequence not in permises:
                    signaler(f"séquence inconnue « {sequence} ».{suggestion(sequence, permises)}"
                             " Séquences possibles (voir docs/film.rst) : "
                             f"{' ; '.join(permises)}.", lieu, "fiche")
                    valide = False
        if "modules-liés" in fiche:
            connus = modules_sur_disque(self.env.srcdir)
            for lie in fiche["modules-liés"]:
                if lie not in connus:
                    signaler(f"module lié inconnu « {lie} ».{suggestion(lie, connus)} Modules "
                             f"existants : {', '.join(connus)}.", lieu, "fiche")
                    valide = False
        fiche["valide"] = valide
        self.env.pp_fiches[doc] = fiche
        if not valide:
            return []
        # Les textes de la fiche passent par le catalogue de la page ; la carte est dessinée
        # à la fin de la lecture, traduite (rendre_fiches).
        textes = [t for nom in TRADUITS for t in fiche[nom]]
        emplacement = fiche_a_rendre()
        self.set_source_info(emplacement)
        return [emplacement, noeud_textes(self, textes, "fiche")]


class fiche_a_rendre(nodes.General, nodes.Element):
    """Emplacement de la fiche, remplacé à la fin de la lecture (textes traduits)."""


def rendre_fiches(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : la fiche avec ses textes traduits, en carte et en encadré."""
    env = app.env
    fiche = env.pp_fiches.get(env.docname)
    for emplacement in list(doctree.findall(fiche_a_rendre)):
        if fiche is None:
            emplacement.parent.remove(emplacement)
            continue
        originaux = [t for nom in TRADUITS for t in fiche[nom]]
        traduits = iter(textes_lus(doctree, "fiche", originaux))
        for nom in TRADUITS:
            fiche[nom] = [next(traduits) for _ in fiche[nom]]
        emplacement.replace_self(RenduFiche(env).rendre(fiche))


class RenduFiche:
    """La carte (HTML) et l'encadré (ePub, PDF) d'une fiche."""

    def __init__(self, env: BuildEnvironment):
        self.env = env

    def rendre(self, fiche: dict) -> list[nodes.Node]:
        def champs() -> nodes.field_list:
            liste_champs = nodes.field_list(classes=["pp-fiche-champs"])
            # Rempli à la fin de la lecture du module, quand ses formats sont connus.
            liste_champs += nodes.field("", nodes.field_name(text=_("Formats")), nodes.field_body(
                "", nodes.paragraph(classes=["pp-fiche-formats"])))
            for nom, (libelle, _sorte) in CHAMPS.items():
                valeur = fiche[nom]
                corps = nodes.field_body()
                if nom == "objectifs":
                    puces_ = nodes.bullet_list()
                    for objectif in valeur:
                        puces_ += nodes.list_item("", nodes.paragraph(text=objectif))
                    corps += puces_
                elif nom == "modules-liés":
                    para = nodes.paragraph()
                    for i, lie in enumerate(valeur):
                        if i:
                            para += nodes.Text(", ")
                        para += noeud_module(lie, self.env)
                    corps += para
                elif nom == "séquences":
                    corps += nodes.paragraph(text=", ".join(traduire_donnee(v) for v in valeur))
                else:
                    corps += nodes.paragraph(text=", ".join(valeur))
                liste_champs += nodes.field("", nodes.field_name(text=str(libelle)), corps)
            return liste_champs

        carte = create_component("card", ["sd-card", "sd-sphinx-override", "sd-mb-3",
                                          "sd-shadow-sm", "pp-fiche"])
        carte += create_component("card-header", ["sd-card-header"],
                                  children=[nodes.paragraph(text=_("Fiche du module"))])
        corps_carte = champs()
        corps_carte += nodes.field(
            "", nodes.field_name(text=_("À imprimer")),
            nodes.field_body("", nodes.paragraph("", "", *liens_telechargement(
                self.env.docname, [(f"{fiche['slug']}.pdf", _("fiche animateur·rice (PDF)")),
                                   (f"{fiche['slug']}-participant.pdf",
                                    _("fiche participant·e (PDF)"))]))))
        carte += create_component("card-body", ["sd-card-body"], children=[corps_carte])
        html = addnodes.only(expr="builder_html")
        html += carte
        encadre = nodes.topic("", nodes.title(text=_("Fiche du module")), champs(),
                              classes=["pp-fiche"])
        autres = addnodes.only(expr="not builder_html")
        autres += encadre
        return [html, autres]


#: Dossier du site où ``make all`` copie l'ePub et les PDF.
TELECHARGEMENTS = "telechargements"


def liens_telechargement(doc: str, fichiers: list[tuple[str, str]]) -> list[nodes.Node]:
    """Liens relatifs vers ``telechargements/`` (site HTML seulement)."""
    prefixe = "../" * doc.count("/") + TELECHARGEMENTS + "/"
    resultat: list[nodes.Node] = []
    for i, (fichier, texte) in enumerate(fichiers):
        if i:
            resultat.append(nodes.Text(" · "))
        resultat.append(nodes.reference("", str(texte), refuri=prefixe + fichier,
                                        classes=["pp-telechargement"]))
    return resultat


def lister_telechargements(app: Sphinx, config) -> None:
    """``config-inited`` : les fichiers déjà présents dans ``<sortie>/telechargements``.

    Valeur de configuration « html » : quand la liste change (``make all`` vient de
    ranger l'ePub et les PDF), Sphinx réécrit toutes les pages, et leurs liens suivent.
    """
    dossier = Path(app.outdir) / TELECHARGEMENTS
    config.pp_telechargements = sorted(
        p.relative_to(dossier).as_posix() for p in dossier.rglob("*") if p.is_file()
    ) if dossier.is_dir() else []


def liens_absents(app: Sphinx, doctree: nodes.document, doc: str) -> None:
    """``doctree-resolved`` : un lien vers un fichier que cette construction n'a pas fait
    devient du texte, suivi une fois par paragraphe de « produit par make all »."""
    presents = set(app.config.pp_telechargements)
    marque = TELECHARGEMENTS + "/"
    for lien in list(doctree.findall(nodes.reference)):
        if "pp-telechargement" not in lien.get("classes", []):
            continue
        fichier = lien.get("refuri", "").split(marque, 1)[-1]
        if fichier in presents:
            continue
        parent = lien.parent
        lien.replace_self(nodes.inline(text=lien.astext(), classes=["pp-telechargement-absent"]))
        if not parent.get("pp_absents_signales"):
            parent["pp_absents_signales"] = True
            parent += nodes.emphasis(text=_(" (fichiers produits par «\u00a0make all\u00a0», "
                                            "absents de cette construction)"))


class Telechargements(SphinxDirective):
    """``.. telechargements::`` : l'ePub et les PDF de l'édition (site seulement)."""

    def run(self) -> list[nodes.Node]:
        nom = self.config.epub_basename
        fichiers = [(f"{nom}.epub", _("le livre en ePub, pour lire hors connexion")),
                    (f"{nom}.pdf", _("le livre en PDF, édition animateur·rice")),
                    (f"{nom}-participant.pdf", _("le livre en PDF, édition participant·e")),
                    ("deroule.pdf", _("le déroulé (PDF)")),
                    ("questions.pdf", _("la banque de questions (PDF)"))]
        liste = nodes.bullet_list()
        for fichier, texte in fichiers:
            liste += nodes.list_item("", nodes.paragraph(
                "", "", *liens_telechargement(self.env.docname, [(fichier, texte)])))
        html = addnodes.only(expr="builder_html")
        html += nodes.rubric(text=_("Télécharger"))
        html += liste
        html += nodes.paragraph(text=_("Chaque module a aussi sa fiche à imprimer, en lien sur "
                                       "sa page."))
        return [hors_catalogue(html)]


class CatalogueModules(SphinxDirective):
    """``.. catalogue-modules::`` : tableau des modules, rempli à l'écriture."""

    def run(self) -> list[nodes.Node]:
        self.env.pp_pages_generees[self.env.docname] = None
        return [catalogue("")]


class catalogue(nodes.General, nodes.Element):
    """Emplacement du catalogue, remplacé dans ``doctree-resolved``."""


def tableau(entetes: list[str], largeurs: list[int], lignes: list[list[nodes.Node]],
            classe: str, long: bool = False) -> nodes.table:
    """Un tableau docutils (rendu par tous les constructeurs) à partir de cellules.

    Les largeurs sont imposées (``colwidths-given``) : en LaTeX, une colonne d'heures ne
    se réduit pas jusqu'à couper « Horaire » en deux. Un tableau ``long`` peut passer d'une
    page à la suivante dans les PDF (``longtable``), en-tête répété.
    """
    resultat = nodes.table(classes=[classe, "colwidths-given", *(["longtable"] if long else [])])
    groupe = nodes.tgroup(cols=len(entetes))
    resultat += groupe
    for largeur in largeurs:
        groupe += nodes.colspec(colwidth=largeur)
    ligne = nodes.row()
    for titre in entetes:
        ligne += nodes.entry("", nodes.paragraph(text=str(titre)))
    groupe += nodes.thead("", ligne)
    corps = nodes.tbody()
    for cellules in lignes:
        corps += nodes.row("", *(nodes.entry("", cellule) for cellule in cellules))
    groupe += corps
    return resultat


def remplir_catalogues(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    from .formats import resume_formats

    env = app.env
    for emplacement in list(doctree.findall(catalogue)):
        lignes = []
        for slug in app.config.pp_modules:
            fiche = env.pp_fiches.get(f"modules/{slug}/index")
            if fiche is None or not fiche["valide"]:
                continue
            formats = nodes.bullet_list(classes=["pp-catalogue-formats"])
            for format_ in env.pp_formats.get(f"modules/{slug}/index", []):
                formats += nodes.list_item("", nodes.paragraph(text=resume_formats([format_])))
            lignes.append([nodes.paragraph("", "", lien_ecrit(app, fromdoc, slug, env)),
                           formats,
                           nodes.paragraph(text=", ".join(fiche["public"])),
                           nodes.paragraph(text=", ".join(fiche["mots-clés"]))])
        emplacement.replace_self(tableau([_("Module"), _("Formats"), _("Public"), _("Mots-clés")],
                                         [30, 24, 23, 23], lignes, "pp-catalogue"))


def verifier_presence(app: Sphinx, env: BuildEnvironment) -> None:
    """Chaque module de la construction a une fiche (les erreurs de champ sont
    signalées à la lecture)."""
    for slug in app.config.pp_modules:
        doc = f"modules/{slug}/index"
        if doc in env.found_docs and doc not in env.pp_fiches:
            signaler("ce module n'a pas de fiche-module : ajoutez la directive "
                     "« .. fiche-module:: » sous le titre, avec tous ses champs.",
                     (doc, 1), "fiche")


def init_env(app: Sphinx, env: BuildEnvironment, *args) -> None:
    # pp_pages_generees : page générée → ce dont dépend sa lecture (None : rien, elle
    # est remplie à l'écriture ; voir parcours.pages_a_relire).
    for attribut, vide in (("pp_fiches", dict), ("pp_pages_generees", dict)):
        if not hasattr(env, attribut):
            setattr(env, attribut, vide())


def purger(app: Sphinx, env: BuildEnvironment, doc: str) -> None:
    init_env(app, env)
    env.pp_fiches.pop(doc, None)
    env.pp_pages_generees.pop(doc, None)


def fusionner(app: Sphinx, env: BuildEnvironment, docs, autre: BuildEnvironment) -> None:
    init_env(app, env)
    env.pp_fiches.update(getattr(autre, "pp_fiches", {}))
    env.pp_pages_generees.update(getattr(autre, "pp_pages_generees", {}))


def setup(app: Sphinx) -> None:
    app.add_config_value("pp_sequences", [], "env", types=[list])
    app.add_config_value("pp_telechargements", [], "html", types=[list])
    app.connect("config-inited", lister_telechargements)
    app.connect("doctree-resolved", liens_absents)
    app.add_directive("fiche-module", FicheModule)
    app.add_directive("catalogue-modules", CatalogueModules)
    app.add_directive("telechargements", Telechargements)
    app.add_node(catalogue)
    app.add_node(fiche_a_rendre)
    app.connect("doctree-read", rendre_fiches, priority=300)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purger)
    app.connect("env-merge-info", fusionner)
    app.connect("env-check-consistency", verifier_presence)
    app.connect("doctree-resolved", remplir_catalogues)
