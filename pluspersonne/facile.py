"""La section « En facile à lire » de chaque module, et sa fiche en grands caractères.

- Chaque module a une section « En facile à lire » (étiquette
  ``mod-<slug>-facile``) ; sans elle, la construction s'arrête avec un message
  qui dit quoi ajouter. Ses règles d'écriture sont vérifiées par
  ``outils/facile.py`` (``make lint``).
- En HTML, un lien « Version facile à lire » ouvre chaque module.
- Chaque section se termine par la même mention honnête : ces textes suivent les
  règles du facile à lire, mais n'ont pas encore été testés avec leurs lecteur·rices.
- Avec l'étiquette Sphinx ``facile`` (``-t facile``, cible ``make pdf``), chaque
  module se réduit à son titre, à cette section et à ses sources : c'est la fiche
  facile à lire, mise en page en grands caractères par ``conf.py``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .fiche import liens_telechargement
from .langue import _
from .messages import signaler
from .selection import slug_de

#: Étiquette Sphinx (``-t facile``) de la construction des fiches facile à lire.
ETIQUETTE = "facile"
MENTION = _("Ce texte suit les règles du français facile à lire. Il n’a pas encore été "
            "testé avec des personnes qui lisent difficilement. Vous pouvez nous aider à "
            "l’améliorer\u00a0: la page «\u00a0Contribuer\u00a0» explique comment.")


def ident(slug: str) -> str:
    return f"mod-{slug}-facile"


def section_facile(doctree: nodes.document, slug: str) -> nodes.section | None:
    return next((s for s in doctree.findall(nodes.section) if ident(slug) in s["ids"]), None)


def preparer(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : section présente, lien en tête, mention ; fiche seule si ``facile``."""
    doc = app.env.docname
    slug = slug_de(doc)
    if slug is None or not doc.endswith("/index"):
        return
    section = section_facile(doctree, slug)
    if section is None:
        fiche = app.env.pp_fiches.get(doc, {})
        signaler(f"ce module n'a pas de section « En facile à lire » : ajoutez-la juste après "
                 f"« L'essentiel », avec l'étiquette « .. _{ident(slug)}: » au-dessus de son "
                 "titre, et écrivez-y l'essentiel du module selon les règles du facile à lire "
                 "(voir CONTRIBUTING.md).", (doc, fiche.get("ligne", 1)), "facile")
        return
    section["classes"].append("pp-facile")
    section += nodes.paragraph(text=MENTION, classes=["pp-facile-mention"])
    principale = next(iter(doctree.findall(nodes.section)), None)
    if principale is None:
        return
    if app.tags.has(ETIQUETTE):
        # La fiche : le titre, la section, et les notes de ses seules sources.
        appels = {r["refid"] for r in section.findall(nodes.footnote_reference) if "refid" in r}
        notes = [n for n in doctree.findall(nodes.footnote) if set(n["ids"]) & appels]
        for note in notes:
            note.parent.remove(note)
        section.extend(notes)
        for enfant in list(principale.children):
            if not isinstance(enfant, (nodes.title, nodes.target)) and enfant is not section:
                principale.remove(enfant)
        return
    lien = nodes.paragraph(classes=["pp-lien-facile"])
    lien += nodes.strong(text=_("Version facile à lire\u00a0: "))
    lien += nodes.reference("", str(_("sur cette page")), internal=True, refid=ident(slug))
    lien += nodes.Text(" · ")
    lien.extend(liens_telechargement(doc, [(f"{slug}-facile.pdf",
                                            _("fiche en grands caractères (PDF)"))]))
    en_html = addnodes.only(expr="builder_html")
    en_html += lien
    position = principale.index(principale[0]) + 1
    principale.insert(position, en_html)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", preparer)
