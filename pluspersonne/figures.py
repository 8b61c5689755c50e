"""Figures générées à partir des données du dépôt (dossier ``donnees/``).

La directive ``figure-donnees`` lit un fichier YAML de ``donnees/``, le valide
(erreurs en français avec fichier et ligne), puis dessine la figure avec
Matplotlib, en SVG pour le site et l'ePub et en PDF vectoriel pour LaTeX :

.. code-block:: rst

   .. figure-donnees:: chronologie
      :evenements: vote, publication, recours, arret

      Légende de la figure (la source est ajoutée d'office).

Quatre figures : ``chronologie`` (frise, ``donnees/chronologie.yml``),
``niveaux`` (les trois niveaux d'inégalités numériques), ``barometre``
(vulnérabilité numérique par édition du baromètre) et ``non-recours-fraude``.
Chaque figure est en niveaux de gris, avec hachures et valeurs écrites (rien ne
repose sur la couleur seule) ; son texte alternatif est écrit à partir des mêmes
données ; les mêmes données donnent les mêmes octets (pas de date dans les
fichiers, identifiants SVG fixés). Les fichiers sont écrits dans
``<dossier de construction>/figures``, sous un nom qui dépend des données : ils
ne sont redessinés que si les données ou le code de dessin changent.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .langue import _, traduire_donnee
from .messages import signaler, suggestion
from .selection import YamlInvalide, lire_yaml

DOSSIER = "donnees"
MOIS = [_("janvier"), _("février"), _("mars"), _("avril"), _("mai"), _("juin"), _("juillet"),
        _("août"), _("septembre"), _("octobre"), _("novembre"), _("décembre")]
GRIS = ["#f2f2f2", "#bdbdbd", "#737373", "#252525"]
HACHURES = ["", "///", "xx", "..."]


class DonneesInvalides(YamlInvalide):
    """Erreur dans un fichier de données : message et lieu (``fichier:ligne``)."""


# -- Lecture : YAML avec numéros de ligne ------------------------------------------------

@dataclass
class Element:
    """Un élément d'une liste de données, avec la ligne de chacun de ses champs."""

    valeurs: dict
    ligne: int
    lignes: dict = field(default_factory=dict)

    def lieu(self, fichier: str, cle: str | None = None) -> str:
        return f"{fichier}:{self.lignes.get(cle, self.ligne)}"


def lire_liste(chemin: Path, relatif: str, cle: str) -> tuple[dict, list[Element]]:
    """Lit ``chemin`` (un dictionnaire YAML) et la liste rangée sous ``cle``."""
    if not chemin.is_file():
        raise DonneesInvalides(f"fichier de données introuvable : {relatif}. Créez-le (le "
                               "format est décrit dans docs/contribuer.rst).", f"{relatif}:1")
    racine, valeurs = lire_yaml(chemin, relatif)
    if not isinstance(racine, yaml.MappingNode) or not isinstance(valeurs, dict):
        raise DonneesInvalides(f"le fichier doit être un dictionnaire avec une liste « {cle} ».",
                               f"{relatif}:1")
    noeuds = {k.value: n for k, n in racine.value}
    liste = noeuds.get(cle)
    if not isinstance(liste, yaml.SequenceNode) or not liste.value:
        raise DonneesInvalides(f"la liste « {cle} » est absente ou vide : ajoutez au moins un "
                               f"élément (« - … »).", f"{relatif}:1")
    elements = []
    for noeud, valeur in zip(liste.value, valeurs[cle]):
        if not isinstance(noeud, yaml.MappingNode) or not isinstance(valeur, dict):
            raise DonneesInvalides(f"chaque élément de « {cle} » est un dictionnaire "
                                   "(« - champ: valeur »).", f"{relatif}:{noeud.start_mark.line + 1}")
        elements.append(Element(valeur, noeud.start_mark.line + 1,
                                {k.value: k.start_mark.line + 1 for k, _ in noeud.value}))
    return valeurs, elements


def cles_bibliographiques(racine: Path) -> set[str]:
    texte = (racine / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", texte, re.MULTILINE))


class Validateur:
    """Contrôles communs des champs d'un élément ; les erreurs portent fichier et ligne."""

    def __init__(self, relatif: str, cles: set[str]):
        self.relatif, self.cles = relatif, cles

    def texte(self, element: Element, champ: str, exemple: str) -> str:
        valeur = element.valeurs.get(champ)
        if not isinstance(valeur, str) or not valeur.strip():
            raise DonneesInvalides(f"champ « {champ} » manquant ou vide : ajoutez par exemple "
                                   f"« {champ}: {exemple} ».", element.lieu(self.relatif, champ))
        return valeur.strip()

    def source(self, element: Element, champ: str = "source") -> str:
        cle = self.texte(element, champ, "zintv2025plus")
        if cle not in self.cles:
            raise DonneesInvalides(f"source inconnue « {cle} » : ce n'est pas une clé de "
                                   f"references.bib.{suggestion(cle, sorted(self.cles))}",
                                   element.lieu(self.relatif, champ))
        return cle

    def pourcentage(self, element: Element, champ: str, facultatif: bool = False):
        valeur = element.valeurs.get(champ)
        if valeur is None and facultatif:
            return None
        if isinstance(valeur, bool) or not isinstance(valeur, (int, float)) \
                or not 0 <= valeur <= 100:
            raise DonneesInvalides(f"valeur invalide « {valeur} » pour « {champ} » : indiquez un "
                                   "pourcentage entre 0 et 100, sans le signe %, par exemple "
                                   f"« {champ}: 40 ».", element.lieu(self.relatif, champ))
        return valeur

    def inconnus(self, element: Element, attendus: tuple[str, ...]) -> None:
        for champ in element.valeurs:
            if champ not in attendus:
                raise DonneesInvalides(
                    f"champ inconnu « {champ} ».{suggestion(str(champ), attendus)} Champs "
                    f"possibles : {', '.join(attendus)}.", element.lieu(self.relatif, champ))


# -- Les quatre figures : données validées, texte alternatif, dessin ----------------------

def date_lisible(date: str) -> str:
    morceaux = [int(m) for m in date.split("-")]
    if len(morceaux) == 1:
        return str(morceaux[0])
    if len(morceaux) == 2:
        return f"{MOIS[morceaux[1] - 1]} {morceaux[0]}"
    jour = str(_("1er")) if morceaux[2] == 1 else str(morceaux[2])
    return f"{jour} {MOIS[morceaux[1] - 1]} {morceaux[0]}"


def lire_date(element: Element, validateur: Validateur) -> str:
    valeur = element.valeurs.get("date")
    texte = str(valeur) if valeur is not None else ""
    correct = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", texte)
    if correct and correct.group(2) and not 1 <= int(correct.group(2)) <= 12:
        correct = None
    if correct and correct.group(3) and not 1 <= int(correct.group(3)) <= 31:
        correct = None
    if not correct:
        raise DonneesInvalides(
            (f"date invalide « {texte} »" if texte else "date absente") + " : écrivez AAAA, "
            "AAAA-MM ou AAAA-MM-JJ entre guillemets, par exemple « date: \"2024-01-12\" ».",
            element.lieu(validateur.relatif, "date"))
    return texte


def pourcent(valeur) -> str:
    """« 46 % », « 4,5 % » (virgule décimale, espace insécable)."""
    return str(_("{valeur}\u00a0%")).format(valeur=f"{valeur:g}".replace(".", ","))


def fourchette(chiffre: dict) -> str:
    """« 60 % » ou « 40 à 50 % » selon que le chiffre a un haut de fourchette."""
    if chiffre["a"] is None:
        return pourcent(chiffre["de"])
    return str(_("{de} à {a}")).format(de=f"{chiffre['de']:g}".replace(".", ","),
                                       a=pourcent(chiffre["a"]))


class Figure:
    """Une sorte de figure : son fichier de données et ses trois opérations."""

    nom = ""
    fichier = ""

    def lire(self, racine: Path, options: dict) -> dict:
        raise NotImplementedError

    def ouvrir(self, racine: Path, cle: str) -> tuple[dict, list[Element], Validateur]:
        """Le fichier de données de la figure : valeurs, éléments de la liste ``cle``, et
        un validateur qui connaît les clés de references.bib."""
        relatif = f"{DOSSIER}/{self.fichier}"
        valeurs, elements = lire_liste(racine / relatif, relatif, cle)
        return valeurs, elements, Validateur(relatif, cles_bibliographiques(racine))

    def alternative(self, donnees: dict) -> str:
        raise NotImplementedError

    def dessiner(self, donnees: dict, etiquettes: dict[str, str]):
        raise NotImplementedError


class Chronologie(Figure):
    nom, fichier = "chronologie", "chronologie.yml"
    champs = ("id", "date", "quand", "evenement", "source")

    def lire(self, racine: Path, options: dict) -> dict:
        _, elements, v = self.ouvrir(racine, "evenements")
        relatif = v.relatif
        evenements, annee_precedente = [], 0
        for element in elements:
            v.inconnus(element, self.champs)
            ident = v.texte(element, "id", "vote")
            date = lire_date(element, v)
            if int(date[:4]) < annee_precedente:
                raise DonneesInvalides(f"l'événement « {ident} » ({date}) est plus ancien que le "
                                       "précédent : gardez les événements dans l'ordre des dates.",
                                       element.lieu(relatif, "date"))
            annee_precedente = int(date[:4])
            quand = element.valeurs.get("quand")
            evenements.append({"id": ident, "date": date,
                               "quand": (traduire_donnee(str(quand).strip()) if quand
                                         else date_lisible(date)),
                               "evenement": traduire_donnee(
                                   v.texte(element, "evenement", "Vote de l'ordonnance.")),
                               "source": v.source(element)})
        choisis = options.get("evenements")
        if choisis:
            connus = [e["id"] for e in evenements]
            for ident in choisis:
                if ident not in connus:
                    raise DonneesInvalides(f"événement inconnu « {ident} » dans l'option "
                                           f":evenements:.{suggestion(ident, connus)}",
                                           "option")
            evenements = [e for e in evenements if e["id"] in choisis]
        return {"evenements": evenements}

    def alternative(self, donnees: dict) -> str:
        liste = donnees["evenements"]
        debut, fin = liste[0]["date"][:4], liste[-1]["date"][:4]
        periode = (str(_("en {annee}")).format(annee=debut) if debut == fin
                   else str(_("de {debut} à {fin}")).format(debut=debut, fin=fin))
        return (str(_("Frise chronologique, {n} événements {periode}\u00a0: ")).format(
            n=len(liste), periode=periode)
                + str(_("\u00a0; ")).join(f"{e['quand']}, {e['evenement'].rstrip('.')}"
                                         for e in liste) + ".")

    def dessiner(self, donnees: dict, etiquettes: dict[str, str]):
        from matplotlib.figure import Figure as FigureMpl

        # Une unité verticale = une ligne de texte : chaque ligne est un texte à part,
        # pour un espacement identique quelle que soit la police du lecteur.
        rangees = [(e, textwrap.wrap(e["evenement"], 44),
                    str(_("Source\u00a0: {source}")).format(source=etiquettes[e["source"]]))
                   for e in donnees["evenements"]]
        total = sum(len(texte) + 1.9 for _, texte, _ in rangees)
        figure = FigureMpl(figsize=(5.2, 0.2 * total + 0.2))
        axe = figure.add_axes((0, 0, 1, 1))
        axe.set_xlim(0, 10)
        axe.set_ylim(total, -0.5)
        axe.axis("off")
        axe.plot([3.1, 3.1], [0.5, total - len(rangees[-1][1]) - 1.4], color=GRIS[3],
                 linewidth=1.2)
        y = 0.5
        for e, texte, source in rangees:
            axe.plot([3.1], [y], marker="o", markersize=6, color=GRIS[3])
            axe.text(2.8, y, e["quand"], ha="right", va="center", fontsize=8.5,
                     fontweight="bold")
            for numero, ligne in enumerate(texte):
                axe.text(3.4, y + numero, ligne, ha="left", va="center", fontsize=8.5)
            axe.text(3.4, y + len(texte), source, ha="left", va="center", fontsize=7,
                     style="italic", color=GRIS[3])
            y += len(texte) + 1.9
        return figure


class Niveaux(Figure):
    nom, fichier = "niveaux", "niveaux.yml"

    def lire(self, racine: Path, options: dict) -> dict:
        valeurs, elements, v = self.ouvrir(racine, "niveaux")
        relatif = v.relatif
        if len(elements) != 3:
            raise DonneesInvalides(f"il faut exactement trois niveaux, le fichier en donne "
                                   f"{len(elements)}.", f"{relatif}:{elements[0].ligne}")
        niveaux = []
        for element in elements:
            v.inconnus(element, ("nom", "detail", "source"))
            niveaux.append({"nom": traduire_donnee(v.texte(element, "nom", "Accès")),
                            "detail": traduire_donnee(v.texte(element, "detail",
                                                              "matériel et connexion")),
                            "source": v.source(element)})
        return {"niveaux": niveaux,
                "note": traduire_donnee(str(valeurs.get("note") or "").strip())}

    def alternative(self, donnees: dict) -> str:
        n = donnees["niveaux"]
        return (str(_("Schéma en trois marches, de bas en haut\u00a0: "))
                + str(_("\u00a0; ")).join(str(_("niveau {i}, {nom} ({detail})")).format(
                    i=i, nom=x["nom"].lower(), detail=x["detail"])
                             for i, x in enumerate(n, 1))
                + (f". {donnees['note']}" if donnees["note"] else "."))

    def dessiner(self, donnees: dict, etiquettes: dict[str, str]):
        from matplotlib.figure import Figure as FigureMpl
        from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

        figure = FigureMpl(figsize=(5.2, 3.1))
        axe = figure.add_axes((0, 0, 1, 1))
        axe.set_xlim(0, 10)
        axe.set_ylim(0, 6.2)
        axe.axis("off")
        for i, niveau in enumerate(donnees["niveaux"]):
            x, y = 0.2 + i * 3.2, 0.9 + i * 1.45
            axe.add_patch(FancyBboxPatch((x, y), 3.0, 1.25, boxstyle="round,pad=0.02,rounding_size=0.12",
                                         facecolor=GRIS[i], edgecolor=GRIS[3], hatch=HACHURES[i],
                                         linewidth=1.2))
            axe.text(x + 1.5, y + 0.86, f"{i + 1}. {niveau['nom']}", ha="center", va="center",
                     fontsize=10, fontweight="bold", color="black",
                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
            axe.text(x + 1.5, y + 0.36, "\n".join(textwrap.wrap(niveau["detail"], 26)),
                     ha="center", va="center", fontsize=7.5, color="black",
                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.2})
            if i:
                axe.add_patch(FancyArrowPatch((x - 1.6, y - 0.1), (x - 0.05, y + 0.55),
                                              arrowstyle="-|>", mutation_scale=12,
                                              color=GRIS[3], linewidth=1.2))
        if donnees["note"]:
            axe.text(0.2, 5.9, donnees["note"], ha="left", va="top", fontsize=8, style="italic")
        sources = dict.fromkeys(n["source"] for n in donnees["niveaux"])
        axe.text(0.2, 0.35, str(_("Source\u00a0: {source}")).format(
            source=str(_("\u00a0; ")).join(etiquettes[s] for s in sources)),
                 ha="left", va="center", fontsize=7, style="italic", color=GRIS[3])
        return figure


class Barometre(Figure):
    nom, fichier = "barometre", "barometre.yml"
    champs = ("edition", "donnees", "vulnerables", "non_utilisateurs", "competences_faibles",
              "source")

    def lire(self, racine: Path, options: dict) -> dict:
        valeurs, elements, v = self.ouvrir(racine, "editions")
        relatif = v.relatif
        editions = []
        for element in elements:
            v.inconnus(element, self.champs)
            edition = element.valeurs.get("edition")
            if not isinstance(edition, int) or not 1990 <= edition <= 2100:
                raise DonneesInvalides(f"édition invalide « {edition} » : indiquez l'année de "
                                       "l'édition, par exemple « edition: 2022 ».",
                                       element.lieu(relatif, "edition"))
            detail = (v.pourcentage(element, "non_utilisateurs", True),
                      v.pourcentage(element, "competences_faibles", True))
            total = v.pourcentage(element, "vulnerables")
            if all(d is not None for d in detail) and abs(sum(detail) - total) > 0.5:
                raise DonneesInvalides(f"édition {edition} : non_utilisateurs + "
                                       f"competences_faibles ({sum(detail)}) ne font pas "
                                       f"vulnerables ({total}). Corrigez l'une des valeurs.",
                                       element.lieu(relatif, "vulnerables"))
            editions.append({"edition": edition, "donnees": element.valeurs.get("donnees"),
                             "vulnerables": total, "non_utilisateurs": detail[0],
                             "competences_faibles": detail[1], "source": v.source(element)})
        return {"editions": editions,
                "population": traduire_donnee(str(valeurs.get("population") or "").strip())}

    def alternative(self, donnees: dict) -> str:
        morceaux = []
        for e in donnees["editions"]:
            texte = str(_("{pourcent} dans l’édition {edition}")).format(
                pourcent=pourcent(e["vulnerables"]), edition=e["edition"])
            if e["donnees"]:
                texte += str(_(" (données {annee})")).format(annee=e["donnees"])
            if e["non_utilisateurs"] is not None:
                texte += str(_(", dont {non} de non-utilisateur·rices et {faibles} aux compétences "
                               "faibles")).format(non=pourcent(e["non_utilisateurs"]),
                                                  faibles=pourcent(e["competences_faibles"]))
            morceaux.append(texte)
        population = f"({donnees['population']}) " if donnees["population"] else ""
        return (str(_("Diagramme en barres\u00a0: part de la population {population}en situation "
                      "de vulnérabilité numérique selon le Baromètre de l’inclusion "
                      "numérique\u00a0: ")).format(population=population)
                + str(_("\u00a0; ")).join(morceaux) + ".")

    def dessiner(self, donnees: dict, etiquettes: dict[str, str]):
        from matplotlib.figure import Figure as FigureMpl

        editions = donnees["editions"]
        figure = FigureMpl(figsize=(5.2, 3.4))
        axe = figure.add_axes((0.1, 0.27, 0.62, 0.63))
        positions = range(len(editions))
        for x, e in zip(positions, editions):
            if e["non_utilisateurs"] is None:
                axe.bar(x, e["vulnerables"], 0.6, color="white", edgecolor=GRIS[3], linewidth=1)
                axe.text(x, e["vulnerables"] / 2, str(_("détail\nnon repris")),
                         ha="center", va="center", fontsize=6.5, color=GRIS[3])
            else:
                axe.bar(x, e["non_utilisateurs"], 0.6, color=GRIS[2], hatch="xx",
                        edgecolor=GRIS[3], linewidth=1)
                axe.bar(x, e["competences_faibles"], 0.6, bottom=e["non_utilisateurs"],
                        color=GRIS[0], hatch="///", edgecolor=GRIS[3], linewidth=1)
                axe.text(x + 0.33, e["non_utilisateurs"] / 2, pourcent(e["non_utilisateurs"]),
                         ha="left", va="center", fontsize=7)
                axe.text(x, e["non_utilisateurs"] + e["competences_faibles"] / 2,
                         pourcent(e["competences_faibles"]), ha="center", va="center",
                         fontsize=7.5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            axe.text(x, e["vulnerables"] + 1.5, pourcent(e["vulnerables"]), ha="center",
                     va="bottom", fontsize=9, fontweight="bold")
        axe.set_xticks(list(positions), [str(_("{edition}\n(données {annee})")).format(
                                             edition=e["edition"], annee=e["donnees"])
                                         if e["donnees"] else str(e["edition"])
                                         for e in editions], fontsize=8)
        axe.set_ylim(0, 60)
        axe.set_ylabel(str(_("Part de la population (%)")), fontsize=8)
        axe.tick_params(axis="y", labelsize=7.5)
        for cote in ("top", "right"):
            axe.spines[cote].set_visible(False)
        from matplotlib.patches import Patch
        figure.legend(handles=[Patch(facecolor=GRIS[0], hatch="///", edgecolor=GRIS[3],
                                     label=str(_("compétences\nnumériques faibles"))),
                               Patch(facecolor=GRIS[2], hatch="xx", edgecolor=GRIS[3],
                                     label=str(_("non-utilisateur·rices\nd’internet")))],
                      loc="upper left", bbox_to_anchor=(0.73, 0.9), fontsize=7, frameon=False)
        sources = dict.fromkeys(e["source"] for e in editions)
        figure.text(0.02, 0.04, "\n".join(textwrap.wrap(
            str(_("Source\u00a0: {source}")).format(
                source=str(_("\u00a0; ")).join(etiquettes[s] for s in sources))
            + (str(_(". Population\u00a0: {population}.")).format(population=donnees["population"])
               if donnees["population"] else "."),
            90)), fontsize=6.5, style="italic", color=GRIS[3])
        return figure


class NonRecoursFraude(Figure):
    nom, fichier = "non-recours-fraude", "non-recours-fraude.yml"
    champs = ("mesure", "type", "de", "a", "precision", "source")

    def lire(self, racine: Path, options: dict) -> dict:
        valeurs, elements, v = self.ouvrir(racine, "chiffres")
        relatif = v.relatif
        chiffres = []
        for element in elements:
            v.inconnus(element, self.champs)
            genre = v.texte(element, "type", "non-recours")
            if genre not in ("non-recours", "fraude"):
                raise DonneesInvalides(f"type invalide « {genre} » : écrivez « non-recours » ou "
                                       "« fraude ».", element.lieu(relatif, "type"))
            de = v.pourcentage(element, "de")
            a = v.pourcentage(element, "a", True)
            if a is not None and a < de:
                raise DonneesInvalides(f"fourchette inversée ({de} à {a}) : « a » doit être plus "
                                       "grand que « de ».", element.lieu(relatif, "a"))
            chiffres.append({"mesure": traduire_donnee(v.texte(
                                 element, "mesure", "Non-recours au revenu d'intégration")),
                             "type": genre, "de": de, "a": a,
                             "precision": traduire_donnee(
                                 str(element.valeurs.get("precision") or "").strip()),
                             "source": v.source(element)})
        return {"chiffres": chiffres}

    def alternative(self, donnees: dict) -> str:
        return (str(_("Diagramme en barres horizontales qui compare des estimations du "
                      "non-recours et de la fraude\u00a0: ")) + str(_("\u00a0; ")).join(
                    f"{c['mesure']}, " + (str(_("de {fourchette}")).format(fourchette=fourchette(c))
                                         if c["a"] is not None else fourchette(c))
                    + (f" ({c['precision']})" if c["precision"] else "")
                    for c in donnees["chiffres"]) + ".")

    def dessiner(self, donnees: dict, etiquettes: dict[str, str]):
        from matplotlib.figure import Figure as FigureMpl

        chiffres = donnees["chiffres"]
        figure = FigureMpl(figsize=(5.2, 0.62 * len(chiffres) + 0.9))
        axe = figure.add_axes((0.05, 0.55 / (0.62 * len(chiffres) + 0.9) + 0.02, 0.9,
                               1 - 0.75 / (0.62 * len(chiffres) + 0.9)))
        axe.set_xlim(0, 100)
        axe.set_ylim(len(chiffres) - 0.4, -0.75)
        for y, c in enumerate(chiffres):
            fraude = c["type"] == "fraude"
            debut, fin = (c["de"], c["a"]) if c["a"] is not None else (0, c["de"])
            if c["a"] is not None:  # fourchette : la barre pleine jusqu'au bas de la fourchette
                axe.barh(y + 0.12, c["de"], 0.32, color=GRIS[2] if fraude else GRIS[1],
                         hatch="xx" if fraude else "///", edgecolor=GRIS[3])
            axe.barh(y + 0.12, fin - debut, 0.32, left=debut,
                     color=GRIS[2] if fraude else GRIS[1], hatch="xx" if fraude else "///",
                     edgecolor=GRIS[3], alpha=0.55 if c["a"] is not None else 1)
            axe.text(fin + 1.2, y + 0.12, fourchette(c), va="center", fontsize=8.5,
                     fontweight="bold")
            axe.text(0, y - 0.22, f"{c['mesure']} – {etiquettes[c['source']]}", va="bottom",
                     fontsize=7.5)
        axe.set_yticks([])
        axe.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", pourcent(100)], fontsize=7)
        for cote in ("top", "right", "left"):
            axe.spines[cote].set_visible(False)
        sources = dict.fromkeys(c["source"] for c in chiffres)
        figure.text(0.05, 0.02, str(_("Sources\u00a0: {sources}")).format(
                        sources=str(_("\u00a0; ")).join(etiquettes[s] for s in sources))
                    + str(_(".\nHachures obliques\u00a0: non-recours\u00a0; croisillons\u00a0: "
                            "fraude\u00a0; partie claire\u00a0: haut d’une fourchette.")),
                    fontsize=6.5, style="italic", color=GRIS[3], linespacing=1.4)
        return figure


SORTES: dict[str, Figure] = {f.nom: f for f in (Chronologie(), Niveaux(), Barometre(),
                                                 NonRecoursFraude())}


# -- Fichiers : mêmes données, mêmes octets ------------------------------------------------

def etiquette(entree) -> str:
    """« Auteur (année) » pour une entrée pybtex, dans la langue de l'édition."""
    from .bibliographie import nom_traduit

    personnes = entree.persons.get("author", [])
    noms = [nom_traduit(p) or " ".join(p.last_names).replace("{", "").replace("}", "")
            for p in personnes]
    if len(noms) > 2:
        auteur = str(_("{premier} et al.")).format(premier=noms[0])
    elif len(noms) == 2:
        auteur = str(_("{premier} et {second}")).format(premier=noms[0], second=noms[1])
    else:
        auteur = noms[0] if noms else str(_("Anonyme"))
    annee = entree.fields.get("year") or str(_("s. d."))
    return f"{auteur} ({annee})"


REGLAGES = {"svg.hashsalt": "pluspersonne", "svg.fonttype": "none", "pdf.fonttype": 42,
            "hatch.linewidth": 0.6, "font.family": "DejaVu Sans"}


def ecrire(sorte: Figure, donnees: dict, etiquettes: dict[str, str], chemin: Path) -> None:
    """Dessine la figure, en SVG et en PDF, sans date ni identifiant aléatoire.

    Les réglages valent pendant le dessin et l'écriture (les hachures gardent
    l'épaisseur en vigueur à leur création) ; l'écriture est atomique.
    """
    import matplotlib

    with matplotlib.rc_context(REGLAGES):
        figure = sorte.dessiner(donnees, etiquettes)
        for extension, metadonnees in (("svg", {"Date": None, "Creator": None}),
                                       ("pdf", {"CreationDate": None, "ModDate": None,
                                                "Creator": None, "Producer": None})):
            provisoire = chemin.with_name(f"{chemin.name}.{os.getpid()}.{extension}")
            figure.savefig(provisoire, format=extension, metadata=metadonnees)
            os.replace(provisoire, chemin.with_suffix(f".{extension}"))


def produire(app: Sphinx, sorte: Figure, donnees: dict, etiquettes: dict[str, str]) -> Path:
    """Chemin (sans extension) des fichiers de la figure, dessinés s'ils manquent."""
    code = Path(__file__).read_bytes()
    empreinte = hashlib.sha256(repr((sorte.nom, donnees, etiquettes)).encode() + code)
    # Les libellés dessinés (axes, légendes) viennent du catalogue du projet : sa
    # traduction change la figure.
    langue = app.config.language or "fr"
    catalogue = Path(app.srcdir) / "locale" / langue / "LC_MESSAGES" / "pluspersonne.po"
    empreinte.update(langue.encode())
    if langue != "fr" and catalogue.is_file():
        empreinte.update(catalogue.read_bytes())
    dossier = Path(app.doctreedir).parent / "figures"
    dossier.mkdir(parents=True, exist_ok=True)
    chemin = dossier / f"{sorte.nom}-{empreinte.hexdigest()[:16]}"
    if not (chemin.with_suffix(".svg").exists() and chemin.with_suffix(".pdf").exists()):
        ecrire(sorte, donnees, etiquettes, chemin)
    return chemin


class FigureDonnees(SphinxDirective):
    """``.. figure-donnees:: sorte`` : une figure dessinée à partir de ``donnees/``."""

    required_arguments = 1
    has_content = True
    option_spec = {"evenements": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        nom = self.arguments[0].strip()
        if nom not in SORTES:
            signaler(f"figure inconnue « {nom} ».{suggestion(nom, list(SORTES))} Figures "
                     f"possibles : {', '.join(SORTES)}.", self.get_location(), "figure")
            return []
        sorte = SORTES[nom]
        racine = Path(self.env.srcdir)
        self.env.note_dependency(str(racine / DOSSIER / sorte.fichier))
        options = {}
        if "evenements" in self.options:
            options["evenements"] = [e.strip() for e in self.options["evenements"].split(",")
                                     if e.strip()]
        try:
            donnees = sorte.lire(racine, options)
        except YamlInvalide as erreur:
            lieu = self.get_location() if erreur.lieu == "option" else erreur.lieu
            signaler(erreur.message, lieu, "donnees")
            return []
        sources = sources_de(donnees)
        etiquettes = {cle: etiquette(entrees_bib(racine / "references.bib")[cle])
                      for cle in sources}
        chemin = produire(self.env.app, sorte, donnees, etiquettes)
        relatif = os.path.relpath(chemin, Path(self.env.doc2path(self.env.docname)).parent)
        figure = nodes.figure(classes=["pp-figure"])
        # Le texte de remplacement vient des données, déjà traduites (catalogue donnees) :
        # il est posé à l'écriture, pour ne pas entrer une seconde fois, tel quel, dans le
        # catalogue de la page (Sphinx y extrait le texte de remplacement des images).
        figure += nodes.image(uri=f"{relatif}.*", pp_alt=sorte.alternative(donnees))
        # La légende, écrite dans le module, se traduit comme un paragraphe ; la phrase des
        # sources, produite ici, vient à part (légende de figure), hors des catalogues des
        # pages : ses appels de note ne dépendent pas d'une traduction.
        legende = " ".join(self.content).strip()
        if legende:
            caption = nodes.caption(legende, "", *self.analyser(legende))
            caption.source, caption.line = self.get_source_info()
            figure += caption
        texte = str(_("Sources\u00a0: ") if len(sources) > 1 else _("Source\u00a0: ")) \
            + str(_("\u00a0; ")).join(f"{etiquettes[cle]}\\ :footcite:`{cle}`"
                                     for cle in sources) + "."
        paragraphe = nodes.paragraph(texte, "", *self.analyser(texte))
        for noeud in paragraphe.findall(nodes.TextElement):
            noeud["translatable"] = False
        figure += nodes.legend("", paragraphe)
        self.set_source_info(figure)
        return [figure]

    def analyser(self, texte: str) -> list[nodes.Node]:
        """Le contenu d'une ligne de reST (rôles compris), sans son paragraphe."""
        conteneur = nodes.paragraph()
        self.state.nested_parse(StringList([texte], self.get_source_info()[0]),
                                self.content_offset, conteneur)
        return list(conteneur.children[0].children) if conteneur.children else []


def sources_de(donnees) -> list[str]:
    """Clés bibliographiques (champs ``source``) des données, dans l'ordre, sans doublon."""
    trouvees: dict[str, None] = {}
    if isinstance(donnees, dict):
        if isinstance(donnees.get("source"), str):
            trouvees[donnees["source"]] = None
        for valeur in donnees.values():
            trouvees.update(dict.fromkeys(sources_de(valeur)))
    elif isinstance(donnees, list):
        for valeur in donnees:
            trouvees.update(dict.fromkeys(sources_de(valeur)))
    return list(trouvees)


@functools.lru_cache(maxsize=4)
def _entrees(chemin: str, date: float):
    from pybtex.database import parse_file

    return parse_file(chemin).entries


def entrees_bib(chemin: Path):
    return _entrees(str(chemin), chemin.stat().st_mtime)


def poser_alternatives(app: Sphinx, doctree: nodes.document, doc: str) -> None:
    """``doctree-resolved`` : le texte de remplacement des figures de données."""
    for image in doctree.findall(nodes.image):
        if "pp_alt" in image:
            image["alt"] = image["pp_alt"]


def setup(app: Sphinx) -> None:
    app.add_directive("figure-donnees", FigureDonnees)
    app.connect("doctree-resolved", poser_alternatives)
