"""Parcours : chaque fichier de curricula/ se construit dans les trois formats, avec
déroulé, banque de questions, bibliographie limitée et deux éditions des fiches."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import RACINE, echec_lisible, make, normaliser, pdftexte, sortie, sphinx

from pluspersonne.parcours import cles_citees
from pluspersonne.selection import lire_parcours, modules_sur_disque, titre_module

sys.path.insert(0, str(RACINE / "outils"))
import verifier_ace  # noqa: E402
import verifier_epub  # noqa: E402

PARCOURS = sorted(p.name for p in (RACINE / "curricula").glob("*.yml") if p.name != "livre.yml")
NOTE = "Pour l'animateur·rice"


def slugs(fichier: str) -> list[str]:
    parcours, erreurs = lire_parcours(RACINE, f"curricula/{fichier}", modules_sur_disque(RACINE))
    assert not erreurs, erreurs
    return parcours.modules


def questions(slug: str) -> list[str]:
    """Le début de chaque question d'un module, lu dans sa source."""
    source = (RACINE / "modules" / slug / "index.rst").read_text(encoding="utf-8")
    debuts = []
    for m in re.finditer(r"\.\. question::\n   :moment: \S+\n\n   (.+)", source):
        texte = re.sub(r":\w+:`([^`<]*?)(?: <[^>]+>)?`", r"\1", m.group(1))  # rôles → texte
        debuts.append(re.sub(r"[*`]", "", texte).strip()[:30])
    return debuts


def titre(slug: str) -> str:
    return titre_module(RACINE, slug).replace("’", "'").replace("\u00a0", " ")


def texte_html(chemin: Path) -> str:
    html = chemin.read_text(encoding="utf-8")
    html = re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("’", "'")
    return re.sub(r"\s+", " ", html.replace("\u00a0", " "))


def test_parcours_livres():
    assert len(PARCOURS) >= 4


@pytest.mark.xdist_group("livre")
@pytest.mark.parametrize("fichier", PARCOURS)
def test_parcours_construit(livre, tmp_path, fichier):
    """Chaque parcours livré : son site (construit ici), son ePub et ses PDF (construits par
    make all avec le livre, comme ils sont publiés), tous valides et complets."""
    nom = fichier.removesuffix(".yml")
    resultat = sphinx(RACINE, tmp_path, "html", f"curricula/{fichier}")
    assert resultat.returncode == 0, echec_lisible(resultat)
    retenus = slugs(fichier)
    autres = [s for s in modules_sur_disque(RACINE) if s not in retenus]

    # HTML : déroulé dans l'ordre, avec les heures, banque des seules questions retenues
    deroule = texte_html(tmp_path / "html" / "docs" / "deroule.html")
    positions = [deroule.index(titre(s)) for s in retenus]
    assert positions == sorted(positions), "déroulé dans l'ordre du parcours"
    assert "Total de la séance" in deroule and "À préparer" in deroule
    assert re.search(r"\b\d{1,2}:\d{2} \d+ min ", deroule), "heures des étapes"
    banque = texte_html(tmp_path / "html" / "docs" / "questions.html")
    for slug in retenus:
        for question in questions(slug):
            assert question.replace("’", "'").replace("\u00a0", " ") in banque, question
    for slug in autres:
        assert titre(slug) not in banque
    biblio = texte_html(tmp_path / "html" / "docs" / "bibliographie.html")
    assert "Klein, Naomi" not in biblio or "klein2008strategie" in cles_citees(RACINE, retenus)

    # ePub et PDF publiés avec le site (make all)
    publies = livre / "html" / "telechargements" / "parcours" / nom
    epub = publies / f"{nom}.epub"
    assert verifier_epub.verifier(epub) == []
    _, violations = verifier_ace.verifier(epub)
    assert not violations, violations
    for fichier_pdf in (f"{nom}.pdf", f"{nom}-participant.pdf", "deroule.pdf", "questions.pdf"):
        assert (publies / fichier_pdf).is_file(), fichier_pdf
    assert (publies / fichier).read_text(encoding="utf-8") == (
        RACINE / "curricula" / fichier).read_text(encoding="utf-8")
    texte_deroule = pdftexte(publies / "deroule.pdf")
    assert "Total de la séance" in texte_deroule and "À préparer" in texte_deroule
    assert re.search(r"\b\d{1,2}:\d{2} \d+ min", texte_deroule), "heures dans le PDF"
    animateur = pdftexte(publies / f"{nom}.pdf")
    participant = pdftexte(publies / f"{nom}-participant.pdf")
    assert NOTE in animateur and NOTE not in participant
    for slug in retenus:
        assert normaliser(titre_module(RACINE, slug)) in animateur


@pytest.mark.xdist_group("livre")
def test_livre_deroule_et_banque(livre):
    """Le livre est le parcours de tous les modules : il a aussi déroulé et banque."""
    deroule = texte_html(livre / "html" / "docs" / "deroule.html")
    for slug in slugs("livre.yml"):
        assert titre(slug) in deroule
    assert (livre / "pdf" / "questions.pdf").is_file()
    assert NOTE not in pdftexte(livre / "pdf" / "plus-personne-participant.pdf")


ESSAI = """titre: Essai
public: adultes
modules:
  - digitalisation
"""


def construire_parcours(projet: Path, texte: str) -> str:
    (projet / "curricula" / "essai.yml").write_text(texte, encoding="utf-8")
    resultat = sphinx(projet, projet / "_build", "html", "curricula/essai.yml")
    message = sortie(resultat)
    assert resultat.returncode != 0, message
    assert "Traceback" not in message, message
    return message


def test_parcours_module_inconnu(projet):
    message = construire_parcours(projet, ESSAI.replace("- digitalisation", "- digitalisaton"))
    assert re.search(r"curricula/essai\.yml:4: .*module inconnu « digitalisaton »\. Vouliez-vous "
                     r"dire « digitalisation » \? Modules existants : animer-une-projection,",
                     message), message


def test_parcours_liste_vide(projet):
    message = construire_parcours(projet, "titre: Essai\npublic: adultes\nmodules: []\n")
    assert re.search(r"curricula/essai\.yml:3: .*la liste « modules » est absente ou vide",
                     message), message


def test_parcours_module_en_double(projet):
    message = construire_parcours(projet, ESSAI + "  - digitalisation\n")
    assert re.search(r"curricula/essai\.yml:5: .*le module « digitalisation » apparaît deux "
                     r"fois : retirez le doublon", message), message


def test_parcours_malforme(projet):
    message = construire_parcours(projet, "titre: Essai\nmodules:\n  - digitalisation\n - x: [\n")
    assert re.search(r"curricula/essai\.yml:\d+: .*YAML invalide", message), message


def test_parcours_sans_titre(projet):
    message = construire_parcours(projet, ESSAI.replace("titre: Essai\n", ""))
    assert "champ « titre » manquant ou vide" in message, message


def test_make_curriculum_sans_fichier():
    resultat = make("curriculum", RACINE / "_build" / "inutile")
    assert resultat.returncode != 0
    assert "Indiquez le parcours : make curriculum C=curricula/<nom>.yml" in sortie(resultat)
    resultat = make("curriculum", RACINE / "_build" / "inutile", C="curricula/absent.yml")
    assert "Parcours introuvable : curricula/absent.yml" in sortie(resultat)


def test_reconstruction_ne_relit_que_le_module_modifie(projet, tmp_path):
    """Après modification d'un module, seul ce module est relu ; les pages générées ne sont
    réécrites que si ce qu'elles montrent (ici le public de la fiche) a changé."""
    def construire() -> tuple[list[str], list[str]]:
        resultat = subprocess.run(
            [sys.executable, "-m", "sphinx", "-M", "html", str(projet), str(tmp_path / "b"),
             "-W", "--keep-going", "-n", "--no-color"], capture_output=True, text=True,
            cwd=projet,
            env={**os.environ, "PP_SELECTION": "non-recours,contexte"})
        assert resultat.returncode == 0, echec_lisible(resultat)
        return (re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", resultat.stdout),
                re.findall(r"writing output\.\.\. \[[ \d]+%\] (\S+)", resultat.stdout))

    construire()
    source = projet / "modules" / "non-recours" / "index.rst"
    source.write_text(source.read_text(encoding="utf-8") + "\n.. simple commentaire\n",
                      encoding="utf-8")
    relus, ecrits = construire()
    assert relus == ["modules/non-recours/index"]
    assert "docs/catalogue" not in ecrits and "modules/non-recours/index" in ecrits
    texte = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r":public: .*", ":public: adultes curieux", texte, count=1),
                      encoding="utf-8")
    relus, ecrits = construire()
    assert relus == ["modules/non-recours/index"]
    assert {"docs/catalogue", "docs/deroule"} <= set(ecrits)
    assert "adultes curieux" in (tmp_path / "b" / "html" / "docs" / "catalogue.html").read_text(
        encoding="utf-8")
    # Une source citée pour la première fois : la bibliographie du parcours est relue.
    bibliographie = tmp_path / "b" / "html" / "docs" / "bibliographie.html"
    assert "inclusion numérique 2022" not in bibliographie.read_text(
        encoding="utf-8")
    source.write_text(source.read_text(encoding="utf-8").replace(
        ".. simple commentaire", "Voir aussi :footcite:`frb2022barometre`."), encoding="utf-8")
    relus, _ = construire()
    assert relus == ["docs/bibliographie", "modules/non-recours/index"]
    assert "inclusion numérique 2022" in bibliographie.read_text(encoding="utf-8")
