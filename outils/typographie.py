"""Vérifie la typographie française des sources (.rst) : ``make typographie``.

Règles, pour le texte courant (le balisage reST, les rôles, les littéraux et
les adresses sont ignorés) :

- une espace insécable (U+00A0 ou U+202F) avant « ; », « : », « ! » et « ? » ;
- une espace insécable après « et avant » ;
- pas de guillemets droits ("…") : utiliser « … » ;
- une seule forme d'écriture inclusive, avec le point médian (travailleur·euses),
  jamais avec un point (travailleur.euse.s).

Usage : python outils/typographie.py [fichier ou dossier ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

INSECABLES = "\u00a0\u202f"
BALISAGE = [
    re.compile(r"``.*?``"),                                   # littéraux
    re.compile(r":[\w:-]+:`[^`]*`"),                           # rôles
    re.compile(r"`[^`]*`_{0,2}"),                              # liens, texte interprété
    re.compile(r"https?://\S+"),                               # adresses
    re.compile(r"\[\d+\]_|\|[^|]+\|"),                         # notes, substitutions
]
DIRECTIVE = re.compile(r"^\s*\.\.\s")
CHAMP = re.compile(r"^\s*:[^:\s][^:]*:(\s|$)")
SOULIGNE = re.compile(r"^\s*([=\-~^\"'`#*+])\1{2,}\s*$")
REGLES = [
    (re.compile(r"[\w»)\]] [;:!?](?=\s|$)"),
     "espace ordinaire avant « ; : ! ? » : utilisez une espace insécable (U+00A0)"),
    (re.compile(r"[^\W\d_][;!?](?=\s|$|[»)])"),
     "signe « ; ! ? » collé au mot : ajoutez une espace insécable (U+00A0) avant"),
    (re.compile(r"«(?![\u00a0\u202f])"), "« sans espace insécable après : écrivez «\u00a0texte"),
    (re.compile(r"(?<![\u00a0\u202f])»"), "» sans espace insécable avant : écrivez texte\u00a0»"),
    (re.compile(r'"'), "guillemets droits dans le texte : utilisez « … »"),
    (re.compile(r"\b\w+\.(?:e|es|euse|euses|rice|rices|ère|ères|ale|ales|ne|nes|le|les)"
                r"(?:\.s)?\b(?![.\w])"),
     "écriture inclusive avec un point : utilisez le point médian (travailleur·euses)"),
]


def prose(ligne: str) -> str:
    for motif in BALISAGE:
        ligne = motif.sub(" ", ligne)
    return ligne


def lignes_de_texte(texte: str):
    """(numéro, ligne) du texte courant : hors directives, options, blocs littéraux."""
    bloc: int | None = None  # retrait du bloc ignoré (directive ou littéral)
    for numero, ligne in enumerate(texte.splitlines(), 1):
        retrait = len(ligne) - len(ligne.lstrip())
        if bloc is not None:
            if ligne.strip() and retrait <= bloc:
                bloc = None
            else:
                continue
        if DIRECTIVE.match(ligne):
            nom = ligne.split("::")[0].strip(". ").strip()
            if nom in {"code-block", "code", "literalinclude", "raw", "math", "only"} or "::" not in ligne:
                bloc = retrait
            continue
        if CHAMP.match(ligne) or SOULIGNE.match(ligne):
            continue
        if ligne.rstrip().endswith("::"):
            yield numero, ligne.rstrip()[:-2]
            bloc = retrait
            continue
        yield numero, ligne


def verifier_texte(texte: str) -> list[tuple[int, str]]:
    fautes = []
    for numero, ligne in lignes_de_texte(texte):
        propre = prose(ligne)
        for motif, message in REGLES:
            if motif.search(propre):
                fautes.append((numero, message))
    return fautes


def fichiers(chemins: list[str]) -> list[Path]:
    trouves: list[Path] = []
    for chemin in map(Path, chemins):
        trouves += sorted(chemin.rglob("*.rst")) if chemin.is_dir() else [chemin]
    return trouves


def main(chemins: list[str]) -> int:
    total = 0
    for chemin in fichiers(chemins or ["modules", "docs", "index.rst"]):
        for numero, message in verifier_texte(chemin.read_text(encoding="utf-8")):
            print(f"{chemin}:{numero}: {message}")
            total += 1
    print(f"Typographie : {total} problème(s).")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
