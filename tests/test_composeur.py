"""Composer une séance dans le navigateur : catalogue qui filtre, composeur, impression,
partage, fichier de parcours, copie ouverte depuis le disque, et la page sans JavaScript.
Tout se passe dans le Chromium de Debian, piloté par Playwright, comme pour un·e
animateur·rice devant son ordinateur."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import RACINE, echec_lisible, make, normaliser, pdftexte, serveur_local

pytestmark = pytest.mark.xdist_group("livre")
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
NORMES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def donnees(html: Path, sorte: str = "donnees") -> dict:
    """Les données qu'un script de la construction donne au navigateur."""
    fichier, = (html / "_static").glob(f"composeur-{sorte}-*.js")
    texte = fichier.read_text(encoding="utf-8")
    return json.loads(texte.split("=", 1)[1].rstrip().removesuffix(";"))


@pytest.fixture
def page(navigateur):
    contexte = navigateur.new_context(accept_downloads=True, locale="fr-BE")
    page = contexte.new_page()
    page.pp_erreurs = []
    page.on("pageerror", lambda e: page.pp_erreurs.append(str(e)))
    yield page
    contexte.close()


def composer_trois(page) -> None:
    """Trois modules avec leurs formats, une pause, une heure de début, un temps disponible."""
    page.fill("#pp-c-titre", "Séance d'essai")
    page.fill("#pp-c-public", "adultes")
    page.fill("#pp-c-participants", "15")
    for slug in ("digitalisation", "fracture-numerique", "non-recours"):
        page.select_option("#pp-c-s0-module", slug)
        page.get_by_role("button", name="Ajouter le module", exact=True).click()
    page.select_option('[data-cle="s0-e1-format"]', "chiffres")
    page.select_option('[data-cle="s0-e2-format"]', "suite")
    page.get_by_role("button", name="Ajouter une pause", exact=True).click()
    # La pause, ajoutée à la fin, remonte entre le deuxième et le troisième module.
    page.click('[data-cle="s0-e3-haut"]')
    page.fill("#pp-c-s0-debut", "14:00")
    page.fill("#pp-c-s0-dispo", "150")
    # Les consignes des activités arrivent avec leur script, chargé à la demande.
    page.wait_for_selector("#pp-impression .pp-i-activite", state="attached")


def test_filtrer_le_catalogue(site, page):
    adresse, html = site
    d = donnees(html, "catalogue")
    page.goto(f"{adresse}/docs/catalogue.html")
    lignes = page.locator("table.pp-catalogue tbody tr")
    assert lignes.count() == len(d["modules"])
    for minutes in (50, 30):
        page.fill("#pp-filtre-temps", str(minutes))
        attendus = sorted(m["titre"] for m in d["modules"]
                          if min(duree for _, duree in m["formats"]) <= minutes)
        visibles = sorted(normaliser(lignes.nth(i).locator("a").first.inner_text())
                          for i in range(lignes.count()) if lignes.nth(i).is_visible())
        assert visibles == sorted(normaliser(t) for t in attendus), minutes
        assert f"{len(attendus)} module" in page.inner_text(".pp-filtre-compte")
    page.fill("#pp-filtre-temps", "")
    public = "élèves du secondaire supérieur"
    page.select_option("#pp-filtre-public", public)
    visibles = sum(lignes.nth(i).is_visible() for i in range(lignes.count()))
    assert visibles == sum(public in m["public"] for m in d["modules"])
    assert not page.pp_erreurs


def test_composer_total_et_heures(site, page):
    adresse, html = site
    d = {m["slug"]: m for m in donnees(html)["modules"]}
    page.goto(f"{adresse}/docs/composer.html")
    composer_trois(page)
    duree = {(s, f["nom"]): f["duree"] for s, m in d.items() for f in m["formats"]}
    premier = min(f["duree"] for f in d["digitalisation"]["formats"])
    total = premier + duree[("fracture-numerique", "chiffres")] + 15 + duree[("non-recours", "suite")]
    fin = 14 * 60 + total
    texte = normaliser(page.inner_text('[data-total="0"]'))
    assert f"de 14:00 à {fin // 60}:{fin % 60:02d}" in texte, texte
    assert page.inner_text('[data-alerte="0"]') == ""
    apercu = normaliser(page.inner_text("#pp-impression"))
    assert "14:00" in apercu and f"{(14 * 60 + premier) // 60}:{(14 * 60 + premier) % 60:02d}" in apercu
    page.fill("#pp-c-s0-dispo", str(total - 10))
    assert "dépasse de 10 min" in normaliser(page.inner_text('[data-alerte="0"]'))
    assert not page.pp_erreurs


def test_imprimer_la_seance(site, page, tmp_path):
    adresse, _ = site
    page.goto(f"{adresse}/docs/composer.html")
    composer_trois(page)
    pdf = tmp_path / "seance.pdf"
    page.pdf(path=str(pdf), format="A4")
    texte = pdftexte(pdf)
    for attendu in ("Séance d'essai", "Numériser, dématérialiser, digitaliser", "14:00",
                    "À préparer (pour 15 participant·es", "Projection", "Questions, par moment",
                    "Pour l'animateur·rice"):
        assert attendu in texte, attendu
    for absent in ("Ajouter le module", "Parcours prêts à l'emploi", "Recherche"):
        assert absent not in texte, absent
    # Édition participant·e : sans notes d'animation ni liste à préparer.
    page.check("#pp-c-participant")
    page.pdf(path=str(tmp_path / "participant.pdf"), format="A4")
    participant = pdftexte(tmp_path / "participant.pdf")
    assert "Numériser, dématérialiser, digitaliser" in participant
    assert "Pour l'animateur·rice" not in participant and "À préparer" not in participant
    # Un module par page : le PDF a au moins une page par module, plus le déroulé.
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1])
    assert pages >= 4


def test_partager_retrouve_la_meme_seance(site, page, navigateur):
    adresse, _ = site
    page.goto(f"{adresse}/docs/composer.html")
    composer_trois(page)
    page.get_by_role("button", name="Partager", exact=True).click()
    lien = page.input_value("#pp-c-lien")
    assert "#seance=" in lien
    avant = page.inner_text("#pp-impression")
    autre = navigator_page(navigateur)
    autre.goto(lien)
    assert autre.inner_text("#pp-impression") == avant
    assert autre.input_value("#pp-c-s0-debut") == "14:00"
    autre.context.close()


def navigator_page(navigateur):
    contexte = navigateur.new_context(locale="fr-BE")
    return contexte.new_page()


def telecharger_yaml(page) -> str:
    with page.expect_download() as attente:
        page.click("#pp-c-yaml")
    return Path(attente.value.path()).read_text(encoding="utf-8")


def etapes_du_deroule(texte: str) -> list[str]:
    return re.findall(r"\b\d{1,2}:\d{2} \d+ min", normaliser(texte))


def test_fichier_de_parcours_construit_le_meme_deroule(site, page, projet, tmp_path):
    adresse, _ = site
    page.goto(f"{adresse}/docs/composer.html")
    composer_trois(page)
    yaml_texte = telecharger_yaml(page)
    attendu = etapes_du_deroule(page.inner_text("#pp-impression table.pp-i-deroule"))
    (projet / "curricula" / "seance-d-essai.yml").write_text(yaml_texte, encoding="utf-8")
    resultat = make("curriculum", tmp_path, racine=projet, C="curricula/seance-d-essai.yml")
    assert resultat.returncode == 0, echec_lisible(resultat)
    sortie_ = tmp_path / "curricula" / "seance-d-essai"
    deroule = (sortie_ / "html" / "docs" / "deroule.html").read_text(encoding="utf-8")
    obtenu = etapes_du_deroule(re.sub(r"<[^>]+>", " ", deroule))
    assert obtenu == attendu
    assert "Séance d'essai" in pdftexte(sortie_ / "pdf" / "deroule.pdf").replace("’", "'")


def test_copie_ouverte_depuis_le_disque(livre, page, tmp_path):
    """Un site téléchargé et ouvert sans serveur (file://) : filtres, composeur, partage."""
    copie = tmp_path / "site"
    shutil.copytree(livre / "html", copie)
    page.goto((copie / "docs" / "catalogue.html").as_uri())
    page.fill("#pp-filtre-temps", "30")
    assert "module" in page.inner_text(".pp-filtre-compte")
    page.locator("table.pp-catalogue tr:not([hidden]) .pp-ajout button").first.click()
    page.goto((copie / "docs" / "composer.html").as_uri())
    assert page.locator(".pp-c-element").count() == 1, "le module ajouté depuis le catalogue"
    page.click('[data-cle="s0-e0-retirer"]')
    composer_trois(page)
    page.get_by_role("button", name="Partager", exact=True).click()
    lien = page.input_value("#pp-c-lien")
    assert lien.startswith("file://") and "#seance=" in lien
    yaml_texte = telecharger_yaml(page)
    assert "programme:" in yaml_texte and "format: suite" in yaml_texte
    pdf = tmp_path / "seance.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert "14:00" in pdftexte(pdf)
    assert not page.pp_erreurs


def test_ajouter_depuis_la_page_d_un_module(site, page):
    adresse, _ = site
    page.goto(f"{adresse}/modules/contexte/index.html")
    page.click(".pp-ajout-module button")
    page.click(".pp-ajout-module a")
    assert page.url.split("#")[0].endswith("/docs/composer.html")
    assert "contexte" in page.inner_text(".pp-c-programme") or page.locator(
        ".pp-c-element a[href$='modules/contexte/index.html']").count() == 1


def test_au_clavier_seulement(site, page):
    """Ajouter, déplacer et retirer sans souris : le focus suit l'élément déplacé."""
    adresse, _ = site
    page.goto(f"{adresse}/docs/composer.html")
    page.focus("#pp-c-s0-module")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Ajouter le module
    page.focus("#pp-c-s0-module")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator(".pp-c-element").count() == 2
    premier = page.locator(".pp-c-element").nth(0).locator("a").inner_text()
    page.focus('[data-cle="s0-e0-bas"]')
    page.keyboard.press("Enter")
    assert page.locator(".pp-c-element").nth(1).locator("a").inner_text() == premier
    focus = page.evaluate("document.activeElement.getAttribute('data-cle')")
    assert focus == "s0-e1-haut", focus
    page.keyboard.press("Enter")
    assert page.locator(".pp-c-element").nth(0).locator("a").inner_text() == premier
    page.focus('[data-cle="s0-e0-retirer"]')
    page.keyboard.press("Enter")
    assert page.locator(".pp-c-element").count() == 1
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


def test_parcours_livres_dans_le_composeur(site, page):
    adresse, html = site
    d = donnees(html)
    assert len(d["parcours"]) >= 4
    page.goto(f"{adresse}/index.html")
    liens = page.locator("a.pp-ouvrir-composeur")
    assert liens.count() == len(d["parcours"])
    parcours = next(p for p in d["parcours"] if p["nom"] == "formation-travail-social")
    page.locator(f"#parcours-{parcours['nom']} a.pp-ouvrir-composeur").click()
    assert page.input_value("#pp-c-titre") == parcours["titre"]
    assert "9:00" in page.inner_text('[data-total="0"]')
    assert page.inner_text('[data-alerte="0"]') == ""


def test_sans_javascript(livre, navigateur):
    contexte = navigateur.new_context(java_script_enabled=False)
    page = contexte.new_page()
    with serveur_local(livre / "html") as adresse:
        page.goto(f"{adresse}/docs/catalogue.html")
        assert page.locator("table.pp-catalogue tbody tr").count() == len(
            donnees(livre / "html")["modules"])
        assert page.locator(".pp-filtres").count() == 0
        page.goto(f"{adresse}/docs/composer.html")
        texte = normaliser(page.inner_text("main"))
        assert "Le composeur a besoin de JavaScript" in texte
        assert "parcours prêts à l'emploi" in texte
        assert page.locator(".pp-parcours-pret").count() >= 4
        assert page.locator(".pp-parcours-fichiers a[href$='.pdf']").count() >= 4
    contexte.close()


def test_accessibilite_du_composeur(site, page):
    adresse, _ = site
    script = AXE.read_text(encoding="utf-8")
    violations = {}

    def verifier(nom: str) -> None:
        page.add_script_tag(content=script)
        resultat = page.evaluate(
            "async (normes) => await axe.run(document, {runOnly: {type: 'tag', values: normes}})",
            NORMES)
        for v in resultat["violations"]:
            violations.setdefault(nom, []).append(f"{v['id']} : {v['nodes'][0]['html'][:150]}")

    page.goto(f"{adresse}/docs/catalogue.html")
    verifier("catalogue")
    page.goto(f"{adresse}/docs/composer.html")
    composer_trois(page)
    verifier("composeur")
    page.emulate_media(media="print")
    verifier("impression")
    assert not violations, violations


def test_poids_du_composeur(site, navigateur):
    """Première visite du composeur, données comprises : au plus 150 Ko compressés."""
    adresse, html = site
    contexte = navigateur.new_context()
    page = contexte.new_page()
    chemins: list[str] = []
    externes: list[str] = []
    page.on("request", lambda r: chemins.append(r.url) if r.url.startswith(adresse)
            else externes.append(r.url))
    page.goto(f"{adresse}/docs/composer.html", wait_until="networkidle")
    contexte.close()
    total = 0
    for url in set(chemins):
        fichier = html / url.removeprefix(adresse + "/").split("#")[0].split("?")[0]
        if fichier.is_file():
            total += len(gzip.compress(fichier.read_bytes(), 9))
    assert total <= 150 * 1024, f"{total / 1024:.0f} Ko compressés"
    assert not externes, externes
    script = (html / "_static" / "seance.js").read_bytes()
    assert len(gzip.compress(script, 9)) <= 20 * 1024, "seance.js dépasse 20 Ko compressés"
    # Le seul script de séance de la page d'un module : il reste petit.
    base = (html / "_static" / "seance-base.js").read_bytes()
    assert len(base) <= 8 * 1024, "seance-base.js dépasse 8 Ko"


def test_epub_et_pdf_renvoient_au_site(livre):
    import zipfile

    with zipfile.ZipFile(next((livre / "epub").glob("*.epub"))) as archive:
        page = archive.read("docs/composer.xhtml").decode()
    assert "Le composeur de séance se trouve sur le site web du livre" in page
    assert "seance.js" not in page and "seance-base.js" not in page
    assert "Le composeur de séance se trouve sur le site web du livre" in pdftexte(
        livre / "pdf" / "plus-personne.pdf").replace("’", "'")
