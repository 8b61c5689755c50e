"""Composer une séance dans le navigateur, sans terminal.

- ``.. composeur::`` pose la page du composeur : sans JavaScript (et dans l'ePub et
  les PDF), elle dit quoi utiliser à la place (les parcours prêts à l'emploi et
  leurs PDF) ; avec JavaScript, ``_static/seance.js`` y construit le composeur.
- Deux scripts : ``_static/seance-base.js``, seul sur la page d'un module (le bouton
  « Ajouter à ma séance » et la séance gardée dans le navigateur), puis
  ``_static/seance.js`` sur le catalogue (filtres) et le composeur, qui reprend les
  outils du premier.
- ``.. parcours-prets::`` liste les parcours livrés (``curricula/*.yml``), chacun
  avec son lien vers le composeur et ses fichiers à télécharger.
- À la fin d'une construction HTML, trois scripts de données rassemblent ce que lisent
  le catalogue (``composeur-catalogue-*.js`` : fiches et durées des formats), le
  composeur (``composeur-donnees-*.js`` : formats, activités, questions, parcours
  livrés) et sa séance imprimée (``composeur-fragments-*.js``, chargé à la demande :
  consignes et notes des activités en HTML). Ce sont des scripts et non des fichiers
  JSON : un navigateur les charge aussi depuis une copie du site ouverte sur le disque
  (``file://``), où il refuse ``fetch``. Rien n'est recopié à la main.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .fiche import TELECHARGEMENTS, liens_telechargement
from .formats import film_de, versions_courtes
from .langue import _, traduire_donnee
from .selection import (LIVRE, Parcours, docname, lire_parcours, modules_sur_disque, slug_de,
                        titre_module, titre_traduit)

#: Le script de la page d'un module : bouton « Ajouter à ma séance », séance gardée.
SCRIPT_BASE = "seance-base.js"
#: Le script du catalogue filtrant et du composeur, chargé après ``SCRIPT_BASE``.
SCRIPT = "seance.js"
#: Les traductions des deux scripts (éditions traduites seulement).
SCRIPT_TEXTES = "seance-textes.js"
#: Pages qui chargent les scripts (en plus des modules).
PAGES = ("docs/composer", "docs/catalogue")
#: Dossier des fichiers de chaque parcours livré, dans ``telechargements``.
PARCOURS = "parcours"


class Composeur(SphinxDirective):
    """``.. composeur::`` : la page du composeur."""

    def run(self) -> list[nodes.Node]:
        html = addnodes.only(expr="builder_html")
        sans_js = nodes.container(classes=["pp-sans-js"])
        sans_js += nodes.paragraph(
            text=_("Le composeur a besoin de JavaScript, qui semble désactivé dans ce "
                   "navigateur. Sans lui, utilisez les parcours prêts à l’emploi ci-dessous, "
                   "avec leurs PDF à imprimer, ou choisissez vos modules dans le catalogue et "
                   "imprimez leurs fiches."))
        html += sans_js
        html += nodes.container(ids=["pp-composeur"], classes=["pp-composeur"])
        ailleurs = addnodes.only(expr="not builder_html")
        ailleurs += nodes.paragraph(
            text=_("Le composeur de séance se trouve sur le site web du livre, à la page "
                   "«\u00a0Composer une séance\u00a0»\u00a0: on y choisit des modules et leurs "
                   "formats, on règle l’heure et les pauses, puis on imprime ou on partage la "
                   "séance. Hors connexion, les parcours prêts à l’emploi ci-dessous ont leur "
                   "déroulé, et chaque module a sa fiche à imprimer."))
        return [html, ailleurs]


def parcours_livres(racine: Path) -> list[Parcours]:
    """Les parcours de ``curricula/`` (sauf le livre entier), lus et valides."""
    connus = modules_sur_disque(racine)
    resultat = []
    for chemin in sorted((racine / "curricula").glob("*.yml")):
        relatif = f"curricula/{chemin.name}"
        if relatif == LIVRE:
            continue
        parcours, erreurs = lire_parcours(racine, relatif, connus)
        if parcours is not None and not erreurs and parcours.minute:
            resultat.append(parcours)
    return resultat


def fichiers_parcours(nom: str) -> list[tuple[str, str]]:
    """(chemin dans telechargements, libellé) des fichiers d'un parcours livré."""
    dossier = f"{PARCOURS}/{nom}"
    return [(f"{dossier}/{nom}.pdf", _("PDF animateur·rice")),
            (f"{dossier}/{nom}-participant.pdf", _("PDF participant·e")),
            (f"{dossier}/deroule.pdf", _("déroulé (PDF)")),
            (f"{dossier}/questions.pdf", _("questions (PDF)")),
            (f"{dossier}/{nom}.epub", _("ePub")),
            (f"{dossier}/{nom}.yml", _("fichier de parcours"))]


def etat_parcours(parcours: Parcours) -> dict:
    """Un parcours livré dans la forme que le composeur lit et met dans son lien."""
    seances = []
    for seance in parcours.seances:
        elements = []
        for element in seance.elements:
            if element.sorte == "module":
                elements.append(["m", element.slug, element.format])
            else:
                elements.append([element.sorte, element.minutes, traduire_donnee(element.texte)])
        debut = (f"{seance.debut // 60:02d}:{seance.debut % 60:02d}" if seance.debut is not None
                 else "")
        seances.append({"t": traduire_donnee(seance.titre), "d": debut, "m": seance.duree or 0,
                        "e": elements})
    return {"t": traduire_donnee(parcours.titre),
            "pub": ", ".join(traduire_donnee(p) for p in parcours.public),
            "p": parcours.participants or 0, "s": seances}


def adresse_composeur(doc: str, etat: dict) -> str:
    """Le lien qui ouvre une séance dans le composeur (même codage que seance-base.js)."""
    code = quote(json.dumps(etat, ensure_ascii=False, separators=(",", ":")), safe="-_.!~*'()")
    return "../" * doc.count("/") + f"docs/composer.html#seance={code}"


class ParcoursPrets(SphinxDirective):
    """``.. parcours-prets::`` : les parcours livrés, à ouvrir ou à télécharger."""

    def run(self) -> list[nodes.Node]:
        liste = nodes.bullet_list(classes=["pp-parcours-prets"])
        for parcours in parcours_livres(Path(self.env.srcdir)):
            item = nodes.list_item(classes=["pp-parcours-pret"])
            item["ids"].append(f"parcours-{parcours.nom}")
            para = nodes.paragraph()
            para += nodes.strong(text=traduire_donnee(parcours.titre))
            if parcours.introduction:
                para += nodes.Text(f" — {traduire_donnee(parcours.introduction)}")
            item += para
            html = addnodes.only(expr="builder_html")
            fichiers = nodes.paragraph(classes=["pp-parcours-fichiers"])
            fichiers += nodes.reference("", str(_("Ouvrir dans le composeur")),
                                        refuri=adresse_composeur(self.env.docname,
                                                                 etat_parcours(parcours)),
                                        classes=["pp-ouvrir-composeur"])
            fichiers += nodes.Text(_(" · À télécharger\u00a0: "))
            fichiers.extend(liens_telechargement(self.env.docname, fichiers_parcours(parcours.nom)))
            html += fichiers
            item += html
            liste += item
        self.env.pp_pages_generees[self.env.docname] = None
        if not len(liste):
            return [nodes.paragraph(text=_("Aucun parcours prêt à l’emploi pour l’instant."))]
        return [liste]


# -- Données du composeur ---------------------------------------------------------------

def fragments(app: Sphinx) -> dict:
    """Le HTML des activités et des questions, gardé d'une construction à l'autre."""
    if not hasattr(app, "pp_fragments"):
        chemin = Path(app.doctreedir) / "composeur-fragments.json"
        try:
            app.pp_fragments = json.loads(chemin.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            app.pp_fragments = {}
    return app.pp_fragments


def depuis_la_racine(adresse: str, doc: str) -> str:
    """Une adresse relative à la page d'un module, réécrite depuis la racine du site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", adresse) or adresse.startswith("//"):
        return adresse
    page = f"{doc}.html"
    if adresse.startswith("#"):
        return page + adresse
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), adresse))


def rendre_html(app: Sphinx, noeud: nodes.Element, doc: str) -> str:
    html = app.builder.render_partial(noeud.deepcopy())["fragment"]
    return re.sub(r'\b(href|src)="([^"]*)"',
                  lambda m: f'{m.group(1)}="{depuis_la_racine(m.group(2), doc)}"', html)


def garder_fragments(app: Sphinx, doctree: nodes.document, doc: str) -> None:
    """``doctree-resolved`` (HTML) : le HTML de chaque activité et question d'un module."""
    if app.builder.format != "html" or app.builder.name == "epub" or slug_de(doc) is None:
        return
    env = app.env
    ids_activites = {a["id"]: a["nom"] for a in env.pp_activites.get(doc, [])}
    activites, questions = {}, []
    for boite in doctree.findall(nodes.admonition):
        classes = boite.get("classes", [])
        if "pp-activite" in classes:
            nom = next((ids_activites[i] for i in boite["ids"] if i in ids_activites), None)
            if nom:
                activites[nom] = rendre_html(app, boite, doc)
        elif "pp-question" in classes:
            questions.append(rendre_html(app, boite, doc))
    facile = next((s for s in doctree.findall(nodes.section)
                   if f"mod-{slug_de(doc)}-facile" in s["ids"]), None)
    fragments(app)[doc] = {"activites": activites, "questions": questions,
                           "facile": rendre_html(app, facile, doc) if facile is not None else ""}


def donnees(app: Sphinx) -> tuple[dict, dict, dict]:
    """(données du composeur, fragments HTML par module, données du catalogue)."""
    env, config = app.env, app.config
    memoire = fragments(app)
    telecharges = set(config.pp_telechargements)
    modules, morceaux, catalogue = [], {}, []
    for slug in config.pp_modules:
        doc = docname(slug)
        fiche = env.pp_fiches.get(doc)
        if not fiche or not fiche.get("valide"):
            continue
        html = memoire.get(doc, {})
        activites = {a["nom"]: a for a in env.pp_activites.get(doc, [])}
        formats = []
        for format_ in env.pp_formats.get(doc, []):
            etapes = []
            for etape in format_["etapes"]:
                etapes.append({
                    "minutes": etape["minutes"], "texte": etape["texte"],
                    "references": [[s, traduire_donnee(v) if s == "sequence" else v]
                                   for s, v in etape["references"]]})
            formats.append({"nom": format_["nom"], "titre": format_["titre"],
                            "duree": format_["durée"], "film": film_de(format_),
                            "etapes": etapes})
        titre = env.titles[doc].astext() if doc in env.titles else titre_traduit(env.srcdir, env.config.language, slug)
        modules.append({
            "slug": slug, "titre": titre, "url": f"{doc}.html",
            "pdf": {cle: f"{TELECHARGEMENTS}/{fichier}" if fichier in telecharges else None
                    for cle, fichier in (("animateur", f"{slug}.pdf"),
                                         ("participant", f"{slug}-participant.pdf"),
                                         ("facile", f"{slug}-facile.pdf"))},
            "formats": formats,
            "activites": [{"nom": a["nom"], "titre": a["titre"], "duree": a["durée"],
                           "dureeCourte": a["durée-courte"], "versionCourte": a["version-courte"],
                           "materiel": a["matériel"]} for a in activites.values()],
            "questions": [{"moment": q["moment"], "texte": q["texte"], "nom": q["nom"]}
                          for q in env.pp_questions.get(doc, [])],
        })
        # Ce que seule la séance imprimée lit : chargé à la demande.
        morceaux[slug] = {
            "activites": html.get("activites", {}), "questions": html.get("questions", []),
            "facile": html.get("facile", ""),
            "consignes": {f["nom"]: [[e["consignes"], versions_courtes(e, activites, config)]
                                     for e in f["etapes"]]
                          for f in env.pp_formats.get(doc, [])}}
        catalogue.append({"slug": slug, "titre": titre, "public": fiche["public"],
                          "motsCles": fiche["mots-clés"],
                          "sequences": [s if s == "film entier" else traduire_donnee(s)
                                        for s in fiche["séquences"]],
                          "formats": [[f["nom"], f["durée"]] for f in env.pp_formats.get(doc, [])]})
    construits = {m["slug"] for m in modules}
    parcours = []
    for livre in parcours_livres(Path(env.srcdir)):
        if set(livre.modules) <= construits:
            parcours.append({"nom": livre.nom, "titre": traduire_donnee(livre.titre),
                             "introduction": traduire_donnee(livre.introduction),
                             "etat": etat_parcours(livre),
                             "fichiers": [[f"{TELECHARGEMENTS}/{f}", str(t)]
                                          for f, t in fichiers_parcours(livre.nom)
                                          if f in telecharges]})
    principal = {"version": 1, "film": {"url": config.pp_film_url, "duree": config.pp_duree_film},
                 "participants": config.pp_participants, "tailleGroupe": config.pp_taille_groupe,
                 "lecon": config.pp_duree_lecon,
                 "sequences": [traduire_donnee(s) for s in config.pp_sequences],
                 "fragments": f"_static/{nom_donnees(app, 'fragments')}",
                 "modules": modules, "parcours": parcours}
    return principal, morceaux, {"sequences": [traduire_donnee(s) for s in config.pp_sequences],
                                 "modules": catalogue}


def ecrire_donnees(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (HTML) : écrit les trois scripts de données dans ``_static``."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    memoire = fragments(app)
    (Path(app.doctreedir) / "composeur-fragments.json").write_text(
        json.dumps(memoire, ensure_ascii=False), encoding="utf-8")
    statique = Path(app.outdir) / "_static"
    for ancien in statique.glob("composeur-*.js"):
        ancien.unlink()
    principal, morceaux, catalogue = donnees(app)
    for sorte, variable, valeur in (("donnees", "PP_DONNEES", principal),
                                    ("fragments", "PP_FRAGMENTS", morceaux),
                                    ("catalogue", "PP_CATALOGUE", catalogue)):
        ecrire_script(statique / nom_donnees(app, sorte), variable, valeur)


def ecrire_script(chemin: Path, variable: str, valeur) -> None:
    """Un script classique qui donne ``valeur`` (JSON) au navigateur : ``window.<variable>``."""
    texte = json.dumps(valeur, ensure_ascii=False, separators=(",", ":"))
    # « </ » ne doit pas fermer une balise script.
    texte = texte.replace("</", "<\\/")
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(f"window.{variable}={texte};\n", encoding="utf-8")


def ecrire_textes(app: Sphinx) -> None:
    """``builder-inited`` (HTML, édition traduite) : les traductions des scripts, dans
    ``_static/seance-textes.js``. Le fichier est écrit avant les pages, sous un nom fixe :
    Sphinx y ajoute l'empreinte de son contenu (``?v=…``), et une page qu'une
    reconstruction partielle n'a pas réécrite le trouve toujours."""
    if app.builder.name in ("html", "dirhtml") and textes_du_script(app):
        ecrire_script(Path(app.outdir) / "_static" / SCRIPT_TEXTES, "PP_TEXTES",
                      textes_du_script(app))


def textes_du_script(app: Sphinx) -> dict[str, str]:
    """Les traductions des textes de ``seance-base.js`` et ``seance.js`` (catalogue
    ``pluspersonne``, messages venus de l'un des scripts) ; rien pour l'édition française,
    dont les scripts portent les textes."""
    if not hasattr(app, "pp_textes_script"):
        app.pp_textes_script = {}
        langue = app.config.language or "fr"
        catalogue = Path(app.srcdir) / "locale" / langue / "LC_MESSAGES" / "pluspersonne.po"
        if langue != "fr" and catalogue.is_file():
            from babel.messages.pofile import read_po

            with catalogue.open("rb") as fichier:
                messages = read_po(fichier)
            app.pp_textes_script = {m.id: m.string for m in messages
                                    if m.id and m.string and not m.fuzzy
                                    and any(c.startswith("_static/seance")
                                            for c in m.auto_comments)}
    return app.pp_textes_script


def nom_donnees(app: Sphinx, sorte: str = "donnees") -> str:
    """Le nom d'un script de données (``composeur-<sorte>-<empreinte>.js``) : il change avec
    le contenu, et le navigateur ne garde jamais en cache des données périmées."""
    if not hasattr(app, "pp_empreinte_donnees"):
        empreinte = hashlib.sha256(str(app.config.release).encode())
        racine = Path(app.srcdir)
        fichiers = [racine / "modules" / s / "index.rst" for s in app.config.pp_modules]
        fichiers += sorted((racine / "curricula").glob("*.yml"))
        for chemin in fichiers:
            empreinte.update(chemin.read_bytes())
        empreinte.update(repr(sorted(app.config.pp_telechargements)).encode())
        # L'édition traduite : ses catalogues changent les titres et les textes.
        langue = app.config.language or "fr"
        if langue != "fr":
            for chemin in sorted((racine / "locale" / langue).rglob("*.po")):
                empreinte.update(chemin.read_bytes())
        app.pp_empreinte_donnees = empreinte.hexdigest()[:10]
    return f"composeur-{sorte}-{app.pp_empreinte_donnees}.js"


def scripts_de_la_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree) -> None:
    """``html-page-context`` : les scripts du composeur, seulement là où ils servent.

    Les scripts différés s'exécutent dans l'ordre de la page : les traductions (éditions
    traduites), puis ``seance-base.js``, puis sur le catalogue et le composeur leur script
    de données et ``seance.js``. La page d'un module n'a que ``seance-base.js``."""
    if app.builder.name not in ("html", "dirhtml"):
        return
    if not (pagename in PAGES or (slug_de(pagename) and pagename.endswith("/index"))):
        return
    if textes_du_script(app):
        # Avant les deux scripts, qui lisent les traductions en se chargeant.
        app.add_js_file(SCRIPT_TEXTES, loading_method="defer", priority=400)
    app.add_js_file(SCRIPT_BASE, loading_method="defer", priority=450)
    if pagename in PAGES:
        sorte = "donnees" if pagename == "docs/composer" else "catalogue"
        app.add_js_file(nom_donnees(app, sorte), loading_method="defer")
        app.add_js_file(SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_directive("composeur", Composeur)
    app.add_directive("parcours-prets", ParcoursPrets)
    app.connect("doctree-resolved", garder_fragments)
    app.connect("html-page-context", scripts_de_la_page)
    app.connect("build-finished", ecrire_donnees)
    app.connect("builder-inited", ecrire_textes)
