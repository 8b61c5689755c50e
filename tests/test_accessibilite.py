"""Accessibilité du site dans un vrai navigateur (Chromium de Debian piloté par Playwright) :
zéro violation axe-core WCAG 2.1 A et AA sur chaque page, aucune requête hors du site,
et des pages lisibles sans JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RACINE, serveur_local

from pluspersonne.selection import titre_module

pytestmark = pytest.mark.xdist_group("livre")
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
NORMES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts)


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


def test_lisible_sans_javascript(site, navigateur):
    adresse, _ = site
    contexte = navigateur.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = contexte.new_page()
    page.goto(f"{adresse}/modules/non-recours/index.html")
    titre = titre_module(RACINE, "non-recours")
    assert page.locator("article h1").first.inner_text().startswith(titre.split()[0])
    assert page.locator("article h1").first.is_visible()
    paragraphe = page.locator("article p").nth(2)
    assert paragraphe.is_visible() and len(paragraphe.inner_text()) > 40
    liens = page.locator("nav.bd-links a, .bd-sidebar-primary a")
    assert liens.count() >= 10, "navigation absente sans JavaScript"
    assert any(liens.nth(i).is_visible() for i in range(liens.count()))
    contexte.close()
