"""Accessibilité du site dans un vrai navigateur (Chromium de Debian piloté par Playwright) :
zéro violation axe-core WCAG 2.1 A et AA sur chaque page et aucune requête hors du site.
La lecture sans JavaScript est vérifiée par tests/test_leger.py."""

from __future__ import annotations

import pytest
from conftest import RACINE, serveur_local
from navigateur import ARGUMENTS, CHROMIUM, pages

pytestmark = pytest.mark.xdist_group("livre")
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
NORMES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def site(livre):
    with serveur_local(livre / "html") as adresse:
        yield adresse, livre / "html"


@pytest.fixture(scope="module")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield chromium
        chromium.close()


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
    contexte.close()
    assert not violations, violations
    assert not externes, f"requêtes hors du site : {externes[:5]}"


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
