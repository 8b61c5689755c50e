"""Range les fichiers à télécharger dans le site : ``make all``.

    python outils/telechargements.py BUILDDIR [LANGUE] [--parcours]

Copie l'ePub et les PDF de la construction (``BUILDDIR/epub``, ``BUILDDIR/pdf``)
dans ``BUILDDIR/html/telechargements/`` ; avec ``--parcours``, y ajoute pour
chaque parcours livré (``curricula/*.yml`` sauf le livre) son ePub, ses PDF
(animateur·rice, participant·e, déroulé, questions) et son fichier YAML, dans
``telechargements/parcours/<nom>/``. En néerlandais (LANGUE ``nl``), les fichiers
viennent de ``BUILDDIR/nl`` et vont dans ``BUILDDIR/html/nl/telechargements/``. Les noms ne changent pas d'une version à
l'autre : ce sont des adresses stables. Un fichier attendu qui manque arrête tout
avec un message en français.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = "telechargements"


def fichiers_de_parcours(nom: str) -> list[str]:
    """Les fichiers d'un parcours, relatifs à sa construction (``BUILDDIR/curricula/<nom>``)."""
    return [f"epub/{nom}.epub", f"pdf/{nom}.pdf", f"pdf/{nom}-participant.pdf",
            "pdf/deroule.pdf", "pdf/questions.pdf"]


def sortie(builddir: Path, langue: str) -> tuple[Path, Path]:
    """(dossier des ePub et PDF, dossier du site) d'une langue."""
    if langue == "fr":
        return builddir, builddir / "html"
    return builddir / langue, builddir / "html" / langue


def ranger(builddir: Path, parcours: bool, langue: str = "fr") -> list[str]:
    """Copie les fichiers ; renvoie les erreurs (fichiers attendus absents)."""
    source, html = sortie(builddir, langue)
    cible = html / DOSSIER
    if cible.exists():
        shutil.rmtree(cible)
    cible.mkdir(parents=True)
    erreurs: list[str] = []
    trouves = sorted((source / "epub").glob("*.epub")) + sorted((source / "pdf").glob("*.pdf"))
    if not trouves:
        erreurs.append(f"aucun ePub ni PDF dans {source}/epub et {source}/pdf : lancez "
                       "d'abord « make epub pdf ».")
    for fichier in trouves:
        shutil.copy2(fichier, cible / fichier.name)
    if parcours:
        for yml in sorted((RACINE / "curricula").glob("*.yml")):
            nom = yml.stem
            if nom == "livre":
                continue
            dossier = cible / "parcours" / nom
            dossier.mkdir(parents=True)
            shutil.copy2(yml, dossier / yml.name)
            construction, _ = sortie(builddir / "curricula" / nom, langue)
            for relatif in fichiers_de_parcours(nom):
                fichier = construction / relatif
                if not fichier.is_file():
                    erreurs.append(f"fichier du parcours « {nom} » absent : {fichier}. Lancez "
                                   f"« make curriculum C=curricula/{yml.name} » pour voir l'erreur.")
                    continue
                shutil.copy2(fichier, dossier / fichier.name)
    return erreurs


def main(arguments: list[str]) -> int:
    positionnels = [a for a in arguments if not a.startswith("--")]
    if not positionnels:
        print("Usage : python outils/telechargements.py BUILDDIR [LANGUE] [--parcours]",
              file=sys.stderr)
        return 2
    builddir = Path(positionnels[0])
    langue = positionnels[1] if len(positionnels) > 1 else "fr"
    erreurs = ranger(builddir, "--parcours" in arguments, langue)
    for erreur in erreurs:
        print(f"Erreur : {erreur}", file=sys.stderr)
    if erreurs:
        return 1
    _, html = sortie(builddir, langue)
    total = sum(1 for p in (html / DOSSIER).rglob("*") if p.is_file())
    print(f"{total} fichiers à télécharger rangés dans {html}/{DOSSIER}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
