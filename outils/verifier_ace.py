"""Vérifie l'accessibilité d'un ou plusieurs ePub avec DAISY Ace.

Usage : python outils/verifier_ace.py livre.epub [...]

DAISY Ace est le vérificateur d'accessibilité des ePub qu'emploient éditeurs et
bibliothèques ; il lit chaque document dans un navigateur (puppeteer) et y applique
axe-core et les règles EPUB Accessibility. Il tourne ici avec le Chromium de Debian :
npm n'a téléchargé aucun navigateur (``.puppeteerrc.cjs``, ``PUPPETEER_SKIP_DOWNLOAD``).
Toute violation, quel que soit son impact, fait échouer (code 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
ACE = RACINE / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = "/usr/bin/chromium"


def verifier(epub: Path) -> tuple[str, list[str]]:
    """(version d'Ace, violations en français : règle, impact, document)."""
    if not ACE.exists():
        raise SystemExit(f"DAISY Ace est introuvable ({ACE}) : lancez « make test » ou "
                         "« npm install » (sans télécharger de navigateur).")
    with tempfile.TemporaryDirectory() as dossier:
        env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM,
               "PUPPETEER_SKIP_DOWNLOAD": "1"}
        resultat = subprocess.run([str(ACE), "-f", "-s", "-o", dossier, str(epub)],
                                  capture_output=True, text=True, env=env, cwd=RACINE)
        rapport = Path(dossier) / "report.json"
        if not rapport.is_file():
            raise SystemExit(f"DAISY Ace n'a produit aucun rapport pour {epub} :\n"
                             f"{(resultat.stdout + resultat.stderr)[-2000:]}")
        donnees = json.loads(rapport.read_text(encoding="utf-8"))
    version = donnees["earl:assertedBy"]["doap:release"]["doap:revision"]
    violations = []
    for document in donnees.get("assertions", []):
        lieu = document.get("earl:testSubject", {}).get("url", "?")
        for constat in document.get("assertions", []):
            test = constat.get("earl:test", {})
            violations.append(f"{lieu} : {test.get('dct:title')} (impact "
                              f"{test.get('earl:impact')}) — {test.get('dct:description', '')}")
    return version, violations


def main(chemins: list[str]) -> int:
    if not chemins:
        print("Usage : python outils/verifier_ace.py livre.epub [...]", file=sys.stderr)
        return 2
    echec = False
    for chemin in map(Path, chemins):
        version, violations = verifier(chemin)
        print(f"DAISY Ace {version}, {chemin.name} : {len(violations)} violation(s)")
        for violation in violations:
            print(f"  {violation}")
        echec = echec or bool(violations)
    return 1 if echec else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
