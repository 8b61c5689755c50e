"""Formats minutés des modules et séances des parcours : chaque erreur d'un format ou
d'un programme arrête la construction avec un message français (fichier, ligne,
correction) ; le déroulé d'un parcours donne l'heure de chaque étape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import RACINE, sortie, sphinx
from test_erreurs import ESSAI, construire_en_echec, installer_essai, ligne_de

from pluspersonne import formats, pedagogie
from pluspersonne.fiche import ChampInvalide
from pluspersonne.selection import heure_lisible


# -- Unités ------------------------------------------------------------------------------

def test_references_d_une_etape():
    assert formats.lire_references("film entier, activité cartes, question titre") == [
        ("film", "entier"), ("activite", "cartes"), ("question", "titre")]
    assert formats.lire_references("séquence « Le non-recours aux droits »") == [
        ("sequence", "Le non-recours aux droits")]
    with pytest.raises(ChampInvalide, match="n'est pas une référence"):
        formats.lire_references("le film")


def test_materiel_structure():
    elements = pedagogie.materiel("- 1 par participant·e : la fiche\n- 2 par groupe : cartes\n"
                                  "- pour la salle : un tableau\n- disposition : en cercle")
    assert [(e["nombre"], e["pour"]) for e in elements] == [
        (1, "participant"), (2, "groupe"), (1, "salle"), (0, "disposition")]
    assert pedagogie.materiel("aucun") == []
    with pytest.raises(ChampInvalide, match="une ligne par élément"):
        pedagogie.materiel("des feuilles et des marqueurs")


def test_quantites_pour_un_groupe():
    fiche, cartes, tableau = pedagogie.materiel(
        "- 1 par participant·e : la fiche\n- 2 par groupe : jeux de cartes\n"
        "- 1 pour la salle : un tableau")
    assert pedagogie.quantite(fiche, 15, 4) == "15 × la fiche (1 par participant·e)"
    assert pedagogie.quantite(cartes, 15, 4) == "8 × jeux de cartes (2 par groupe de 4)"
    assert pedagogie.quantite(tableau, 15, 4) == "1 × un tableau (pour la salle)"


def test_heures():
    assert heure_lisible(0) == "0:00"
    assert heure_lisible(65) == "1:05"
    assert heure_lisible(14 * 60 + 5) == "14:05"


# -- Formats fautifs -------------------------------------------------------------------

COURT = """.. format:: court
   :titre: Une leçon sans le film
   :durée: 15

   5 | Accueil et question de départ | question depart
      Notez les réponses au tableau.
   10 | Une activité | activité essai
"""


def echec(projet: Path, texte: str, motif: str, ligne: int | None = None) -> str:
    installer_essai(projet, texte)
    message = construire_en_echec(projet)
    lieu = rf"modules/essai/index\.rst:{ligne}: " if ligne else r"modules/essai/index\.rst:\d+: "
    assert re.search(lieu + ".*" + motif, message), message
    return message


def test_etapes_qui_ne_font_pas_la_duree(projet):
    texte = ESSAI.replace("   :durée: 15\n", "   :durée: 20\n")
    echec(projet, texte, r"les étapes du format « court » totalisent 15 min \(5 \+ 10\) pour "
          r"une durée annoncée de 20 min : corrigez une durée d'étape",
          ligne_de(texte, ".. format:: court"))


def test_etape_sans_duree(projet):
    texte = ESSAI.replace("   10 | Une activité | activité essai", "   Une activité | activité essai")
    echec(projet, texte, r"étape sans durée dans le format « court » .*commencez la ligne par "
          r"le nombre de minutes", ligne_de(texte, "   Une activité | activité essai"))


def test_activite_inconnue(projet):
    texte = ESSAI.replace("10 | Une activité | activité essai", "10 | Une activité | activité esai")
    echec(projet, texte, r"utilise l'activité « esai », que ce module n'a pas\. Vouliez-vous "
          r"dire « essai » \?", ligne_de(texte, "activité esai"))


def test_question_inconnue(projet):
    texte = ESSAI.replace("| question depart\n      Notez", "| question arrivee\n      Notez")
    echec(projet, texte, r"utilise la question « arrivee », que ce module n'a pas\. .*ajoutez "
          r"« :nom: arrivee » sous la question voulue", ligne_de(texte, "question arrivee"))


def test_sequence_inconnue(projet):
    texte = ESSAI.replace("18 | Projection du film | film entier",
                          "18 | Projection | séquence « Le non recours aux droits »")
    echec(projet, texte, r"séquence inconnue « Le non recours aux droits »\. Vouliez-vous dire "
          r"« Le non-recours aux droits » \?")


def test_activite_trop_courte_sans_variante(projet):
    texte = ESSAI.replace(":durée: 10\n   :matériel:", ":durée: 12\n   :matériel:")
    echec(projet, texte, r"l'étape donne 10 min, mais elle demande au moins 12 min \(l'activité "
          r"« essai » 12 min\) : allongez l'étape ou déclarez une version courte",
          ligne_de(texte, "10 | Une activité | activité essai"))


def test_version_courte_acceptee_et_affichee(projet):
    texte = ESSAI.replace(":durée: 10\n   :matériel:", ":durée: 12\n   :durée-courte: 8\n"
                          "   :version-courte: une seule carte par groupe.\n   :matériel:")
    installer_essai(projet, texte)
    resultat = sphinx(projet, projet / "_build", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)
    page = (projet / "_build" / "html" / "modules" / "essai" / "index.html").read_text(
        encoding="utf-8")
    assert "Version courte de l’activité\u00a0: une seule carte par groupe." in page


def test_en_dessous_de_la_version_courte(projet):
    texte = ESSAI.replace(":durée: 10\n   :matériel:", ":durée: 14\n   :durée-courte: 11\n"
                          "   :version-courte: une seule carte par groupe.\n   :matériel:")
    echec(projet, texte, r"l'étape donne 10 min, mais elle demande au moins 11 min "
          r"\(l'activité « essai » 14 min \(version courte : 11 min\)\)")


def test_film_entier_trop_court(projet):
    texte = ESSAI.replace("18 | Projection du film | film entier", "15 | Projection | film entier")
    texte = texte.replace("   :durée: 40\n", "   :durée: 37\n")
    echec(projet, texte, r"l'étape donne 15 min, mais elle demande au moins 18 min \(le film "
          r"entier 18 min\)")


def test_durees_interieures_de_l_activite(projet):
    texte = ESSAI.replace("   Les consignes.\n", "   #. Se mettre en groupes (3 min).\n"
                          "   #. Discuter (5 min).\n")
    echec(projet, texte, r"les consignes de l'activité « Une activité » totalisent 8 min "
          r"\(3 \+ 5\) pour une durée annoncée de 10 min", ligne_de(texte, ".. activite::"))


def test_un_seul_format(projet):
    debut = ESSAI.index(".. format:: complet")
    fin = ESSAI.index(".. question::")
    texte = ESSAI[:debut] + ESSAI[fin:]
    echec(projet, texte, r"ce module a 1 format\(s\) : il en faut au moins deux",
          ligne_de(texte, ".. fiche-module::"))


def test_deux_formats_du_meme_nom(projet):
    texte = ESSAI.replace(".. format:: complet", ".. format:: court")
    echec(projet, texte, r"deux formats portent le nom « court »",
          [i for i, l in enumerate(texte.splitlines(), 1) if l == ".. format:: court"][1])


def test_aucun_format_court(projet):
    texte = ESSAI.replace("   :durée: 15\n", "   :durée: 55\n").replace(
        "   10 | Une activité | activité essai", "   50 | Une activité | activité essai").replace(
        "   :durée: 40\n", "   :durée: 60\n").replace("   12 | Une activité", "   32 | Une activité")
    echec(projet, texte, r"aucun format de ce module ne tient dans une leçon de 50 min")


def test_duree_dans_la_fiche(projet):
    texte = ESSAI.replace("   :public: adultes\n", "   :durée: 30\n   :public: adultes\n")
    echec(projet, texte, r"le champ « durée » n'existe plus : la durée d'un module vient de ses "
          r"formats")


def test_materiel_en_vrac(projet):
    texte = re.sub(r"   :matériel:\n(      - .*\n)+", "   :matériel: des feuilles, des crayons\n",
                   ESSAI)
    echec(projet, texte, r"option « matériel » invalide pour l'activité : « des feuilles, des "
          r"crayons » : le matériel s'écrit une ligne par élément")


def test_activite_sans_nom(projet):
    texte = ESSAI.replace("   :nom: essai\n", "")
    echec(projet, texte, r"option « :nom: » manquante pour l'activité")


# -- Le format affiché -----------------------------------------------------------------

def test_format_affiche_et_edition_participant(projet):
    installer_essai(projet)
    resultat = sphinx(projet, projet / "_build", "html", "essai")
    assert resultat.returncode == 0, sortie(resultat)
    page = (projet / "_build" / "html" / "modules" / "essai" / "index.html").read_text(
        encoding="utf-8")
    texte = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#39;", "'")
    assert "Format « court » · 15 min" in texte
    assert "0:00 5 min Accueil et question de départ Notez les réponses" in texte
    assert "0:05" in texte and "Fin à 0:15." in texte
    assert "le film entier est projeté (18 min)" in texte
    assert "20 × la feuille de consignes (1 par participant·e)" in texte
    assert "5 × un jeu de cartes (1 par groupe de 4)" in texte
    assert 'href="#essai-activite-essai"' in page and 'id="essai-activite-essai"' in page
    # Fiche : les formats à la place d'une durée unique.
    assert "court : 15 min, sans film · complet : 40 min, film entier" in texte
    participant = sphinx(projet, projet / "_build-p", "html", "essai", "-t", "participant")
    assert participant.returncode == 0, sortie(participant)
    page_p = (projet / "_build-p" / "html" / "modules" / "essai" / "index.html").read_text(
        encoding="utf-8")
    assert "Accueil et question de départ" in page_p
    assert "Notez les réponses au tableau" not in page_p, "consignes dans l'édition participant·e"
    assert "À préparer" not in page_p


# -- Parcours ----------------------------------------------------------------------------

PROGRAMME = """titre: Essai minuté
public: adultes
participants: 12
début: "14:00"
durée: 60
programme:
  - accueil: 10
    texte: café et tour des prénoms
  - module: essai
    format: complet
  - pause: 5
  - clôture: 5
"""


def construire_parcours(projet: Path, texte: str, ok: bool = False) -> str:
    installer_essai(projet)
    (projet / "curricula" / "essai.yml").write_text(texte, encoding="utf-8")
    resultat = sphinx(projet, projet / "_build", "html", "curricula/essai.yml")
    message = sortie(resultat)
    assert "Traceback" not in message, message
    assert (resultat.returncode == 0) == ok, message
    return message


def test_programme_minute(projet):
    construire_parcours(projet, PROGRAMME, ok=True)
    html = (projet / "_build" / "html" / "docs" / "deroule.html").read_text(encoding="utf-8")
    texte = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")
    for attendu in ("14:00 10 min Accueil café et tour des prénoms", "14:10 5 min Accueil",
                    "14:15 18 min Projection du film", "14:33 12 min Une activité",
                    "14:45 5 min Tour de clôture", "14:50 5 min Pause", "14:55 5 min Clôture",
                    "Total de la séance : 1 h (prévue : 1 h) ; fin à 15:00.",
                    "12 × la feuille de consignes (1 par participant·e)",
                    "3 × un jeu de cartes (1 par groupe de 4)"):
        assert attendu in texte, attendu


def test_plusieurs_seances(projet):
    texte = """titre: Essai en deux fois
public: adultes
séances:
  - titre: Première leçon
    début: "8:30"
    durée: 15
    programme:
      - module: essai
        format: court
  - titre: Seconde leçon
    durée: 50
    programme:
      - accueil: 5
      - clôture: 10
"""
    construire_parcours(projet, texte, ok=True)
    html = (projet / "_build" / "html" / "docs" / "deroule.html").read_text(encoding="utf-8")
    texte_html = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")
    assert "Séance 1 : Première leçon" in texte_html and "Séance 2 : Seconde leçon" in texte_html
    assert "8:30 5 min Accueil et question de départ" in texte_html
    assert "0:05 10 min Clôture" in texte_html
    assert "Il reste 35 min de marge." in texte_html
    assert "Durée totale : 30 min en 2 séances." in texte_html


def test_format_inconnu(projet):
    message = construire_parcours(projet, PROGRAMME.replace("format: complet", "format: complte"))
    assert re.search(r"curricula/essai\.yml:10: .*format inconnu « complte » pour le module "
                     r"« essai »\. Vouliez-vous dire « complet » \? Formats de ce module : "
                     r"court, complet", message), message


def test_format_manquant(projet):
    message = construire_parcours(projet, PROGRAMME.replace("    format: complet\n", ""))
    assert re.search(r"curricula/essai\.yml:9: .*format manquant pour le module « essai » : "
                     r"ajoutez « format: court »", message), message


def test_seance_qui_deborde(projet):
    message = construire_parcours(projet, PROGRAMME.replace("durée: 60", "durée: 50"))
    assert re.search(r"curricula/essai\.yml:5: .*la séance dure 60 min \(accueil 10 min, essai "
                     r"\(complet\) 40 min, pause 5 min, clôture 5 min\) pour 50 min prévues\. "
                     r"Rien n'est coupé sans le dire : choisissez un format plus court \(essai : "
                     r"court 15 min, complet 40 min\)", message), message


def test_ancienne_duree_sur_un_module(projet):
    ancien = "titre: Ancien\npublic: adultes\ndurée: 30\nmodules:\n  - module: essai\n    durée: 30\n"
    message = construire_parcours(projet, ancien)
    assert re.search(r"curricula/essai\.yml:5: .*« durée: » sur un module n'est plus accepté : "
                     r"un parcours minuté choisit un format de chaque module, sans rien couper\. "
                     r"Remplacez « modules: » par « programme: »", message), message
    message = construire_parcours(projet, PROGRAMME.replace("    format: complet\n",
                                                            "    durée: 20\n"))
    assert re.search(r"curricula/essai\.yml:10: .*« durée: » sur le module « essai » n'est plus "
                     r"accepté .*[Ff]ormats de ce module : court, complet", message), message


def test_heure_invalide(projet):
    message = construire_parcours(projet, PROGRAMME.replace('début: "14:00"', 'début: "14h"'))
    assert re.search(r"curricula/essai\.yml:4: .*heure de début invalide « 14h » : écrivez-la "
                     r"entre guillemets", message), message


def test_heure_sans_guillemets(projet):
    """YAML 1.1 lirait 14:00 comme le nombre 840 : le parcours garde l'heure écrite."""
    construire_parcours(projet, PROGRAMME.replace('début: "14:00"', "début: 14:00"), ok=True)


def test_element_de_programme_inconnu(projet):
    message = construire_parcours(projet, PROGRAMME.replace("  - pause: 5", "  - pose: 5"))
    assert re.search(r"curricula/essai\.yml:11: .*élément de programme non reconnu \(pose\)\. "
                     r"Vouliez-vous dire « pause » \?", message), message


def test_parcours_livres_sur_formats():
    """Chaque parcours livré (hors livre entier) est minuté, chaque module avec un format."""
    import yaml

    for chemin in sorted((RACINE / "curricula").glob("*.yml")):
        if chemin.name == "livre.yml":
            continue
        donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
        assert "programme" in donnees or "séances" in donnees, chemin.name
        programmes = ([donnees["programme"]] if "programme" in donnees
                      else [s["programme"] for s in donnees["séances"]])
        for programme in programmes:
            for element in programme:
                if "module" in element:
                    assert "format" in element and "durée" not in element, (chemin.name, element)
