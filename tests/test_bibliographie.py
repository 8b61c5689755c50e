"""references.bib : convention de clés, champs, doublons ; clés citées et entrées
utilisées par make citations (outils/verifier_citations.py)."""

from __future__ import annotations

import re
import unicodedata

from conftest import RACINE
from pybtex.database import parse_file

from pluspersonne.bibliographie import entrees, problemes

BIB = RACINE / "references.bib"
DONNEES = parse_file(str(BIB))


def test_champs_obligatoires_et_syntaxe():
    assert problemes(BIB) == ([], [])


def test_convention_de_cle():
    for _, cle, ligne in entrees(BIB.read_text(encoding="utf-8")):
        assert re.fullmatch(r"[a-z]+\d{4}[a-z]+", cle), (
            f"references.bib:{ligne} : la clé « {cle} » ne suit pas la convention "
            "auteur + année + premier mot du titre (ex. klein2008strategie)")


def test_pas_de_cle_ni_d_oeuvre_en_double():
    cles = [cle.lower() for _, cle, _ in entrees(BIB.read_text(encoding="utf-8"))]
    assert len(cles) == len(set(cles))

    def forme(texte: str) -> str:
        texte = unicodedata.normalize("NFKD", texte.lower())
        return re.sub(r"[^a-z0-9]", "", "".join(c for c in texte if not unicodedata.combining(c)))

    oeuvres: dict[tuple[str, str], str] = {}
    for cle, entree in DONNEES.entries.items():
        signature = (forme(entree.fields["title"]), entree.fields["year"])
        assert signature not in oeuvres, f"« {cle} » et « {oeuvres[signature]} » : même œuvre"
        oeuvres[signature] = cle


def test_urls_en_https():
    for cle, entree in DONNEES.entries.items():
        url = entree.fields.get("url")
        if url:
            assert url.startswith("https://"), f"{cle} : {url}"


def verificateur():
    import importlib.util

    spec = importlib.util.spec_from_file_location("verifier_citations",
                                                  RACINE / "outils" / "verifier_citations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_citations_passe():
    assert verificateur().verifier(RACINE) == []


def test_second_analyseur_lit_tout():
    import bibtexparser

    bibliotheque = bibtexparser.parse_string(BIB.read_text(encoding="utf-8"))
    assert not bibliotheque.failed_blocks
    assert {e.key for e in bibliotheque.entries} == set(DONNEES.entries)


def test_citations_en_echec(projet):
    bib = projet / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{inutile2020essai,\n  author = {X},\n"
                   "  title = {Essai},\n  year = {2020},\n  howpublished = {Nulle part},\n}\n",
                   encoding="utf-8")
    messages = verificateur().verifier(projet)
    assert any("l'entrée « inutile2020essai » n'est citée par aucun module" in m for m in messages)
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@book{casse2020,\n  title = {x\n",
                   encoding="utf-8")
    messages = verificateur().verifier(projet)
    assert any("erreur de syntaxe BibTeX" in m for m in messages), messages
    assert any("bibtexparser ne peut pas lire ce bloc" in m for m in messages), messages
