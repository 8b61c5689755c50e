"""Extension Sphinx du projet « Plus personne », modules pédagogiques.

Ce paquet regroupe tout le code propre au projet :

- :mod:`.selection` : quels modules entrent dans la construction (livre entier,
  parcours ou module seul), et les documents LaTeX qui en découlent ;
- :mod:`.fiche` : la directive ``fiche-module`` (métadonnées validées) et le
  catalogue généré ;
- :mod:`.pedagogie` : les directives ``question``, ``activite`` et
  ``note-animation`` ;
- :mod:`.formats` : la directive ``format`` (déroulés minutés d'un module,
  vérifiés à la construction) et la liste « À préparer » ;
- :mod:`.facile` : la section « En facile à lire » de chaque module et sa fiche
  en grands caractères ;
- :mod:`.parcours` : pages générées (déroulé, banque de questions,
  bibliographie du parcours) et contrôle de la durée d'un parcours ;
- :mod:`.composeur` : composer une séance dans le navigateur (page, données pour les
  scripts ``_static/seance-base.js`` et ``_static/seance.js``, parcours prêts à l'emploi) ;
- :mod:`.liens` : le rôle ``module-lie`` et la vérification de l'autonomie des
  modules (aucun lien direct vers un autre module, étiquettes préfixées) ;
- :mod:`.bibliographie` : la vérification de ``references.bib`` et le style
  bibliographique français ;
- :mod:`.garde` : ce qu'un module ne peut pas inclure (fichiers hors de son
  dossier, scripts, iframes) ;
- :mod:`.typographie` : appels de note collés au mot ;
- :mod:`.figures` : figures dessinées à partir des données de ``donnees/`` ;
- :mod:`.leger` : pages HTML légères (icônes en CSS, feuilles de style réduites) ;
- :mod:`.epub` : ePub accessible (EPUB Accessibility 1.1) et reproductible ;
- :mod:`.langue` : les deux langues du livre (catalogues du projet, rôle ``:fr:``,
  lien vers l'autre langue) ;
- :mod:`.messages` : les messages d'erreur en français.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (bibliographie, composeur, epub, facile, fiche, figures, formats, garde, langue, leger,
               liens, messages, parcours, pedagogie, selection, typographie)

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    langue.setup(app)
    messages.setup(app)
    selection.setup(app)
    bibliographie.setup(app)
    fiche.setup(app)
    pedagogie.setup(app)
    formats.setup(app)
    facile.setup(app)
    liens.setup(app)
    epub.setup(app)
    garde.setup(app)
    parcours.setup(app)
    composeur.setup(app)
    typographie.setup(app)
    leger.setup(app)
    figures.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 7,
    }
