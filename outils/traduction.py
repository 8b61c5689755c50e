"""Vérifie les catalogues d'une traduction (``locale/nl``) : ``make lint``, ``make traduction``.

Pour chaque fichier ``.po`` du dossier, avec le fichier, la ligne et quoi faire :

- le fichier se lit : UTF-8, syntaxe gettext (un éditeur qui enregistre en Latin-1 ou
  coupe une chaîne est signalé, sans trace Python) ;
- aucun message n'est sans traduction ni marqué « fuzzy » (à revoir après un changement
  du français) ;
- avec ``--pot DOSSIER`` (les catalogues que ``make gettext`` vient d'extraire) : chaque
  texte français actuel est dans le catalogue ; sinon, le catalogue n'a pas été mis à
  jour (``make traduction``) ;
- chaque traduction garde les clés de ``:footcite:``, les cibles des renvois (``:ref:``,
  ``:doc:``, ``:term:``, ``:module-lie:``) et les adresses du texte français (voir
  ``pluspersonne.langue``) ; un ``:term:`` montre le terme néerlandais du glossaire
  (``:term:`OCMW <CPAS>```, pas ``:term:`CPAS```) ;
- la typographie néerlandaise : guillemets “ ” (et ‘ ’ à l'intérieur), pas d'espace
  avant « : ; ! ? », pas d'espace insécable à la française, pas de « » hors d'une
  citation française (rôle ``:fr:``), pas de point médian, « 60% » sans espace.

Usage : python outils/traduction.py [--pot DOSSIER_GETTEXT] [DOSSIER_LANGUE ...]
        (défaut : locale/nl)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))
sys.path.insert(0, str(RACINE / "outils"))

from typographie import BALISAGE  # noqa: E402

#: Une citation gardée en français : ses « » et ses espaces insécables sont permis.
CITATION = re.compile(r":fr:`[^`]*`")
REGLES_NL = [
    (re.compile(r"[\w”’)\]][ \u00a0\u202f]+[;:!?](?=\s|$)"),
     "espace avant « ; : ! ? » : en néerlandais, le signe suit le mot sans espace"),
    (re.compile(r"[«»]"),
     "guillemets « » hors d'une citation en français : utilisez “ ” (et ‘ ’ à l'intérieur),"
     " ou gardez la citation en français avec le rôle :fr:`« … »` suivi de "
     "(vertaling: “…”)"),
    (re.compile(r"\u202f|\u00a0(?=[;:!?%])"),
     "espace insécable à la française : retirez-la (l'espace fine U+202F et l'espace "
     "insécable avant « ; : ! ? % » n'existent pas en néerlandais)"),
    (re.compile(r"(?<=\w)·(?=\w)"),
     "point médian de l'écriture inclusive : écrivez une forme néerlandaise neutre "
     "(deelnemers, maatschappelijk werkers)"),
    (re.compile(r"\d[ \u00a0]%"), "espace avant « % » : écrivez 60%"),
    (re.compile(r'"'), 'guillemets droits "…" : utilisez “ ” (et ‘ ’ à l’intérieur)'),
    (re.compile(r"“[^”]*$|^[^“]*”"), "guillemets “ ” non appariés dans ce texte"),
]
#: Un :term: sans texte propre : il montre sa cible, le terme français.
TERME_MONTRE = re.compile(r":term:`([^`<]*)`")


class CatalogueIllisible(Exception):
    """Un fichier .po qui ne se lit pas : message et ligne."""

    def __init__(self, message: str, ligne: int = 1):
        super().__init__(message)
        self.message, self.ligne = message, ligne


#: Une ligne de texte d'un .po : mot-clé facultatif, puis un texte entre guillemets, fermé.
LIGNE_PO = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?'
                      r'"(?:[^"\\]|\\.)*"\s*$')


def lire(chemin: Path):
    """Le catalogue d'un fichier .po (Babel), ou CatalogueIllisible."""
    from babel.messages.pofile import PoFileError, read_po

    brut = chemin.read_bytes()
    if brut.startswith(b"\xef\xbb\xbf"):
        raise CatalogueIllisible("le fichier commence par une marque d'ordre des octets "
                                 "(BOM) : enregistrez-le en UTF-8 sans BOM.")
    try:
        brut.decode("utf-8")
    except UnicodeDecodeError as erreur:
        ligne = brut[:erreur.start].count(b"\n") + 1
        raise CatalogueIllisible("le fichier n'est pas en UTF-8 (un éditeur l'a peut-être "
                                 "enregistré en Latin-1 ou en Windows-1252) : "
                                 "enregistrez-le en UTF-8.", ligne) from None
    if b"\r" in brut:
        ligne = brut[:brut.index(b"\r")].count(b"\n") + 1
        raise CatalogueIllisible("fins de ligne Windows (CRLF) : enregistrez le fichier "
                                 "avec des fins de ligne Unix (LF).", ligne)
    for numero, ligne_po in enumerate(brut.decode("utf-8").split("\n"), start=1):
        if not (ligne_po.strip() == "" or ligne_po.startswith("#") or LIGNE_PO.match(ligne_po)):
            raise CatalogueIllisible("syntaxe gettext invalide (ligne qui n'est ni un commentaire, "
                                     "ni un mot-clé suivi d'un texte entre guillemets) : vérifiez "
                                     "les guillemets de msgid et msgstr sur cette ligne (chaque "
                                     "ligne d'un texte est entre guillemets, un guillemet à "
                                     "l'intérieur s'écrit \\\").", numero)
    try:
        with chemin.open("rb") as fichier:
            return read_po(fichier, abort_invalid=True)
    except PoFileError as erreur:
        ligne = getattr(erreur, "lineno", 1) or 1
        raise CatalogueIllisible(f"syntaxe gettext invalide ({erreur}) : vérifiez les "
                                 "guillemets de msgid et msgstr autour de cette ligne "
                                 "(chaque ligne d'un texte est entre guillemets, un "
                                 "guillemet à l'intérieur s'écrit \\\").", ligne) from None


def termes_du_glossaire(dossier: Path) -> tuple[set[str], dict[str, str]]:
    """(termes traduits, terme français → terme traduit) du glossaire."""
    source = (RACINE / "docs" / "glossaire.rst").read_text(encoding="utf-8").splitlines()
    francais, dedans = [], False
    for ligne in source:
        if ligne.startswith(".. glossary::"):
            dedans = True
        elif dedans and re.match(r"^   \S", ligne) and not ligne.strip().startswith(":"):
            francais.append(ligne.strip())
    chemin = dossier / "LC_MESSAGES" / "docs" / "glossaire.po"
    try:
        catalogue = lire(chemin) if chemin.is_file() else None
    except CatalogueIllisible:
        catalogue = None
    correspondance = {}
    for terme in francais:
        entree = catalogue.get(terme) if catalogue is not None else None
        correspondance[terme] = entree.string if entree is not None and entree.string else terme
    return {t.lower() for t in correspondance.values()}, correspondance


def typographie(texte: str) -> list[str]:
    """Les écarts à la typographie néerlandaise d'une traduction."""
    # Le balisage devient un mot : « :term:`OCMW <CPAS>`; » n'a pas d'espace avant « ; ».
    courant = CITATION.sub("x", texte)
    for motif in BALISAGE:
        courant = motif.sub("x", courant)
    return [message for motif, message in REGLES_NL if motif.search(courant)]


def verifier_fichier(chemin: Path, dossier: Path, modeles: Path | None,
                     termes: tuple[set[str], dict[str, str]]) -> list[tuple[int, str]]:
    """(ligne, message) de chaque problème d'un catalogue."""
    from pluspersonne.langue import ecarts, source_markdown

    try:
        catalogue = lire(chemin)
    except CatalogueIllisible as erreur:
        return [(erreur.ligne, erreur.message)]
    problemes: list[tuple[int, str]] = []
    _neerlandais, francais = termes
    page = chemin.relative_to(dossier / "LC_MESSAGES").with_suffix("").as_posix()
    markdown = source_markdown(RACINE, page)
    vers_nl = {f.lower(): n for f, n in francais.items()}
    for entree in catalogue:
        if not entree.id or not isinstance(entree.id, str):
            continue
        if entree.fuzzy:
            problemes.append((entree.lineno, "traduction marquée « fuzzy » (le français a "
                              "changé) : vérifiez-la, corrigez-la, puis retirez la ligne "
                              "« #, fuzzy »."))
            continue
        if not entree.string:
            problemes.append((entree.lineno, "message sans traduction : écrivez le msgstr."))
            continue
        for ecart in ([] if markdown else ecarts(entree.id, entree.string)):
            problemes.append((entree.lineno, f"traduction incohérente : {ecart}."))
        for message in typographie(entree.string):
            problemes.append((entree.lineno, f"typographie néerlandaise : {message}."))
        for montre in ([] if markdown else TERME_MONTRE.findall(entree.string)):
            cle = montre.strip().lower()
            if cle in vers_nl and vers_nl[cle].lower() != cle:
                problemes.append((entree.lineno, f"terme du glossaire montré en français "
                                  f"« {montre} » : écrivez :term:`{vers_nl[cle]} <{montre}>` "
                                  "(le texte en néerlandais, la cible du français)."))
    if modeles is not None:
        relatif = chemin.relative_to(dossier / "LC_MESSAGES").with_suffix(".pot")
        modele = modeles / relatif
        if not modele.is_file():
            problemes.append((1, f"catalogue sans modèle dans {modeles} : sa page n'existe "
                              "plus ? Supprimez le fichier, ou relancez « make traduction »."))
        else:
            for entree in lire(modele):
                if entree.id and catalogue.get(entree.id) is None:
                    court = entree.id if len(entree.id) <= 60 else entree.id[:57] + "…"
                    problemes.append((1, f"texte français absent du catalogue « {court} » : "
                                      "le français a changé ; lancez « make traduction », "
                                      "puis traduisez ce qui est nouveau ou marqué « fuzzy »."))
    return problemes


def main(arguments: list[str]) -> int:
    modeles = None
    if "--pot" in arguments:
        i = arguments.index("--pot")
        if i + 1 >= len(arguments):
            print("Usage : python outils/traduction.py [--pot DOSSIER_GETTEXT] [DOSSIER_LANGUE …]",
                  file=sys.stderr)
            return 2
        modeles = Path(arguments[i + 1])
        arguments = arguments[:i] + arguments[i + 2:]
    dossiers = [Path(a) for a in arguments] or [RACINE / "locale" / "nl"]
    total = 0
    for dossier in dossiers:
        if not (dossier / "LC_MESSAGES").is_dir():
            print(f"{dossier}: pas de dossier LC_MESSAGES : lancez « make traduction ».")
            total += 1
            continue
        termes = termes_du_glossaire(dossier)
        for chemin in sorted((dossier / "LC_MESSAGES").rglob("*.po")):
            for ligne, message in verifier_fichier(chemin, dossier, modeles, termes):
                try:
                    nom = chemin.resolve().relative_to(RACINE)
                except ValueError:
                    nom = chemin
                print(f"{nom}:{ligne}: [traduction] {message}")
                total += 1
    if total:
        print(f"{total} problème(s) dans les catalogues de traduction.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
