"""Le livre entier se construit dans les trois formats, sans avertissement."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from conftest import MODULES, RACINE, normaliser, pdftexte
from pybtex.database import parse_file

from pluspersonne.parcours import cles_citees
from pluspersonne.selection import titre_module

sys.path.insert(0, str(RACINE / "outils"))
import verifier_epub  # noqa: E402

BIB = parse_file(str(RACINE / "references.bib"))
#: Les tests qui lisent le livre construit tournent sur le même processus (xdist).
pytestmark = pytest.mark.xdist_group("livre")


def test_html(livre):
    html = livre / "html"
    assert (html / "index.html").is_file()
    for slug in MODULES:
        page = (html / "modules" / slug / "index.html").read_text(encoding="utf-8")
        assert titre_module(RACINE, slug).split()[0] in page
        assert "sd-card" in page, f"{slug} : la fiche n'est pas une carte sphinx-design"
    options = (html / "_static" / "documentation_options.js").read_text(encoding="utf-8")
    assert "LANGUAGE: 'fr'" in options
    assert 'lang="fr"' in (html / "index.html").read_text(encoding="utf-8")
    # la recherche utilise le racinisateur français
    assert (html / "_static" / "language_data.js").read_text(encoding="utf-8").count("French") >= 1


def test_catalogue_genere(livre):
    page = (livre / "html" / "docs" / "catalogue.html").read_text(encoding="utf-8")
    for slug in MODULES:
        assert f"../modules/{slug}/index.html" in page, f"{slug} absent du catalogue"


def test_epub_valide(livre):
    epubs = list((livre / "epub").glob("*.epub"))
    assert len(epubs) == 1
    assert verifier_epub.verifier(epubs[0]) == [], "EPUBCheck signale des problèmes"
    assert epubs[0].stat().st_size <= 1024 * 1024, "l'ePub du livre dépasse 1 Mo"
    with zipfile.ZipFile(epubs[0]) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert not [n for n in archive.namelist() if n.endswith((".woff", ".woff2", ".ttf",
                                                                  ".otf"))], "police embarquée"
        opf = archive.read("content.opf").decode()
    for attendu in ("<dc:language>fr</dc:language>", "<dc:title>", "<dc:creator",
                    "<dc:publisher>", "<dc:date>", "plus-personne-modules-pedagogiques"):
        assert attendu in opf, f"métadonnée ePub absente : {attendu}"


def test_pdf_livre(livre):
    texte = pdftexte(livre / "pdf" / "plus-personne.pdf")
    for slug in MODULES:
        assert normaliser(titre_module(RACINE, slug)) in texte
    assert "travailleur·euses" in texte, "le point médian n'est pas rendu"
    assert "« " in texte and " »" in texte, "les guillemets français ne sont pas rendus"


@pytest.mark.parametrize("slug", MODULES)
def test_fiche_pdf(livre, slug):
    """Chaque module a sa fiche PDF, avec son titre et les titres de ses sources."""
    pdf = livre / "pdf" / f"{slug}.pdf"
    assert pdf.is_file(), f"fiche absente : {pdf.name}"
    texte = pdftexte(pdf).lower()
    assert normaliser(titre_module(RACINE, slug)).lower() in texte
    for cle in cles_citees(RACINE, [slug]):
        titre = normaliser(BIB.entries[cle].fields["title"]).lower()
        debut = " ".join(titre.split()[:5])
        assert debut in texte, f"{slug}.pdf : source « {cle} » absente ({debut})"


def test_fiche_pdf_ouvre_sur_ses_formats(livre):
    """La fiche animateur·rice commence par les formats et leur liste « À préparer » ;
    la fiche participant·e garde les étapes, sans consignes ni liste à préparer."""
    for slug in MODULES:
        animateur = pdftexte(livre / "pdf" / f"{slug}.pdf")
        debut = animateur.index("Formats de la séance")
        assert debut < animateur.index("L'essentiel"), slug
        assert "Horaire" in animateur and "À préparer" in animateur, slug
        participant = pdftexte(livre / "pdf" / f"{slug}-participant.pdf")
        assert "Formats de la séance" in participant and "À préparer" not in participant, slug


def test_liens_de_telechargement(livre):
    """Accueil et pages de modules offrent l'ePub et les PDF ; chaque lien aboutit."""
    html = livre / "html"
    pages = [html / "index.html", *(html / "modules" / s / "index.html" for s in MODULES)]
    for page in pages:
        texte = page.read_text(encoding="utf-8")
        liens = re.findall(r'href="([^"]*telechargements/[^"]+)"', texte)
        assert liens, f"{page.relative_to(html)} : aucun lien de téléchargement"
        for lien in liens:
            assert (page.parent / lien).resolve().is_file(), f"{page.relative_to(html)} : {lien}"
    module = (html / "modules" / MODULES[0] / "index.html").read_text(encoding="utf-8")
    assert f"telechargements/{MODULES[0]}.pdf" in module
    assert f"telechargements/{MODULES[0]}-participant.pdf" in module
    assert "telechargements/plus-personne.epub" in (html / "index.html").read_text(encoding="utf-8")


def test_version_dans_chaque_format(livre):
    version = re.search(r'version = release = "([^"]+)"',
                        (RACINE / "conf.py").read_text(encoding="utf-8"))[1]
    assert f"Version {version}" in (livre / "html" / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next((livre / "epub").glob("*.epub"))) as archive:
        assert f"version {version}" in archive.read("docs/credits.xhtml").decode()
    assert f"version {version}" in pdftexte(livre / "pdf" / "plus-personne.pdf")


def test_compilation_latex_en_echec(tmp_path):
    """Un document LaTeX fautif : message en français qui nomme le fichier et son journal."""
    (tmp_path / "latexmkrc").write_text("$pdflatex = 'pdflatex ' . $ENV{'LATEXOPTS'} . ' %O %S';\n",
                                        encoding="utf-8")
    (tmp_path / "bon.tex").write_text("\\documentclass{article}\\begin{document}Bon.\\end{document}\n",
                                      encoding="utf-8")
    (tmp_path / "fautif.tex").write_text(
        "\\documentclass{article}\\begin{document}\\commandeinconnue\\end{document}\n",
        encoding="utf-8")
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "compiler_pdf.py"), "2",
                               str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 1
    assert f"Échec de la compilation LaTeX de {tmp_path / 'fautif.tex'}" in resultat.stdout
    assert "fautif.latexmk.log" in resultat.stdout and "bon.tex" not in resultat.stdout
    assert (tmp_path / "bon.pdf").exists()
    assert "Traceback" not in resultat.stdout + resultat.stderr
