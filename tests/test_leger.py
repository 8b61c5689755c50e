"""Des pages légères et qui restent complètes (issue 9), vérifiées dans Chromium.

Ce ne sont pas des mesures de temps : le poids de chaque page est compté octet par
octet (outils/poids.py) et comparé aux limites ; l'impression, les modes clair et
sombre, la recherche et la lecture sans JavaScript sont vérifiés dans le navigateur.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import normaliser, serveur_local
from navigateur import chromium, pages
from poids import LIMITE_BRUTE, LIMITE_GZIP, visiter

import affichage

pytestmark = pytest.mark.xdist_group("livre")
MODULE = "modules/non-recours/index.html"


@pytest.fixture(scope="module")
def site(livre):
    with serveur_local(livre / "html") as adresse, chromium() as navigateur:
        yield adresse, livre / "html", navigateur


def test_poids_de_chaque_page(site):
    """Toute page du livre respecte les limites d'une première visite, tout vient du site."""
    adresse, html, navigateur = site
    liste = pages(html)
    assert len(liste) > 15 and MODULE in liste
    visites = [visiter(navigateur, adresse, p) for p in liste]
    erreurs = [e for v in visites for e in v.depassements()]
    assert not erreurs, "\n".join(erreurs)
    module = next(v for v in visites if v.page == MODULE)
    assert not any("fontawesome" in f or f.endswith(".woff2") for f in module.fichiers), \
        "le script ou la police d'icônes est encore chargé"
    assert not any("searchindex" in f for f in module.fichiers), \
        "l'index de recherche est chargé hors de la page de recherche"
    # La page d'un module n'a que le socle des scripts de séance (son bouton).
    assert any(f.endswith("_static/seance-base.js") for f in module.fichiers), module.fichiers
    assert not any(f.endswith("_static/seance.js") or "composeur-" in f
                   for f in module.fichiers), "le script du composeur est chargé sur un module"


def test_une_seule_requete_bloquante(site):
    """Sur chaque page, rien ne bloque le premier affichage que la feuille de style unique."""
    _, html, _ = site
    bloquantes = {p: affichage.bloquants((html / p).read_text(encoding="utf-8"))
                  for p in pages(html)}
    trop = {p: b for p, b in bloquantes.items() if len(b) > 1}
    assert not trop, trop
    assert all(b and "pp-tout.css" in b[0] for b in bloquantes.values())
    # La mesure voit une page qui bloque.
    assert len(affichage.bloquants('<html><head><link rel="stylesheet" href="a.css">'
                                   '<script src="b.js"></script><script defer src="c.js">'
                                   '</script></head><body></body></html>')) == 2


def test_la_mesure_voit_un_depassement(site, tmp_path):
    """Le contrôle peut échouer : une page trop lourde et une ressource d'un autre hôte."""
    (tmp_path / "lourd.js").write_bytes(bytes(range(256)) * 2000)  # 500 Ko peu compressibles
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title><script src="lourd.js"></script>'
        '</head><body><img alt="x" src="https://exemple.invalid/image.png"></body></html>',
        encoding="utf-8")
    with serveur_local(tmp_path) as adresse:
        visite = visiter(site[2], adresse, "page.html")
    assert visite.brut > LIMITE_BRUTE and visite.gzip < LIMITE_GZIP
    erreurs = visite.depassements()
    assert any("chargés, limite" in e for e in erreurs)
    assert any("autre hôte, https://exemple.invalid/image.png" in e for e in erreurs)


def test_icones_dessinees_en_css(site):
    """Les icônes du thème s'affichent sans leur script, avec ou sans JavaScript."""
    adresse, html, navigateur = site
    assert not (html / "_static/scripts/fontawesome.js").exists()
    for javascript in (True, False):
        contexte = navigateur.new_context(java_script_enabled=javascript)
        onglet = contexte.new_page()
        onglet.goto(f"{adresse}/{MODULE}")
        masque = onglet.evaluate(
            "() => getComputedStyle(document.querySelector('.dropdown-download-buttons i'),"
            " '::before').maskImage")
        assert masque.startswith('url("data:image/svg+xml'), masque
        # Le titre d'un encadré : une icône dessinée, pas un caractère de la police retirée
        # (un carré vide à l'écran).
        for encadre in (".admonition.note", ".admonition.pp-note-animation"):
            style = onglet.evaluate(
                "(s) => { const t = getComputedStyle(document.querySelector(s + ' > "
                ".admonition-title'), '::after'); return [t.content, t.maskImage]; }", encadre)
            assert style[0] == '""' and style[1].startswith('url("data:image/svg+xml'), \
                (encadre, style)
        contexte.close()


def test_toutes_les_pages_sans_javascript(site):
    """Sans JavaScript, chaque page montre son titre, son texte, sa navigation et ses liens."""
    adresse, html, navigateur = site
    contexte = navigateur.new_context(java_script_enabled=False,
                                      viewport={"width": 1280, "height": 900})
    onglet = contexte.new_page()
    for page in pages(html):
        onglet.goto(f"{adresse}/{page}")
        assert onglet.locator("h1:visible").count() == 1, page
        liens = onglet.locator("nav.bd-links a")
        assert liens.count() >= 10, f"{page} : navigation absente sans JavaScript"
        assert sum(liens.nth(i).is_visible() for i in range(liens.count())) >= 10, page
        if page not in ("search.html", "genindex.html"):
            texte = onglet.locator("article.bd-article").inner_text()
            assert len(texte) > 300, f"{page} : texte absent sans JavaScript"
    contexte.close()


def test_modes_clair_et_sombre(site):
    adresse, _, navigateur = site
    contexte = navigateur.new_context()
    onglet = contexte.new_page()
    onglet.goto(f"{adresse}/{MODULE}", wait_until="networkidle")
    fonds = {}
    for mode in ("light", "dark"):
        onglet.click(".theme-switch-button")
        onglet.click(f".theme-change-button[data-mode={mode}]")
        assert onglet.evaluate("document.documentElement.dataset.theme") == mode
        fonds[mode] = onglet.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fonds["light"] != fonds["dark"], fonds
    contexte.close()


def test_recherche(site):
    """La fenêtre de recherche s'ouvre sur toute page ; la page de recherche trouve."""
    adresse, _, navigateur = site
    contexte = navigateur.new_context()
    onglet = contexte.new_page()
    onglet.goto(f"{adresse}/{MODULE}", wait_until="networkidle")
    onglet.click("button.search-button__button")
    assert onglet.locator("#pst-search-dialog").is_visible()
    onglet.goto(f"{adresse}/search.html?q=guichet", wait_until="networkidle")
    onglet.wait_for_selector("#search-results li", timeout=10_000)
    assert onglet.locator("#search-results li").count() >= 3
    contexte.close()


def test_impression_a4(site, tmp_path):
    """Imprimer une page de module depuis Chromium : A4, sans barres ni boutons, la fiche
    entière sur une page, les adresses des liens externes écrites."""
    adresse, html, navigateur = site
    onglet = navigateur.new_page()
    onglet.goto(f"{adresse}/{MODULE}", wait_until="networkidle")
    # Un lien externe dans le texte (les modules n'en ont aujourd'hui que dans leurs sources).
    onglet.evaluate("""() => document.querySelector('section[id$="-essentiel"] p')
        .insertAdjacentHTML('beforeend', ' <a class="reference external"'
        + ' href="https://exemple.org/lien-imprime">un lien</a>')""")
    pdf = tmp_path / "module.pdf"
    onglet.pdf(path=str(pdf), prefer_css_page_size=True)
    onglet.close()
    infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    largeur, hauteur = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", infos).groups())
    assert abs(largeur - 595) < 2 and abs(hauteur - 842) < 2, "la page imprimée n'est pas en A4"
    bruts = [subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf),
                             "-"], capture_output=True, text=True).stdout
             for n in range(1, int(re.search(r"Pages:\s+(\d+)", infos).group(1)) + 1)]
    feuilles = [normaliser(b) for b in bruts]
    tout = " ".join(feuilles)
    assert "Le non-recours aux droits" in feuilles[0]
    for absent in ("Pour commencer", "Ctrl", "Passer au contenu", "suivant Fraude", "Thème"):
        assert absent not in tout, f"« {absent} » (barre ou bouton) apparaît à l'impression"
    assert any("Fiche du module" in f and "À imprimer" in f for f in feuilles), \
        "la fiche du module est coupée entre deux pages"
    assert "unlien<https://exemple.org/lien-imprime>" in re.sub(r"\s", "", "".join(bruts)), \
        "l'adresse d'un lien externe n'est pas écrite à l'impression"
