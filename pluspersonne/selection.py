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

from .langue import _, traduire_donnee
from .messages import arreter, suggestion

#: Forme d'un slug : minuscules ASCII, chiffres, tirets simples.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Dossier des modules, relatif à la racine du projet.
DOSSIER = "modules"
#: Fichier de parcours qui définit le livre entier.
LIVRE = "curricula/livre.yml"


#: Éléments d'un programme qui ne sont pas des modules : clé → libellé affiché.
TEMPS = {"accueil": _("Accueil"), "pause": _("Pause"), "clôture": _("Clôture")}
#: Heure de début : « 14:00 » ou « 9:30 ».
HEURE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass
class Element:
    """Un élément du programme d'une séance : un module dans l'un de ses formats, ou
    un temps de l'animation (accueil, pause, clôture) avec sa durée."""

    sorte: str  #: "module", ou une clé de TEMPS
    ligne: int
    slug: str = ""
    format: str = ""
    minutes: int = 0  #: pour un temps ; pour un module, la durée de son format
    texte: str = ""


@dataclass
class Seance:
    """Une séance : son programme, sa durée prévue, son heure de début."""

    titre: str
    ligne: int
    elements: list[Element]
    duree: int | None = None
    debut: int | None = None  #: minutes depuis minuit


@dataclass
class Parcours:
    """Un parcours : soit une suite de modules (le livre), soit un programme minuté
    en une ou plusieurs séances, chaque module dans l'un de ses formats."""

    chemin: str
    titre: str
    public: list[str]
    modules: list[str]
    lignes_modules: dict[str, int] = field(default_factory=dict)
    seances: list[Seance] = field(default_factory=list)
    introduction: str = ""
    duree: int | None = None
    participants: int | None = None
    lignes: dict[str, int] = field(default_factory=dict)

    @property
    def nom(self) -> str:
        return Path(self.chemin).stem

    @property
    def minute(self) -> bool:
        """Vrai pour un programme minuté (séances), faux pour une suite de modules."""
        return bool(self.seances)


def formats_declares(racine: Path, slug: str) -> list[str]:
    """Les noms des formats d'un module, lus dans sa source (``.. format:: nom``)."""
    chemin = racine / DOSSIER / slug / "index.rst"
    try:
        texte = chemin.read_text(encoding="utf-8")
    except OSError:
        return []
    return re.findall(r"^\.\. format::[ \t]+(\S+)[ \t]*$", texte, re.MULTILINE)


def heure_lisible(minutes: int) -> str:
    """840 → « 14:00 » ; au-delà de minuit, l'heure reprend à 0."""
    heures, reste = divmod(minutes, 60)
    return f"{heures % 24}:{reste:02d}"


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


def titre_traduit(racine: Path, langue: str, slug: str) -> str:
    """Le titre d'un module dans la langue de l'édition : lu dans le catalogue de sa page
    (``locale/<langue>/LC_MESSAGES/modules/<slug>/index.po``), le français sinon."""
    titre = titre_module(racine, slug)
    if langue == "fr":
        return titre
    catalogue = racine / "locale" / langue / "LC_MESSAGES" / DOSSIER / slug / "index.po"
    if not catalogue.is_file():
        return titre
    from babel.messages.pofile import read_po

    with catalogue.open("rb") as fichier:
        messages = read_po(fichier)
    source = _ligne_de_titre(racine, slug)
    message = messages.get(source) if source else None
    if message is None or not message.string or message.fuzzy:
        return titre
    return re.sub(r"(\*\*|\*|``|`)", "", message.string)


def _ligne_de_titre(racine: Path, slug: str) -> str | None:
    """Le titre d'un module tel qu'écrit dans sa source (balisage compris)."""
    lignes = (racine / DOSSIER / slug / "index.rst").read_text(encoding="utf-8").splitlines()
    for ligne, suivante in zip(lignes, lignes[1:]):
        texte = ligne.strip()
        if (texte and not texte.startswith("..") and re.fullmatch(r"=+", suivante.strip())
                and len(suivante.strip()) >= len(texte)):
            return texte
    return None


def docname(slug: str) -> str:
    return f"{DOSSIER}/{slug}/index"


def slug_de(doc: str) -> str | None:
    """Le slug du module auquel appartient un document, ou None."""
    parties = doc.split("/")
    if len(parties) >= 3 and parties[0] == DOSSIER:
        return parties[1]
    return None


class YamlInvalide(Exception):
    """Fichier YAML illisible : message en français et lieu (``fichier:ligne``)."""

    def __init__(self, message: str, lieu: str):
        super().__init__(message)
        self.message, self.lieu = message, lieu


class _Chargeur(yaml.SafeLoader):
    """YAML sûr, où « 14:00 » reste une heure écrite (YAML 1.1 y lirait 840)."""


_Chargeur.yaml_implicit_resolvers = {
    debut: [(etiquette, motif) for etiquette, motif in resolveurs
            if not (etiquette == "tag:yaml.org,2002:int" and ":" in motif.pattern)]
    for debut, resolveurs in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Chargeur.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"))


def lire_yaml(chemin: Path, relatif: str):
    """Le YAML d'un fichier, en nœuds (avec leurs lignes) et en valeurs Python."""
    texte = chemin.read_text(encoding="utf-8")
    try:
        return yaml.compose(texte, Loader=_Chargeur), yaml.load(texte, Loader=_Chargeur)
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
                       "et programme (voir docs/parcours.rst).", f"{relatif}:1")]
    lecteur = _LecteurParcours(racine, relatif, connus)
    return lecteur.lire(racine_yaml, valeurs), lecteur.erreurs


class _LecteurParcours:
    """Lecture d'un fichier de parcours ; chaque erreur nomme sa ligne et la correction."""

    CLES = ("titre", "public", "introduction", "durée", "début", "participants", "modules",
            "programme", "séances")

    def __init__(self, racine: Path, relatif: str, connus: list[str]):
        self.racine, self.relatif, self.connus = racine, relatif, connus
        self.erreurs: list[tuple[str, str]] = []

    def erreur(self, message: str, ligne: int) -> None:
        self.erreurs.append((message, f"{self.relatif}:{ligne}"))

    @staticmethod
    def lignes_de(noeud: yaml.MappingNode) -> dict[str, int]:
        return {cle.value: cle.start_mark.line + 1 for cle, _ in noeud.value}

    def minutes(self, valeur, quoi: str, ligne: int, exemple: str) -> int | None:
        if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur > 0:
            return valeur
        self.erreur(f"{quoi} invalide « {valeur} » : indiquez un nombre entier de minutes, "
                    f"par exemple « {exemple} ».", ligne)
        return None

    def heure(self, valeur, ligne: int) -> int | None:
        m = HEURE.match(str(valeur).strip()) if isinstance(valeur, str) else None
        if not m:
            self.erreur(f"heure de début invalide « {valeur} » : écrivez-la entre guillemets, "
                        "en heures et minutes, par exemple « début: \"14:00\" ».", ligne)
            return None
        return int(m.group(1)) * 60 + int(m.group(2))

    def lire(self, racine_yaml: yaml.MappingNode, valeurs: dict) -> Parcours:
        lignes = self.lignes_de(racine_yaml)
        noeuds = {cle.value: noeud for cle, noeud in racine_yaml.value}
        for cle in valeurs:
            if cle not in self.CLES:
                self.erreur(f"clé inconnue « {cle} ».{suggestion(str(cle), self.CLES)} Clés "
                            f"possibles : {', '.join(self.CLES)}.", lignes.get(str(cle), 1))
        titre = valeurs.get("titre")
        if not isinstance(titre, str) or not titre.strip():
            self.erreur("champ « titre » manquant ou vide : ajoutez par exemple "
                        "« titre: Projection-débat de 1 h 30 ».", lignes.get("titre", 1))
        public = valeurs.get("public")
        if isinstance(public, str):
            public = [p.strip() for p in public.split(",") if p.strip()]
        if not public or not all(isinstance(p, str) for p in public):
            self.erreur("champ « public » manquant ou vide : indiquez le public visé, par "
                        "exemple « public: travailleur·euses sociaux·ales ».",
                        lignes.get("public", 1))
            public = []
        parcours = Parcours(self.relatif, str(titre or ""), list(public), [],
                            introduction=str(valeurs.get("introduction") or "").strip(),
                            lignes=lignes)
        if "participants" in valeurs:
            parcours.participants = self.minutes(
                valeurs["participants"], "nombre de participant·es", lignes["participants"],
                "participants: 16")
        formes = [c for c in ("modules", "programme", "séances") if c in valeurs]
        if len(formes) != 1:
            self.erreur("un parcours a soit « programme: » (une séance minutée), soit "
                        "« séances: » (plusieurs séances), soit « modules: » (une simple suite "
                        "de modules, comme le livre) : "
                        + ("gardez-en une seule." if formes else "ajoutez-en une (voir "
                           "docs/parcours.rst)."), lignes.get(formes[-1], 1) if formes else 1)
            return parcours
        forme = formes[0]
        if forme == "modules":
            for cle in ("durée", "début"):
                if cle in valeurs:
                    self.erreur(f"« {cle}: » n'a de sens que pour une séance minutée : "
                                "remplacez « modules: » par « programme: », chaque module avec "
                                "son format (« - module: contexte » puis « format: court »).",
                                lignes[cle])
            self.lire_modules(noeuds["modules"], valeurs["modules"], parcours, lignes["modules"])
        else:
            if "durée" in valeurs:
                parcours.duree = self.minutes(valeurs["durée"], "durée", lignes["durée"],
                                              "durée: 90")
            if forme == "programme":
                debut = (self.heure(valeurs["début"], lignes["début"])
                         if "début" in valeurs else None)
                seance = Seance("", lignes.get("durée", lignes["programme"]), [], parcours.duree,
                                debut)
                self.lire_programme(noeuds["programme"], valeurs["programme"], seance,
                                    parcours, lignes["programme"])
                parcours.seances = [seance]
            else:
                if "début" in valeurs:
                    self.erreur("avec plusieurs séances, l'heure de début se donne dans chaque "
                                "séance (« début: \"14:00\" » sous son titre).", lignes["début"])
                self.lire_seances(noeuds["séances"], valeurs["séances"], parcours,
                                  lignes["séances"])
        return parcours

    def ajouter_module(self, parcours: Parcours, slug: str, ligne: int) -> bool:
        if slug not in self.connus:
            self.erreur(f"module inconnu « {slug} ».{suggestion(slug, self.connus)} "
                        f"Modules existants : {', '.join(self.connus)}.", ligne)
            return False
        if slug in parcours.lignes_modules:
            self.erreur(f"le module « {slug} » apparaît deux fois : retirez le doublon.", ligne)
            return False
        parcours.modules.append(slug)
        parcours.lignes_modules[slug] = ligne
        return True

    def lire_modules(self, noeud, valeur, parcours: Parcours, ligne_cle: int) -> None:
        if not isinstance(noeud, yaml.SequenceNode) or not noeud.value:
            self.erreur("la liste « modules » est absente ou vide : indiquez au moins un slug "
                        f"de module, un par ligne (« - contexte »). Modules existants : "
                        f"{', '.join(self.connus)}.", ligne_cle)
            return
        for sous_noeud, element in zip(noeud.value, valeur):
            ligne = sous_noeud.start_mark.line + 1
            if isinstance(element, str):
                self.ajouter_module(parcours, element.strip(), ligne)
                continue
            if isinstance(element, dict) and ("durée" in element or "séance" in element):
                cle = "durée" if "durée" in element else "séance"
                self.erreur(f"« {cle}: » sur un module n'est plus accepté : un parcours minuté "
                            "choisit un format de chaque module, sans rien couper. Remplacez "
                            "« modules: » par « programme: » (ou « séances: ») et écrivez "
                            "« - module: <slug> » puis « format: court » en dessous "
                            "(les formats de chaque module sont dans le catalogue).", ligne)
                continue
            self.erreur("dans « modules: », chaque élément est un slug (« - contexte ») ; pour "
                        "choisir un format, utilisez « programme: » (voir docs/parcours.rst).",
                        ligne)

    def lire_seances(self, noeud, valeur, parcours: Parcours, ligne_cle: int) -> None:
        if not isinstance(noeud, yaml.SequenceNode) or not noeud.value:
            self.erreur("la liste « séances » est vide : donnez au moins une séance, avec "
                        "« - titre: … » et son « programme: ».", ligne_cle)
            return
        for numero, (sous_noeud, element) in enumerate(zip(noeud.value, valeur), 1):
            ligne = sous_noeud.start_mark.line + 1
            if not isinstance(element, dict) or not isinstance(sous_noeud, yaml.MappingNode):
                self.erreur("chaque séance est un bloc avec « titre: », « durée: » (facultatif), "
                            "« début: » (facultatif) et « programme: ».", ligne)
                continue
            lignes = self.lignes_de(sous_noeud)
            noeuds = {cle.value: n for cle, n in sous_noeud.value}
            for cle in element:
                if cle not in ("titre", "durée", "début", "programme"):
                    self.erreur(f"clé inconnue « {cle} » dans une séance."
                                f"{suggestion(str(cle), ('titre', 'durée', 'début', 'programme'))}"
                                " Clés possibles : titre, durée, début, programme.",
                                lignes.get(str(cle), ligne))
            titre = element.get("titre")
            titre = titre.strip() if isinstance(titre, str) and titre.strip() else f"Séance {numero}"
            duree = (self.minutes(element["durée"], "durée de séance", lignes["durée"], "durée: 50")
                     if "durée" in element else None)
            debut = self.heure(element["début"], lignes["début"]) if "début" in element else None
            seance = Seance(titre, lignes.get("durée", ligne), [], duree, debut)
            if "programme" not in element:
                self.erreur(f"la séance « {titre} » n'a pas de « programme: » : ajoutez la liste "
                            "de ses modules et de ses temps.", ligne)
            else:
                self.lire_programme(noeuds["programme"], element["programme"], seance, parcours,
                                    lignes["programme"])
            parcours.seances.append(seance)

    def lire_programme(self, noeud, valeur, seance: Seance, parcours: Parcours,
                       ligne_cle: int) -> None:
        exemple = ("« - module: contexte » avec « format: court » en dessous, ou un temps : "
                   "« - accueil: 10 », « - pause: 15 », « - clôture: 10 »")
        if not isinstance(noeud, yaml.SequenceNode) or not noeud.value:
            self.erreur(f"le programme est vide : ajoutez un élément par ligne, {exemple}.",
                        ligne_cle)
            return
        for sous_noeud, element in zip(noeud.value, valeur):
            ligne = sous_noeud.start_mark.line + 1
            if isinstance(element, str):
                formats = formats_declares(self.racine, element.strip())
                self.erreur(f"« {element} » : choisissez le format du module, « - module: "
                            f"{element.strip()} » puis « format: "
                            f"{formats[0] if formats else 'court'} » en dessous"
                            + (f" (formats de ce module : {', '.join(formats)})." if formats
                               else "."), ligne)
                continue
            if not isinstance(element, dict):
                self.erreur(f"élément de programme invalide : {exemple}.", ligne)
                continue
            temps = [c for c in TEMPS if c in element]
            if "module" in element:
                lignes = (self.lignes_de(sous_noeud) if isinstance(sous_noeud, yaml.MappingNode)
                          else {})
                self.lire_element_module(element, ligne, lignes, seance, parcours)
            elif len(temps) == 1:
                cle = temps[0]
                for autre in element:
                    if autre not in (cle, "texte"):
                        self.erreur(f"clé inconnue « {autre} » pour « {cle} » : seules « {cle}: "
                                    "<minutes> » et « texte: » (facultatif) sont possibles.",
                                    ligne)
                minutes = self.minutes(element[cle], f"durée de « {cle} »", ligne, f"{cle}: 10")
                texte = element.get("texte")
                if texte is not None and not (isinstance(texte, str) and texte.strip()):
                    self.erreur(f"« texte: » de « {cle} » vide : écrivez une phrase ou retirez "
                                "la ligne.", ligne)
                    texte = ""
                if minutes:
                    seance.elements.append(Element(cle, ligne, minutes=minutes,
                                                   texte=str(texte or "").strip()))
            else:
                cles = ", ".join(map(str, element))
                self.erreur(f"élément de programme non reconnu ({cles}).{suggestion(cles, TEMPS)} "
                            f"Écrivez {exemple}.", ligne)

    def lire_element_module(self, element: dict, ligne: int, lignes: dict[str, int],
                            seance: Seance, parcours: Parcours) -> None:
        slug = element["module"]
        if not isinstance(slug, str) or not slug.strip():
            self.erreur("« module: » vide : indiquez le slug d'un module.", ligne)
            return
        slug = slug.strip()
        for cle in element:
            if cle == "durée":
                self.erreur(f"« durée: » sur le module « {slug} » n'est plus accepté : rien "
                            "n'est coupé sans le dire. Choisissez plutôt un format du module "
                            "qui tient dans le temps voulu (« format: court » ; formats de ce "
                            f"module : {', '.join(formats_declares(self.racine, slug)) or '?'}).",
                            lignes.get("durée", ligne))
                return
            if cle not in ("module", "format"):
                self.erreur(f"clé inconnue « {cle} » pour le module « {slug} ». Clés possibles : "
                            "module, format.", ligne)
        if not self.ajouter_module(parcours, slug, ligne):
            return
        formats = formats_declares(self.racine, slug)
        choisi = element.get("format")
        if not isinstance(choisi, str) or not choisi.strip():
            self.erreur(f"format manquant pour le module « {slug} » : ajoutez « format: "
                        f"{formats[0] if formats else 'court'} » sous « - module: {slug} »"
                        + (f" (formats de ce module : {', '.join(formats)})." if formats else "."),
                        ligne)
            return
        choisi = choisi.strip()
        if choisi not in formats:
            self.erreur(f"format inconnu « {choisi} » pour le module « {slug} »."
                        f"{suggestion(choisi, formats)} Formats de ce module : "
                        f"{', '.join(formats) or 'aucun'}.", lignes.get("format", ligne))
            return
        seance.elements.append(Element("module", ligne, slug=slug, format=choisi))


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
        slugs = [s.strip() for s in valeur.split(",") if s.strip()]
        parcours = Parcours("", "", [], slugs)
        erreurs = []
        for slug in sorted({s for s in slugs if s not in connus}):
            erreurs.append((f"PP_SELECTION : module inconnu « {slug} ».{suggestion(slug, connus)}"
                            f" Modules existants : {', '.join(connus)}.", None))
        if len(set(slugs)) != len(slugs):
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
        nom, titre = parcours.nom, traduire_donnee(parcours.titre)
        config.html_title = config.epub_title = titre
    config.epub_basename = nom
    if nom != "plus-personne":
        config.epub_uid = config.epub_identifier = f"plus-personne-{nom}"
    if app.tags.has("facile"):
        # Les fiches facile à lire, une par module (conf.py les met en grands caractères).
        config.latex_documents = [
            (docname(slug), f"{slug}-facile.tex", titre_traduit(racine, config.language, slug),
             config.author, "howto") for slug in parcours.modules]
        return
    participant = app.tags.has("participant")
    suffixe = "-participant" if participant else ""
    edition = str(_(" (édition participant·e)")) if participant else ""
    documents = [("index", f"{nom}{suffixe}.tex", titre + edition, config.author, "manual")]
    if not participant:
        documents += [
            ("docs/deroule", "deroule.tex", str(_("Déroulé\u00a0: {titre}")).format(titre=titre),
             config.author, "howto"),
            ("docs/questions", "questions.tex",
             str(_("Banque de questions\u00a0: {titre}")).format(titre=titre),
             config.author, "howto"),
        ]
    if config.pp_fiches_modules:
        documents += [
            (docname(slug), f"{slug}{suffixe}.tex",
             titre_traduit(racine, config.language, slug) + edition, config.author, "howto")
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
    app.add_config_value("pp_fiches_modules", True, "env", types=[bool])
    app.connect("config-inited", choisir, priority=100)
