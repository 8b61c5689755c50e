"""Figures générées à partir de ``donnees/`` (issue 10) : présentes dans leur module dans
les trois formats, avec un texte alternatif qui dit ce qu'elles montrent, vectorielles,
reproductibles ; des données fautives donnent un message français avec fichier et ligne."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import RACINE, echec_lisible, pdftexte, sortie, sphinx

from pluspersonne import figures

#: Où chaque figure apparaît, et un morceau de son texte alternatif.
ATTENDUES = [
    ("contexte", "chronologie", "Frise chronologique, 11 événements de 2020 à 2025"),
    ("travail-social-en-lutte", "chronologie", "juin 2021, Naissance du collectif"),
    ("bruxelles-numerique", "chronologie", "12 janvier 2024, Le Parlement bruxellois adopte"),
    ("fracture-numerique", "niveaux", "niveau 2, compétences"),
    ("fracture-numerique", "barometre", "46\u00a0% dans l'édition 2022 (données 2021)"),
    ("fraude-et-non-recours", "non-recours-fraude", "de 40 à 50\u00a0%"),
]


def images(html: str) -> list[tuple[str, str]]:
    """(src, alt) des images d'une page HTML ou XHTML."""
    return [(re.search(r'src="([^"]+)"', i).group(1), re.search(r'alt="([^"]*)"', i).group(1))
            for i in re.findall(r"<img [^>]+>", html)]


@pytest.mark.xdist_group("livre")
@pytest.mark.parametrize("module, sorte, alternative", ATTENDUES)
def test_figure_dans_les_trois_formats(livre, module, sorte, alternative):
    # HTML : une image SVG, avec son texte alternatif et sa source en légende.
    page = (livre / "html" / "modules" / module / "index.html").read_text(encoding="utf-8")
    trouvees = [(src, alt) for src, alt in images(page) if f"/{sorte}-" in src]
    assert trouvees, f"pas de figure {sorte} dans le module {module} (HTML)"
    assert any(alternative in alt.replace("&#39;", "'").replace("’", "'") for _, alt in trouvees)
    assert all(src.endswith(".svg") for src, _ in trouvees)
    assert re.search(r"<figcaption>.*?Sources?\u00a0:", page, re.S)
    # ePub : la même figure en SVG, déclarée dans le paquet.
    (epub,) = (livre / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        xhtml = archive.read(f"modules/{module}/index.xhtml").decode("utf-8")
        opf = archive.read("content.opf").decode("utf-8")
        svgs = [src for src, alt in images(xhtml) if f"/{sorte}-" in src and alt]
        assert svgs and all(s.endswith(".svg") for s in svgs), f"figure {sorte} absente (ePub)"
        assert all(Path(s).name in opf for s in svgs)
    # PDF : la fiche du module contient la figure, vectorielle (aucune image matricielle).
    fiche = livre / "pdf" / f"{module}.pdf"
    assert "Source" in pdftexte(fiche) and "Fig." in pdftexte(fiche)
    tex = (livre / "latex" / f"{module}.tex").read_text(encoding="utf-8")
    inclus = re.findall(rf"\\sphinxincludegraphics[^{{]*{{{{({sorte}-[0-9a-f]+)}}\.pdf}}", tex)
    assert inclus, f"figure {sorte} absente du LaTeX de {module}"
    matricielles = subprocess.run(["pdfimages", "-list", str(livre / "latex" / f"{inclus[0]}.pdf")],
                                  capture_output=True, text=True).stdout.splitlines()[2:]
    assert not matricielles, "la figure PDF contient une image matricielle"


def test_memes_donnees_memes_octets(tmp_path):
    """Deux dessins des mêmes données donnent des fichiers identiques, octet pour octet."""
    sorte = figures.SORTES["barometre"]
    donnees = sorte.lire(RACINE, {})
    etiquettes = {cle: f"Étiquette {cle}" for cle in figures.sources_de(donnees)}
    for dossier in ("un", "deux"):
        (tmp_path / dossier).mkdir()
        figures.ecrire(sorte, donnees, etiquettes, tmp_path / dossier / "b")
    for extension in ("svg", "pdf"):
        premier = (tmp_path / "un" / f"b.{extension}").read_bytes()
        assert premier == (tmp_path / "deux" / f"b.{extension}").read_bytes(), extension
    assert b"CreationDate" not in (tmp_path / "un" / "b.pdf").read_bytes()


def test_changer_une_donnee_change_la_figure(projet):
    """Une valeur modifiée dans donnees/ change le fichier SVG et le texte alternatif."""
    def figure_barometre() -> tuple[bytes, str]:
        resultat = sphinx(projet, projet / "_build", "html", "fracture-numerique")
        assert resultat.returncode == 0, echec_lisible(resultat)
        page = (projet / "_build/html/modules/fracture-numerique/index.html").read_text(
            encoding="utf-8")
        src, alt = next((s, a) for s, a in images(page) if "/barometre-" in s)
        cible = (projet / "_build/html/modules/fracture-numerique" / src).resolve()
        return cible.read_bytes(), alt

    avant, alt_avant = figure_barometre()
    donnees = projet / "donnees" / "barometre.yml"
    texte = donnees.read_text(encoding="utf-8")
    donnees.write_text(texte.replace("vulnerables: 46", "vulnerables: 47").replace(
        "competences_faibles: 39", "competences_faibles: 40"), encoding="utf-8")
    apres, alt_apres = figure_barometre()
    assert apres != avant
    assert b"47" in apres and "47\u00a0%" in alt_apres and "46\u00a0%" in alt_avant


def ligne(chemin: Path, motif: str) -> int:
    return next(i for i, l in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1)
                if motif in l)


FAUTES = [
    # (fichier, remplacement (avant, après), motif de la ligne attendue, message attendu)
    ("chronologie.yml", ('    date: "2024-01-12"\n', ""), "- id: vote",
     "date absente : écrivez AAAA, AAAA-MM ou AAAA-MM-JJ"),
    ("chronologie.yml", ('date: "2024-02-21"', 'date: "2024-13-21"'), "2024-13-21",
     "date invalide « 2024-13-21 »"),
    ("chronologie.yml", ("    source: tsel2021fracture\n", ""), "- id: carte-blanche",
     "champ « source » manquant ou vide : ajoutez par exemple « source: zintv2025plus »"),
    ("chronologie.yml", ("source: cc2025arret", "source: cc2025aret"), "cc2025aret",
     "source inconnue « cc2025aret » : ce n'est pas une clé de references.bib. "
     "Vouliez-vous dire « cc2025arret »"),
    ("chronologie.yml", ('date: "2022"', 'date: "2019"'), 'date: "2019"',
     "est plus ancien que le précédent : gardez les événements dans l'ordre des dates"),
    ("chronologie.yml", ("    evenement: Publication", "   evenement: Publication"),
     "evenement: Publication", "YAML invalide"),
    ("barometre.yml", ("vulnerables: 46", "vulnerables: 46 %"), "vulnerables: 46 %",
     "valeur invalide « 46 % » pour « vulnerables » : indiquez un pourcentage entre 0 et 100"),
    ("barometre.yml", ("vulnerables: 46", "vulnerables: 47"), "vulnerables: 47",
     "non_utilisateurs + competences_faibles (46) ne font pas vulnerables (47)"),
    ("barometre.yml", ("    donnees: 2021\n", "    donnees: 2021\n    totale: 3\n"), "totale: 3",
     "champ inconnu « totale »"),
    ("non-recours-fraude.yml", ("type: fraude", "type: fraudes"), "type: fraudes",
     "type invalide « fraudes » : écrivez « non-recours » ou « fraude »"),
]


@pytest.mark.parametrize("fichier, remplacement, motif, message", FAUTES,
                         ids=[f"{f[0]}-{i}" for i, f in enumerate(FAUTES)])
def test_donnees_fautives(projet, fichier, remplacement, motif, message):
    chemin = projet / "donnees" / fichier
    texte = chemin.read_text(encoding="utf-8")
    assert remplacement[0] in texte
    chemin.write_text(texte.replace(remplacement[0], remplacement[1], 1), encoding="utf-8")
    selection = {"chronologie.yml": "contexte", "barometre.yml": "fracture-numerique",
                 "non-recours-fraude.yml": "fraude-et-non-recours"}[fichier]
    resultat = sphinx(projet, projet / "_build", "html", selection)
    texte_sortie = sortie(resultat)
    assert resultat.returncode != 0, texte_sortie
    assert "Traceback" not in texte_sortie, texte_sortie
    attendu = ligne(chemin, motif)
    assert f"donnees/{fichier}:{attendu}:" in texte_sortie, texte_sortie
    assert message in texte_sortie, texte_sortie


@pytest.mark.parametrize("directive, message", [
    (".. figure-donnees:: barometer", "figure inconnue « barometer ». Vouliez-vous dire "
                                      "« barometre »"),
    (".. figure-donnees:: chronologie\n   :evenements: vote, arrêt",
     "événement inconnu « arrêt » dans l'option :evenements:. Vouliez-vous dire « arret »"),
])
def test_directive_fautive(projet, directive, message):
    chemin = projet / "modules" / "contexte" / "index.rst"
    texte = chemin.read_text(encoding="utf-8")
    chemin.write_text(texte.replace(".. figure-donnees:: chronologie", directive, 1),
                      encoding="utf-8")
    resultat = sphinx(projet, projet / "_build", "html", "contexte")
    texte_sortie = sortie(resultat)
    assert resultat.returncode != 0 and "Traceback" not in texte_sortie, texte_sortie
    attendu = ligne(chemin, directive.splitlines()[0])
    assert f"modules/contexte/index.rst:{attendu}:" in texte_sortie, texte_sortie
    assert message in texte_sortie, texte_sortie
