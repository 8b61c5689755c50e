"""Messages d'erreur en français, avec fichier, ligne et correction.

Trois mécanismes :

- :func:`signaler` pour les erreurs du projet (une ligne ``fichier:ligne:``
  suivie du problème et de la correction) ;
- :class:`TraductionBibtex`, un filtre de journalisation qui traduit en
  français les avertissements de sphinxcontrib-bibtex que les
  contributeur·rices rencontrent (clé de citation inconnue, fichier illisible) ;
- :class:`AvertissementsAdmis`, la liste des avertissements inévitables (vide
  tant qu'aucun ne l'est), avec sa raison ; une entrée qui ne sert plus échoue.
"""

from __future__ import annotations

import difflib
import logging
import re
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


#: Fichier des avertissements admis (un par ligne : constructeurs | motif | raison).
ADMIS = "avertissements-admis.txt"


class AvertissementsAdmis(logging.Filter):
    """Écarte les avertissements inévitables listés dans ``avertissements-admis.txt``.

    Chaque ligne : ``constructeurs | expression régulière | raison`` (``*`` pour
    tous les constructeurs). Une ligne qui ne sert plus fait échouer la
    construction : la liste ne garde que ce qui est vraiment inévitable.
    """

    def __init__(self, chemin: Path, constructeur: str) -> None:
        super().__init__()
        self.chemin = chemin
        self.entrees: list[tuple[int, re.Pattern, str]] = []
        self.erreurs: list[tuple[str, str]] = []
        self.utilisees: set[int] = set()
        if not chemin.is_file():
            return
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1):
            if not ligne.strip() or ligne.lstrip().startswith("#"):
                continue
            parties = [p.strip() for p in ligne.split(" | ")]
            if len(parties) != 3 or not all(parties):
                self.erreurs.append((f"ligne mal formée : écrivez « constructeurs | motif | "
                                     "raison », par exemple « latex | texte du message | "
                                     "pourquoi on ne peut pas l'éviter ».", f"{chemin.name}:{numero}"))
                continue
            constructeurs, motif, _raison = parties
            if constructeurs != "*" and constructeur not in constructeurs.split(","):
                continue
            try:
                self.entrees.append((numero, re.compile(motif), constructeurs))
            except re.error as exc:
                self.erreurs.append((f"motif invalide ({exc}) : corrigez l'expression régulière.",
                                     f"{chemin.name}:{numero}"))

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not self.entrees:
            return True
        message = record.getMessage()
        for numero, motif, _ in self.entrees:
            if motif.search(message):
                self.utilisees.add(numero)
                record.pp_admis = True
                return False
        return True

    def inutilisees(self) -> list[tuple[str, str]]:
        return [(f"avertissement admis qui n'apparaît plus : retirez cette ligne de "
                 f"{self.chemin.name}.", f"{self.chemin.name}:{numero}")
                for numero, _, _ in self.entrees if numero not in self.utilisees]


def installer_admis(app: Sphinx) -> None:
    """``builder-inited`` : place le filtre devant ceux de Sphinx (avant le comptage)."""
    filtre = AvertissementsAdmis(Path(app.confdir) / ADMIS, app.builder.name)
    app.pp_admis = filtre
    for gestionnaire in logging.getLogger("sphinx").handlers:
        if gestionnaire is not app.pp_compteur:
            gestionnaire.filters.insert(0, filtre)
    for message, lieu in filtre.erreurs:
        signaler(message, lieu, "admis")


def verifier_admis(app: Sphinx, exception) -> None:
    filtre = getattr(app, "pp_admis", None)
    if filtre is None:
        return
    if exception is None:
        for message, lieu in filtre.inutilisees():
            signaler(message, lieu, "admis")
    for gestionnaire in logging.getLogger("sphinx").handlers:
        if filtre in gestionnaire.filters:
            gestionnaire.removeFilter(filtre)


class CompteurAvertissements(logging.Handler):
    """Compte les avertissements et erreurs d'une construction."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.total = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, "pp_admis", False):
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
    app.connect("builder-inited", installer_admis, priority=50)
    app.connect("build-finished", verifier_admis, priority=100)
    app.connect("build-finished", oublier_si_echec)
    for nom in ("foot_roles", "roles", "bibfile", "domain"):
        journal = logging.getLogger(f"sphinx.sphinxcontrib.bibtex.{nom}")
        if traduction_bibtex not in journal.filters:
            journal.addFilter(traduction_bibtex)
