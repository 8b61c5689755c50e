"""La boucle courte d'un·e contributeur·rice : ``make verifier SLUG=<slug>``.

    python outils/verifier_module.py SLUG [DOSSIER_DE_SORTIE]

Vérifie un module seul, tout ce qui le concerne, en moins de deux minutes sur deux
cœurs : la typographie, le reST, le texte facile à lire, les mots propres (aucun
passage repris du dossier), les citations, puis le module seul dans les trois
formats (sa construction vérifie aussi ses formats, sa fiche et son autonomie :
aucun lien direct vers un autre module), et son orthographe. Chaque étape dit si
elle passe ; à la fin, le temps total. ``make test`` reste la vérification
complète, celle de la CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from pluspersonne.selection import modules_sur_disque  # noqa: E402

PYTHON = sys.executable
SEED = RACINE.parent / "shared" / "tools" / "seed_overlap.py"


def etapes(slug: str, sortie: Path) -> list[tuple[str, list[str], dict]]:
    module = f"modules/{slug}/index.rst"
    env = {"PP_SELECTION": slug}
    rapides = [
        ("Typographie française", [PYTHON, "outils/typographie.py", module], {}),
        ("reST (sphinx-lint)", [PYTHON, "-m", "sphinxlint", f"modules/{slug}"], {}),
        ("Texte facile à lire", [PYTHON, "outils/facile.py", module], {}),
        ("Citations et references.bib", [PYTHON, "outils/verifier_citations.py", "."], {}),
    ]
    if SEED.is_file():
        rapides.append(("Mots propres (rien de repris du dossier)",
                        [PYTHON, str(SEED), f"modules/{slug}"], {}))
    lourdes = [
        ("Trois formats : site, ePub (EPUBCheck), PDF (fiches comprises)",
         ["make", "--no-print-directory", "all", f"BUILDDIR={sortie}"], env),
        ("Orthographe (Hunspell français)",
         [PYTHON, "-m", "sphinx", "-M", "spelling", ".", str(sortie / "orthographe"), "-W",
          "--keep-going", "-q"], {**env, "PP_ORTHOGRAPHE": "1"}),
    ]
    return rapides + lourdes


def lancer(etape: tuple[str, list[str], dict]) -> tuple[str, int, str, float]:
    nom, commande, variables = etape
    debut = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k != "PP_SELECTION"}
    env.update(variables)
    resultat = subprocess.run(commande, cwd=RACINE, env=env, capture_output=True, text=True)
    return nom, resultat.returncode, resultat.stdout + resultat.stderr, time.monotonic() - debut


def main(arguments: list[str]) -> int:
    slug = (arguments[0] if arguments else "").strip()
    connus = modules_sur_disque(RACINE)
    if not slug:
        print("Indiquez le module : make verifier SLUG=<slug> (modules : "
              f"{', '.join(connus)}).", file=sys.stderr)
        return 2
    if slug not in connus:
        print(f"Module introuvable : modules/{slug}/index.rst. Modules : {', '.join(connus)}.",
              file=sys.stderr)
        return 2
    sortie = Path(arguments[1] if len(arguments) > 1 else "_build/verifier").resolve() / slug
    debut = time.monotonic()
    liste = etapes(slug, sortie)
    print(f"Vérification du module « {slug} »…")
    # Deux à la fois : les deux cœurs de la machine.
    with ThreadPoolExecutor(max_workers=2) as groupe:
        resultats = list(groupe.map(lancer, liste))
    echecs = 0
    for nom, code, texte, duree in resultats:
        print(f"  {'✓' if code == 0 else '✗'} {nom} ({duree:.0f} s)")
        if code != 0:
            echecs += 1
            lignes = [l for l in texte.splitlines() if l.strip()]
            for ligne in lignes[-15:]:
                print(f"      {ligne}")
    total = time.monotonic() - debut
    if echecs:
        print(f"{echecs} vérification(s) en échec pour « {slug} », en {total:.0f} s : corrigez "
              "les lignes indiquées puis relancez make verifier.")
        return 1
    print(f"Module « {slug} » : tout passe, en {total:.0f} s. Résultats dans {sortie} ; "
          "make test reste la vérification complète.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
