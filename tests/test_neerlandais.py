"""L'édition néerlandaise : le livre, chaque module et chaque parcours construits en
néerlandais dans les trois formats, le site qui porte les deux langues, et les
vérifications des catalogues (traduction absente ou « fuzzy », reST, clés et renvois,
orthographe, typographie, texte en eenvoudige taal), chacune prouvée par un échec."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import (MODULES, RACINE, echec_lisible, make, normaliser, pdftexte,
                      serveur_local, sortie)

sys.path.insert(0, str(RACINE / "outils"))
import facile  # noqa: E402
import traduction  # noqa: E402
import verifier_ace  # noqa: E402
import verifier_epub  # noqa: E402
import verifier_site  # noqa: E402

LOCALE = RACINE / "locale" / "nl" / "LC_MESSAGES"
CURRICULA = sorted(p.name for p in (RACINE / "curricula").glob("*.yml"))


def catalogue(relatif: str, racine: Path = RACINE):
    with (racine / "locale" / "nl" / "LC_MESSAGES" / relatif).open("rb") as fichier:
        return read_po(fichier)


def nl(message: str, relatif: str = "pluspersonne.po") -> str:
    """La traduction néerlandaise d'un texte du projet (lue dans son catalogue)."""
    entree = catalogue(relatif).get(message)
    assert entree is not None and entree.string, f"« {message} » n'est pas traduit ({relatif})"
    return entree.string


def modifier_po(racine: Path, relatif: str, change) -> None:
    """Réécrit un catalogue après ``change(catalogue)``."""
    chemin = racine / "locale" / "nl" / "LC_MESSAGES" / relatif
    with chemin.open("rb") as fichier:
        messages = read_po(fichier)
    change(messages)
    with chemin.open("wb") as fichier:
        write_po(fichier, messages, width=0)


def texte_visible(html: str) -> str:
    """Le texte d'une page hors scripts, styles, citations en français et notes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<span class="pp-fr"[^>]*>.*?</span>', " ", html, flags=re.S)
    html = re.sub(r'<aside class="footnote brackets.*?</aside>', " ", html, flags=re.S)
    return normaliser(re.sub(r"<[^>]+>", " ", html))


# -- L'édition néerlandaise construite une fois, avec le site français à côté ------------

@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Path:
    """make html (français), make nl (livre, parcours, site néerlandais), puis make html
    (français) : comme make site, les deux éditions et leurs liens de langue."""
    builddir = tmp_path_factory.mktemp("nl")
    journal = []
    for cible, taal in (("html", "fr"), ("nl", "nl"), ("html", "fr")):
        resultat = make(cible, builddir, TAAL=taal)
        journal.append(f"== make {cible} TAAL={taal}\n{sortie(resultat)}")
        if resultat.returncode != 0:
            pytest.fail(f"make {cible} TAAL={taal} a échoué :\n" + echec_lisible(resultat))
    (builddir / "make.log").write_text("\n".join(journal), encoding="utf-8")
    return builddir


pytestmark = pytest.mark.xdist_group("nl")


def test_zero_avertissement(edition):
    journal = (edition / "make.log").read_text(encoding="utf-8")
    assert not re.search(r"WARNING|ERROR|AVERTISSEMENT|ERREUR", journal), journal[-4000:]


def test_pages_en_neerlandais(edition):
    """Chaque page de l'édition est en néerlandais, textes du projet compris."""
    html = edition / "html" / "nl"
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) > 20
    francais = ["Fiche du module", "Objectifs", "Mots-clés", "Avant le film", "Après le film",
                "À préparer", "Matériel", "Lien vers cette rubrique", "Menu du livre",
                "Afficher ou masquer", "En facile à lire", "Skip to main content",
                "Back to top", "Link to this heading", "On this page", "Color mode"]
    for page in pages:
        texte = page.read_text(encoding="utf-8")
        assert re.search(r'<html[^>]* lang="nl"', texte), page
        visible = texte_visible(texte)
        restes = [f for f in francais if f in visible or f'"{f}' in texte]
        assert not restes, f"{page.relative_to(html)} : {restes}"
    module = (html / "modules" / "non-recours" / "index.html").read_text(encoding="utf-8")
    assert nl("Fiche du module") in module and nl("Public") in module
    # Les mots outils du français ne restent que dans les citations marquées et les notes
    # (« les » n'y est pas : c'est aussi un mot néerlandais, « de les »).
    mots = re.findall(r"\b(des|une|est|pour|dans|avec|qui)\b", texte_visible(module))
    assert len(mots) <= 5, mots


def test_dates_et_figures_en_neerlandais(edition):
    html = edition / "html" / "nl"
    contexte = (html / "modules" / "contexte" / "index.html").read_text(encoding="utf-8")
    assert "25 september 2025" in contexte
    # Le texte de remplacement de la frise : mois et événements traduits.
    alternatives = re.findall(r'<img [^>]*alt="([^"]*)"', contexte)
    assert any("januari 2024" in a for a in alternatives), alternatives
    assert not any("janvier" in a or "Moniteur" in a for a in alternatives), alternatives


def test_glossaire_trie_en_neerlandais(edition):
    page = (edition / "html" / "nl" / "docs" / "glossaire.html").read_text(encoding="utf-8")
    termes = [re.sub(r"<[^>]+>", "", t).strip() for t in
              re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink', page, re.S)]
    assert "OCMW" in termes and "leefloon" in termes
    cles = [facile.nettoyer(t).lower().replace("*", "") for t in termes]
    import unicodedata
    cles = ["".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
            for t in cles]
    assert cles == sorted(cles), termes


def test_bibliographie_neerlandaise(edition):
    page = (edition / "html" / "nl" / "docs" / "bibliographie.html").read_text(encoding="utf-8")
    texte = normaliser(re.sub(r"<[^>]+>", "", page))
    assert "Brotcorne, Périne en Vendramin, Patricia (2021)" in texte
    assert " et Vendramin" not in texte and ". Dans " not in texte
    assert "Belgisch Staatsblad" in texte and "Moniteur belge, 21" not in texte
    # Les auteurs collectifs sous leur nom néerlandais, les titres des sources françaises
    # en français.
    assert "Koning Boudewijnstichting (2020)" in texte and "Fondation Roi Baudouin" not in texte
    assert "Une société en ligne productrice d'exclusion" in texte
    # La phrase des sources d'une figure : mots de liaison néerlandais.
    fracture = (edition / "html" / "nl" / "modules" / "fracture-numerique" / "index.html")
    legendes = normaliser(re.sub(r"<[^>]+>", "", fracture.read_text(encoding="utf-8")))
    assert "Bron: Brotcorne en Vendramin (2021)" in legendes


def test_epub_neerlandais(edition):
    epub = edition / "nl" / "epub" / "plus-personne.epub"
    assert verifier_epub.verifier(epub) == []
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("content.opf").decode()
        assert "<dc:language>nl</dc:language>" in opf
        resume = re.search(r'schema:accessibilitySummary">([^<]+)<', opf).group(1)
        assert resume == nl("Livre numérique entièrement textuel\u00a0: titres structurés, "
                            "table des matières et navigation, aucune information portée par "
                            "la seule couleur\u00a0; les notes et les liens sont des liens "
                            "textuels.")
        documents = [n for n in archive.namelist() if n.endswith(".xhtml")]
        for nom in documents:
            entete = archive.read(nom).decode()[:600]
            assert 'lang="nl"' in entete and 'xml:lang="nl"' in entete, nom
    version, violations = verifier_ace.verifier(epub)
    assert violations == [], violations


def test_pdf_neerlandais(edition):
    pdf = edition / "nl" / "pdf"
    attendus = ["plus-personne.pdf", "plus-personne-participant.pdf", "deroule.pdf",
                "questions.pdf"]
    attendus += [f"{slug}{suffixe}.pdf" for slug in MODULES
                 for suffixe in ("", "-participant", "-facile")]
    assert sorted(attendus) == sorted(p.name for p in pdf.glob("*.pdf"))
    tex = (edition / "nl" / "latex" / "plus-personne.tex").read_text(encoding="utf-8")
    assert r"\usepackage[french,main=dutch]{babel}" in tex
    journal = (edition / "nl" / "latex" / "plus-personne.log").read_text(errors="replace")
    assert "dutch" in journal.lower() and "no hyphenation patterns" not in journal.lower()
    fiche = pdftexte(pdf / "non-recours.pdf")
    assert nl("Fiche du module") in fiche and "Fiche du module" not in fiche
    facile_pdf = pdftexte(pdf / "non-recours-facile.pdf")
    assert "Pagina 1" in facile_pdf and "Page 1" not in facile_pdf
    deroule = pdftexte(pdf / "deroule.pdf")
    assert "Accueil" not in deroule and "Avant le film" not in deroule


def test_parcours_publies_en_neerlandais(edition):
    telechargements = edition / "html" / "nl" / "telechargements"
    for nom in CURRICULA:
        if nom == "livre.yml":
            continue
        dossier = telechargements / "parcours" / Path(nom).stem
        assert (dossier / f"{Path(nom).stem}.epub").is_file(), dossier
        assert (dossier / "deroule.pdf").is_file(), dossier


def test_site_bilingue(edition):
    """Le robot parcourt les deux éditions : liens, téléchargements et liens de langue."""
    site = edition / "html"
    assert verifier_site.verifier(site) == []
    francais = (site / "modules" / "non-recours" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../nl/modules/non-recours/index.html" hreflang="nl"' in francais
    assert (site / "nl" / "modules" / "non-recours" / "index.html").is_file()


def test_bascule_au_clavier(edition):
    """Au clavier seul, le lien de langue mène à la même page dans l'autre langue."""
    from navigateur import ARGUMENTS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with serveur_local(edition / "html") as adresse, sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page()
        page.goto(f"{adresse}/modules/non-recours/index.html")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('hreflang')") == "nl":
                break
        else:
            pytest.fail("le lien « Nederlands » n'est pas atteint au clavier")
        page.keyboard.press("Enter")
        page.wait_for_url("**/nl/modules/non-recours/index.html")
        assert page.evaluate("document.documentElement.lang") == "nl"
        page.click("a[hreflang=fr]")
        page.wait_for_url(re.compile(r"/modules/non-recours/index\.html$"))
        assert page.evaluate("document.documentElement.lang") == "fr"
        navigateur.close()


def test_composeur_en_neerlandais(edition):
    """Le composeur et le bouton d'ajout parlent néerlandais (textes du script traduits)."""
    from navigateur import ARGUMENTS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with serveur_local(edition / "html") as adresse, sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page()
        erreurs = []
        page.on("pageerror", lambda e: erreurs.append(str(e)))
        page.goto(f"{adresse}/nl/modules/non-recours/index.html")
        bouton = page.locator(".pp-ajout button")
        assert bouton.inner_text() == nl("Ajouter à ma séance")
        bouton.click()
        page.goto(f"{adresse}/nl/docs/composer.html")
        page.wait_for_selector("#pp-c-titre")
        texte = page.inner_text("main")
        assert nl("Votre séance") in texte and "Votre séance" not in texte
        assert not erreurs, erreurs
        navigateur.close()


@pytest.mark.parametrize("slug", MODULES)
def test_module_seul_en_neerlandais(slug, tmp_path):
    resultat = make("html", tmp_path, selection=slug, TAAL="nl")
    assert resultat.returncode == 0, echec_lisible(resultat)
    assert (tmp_path / "html" / "nl" / "modules" / slug / "index.html").is_file()


@pytest.mark.parametrize("fichier", CURRICULA)
def test_parcours_en_neerlandais(fichier, tmp_path):
    resultat = make("html", tmp_path, selection=f"curricula/{fichier}", TAAL="nl")
    assert resultat.returncode == 0, echec_lisible(resultat)


# -- Les vérifications des catalogues, chacune prouvée par un échec -----------------------

def test_catalogues_complets_et_propres(tmp_path):
    """Les catalogues du dépôt : tout est traduit, rien n'est « fuzzy », la typographie et
    les renvois sont ceux du néerlandais, et ils suivent le français actuel."""
    resultat = make("gettext", tmp_path)
    assert resultat.returncode == 0, echec_lisible(resultat)
    lancement = subprocess.run([sys.executable, str(RACINE / "outils" / "traduction.py"),
                                "--pot", str(tmp_path / "gettext"),
                                str(RACINE / "locale" / "nl")], capture_output=True, text=True)
    assert lancement.returncode == 0, lancement.stdout[-4000:]
    # Sphinx compile les .mo à côté des .po à chaque construction : git les ignore.
    suivis = subprocess.run(["git", "ls-files", "*.mo"], capture_output=True, text=True,
                            cwd=RACINE, check=True).stdout
    assert not suivis, "les .mo ne sont pas dans le dépôt"
    ignore = subprocess.run(["git", "check-ignore", "-q", "locale/nl/LC_MESSAGES/index.mo"],
                            cwd=RACINE)
    assert ignore.returncode == 0, "les .mo sont ignorés par git (.gitignore)"


def test_un_changement_du_francais_fait_echouer(projet):
    """Une phrase française change : après make traduction, son entrée est « fuzzy » ou vide
    et la vérification échoue, en nommant la ligne ; la construction néerlandaise aussi.
    Une fois l'entrée traduite, tout repasse."""
    source = projet / "modules" / "non-recours" / "index.rst"
    texte = source.read_text(encoding="utf-8")
    ancienne = "Chacun·e dit en une phrase ce qu'il ou elle retient, sans débat."
    nouvelle = "Chacun·e dit en une phrase ce qu'il ou elle retient, sans débat ni vote."
    assert ancienne in texte
    source.write_text(texte.replace(ancienne, nouvelle), encoding="utf-8")
    avant = make("gettext", projet / "_build", racine=projet)
    assert avant.returncode == 0, echec_lisible(avant)
    perime = subprocess.run([sys.executable, "outils/traduction.py", "--pot", "_build/gettext",
                             "locale/nl"], capture_output=True, text=True, cwd=projet)
    assert perime.returncode == 1
    assert "texte français absent du catalogue « Chacun·e dit en une phrase" in perime.stdout
    resultat = make("traduction", projet / "_build", racine=projet)
    assert resultat.returncode != 0
    assert re.search(r"locale/nl/LC_MESSAGES/modules/non-recours/index\.po:\d+: \[traduction\] "
                     r"(traduction marquée « fuzzy »|message sans traduction)", sortie(resultat))
    construction = make("html", projet / "_build", selection="non-recours", racine=projet,
                        TAAL="nl")
    assert construction.returncode != 0
    assert re.search(r"modules/non-recours/index\.rst:\d+: .*texte non traduit « Chacun·e dit",
                     sortie(construction)), sortie(construction)[-3000:]

    def traduire(messages):
        entree = messages.get(nouvelle)
        entree.string = "Iedereen zegt in één zin wat hij of zij onthoudt, zonder debat of stemming."
        entree.flags.discard("fuzzy")
        entree.previous_id = []
    modifier_po(projet, "modules/non-recours/index.po", traduire)
    apres = subprocess.run([sys.executable, "outils/traduction.py", "--pot", "_build/gettext",
                            "locale/nl/"], capture_output=True, text=True, cwd=projet)
    assert apres.returncode == 0, apres.stdout[-3000:]
    construction = make("html", projet / "_build", selection="non-recours", racine=projet,
                        TAAL="nl")
    assert construction.returncode == 0, echec_lisible(construction)


def premier(messages, motif: str):
    return next(m for m in messages if m.id and isinstance(m.id, str) and motif in m.id
                and m.string)


def test_cle_ou_renvoi_change_dans_une_traduction(projet):
    """Une clé de :footcite: changée : notre vérification ; un :term: retiré : celle de
    Sphinx (i18n.inconsistent_references) ; -W rend les deux fatales."""
    def changer(messages):
        entree = premier(messages, ":footcite:`legros2022etat`")
        entree.string = entree.string.replace("legros2022etat", "cc2025arret")
        terme = premier(messages, ":term:`non-recours`")
        terme.string = re.sub(r":term:`([^`<]*?)(?: <[^>]*>)?`", r"\1", terme.string)
    modifier_po(projet, "modules/non-recours/index.po", changer)
    resultat = make("html", projet / "_build", selection="non-recours", racine=projet, TAAL="nl")
    assert resultat.returncode != 0
    texte = sortie(resultat)
    assert re.search(r"locale/nl/LC_MESSAGES/modules/non-recours/index\.po:\d+: .*traduction "
                     r"incohérente : clé bibliographique « legros2022etat » : manque", texte), texte
    assert "inconsistent term references" in texte, texte[-3000:]


def lint_des_catalogues(racine: Path) -> subprocess.CompletedProcess:
    """sphinx-lint sur les catalogues des pages, comme make lint."""
    catalogues = racine / "locale" / "nl" / "LC_MESSAGES"
    return subprocess.run([sys.executable, "-m", "sphinxlint", "-i",
                           str(catalogues / "docs" / "contribuer.po"), str(catalogues / "index.po"),
                           str(catalogues / "modules"), str(catalogues / "docs")],
                          capture_output=True, text=True, cwd=racine)


def test_rest_casse_dans_une_traduction(projet):
    assert lint_des_catalogues(projet).returncode == 0

    def casser(messages):
        entree = premier(messages, ":footcite:`")
        entree.string = re.sub(r"(:footcite:`[^`]*`)\s*", r"\1x", entree.string, count=1)
    modifier_po(projet, "modules/non-recours/index.po", casser)
    resultat = lint_des_catalogues(projet)
    assert resultat.returncode != 0
    sortie_lint = resultat.stdout + resultat.stderr
    assert "locale/nl/LC_MESSAGES/modules/non-recours/index.po:" in sortie_lint
    assert "missing-space-after-role" in sortie_lint


def test_catalogue_mal_enregistre(tmp_path):
    """Un catalogue en Latin-1, avec des fins de ligne Windows ou une chaîne coupée : un
    message en français avec la ligne, jamais une trace Python."""
    dossier = tmp_path / "nl" / "LC_MESSAGES"
    dossier.mkdir(parents=True)
    entete = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    cas = {
        "latin1.po": (entete + 'msgid "Été"\nmsgstr "Zomer é"\n').encode("latin-1"),
        "crlf.po": (entete + 'msgid "Un"\nmsgstr "Een"\n').replace("\n", "\r\n").encode(),
        "coupe.po": (entete + 'msgid "Un"\nmsgstr "Een\n').encode(),
    }
    for nom, contenu in cas.items():
        (dossier / nom).write_bytes(contenu)
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "traduction.py"),
                               str(tmp_path / "nl")], capture_output=True, text=True)
    assert resultat.returncode == 1
    assert "Traceback" not in resultat.stdout + resultat.stderr
    assert re.search(r"latin1\.po:\d+: \[traduction\] le fichier n'est pas en UTF-8", resultat.stdout)
    assert re.search(r"crlf\.po:\d+: \[traduction\] fins de ligne Windows", resultat.stdout)
    assert re.search(r"coupe\.po:\d+: \[traduction\] syntaxe gettext invalide", resultat.stdout)


def test_typographie_neerlandaise():
    assert traduction.typographie("Het OCMW: een “openbaar” centrum; zo gaat dat!") == []
    assert traduction.typographie(":fr:`« On va envoyer un mail »` (vertaling: “We sturen "
                                  "een mail”)") == []
    fautes = traduction.typographie("Het OCMW : een « centrum » voor 60 % van de deelnemer·s")
    assert len(fautes) >= 4, fautes
    assert any("espace avant" in f for f in fautes)
    assert any("guillemets « »" in f for f in fautes)
    assert any("point médian" in f for f in fautes)


def test_typographie_signalee_dans_un_catalogue(projet):
    def abimer(messages):
        entree = premier(messages, "Combien de personnes")
        entree.string = entree.string.replace("?", " ?", 1) + " « test »"
    modifier_po(projet, "modules/non-recours/index.po", abimer)
    resultat = subprocess.run([sys.executable, "outils/traduction.py", "locale/nl"],
                              capture_output=True, text=True, cwd=projet)
    assert resultat.returncode == 1
    assert re.search(r"index\.po:\d+: \[traduction\] typographie néerlandaise : guillemets « »",
                     resultat.stdout), resultat.stdout[-2000:]


def test_terme_du_glossaire_en_francais_signale(projet):
    def franciser(messages):
        entree = premier(messages, ":term:`CPAS`")
        entree.string = re.sub(r":term:`[^`]*`", ":term:`CPAS`", entree.string, count=1)
    modifier_po(projet, "modules/non-recours/index.po", franciser)
    resultat = subprocess.run([sys.executable, "outils/traduction.py", "locale/nl"],
                              capture_output=True, text=True, cwd=projet)
    assert resultat.returncode == 1
    assert ("terme du glossaire montré en français « CPAS » : écrivez :term:`OCMW <CPAS>`"
            in resultat.stdout), resultat.stdout[-2000:]


def test_orthographe_neerlandaise(tmp_path):
    resultat = make("spelling", tmp_path, TAAL="nl")
    assert resultat.returncode == 0, echec_lisible(resultat)


def test_orthographe_neerlandaise_detecte(projet):
    def fauter(messages):
        entree = premier(messages, "Combien de personnes")
        entree.string = entree.string + " Dit is een fuotje."
    modifier_po(projet, "modules/non-recours/index.po", fauter)
    resultat = make("spelling", projet / "_build", selection="non-recours", racine=projet,
                    TAAL="nl")
    assert resultat.returncode != 0
    assert re.search(r"modules/non-recours/index\.rst:\d+: .*fuotje", sortie(resultat)), \
        sortie(resultat)[-3000:]


def test_eenvoudige_taal():
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "facile.py"), "--langue",
                               "nl"], capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout[-3000:]
    regles = facile.NEERLANDAIS
    for chemin in facile.fichiers([str(RACINE / "modules")]):
        po, _ = facile.catalogue_du_module(chemin, "nl")
        texte, manquants = facile.traduire(facile.lire(chemin), po, "nl")
        assert not manquants
        score, lix = facile.scores(texte.brut, regles)
        assert score >= regles.lisibilite_min and lix <= regles.lix_max, (chemin, score, lix)


def test_eenvoudige_taal_detecte(projet):
    def compliquer(messages):
        texte = facile.lire(projet / "modules" / "non-recours" / "index.rst")
        for bloc in texte.blocs[1:6]:
            messages.get(bloc.source).string = (
                "De administratieve interoperabiliteit conditioneert de juridische "
                "effectiviteit van de institutionele bevoegdheidsverdeling in het Brussels "
                "Hoofdstedelijk Gewest, ondanks de gefragmenteerde verantwoordelijkheden.")
    modifier_po(projet, "modules/non-recours/index.po", compliquer)
    resultat = subprocess.run([sys.executable, "outils/facile.py", "--langue", "nl",
                               "modules/non-recours/index.rst"],
                              capture_output=True, text=True, cwd=projet)
    assert resultat.returncode == 1
    assert re.search(r"locale/nl/LC_MESSAGES/modules/non-recours/index\.po:\d+: \[facile, "
                     r"(phrase longue|lisibilité)\]", resultat.stdout), resultat.stdout
