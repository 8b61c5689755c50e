"""Tests unitaires du code du projet (paquet pluspersonne)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import RACINE, sortie, sphinx
from pybtex.database import parse_file

from pluspersonne import bibliographie, fiche, leger, liens, pedagogie, selection
from pluspersonne.messages import suggestion


@pytest.mark.parametrize("texte, attendu", [("45", 45), (" 90 ", 90), ("30 min", 30),
                                             ("15 minutes", 15)])
def test_duree_valide(texte, attendu):
    assert fiche.entier_minutes(texte) == attendu


@pytest.mark.parametrize("texte", ["beaucoup", "", "0", "-5", "1h30", "4,5"])
def test_duree_invalide(texte):
    with pytest.raises(fiche.ChampInvalide, match="nombre entier de minutes"):
        fiche.entier_minutes(texte)


def test_duree_lisible():
    assert fiche.duree_lisible(45) == "45\u00a0min"
    assert fiche.duree_lisible(90) == "1\u00a0h\u00a030"
    assert fiche.duree_lisible(120) == "2\u00a0h"


def test_liste():
    assert fiche.liste("adultes, élèves du secondaire") == ["adultes", "élèves du secondaire"]
    for mauvais in ("", "a,,b", "a, "):
        with pytest.raises(fiche.ChampInvalide):
            fiche.liste(mauvais)


def test_puces():
    assert fiche.puces("- un objectif\n  qui continue\n- deux") == ["un objectif qui continue", "deux"]
    with pytest.raises(fiche.ChampInvalide, match="au moins 2"):
        fiche.puces("- un seul")
    with pytest.raises(fiche.ChampInvalide, match="commence par « - »"):
        fiche.puces("sans tiret\n- deux")


def test_moment():
    assert pedagogie.moment("avant") == "avant"
    assert pedagogie.moment("Apres") == "après"
    assert pedagogie.moment("debat") == "débat"
    with pytest.raises(fiche.ChampInvalide, match="Valeurs possibles"):
        pedagogie.moment("pendant")


def test_suggestion():
    assert suggestion("duree", ["durée", "public"]) == " Vouliez-vous dire « durée » ?"
    assert suggestion("zzz", ["durée"]) == ""


def test_slug_et_modules():
    assert selection.SLUG.match("bruxelles-numerique")
    assert not selection.SLUG.match("Bruxelles_numerique")
    assert selection.slug_de("modules/contexte/index") == "contexte"
    assert selection.slug_de("docs/film") is None
    connus = ["travail-social-en-lutte", "travail-social-sous-traitant", "contexte"]
    assert liens.module_vise("mod-contexte-sources", connus) == "contexte"
    assert liens.module_vise("mod-travail-social-en-lutte", connus) == "travail-social-en-lutte"
    assert liens.module_vise("film", connus) is None


def test_titre_module_sans_balisage(tmp_path):
    dossier = tmp_path / "modules" / "essai"
    dossier.mkdir(parents=True)
    (dossier / "index.rst").write_text(".. _mod-essai:\n\nVoir *Plus personne*\n"
                                       "====================\n", encoding="utf-8")
    assert selection.titre_module(tmp_path, "essai") == "Voir Plus personne"
    assert selection.modules_sur_disque(tmp_path) == ["essai"]


def test_parcours_erreurs(tmp_path):
    (tmp_path / "p.yml").write_text("titre: Essai\npublic: adultes\nprogramme:\n"
                                    "  - module: a\n    format: court\n  - module: a\n"
                                    "  - module: b\n  - pause: 0\ndurée: beaucoup\n",
                                    encoding="utf-8")
    parcours, erreurs = selection.lire_parcours(tmp_path, "p.yml", ["a", "c"])
    messages = " | ".join(m for m, _ in erreurs)
    assert "apparaît deux fois" in messages
    assert "module inconnu « b »" in messages and "Modules existants : a, c" in messages
    assert "durée invalide « beaucoup »" in messages
    assert "durée de « pause » invalide « 0 »" in messages
    assert all(lieu.startswith("p.yml:") for _, lieu in erreurs)


def test_bib_du_projet_sans_probleme():
    assert bibliographie.problemes(RACINE / "references.bib") == ([], [])


MOTS_ANGLAIS = re.compile(r"\b(In|and|edited|by|pages|pp|Accessed|URL|Technical|Report|"
                          r"thesis|editor|eds?)\b")


def test_style_francais_sans_mot_anglais():
    donnees = parse_file(str(RACINE / "references.bib"))
    style = bibliographie.StyleFrancais()
    for entree in style.format_entries(donnees.entries.values()):
        texte = entree.text.render_as("text")
        assert not MOTS_ANGLAIS.search(texte), f"{entree.key} : {texte}"
        annee = donnees.entries[entree.key].fields["year"]
        assert f"({annee})" in texte, f"{entree.key} : l'année suit l'auteur·rice"


def test_style_francais_exemple():
    donnees = parse_file(str(RACINE / "references.bib"))
    style = bibliographie.StyleFrancais()
    rendu = {e.key: e.text.render_as("text") for e in style.format_entries(
        [donnees.entries["klein2008strategie"], donnees.entries["legros2022etat"],
         donnees.entries["brotcorne2021societe"]])}
    assert rendu["klein2008strategie"].startswith(
        "Klein, Naomi (2008). La Stratégie du choc : la montée d'un capitalisme du désastre. "
        "Leméac / Actes Sud.")
    assert "p.\u00a019–20" in rendu["legros2022etat"]
    assert rendu["brotcorne2021societe"].startswith("Brotcorne, Périne et Vendramin, Patricia (2021)")


def test_module_lie_lien_ou_texte(tmp_path):
    """module-lie : lien quand le module est construit, titre en italique sinon."""
    seul = sphinx(RACINE, tmp_path / "seul", "html", "digitalisation")
    assert seul.returncode == 0, sortie(seul)
    page = (tmp_path / "seul" / "html" / "modules" / "digitalisation" / "index.html").read_text(
        encoding="utf-8")
    titre = selection.titre_module(RACINE, "fracture-numerique")
    assert re.search(r'<em class="pp-module-absent">' + re.escape(titre.split()[0]), page)
    assert "../fracture-numerique/index.html" not in page
    duo = sphinx(RACINE, tmp_path / "duo", "html", "digitalisation,fracture-numerique")
    assert duo.returncode == 0, sortie(duo)
    page = (tmp_path / "duo" / "html" / "modules" / "digitalisation" / "index.html").read_text(
        encoding="utf-8")
    assert "../fracture-numerique/index.html#mod-fracture-numerique" in page


def test_notes_animation_absentes_de_l_edition_participant(tmp_path):
    complet = sphinx(RACINE, tmp_path / "a", "html", "digitalisation")
    participant = sphinx(RACINE, tmp_path / "p", "html", "digitalisation", "-t", "participant")
    assert complet.returncode == 0 and participant.returncode == 0, sortie(participant)
    chemin = "html/modules/digitalisation/index.html"
    assert "pp-note-animation" in (tmp_path / "a" / chemin).read_text(encoding="utf-8")
    page = (tmp_path / "p" / chemin).read_text(encoding="utf-8")
    assert "pp-note-animation" not in page and "pp-question" in page


def test_make_help_en_francais():
    aide = subprocess.run(["make", "-s", "-C", str(RACINE), "help"], capture_output=True,
                          text=True, check=True).stdout
    for cible in ("html", "epub", "pdf", "all", "test", "clean", "systeme"):
        assert re.search(rf"make {cible}\s+\S", aide), f"cible {cible} absente de l'aide"
    assert "Construit" in aide


def test_appel_de_note_colle_au_mot():
    from docutils import nodes

    from pluspersonne.typographie import coller_appels_de_note

    document = nodes.document(None, None)
    paragraphe = nodes.paragraph("", "", nodes.Text("un portable "), nodes.footnote_reference(
        "", "1"), nodes.Text(". Et "), nodes.footnote_reference("", "2"))
    document += paragraphe
    coller_appels_de_note(None, document)
    assert paragraphe.astext() == "un portable1. Et2"


# -- leger : pages légères ------------------------------------------------------------

def test_reduire_css_garde_ce_que_les_pages_emploient():
    css = ("@charset \"UTF-8\";.carte,.inutile{color:red}.inutile .carte{margin:0}"
           "a:not(.absente):hover{color:blue}#entete>.titre{font-weight:700}"
           "@media (min-width:40em){.carte{padding:1em}.autre{padding:0}}"
           "@media print{.inutile{display:none}}@keyframes tourner{from{opacity:0}to{opacity:1}}"
           "@font-face{font-family:\"Font Awesome 7 Free\";src:url(fa.woff2)}"
           "html[data-theme=dark] .carte{color:#fff}")
    employes = leger.jetons(['<div id="entete" class="carte"><h1 class="titre">x</h1></div>'])
    reduit = leger.reduire_css(css, employes)
    assert ".carte{color:red}" in reduit and ".inutile" not in reduit
    assert "a:not(.absente):hover" in reduit and "#entete>.titre" in reduit
    assert "@media (min-width:40em){.carte{padding:1em}}" in reduit
    assert "@media print" not in reduit and "@keyframes tourner" in reduit
    assert "Font Awesome" not in reduit and "html[data-theme=dark] .carte" in reduit


def test_icones_extraites_du_script_du_theme():
    script = ('var b={"magnifying-glass":[512,512,[128269,"search"],"f002","M0 0L1 1z"],'
              '"sun":[576,512,[],"f185",["M1 1","M2 2"]]};p("fas",b),p("fa-solid",b)')
    icones = leger.icones_du_script(script)
    assert icones[("solid", "search")] == (512, 512, "M0 0L1 1z")
    assert icones[("solid", "sun")] == (576, 512, "M1 1M2 2")
    employees = leger.icones_employees('<i class="fa-solid fa-sun fa-lg"></i><span class="fas fa-search">')
    assert employees == {("solid", "sun"), ("solid", "lg"), ("solid", "search")}
    css = leger.css_icones(employees, icones)
    assert ":is(.fas,.fa-solid).fa-sun{--pp-icone:url(\"data:image/svg+xml," in css
    assert "--pp-largeur:1.125em" in css and ".fa-lg{" not in css


def test_icones_des_encadres_sans_la_police():
    """Les pseudo-éléments du thème qui écrivent une icône de la police (titres des
    encadrés) sont redessinés par un masque ; ceux que les pages n'emploient pas, non."""
    script = ('var b={"circle-info":[512,512,["info-circle"],"f05a","M0 0z"],'
              '"bell":[448,512,[],"f0f3","M1 1z"]};p("fas",b)')
    icones = leger.icones_du_script(script)
    assert icones[("solid", "u+f05a")] == (512, 512, "M0 0z")
    theme = (':root{--pst-icon-info-circle:"\\f05a";--pst-icon-bell:"\uf0f3";'
             "--pst-icon-admonition-default:var(--pst-icon-bell);"
             "--pst-icon-admonition-note:var(--pst-icon-info-circle)}"
             ".admonition>.admonition-title:after{content:var(--pst-icon-admonition-default);"
             "font:var(--fa-font-solid);width:1rem;height:1rem}"
             ".admonition.note>.admonition-title:after{content:var(--pst-icon-admonition-note)}"
             ".admonition.absente>.admonition-title:after{content:var(--pst-icon-bell)}")
    css = leger.css_pseudo_elements(theme, icones, '<div class="admonition note">'
                                    '<p class="admonition-title">Note</p></div>')
    regles = dict(r.split("{", 1) for r in css.strip().splitlines()[1:])
    base = regles[".admonition>.admonition-title:after"]
    assert base.startswith('content:"";') and "background-color:currentColor" in base
    assert "viewBox='0 0 448 512'" in base and "display:inline-block" not in base
    assert "viewBox='0 0 512 512'" in regles[".admonition.note>.admonition-title:after"]
    assert ".admonition.absente>.admonition-title:after" not in regles
