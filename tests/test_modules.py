"""Anatomie des modules (DESIGN.md) et règle des mots propres."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import MODULES, RACINE

OUTIL = RACINE.parent / "shared" / "tools" / "seed_overlap.py"


def sections(texte: str) -> list[str]:
    lignes = texte.splitlines()
    return [l.strip() for l, s in zip(lignes, lignes[1:])
            if l.strip() and re.fullmatch(r"-{3,}", s.strip()) and len(s.strip()) >= len(l.strip())]


@pytest.mark.parametrize("slug", MODULES)
def test_anatomie(slug):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    texte = (RACINE / "modules" / slug / "index.rst").read_text(encoding="utf-8")
    assert texte.startswith(f".. _mod-{slug}:\n"), "étiquette mod-<slug> au-dessus du titre"
    titres = sections(texte)
    assert titres[:2] == ["L'essentiel", "En facile à lire"], titres
    assert f".. _mod-{slug}-facile:" in texte
    assert titres[-3:] == ["Pour animer", "Pour aller plus loin", "Sources"], titres
    if "Dans le film" in titres:
        assert titres.index("Dans le film") == 2, titres
    fin = texte.split("\nSources\n", 1)[1]
    assert ".. footbibliography::" in fin
    assert texte.count(".. fiche-module::") == 1
    animer = texte.split("\nPour animer\n", 1)[1].split("\nPour aller plus loin\n")[0]
    # Les formats ouvrent « Pour animer », avant les questions et les activités.
    directives = re.findall(r"^\.\. (format|question|activite)::", animer, re.MULTILINE)
    assert directives.count("format") >= 2, "au moins deux formats"
    assert directives[:directives.count("format")] == ["format"] * directives.count("format"), \
        "les formats viennent en tête de « Pour animer »"
    assert animer.count(".. question::") >= 4, "au moins quatre questions"
    assert animer.count(".. activite::") >= 1, "au moins une activité"
    for activite in re.split(r"\n\.\. activite::", animer)[1:]:
        bloc = re.split(r"\n(?=\S)", activite, maxsplit=1)[0]
        assert ".. note-animation::" in bloc, "chaque activité a des notes d'animation"


def test_mots_propres():
    """Aucun passage de 12 mots ou plus ne reprend le dossier mot pour mot."""
    if not OUTIL.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"outil introuvable : {OUTIL}")
        pytest.skip("shared/tools/seed_overlap.py absent (hors de l'espace de travail du projet)")
    resultat = subprocess.run([sys.executable, str(OUTIL), "modules", "docs"], cwd=RACINE,
                              capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout[-4000:]


def typographie():
    import importlib.util

    spec = importlib.util.spec_from_file_location("typographie", RACINE / "outils" / "typographie.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_typographie_du_livre():
    outil = typographie()
    fautes = {str(f.relative_to(RACINE)): outil.verifier_texte(f.read_text(encoding="utf-8"))
              for f in outil.fichiers([str(RACINE / "modules"), str(RACINE / "docs"),
                                       str(RACINE / "index.rst")])}
    assert not {f: v for f, v in fautes.items() if v}


@pytest.mark.parametrize("texte, regle", [
    ("Une phrase : la suite.", "espace ordinaire avant"),
    ("Vraiment ? Oui.", "espace ordinaire avant"),
    ("Vraiment? Oui.", "collé au mot"),
    ("Il dit «\u00a0bonjour ».", "» sans espace insécable avant"),
    ("Il dit « bonjour\u00a0».", "« sans espace insécable après"),
    ('Il dit "bonjour".', "guillemets droits"),
    ("Les travailleur.euse.s du secteur.", "écriture inclusive avec un point"),
    ("Les usager.ères du CPAS.", "écriture inclusive avec un point"),
])
def test_typographie_detecte(texte, regle):
    fautes = typographie().verifier_texte("Titre\n=====\n\n" + texte + "\n")
    assert any(regle in message and ligne == 4 for ligne, message in fautes), fautes


@pytest.mark.parametrize("texte", [
    "Une phrase\u00a0: la suite\u00a0; une autre\u00a0!",
    "Voir :footcite:`klein2008strategie` et :term:`CPAS`.",
    ".. fiche-module::\n   :public: adultes",
    ".. format:: court\n   :durée: 45\n\n   5 | Accueil | question titre",
    "Exemple ::\n\n   code \"brut\" : ici",
    "Adresse https://zintv.org/video/plus-personne à voir.",
    "Les travailleur·euses et usager·ères.",
])
def test_typographie_ignore_le_balisage(texte):
    assert typographie().verifier_texte(texte + "\n") == []


def test_sphinx_lint():
    resultat = subprocess.run([sys.executable, "-m", "sphinxlint", "modules", "docs", "index.rst"],
                              cwd=RACINE, capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_sphinx_lint_detecte(tmp_path):
    (tmp_path / "faux.rst").write_text("Titre\n=====\n\n.. note:\n\n   Texte `lien`_ \n",
                                       encoding="utf-8")
    resultat = subprocess.run([sys.executable, "-m", "sphinxlint", str(tmp_path)],
                              capture_output=True, text=True)
    assert resultat.returncode != 0


def test_orthographe(tmp_path):
    env = {**os.environ, "PP_ORTHOGRAPHE": "1"}
    env.pop("PP_SELECTION", None)
    resultat = subprocess.run([sys.executable, "-m", "sphinx", "-M", "spelling", str(RACINE),
                               str(tmp_path), "-W", "--keep-going", "-q"],
                              env=env, capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr


def test_orthographe_detecte(projet):
    essai = (RACINE / "tests" / "fixtures" / "essai.rst").read_text(encoding="utf-8")
    (projet / "modules" / "essai").mkdir(parents=True)
    (projet / "modules" / "essai" / "index.rst").write_text(
        essai.replace("Une phrase citée", "Une frase citée"), encoding="utf-8")
    env = {**os.environ, "PP_ORTHOGRAPHE": "1", "PP_SELECTION": "essai"}
    resultat = subprocess.run([sys.executable, "-m", "sphinx", "-M", "spelling", str(projet),
                               str(projet / "_build"), "-W", "--keep-going", "-q"],
                              env=env, capture_output=True, text=True, cwd=projet)
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode != 0
    assert re.search(r"modules/essai/index\.rst:\d+: .*frase", sortie), sortie


def test_rien_a_completer():
    """Un module créé par make module ne passe pas tant qu'il reste un « À COMPLÉTER »."""
    restes = [f"modules/{slug}/index.rst:{numero}"
              for slug in MODULES
              for numero, ligne in enumerate(
                  (RACINE / "modules" / slug / "index.rst").read_text(encoding="utf-8").splitlines(), 1)
              if "À COMPLÉTER" in ligne]
    assert not restes, ("passages encore « À COMPLÉTER » : remplacez-les avant la fusion : "
                        + ", ".join(restes))
