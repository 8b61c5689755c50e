"""En facile à lire : chaque module a son texte, conforme aux règles ; le vérificateur
signale chaque écart en français ; la fiche PDF est en grands caractères."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MODULES, RACINE, pdftexte
from test_erreurs import ESSAI, construire_en_echec, installer_essai

sys.path.insert(0, str(RACINE / "outils"))
import facile  # noqa: E402

DIFFICILES = facile.mots_difficiles()
BON = """Titre
=====

En facile à lire
----------------

Le centre public d'action sociale (CPAS) aide les personnes.
Vous pouvez aller au CPAS de votre commune.
Une personne vous écoute.

- Elle vous aide à remplir vos papiers.
- Elle cherche une solution avec vous.

Suite
-----
"""


def verifier(tmp_path: Path, texte: str) -> list[tuple[int, str, str]]:
    chemin = tmp_path / "index.rst"
    chemin.write_text(texte, encoding="utf-8")
    lu = facile.lire(chemin)
    assert lu is not None
    return facile.verifier(lu, DIFFICILES)


@pytest.mark.parametrize("slug", MODULES)
def test_chaque_module_est_facile_a_lire(slug):
    chemin = RACINE / "modules" / slug / "index.rst"
    texte = facile.lire(chemin)
    assert texte is not None, f"{slug} : section « En facile à lire » absente"
    fautes = facile.verifier(texte, DIFFICILES)
    assert not fautes, "\n".join(f"{slug}:{ligne}: {regle} : {message}"
                                 for ligne, regle, message in fautes)
    lisibilite, lix = facile.scores(texte.brut)
    assert lisibilite >= facile.LISIBILITE_MIN and lix <= facile.LIX_MAX


def test_un_texte_conforme(tmp_path):
    assert verifier(tmp_path, BON) == []


def test_phrase_trop_longue(tmp_path):
    longue = ("Vous pouvez aller au CPAS de votre commune avec vos papiers et votre carte "
              "pour demander une aide quand vous avez des problèmes avec votre argent.")
    fautes = verifier(tmp_path, BON.replace("Une personne vous écoute.", longue))
    assert (9, "phrase longue") in [(l, r) for l, r, _ in fautes], fautes
    message = next(m for _, r, m in fautes if r == "phrase longue")
    assert message.startswith("phrase de 26 mots (au plus 20) : coupez-la.")


def test_sigle_non_explique(tmp_path):
    fautes = verifier(tmp_path, BON.replace("Une personne vous écoute.",
                                            "La CSC paie le chômage."))
    assert any(r == "sigle" and "« CSC »" in m and l == 9 for l, r, m in fautes), fautes
    # Le sigle expliqué après sa première apparition ne suffit pas.
    texte = BON.replace("Le centre public d'action sociale (CPAS) aide les personnes.",
                        "Le CPAS aide les personnes. CPAS veut dire centre public d'action "
                        "sociale.")
    assert any(r == "sigle" and "« CPAS »" in m for _, r, m in verifier(tmp_path, texte))


def test_mot_difficile(tmp_path):
    fautes = verifier(tmp_path, BON.replace("Une personne vous écoute.",
                                            "Il y a une ordonnance."))
    assert any(r == "mot difficile" and "« ordonnance »" in m for _, r, m in fautes), fautes
    explique = BON.replace("Une personne vous écoute.",
                           "Il y a une ordonnance. Une ordonnance, c'est une loi de Bruxelles.")
    assert not [f for f in verifier(tmp_path, explique) if f[1] == "mot difficile"]


def test_abreviation_et_nombre(tmp_path):
    fautes = verifier(tmp_path, BON.replace("Une personne vous écoute.",
                                            "Il y a trois guichets, etc."))
    regles = {r for _, r, _ in fautes}
    assert {"abréviation", "nombre"} <= regles, fautes


def test_paragraphe_trop_long(tmp_path):
    fautes = verifier(tmp_path, BON.replace("Une personne vous écoute.",
                                            "Une personne vous écoute. Elle parle. Elle aide."))
    assert any(r == "paragraphe" and "5 phrases" in m for _, r, m in fautes), fautes


def test_texte_sous_le_seuil(tmp_path):
    savant = """Titre
=====

En facile à lire
----------------

L'interopérabilité administrative conditionne l'effectivité juridictionnelle.
Les compétences institutionnelles demeurent fragmentées.
"""
    fautes = verifier(tmp_path, savant)
    assert any(r == "lisibilité" and "au moins 90" in m for _, r, m in fautes), fautes


def test_commande_en_francais(tmp_path):
    chemin = tmp_path / "index.rst"
    chemin.write_text(BON.replace("Une personne vous écoute.", "La CSC paie."), encoding="utf-8")
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "facile.py"), str(chemin)],
                              capture_output=True, text=True)
    assert resultat.returncode == 1
    assert re.search(r"index\.rst:9: \[facile, sigle\] sigle « CSC » non expliqué", resultat.stdout)
    sans = tmp_path / "sans.rst"
    sans.write_text("Titre\n=====\n\nTexte.\n", encoding="utf-8")
    resultat = subprocess.run([sys.executable, str(RACINE / "outils" / "facile.py"), str(sans)],
                              capture_output=True, text=True)
    assert "section « En facile à lire » absente" in resultat.stdout


def test_module_sans_section_facile(projet):
    debut = ESSAI.index(".. _mod-essai-facile:")
    fin = ESSAI.index(".. _mod-essai-animer:")
    installer_essai(projet, ESSAI[:debut] + ESSAI[fin:])
    message = construire_en_echec(projet)
    assert re.search(r"modules/essai/index\.rst:\d+: .*ce module n'a pas de section « En facile "
                     r"à lire » : ajoutez-la juste après « L'essentiel », avec l'étiquette "
                     r"« \.\. _mod-essai-facile: »", message), message


@pytest.mark.xdist_group("livre")
def test_fiches_facile_a_lire(livre):
    """Chaque module a sa fiche : police sans empattement, 14 pt au moins, texte de la
    section et mention honnête ; rien d'autre du module."""
    for slug in MODULES:
        pdf = livre / "pdf" / f"{slug}-facile.pdf"
        assert pdf.is_file(), pdf.name
        texte = pdftexte(pdf)
        assert "En facile à lire" in texte
        assert "pas encore été testé avec des personnes qui lisent difficilement" in texte
        assert "Pour animer" not in texte and "Fiche du module" not in texte
        polices = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "TeXGyreHeros" in polices, polices
        assert not re.search(r"\bCM(R|SS)\d|LMRoman|Times", polices), polices
        # Corps des caractères du texte : pdftohtml donne la taille de chaque police employée,
        # et le nombre de morceaux de texte écrits dans chacune.
        xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "1", str(pdf)],
                             capture_output=True, text=True).stdout
        tailles = {m[0]: float(m[1]) for m in re.findall(r'<fontspec id="(\d+)" size="([\d.]+)"',
                                                         xml)}
        usages = [tailles[m] for m in re.findall(r'<text [^>]*font="(\d+)"', xml)]
        courant = max(set(usages), key=usages.count)
        assert courant >= 14, f"{slug}-facile.pdf : texte courant en {courant} pt"
