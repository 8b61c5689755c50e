"""Pages générées pour chaque construction (livre, parcours ou module seul).

- ``presentation-parcours`` : titre, public, durée et introduction du parcours ;
- ``deroule`` : pour un parcours minuté, chaque étape de chaque séance avec son
  heure, les totaux et la liste « À préparer » ; pour une simple suite de modules
  (le livre), les formats de chaque module ;
- ``banque-questions`` : les questions des modules retenus, par moment ;
- ``bibliographie-parcours`` : les sources citées par les modules retenus.

Rien de tout cela n'est écrit à la main : tout vient des fiches, des formats,
des directives ``question`` et ``activite`` et du fichier de parcours. Une
séance dont le programme dépasse la durée prévue arrête la construction.
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
from .formats import a_preparer, horaire, resume_formats, versions_courtes
from .langue import _, hors_catalogue, traduire_donnee
from .liens import lien_ecrit
from .messages import signaler
from .pedagogie import MOMENTS
from .selection import TEMPS, Element, Parcours, docname, slug_de, titre_module, titre_traduit


def duree_element(element: Element, env: BuildEnvironment) -> int | None:
    """Durée d'un élément de programme : celle du format choisi, ou celle du temps."""
    if element.sorte != "module":
        return element.minutes
    format_ = format_de(element, env)
    return format_["durée"] if format_ else None


def format_de(element: Element, env: BuildEnvironment) -> dict | None:
    return next((f for f in env.pp_formats.get(docname(element.slug), [])
                 if f["nom"] == element.format), None)


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
        boite = nodes.topic("", nodes.title(text=str(_("Parcours\u00a0: {titre}")).format(
                                titre=traduire_donnee(parcours.titre))),
                            classes=["pp-parcours"])
        infos = nodes.field_list()
        valeurs = [(_("Public"), ", ".join(traduire_donnee(p) for p in parcours.public))]
        if parcours.duree:
            valeurs.append((_("Durée prévue"), duree_lisible(parcours.duree)))
        if len(parcours.seances) > 1:
            valeurs.append((_("Séances"), str(len(parcours.seances))))
        valeurs.append((_("Modules"), str(len(parcours.modules))))
        for nom, valeur in valeurs:
            infos += nodes.field("", nodes.field_name(text=nom),
                                 nodes.field_body("", nodes.paragraph(text=valeur)))
        boite += infos
        if parcours.introduction:
            boite += nodes.paragraph(text=traduire_donnee(parcours.introduction))
        return [hors_catalogue(boite)]


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
            return [nodes.paragraph(text=_("Les modules retenus ne citent aucune source."))]
        motif = "|".join(re.escape(c) for c in cles)
        lignes = [".. bibliography::", "   :list: bullet", f'   :filter: key % "^({motif})$"']
        conteneur = nodes.container()
        self.state.nested_parse(StringList(lignes, self.get_source_info()[0]),
                                self.content_offset, conteneur)
        return conteneur.children


def reference_texte(sorte: str, valeur: str, doc: str, env: BuildEnvironment) -> str:
    if sorte == "film":
        return str(_("le film entier"))
    if sorte == "sequence":
        return str(_("la séquence «\u00a0{nom}\u00a0»")).format(nom=traduire_donnee(valeur))
    if sorte == "activite":
        activite = next((a for a in env.pp_activites.get(doc, []) if a["nom"] == valeur), None)
        return str(_("activité «\u00a0{titre}\u00a0»")).format(
            titre=activite["titre"] if activite else valeur)
    question = next((q for q in env.pp_questions.get(doc, []) if q["nom"] == valeur), None)
    return str(_("question\u00a0: ")) + (question["texte"] if question else valeur)


def deroule_seances(app: Sphinx, depuis: str) -> list[nodes.Node]:
    """Chaque séance du parcours, étape par étape, avec ses heures et ses totaux."""
    env = app.env
    parcours: Parcours = app.config.pp_parcours
    contenu: list[nodes.Node] = []
    total_general = 0
    retenus: list[tuple[str, dict, dict]] = []
    for numero, seance in enumerate(parcours.seances, 1):
        ecoule = 0
        lignes = []
        for element in seance.elements:
            if element.sorte != "module":
                texte = nodes.container()
                texte += nodes.paragraph(text=_(TEMPS[element.sorte]))
                if element.texte:
                    texte += nodes.paragraph(text=traduire_donnee(element.texte))
                lignes.append([nodes.paragraph(text=horaire(ecoule, seance.debut)),
                               nodes.paragraph(text=duree_lisible(element.minutes)), texte,
                               nodes.paragraph(text="–")])
                ecoule += element.minutes
                continue
            format_ = format_de(element, env)
            if format_ is None:
                continue
            doc = docname(element.slug)
            activites = {a["nom"]: a for a in env.pp_activites.get(doc, [])}
            retenus.append((f"{titre_court(env, element.slug)}", format_, activites))
            for rang, etape in enumerate(format_["etapes"]):
                cellule = nodes.container()
                cellule += nodes.paragraph(text=etape["texte"])
                if etape["consignes"]:
                    cellule += nodes.paragraph(text=etape["consignes"],
                                               classes=["pp-consignes"])
                for texte in versions_courtes(etape, activites, app.config):
                    cellule += nodes.paragraph(
                        text=str(_("Version courte de l’activité\u00a0: {texte}")).format(
                            texte=texte), classes=["pp-version-courte"])
                module = nodes.container()
                if rang == 0:
                    titre_module_ = nodes.paragraph()
                    titre_module_ += lien_ecrit(app, depuis, element.slug, env)
                    titre_module_ += nodes.Text(str(_(" (format «\u00a0{nom}\u00a0»)")).format(
                        nom=format_["nom"]))
                    module += titre_module_
                avec = "\u00a0; ".join(reference_texte(s, v, doc, env)
                                       for s, v in etape["references"])
                if avec:
                    module += nodes.paragraph(text=avec, classes=["pp-avec"])
                lignes.append([nodes.paragraph(text=horaire(ecoule, seance.debut)),
                               nodes.paragraph(text=duree_lisible(etape["minutes"])), cellule,
                               module])
                ecoule += etape["minutes"]
        titre = traduire_donnee(seance.titre or parcours.titre)
        entete = (str(_("Séance {numero}\u00a0: {titre}")).format(numero=numero, titre=titre)
                  if len(parcours.seances) > 1 else titre)
        contenu.append(nodes.rubric(text=entete))
        contenu.append(tableau([_("Heure"), _("Durée"), _("Étape"), _("Module et ce qu’il utilise")],
                               [12, 11, 43, 34], lignes, "pp-deroule", long=True))
        resume = str(_("Total de la séance\u00a0: {duree}")).format(duree=duree_lisible(ecoule))
        if seance.duree:
            resume += str(_(" (prévue\u00a0: {duree})")).format(duree=duree_lisible(seance.duree))
        resume += str(_("\u00a0; fin à {heure}.")).format(heure=horaire(ecoule, seance.debut))
        if seance.duree and seance.duree > ecoule:
            resume += str(_(" Il reste {duree} de marge.")).format(
                duree=duree_lisible(seance.duree - ecoule))
        contenu.append(nodes.paragraph(text=resume, classes=["pp-deroule-total"]))
        total_general += ecoule
    if len(parcours.seances) > 1:
        contenu.append(nodes.paragraph(
            text=str(_("Durée totale\u00a0: {duree} en {n}\u00a0séances.")).format(
                duree=duree_lisible(total_general), n=len(parcours.seances)),
            classes=["pp-deroule-total"]))
    contenu.append(nodes.rubric(text=_("À préparer")))
    contenu.extend(a_preparer(retenus, app.config,
                              parcours.participants or app.config.pp_participants))
    return contenu


def titre_court(env: BuildEnvironment, slug: str) -> str:
    doc = docname(slug)
    return env.titles[doc].astext() if doc in env.titles else titre_traduit(env.srcdir, env.config.language, slug)


def deroule_modules(app: Sphinx, depuis: str) -> list[nodes.Node]:
    """Une simple suite de modules (le livre) : les formats de chacun."""
    env = app.env
    parcours: Parcours = app.config.pp_parcours
    lignes = []
    for numero, slug in enumerate(parcours.modules, 1):
        formats = nodes.bullet_list()
        for format_ in env.pp_formats.get(docname(slug), []):
            item = nodes.paragraph(text=resume_formats([format_]) + f" — {format_['titre']}")
            formats += nodes.list_item("", item)
        lignes.append([nodes.paragraph(text=str(numero)),
                       nodes.paragraph("", "", lien_ecrit(app, depuis, slug, env)), formats])
    return [tableau([_("N°"), _("Module"), _("Formats")], [6, 40, 54], lignes, "pp-deroule"),
            nodes.paragraph(text=_("Pour une séance minutée, choisissez un format par module "
                                   "et composez un parcours (voir «\u00a0Composer un "
                                   "parcours\u00a0»)."))]


def remplir(app: Sphinx, doctree: nodes.document, depuis: str) -> None:
    env = app.env
    parcours: Parcours = app.config.pp_parcours
    for emplacement in list(doctree.findall(deroule)):
        emplacement.replace_self(deroule_seances(app, depuis) if parcours.minute
                                 else deroule_modules(app, depuis))
    for emplacement in list(doctree.findall(banque)):
        contenu: list[nodes.Node] = []
        for moment, libelle in MOMENTS.items():
            liste = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
            for slug in parcours.modules:
                for question in env.pp_questions.get(docname(slug), []):
                    if question["moment"] == moment:
                        para = nodes.paragraph(
                            "", "", *[n.deepcopy() for n in question.get("contenu", [])]
                            or [nodes.Text(question["texte"])])
                        para += nodes.Text(" ")
                        para += nodes.emphasis(text=f"({titre_court(env, slug)})")
                        liste += nodes.list_item("", para)
            if len(liste):
                contenu += [nodes.rubric(text=libelle), liste]
        if not contenu:
            contenu = [nodes.paragraph(text=_("Les modules retenus ne proposent aucune question."))]
        emplacement.replace_self(contenu)


def verifier_seances(app: Sphinx, env: BuildEnvironment) -> None:
    """Aucune séance ne dépasse sa durée prévue, ni le parcours la sienne."""
    parcours: Parcours = app.config.pp_parcours
    total = 0
    for seance in parcours.seances:
        detail, somme = [], 0
        for element in seance.elements:
            duree = duree_element(element, env)
            if duree is None:
                if docname(element.slug) in env.pp_fiches:
                    noms = [f["nom"] for f in env.pp_formats.get(docname(element.slug), [])]
                    signaler(f"le format « {element.format} » du module « {element.slug} » n'a "
                             f"pas pu être lu (formats valides : {', '.join(noms) or 'aucun'}) : "
                             "corrigez d'abord les erreurs signalées dans le module.",
                             f"{parcours.chemin}:{element.ligne}", "parcours")
                continue
            somme += duree
            detail.append(f"{element.slug} ({element.format}) {duree} min"
                          if element.sorte == "module" else f"{element.sorte} {duree} min")
        total += somme
        if seance.duree and somme > seance.duree:
            modules = [e for e in seance.elements if e.sorte == "module"]
            choix = "\u00a0; ".join(
                f"{e.slug} : " + ", ".join(f"{f['nom']} {f['durée']} min"
                                           for f in env.pp_formats.get(docname(e.slug), []))
                for e in modules)
            nom = f"la séance « {seance.titre} »" if seance.titre else "la séance"
            signaler(f"{nom} dure {somme} min ({', '.join(detail)}) pour {seance.duree} min "
                     "prévues. Rien n'est coupé sans le dire : choisissez un format plus court "
                     f"({choix}), retirez un élément ou allongez la durée prévue.",
                     f"{parcours.chemin}:{seance.ligne}", "parcours")
    if parcours.duree and len(parcours.seances) > 1 and total > parcours.duree:
        signaler(f"les séances totalisent {total} min pour {parcours.duree} min prévues : "
                 "choisissez des formats plus courts ou allongez « durée: ».",
                 f"{parcours.chemin}:{parcours.lignes.get('durée', 1)}", "parcours")


def empreinte(env: BuildEnvironment, docs: list[str]) -> str:
    """Ce que les pages générées lisent de ces modules : fiche, titre, formats, activités,
    questions."""
    return repr([(doc, env.pp_fiches.get(doc), getattr(env, "pp_activites", {}).get(doc),
                  getattr(env, "pp_questions", {}).get(doc),
                  getattr(env, "pp_formats", {}).get(doc),
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
    app.connect("env-check-consistency", verifier_seances)
    app.connect("env-get-outdated", pages_a_relire)
    app.connect("env-updated", pages_a_recrire)
