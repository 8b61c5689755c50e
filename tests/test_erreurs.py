"""Une entrée fautive donne un message français qui nomme le fichier, la ligne et la
correction ; jamais de trace Python, jamais de passage sous silence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import RACINE, sortie, sphinx

ESSAI = (Path(__file__).parent / "fixtures" / "essai.rst").read_text(encoding="utf-8")


def installer_essai(projet: Path, texte: str = ESSAI) -> Path:
    dossier = projet / "modules" / "essai"
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "index.rst").write_text(texte, encoding="utf-8")
    return dossier / "index.rst"


def ligne_de(texte: str, motif: str) -> int:
    return next(i for i, l in enumerate(texte.splitlines(), 1) if motif in l)


def construire_en_echec(projet: Path, selection: str = "essai") -> str:
    resultat = sphinx(projet, projet / "_build", "html", selection)
    texte = sortie(resultat)
    assert resultat.returncode != 0, "la construction aurait dû échouer :\n" + texte
    assert "Traceback" not in texte, texte
    return texte


def test_fixture_valide(projet):
    """Le module d'essai, sans défaut, se construit sans avertissement."""
    installer_essai(projet)
    resultat = sphinx(projet, projet / "_build", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)


def test_cle_de_citation_inconnue(projet):
    texte = ESSAI.replace("klein2008strategie", "klein2008strategi")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    ligne = ligne_de(texte, "klein2008strategi")
    assert re.search(rf"modules/essai/index\.rst:{ligne}: .*clé de citation inconnue "
                     r"« klein2008strategi »", message), message
    assert "Vouliez-vous dire « klein2008strategie »" in message
    assert "ajoutez la source à references.bib" in message


def test_champ_de_fiche_manquant(projet):
    texte = ESSAI.replace("   :mots-clés: essai\n", "")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert re.search(rf"modules/essai/index\.rst:{ligne_de(texte, 'fiche-module')}: .*"
                     r"champ « mots-clés » manquant dans la fiche-module : ajoutez la ligne "
                     r"« :mots-clés: … »", message), message


def test_champ_de_fiche_vide(projet):
    texte = ESSAI.replace("   :public: adultes\n", "   :public:\n")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert "champ « public » invalide : liste vide" in message, message


def test_duree_malformee(projet):
    texte = ESSAI.replace(":durée: 10\n   :matériel:", ":durée: beaucoup\n   :matériel:")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert re.search(rf"modules/essai/index\.rst:{ligne_de(texte, '.. activite::')}: .*option "
                     r"« durée » invalide pour l'activité : « beaucoup » n'est pas une durée : "
                     r"indiquez un nombre entier de minutes", message), message


def test_un_seul_objectif(projet):
    texte = ESSAI.replace("      - Vérifier les messages d'erreur.\n", "")
    installer_essai(projet, texte)
    assert "au moins 2 objectifs sont attendus" in construire_en_echec(projet)


def test_champ_inconnu(projet):
    texte = ESSAI.replace(":mots-clés: essai", ":mots-clés: essai\n   :publics: adultes")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert "champ « publics » inconnu dans la fiche-module. Vouliez-vous dire « public » ?" in message


def test_module_lie_inconnu(projet):
    texte = ESSAI.replace(":modules-liés: digitalisation", ":modules-liés: digitalisaton")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert "module lié inconnu « digitalisaton ». Vouliez-vous dire « digitalisation » ?" in message


def test_moment_de_question_invalide(projet):
    texte = ESSAI.replace(":moment: avant", ":moment: pendant")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert re.search(r"modules/essai/index\.rst:\d+: .*« pendant » n'est pas un moment\. "
                     r".*Valeurs possibles : avant, après, débat", message), message


def test_activite_sans_duree(projet):
    texte = ESSAI.replace("   :durée: 10\n   :matériel:", "   :matériel:")
    installer_essai(projet, texte)
    assert "option « :durée: » manquante pour l'activité" in construire_en_echec(projet)


def test_lien_direct_vers_un_autre_module(projet):
    texte = ESSAI.replace("Voir aussi :module-lie:`digitalisation`.",
                          "Voir aussi :ref:`mod-digitalisation-essentiel`.")
    installer_essai(projet, texte)
    message = construire_en_echec(projet, "essai,digitalisation")
    ligne = ligne_de(texte, ":ref:`mod-digitalisation")
    assert re.search(rf"modules/essai/index\.rst:{ligne}: .*lien direct vers le module "
                     r"« digitalisation »", message), message
    assert "remplacez ce lien par :module-lie:`digitalisation`" in message


def test_lien_doc_vers_un_autre_module(projet):
    texte = ESSAI.replace("Voir aussi :module-lie:`digitalisation`.",
                          "Voir aussi :doc:`../digitalisation/index`.")
    installer_essai(projet, texte)
    message = construire_en_echec(projet, "essai,digitalisation")
    assert "lien direct vers le module « digitalisation » (doc" in message, message


def test_section_sans_etiquette(projet):
    texte = ESSAI.replace(".. _mod-essai-animer:\n\n", "")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert "la section « Pour animer » n'a pas d'étiquette mod-essai-…" in message, message
    assert "« .. _mod-essai-pour-animer: »" in message


def test_bib_malformee(projet):
    bib = projet / "references.bib"
    texte = bib.read_text(encoding="utf-8")
    casse = texte.replace("  publisher = {Leméac / Actes Sud},\n", "  publisher = {Leméac / Actes Sud,\n", 1)
    assert casse != texte
    bib.write_text(casse, encoding="utf-8")
    installer_essai(projet)
    message = construire_en_echec(projet)
    assert re.search(r"references\.bib:\d+: .*erreur de syntaxe BibTeX", message), message
    assert "construction arrêtée" in message


def test_bib_cle_en_double(projet):
    bib = projet / "references.bib"
    texte = bib.read_text(encoding="utf-8")
    bib.write_text(texte + "\n@misc{klein2008strategie,\n  author = {X},\n  title = {Y},\n"
                   "  year = {2008},\n  howpublished = {Z},\n}\n", encoding="utf-8")
    installer_essai(projet)
    message = construire_en_echec(projet)
    premiere = ligne_de(texte, "@book{klein2008strategie")
    assert re.search(rf"references\.bib:\d+: .*clé en double « klein2008strategie » \(déjà "
                     rf"définie ligne {premiere}\)", message), message


def test_bib_champ_obligatoire_manquant(projet):
    bib = projet / "references.bib"
    texte = bib.read_text(encoding="utf-8")
    bib.write_text(texte.replace("  publisher = {Leméac / Actes Sud},\n", "", 1), encoding="utf-8")
    installer_essai(projet)
    message = construire_en_echec(projet)
    assert re.search(r"references\.bib:\d+: .*entrée « klein2008strategie » \(@book\) : "
                     r"champ\(s\) obligatoire\(s\) manquant\(s\) : publisher", message), message


def test_selection_inconnue(projet):
    message = construire_en_echec(projet, "fracture-numeriqe")
    assert "module inconnu « fracture-numeriqe ». Vouliez-vous dire « fracture-numerique » ?" in message


def test_livre_oublie_un_module(projet):
    installer_essai(projet)
    resultat = sphinx(projet, projet / "_build", "html", None)
    message = sortie(resultat)
    assert resultat.returncode != 0 and "Traceback" not in message
    assert ("le module « essai » existe dans modules/ mais n'est pas dans le livre : "
            "ajoutez « - essai »") in message, message
    assert re.search(r"curricula/livre\.yml:\d+:", message)


def test_livre_yaml_malforme(projet):
    livre = projet / "curricula" / "livre.yml"
    livre.write_text(livre.read_text(encoding="utf-8") + "  - : [\n", encoding="utf-8")
    resultat = sphinx(projet, projet / "_build", "html", None)
    message = sortie(resultat)
    assert resultat.returncode != 0 and "Traceback" not in message
    assert re.search(r"curricula/livre\.yml:\d+: .*YAML invalide", message), message


def test_sequence_inconnue(projet):
    texte = ESSAI.replace(":séquences: film entier", ":séquences: Le non recours aux droits")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert ("séquence inconnue « Le non recours aux droits ». Vouliez-vous dire "
            "« Le non-recours aux droits » ?") in message, message


@pytest.mark.parametrize("ajout, attendu", [
    (".. include:: ../../conf.py\n", "« include » lit « ../../conf.py », hors du dossier du module"),
    (".. literalinclude:: /references.bib\n", "« literalinclude » lit « /references.bib »"),
    (".. raw:: html\n   :file: ../contexte/index.rst\n", "« raw » lit « ../contexte/index.rst »"),
    (".. raw:: html\n   :url: https://exemple.org/\n", "« raw » avec « :url: » interdit"),
    (".. raw:: html\n\n   <script>alert(1)</script>\n", "script ou iframe interdit"),
    (".. raw:: html\n\n   <iframe src=\"x\"></iframe>\n", "script ou iframe interdit"),
])
def test_inclusions_interdites(projet, ajout, attendu):
    texte = ESSAI.replace(".. _mod-essai-animer:", ajout + "\n.. _mod-essai-animer:")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    ligne = ligne_de(texte, "   <" if "   <" in ajout else ajout.splitlines()[0])
    assert re.search(rf"modules/essai/index\.rst:{ligne}: .*" + re.escape(attendu), message), message


def test_inclusion_permise(projet):
    (projet / "modules" / "essai").mkdir(parents=True)
    (projet / "modules" / "essai" / "extrait.txt").write_text("Un extrait.\n", encoding="utf-8")
    installer_essai(projet, ESSAI.replace(".. _mod-essai-animer:",
                                          ".. literalinclude:: extrait.txt\n\n.. _mod-essai-animer:"))
    resultat = sphinx(projet, projet / "_build", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)


def test_avertissement_admis(projet):
    """Un avertissement listé (avec sa raison) n'arrête pas la construction…"""
    installer_essai(projet, ESSAI.replace("Voir aussi", "Voir :ref:`etiquette-absente`. Voir aussi"))
    echec = sortie(sphinx(projet, projet / "_build", "html", "essai"))
    assert "etiquette-absente" in echec
    (projet / "avertissements-admis.txt").write_text(
        "# essai\nhtml | etiquette-absente | raison de l'essai\n", encoding="utf-8")
    resultat = sphinx(projet, projet / "_build2", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)


def test_avertissement_admis_disparu(projet):
    """… et une entrée qui ne sert plus fait échouer la construction."""
    installer_essai(projet)
    (projet / "avertissements-admis.txt").write_text(
        "# essai\n* | un avertissement qui n'existe pas | raison\n", encoding="utf-8")
    message = construire_en_echec(projet)
    assert re.search(r"avertissements-admis\.txt:2: .*avertissement admis qui n'apparaît plus : "
                     r"retirez cette ligne", message), message


def test_liste_admise_vide_et_pas_de_suppression():
    lignes = [l for l in (RACINE / "avertissements-admis.txt").read_text(encoding="utf-8")
              .splitlines() if l.strip() and not l.startswith("#")]
    for ligne in lignes:  # chaque entrée dit pour quels constructeurs, quoi et pourquoi
        assert len([p for p in ligne.split(" | ") if p.strip()]) == 3, ligne
    assert "suppress_warnings" not in (RACINE / "conf.py").read_text(encoding="utf-8")


def test_image_sans_alternative(projet):
    import shutil

    dossier = projet / "modules" / "essai"
    dossier.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "fixtures" / "point.png", dossier / "point.png")
    texte = ESSAI.replace(".. _mod-essai-animer:", ".. image:: point.png\n\n.. _mod-essai-animer:")
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    assert re.search(rf"modules/essai/index\.rst:{ligne_de(texte, '.. image::')}: .*image "
                     r"« modules/essai/point\.png » sans texte de remplacement : ajoutez l'option « :alt: »",
                     message), message
    installer_essai(projet, texte.replace(".. image:: point.png",
                                          ".. image:: point.png\n   :alt: Un point noir."))
    resultat = sphinx(projet, projet / "_build2", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)
