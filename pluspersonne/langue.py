"""Les deux langues du livre : le français des sources et le néerlandais de Belgique.

Le texte des pages se traduit par le mécanisme de Sphinx (gettext : un catalogue par
page dans ``locale/nl/LC_MESSAGES``). Ce module y ajoute ce que Sphinx ne voit pas :

- les textes que le projet produit lui-même (libellés des fiches, tableaux des formats,
  déroulés, composeur…), dans le catalogue ``pluspersonne`` ; dans le code, ils
  passent par ``_()`` ;
- les données des figures et les noms des séquences du film, dans le catalogue
  ``donnees`` (``traduire_donnee``) ;
- les textes que les directives du projet reçoivent en options (titre d'une activité,
  public d'une fiche…) : un nœud ``textes_traduisibles`` les confie aux catalogues des
  pages, comme un paragraphe, et rend leur traduction à la fin de la lecture ;
- le rôle ``:fr:`` pour une citation en français dans un texte néerlandais (``lang="fr"``
  en HTML et dans l'ePub, césure française dans les PDF) ;
- le lien vers la même page dans l'autre langue, quand l'autre édition est construite ;
- les vérifications d'une édition traduite : tout texte du livre a sa traduction (ni
  absente ni « fuzzy »), et chaque traduction garde les clés bibliographiques, les
  renvois et les adresses du français ; le glossaire est trié dans la langue.

Les catalogues ``.po`` sont dans le dépôt ; les ``.mo`` sont compilés à la construction.
Les messages d'erreur destinés aux contributeur·rices restent en français.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import extract_messages

from .messages import signaler

#: Les textes produits par le projet.
_ = get_translation("pluspersonne")
#: Les données (figures, séquences du film, champs libres de la bibliographie).
_donnees = get_translation("donnees")
#: Les langues du livre et leur nom dans la langue même.
LANGUES = {"fr": "Français", "nl": "Nederlands"}
CATALOGUES = ("pluspersonne", "donnees")


def traduire_donnee(texte: str) -> str:
    """La traduction d'une donnée (le texte lui-même en français ou s'il manque)."""
    return str(_donnees(texte)) if texte else texte


def compiler(racine: Path, langue: str) -> Path:
    """Compile les catalogues du projet en ``.mo`` s'ils sont plus récents ; renvoie le
    dossier ``locale``. Sphinx compile lui-même les catalogues des pages."""
    from sphinx.util.i18n import CatalogInfo

    dossier = racine / "locale"
    for catalogue in CATALOGUES:
        info = CatalogInfo(str(dossier / langue / "LC_MESSAGES"), catalogue, "utf-8")
        if Path(info.po_path).is_file() and info.is_outdated():
            info.write_mo(langue)
    return dossier


class textes_traduisibles(nodes.Element, addnodes.translatable):
    """Des textes reçus en options par une directive, confiés au catalogue de la page.

    ``node['textes']`` : les textes à traduire, dans l'ordre ; après la lecture, ils sont
    traduits (ou inchangés). Le nœud n'est jamais affiché : il est retiré à la fin de la
    lecture, une fois ses textes rendus à la directive.
    """

    def preserve_original_messages(self) -> None:
        self["originaux"] = list(self["textes"])

    def apply_translated_message(self, original: str, traduit: str) -> None:
        self["textes"] = [traduit if o == original else t
                          for o, t in zip(self["originaux"], self["textes"])]

    def extract_original_messages(self) -> list[str]:
        return list(self.get("originaux", self["textes"]))


def typographique(texte: str) -> str:
    """Un texte aux apostrophes typographiques, quel que soit le constructeur : les textes
    des activités et des formats entrent ainsi dans les catalogues (le correcteur
    orthographique, lui, les lit avec des apostrophes droites)."""
    return texte.replace("'", "’")


def noeud_textes(directive, textes: list[str], cle: str) -> textes_traduisibles:
    """Le nœud qui fait traduire ``textes`` ; ``cle`` le retrouve à la fin de la lecture."""
    noeud = textes_traduisibles(textes=[t for t in textes if t], cle=cle)
    directive.set_source_info(noeud)
    return noeud


def textes_lus(doctree: nodes.document, cle: str, originaux: list[str]) -> list[str]:
    """Les textes traduits d'un nœud, dans l'ordre des originaux (un texte sans traduction
    revient tel quel), et le nœud retiré ; l'extraction (``make gettext``) le garde, pour en
    écrire les textes dans le catalogue. Un texte s'y cherche sous sa forme typographique
    ou telle quelle (voir :func:`typographique`)."""
    extraction = doctree.settings.env.app.builder.name == "gettext"
    for noeud in list(doctree.findall(textes_traduisibles)):
        if noeud["cle"] == cle:
            traduits = {o: t for o, t in zip(noeud.get("originaux", noeud["textes"]),
                                             noeud["textes"]) if o != t}
            if not extraction:
                noeud.parent.remove(noeud)
            return [traduits.get(t) or traduits.get(typographique(t)) or t for t in originaux]
    return originaux


def hors_catalogue(noeud: nodes.Node) -> nodes.Node:
    """Un contenu produit par le projet, déjà dans la langue de l'édition : hors des
    catalogues des pages (Sphinx en extrairait sinon les titres et les noms de champs)."""
    for texte in noeud.findall(nodes.TextElement):
        texte["translatable"] = False
    return noeud


def visiter_textes(self, node) -> None:
    raise nodes.SkipNode


# -- Citations dans l'autre langue ----------------------------------------------------------

class citation_francaise(nodes.inline):
    """Un passage en français dans un texte d'une autre langue (rôle ``:fr:``)."""


def visiter_html(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", lang="fr", **{"xml:lang": "fr"}))


def quitter_html(self, node) -> None:
    self.body.append("</span>")


def visiter_latex(self, node) -> None:
    self.body.append(r"\foreignlanguage{french}{")


def quitter_latex(self, node) -> None:
    self.body.append("}")


class RoleFrancais(SphinxRole):
    """``:fr:`« Toujours c'est comme ça ! »``` : une citation gardée en français."""

    def run(self):
        noeud = citation_francaise(self.rawtext, self.text, classes=["pp-fr"])
        self.set_source_info(noeud)
        return [noeud], []


# -- Un passage écrit dans l'autre langue -------------------------------------------------

#: Les langues d'un passage et leur nom pour babel (LaTeX).
BABEL = {"fr": "french", "nl": "dutch"}


class passage_en_langue(nodes.container):
    """Un passage écrit directement dans une langue (directive ``langue``)."""


class DirectiveLangue(SphinxDirective):
    """``.. langue:: nl`` : un passage écrit dans cette langue, dans une page de l'autre
    (la section néerlandaise du guide des contributeur·rices, par exemple).

    Le passage est marqué ``lang`` en HTML et dans l'ePub, composé avec la césure de sa
    langue dans les PDF, laissé hors du correcteur orthographique de l'autre langue, et
    jamais confié aux catalogues de traduction : il est déjà dans sa langue."""

    required_arguments = 1
    has_content = True

    def run(self):
        code = self.arguments[0].strip()
        if code not in BABEL:
            signaler(f"langue inconnue « {code} » : choisissez {' ou '.join(BABEL)}.",
                     self.get_location(), "langue")
            return []
        noeud = passage_en_langue(langue=code, classes=[f"pp-langue-{code}"])
        self.set_source_info(noeud)
        self.state.nested_parse(self.content, self.content_offset, noeud)
        for texte in noeud.findall(nodes.TextElement):
            texte["translatable"] = False
        return [noeud]


def visiter_passage_html(self, node) -> None:
    self.body.append(self.starttag(node, "div", "", lang=node["langue"],
                                   **{"xml:lang": node["langue"]}))


def quitter_passage_html(self, node) -> None:
    self.body.append("</div>\n")


def visiter_passage_latex(self, node) -> None:
    self.body.append(f"\n\\begin{{otherlanguage}}{{{BABEL[node['langue']]}}}\n")


def quitter_passage_latex(self, node) -> None:
    self.body.append("\n\\end{otherlanguage}\n")


def hors_correcteur(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (make spelling) : les passages dans une autre langue que celle
    de l'édition ne passent pas par son dictionnaire."""
    if app.builder.name != "spelling":
        return
    for noeud in list(doctree.findall(passage_en_langue)):
        if noeud["langue"] != (app.config.language or "fr"):
            noeud.parent.remove(noeud)
    if (app.config.language or "fr") != "fr":
        # Les citations gardées en français, et les références (titres des sources,
        # laissés dans leur langue, et noms d'auteur·rices).
        for noeud in list(doctree.findall(citation_francaise)) + list(
                doctree.findall(nodes.footnote)):
            noeud.parent.remove(noeud)


# -- Vérifier une édition traduite ---------------------------------------------------------

#: Ce qu'une traduction doit garder tel quel : (nom lisible, motif, groupe à comparer).
GARDES = (
    ("clé bibliographique", re.compile(r":footcite:`([^`]*)`"), "cles"),
    # Comme Sphinx : la cible d'un renvoi ne se traduit pas, seul son texte se traduit
    # (:term:`OCMW <CPAS>`, :ref:`de film <film>`).
    ("renvoi", re.compile(r":(?:ref|doc|numref|term|module-lie):`(?:[^`<]*<)?([^`>]*)>?`"),
     None),
    ("adresse", re.compile(r"<(https?://[^>\s]+)>`_"), None),
    ("adresse", re.compile(r"(?<![<`])\b(https?://[^\s>`]+)"), None),
    # Les textes du code (pluspersonne.po) : les variables {nom} de Python et du script.
    ("variable", re.compile(r"\{(\w+)(?::[^{}]*)?\}"), None),
)
#: Ce dont le nombre doit être le même.
COMPTES = (("mise en gras", re.compile(r"(?<!\*)\*\*(?!\*)")),)


def ecarts(original: str, traduction: str) -> list[str]:
    """Ce qu'une traduction a perdu, ajouté ou changé des éléments à garder du français."""
    problemes = []
    if re.search(r"\s#noqa\s*$", traduction):
        problemes.append("« #noqa » à la fin de la traduction : il fait taire la vérification "
                         "des renvois de Sphinx ; retirez-le et gardez les cibles du français "
                         "(:term:`OCMW <CPAS>`)")
    for nom, motif, sorte in GARDES:
        def elements(texte):
            trouves = motif.findall(texte)
            if sorte == "cles":
                trouves = [cle.strip() for groupe in trouves for cle in groupe.split(",")]
            return Counter(trouves)
        avant, apres = elements(original), elements(traduction)
        for manque in sorted((avant - apres).elements()):
            problemes.append(f"{nom} « {manque} » : manque dans la traduction")
        for ajout in sorted((apres - avant).elements()):
            problemes.append(f"{nom} « {ajout} » : n'est pas dans le texte français")
    for nom, motif in COMPTES:
        avant, apres = len(motif.findall(original)), len(motif.findall(traduction))
        if avant != apres:
            problemes.append(f"{avant} × {nom} en français, {apres} dans la traduction")
    return problemes


def source_markdown(racine: Path, docname: str) -> bool:
    """La page affiche-t-elle un fichier Markdown (le guide CONTRIBUTING.md) ? Ses textes
    français sont en Markdown, ses traductions en reST (Sphinx relit toute traduction
    comme la page qui l'inclut) : leur balisage ne se compare pas."""
    source = racine / f"{docname}.rst"
    return source.is_file() and ":parser: myst" in source.read_text(encoding="utf-8")


def chemin_catalogue(app: Sphinx, docname: str) -> Path:
    return (Path(app.srcdir) / app.config.locale_dirs[0] / app.config.language
            / "LC_MESSAGES" / f"{docname}.po")


@functools.lru_cache(maxsize=64)
def _lire_catalogue(chemin: str, date: float):
    from babel.messages.pofile import read_po

    with open(chemin, "rb") as fichier:
        return read_po(fichier, abort_invalid=False)


def lire_catalogue(chemin: Path):
    """Le catalogue (Babel) d'un fichier ``.po``, ou None s'il n'existe pas ou est illisible."""
    if not chemin.is_file():
        return None
    try:
        return _lire_catalogue(str(chemin), chemin.stat().st_mtime)
    except Exception:  # noqa: BLE001 — tout fichier illisible est signalé par l'appelant
        return None


def relatif(app: Sphinx, chemin: Path) -> str:
    try:
        return chemin.relative_to(app.srcdir).as_posix()
    except ValueError:
        return str(chemin)


def verifier_traduction(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (édition traduite) : chaque texte de la page est traduit, et chaque
    traduction garde les clés, renvois et adresses du français. Les erreurs nomment la
    ligne du catalogue (ou de la source française) et disent quoi faire."""
    langue = app.config.language or "fr"
    if langue == "fr" or app.builder.name == "gettext":
        return
    docname = app.env.docname
    chemin = chemin_catalogue(app, docname)
    nom = relatif(app, chemin)
    catalogue = lire_catalogue(chemin)
    if catalogue is None:
        signaler(f"catalogue de traduction {'illisible' if chemin.exists() else 'absent'} "
                 f"pour cette page : {nom}. Lancez « make traduction » pour le créer ou le "
                 "remettre en forme (UTF-8, syntaxe gettext), puis traduisez-le.",
                 (docname, 1), "traduction")
        return
    vus: set[str] = set()
    for noeud, message in extract_messages(doctree):
        if noeud.get("translated") or message in vus:
            continue
        vus.add(message)
        entree = catalogue.get(message)
        if entree is not None and entree.string and not entree.fuzzy:
            continue
        court = message if len(message) <= 70 else message[:67] + "…"
        if entree is None:
            quoi = (f"texte absent du catalogue {nom} : lancez « make traduction » (qui "
                    "ajoute les textes nouveaux ou changés), puis traduisez-le")
        elif entree.fuzzy:
            quoi = (f"traduction à revoir dans {nom}:{entree.lineno} (marquée « fuzzy » "
                    "après un changement du français) : corrigez-la, puis retirez la ligne "
                    "« #, fuzzy »")
        else:
            quoi = f"traduction vide dans {nom}:{entree.lineno} : écrivez-la (msgstr)"
        ligne = noeud.line or getattr(noeud.parent, "line", None) or 1
        signaler(f"texte non traduit « {court} » — {quoi}.", (docname, ligne), "traduction")
    if source_markdown(Path(app.srcdir), docname):
        return
    for entree in catalogue:
        if entree.id and entree.string and not entree.fuzzy and isinstance(entree.id, str):
            for probleme in ecarts(entree.id, entree.string):
                signaler(f"traduction incohérente : {probleme}. Une traduction garde les "
                         "clés de :footcite:, les cibles des renvois et les adresses du "
                         "texte français (seul le texte se traduit).",
                         f"{nom}:{entree.lineno}", "traduction")


def cle_de_tri(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.replace("*", "").lower())
    return "".join(c for c in texte if not unicodedata.combining(c))


def trier_glossaire(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (édition traduite) : le glossaire dans l'ordre alphabétique de la
    langue (ses termes sont traduits après la lecture, qui les avait triés en français)."""
    if (app.config.language or "fr") == "fr":
        return
    for glossaire in doctree.findall(addnodes.glossary):
        for liste in glossaire.findall(nodes.definition_list):
            liste.children.sort(key=lambda item: cle_de_tri(item.next_node(nodes.term).astext()))


# -- Le lien vers l'autre langue -----------------------------------------------------------

def autre_langue(langue: str) -> str:
    return "nl" if langue == "fr" else "fr"


def langues_construites(app: Sphinx, config) -> None:
    """``config-inited`` : l'autre édition existe-t-elle à côté de celle-ci ?

    Le site néerlandais se range dans le site français, sous ``nl/`` ; valeur « html » :
    quand l'autre édition apparaît, Sphinx réécrit les pages, et leur lien suit."""
    sortie = Path(app.outdir)
    if config.language == "fr":
        presente = (sortie / "nl" / "index.html").is_file()
    else:
        presente = sortie.name == config.language and (sortie.parent / "index.html").is_file()
    config.pp_autres_langues = [autre_langue(config.language)] if presente else []


def lien_de_langue(app: Sphinx, pagename: str, templatename: str, context: dict,
                   doctree) -> None:
    """``html-page-context`` : l'adresse de la même page dans l'autre langue."""
    context["pp_langue_autre"] = None
    if app.builder.name not in ("html", "dirhtml") or not app.config.pp_autres_langues:
        return
    code = app.config.pp_autres_langues[0]
    profondeur = pagename.count("/")
    if app.config.language == "fr":
        adresse = "../" * profondeur + f"{code}/{pagename}.html"
    else:
        adresse = "../" * (profondeur + 1) + f"{pagename}.html"
    context["pp_langue_autre"] = {"code": code, "nom": LANGUES[code], "url": adresse}


def setup(app: Sphinx) -> None:
    racine = Path(app.confdir)
    langue = app.config.language or "fr"
    dossier = compiler(racine, langue) if langue != "fr" else racine / "locale"
    for catalogue in CATALOGUES:
        app.add_message_catalog(catalogue, str(dossier))
    app.add_config_value("pp_autres_langues", [], "html", types=[list])
    app.add_node(textes_traduisibles, html=(visiter_textes, None),
                 latex=(visiter_textes, None), text=(visiter_textes, None),
                 man=(visiter_textes, None), texinfo=(visiter_textes, None))
    app.add_node(citation_francaise, html=(visiter_html, quitter_html),
                 latex=(visiter_latex, quitter_latex))
    app.add_role("fr", RoleFrancais())
    app.add_node(passage_en_langue, html=(visiter_passage_html, quitter_passage_html),
                 latex=(visiter_passage_latex, quitter_passage_latex))
    app.add_directive("langue", DirectiveLangue)
    app.connect("doctree-resolved", hors_correcteur)
    app.connect("config-inited", langues_construites)
    # Avant les fiches et les activités (priorités 300 et 400), qui retirent leurs textes.
    app.connect("doctree-read", verifier_traduction, priority=200)
    app.connect("doctree-read", trier_glossaire)
    app.connect("html-page-context", lien_de_langue)
