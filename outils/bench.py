"""Mesures de ``make bench`` : poids des pages, taille de l'ePub, temps de construction.

Ce ne sont pas des tests : le script affiche des chiffres, à reporter dans la
section *Performances* du README avec la machine qui les a donnés. Il travaille
sur une copie des sources (dans ``_build/bench``) : rien n'est modifié dans le dépôt.

1. construction complète du livre, format par format (HTML, ePub, PDF), chronométrée,
   puis ``make all`` (le livre, les parcours publiés et le site qui les relie) ;
2. reconstruction HTML après la modification d'un module : durée et documents relus ;
3. ``make verifier`` sur un module : la boucle courte d'un·e contributeur·rice ;
4. le même livre avec le thème dans sa configuration par défaut (PP_THEME_PAR_DEFAUT=1) ;
5. poids d'une première visite de chaque page, dans Chromium, pour les deux sites ;
6. premier affichage sur un téléphone lent, par type de page (requêtes bloquantes,
   premier et plus grand affichage), pour les deux sites ;
7. taille de l'ePub ;
8. lisibilité de chaque texte facile à lire, à côté de celle de son module, en français
   et dans la traduction néerlandaise (In eenvoudige taal).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import affichage  # noqa: E402
import facile  # noqa: E402
from poids import LIMITE_BRUTE, LIMITE_GZIP, ko, mesurer  # noqa: E402

RACINE = Path(__file__).resolve().parent.parent
EXCLUS = {"_build", ".venv", "node_modules", ".git", ".pytest_cache", "__pycache__"}
MODULE = "non-recours"


def copier_sources(cible: Path) -> Path:
    if cible.exists():
        shutil.rmtree(cible)
    shutil.copytree(RACINE, cible, ignore=lambda d, noms: [n for n in noms if n in EXCLUS])
    return cible


def construire(projet: Path, cible: str, builddir: Path, **env: str) -> tuple[float, str]:
    """``make cible`` dans la copie (avec l'environnement Python du dépôt) ; durée, sortie."""
    debut = time.perf_counter()
    resultat = subprocess.run(
        ["make", "--no-print-directory", cible, f"BUILDDIR={builddir}",
         f"VENV={RACINE / '.venv'}", "SPHINXOPTS=-W --keep-going -n --no-color"],
        cwd=projet, capture_output=True, text=True, env={**os.environ, **env})
    duree = time.perf_counter() - debut
    if resultat.returncode != 0:
        sys.exit(f"make {cible} a échoué pendant la mesure :\n{resultat.stdout[-3000:]}"
                 f"{resultat.stderr[-3000:]}")
    return duree, resultat.stdout + resultat.stderr


def machine() -> str:
    modele = ""
    if Path("/proc/cpuinfo").exists():
        trouve = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        modele = trouve.group(1).strip() if trouve else ""
    version = subprocess.run([str(RACINE / ".venv/bin/python"), "-c",
                              "import sphinx; print(sphinx.__version__)"],
                             capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cœurs {modele}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, Sphinx {version}")


def titre(texte: str) -> None:
    print(f"\n== {texte}")


def main() -> int:
    bench = RACINE / "_build" / "bench"
    projet = copier_sources(bench / "sources")
    sortie = bench / "livre"
    shutil.rmtree(sortie, ignore_errors=True)
    print(f"Machine : {machine()}")

    titre("Construction complète, format par format (make html, make epub, make pdf)")
    durees = {}
    for cible in ("html", "epub", "pdf"):
        durees[cible], _ = construire(projet, cible, sortie)
        print(f"  {cible:5} {durees[cible]:6.1f} s")
    print(f"  total {sum(durees.values()):6.1f} s (les trois formats du livre)")
    complet = bench / "complet"
    shutil.rmtree(complet, ignore_errors=True)
    duree_all, _ = construire(projet, "all", complet)
    print(f"  make all (livre, {len(list((projet / 'curricula').glob('*.yml'))) - 1} parcours "
          f"publiés, site) depuis zéro : {duree_all:.1f} s")

    titre(f"Reconstruction HTML après modification du module {MODULE}")
    source = projet / "modules" / MODULE / "index.rst"
    essais = []
    for numero in range(3):  # médiane de trois essais : la machine est bruyante
        source.write_text(source.read_text(encoding="utf-8")
                          + f"\n.. modification de mesure {numero}\n", encoding="utf-8")
        essais.append(construire(projet, "html", sortie))
    increment, journal = sorted(essais)[1]
    relus = re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", journal)
    ecrits = re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", journal)
    print(f"  durée {increment:.1f} s (médiane de 3), soit {increment / durees['html']:.2f} de "
          f"la construction complète ({durees['html']:.1f} s ; objectif ≤ 0,20)")
    print(f"  relus : {', '.join(relus) or 'aucun'} ; réécrits : {', '.join(ecrits)}")

    titre(f"make verifier SLUG={MODULE} (un module seul, tout ce qui le concerne)")
    debut = time.perf_counter()
    resultat = subprocess.run([str(RACINE / ".venv/bin/python"), "outils/verifier_module.py",
                               MODULE, str(bench / "verifier")], cwd=projet,
                              capture_output=True, text=True)
    duree = time.perf_counter() - debut
    etat = "tout passe" if resultat.returncode == 0 else "ÉCHEC"
    print(f"  {duree:.1f} s ({etat} ; objectif < 120 s sur 2 cœurs)")

    titre("Thème dans sa configuration par défaut (PP_THEME_PAR_DEFAUT=1), mêmes sources")
    defaut = bench / "defaut"
    shutil.rmtree(defaut, ignore_errors=True)
    duree, _ = construire(projet, "html", defaut, PP_THEME_PAR_DEFAUT="1")
    print(f"  html  {duree:6.1f} s")

    titre("Première visite de chaque page (Chromium, cache vide) : brut / gzip")
    allege = {v.page: v for v in mesurer(sortie / "html")}
    origine = {v.page: v for v in mesurer(defaut / "html")}
    print(f"  {'page':47} {'ce site':>21}   {'thème par défaut':>21}   rapport")
    for page, v in allege.items():
        d = origine[page]
        print(f"  {page:47} {ko(v.brut):>10} {ko(v.gzip):>10}   {ko(d.brut):>10} "
              f"{ko(d.gzip):>10}   {v.gzip / d.gzip:5.2f}")
    pages_modules = [v for p, v in allege.items() if p.startswith("modules/")]
    plus_lourde = max(allege.values(), key=lambda v: v.gzip)
    print(f"  page de module la plus lourde : "
          f"{ko(max(v.brut for v in pages_modules))} brut (limite {ko(LIMITE_BRUTE)}), "
          f"{ko(max(v.gzip for v in pages_modules))} gzip (limite {ko(LIMITE_GZIP)})")
    print(f"  page la plus lourde du livre : {plus_lourde.page}, {ko(plus_lourde.brut)} brut, "
          f"{ko(plus_lourde.gzip)} gzip")
    moyenne = sum(v.gzip for v in allege.values()) / sum(v.gzip for v in origine.values())
    print(f"  poids compressé moyen : {moyenne:.2f} du thème par défaut")
    externes = sorted({u for v in allege.values() for u in v.externes})
    print(f"  requêtes vers un autre hôte : {len(externes)}")

    titre("Premier affichage sur téléphone lent (processeur ×4, 4G lente, médiane de 3)")
    ici = affichage.mesurer(complet / "html", affichage.TYPES)
    la = affichage.mesurer(defaut / "html", affichage.TYPES)
    print(f"  {'page':11} {'ce site : bloquantes, 1er / plus grand affichage':>50}   "
          f"{'thème par défaut':>38}")
    for nom, r in ici.items():
        d = la.get(nom)
        autre = (f"{len(d['bloquants']):2} · {d['fcp']:6.0f} ms / {d['lcp']:6.0f} ms" if d
                 else "(page absente)")
        print(f"  {nom:11} {len(r['bloquants']):>22} · {r['fcp']:6.0f} ms / {r['lcp']:6.0f} ms   "
              f"{autre:>38}")

    titre("ePub du livre entier")
    (epub,) = (sortie / "epub").glob("*.epub")
    print(f"  {epub.name} : {ko(epub.stat().st_size)} (limite 1024 Ko), "
          "polices non embarquées")

    titre("Lisibilité (textstat, français : Kandel et Moles ; LIX) : texte facile / module")
    print(f"  {'module':30} {'facile à lire':>22}   {'reste du module':>22}")
    for chemin in facile.fichiers([str(projet / "modules")]):
        texte = facile.lire(chemin)
        if texte is None:
            continue
        f_score, f_lix = facile.scores(texte.brut)
        m_score, m_lix = facile.scores(facile.prose_du_module(chemin))
        print(f"  {chemin.parent.name:30} {f_score:8.0f} · LIX {f_lix:4.0f}   {m_score:8.0f} · "
              f"LIX {m_lix:4.0f}")
    print(f"  seuils du facile à lire : au moins {facile.LISIBILITE_MIN}, LIX au plus "
          f"{facile.LIX_MAX}")

    regles = facile.NEERLANDAIS
    titre("Lisibilité en néerlandais (textstat : Flesch–Douma ; LIX) : In eenvoudige taal / "
          "module traduit")
    print(f"  {'module':30} {'eenvoudige taal':>22}   {'reste du module':>22}")
    for chemin in facile.fichiers([str(projet / "modules")]):
        texte = facile.lire(chemin)
        catalogue, nom = facile.catalogue_du_module(chemin, "nl")
        if texte is None or catalogue is None:
            continue
        traduit, _manquants = facile.traduire(texte, catalogue, nom)
        if not traduit.blocs:
            continue
        f_score, f_lix = facile.scores(traduit.brut, regles)
        m_score, m_lix = facile.scores(facile.prose_traduite(chemin, "nl"), regles)
        print(f"  {chemin.parent.name:30} {f_score:8.0f} · LIX {f_lix:4.0f}   {m_score:8.0f} · "
              f"LIX {m_lix:4.0f}")
    print(f"  seuils de l'eenvoudige taal : au moins {regles.lisibilite_min} (Flesch–Douma), "
          f"LIX au plus {regles.lix_max}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
