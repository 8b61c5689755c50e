"""Outils communs aux tests : constructions Sphinx et projets temporaires."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(RACINE), str(RACINE / "outils")]

from navigateur import serveur_local  # noqa: E402,F401  (réexporté pour les tests)
from pluspersonne.selection import modules_sur_disque  # noqa: E402

MODULES = modules_sur_disque(RACINE)
#: Ce que copie un projet temporaire (jamais les constructions ni .venv).
A_COPIER = ["conf.py", "index.rst", "references.bib", "pluspersonne", "docs", "curricula",
            "modules", "donnees", "_static", "_templates", "Makefile", "outils", "requirements.txt",
            "CONTRIBUTING.md", "avertissements-admis.txt", "mots.txt", "mots-difficiles.txt", "package.json",
            "locale", "mots-nl.txt", "moeilijke-woorden.txt",
            ".puppeteerrc.cjs", "tests", "pytest.ini"]


def make(cible: str, builddir: Path, selection: str | None = None, racine: Path = RACINE,
         **variables: str) -> subprocess.CompletedProcess:
    """Lance ``make <cible>`` comme un·e contributeur·rice, sortie capturée."""
    env = {k: v for k, v in os.environ.items() if k != "PP_SELECTION"}
    if selection:
        env["PP_SELECTION"] = selection
    args = ["make", "-C", str(racine), cible, f"BUILDDIR={builddir}",
            f"VENV={RACINE / '.venv'}", *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(args, env=env, capture_output=True, text=True)


def sphinx(source: Path, sortie: Path, builder: str = "html", selection: str | None = None,
           *options: str) -> subprocess.CompletedProcess:
    """Lance sphinx-build avec les options du projet (-W --keep-going -n)."""
    env = {k: v for k, v in os.environ.items() if k != "PP_SELECTION"}
    if selection:
        env["PP_SELECTION"] = selection
    args = [sys.executable, "-m", "sphinx", "-M", builder, str(source), str(sortie),
            "-W", "--keep-going", "-n", "-q", *options]
    return subprocess.run(args, env=env, capture_output=True, text=True, cwd=source)


def sortie(resultat: subprocess.CompletedProcess) -> str:
    return resultat.stdout + resultat.stderr


def echec_lisible(resultat: subprocess.CompletedProcess) -> str:
    return f"code {resultat.returncode}\n{sortie(resultat)[-6000:]}"


@pytest.fixture
def projet(tmp_path: Path) -> Path:
    """Copie du projet dans un dossier temporaire, à modifier sans risque."""
    copie = tmp_path / "projet"
    copie.mkdir()
    for nom in A_COPIER:
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, copie / nom,
                            ignore=shutil.ignore_patterns("__pycache__", "_build"))
        elif source.is_file():
            shutil.copy2(source, copie / nom)
    return copie


@pytest.fixture(scope="module")
def site(livre):
    """Le site du livre servi en local : (adresse, dossier html)."""
    with serveur_local(livre / "html") as adresse:
        yield adresse, livre / "html"


@pytest.fixture(scope="module")
def navigateur():
    """Chromium de Debian, lancé par Playwright, pour les tests d'un module."""
    from navigateur import chromium

    with chromium() as lance:
        yield lance


@pytest.fixture(scope="session")
def livre(tmp_path_factory) -> Path:
    """Le livre entier construit une fois dans les trois formats (make all)."""
    builddir = tmp_path_factory.mktemp("livre")
    resultat = make("all", builddir)
    (builddir / "make.log").write_text(sortie(resultat), encoding="utf-8")
    if resultat.returncode != 0:
        pytest.fail("make all a échoué :\n" + echec_lisible(resultat))
    return builddir


def pdftexte(pdf: Path) -> str:
    """Texte d'un PDF (pdftotext), espaces et coupures de mots normalisés."""
    texte = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    return normaliser(texte)


def normaliser(texte: str) -> str:
    texte = texte.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    texte = texte.replace("…", "...").replace(". . .", "...")
    texte = re.sub(r"-\s*\n\s*", "", texte)
    return re.sub(r"\s+", " ", texte).strip()
