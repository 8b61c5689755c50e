"""Autonomie des modules.

- Le rôle ``module-lie`` nomme un autre module : lien s'il fait partie de la
  construction, texte (son titre) sinon. Ainsi tout sous-ensemble de modules
  se construit sans avertissement.
- À la lecture d'un module, on refuse les liens directs vers un autre module
  (``:ref:``, ``:doc:``, ``:numref:`` ou URL relative) et les sections sans
  étiquette ``mod-<slug>…``.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxRole

from .langue import typographique
from .messages import signaler, suggestion
from .selection import docname, modules_sur_disque, slug_de, titre_module, titre_traduit


def noeud_module(slug: str, env: BuildEnvironment, texte: str | None = None) -> nodes.Node:
    """Nœud pour un module : référence s'il est construit, titre en italique sinon."""
    doc = docname(slug)
    if doc in env.found_docs:
        # Le titre sert aussi de texte quand le lien ne peut pas se faire : dans la fiche PDF
        # d'un module, les autres modules sont dans d'autres documents LaTeX.
        ref = addnodes.pending_xref(
            "", nodes.inline("", texte or typographique(
                titre_traduit(env.srcdir, env.config.language, slug))),
            refdomain="std", reftype="ref",
            reftarget=f"mod-{slug}", refexplicit=bool(texte), refwarn=True,
            refdoc=env.docname, pp_module_lie=True)
        return ref
    return nodes.emphasis("", texte or titre_traduit(env.srcdir, env.config.language, slug),
                          classes=["pp-module-absent"])


def lien_ecrit(app: Sphinx, depuis: str, slug: str, env: BuildEnvironment) -> nodes.Node:
    """Lien vers un module pour une page générée à l'écriture (catalogue, déroulé) ;
    texte seul dans un PDF à part qui ne contient pas ce module."""
    doc = docname(slug)
    texte = env.titles[doc].astext() if doc in env.titles else titre_traduit(env.srcdir, env.config.language, slug)
    try:
        uri = app.builder.get_relative_uri(depuis, doc)
    except Exception:  # noqa: BLE001  (LaTeX : document absent de ce PDF)
        return nodes.Text(texte)
    return nodes.reference("", texte, internal=True, refuri=uri)


class ModuleLie(SphinxRole):
    """``:module-lie:`slug``` ou ``:module-lie:`texte <slug>```."""

    def run(self):
        m = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", self.text)
        texte, slug = (m.group(1) or None, m.group(2).strip()) if m else (None, self.text.strip())
        connus = modules_sur_disque(self.env.srcdir)
        if slug not in connus:
            signaler(f"module inconnu « {slug} » dans :module-lie:.{suggestion(slug, connus)} "
                     f"Modules existants : {', '.join(connus)}.", self.get_location(), "lien")
            return [nodes.inline(text=texte or slug)], []
        noeud = noeud_module(slug, self.env, texte)
        self.set_source_info(noeud)
        return [noeud], []


def module_vise(cible: str, connus: list[str]) -> str | None:
    """Le module visé par une étiquette ``mod-<slug>[-…]``, ou None."""
    candidats = [s for s in connus if cible == f"mod-{s}" or cible.startswith(f"mod-{s}-")]
    return max(candidats, key=len) if candidats else None


def verifier_module(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : liens directs interdits, étiquettes obligatoires."""
    env = app.env
    doc = env.docname
    slug = slug_de(doc)
    if slug is None:
        return
    connus = modules_sur_disque(env.srcdir)
    correction = ("Un module doit rester autonome : remplacez ce lien par "
                  ":module-lie:`{0}`, qui devient un lien quand « {0} » est construit "
                  "avec lui et un simple titre sinon.")
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("pp_module_lie"):
            continue
        cible = ref.get("reftarget", "")
        vise = None
        if ref.get("reftype") in {"ref", "numref"}:
            vise = module_vise(cible, connus)
        elif ref.get("reftype") == "doc":
            vise = slug_de(docname_join(doc, cible))
        if vise and vise != slug:
            signaler(f"lien direct vers le module « {vise} » ({ref.get('reftype')} « {cible} »). "
                     + correction.format(vise), (doc, ref.line), "lien")
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        m = re.search(r"(?:^|/)modules/([a-z0-9-]+)/", uri)
        autre = m.group(1) if m else None
        if not autre and uri.startswith("../") and "://" not in uri:
            m = re.match(r"\.\./([a-z0-9-]+)/", uri)
            autre = m.group(1) if m and m.group(1) in connus else None
        if autre and autre != slug:
            signaler(f"lien direct vers le module « {autre} » (adresse « {uri} »). "
                     + correction.format(autre), (doc, ref.line), "lien")
    premier = True
    for section in doctree.findall(nodes.section):
        attendu = f"mod-{slug}" if premier else f"mod-{slug}-"
        ids = section.get("ids", [])
        ok = (attendu in ids) if premier else any(i.startswith(attendu) for i in ids)
        if not ok:
            titre = section[0].astext() if section.children else "?"
            exemple = attendu if premier else f"{attendu}{re.sub(r'[^a-z0-9]+', '-', titre.lower()).strip('-')}"
            signaler(f"la section « {titre} » n'a pas d'étiquette {attendu}… : ajoutez "
                     f"« .. _{exemple}: » (suivi d'une ligne vide) juste au-dessus de son titre.",
                     (doc, section.line or (section[0].line if section.children else None)),
                     "etiquette")
        premier = False


def setup(app: Sphinx) -> None:
    app.add_role("module-lie", ModuleLie())
    app.connect("doctree-read", verifier_module)
