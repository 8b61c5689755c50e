"""Un ePub accessible et reproductible.

Le constructeur ``epub`` de Sphinx, complété :

- métadonnées EPUB Accessibility 1.1 dans ``content.opf`` (mode d'accès,
  fonctionnalités, risques, résumé en français) ;
- ``lang`` et ``xml:lang`` sur chaque document de contenu ;
- rôles ARIA complets pour DAISY Ace : ``aria-level`` sur les légendes de table des
  matières (``role="heading"``), ``role="doc-toc"`` sur la navigation ``epub:type="toc"`` ;
- la déclaration de conformité (``dcterms:conformsTo`` : EPUB Accessibility 1.1, WCAG
  2.1 niveau AA), que les tests appuient (DAISY Ace et axe-core, sans aucune violation) ;
- dates des fichiers fixées par ``SOURCE_DATE_EPOCH`` avant la mise en archive :
  deux constructions de mêmes sources donnent le même ePub, octet pour octet
  (``mimetype`` reste la première entrée, non compressée).
"""

from __future__ import annotations

import os
import re
from html import escape

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder

from .langue import _

RESUME = _("Livre numérique entièrement textuel\u00a0: titres structurés, table des matières "
           "et navigation, aucune information portée par la seule couleur\u00a0; les notes "
           "et les liens sont des liens textuels.")


#: Déclaration de conformité (EPUB Accessibility 1.1, § « Conformance reporting »).
CONFORMITE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
CERTIFICATION = _("Projet «\u00a0Plus personne\u00a0», modules pédagogiques (auto-évaluation\u00a0: "
                  "EPUBCheck, DAISY Ace et axe-core à chaque construction)")


def metadonnees_accessibilite(a_des_images: bool) -> str:
    lignes = [f'<meta property="dcterms:conformsTo">{escape(CONFORMITE)}</meta>',
              f'<meta property="a11y:certifiedBy">{escape(str(CERTIFICATION))}</meta>',
              '<meta property="schema:accessMode">textual</meta>']
    if a_des_images:
        lignes.append('<meta property="schema:accessMode">visual</meta>')
    lignes += [
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{f}</meta>'
          for f in ("structuralNavigation", "tableOfContents", "readingOrder",
                    *(("alternativeText",) if a_des_images else ()))),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{escape(str(RESUME))}</meta>',
    ]
    return "\n    ".join(lignes)


class EpubAccessible(Epub3Builder):
    """``epub`` : EPUB 3 de Sphinx, accessible et reproductible."""

    def build_content(self) -> None:
        langue = self.config.language
        for chemin in self.outdir.rglob("*.xhtml"):
            texte = chemin.read_text(encoding="utf-8")
            nouveau = re.sub(r"<html (?![^>]*\blang=)",
                             f'<html lang="{langue}" xml:lang="{langue}" ', texte, count=1)
            nouveau = re.sub(r'role="heading"(?![^>]*aria-level)', 'role="heading" aria-level="2"',
                             nouveau)
            if nouveau != texte:
                chemin.write_text(nouveau, encoding="utf-8")
        super().build_content()
        opf = self.outdir / "content.opf"
        texte = opf.read_text(encoding="utf-8")
        images = any(p.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".svg"}
                     for p in self.outdir.rglob("*") if "_static" not in p.parts)
        texte = texte.replace("</metadata>",
                              "  " + metadonnees_accessibilite(images) + "\n  </metadata>", 1)
        opf.write_text(texte, encoding="utf-8")

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = self.outdir / "nav.xhtml"
        texte = nav.read_text(encoding="utf-8")
        texte = re.sub(r'<nav epub:type="toc"(?![^>]*\brole=)', '<nav epub:type="toc" role="doc-toc"',
                       texte)
        langue = self.config.language
        texte = re.sub(r"<html (?![^>]*\blang=)", f'<html lang="{langue}" xml:lang="{langue}" ',
                       texte, count=1)
        nav.write_text(texte, encoding="utf-8")

    def build_epub(self) -> None:
        epoque = os.environ.get("SOURCE_DATE_EPOCH")
        if epoque:
            instant = max(int(epoque), 315532800)  # le format zip commence en 1980
            for chemin in self.outdir.rglob("*"):
                os.utime(chemin, (instant, instant))
        super().build_epub()


def setup(app: Sphinx) -> None:
    app.add_builder(EpubAccessible, override=True)
