"""Accessibilité dans un vrai navigateur (Chromium de Debian piloté par Playwright) :
zéro violation axe-core (WCAG 2.1 A et AA, et les bonnes pratiques) sur chaque page,
aucune requête hors du site, aucun nom accessible anglais laissé par le thème ; zéro
violation DAISY Ace sur l'ePub du livre. La lecture sans JavaScript est vérifiée par
tests/test_leger.py ; les ePub des modules seuls et des parcours, par leurs tests."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import RACINE, serveur_local
from navigateur import pages

pytestmark = pytest.mark.xdist_group("livre")
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
NORMES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
#: La version d'axe-core que le projet fixe (package.json) : la plus récente publiée.
VERSION_AXE = json.loads((RACINE / "package.json").read_text(encoding="utf-8"))[
    "devDependencies"]["axe-core"]
sys.path.insert(0, str(RACINE / "outils"))
import verifier_ace  # noqa: E402


def test_axe_et_requetes(site, navigateur):
    adresse, html = site
    contexte = navigateur.new_context()
    externes: list[str] = []
    contexte.on("request", lambda r: None if r.url.startswith(adresse) else externes.append(r.url))
    page = contexte.new_page()
    script = AXE.read_text(encoding="utf-8")
    violations = {}
    liste = pages(html)
    assert len(liste) > 15
    for nom in liste:
        page.goto(f"{adresse}/{nom}")
        page.add_script_tag(content=script)
        resultat = page.evaluate(
            "async (normes) => await axe.run(document, {runOnly: {type: 'tag', values: normes}})",
            NORMES)
        for violation in resultat["violations"]:
            violations.setdefault(nom, []).append(
                f"{violation['id']} : {violation['nodes'][0]['html'][:120]}")
    version = page.evaluate("axe.version")
    contexte.close()
    print(f"axe-core {version} : {len(liste)} pages, règles {', '.join(NORMES)}")
    assert version == VERSION_AXE, f"axe-core {version} au lieu de {VERSION_AXE}"
    assert not violations, violations
    assert not externes, f"requêtes hors du site : {externes[:5]}"


#: Mots anglais que le thème met dans les noms accessibles et les bulles d'aide.
ANGLAIS = re.compile(r'(?:aria-label|title|placeholder)="[^"]*\b(Search|Toggle|Main|sidebar|'
                     r'Download|Print|Edit|Open|Close|Skip|Back to top)\b', re.IGNORECASE)


def test_aucun_nom_accessible_anglais(site):
    _, html = site
    anglais = {}
    for nom in pages(html):
        trouves = ANGLAIS.findall((html / nom).read_text(encoding="utf-8"))
        if trouves:
            anglais[nom] = sorted(set(trouves))
    assert not anglais, anglais


def test_ace_epub_du_livre(livre):
    epub = next((livre / "epub").glob("*.epub"))
    version, violations = verifier_ace.verifier(epub)
    print(f"DAISY Ace {version} : {len(violations)} violation(s) dans {epub.name}")
    assert not violations, violations


def test_ace_detecte_une_violation(livre, tmp_path):
    """Le contrôle peut échouer : sans aria-level sur une légende de table des matières."""
    import zipfile

    source = next((livre / "epub").glob("*.epub"))
    fautif = tmp_path / "fautif.epub"
    with zipfile.ZipFile(source) as entree, zipfile.ZipFile(fautif, "w") as sortie:
        for info in entree.infolist():
            donnees = entree.read(info)
            if info.filename == "index.xhtml":
                donnees = donnees.replace(b' aria-level="2"', b"")
            sortie.writestr(info, donnees)
    _, violations = verifier_ace.verifier(fautif)
    assert any("aria-required-attr" in v for v in violations), violations


def test_axe_detecte_une_violation(navigateur):
    """Le contrôle peut échouer : une image sans alternative est signalée."""
    page = navigateur.new_page()
    page.set_content('<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>'
                     '<main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>')
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    resultat = page.evaluate(
        "async (normes) => await axe.run(document, {runOnly: {type: 'tag', values: normes}})", NORMES)
    assert "image-alt" in {v["id"] for v in resultat["violations"]}
    page.close()
