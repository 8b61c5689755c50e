"""Anatomie des modules (DESIGN.md) et règle des mots propres."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import MODULES, RACINE

OUTIL = RACINE.parent / "shared" / "tools" / "seed_overlap.py"


def sections(texte: str) -> list[str]:
    lignes = texte.splitlines()
    return [l.strip() for l, s in zip(lignes, lignes[1:])
            if l.strip() and re.fullmatch(r"-{3,}", s.strip()) and len(s.strip()) >= len(l.strip())]


@pytest.mark.parametrize("slug", MODULES)
def test_anatomie(slug):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    texte = (RACINE / "modules" / slug / "index.rst").read_text(encoding="utf-8")
    assert texte.startswith(f".. _mod-{slug}:\n"), "étiquette mod-<slug> au-dessus du titre"
    titres = sections(texte)
    assert titres[0] == "L'essentiel", titres
    assert titres[-3:] == ["Pour animer", "Pour aller plus loin", "Sources"], titres
    if "Dans le film" in titres:
        assert titres.index("Dans le film") == 1, titres
    fin = texte.split("\nSources\n", 1)[1]
    assert ".. footbibliography::" in fin
    assert texte.count(".. fiche-module::") == 1
    animer = texte.split("\nPour animer\n", 1)[1].split("\nPour aller plus loin\n")[0]
    assert animer.count(".. question::") >= 4, "au moins quatre questions"
    assert animer.count(".. activite::") >= 1, "au moins une activité"
    for activite in re.split(r"\n\.\. activite::", animer)[1:]:
        bloc = re.split(r"\n(?=\S)", activite, maxsplit=1)[0]
        assert ".. note-animation::" in bloc, "chaque activité a des notes d'animation"


def test_mots_propres():
    """Aucun passage de 12 mots ou plus ne reprend le dossier mot pour mot."""
    if not OUTIL.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"outil introuvable : {OUTIL}")
        pytest.skip("shared/tools/seed_overlap.py absent (hors de l'espace de travail du projet)")
    resultat = subprocess.run([sys.executable, str(OUTIL), "modules", "docs"], cwd=RACINE,
                              capture_output=True, text=True)
    assert resultat.returncode == 0, resultat.stdout[-4000:]
