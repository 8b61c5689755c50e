"""Typographie française des appels de note.

En français, l'appel de note se colle au mot qu'il suit (« portable¹ »). Les
sources écrivent ``mot :footcite:`cle``` pour rester lisibles ; ce traitement
retire l'espace qui précède chaque appel de note.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def coller_appels_de_note(app: Sphinx, doctree: nodes.document) -> None:
    for appel in list(doctree.findall(nodes.footnote_reference)):
        parent = appel.parent
        index = parent.index(appel)
        if index == 0:
            continue
        precedent = parent[index - 1]
        if isinstance(precedent, nodes.Text) and precedent.rstrip() != precedent:
            parent.replace(precedent, nodes.Text(precedent.rstrip()))


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", coller_appels_de_note)
