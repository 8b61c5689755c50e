"""ePub accessible (EPUB Accessibility 1.1) et constructions reproductibles."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

from conftest import echec_lisible, make

from pluspersonne.epub import metadonnees_accessibilite


def empreintes(dossier: Path) -> dict[str, str]:
    return {str(p.relative_to(dossier)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(dossier.rglob("*")) if p.is_file() and p.name != ".buildinfo"}


def test_epub_et_html_reproductibles(tmp_path):
    resultats = []
    for essai in ("a", "b"):
        resultat = make("html", tmp_path / essai, "digitalisation", SOURCE_DATE_EPOCH="1767225600")
        assert resultat.returncode == 0, echec_lisible(resultat)
        resultat = make("epub", tmp_path / essai, "digitalisation", SOURCE_DATE_EPOCH="1767225600")
        assert resultat.returncode == 0, echec_lisible(resultat)
        resultats.append(tmp_path / essai)
    a, b = (r / "epub" / "plus-personne.epub" for r in resultats)
    assert a.read_bytes() == b.read_bytes(), "deux ePub des mêmes sources diffèrent"
    assert empreintes(resultats[0] / "html") == empreintes(resultats[1] / "html")
    with zipfile.ZipFile(a) as archive:
        premiere = archive.infolist()[0]
        assert premiere.filename == "mimetype"
        assert premiere.compress_type == zipfile.ZIP_STORED
        opf = archive.read("content.opf").decode()
        assert "<dc:date>2026-01-01T00:00:00Z</dc:date>" in opf
        for nom in archive.namelist():
            if nom.endswith(".xhtml"):
                entete = archive.read(nom).decode()[:400]
                assert re.search(r'<html [^>]*lang="fr" xml:lang="fr"', entete), nom
        for propriete in ("schema:accessMode", "schema:accessModeSufficient",
                          "schema:accessibilityFeature", "schema:accessibilityHazard",
                          "schema:accessibilitySummary"):
            assert f'property="{propriete}"' in opf, propriete
        nav = archive.read("nav.xhtml").decode()
        assert 'epub:type="toc"' in nav and "modules/digitalisation/index.xhtml" in nav


def test_metadonnees_selon_les_images():
    assert "visual" not in metadonnees_accessibilite(False)
    avec = metadonnees_accessibilite(True)
    assert '<meta property="schema:accessMode">visual</meta>' in avec
    assert "alternativeText" in avec
