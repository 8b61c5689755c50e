"""Publier ce qui est testé : le site de make site et celui de make html seul, parcourus lien
par lien ; les fichiers de configuration de la publication validés hors ligne ; la boucle
courte des contributeur·rices (make apercu, make verifier)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import http.client
import urllib.request
from pathlib import Path

import pytest
from conftest import MODULES, RACINE, echec_lisible, make, sortie, sphinx

sys.path.insert(0, str(RACINE / "outils"))
import publier  # noqa: E402
import verifier_site  # noqa: E402

BIN = RACINE / ".venv" / "bin"


@pytest.mark.xdist_group("livre")
def test_site_publie_sans_lien_casse(livre, tmp_path):
    """make site : le site et tous ses fichiers, parcourus par le robot sans un seul échec."""
    cible = tmp_path / "site"
    assert publier.publier(livre / "html", cible) == []
    assert not (cible / ".buildinfo").exists()
    telechargements = cible / "telechargements"
    for slug in MODULES:
        for fichier in (f"{slug}.pdf", f"{slug}-participant.pdf", f"{slug}-facile.pdf"):
            assert (telechargements / fichier).read_bytes()[:4] == b"%PDF", fichier
    for fichier in ("plus-personne.epub", "plus-personne.pdf", "plus-personne-participant.pdf",
                    "deroule.pdf", "questions.pdf"):
        assert (telechargements / fichier).stat().st_size > 0, fichier
    parcours = sorted(p.name for p in (telechargements / "parcours").iterdir())
    livres = sorted(p.stem for p in (RACINE / "curricula").glob("*.yml") if p.stem != "livre")
    assert parcours == livres
    # Chaque adresse de téléchargement que le README promet existe bel et bien.
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    promises = re.findall(r"`telechargements/([^`]+)`", readme)
    assert promises, "le README liste les adresses des fichiers"
    for modele in promises:
        exemple = modele.replace("<slug>", MODULES[0]).replace("<nom>", livres[0])
        assert (telechargements / exemple).is_file(), modele


def test_site_de_make_html_seul(tmp_path):
    """make html seul : aucun lien vers un fichier que cette construction n'a pas fait ;
    la page dit que ces fichiers viennent avec make all."""
    resultat = make("html", tmp_path)
    assert resultat.returncode == 0, echec_lisible(resultat)
    html = tmp_path / "html"
    assert verifier_site.verifier(html) == []
    accueil = (html / "index.html").read_text(encoding="utf-8")
    assert "telechargements/" not in re.sub(r"#seance=[^\"]*", "", accueil)
    # Le texte vu : l'espace insécable des guillemets compte comme une espace.
    assert "fichiers produits par « make all »" in accueil.replace("\u00a0", " ")
    module = (html / "modules" / MODULES[0] / "index.html").read_text(encoding="utf-8")
    assert f'href="../../telechargements/{MODULES[0]}.pdf"' not in module
    assert "fichiers produits par « make all »" in module.replace("\u00a0", " ")


def test_le_robot_trouve_les_problemes(tmp_path):
    site = tmp_path / "site"
    (site / "telechargements").mkdir(parents=True)
    (site / "telechargements" / "faux.pdf").write_text("pas un pdf", encoding="utf-8")
    (site / "telechargements" / "vide.epub").write_bytes(b"")
    (site / "autre.html").write_text('<p id="ici">x</p>', encoding="utf-8")
    (site / "index.html").write_text(
        '<a href="absent.html">a</a> <a href="autre.html#ailleurs">b</a> <a href="autre.html#ici">c</a>'
        '<img src="image.png" alt=""> <a href="telechargements/faux.pdf">d</a>'
        '<a href="telechargements/vide.epub">e</a> <a href="https://exemple.org/x">f</a>'
        '<a href="docs/composer.html#seance=%7B%7D">g</a>', encoding="utf-8")
    (site / "docs").mkdir()
    (site / "docs" / "composer.html").write_text("<p>composeur</p>", encoding="utf-8")
    problemes = "\n".join(verifier_site.verifier(site))
    assert "index.html : lien cassé « absent.html »" in problemes
    assert "ancre absente « #ailleurs » dans autre.html" in problemes
    assert "lien cassé « image.png »" in problemes
    assert "telechargements/faux.pdf : ce n'est pas un PDF" in problemes
    assert "telechargements/vide.epub : fichier vide" in problemes
    assert "#ici" not in problemes and "exemple.org" not in problemes and "seance" not in problemes
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "verifier_site.py"),
                               str(site)], capture_output=True, text=True)
    assert resultat.returncode == 1 and "5 problème(s)" in resultat.stdout


def test_publier_refuse_un_site_sans_telechargements(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    problemes = publier.publier(tmp_path / "html", tmp_path / "site")
    assert problemes and "lancez « make all »" in problemes[0]


# -- Configuration de la publication, validée hors ligne ---------------------------------

WORKFLOWS = sorted((RACINE / ".github" / "workflows").glob("*.yml"))


def schema(nom: str, *fichiers: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", nom,
                           *map(str, fichiers)], capture_output=True, text=True)


def test_schemas_read_the_docs_et_workflows():
    resultat = schema("vendor.readthedocs", RACINE / ".readthedocs.yaml")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    resultat = schema("vendor.github-workflows", *WORKFLOWS)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    config = (RACINE / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "make site SITE=$READTHEDOCS_OUTPUT/html" in config


def test_schemas_detectent_une_erreur(tmp_path):
    faux = tmp_path / ".readthedocs.yaml"
    faux.write_text("version: 2\nbuild:\n  os: windows-95\n", encoding="utf-8")
    assert schema("vendor.readthedocs", faux).returncode != 0
    flux = tmp_path / "flux.yml"
    flux.write_text("name: x\non: push\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    assert schema("vendor.github-workflows", flux).returncode != 0


def zizmor(dossier: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "zizmor"), "--offline", "--min-severity", "medium",
                           "--no-progress", str(dossier)], capture_output=True, text=True)


def test_zizmor_aucune_alerte_moyenne_ou_haute():
    resultat = zizmor(RACINE / ".github" / "workflows")
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    for flux in WORKFLOWS:
        texte = flux.read_text(encoding="utf-8")
        for action in re.findall(r"uses:\s*(\S+)", texte):
            assert re.search(r"@[0-9a-f]{40}$", action), f"{flux.name} : {action} non épinglée"


def test_zizmor_detecte_une_action_non_epinglee(tmp_path):
    dossier = tmp_path / "workflows"
    dossier.mkdir()
    (dossier / "faux.yml").write_text(
        "name: Faux\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n", encoding="utf-8")
    resultat = zizmor(dossier / "faux.yml")
    assert resultat.returncode != 0
    assert "unpinned-uses" in resultat.stdout + resultat.stderr


def test_publication_joint_les_fichiers_du_site():
    texte = (RACINE / ".github" / "workflows" / "publication.yml").read_text(encoding="utf-8")
    assert "make site" in texte and "_build/site/telechargements" in texte


# -- La boucle courte ---------------------------------------------------------------------

def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lire(adresse: str) -> str:
    with urllib.request.urlopen(adresse, timeout=5) as reponse:
        return reponse.read().decode("utf-8")


def attendre(condition, delai: float) -> bool:
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        try:
            if condition():
                return True
        except (OSError, http.client.HTTPException):
            pass  # serveur qui démarre, ou page en cours de réécriture
        time.sleep(0.5)
    return False


def test_apercu_reconstruit_a_chaque_enregistrement(projet):
    port = port_libre()
    env = {**os.environ, "PP_SELECTION": "digitalisation"}
    processus = subprocess.Popen(
        ["make", "-C", str(projet), "apercu", f"PORT={port}", f"VENV={RACINE / '.venv'}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    try:
        page = f"http://127.0.0.1:{port}/modules/digitalisation/index.html"
        assert attendre(lambda: "Numériser" in lire(page), 180), "l'aperçu ne répond pas"
        source = projet / "modules" / "digitalisation" / "index.rst"
        texte = source.read_text(encoding="utf-8")
        source.write_text(texte.replace("L'essentiel\n-----------\n",
                                        "L'essentiel\n-----------\n\nPhrase ajoutée en direct.\n",
                                        1), encoding="utf-8")
        assert attendre(lambda: "Phrase ajoutée en direct." in lire(page), 120), \
            "la page n'a pas été reconstruite après l'enregistrement"
    finally:
        os.killpg(processus.pid, signal.SIGTERM)
        processus.wait(timeout=30)


def test_verifier_un_module(projet, tmp_path):
    resultat = subprocess.run(["make", "-C", str(projet), "verifier", "SLUG=digitalisation",
                               f"BUILDDIR={tmp_path}", f"VENV={RACINE / '.venv'}"],
                              capture_output=True, text=True)
    texte = sortie(resultat)
    assert resultat.returncode == 0, texte[-4000:]
    for etape in ("Typographie française", "Texte facile à lire", "Citations",
                  "Trois formats", "Orthographe"):
        assert f"✓ {etape}" in texte, etape
    assert (tmp_path / "verifier" / "digitalisation" / "pdf" / "digitalisation-facile.pdf").is_file()
    assert "tout passe" in texte


def test_verifier_signale_une_faute(projet, tmp_path):
    source = projet / "modules" / "digitalisation" / "index.rst"
    texte = source.read_text(encoding="utf-8")
    source.write_text(texte.replace("L'essentiel\n-----------\n",
                                    "L'essentiel\n-----------\n\nUne phrase : mal espacée.\n", 1),
                      encoding="utf-8")
    resultat = subprocess.run(["make", "-C", str(projet), "verifier", "SLUG=digitalisation",
                               f"BUILDDIR={tmp_path}", f"VENV={RACINE / '.venv'}"],
                              capture_output=True, text=True)
    texte = sortie(resultat)
    assert resultat.returncode != 0
    assert "✗ Typographie française" in texte
    assert re.search(r"modules/digitalisation/index\.rst:\d+: espace ordinaire avant", texte)
    inconnu = subprocess.run(["make", "-C", str(projet), "verifier", "SLUG=digitalisaton",
                              f"VENV={RACINE / '.venv'}"], capture_output=True, text=True)
    assert inconnu.returncode != 0 and "Module introuvable" in sortie(inconnu)
