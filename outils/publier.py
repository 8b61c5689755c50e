"""Prépare le dossier publié : ``make site``.

    python outils/publier.py SITE_CONSTRUIT DOSSIER_PUBLIE

Copie le site construit par ``make all`` (pages, ePub, PDF, fichiers des parcours)
dans un dossier prêt pour n'importe quel hébergeur de fichiers statiques (Read the
Docs, GitHub Pages, un serveur de l'association), sans les fichiers internes de
Sphinx, puis le parcourt avec ``verifier_site.py`` : le site publié est celui qui a
été vérifié, téléchargements compris.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import verifier_site  # noqa: E402

#: Fichiers de Sphinx qui ne servent pas aux lecteur·rices.
INTERNES = (".buildinfo", ".buildinfo.bak")


def publier(source: Path, cible: Path) -> list[str]:
    if not (source / "index.html").is_file():
        return [f"{source}/index.html absent : lancez « make all » d'abord."]
    if not (source / "telechargements").is_dir():
        return [f"{source}/telechargements absent : le site publié doit contenir ses fichiers à "
                "télécharger ; lancez « make all » (et non « make html » seul)."]
    if cible.exists():
        shutil.rmtree(cible)
    shutil.copytree(source, cible, ignore=shutil.ignore_patterns(*INTERNES))
    return verifier_site.verifier(cible)


def main(arguments: list[str]) -> int:
    if len(arguments) != 2:
        print("Usage : python outils/publier.py SITE_CONSTRUIT DOSSIER_PUBLIE", file=sys.stderr)
        return 2
    source, cible = map(Path, arguments)
    problemes = publier(source, cible)
    for probleme in problemes:
        print(f"Erreur : {probleme}", file=sys.stderr)
    if problemes:
        return 1
    fichiers = sum(1 for p in (cible / "telechargements").rglob("*") if p.is_file())
    print(f"Site publié dans {cible} : {len(verifier_site.pages(cible))} pages, {fichiers} "
          "fichiers à télécharger, tous les liens locaux aboutissent.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
