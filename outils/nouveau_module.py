"""Crée un module à partir du modèle : ``make module SLUG=… TITRE="…"``.

Le module créé se construit tout de suite sans avertissement ; ses passages
« À COMPLÉTER » font échouer ``make test`` tant qu'ils restent. Le slug est
ajouté à la fin du livre (curricula/livre.yml).
"""

from __future__ import annotations

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from pluspersonne.selection import LIVRE, SLUG, modules_sur_disque  # noqa: E402

MARQUE = "À COMPLÉTER"


def creer(racine: Path, slug: str, titre: str) -> Path:
    """Crée ``modules/<slug>/index.rst`` ; ValueError avec un message français sinon."""
    slug, titre = slug.strip(), " ".join(titre.split())
    if not slug:
        raise ValueError("indiquez le slug : make module SLUG=mon-module TITRE=\"Mon titre\"")
    if not SLUG.match(slug):
        raise ValueError(f"slug « {slug} » invalide : minuscules sans accent, chiffres et tirets "
                         "simples seulement, par exemple « acces-aux-droits ».")
    if slug in modules_sur_disque(racine) or (racine / "modules" / slug).exists():
        raise ValueError(f"le module « {slug} » existe déjà (modules/{slug}/) : choisissez un "
                         "autre slug, ou modifiez le module existant.")
    if not titre:
        raise ValueError("indiquez le titre : make module SLUG=mon-module TITRE=\"Mon titre\"")
    modele = (racine / "modules" / "_modele" / "index.rst").read_text(encoding="utf-8")
    texte = modele.format(slug=slug, titre=titre, souligne="=" * len(titre))
    dossier = racine / "modules" / slug
    dossier.mkdir(parents=True)
    (dossier / "index.rst").write_text(texte, encoding="utf-8")
    livre = racine / LIVRE
    contenu = livre.read_text(encoding="utf-8")
    livre.write_text(contenu.rstrip("\n") + f"\n  - {slug}\n", encoding="utf-8")
    return dossier / "index.rst"


def main(arguments: list[str]) -> int:
    slug, titre = (arguments + ["", ""])[:2]
    try:
        chemin = creer(RACINE, slug, titre)
    except ValueError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Module créé : {chemin.relative_to(RACINE)} (ajouté à {LIVRE}).")
    print(f"Remplacez chaque « {MARQUE} », puis vérifiez avec :")
    print(f"  PP_SELECTION={slug} make html   et   make test")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
