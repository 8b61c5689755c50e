"""Compile en parallèle tous les documents LaTeX produits par Sphinx.

    python outils/compiler_pdf.py JOBS DOSSIER [DOSSIER…]

Chaque fichier ``.tex`` des dossiers (livre, fiches animateur·rice et participant·e,
déroulé, questions) est compilé par latexmk dans son dossier, avec le ``latexmkrc``
écrit par Sphinx ; JOBS compilations tournent en même temps, les plus longues
d'abord, pour occuper les deux cœurs jusqu'au bout. Le journal de chaque fichier
est ``<nom>.latexmk.log`` ; en cas d'échec, sa fin est affichée avec le fichier en
cause.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

COMMANDE = ["latexmk", "-pdf", "-dvi-", "-ps-", "-silent"]
OPTIONS = "-interaction=nonstopmode -halt-on-error"


def compiler(tex: Path) -> tuple[Path, int]:
    journal = tex.with_suffix(".latexmk.log")
    with journal.open("w", encoding="utf-8") as sortie:
        code = subprocess.run([*COMMANDE, tex.name], cwd=tex.parent, stdout=sortie,
                              stdin=subprocess.DEVNULL,
                              stderr=subprocess.STDOUT,
                              env={**os.environ, "LATEXOPTS": OPTIONS}).returncode
    return tex, code


def main(arguments: list[str]) -> int:
    if len(arguments) < 2 or not arguments[0].isdigit():
        print("Usage : python outils/compiler_pdf.py JOBS DOSSIER [DOSSIER…]")
        return 2
    fichiers = sorted((t for d in arguments[1:] for t in Path(d).glob("*.tex")),
                      key=lambda t: t.stat().st_size, reverse=True)
    if not fichiers:
        print(f"Aucun fichier .tex dans {', '.join(arguments[1:])} : lancez d'abord Sphinx "
              "(make pdf le fait).")
        return 1
    with ThreadPoolExecutor(max_workers=int(arguments[0])) as groupe:
        echecs = [tex for tex, code in groupe.map(compiler, fichiers) if code != 0]
    for tex in echecs:
        journal = tex.with_suffix(".latexmk.log")
        fin = journal.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        print("\n".join(fin))
        print(f"Échec de la compilation LaTeX de {tex} : lisez {journal} "
              f"et {tex.with_suffix('.log')}.")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
