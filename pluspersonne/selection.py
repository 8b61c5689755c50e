"""Quels modules entrent dans la construction.

La valeur de configuration ``pp_selection`` désigne soit un fichier de parcours
YAML (``curricula/livre.yml`` par défaut : le livre entier), soit une liste de
slugs séparés par des virgules (``PP_SELECTION=digitalisation`` pour construire
un module seul). Les modules non retenus sont ajoutés à ``exclude_patterns`` :
aucune source n'est copiée. Chaque module retenu reçoit sa fiche PDF dans
``latex_documents``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from .messages import arreter, suggestion

#: Forme d'un slug : minuscules ASCII, chiffres, tirets simples.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Dossier des modules, relatif à la racine du projet.
DOSSIER = "modules"
#: Fichier de parcours qui définit le livre entier.
LIVRE = "curricula/livre.yml"


@dataclass
class Etape:
    """Un module dans un parcours, avec le temps qui lui est consacré."""

    slug: str
    ligne: int
    duree: int | None = None  #: minutes ; None = la durée de la fiche du module
    seance: int | None = None  #: numéro de séance, pour un parcours en plusieurs fois


@dataclass
class Parcours:
    """Un parcours : une suite ordonnée de modules."""

    chemin: str
    titre: str
    public: list[str]
    etapes: list[Etape]
    introduction: str = ""
    duree: int | None = None
    lignes: dict[str, int] = field(default_factory=dict)

    @property
    def modules(self) -> list[str]:
        return [e.slug for e in self.etapes]

    @property
    def nom(self) -> str:
        return Path(self.chemin).stem


def modules_sur_disque(racine: Path) -> list[str]:
    """Slugs des modules présents dans ``modules/`` (ordre alphabétique)."""
    dossier = racine / DOSSIER
    if not dossier.is_dir():
        return []
    return sorted(
        p.name for p in dossier.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and (p / "index.rst").is_file()
    )


def titre_module(racine: Path, slug: str) -> str:
    """Le titre d'un module, lu dans sa source (première ligne soulignée de ``=``),
    sans son balisage reST (``*Plus personne*`` → ``Plus personne``)."""
    chemin = racine / DOSSIER / slug / "index.rst"
    try:
        lignes = chemin.read_text(encoding="utf-8").splitlines()
    except OSError:
        return slug
    for ligne, suivante in zip(lignes, lignes[1:]):
        texte = ligne.strip()
        if (texte and not texte.startswith("..") and re.fullmatch(r"=+", suivante.strip())
                and len(suivante.strip()) >= len(texte)):
            return re.sub(r"(\*\*|\*|``|`)", "", texte)
    return slug


def docname(slug: str) -> str:
    return f"{DOSSIER}/{slug}/index"


def slug_de(doc: str) -> str | None:
    """Le slug du module auquel appartient un document, ou None."""
    parties = doc.split("/")
    if len(parties) >= 3 and parties[0] == DOSSIER:
        return parties[1]
    return None


def _minutes(valeur) -> int | None:
    if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur > 0:
        return valeur
    return None


class YamlInvalide(Exception):
    """Fichier YAML illisible : message en français et lieu (``fichier:ligne``)."""

    def __init__(self, message: str, lieu: str):
        super().__init__(message)
        self.message, self.lieu = message, lieu


def lire_yaml(chemin: Path, relatif: str):
    """Le YAML d'un fichier, en nœuds (avec leurs lignes) et en valeurs Python."""
    texte = chemin.read_text(encoding="utf-8")
    try:
        return yaml.compose(texte), yaml.safe_load(texte)
    except yaml.YAMLError as exc:
        ligne = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        probleme = getattr(exc, "problem", None) or "syntaxe invalide"
        raise YamlInvalide(f"YAML invalide ({probleme}). Vérifiez l'indentation, les "
                           "deux-points et les guillemets de cette ligne.",
                           f"{relatif}:{ligne}") from None


def lire_parcours(racine: Path, relatif: str, connus: list[str]) -> tuple[Parcours | None, list]:
    """Lit et valide un fichier de parcours ; renvoie (parcours, erreurs)."""
    chemin = racine / relatif
    if not chemin.is_file():
        return None, [(f"fichier de parcours introuvable : {relatif}. Indiquez un "
                       "fichier existant de curricula/ (par exemple curricula/livre.yml).",
                       None)]
    try:
        racine_yaml, valeurs = lire_yaml(chemin, relatif)
    except YamlInvalide as erreur:
        return None, [(erreur.message, erreur.lieu)]
    if not isinstance(racine_yaml, yaml.MappingNode):
        return None, [("un parcours doit être un dictionnaire avec les clés titre, public "
                       "et modules (voir docs/parcours.rst).", f"{relatif}:1")]
    lignes = {cle.value: cle.start_mark.line + 1 for cle, _ in racine_yaml.value}
    noeuds = {cle.value: noeud for cle, noeud in racine_yaml.value}
    erreurs: list[tuple[str, str]] = []

    def ou(cle: str) -> str:
        return f"{relatif}:{lignes.get(cle, 1)}"

    attendues = ("titre", "public", "introduction", "durée", "modules")
    for cle in valeurs:
        if cle not in attendues:
            erreurs.append((f"clé inconnue « {cle} ».{suggestion(str(cle), attendues)} Clés "
                            f"possibles : {', '.join(attendues)}.", ou(str(cle))))
    titre = valeurs.get("titre")
    if not isinstance(titre, str) or not titre.strip():
        erreurs.append(("champ « titre » manquant ou vide : ajoutez par exemple "
                        "« titre: Projection-débat de 1 h 30 ».", ou("titre")))
    public = valeurs.get("public")
    if isinstance(public, str):
        public = [p.strip() for p in public.split(",") if p.strip()]
    if not public or not all(isinstance(p, str) for p in public):
        erreurs.append(("champ « public » manquant ou vide : indiquez le public visé, par "
                        "exemple « public: travailleur·euses sociaux·ales ».", ou("public")))
    duree = valeurs.get("durée")
    if duree is not None and _minutes(duree) is None:
        erreurs.append((f"durée invalide « {duree} » : indiquez un nombre entier de minutes, "
                        "par exemple « durée: 90 ».", ou("durée")))
        duree = None
    etapes: list[Etape] = []
    noeud_modules = noeuds.get("modules")
    if not isinstance(noeud_modules, yaml.SequenceNode) or not noeud_modules.value:
        erreurs.append(("la liste « modules » est absente ou vide : indiquez au moins un slug "
                        f"de module, un par ligne (« - contexte »). Modules existants : "
                        f"{', '.join(connus)}.", ou("modules")))
    else:
        for noeud, valeur in zip(noeud_modules.value, valeurs["modules"]):
            ligne = noeud.start_mark.line + 1
            if isinstance(valeur, str):
                etapes.append(Etape(valeur.strip(), ligne))
                continue
            if not isinstance(valeur, dict) or not isinstance(valeur.get("module"), str):
                erreurs.append(("chaque élément de « modules » est un slug (« - contexte ») ou "
                                "un dictionnaire avec au moins « module: <slug> ».",
                                f"{relatif}:{ligne}"))
                continue
            for cle in valeur:
                if cle not in ("module", "durée", "séance"):
                    erreurs.append((f"clé inconnue « {cle} » pour le module "
                                    f"« {valeur['module']} ». Clés possibles : module, durée, "
                                    "séance.", f"{relatif}:{ligne}"))
            etape = Etape(valeur["module"].strip(), ligne)
            for cle, attribut in (("durée", "duree"), ("séance", "seance")):
                if cle in valeur:
                    if _minutes(valeur[cle]) is None:
                        erreurs.append((f"{cle} invalide « {valeur[cle]} » pour le module "
                                        f"« {etape.slug} » : indiquez un nombre entier positif.",
                                        f"{relatif}:{ligne}"))
                    else:
                        setattr(etape, attribut, valeur[cle])
            etapes.append(etape)
    vus: set[str] = set()
    for etape in etapes:
        lieu = f"{relatif}:{etape.ligne}"
        if etape.slug in vus:
            erreurs.append((f"le module « {etape.slug} » apparaît deux fois : retirez le "
                            "doublon.", lieu))
        vus.add(etape.slug)
        if etape.slug not in connus:
            erreurs.append((f"module inconnu « {etape.slug} ».{suggestion(etape.slug, connus)} "
                            f"Modules existants : {', '.join(connus)}.", lieu))
    parcours = Parcours(relatif, str(titre or ""), list(public or []), etapes,
                        str(valeurs.get("introduction") or "").strip(), duree, lignes)
    return parcours, erreurs


def choisir(app: Sphinx, config: Config) -> None:
    """``config-inited`` : fixe les modules, les titres et les documents LaTeX."""
    racine = Path(app.srcdir)
    connus = modules_sur_disque(racine)
    valeur = str(config.pp_selection).strip() or LIVRE
    if valeur.endswith((".yml", ".yaml")):
        parcours, erreurs = lire_parcours(racine, valeur, connus)
        if parcours and valeur == LIVRE and not erreurs:
            for slug in connus:
                if slug not in parcours.modules:
                    erreurs.append((f"le module « {slug} » existe dans modules/ mais n'est pas "
                                    f"dans le livre : ajoutez « - {slug} » à la liste modules "
                                    f"de {LIVRE}.", f"{LIVRE}:{parcours.lignes.get('modules', 1)}"))
    else:
        etapes = [Etape(s.strip(), 0) for s in valeur.split(",") if s.strip()]
        parcours = Parcours("", "", [], etapes)
        erreurs = []
        for slug in sorted({e.slug for e in etapes if e.slug not in connus}):
            erreurs.append((f"PP_SELECTION : module inconnu « {slug} ».{suggestion(slug, connus)}"
                            f" Modules existants : {', '.join(connus)}.", None))
        if len(set(parcours.modules)) != len(etapes):
            erreurs.append(("PP_SELECTION : un module apparaît deux fois.", None))
    if erreurs:
        arreter(erreurs)
    assert parcours is not None
    config.pp_parcours = parcours
    config.pp_modules = list(parcours.modules)
    config.exclude_patterns = list(config.exclude_patterns) + [
        f"{DOSSIER}/{slug}" for slug in connus if slug not in parcours.modules
    ]
    # Titres et noms de fichiers : le livre, ou le parcours construit.
    nom, titre = "plus-personne", config.project
    if parcours.chemin and parcours.chemin != LIVRE:
        nom, titre = parcours.nom, parcours.titre
        config.html_title = config.epub_title = titre
    config.epub_basename = nom
    if nom != "plus-personne":
        config.epub_uid = config.epub_identifier = f"plus-personne-{nom}"
    participant = app.tags.has("participant")
    suffixe = "-participant" if participant else ""
    edition = " (édition participant·e)" if participant else ""
    documents = [("index", f"{nom}{suffixe}.tex", titre + edition, config.author, "manual")]
    if not participant:
        documents += [
            ("docs/deroule", "deroule.tex", f"Déroulé : {titre}", config.author, "howto"),
            ("docs/questions", "questions.tex", f"Banque de questions : {titre}",
             config.author, "howto"),
        ]
    documents += [
        (docname(slug), f"{slug}{suffixe}.tex", titre_module(racine, slug) + edition,
         config.author, "howto")
        for slug in parcours.modules
    ]
    config.latex_documents = documents


class SommaireModules(SphinxDirective):
    """``.. sommaire-modules::`` : la table des matières des modules retenus, dans l'ordre."""

    option_spec = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        lignes = [".. toctree::", "   :maxdepth: 1"]
        if "caption" in self.options:
            lignes.append(f"   :caption: {self.options['caption']}")
        lignes.append("")
        lignes += [f"   /{docname(slug)}" for slug in self.config.pp_modules]
        conteneur = nodes.container()
        self.state.nested_parse(StringList(lignes, self.get_source_info()[0]),
                                self.content_offset, conteneur)
        return conteneur.children


def setup(app: Sphinx) -> None:
    app.add_directive("sommaire-modules", SommaireModules)
    app.add_config_value("pp_selection", LIVRE, "env", types=[str])
    app.add_config_value("pp_modules", [], "env", types=[list])
    app.add_config_value("pp_parcours", None, "env")
    app.connect("config-inited", choisir, priority=100)
