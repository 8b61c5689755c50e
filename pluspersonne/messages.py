"""Messages d'erreur en français, avec fichier, ligne et correction.

Deux mécanismes :

- :func:`signaler` pour les erreurs du projet (une ligne ``fichier:ligne:``
  suivie du problème et de la correction) ;
- :class:`TraductionBibtex`, un filtre de journalisation qui traduit en
  français les avertissements de sphinxcontrib-bibtex que les
  contributeur·rices rencontrent (clé de citation inconnue, fichier illisible).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

logger = sphinx_logging.getLogger("pluspersonne")

#: Type des avertissements du projet (``[pluspersonne.<sous-type>]`` à la fin
#: de chaque message).
TYPE = "pluspersonne"


def suggestion(valeur: str, possibles: Iterable[str]) -> str:
    """Une phrase « Vouliez-vous dire … ? » si une valeur proche existe."""
    proches = difflib.get_close_matches(valeur, list(possibles), n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""


def signaler(message: str, location=None, sous_type: str = "erreur") -> None:
    """Signale une erreur du projet ; la construction échouera (``-W``).

    ``location`` : ``(docname, ligne)``, ``"fichier:ligne"`` ou None (jamais un
    nom de fichier seul, que Sphinx prendrait pour un document).
    """
    logger.error(message, location=location, type=TYPE, subtype=sous_type)


def arreter(messages: list[tuple[str, object]]) -> None:
    """Signale des erreurs bloquantes puis arrête Sphinx, sans trace Python."""
    for message, location in messages:
        signaler(message, location, "bloquant")
    logger.error(
        "construction arrêtée : corrigez les erreurs ci-dessus puis relancez.",
        type=TYPE, subtype="bloquant",
    )
    raise SystemExit(2)


class TraductionBibtex(logging.Filter):
    """Réécrit en français les messages de sphinxcontrib-bibtex."""

    def __init__(self) -> None:
        super().__init__()
        self.cles: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        sous_type = getattr(record, "subtype", None)
        if sous_type == "key_not_found":
            cle = str(record.msg).split('"')[1] if '"' in str(record.msg) else "?"
            record.msg = (
                f"clé de citation inconnue « {cle} » : aucune entrée de ce nom "
                f"dans references.bib.{suggestion(cle, self.cles)} Corrigez la clé "
                "dans le rôle :footcite: ou ajoutez la source à references.bib "
                "(convention : auteur, année, premier mot du titre, par exemple "
                "klein2008strategie)."
            )
            record.args = ()
        elif sous_type in {"bibfile_error", "bibfile_data_error"}:
            record.msg = (
                f"references.bib n'a pas pu être lu ({record.getMessage()}). "
                "Vérifiez que le fichier existe et que chaque clé n'y figure qu'une fois."
            )
            record.args = ()
        return True


traduction_bibtex = TraductionBibtex()


class CompteurAvertissements(logging.Handler):
    """Compte les avertissements et erreurs d'une construction."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.total = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.total += 1


def oublier_si_echec(app: Sphinx, exception) -> None:
    """``build-finished`` : après un avertissement, l'environnement est jeté.

    Sphinx ne relit que les documents modifiés : sans cela, une seconde
    construction passerait sans réafficher les erreurs de la première.
    """
    compteur = app.pp_compteur
    logging.getLogger("sphinx").removeHandler(compteur)
    if exception is not None or compteur.total:
        (Path(app.doctreedir) / "environment.pickle").unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    compteur = CompteurAvertissements()
    logging.getLogger("sphinx").addHandler(compteur)
    app.pp_compteur = compteur
    app.connect("build-finished", oublier_si_echec)
    for nom in ("foot_roles", "roles", "bibfile", "domain"):
        journal = logging.getLogger(f"sphinx.sphinxcontrib.bibtex.{nom}")
        if traduction_bibtex not in journal.filters:
            journal.addFilter(traduction_bibtex)
