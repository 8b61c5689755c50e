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

Usage : python outils/facile.py [fichier ou dossier ...]   (défaut : modules)
        python outils/facile.py --scores                  (scores de chaque texte)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
TITRE = "En facile à lire"
MOTS_DIFFICILES = RACINE / "mots-difficiles.txt"
#: Seuils (voir la docstring).
MOYENNE_MAX, PHRASE_MAX, PHRASES_PAR_BLOC = 12, 20, 3
LISIBILITE_MIN, LIX_MAX = 90, 35
ABREVIATIONS = ["etc.", "p. ex.", "ex.", "n°", "cf.", "env.", "M.", "Mme", "min.", "càd",
                "c.-à-d."]
NOMBRES = ("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
           "seize dix-sept dix-huit dix-neuf vingt trente quarante cinquante soixante "
           "cent cents mille").split()
#: Ce qui introduit une explication dans une phrase.
EXPLICATIONS = re.compile(r"\b(veut dire|veulent dire|c'est|ce sont|signifie|on appelle|"
                          r"est le nom|s'appelle|s'appellent)\b", re.IGNORECASE)
SOULIGNE = re.compile(r"^\s*([=\-~^\"'`#*+])\1{2,}\s*$")
SIGLE = re.compile(r"(?<![\w·-])[A-ZÀ-Ý]{2,}(?![\w·-])")
FIN_DE_PHRASE = re.compile(r"(?<=[.!?…:])\s+(?=[«\"(\w])|(?<=[.!?…])$")


@dataclass
class Bloc:
    """Un paragraphe ou un élément de liste : ses lignes (numéro, texte nettoyé)."""

    lignes: list[tuple[int, str]]

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
        bloc = Bloc([(n, nettoyer(t)) for n, t in courant])
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


def scores(texte: str) -> tuple[float, float]:
    """(lisibilité de Kandel et Moles, LIX) du texte, par textstat."""
    import textstat

    textstat.set_lang("fr")
    return textstat.flesch_reading_ease(texte), textstat.lix(texte)


def verifier(texte: Texte, difficiles: list[str]) -> list[tuple[int, str, str]]:
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
            if re.search(rf"\({re.escape(sigle)}\)|\b{re.escape(sigle)}\b,? (veut dire|c'est)",
                         phrase):
                expliques.setdefault(sigle, rang)
    for sigle, rang in premiers.items():
        if sigle not in expliques or expliques[sigle] > rang:
            fautes.append((toutes[rang][0], "sigle",
                           f"sigle « {sigle} » non expliqué à sa première apparition : écrivez "
                           f"le nom en entier, suivi du sigle entre parenthèses, ou « {sigle} "
                           "veut dire … »."))
    for ligne, phrase in toutes:
        for abreviation in ABREVIATIONS:
            if re.search(rf"(?<![\w]){re.escape(abreviation)}(?![\w])", phrase):
                fautes.append((ligne, "abréviation",
                               f"abréviation « {abreviation} » : écrivez le mot en entier."))
        for mot in mots(phrase):
            if mot.lower().strip(".,;:!?«»()") in NOMBRES:
                fautes.append((ligne, "nombre",
                               f"nombre écrit en lettres « {mot.strip('.,;:!?«»()')} » : "
                               "écrivez-le en chiffres."))
    # Mots difficiles : expliqués dans une phrase du texte.
    for difficile in difficiles:
        motif = re.compile(rf"(?<![\w-]){re.escape(difficile)}(?![\w-])", re.IGNORECASE)
        emplois = [(l, p) for l, p in toutes if motif.search(p)]
        if emplois and not any(EXPLICATIONS.search(p) for _, p in emplois):
            fautes.append((emplois[0][0], "mot difficile",
                           f"mot difficile « {difficile} » non expliqué : expliquez-le dans une "
                           f"phrase (« {difficile} veut dire … ») ou remplacez-le par un mot "
                           "courant."))
    lisibilite, lix = scores(texte.brut)
    if lisibilite < LISIBILITE_MIN or lix > LIX_MAX:
        fautes.append((texte.ligne, "lisibilité",
                       f"lisibilité trop faible : score de Kandel et Moles {lisibilite:.0f} (au "
                       f"moins {LISIBILITE_MIN}), LIX {lix:.0f} (au plus {LIX_MAX}). Raccourcissez"
                       " les phrases et préférez des mots courts et courants."))
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


def main(arguments: list[str]) -> int:
    montrer_scores = "--scores" in arguments
    chemins = [a for a in arguments if a != "--scores"] or [str(RACINE / "modules")]
    difficiles = mots_difficiles()
    total = 0
    for chemin in fichiers(chemins):
        texte = lire(chemin)
        if texte is None:
            print(f"{relatif(chemin)}:1: [facile] section « {TITRE} » absente : ajoutez-la "
                  "après « L'essentiel » (voir CONTRIBUTING.md).")
            total += 1
            continue
        for ligne, regle, message in verifier(texte, difficiles):
            print(f"{relatif(chemin)}:{ligne}: [facile, {regle}] {message}")
            total += 1
        if montrer_scores:
            lisibilite, lix = scores(texte.brut)
            print(f"{relatif(chemin)}: lisibilité {lisibilite:.0f}, LIX {lix:.0f}")
    if total:
        print(f"{total} écart(s) aux règles du facile à lire.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
