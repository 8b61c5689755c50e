"""Les catalogues du projet, à côté de ceux des pages (make gettext).

Usage : python outils/extraire.py DOSSIER_GETTEXT

Le constructeur « gettext » de Sphinx écrit un catalogue par page (et ``sphinx.pot``
pour les textes des gabarits). Ce script y ajoute les deux catalogues que Sphinx ne
voit pas :

- ``pluspersonne.pot`` : les textes que le code du projet produit (``_("…")`` dans
  ``pluspersonne/``, ``T("…")`` et ``N("…", "…", n)`` dans ``_static/seance-base.js``
  et ``_static/seance.js``) ;
- ``donnees.pot`` : les textes des données, qui ne sont pas du reST : champs descriptifs
  des figures (``donnees/*.yml``), noms des séquences du film (``conf.py``), titres,
  publics et textes des parcours (``curricula/*.yml``), auteurs collectifs et champs
  descriptifs de ``references.bib`` (note, howpublished, type, institution, publisher,
  address).

Comme pour les pages : ni emplacement (« #: ») ni date, pour qu'un catalogue ne change
que si un texte change. Chaque message dit en commentaire d'où il vient.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

#: Les scripts de séance dont les textes passent par T() et N() (voir
#: ``pluspersonne.composeur``) : le socle, puis le catalogue et le composeur.
SCRIPTS = ("_static/seance-base.js", "_static/seance.js")
#: Champs des fichiers de donnees/ dont le texte s'affiche (les autres sont des
#: identifiants, des dates, des nombres ou des clés bibliographiques).
CHAMPS_DONNEES = ("quand", "evenement", "nom", "detail", "note", "population", "mesure",
                  "precision")


def catalogue_vide():
    from babel.messages.catalog import Catalog

    return Catalog(project="« Plus personne », modules pédagogiques", version="",
                   copyright_holder="Les contributeur·rices du projet",
                   charset="utf-8", fuzzy=False)


def ecrire(catalogue, chemin: Path) -> None:
    from babel.messages.pofile import write_po

    # Sans date de création : le fichier ne change que si un message change.
    catalogue.creation_date = catalogue.revision_date = None
    with chemin.open("wb") as fichier:
        write_po(fichier, catalogue, width=0, omit_header=False, sort_output=False,
                 no_location=True)
    texte = chemin.read_text(encoding="utf-8").splitlines(keepends=True)
    chemin.write_text("".join(ligne for ligne in texte
                              if not ligne.startswith(('"POT-Creation-Date', '"PO-Revision-Date'))),
                      encoding="utf-8")


def textes_du_code() -> list[tuple[str, str, str | None]]:
    """(message, fichier, pluriel ou None) pour chaque texte du code du projet."""
    from babel.messages.extract import extract_from_file

    trouves = []
    for chemin in sorted((RACINE / "pluspersonne").glob("*.py")):
        for _ligne, message, _commentaires, _contexte in extract_from_file(
                "python", str(chemin), keywords={"_": None}):
            trouves.append((message, chemin.relative_to(RACINE).as_posix(), None))
    for script in SCRIPTS:
        for _ligne, message, _commentaires, _contexte in extract_from_file(
                "javascript", str(RACINE / script), keywords={"T": (1,), "N": (1, 2)}):
            if isinstance(message, tuple):
                for texte in message:
                    if texte:
                        trouves.append((texte, script, None))
            elif message:
                trouves.append((message, script, None))
    return trouves


def textes_des_donnees() -> list[tuple[str, str]]:
    """(texte, origine) de chaque texte affiché des données, des parcours et de la
    bibliographie."""
    import yaml
    from pybtex.database import parse_file

    from pluspersonne.bibliographie import DESCRIPTIFS, collectif
    from pluspersonne.selection import lire_parcours, modules_sur_disque

    trouves: list[tuple[str, str]] = []

    def parcourir(valeur, origine: str, champ: str | None = None) -> None:
        if isinstance(valeur, dict):
            for cle, sous in valeur.items():
                parcourir(sous, origine, str(cle))
        elif isinstance(valeur, list):
            for sous in valeur:
                parcourir(sous, origine, champ)
        elif isinstance(valeur, str) and champ in CHAMPS_DONNEES and valeur.strip():
            trouves.append((valeur.strip(), origine))

    for chemin in sorted((RACINE / "donnees").glob("*.yml")):
        parcourir(yaml.safe_load(chemin.read_text(encoding="utf-8")),
                  chemin.relative_to(RACINE).as_posix())

    os.environ["PP_TAAL"] = "fr"
    configuration: dict = {"__file__": str(RACINE / "conf.py"), "tags": _SansEtiquettes()}
    exec(compile((RACINE / "conf.py").read_text(encoding="utf-8"), "conf.py", "exec"),
         configuration)
    for sequence in configuration["pp_sequences"]:
        trouves.append((sequence, "conf.py (pp_sequences)"))
    trouves.append(("film entier", "champ « séquences » d'une fiche-module : tout le film"))

    connus = modules_sur_disque(RACINE)
    for chemin in sorted((RACINE / "curricula").glob("*.yml")):
        relatif = chemin.relative_to(RACINE).as_posix()
        parcours, _erreurs = lire_parcours(RACINE, relatif, connus)
        if parcours is None:
            continue
        textes = [parcours.titre, *parcours.public, parcours.introduction]
        for seance in parcours.seances:
            textes.append(seance.titre)
            textes += [e.texte for e in seance.elements]
        trouves += [(t.strip(), relatif) for t in textes if t and t.strip()]

    for cle, entree in parse_file(str(RACINE / "references.bib")).entries.items():
        for personne in entree.persons.get("author", []):
            if collectif(personne):
                trouves.append((collectif(personne), f"references.bib ({cle}, author)"))
        for champ in DESCRIPTIFS:
            texte = entree.fields.get(champ, "").strip()
            if texte:
                trouves.append((texte, f"references.bib ({cle}, {champ})"))
    return trouves


class _SansEtiquettes:
    """Les étiquettes de construction (``-t``) : aucune à l'extraction."""

    def has(self, _nom: str) -> bool:
        return False


def remplir(catalogue, textes) -> None:
    for message, origine in textes:
        existant = catalogue.get(message)
        if existant is None:
            catalogue.add(message, auto_comments=[origine])
        elif origine not in existant.auto_comments:
            existant.auto_comments.append(origine)


def main(arguments: list[str]) -> int:
    if len(arguments) != 1 or not Path(arguments[0]).is_dir():
        print("Usage : python outils/extraire.py DOSSIER_GETTEXT (le dossier écrit par "
              "« sphinx-build -b gettext », par exemple _build/gettext).", file=sys.stderr)
        return 2
    dossier = Path(arguments[0])
    code = catalogue_vide()
    remplir(code, [(m, f) for m, f, _pluriel in textes_du_code()])
    ecrire(code, dossier / "pluspersonne.pot")
    donnees = catalogue_vide()
    remplir(donnees, textes_des_donnees())
    ecrire(donnees, dossier / "donnees.pot")
    print(f"Catalogues du projet : {len(code)} textes du code (pluspersonne.pot), "
          f"{len(donnees)} textes des données (donnees.pot), dans {dossier}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
