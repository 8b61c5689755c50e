"""Vérifie les citations : ``make citations``.

1. ``references.bib`` est lu sans erreur par pybtex (syntaxe, doublons, champs
   obligatoires par type : les règles de l'extension du projet) ;
2. il est lu sans erreur par un second analyseur indépendant, bibtexparser :
   le fichier s'importe donc proprement dans Zotero et les autres logiciels ;
3. chaque clé citée par un module existe, et chaque entrée est citée.

Usage : python outils/verifier_citations.py [racine]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

RACINE = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
sys.path.insert(0, str(RACINE))

import bibtexparser  # noqa: E402

from pluspersonne.bibliographie import entrees, problemes  # noqa: E402
from pluspersonne.parcours import cles_citees  # noqa: E402
from pluspersonne.selection import modules_sur_disque  # noqa: E402


def second_analyseur(texte: str) -> list[str]:
    """Problèmes vus par bibtexparser (blocs illisibles, doublons)."""
    bibliotheque = bibtexparser.parse_string(texte)
    messages = []
    for bloc in bibliotheque.failed_blocks:
        ligne = (bloc.start_line or 0) + 1
        messages.append(f"references.bib:{ligne}: bibtexparser ne peut pas lire ce bloc "
                        f"({type(bloc).__name__}) : vérifiez ses accolades et ses virgules.")
    return messages


def verifier(racine: Path) -> list[str]:
    chemin = racine / "references.bib"
    bloquants, contenu = problemes(chemin)
    messages = [f"{lieu}: {m}" for m, lieu in bloquants + contenu]
    texte = chemin.read_text(encoding="utf-8")
    messages += second_analyseur(texte)
    if bloquants:
        return messages
    definies = {cle for _, cle, _ in entrees(texte)}
    modules = modules_sur_disque(racine)
    citees = set()
    for slug in modules:
        cles = cles_citees(racine, [slug])
        citees.update(cles)
        for cle in cles:
            if cle not in definies:
                messages.append(f"modules/{slug}/index.rst: clé de citation inconnue « {cle} » : "
                                "corrigez-la ou ajoutez la source à references.bib.")
    # Les pages liminaires (le film, le glossaire…) citent aussi leurs sources.
    for page in sorted((racine / "docs").glob("*.rst")):
        for groupe in re.findall(r":footcite(?::\w+)?:`([^`]+)`", page.read_text(encoding="utf-8")):
            for cle in (c.strip() for c in groupe.split(",") if c.strip()):
                citees.add(cle)
                if cle not in definies:
                    messages.append(f"docs/{page.name}: clé de citation inconnue « {cle} » : "
                                    "corrigez-la ou ajoutez la source à references.bib.")
    lignes = {cle: ligne for _, cle, ligne in entrees(texte)}
    for cle in sorted(definies - citees):
        messages.append(f"references.bib:{lignes[cle]}: l'entrée « {cle} » n'est citée par aucun "
                        "module ni aucune page : citez-la là où elle sert, ou retirez-la.")
    return messages


def main() -> int:
    messages = verifier(RACINE)
    for message in messages:
        print(message)
    total = len(entrees((RACINE / "references.bib").read_text(encoding="utf-8")))
    print(f"Citations : {total} entrées, {len(messages)} problème(s).")
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
