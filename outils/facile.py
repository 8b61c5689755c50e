"""Vérifie les textes « En facile à lire » des modules : ``make lint``.

Chaque module a une section « En facile à lire », écrite selon les règles du
français facile à lire (Inclusion Europe, *L'information pour tous*). Ce
vérificateur lit le texte de chaque section (le balisage reST retiré) et signale,
avec le fichier, la ligne et la règle :

- une moyenne de plus de 12 mots par phrase, une phrase de plus de 20 mots ;
- un paragraphe ou un élément de liste de plus de 3 phrases ;
- un sigle (lettres capitales) qui n'est pas écrit en entier dans ce texte, au
  plus tard à sa première apparition (« centre public d'action sociale (CPAS) » ou
  « CPAS veut dire … ») ; une abréviation (« etc. », « n° ») ;
- un mot de la liste ``mots-difficiles.txt`` que le texte n'explique pas (« X veut
  dire … », « X, c'est … ») ;
- un nombre écrit en lettres (« trois ») au lieu de chiffres ;
- une lisibilité trop faible : score de Flesch adapté au français par Kandel et
  Moles (textstat, ``set_lang("fr")``) d'au moins 90, et LIX d'au plus 35.

Avec ``--langue nl``, les mêmes règles valent pour la traduction néerlandaise de ces
textes, *In eenvoudige taal*, lue dans les catalogues ``locale/nl`` (les lignes
signalées sont celles du catalogue) : abréviations, nombres et tournures d'explication
néerlandais, liste ``moeilijke-woorden.txt``, et lisibilité mesurée par la formule de
Flesch adaptée au néerlandais par Douma (textstat, ``set_lang("nl")``) et par le LIX ;
les seuils néerlandais sont fixés d'après les mesures que ``make bench`` affiche.

Usage : python outils/facile.py [--langue nl] [fichier ou dossier ...]   (défaut : modules)
        python outils/facile.py [--langue nl] --scores   (scores de chaque texte)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Pattern

RACINE = Path(__file__).resolve().parent.parent
TITRE = "En facile à lire"
MOTS_DIFFICILES = RACINE / "mots-difficiles.txt"
#: Seuils (voir la docstring).
MOYENNE_MAX, PHRASE_MAX, PHRASES_PAR_BLOC = 12, 20, 3
LISIBILITE_MIN, LIX_MAX = 90, 35
SOULIGNE = re.compile(r"^\s*([=\-~^\"'`#*+])\1{2,}\s*$")
SIGLE = re.compile(r"(?<![\w·-])[A-ZÀ-Ý]{2,}(?![\w·-])")
FIN_DE_PHRASE = re.compile(r"(?<=[.!?…:])\s+(?=[«\"“‘(\w])|(?<=[.!?…])$")


@dataclass(frozen=True)
class Regles:
    """Ce qui change d'une langue à l'autre dans les règles du texte facile à lire."""

    titre: str
    langue: str  #: pour textstat
    mesure: str  #: le nom de la formule de lisibilité
    lisibilite_min: float
    lix_max: float
    mots_difficiles: Path
    abreviations: tuple[str, ...]
    nombres: tuple[str, ...]
    #: Ce qui introduit une explication dans une phrase.
    explications: Pattern
    #: « SIGLE veut dire », « SIGLE betekent » (après le sigle).
    sigle_explique: str


FRANCAIS = Regles(
    titre=TITRE, langue="fr", mesure="Kandel et Moles",
    lisibilite_min=LISIBILITE_MIN, lix_max=LIX_MAX, mots_difficiles=MOTS_DIFFICILES,
    abreviations=("etc.", "p. ex.", "ex.", "n°", "cf.", "env.", "M.", "Mme", "min.", "càd",
                  "c.-à-d."),
    nombres=tuple("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                  "quinze seize dix-sept dix-huit dix-neuf vingt trente quarante cinquante "
                  "soixante cent cents mille".split()),
    explications=re.compile(r"\b(veut dire|veulent dire|c'est|ce sont|signifie|on appelle|"
                            r"est le nom|s'appelle|s'appellent)\b", re.IGNORECASE),
    sigle_explique=r"(veut dire|c'est)",
)
NEERLANDAIS = Regles(
    titre="In eenvoudige taal", langue="nl", mesure="Flesch–Douma",
    # Seuils fixés d'après les mesures (make bench, décembre 2026) : les douze textes
    # In eenvoudige taal vont de 75,6 à 89,7 (Flesch–Douma) et de 26 à 32 (LIX) ; le reste
    # des modules traduits, de 59 à 70 et de 39 à 46. 75 et 35 passent entre les deux (le
    # LIX a le même seuil qu'en français).
    lisibilite_min=75, lix_max=35, mots_difficiles=RACINE / "moeilijke-woorden.txt",
    abreviations=("enz.", "bv.", "bijv.", "nr.", "o.a.", "m.a.w.", "d.w.z.", "i.p.v.",
                  "t.o.v.", "vb.", "ca.", "resp.", "evt."),
    nombres=tuple("twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
                  "vijftien zestien zeventien achttien negentien twintig dertig veertig "
                  "vijftig zestig zeventig tachtig negentig honderd duizend".split()),
    explications=re.compile(r"\b(betekent|betekenen|wil zeggen|willen zeggen|dat is|dat zijn|"
                            r"is een|zijn de|noemen we|noemt men|heet|heten)\b", re.IGNORECASE),
    sigle_explique=r"(betekent|wil zeggen|is)",
)
REGLES = {"fr": FRANCAIS, "nl": NEERLANDAIS}


@dataclass
class Bloc:
    """Un paragraphe ou un élément de liste : ses lignes (numéro, texte nettoyé)."""

    lignes: list[tuple[int, str]]
    #: Le texte tel qu'écrit dans la source (balisage compris) : le message du catalogue.
    source: str = ""

    @property
    def ligne(self) -> int:
        return self.lignes[0][0]

    @property
    def texte(self) -> str:
        return " ".join(t for _, t in self.lignes if t)

    def phrases(self) -> list[tuple[int, str]]:
        """(ligne où elle commence, phrase) de chaque phrase du bloc."""
        debuts, position = [], 0
        for numero, texte in self.lignes:
            if texte:
                debuts.append((position, numero))
                position += len(texte) + 1
        resultat, debut = [], 0
        texte = self.texte
        for fin in [m.start() for m in FIN_DE_PHRASE.finditer(texte)] + [len(texte)]:
            phrase = texte[debut:fin].strip()
            if phrase:
                ligne = max((n for p, n in debuts if p <= debut + (len(texte[debut:fin])
                                                                   - len(texte[debut:fin].lstrip()))),
                            default=self.ligne)
                resultat.append((ligne, phrase))
            debut = fin
        return resultat


@dataclass
class Texte:
    """Le texte « En facile à lire » d'un fichier."""

    chemin: Path
    ligne: int
    blocs: list[Bloc] = field(default_factory=list)

    @property
    def brut(self) -> str:
        return "\n\n".join(b.texte for b in self.blocs)


def nettoyer(ligne: str) -> str:
    """Le texte lu par une personne : rôles, notes et balisage retirés."""
    ligne = re.sub(r":footcite(?::\w+)?:`[^`]*`", "", ligne)
    ligne = re.sub(r":[\w:-]+:`([^`<]*?)\s*<[^>]*>`", r"\1", ligne)
    ligne = re.sub(r":[\w:-]+:`([^`]*)`", r"\1", ligne)
    ligne = re.sub(r"``([^`]*)``", r"\1", ligne)
    ligne = re.sub(r"\*\*([^*]+)\*\*|\*([^*]+)\*", lambda m: m.group(1) or m.group(2), ligne)
    ligne = ligne.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", ligne).strip()


def lire(chemin: Path) -> Texte | None:
    """La section « En facile à lire » d'un fichier reST, découpée en blocs."""
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    debut = next((i for i, (l, s) in enumerate(zip(lignes, lignes[1:]))
                  if l.strip() == TITRE and SOULIGNE.match(s)), None)
    if debut is None:
        return None
    texte = Texte(chemin, debut + 1)
    courant: list[tuple[int, str]] = []

    def fermer() -> None:
        nonlocal courant
        bloc = Bloc([(n, nettoyer(t)) for n, t in courant], " ".join(t for _, t in courant))
        if bloc.texte:
            texte.blocs.append(bloc)
        courant = []

    ignore: int | None = None
    for i in range(debut + 2, len(lignes)):
        ligne = lignes[i]
        if i + 1 < len(lignes) and ligne.strip() and SOULIGNE.match(lignes[i + 1]) \
                and len(lignes[i + 1].strip()) >= len(ligne.strip()):
            break  # section suivante
        retrait = len(ligne) - len(ligne.lstrip())
        if ignore is not None:
            if ligne.strip() and retrait <= ignore:
                ignore = None
            else:
                continue
        contenu = ligne.strip()
        if not contenu:
            fermer()
            continue
        if contenu.startswith(".. "):
            fermer()
            ignore = retrait
            continue
        puce = re.match(r"^(?:[-*+]|#\.|\d+\.)\s+(.*)$", contenu)
        if puce:
            fermer()
            courant = [(i + 1, puce.group(1))]
            continue
        courant.append((i + 1, contenu))
    fermer()
    return texte


def mots(phrase: str) -> list[str]:
    return [m for m in re.split(r"[\s'’]+", phrase) if re.search(r"[\w]", m)]


def mots_difficiles(chemin: Path = MOTS_DIFFICILES) -> list[str]:
    return [l.strip().lower() for l in chemin.read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.lstrip().startswith("#")]


def scores(texte: str, regles: Regles = FRANCAIS) -> tuple[float, float]:
    """(lisibilité de Flesch adaptée à la langue, LIX) du texte, par textstat : Kandel et
    Moles pour le français, Douma pour le néerlandais."""
    import textstat

    textstat.set_lang(regles.langue)
    return textstat.flesch_reading_ease(texte), textstat.lix(texte)


def traduire(texte: Texte, catalogue, nom: str) -> tuple[Texte, list[tuple[int, str, str]]]:
    """Le texte facile à lire dans la langue d'un catalogue (un bloc par message), et les
    blocs sans traduction."""
    traduit = Texte(texte.chemin, 1)
    manquants = []
    for bloc in texte.blocs:
        entree = catalogue.get(bloc.source) if catalogue is not None else None
        if entree is None or not entree.string or entree.fuzzy:
            manquants.append((bloc.ligne, "traduction",
                              f"pas de traduction (ou « fuzzy ») dans {nom} pour « "
                              f"{bloc.texte[:60]} » : lancez « make traduction » puis "
                              "traduisez-le."))
            continue
        traduit.blocs.append(Bloc([(entree.lineno, nettoyer(entree.string))], entree.string))
    if traduit.blocs:
        traduit.ligne = traduit.blocs[0].ligne
    return traduit, manquants


def verifier(texte: Texte, difficiles: list[str],
             regles: Regles = FRANCAIS) -> list[tuple[int, str, str]]:
    """(ligne, règle, message) de chaque écart aux règles."""
    fautes: list[tuple[int, str, str]] = []
    if not texte.blocs:
        return [(texte.ligne, "vide", "la section est vide : écrivez le texte facile à lire.")]
    toutes: list[tuple[int, str]] = []
    for bloc in texte.blocs:
        liste = bloc.phrases()
        toutes += liste
        if len(liste) > PHRASES_PAR_BLOC:
            fautes.append((bloc.ligne, "paragraphe",
                           f"{len(liste)} phrases dans ce paragraphe (au plus "
                           f"{PHRASES_PAR_BLOC}) : coupez-le en deux."))
    longueurs = []
    for ligne, phrase in toutes:
        n = len(mots(phrase))
        longueurs.append(n)
        if n > PHRASE_MAX:
            fautes.append((ligne, "phrase longue",
                           f"phrase de {n} mots (au plus {PHRASE_MAX}) : coupez-la. « {phrase} »"))
    moyenne = sum(longueurs) / len(longueurs)
    if moyenne > MOYENNE_MAX:
        fautes.append((texte.ligne, "moyenne",
                       f"{moyenne:.1f} mots par phrase en moyenne (au plus {MOYENNE_MAX}) : "
                       "raccourcissez les phrases."))
    # Sigles : écrits en entier au plus tard à leur première apparition.
    premiers: dict[str, int] = {}
    expliques: dict[str, int] = {}
    for rang, (ligne, phrase) in enumerate(toutes):
        for sigle in SIGLE.findall(phrase):
            premiers.setdefault(sigle, rang)
            if re.search(rf"\({re.escape(sigle)}\)|\b{re.escape(sigle)}\b,? "
                         rf"{regles.sigle_explique}", phrase):
                expliques.setdefault(sigle, rang)
    for sigle, rang in premiers.items():
        if sigle not in expliques or expliques[sigle] > rang:
            fautes.append((toutes[rang][0], "sigle",
                           f"sigle « {sigle} » non expliqué à sa première apparition : écrivez "
                           f"le nom en entier, suivi du sigle entre parenthèses, ou « {sigle} "
                           f"{'veut dire' if regles.langue == 'fr' else 'betekent'} … »."))
    for ligne, phrase in toutes:
        for abreviation in regles.abreviations:
            if re.search(rf"(?<![\w]){re.escape(abreviation)}(?![\w])", phrase):
                fautes.append((ligne, "abréviation",
                               f"abréviation « {abreviation} » : écrivez le mot en entier."))
        for mot in mots(phrase):
            if mot.lower().strip(".,;:!?«»“”‘’()") in regles.nombres:
                fautes.append((ligne, "nombre",
                               f"nombre écrit en lettres « {mot.strip('.,;:!?«»()')} » : "
                               "écrivez-le en chiffres."))
    # Mots difficiles : expliqués dans une phrase du texte.
    for difficile in difficiles:
        motif = re.compile(rf"(?<![\w-]){re.escape(difficile)}(?![\w-])", re.IGNORECASE)
        emplois = [(l, p) for l, p in toutes if motif.search(p)]
        if emplois and not any(regles.explications.search(p) for _, p in emplois):
            tournure = "veut dire" if regles.langue == "fr" else "betekent"
            fautes.append((emplois[0][0], "mot difficile",
                           f"mot difficile « {difficile} » non expliqué : expliquez-le dans une "
                           f"phrase (« {difficile} {tournure} … ») ou remplacez-le par un mot "
                           "courant."))
    lisibilite, lix = scores(texte.brut, regles)
    if lisibilite < regles.lisibilite_min or lix > regles.lix_max:
        fautes.append((texte.ligne, "lisibilité",
                       f"lisibilité trop faible : score de {regles.mesure} {lisibilite:.0f} (au "
                       f"moins {regles.lisibilite_min}), LIX {lix:.0f} (au plus "
                       f"{regles.lix_max}). Raccourcissez les phrases et préférez des mots "
                       "courts et courants."))
    return sorted(fautes)


def prose_du_module(chemin: Path) -> str:
    """Le texte courant d'un module hors section facile à lire : pour comparer les scores."""
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    texte: list[str] = []
    ignore: int | None = None
    facile = False
    for i, ligne in enumerate(lignes):
        suivante = lignes[i + 1] if i + 1 < len(lignes) else ""
        if ligne.strip() and SOULIGNE.match(suivante):
            facile = ligne.strip() == TITRE
            continue
        if SOULIGNE.match(ligne) or facile:
            continue
        retrait = len(ligne) - len(ligne.lstrip())
        if ignore is not None:
            if ligne.strip() and retrait <= ignore:
                ignore = None
            else:
                continue
        if ligne.lstrip().startswith(".. "):
            ignore = retrait
            continue
        if ligne.strip():
            texte.append(nettoyer(re.sub(r"^(?:[-*+]|#\.|\d+\.)\s+", "", ligne.strip())))
    return " ".join(texte)


def fichiers(chemins: list[str]) -> list[Path]:
    resultat: list[Path] = []
    for chemin in map(Path, chemins):
        if chemin.is_dir():
            resultat += sorted(p / "index.rst" for p in chemin.iterdir()
                               if (p / "index.rst").is_file() and not p.name.startswith("_"))
        else:
            resultat.append(chemin)
    return resultat


def relatif(chemin: Path) -> str:
    try:
        return str(chemin.resolve().relative_to(RACINE))
    except ValueError:
        return str(chemin)


def catalogue_du_module(chemin: Path, langue: str):
    """(catalogue Babel ou None, chemin relatif) de la traduction d'un module."""
    from babel.messages.pofile import read_po

    po = RACINE / "locale" / langue / "LC_MESSAGES" / "modules" / chemin.parent.name / "index.po"
    if not po.is_file():
        return None, relatif(po)
    with po.open("rb") as fichier:
        return read_po(fichier), relatif(po)


def prose_traduite(chemin: Path, langue: str) -> str:
    """Le texte courant traduit d'un module, hors texte facile : pour comparer les scores."""
    catalogue, _nom = catalogue_du_module(chemin, langue)
    if catalogue is None:
        return ""
    texte = lire(chemin)
    facile = {b.source for b in texte.blocs} if texte else set()
    return " ".join(nettoyer(e.string) for e in catalogue
                    if e.id and e.string and not e.fuzzy and e.id not in facile
                    and len(e.id.split()) > 3)


def main(arguments: list[str]) -> int:
    montrer_scores = "--scores" in arguments
    arguments = [a for a in arguments if a != "--scores"]
    langue = "fr"
    if "--langue" in arguments:
        i = arguments.index("--langue")
        langue = arguments[i + 1] if i + 1 < len(arguments) else ""
        arguments = arguments[:i] + arguments[i + 2:]
        if langue not in REGLES:
            print(f"langue inconnue « {langue} » : choisissez {' ou '.join(REGLES)}.",
                  file=sys.stderr)
            return 2
    regles = REGLES[langue]
    chemins = arguments or [str(RACINE / "modules")]
    difficiles = mots_difficiles(regles.mots_difficiles)
    total = 0
    for chemin in fichiers(chemins):
        texte = lire(chemin)
        nom = relatif(chemin)
        if texte is None:
            print(f"{nom}:1: [facile] section « {TITRE} » absente : ajoutez-la "
                  "après « L'essentiel » (voir CONTRIBUTING.md).")
            total += 1
            continue
        if langue != "fr":
            catalogue, nom = catalogue_du_module(chemin, langue)
            texte, manquants = traduire(texte, catalogue, nom)
            for ligne, regle, message in manquants:
                print(f"{relatif(chemin)}:{ligne}: [facile, {regle}] {message}")
                total += 1
            if not texte.blocs:
                continue
        for ligne, regle, message in verifier(texte, difficiles, regles):
            print(f"{nom}:{ligne}: [facile, {regle}] {message}")
            total += 1
        if montrer_scores:
            lisibilite, lix = scores(texte.brut, regles)
            print(f"{nom}: lisibilité ({regles.mesure}) {lisibilite:.0f}, LIX {lix:.0f}")
    if total:
        print(f"{total} écart(s) aux règles du facile à lire"
              f"{'' if langue == 'fr' else ' (' + regles.titre + ')'}.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
