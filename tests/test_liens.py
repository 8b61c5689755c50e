"""Liens : le vérificateur de Sphinx, éprouvé hors ligne contre un serveur local, et la
forme des adresses externes (https, sans pisteur, sans raccourcisseur)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import RACINE, serveur_local

FIXTURES = Path(__file__).parent / "fixtures"
RACCOURCISSEURS = {"bit.ly", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "is.gd", "buff.ly",
                   "lnkd.in", "rebrand.ly", "shorturl.at"}
PISTEURS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|igshid|_hs\w+|ref_src)$")


def adresses() -> list[tuple[str, str]]:
    """(fichier, adresse) de toutes les adresses externes du projet."""
    trouvees = []
    fichiers = [RACINE / "references.bib", RACINE / "index.rst",
                *sorted((RACINE / "modules").rglob("*.rst")), *sorted((RACINE / "docs").rglob("*.rst"))]
    for fichier in fichiers:
        for url in re.findall(r"https?://[^\s<>`}{\"']+", fichier.read_text(encoding="utf-8")):
            trouvees.append((str(fichier.relative_to(RACINE)), url.rstrip(".,;)")))
    return trouvees


def test_il_y_a_des_adresses():
    assert len(adresses()) >= 10


@pytest.mark.parametrize("fichier, url", adresses())
def test_forme_des_adresses(fichier, url):
    partie = urlparse(url)
    assert partie.scheme == "https", f"{fichier} : {url} doit être en https"
    assert partie.netloc.lower().removeprefix("www.") not in RACCOURCISSEURS, (
        f"{fichier} : {url} est un lien raccourci ; donnez l'adresse complète")
    pisteurs = [p for p in parse_qs(partie.query) if PISTEURS.match(p)]
    assert not pisteurs, f"{fichier} : {url} contient des paramètres de suivi {pisteurs}"


@pytest.fixture
def serveur():
    with serveur_local(FIXTURES / "liens") as adresse:
        yield adresse


def test_linkcheck_hors_ligne(projet, serveur):
    """Avec les réglages du projet : 404 et ancre inconnue sont cassés, le bon lien passe."""
    essai = (FIXTURES / "essai.rst").read_text(encoding="utf-8").replace(
        "Voir aussi :module-lie:`digitalisation`.",
        f"Liens : `bon <{serveur}/bon.html>`__, `absent <{serveur}/absent.html>`__, "
        f"`ancre connue <{serveur}/bon.html#ancre-connue>`__, "
        f"`ancre inconnue <{serveur}/bon.html#ancre-inconnue>`__.")
    (projet / "modules" / "essai").mkdir(parents=True)
    (projet / "modules" / "essai" / "index.rst").write_text(essai, encoding="utf-8")
    env = {**os.environ, "PP_SELECTION": "essai", "PP_LINKCHECK_LOCAL": "1"}
    resultat = subprocess.run([sys.executable, "-m", "sphinx", "-b", "linkcheck", "-q",
                               str(projet), str(projet / "_build" / "linkcheck")],
                              env=env, capture_output=True, text=True, cwd=projet)
    assert resultat.returncode != 0, "des liens cassés doivent faire échouer la vérification"
    statuts = {}
    for ligne in (projet / "_build" / "linkcheck" / "output.json").read_text().splitlines():
        entree = json.loads(ligne)
        statuts[entree["uri"].removeprefix(serveur)] = entree["status"]
    assert statuts["/bon.html"] == "working"
    assert statuts["/bon.html#ancre-connue"] == "working"
    assert statuts["/absent.html"] == "broken"
    assert statuts["/bon.html#ancre-inconnue"] == "broken"
    externes = [u for u, s in statuts.items() if u.startswith("http") and s != "ignored"]
    assert not externes, "hors ligne, les adresses externes sont ignorées"


def test_workflows_github():
    import yaml

    tests = yaml.safe_load((RACINE / ".github/workflows/tests.yml").read_text(encoding="utf-8"))
    liens = yaml.safe_load((RACINE / ".github/workflows/liens.yml").read_text(encoding="utf-8"))
    # PyYAML lit la clé « on » comme le booléen True
    assert "pull_request" in tests[True]
    assert "pull_request" in liens[True] and liens[True]["schedule"][0]["cron"]
    etapes = [e.get("run", "") for e in tests["jobs"]["tests"]["steps"]]
    assert "make test" in etapes
    etapes = [e.get("run", "") for e in liens["jobs"]["linkcheck"]["steps"]]
    assert "make linkcheck" in etapes
