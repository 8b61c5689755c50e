"""Garde-fous des contributions : ce qu'un module n'a pas le droit d'inclure.

Un module ne lit aucun fichier hors de son dossier et de ``docs/`` (directives
``include``, ``literalinclude``, ``raw`` avec ``:file:``), ne va rien chercher
sur le réseau (``raw`` avec ``:url:``) et n'insère ni script ni iframe. La
vérification porte sur la source, avant toute lecture : rien n'est inclus.
Enfin, toute image du livre a un texte de remplacement (``:alt:``).
"""

from __future__ import annotations

import posixpath
import re

from docutils import nodes
from sphinx.application import Sphinx

from .messages import signaler
from .selection import slug_de

DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(raw|include|literalinclude)::\s*(.*)$")
OPTION = re.compile(r"^\s+:(file|url):\s*(.*)$")
BALISE = re.compile(r"<\s*(script|iframe)\b", re.IGNORECASE)


def problemes(doc: str, texte: str) -> list[tuple[int, str]]:
    """(ligne, message) de chaque inclusion interdite dans la source d'un module."""
    slug = slug_de(doc)
    if slug is None:
        return []
    permis = (f"modules/{slug}/", "docs/")
    trouves: list[tuple[int, str]] = []

    def verifier_chemin(ligne: int, chemin: str, directive: str) -> None:
        cible = chemin.strip()
        cible = cible[1:] if cible.startswith("/") else posixpath.join(f"modules/{slug}", cible)
        cible = posixpath.normpath(cible)
        if not cible.startswith(permis):
            trouves.append((ligne, f"« {directive} » lit « {chemin.strip()} », hors du dossier du "
                            f"module : un module n'inclut que des fichiers de modules/{slug}/ "
                            "ou de docs/. Copiez le contenu dans le module ou placez le "
                            "fichier dans son dossier."))

    lignes = texte.splitlines()
    for numero, ligne in enumerate(lignes, 1):
        if BALISE.search(ligne):
            trouves.append((numero, "script ou iframe interdit dans un module : le livre doit "
                            "se lire sans JavaScript ni contenu extérieur. Retirez la balise."))
        m = DIRECTIVE.match(ligne)
        if not m:
            continue
        retrait, directive, argument = m.groups()
        if directive in {"include", "literalinclude"}:
            verifier_chemin(numero, argument, directive)
            continue
        for suite in lignes[numero:]:
            if suite.strip() and len(suite) - len(suite.lstrip()) <= len(retrait):
                break
            o = OPTION.match(suite)
            if o and o.group(1) == "url":
                trouves.append((numero, "« raw » avec « :url: » interdit : un module ne va rien "
                                "chercher sur le réseau. Écrivez le contenu dans le module."))
            elif o:
                verifier_chemin(numero, o.group(2), "raw")
    return trouves


def verifier_source(app: Sphinx, doc: str, source: list[str]) -> None:
    """``source-read`` : signale puis neutralise les inclusions interdites."""
    trouves = problemes(doc, source[0])
    if not trouves:
        return
    lignes = source[0].splitlines()
    for numero, message in trouves:
        signaler(message, (doc, numero), "garde")
        lignes[numero - 1] = ".. " + lignes[numero - 1].lstrip(". ")  # devient un commentaire
    source[0] = "\n".join(lignes)


def verifier_images(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : toute image a un texte de remplacement (celui d'une figure de
    données, écrit à partir des données, est posé à l'écriture : ``pp_alt``)."""
    for image in doctree.findall(nodes.image):
        if not (image.get("alt", "") or image.get("pp_alt", "")).strip():
            signaler(f"image « {image.get('uri', '?')} » sans texte de remplacement : ajoutez "
                     "l'option « :alt: » qui dit en mots ce que montre l'image.",
                     (app.env.docname, image.line or getattr(image.parent, "line", None)),
                     "image")


def setup(app: Sphinx) -> None:
    app.connect("source-read", verifier_source)
    app.connect("doctree-read", verifier_images)
