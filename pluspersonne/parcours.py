"""Pages générées pour chaque construction (livre, parcours ou module seul).

- ``presentation-parcours`` : titre, public, durée et introduction du parcours ;
- ``deroule`` : les modules dans l'ordre, leur durée, le total cumulé ;
- ``banque-questions`` : les questions des modules retenus, par moment ;
- ``bibliographie-parcours`` : les sources citées par les modules retenus.

Rien de tout cela n'est écrit à la main : tout vient des fiches, des
directives ``question`` et ``activite`` et du fichier de parcours. La durée
prévue d'un parcours est comparée à la somme des durées de ses modules.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .fiche import duree_lisible, tableau
from .liens import lien_ecrit
from .messages import signaler
from .pedagogie import MOMENTS
from .selection import Parcours, docname, slug_de, titre_module


def duree_etape(etape, env: BuildEnvironment) -> int:
    if etape.duree:
        return etape.duree
    fiche = env.pp_fiches.get(docname(etape.slug), {})
    return fiche.get("durée", 0)


class _Emplacement(SphinxDirective):
    """Directive qui pose un emplacement rempli à l'écriture."""

    noeud: type[nodes.Element]

    def run(self) -> list[nodes.Node]:
        self.env.pp_pages_generees[self.env.docname] = None
        return [self.noeud("")]


class deroule(nodes.General, nodes.Element):
    pass


class banque(nodes.General, nodes.Element):
    pass


class Deroule(_Emplacement):
    noeud = deroule


class BanqueQuestions(_Emplacement):
    noeud = banque


class PresentationParcours(SphinxDirective):
    """Le parcours construit : titre, public, durée, introduction."""

    def run(self) -> list[nodes.Node]:
        parcours: Parcours = self.config.pp_parcours
        if not parcours.chemin:
            return []
        boite = nodes.topic("", nodes.title(text=f"Parcours : {parcours.titre}"),
                            classes=["pp-parcours"])
        infos = nodes.field_list()
        valeurs = [("Public", ", ".join(parcours.public))]
        if parcours.duree:
            valeurs.append(("Durée prévue", duree_lisible(parcours.duree)))
        valeurs.append(("Modules", str(len(parcours.etapes))))
        for nom, valeur in valeurs:
            infos += nodes.field("", nodes.field_name(text=nom),
                                 nodes.field_body("", nodes.paragraph(text=valeur)))
        boite += infos
        if parcours.introduction:
            boite += nodes.paragraph(text=parcours.introduction)
        return [boite]


def cles_citees(racine: Path, slugs: list[str]) -> list[str]:
    """Clés citées (``:footcite:``) dans les sources des modules, dans l'ordre."""
    cles: dict[str, None] = {}
    for slug in slugs:
        source = (racine / "modules" / slug / "index.rst").read_text(encoding="utf-8")
        for groupe in re.findall(r":footcite(?::\w+)?:`([^`]+)`", source):
            cles.update(dict.fromkeys(c.strip() for c in groupe.split(",") if c.strip()))
    return list(cles)


class BibliographieParcours(SphinxDirective):
    """La bibliographie des seuls modules retenus (directive ``bibliography`` filtrée)."""

    def run(self) -> list[nodes.Node]:
        cles = cles_citees(Path(self.env.srcdir), self.config.pp_modules)
        self.env.pp_pages_generees[self.env.docname] = tuple(sorted(cles))
        if not cles:
            return [nodes.paragraph(text="Les modules retenus ne citent aucune source.")]
        motif = "|".join(re.escape(c) for c in cles)
        lignes = [".. bibliography::", "   :list: bullet", f'   :filter: key % "^({motif})$"']
        conteneur = nodes.container()
        self.state.nested_parse(StringList(lignes, self.get_source_info()[0]),
                                self.content_offset, conteneur)
        return conteneur.children


def remplir(app: Sphinx, doctree: nodes.document, depuis: str) -> None:
    env = app.env
    parcours: Parcours = app.config.pp_parcours
    for emplacement in list(doctree.findall(deroule)):
        seances = any(e.seance for e in parcours.etapes)
        lignes = []
        cumul = 0
        for numero, etape in enumerate(parcours.etapes, 1):
            duree = duree_etape(etape, env)
            cumul += duree
            activites = env.pp_activites.get(docname(etape.slug), [])
            texte_activites = "\u00a0; ".join(
                f"{a['titre']} ({duree_lisible(a['durée'])})" for a in activites) or "–"
            cellules = [nodes.paragraph(text=str(numero)),
                        nodes.paragraph("", "", lien_ecrit(app, depuis, etape.slug, env)),
                        nodes.paragraph(text=duree_lisible(duree)),
                        nodes.paragraph(text=duree_lisible(cumul)),
                        nodes.paragraph(text=texte_activites)]
            if seances:
                cellules.insert(0, nodes.paragraph(text=str(etape.seance or "–")))
            lignes.append(cellules)
        entetes = ["N°", "Module", "Durée", "Total cumulé", "Activités du module"]
        largeurs = [6, 34, 12, 14, 34]
        if seances:
            entetes.insert(0, "Séance")
            largeurs = [8, 5, 30, 11, 13, 33]
        resume = nodes.paragraph(text=f"Durée totale : {duree_lisible(cumul)}"
                                 + (f" (prévue : {duree_lisible(parcours.duree)})"
                                    if parcours.duree else "") + ".")
        emplacement.replace_self([tableau(entetes, largeurs, lignes, "pp-deroule"), resume])
    for emplacement in list(doctree.findall(banque)):
        contenu: list[nodes.Node] = []
        for moment, libelle in MOMENTS.items():
            liste = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for slug in parcours.modules:
                for question in env.pp_questions.get(docname(slug), []):
                    if question["moment"] == moment:
                        texte = question["texte"].replace("'", "’")
                        para = nodes.paragraph(text=texte + " ")
                        para += nodes.emphasis(text=f"({titre_module(env.srcdir, slug)})")
                        liste += nodes.list_item("", para)
            if len(liste):
                contenu += [nodes.rubric(text=libelle), liste]
        if not contenu:
            contenu = [nodes.paragraph(text="Les modules retenus ne proposent aucune question.")]
        emplacement.replace_self(contenu)


def verifier_duree(app: Sphinx, env: BuildEnvironment) -> None:
    """La durée prévue du parcours égale la somme des durées de ses modules."""
    parcours: Parcours = app.config.pp_parcours
    if not parcours.duree:
        return
    detail = [(e.slug, duree_etape(e, env)) for e in parcours.etapes]
    total = sum(d for _, d in detail)
    if total != parcours.duree:
        liste = ", ".join(f"{s} {d} min" for s, d in detail)
        signaler(f"durée prévue {parcours.duree} min, mais les modules totalisent {total} min "
                 f"({liste}). Corrigez « durée: » ou indiquez le temps consacré à un module "
                 "(« - module: <slug> » puis « durée: <minutes> » en dessous).",
                 f"{parcours.chemin}:{parcours.lignes.get('durée', 1)}", "parcours")


def empreinte(env: BuildEnvironment, docs: list[str]) -> str:
    """Ce que les pages générées lisent de ces modules : fiche, titre, activités, questions."""
    return repr([(doc, env.pp_fiches.get(doc), getattr(env, "pp_activites", {}).get(doc),
                  getattr(env, "pp_questions", {}).get(doc),
                  env.titles[doc].astext() if doc in env.titles else None)
                 for doc in docs])


def pages_a_relire(app: Sphinx, env: BuildEnvironment, ajoutes, modifies, supprimes):
    """Quand un module change, ne relire une page générée que si ce qu'elle lit a changé.

    Le catalogue, le déroulé et la banque de questions sont remplis à l'écriture
    (:func:`remplir`) : ils sont seulement réécrits, et seulement si la fiche, le titre,
    les activités ou les questions d'un module ont changé (:func:`pages_a_recrire`).
    La bibliographie du parcours fixe sa liste de clés à la lecture : elle n'est relue
    que si l'ensemble des clés citées par les modules a changé.
    """
    app.pp_modules_lus = sorted(d for d in (*ajoutes, *modifies, *supprimes) if slug_de(d))
    if not app.pp_modules_lus:
        return []
    if hasattr(env, "pp_fiches"):
        app.pp_empreinte = empreinte(env, app.pp_modules_lus)
    cles = tuple(sorted(cles_citees(Path(env.srcdir), app.config.pp_modules)))
    return sorted(doc for doc, lu in getattr(env, "pp_pages_generees", {}).items()
                  if lu is not None and lu != cles)


def pages_a_recrire(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages générées à réécrire (sans relecture) si un module a changé ce qu'elles montrent."""
    lus = getattr(app, "pp_modules_lus", [])
    if lus and empreinte(env, lus) != getattr(app, "pp_empreinte", None):
        return sorted(env.pp_pages_generees)
    return []


def setup(app: Sphinx) -> None:
    app.add_node(deroule)
    app.add_node(banque)
    app.add_directive("deroule", Deroule)
    app.add_directive("banque-questions", BanqueQuestions)
    app.add_directive("presentation-parcours", PresentationParcours)
    app.add_directive("bibliographie-parcours", BibliographieParcours)
    app.connect("doctree-resolved", remplir)
    app.connect("env-check-consistency", verifier_duree)
    app.connect("env-get-outdated", pages_a_relire)
    app.connect("env-updated", pages_a_recrire)
