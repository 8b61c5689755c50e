"""Contribuer et publier : gabarit de module, modèles GitHub, configuration de
publication, licence, citation, liens de téléchargement."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import RACINE, sortie, sphinx


def nouveau_module(racine, *arguments):
    return subprocess.run([sys.executable, str(racine / "outils" / "nouveau_module.py"),
                           *arguments], capture_output=True, text=True)


def test_gabarit_construit_puis_echoue_au_controle(projet):
    resultat = nouveau_module(projet, "acces-aux-droits", "L'accès aux droits")
    assert resultat.returncode == 0, resultat.stderr
    source = projet / "modules" / "acces-aux-droits" / "index.rst"
    texte = source.read_text(encoding="utf-8")
    assert texte.startswith(".. _mod-acces-aux-droits:\n\nL'accès aux droits\n==================\n")
    for section in ("L'essentiel", "Dans le film", "Pour animer", "Pour aller plus loin", "Sources"):
        assert f"\n{section}\n" in texte
    assert "  - acces-aux-droits" in (projet / "curricula" / "livre.yml").read_text(encoding="utf-8")
    # se construit sans avertissement, seul et dans le livre
    for selection in ("acces-aux-droits", None):
        resultat = sphinx(projet, projet / "_build" / str(selection), "html", selection)
        assert resultat.returncode == 0, sortie(resultat)
    # mais le contrôle « à compléter » de make test échoue
    controle = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(projet),
         str(projet / "tests" / "test_modules.py") + "::test_rien_a_completer"],
        capture_output=True, text=True, cwd=projet)
    assert controle.returncode != 0
    assert "modules/acces-aux-droits/index.rst:" in controle.stdout


@pytest.mark.parametrize("slug, titre, attendu", [
    ("Accès_Droits", "Titre", "slug « Accès_Droits » invalide"),
    ("digitalisation", "Titre", "le module « digitalisation » existe déjà"),
    ("", "Titre", "indiquez le slug"),
    ("nouveau", "", "indiquez le titre"),
])
def test_gabarit_refuse(projet, slug, titre, attendu):
    resultat = nouveau_module(projet, slug, titre)
    assert resultat.returncode == 2
    assert attendu in resultat.stderr and "Traceback" not in resultat.stderr


def test_make_module_dans_l_aide():
    aide = subprocess.run(["make", "-s", "-C", str(RACINE), "help"], capture_output=True,
                          text=True, check=True).stdout
    assert 'make module' in aide and 'SLUG=' in aide


def test_contributing_complet():
    texte = (RACINE / "CONTRIBUTING.md").read_text(encoding="utf-8").lower()
    for attendu in ("make module", "make test", "fiche-module", ":footcite:", "references.bib",
                    "écriture inclusive", "pull request", "à compléter", "klein2008strategie"):
        assert attendu in texte, attendu
    assert "CONTRIBUTING.md" in (RACINE / "README.md").read_text(encoding="utf-8")
    assert "CONTRIBUTING.md" in (RACINE / "docs" / "contribuer.rst").read_text(encoding="utf-8")


def test_modeles_github():
    pr = (RACINE / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for verification in ("make test", "make spelling", "make lint", "make citations", "seed_overlap"):
        assert verification in pr
    formulaires = sorted((RACINE / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    noms = set()
    for chemin in formulaires:
        donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
        if chemin.name == "config.yml":
            continue
        assert donnees["name"] and donnees["description"] and donnees["body"]
        for champ in donnees["body"]:
            assert champ["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        noms.add(donnees["name"])
    assert {"Proposer un module", "Signaler une erreur factuelle", "Signaler un lien mort"} <= noms


def test_pre_commit():
    config = yaml.safe_load((RACINE / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    crochets = {h["id"] for depot in config["repos"] for h in depot["hooks"]}
    assert {"sphinx-lint", "trailing-whitespace", "check-yaml", "typographie",
            "citations"} <= crochets


def test_readthedocs_et_publication():
    """Read the Docs et la publication GitHub lancent make site, ce que testent les tests."""
    rtd = yaml.safe_load((RACINE / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["build"]["commands"] == ["make site SITE=$READTHEDOCS_OUTPUT/html"]
    paquets = set(rtd["build"]["apt_packages"])
    installes = (RACINE / "outils" / "installer-systeme.sh").read_text(encoding="utf-8")
    construction = re.search(r'^PAQUETS="([^"]+)"', installes, re.MULTILINE)[1].split()
    assert set(construction) <= paquets, "Read the Docs installe les paquets de construction"
    publication = yaml.safe_load(
        (RACINE / ".github" / "workflows" / "publication.yml").read_text(encoding="utf-8"))
    assert publication[True]["push"]["tags"]
    etapes = " ".join(str(e) for e in publication["jobs"]["publier"]["steps"])
    for attendu in ("make site", "_build/site/telechargements", "gh release create"):
        assert attendu in etapes


def test_licence_et_citation():
    licence = (RACINE / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in licence and "MIT License" in licence
    citation = yaml.safe_load((RACINE / "CITATION.cff").read_text(encoding="utf-8"))
    for cle in ("cff-version", "message", "title", "authors", "version", "license"):
        assert cle in citation, cle
    assert citation["license"] == ["CC-BY-SA-4.0", "MIT"]
    changelog = (RACINE / "CHANGELOG.md").read_text(encoding="utf-8")
    version = re.search(r'version = release = "([^"]+)"', (RACINE / "conf.py").read_text())[1]
    assert f"## [{version}]" in changelog and citation["version"] == version
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme and "MIT" in readme
