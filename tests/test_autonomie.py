"""Chaque module se construit seul (pages liminaires + ce module), dans les trois formats ;
son ePub passe EPUBCheck et DAISY Ace sans aucune violation."""

from __future__ import annotations

import sys

import pytest
from conftest import MODULES, RACINE, echec_lisible, make, pdftexte

from pluspersonne.selection import titre_module

sys.path.insert(0, str(RACINE / "outils"))
import verifier_ace  # noqa: E402
import verifier_epub  # noqa: E402


@pytest.mark.parametrize("slug", MODULES)
def test_module_seul(tmp_path, slug):
    resultat = make("all", tmp_path, selection=slug)
    assert resultat.returncode == 0, echec_lisible(resultat)
    assert (tmp_path / "html" / "modules" / slug / "index.html").is_file()
    autres = [s for s in MODULES if s != slug]
    assert not any((tmp_path / "html" / "modules" / s).exists() for s in autres)
    epub = tmp_path / "epub" / "plus-personne.epub"
    assert verifier_epub.verifier(epub) == []
    _, violations = verifier_ace.verifier(epub)
    assert not violations, violations
    assert sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf")) == sorted(
        ["plus-personne.pdf", "plus-personne-participant.pdf", "deroule.pdf", "questions.pdf",
         f"{slug}.pdf", f"{slug}-participant.pdf", f"{slug}-facile.pdf"])
    assert titre_module(RACINE, slug).split()[0] in pdftexte(tmp_path / "pdf" / f"{slug}.pdf")
