"""Directives pédagogiques : ``question``, ``activite`` et ``note-animation``.

Elles produisent des nœuds docutils standard (admonitions, listes de champs),
rendus par tous les constructeurs (HTML, ePub, LaTeX), et gardent dans
l'environnement de quoi les rassembler plus tard (banque de questions,
déroulé). ``note-animation`` est placée dans un nœud ``only`` : elle disparaît
des fiches participant·es construites avec ``-t participant``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .fiche import ChampInvalide, _ToutesOptions, duree_lisible, entier_minutes
from .messages import signaler, suggestion

#: Moments d'une question : valeur de ``:moment:`` → libellé affiché.
MOMENTS = {"avant": "Avant le film", "après": "Après le film", "débat": "Débat"}
#: Écritures sans accent acceptées.
ALIAS = {"apres": "après", "debat": "débat"}
#: Expression ``only`` des notes réservées à l'animation.
POUR_ANIMATION = "not participant"


def moment(texte: str) -> str:
    valeur = (texte or "").strip().lower()
    valeur = ALIAS.get(valeur, valeur)
    if valeur not in MOMENTS:
        raise ChampInvalide(
            f"« {texte.strip()} » n'est pas un moment.{suggestion(valeur, MOMENTS)} "
            f"Valeurs possibles : {', '.join(MOMENTS)}")
    return valeur


class _Pedagogique(SphinxDirective):
    has_content = True
    option_spec = _ToutesOptions()
    champs: dict = {}
    nom = ""
    sous_type = ""

    def lire_options(self) -> dict | None:
        lieu = self.get_location()
        resultat: dict = {}
        valide = True
        for nom in self.options:
            if nom not in self.champs:
                signaler(f"option « {nom} » inconnue pour {self.nom}.{suggestion(nom, self.champs)}"
                         f" Options possibles : {', '.join(self.champs)}.", lieu, self.sous_type)
                valide = False
        for nom, convertir in self.champs.items():
            if nom not in self.options:
                signaler(f"option « :{nom}: » manquante pour {self.nom} : ajoutez-la sous la "
                         "directive.", lieu, self.sous_type)
                valide = False
                continue
            try:
                resultat[nom] = convertir(self.options[nom])
            except ChampInvalide as exc:
                signaler(f"option « {nom} » invalide pour {self.nom} : {exc}.", lieu, self.sous_type)
                valide = False
        if not self.content:
            signaler(f"{self.nom} sans texte : écrivez son contenu, indenté sous la directive.",
                     lieu, self.sous_type)
            valide = False
        return resultat if valide else None

    def corps(self, classes: list[str], titre: str) -> nodes.admonition:
        boite = nodes.admonition("", classes=classes)
        self.set_source_info(boite)
        boite += nodes.title(text=titre)
        self.state.nested_parse(self.content, self.content_offset, boite)
        return boite


class Question(_Pedagogique):
    """``.. question::`` avec ``:moment: avant|après|débat``."""

    nom = "la question"
    sous_type = "question"
    champs = {"moment": moment}

    def run(self) -> list[nodes.Node]:
        options = self.lire_options()
        if options is None:
            return []
        m = options["moment"]
        boite = self.corps(["pp-question", f"pp-moment-{m}"], f"Question · {MOMENTS[m].lower()}")
        texte = " ".join(
            p.astext() for p in boite.children[1:] if isinstance(p, nodes.paragraph))
        self.env.pp_questions.setdefault(self.env.docname, []).append(
            {"moment": m, "texte": texte, "ligne": self.lineno})
        return [boite]


def materiel(texte: str) -> str:
    if not (texte or "").strip():
        raise ChampInvalide("indiquez le matériel nécessaire, ou « aucun »")
    return texte.strip()


class Activite(_Pedagogique):
    """``.. activite:: Titre`` avec ``:durée:`` et ``:matériel:``."""

    nom = "l'activité"
    sous_type = "activite"
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    champs = {"durée": entier_minutes, "matériel": materiel}

    def run(self) -> list[nodes.Node]:
        options = self.lire_options()
        titre = self.arguments[0].strip() if self.arguments else ""
        if not titre:
            signaler("activité sans titre : écrivez-le après la directive, par exemple "
                     "« .. activite:: Débat mouvant ».", self.get_location(), self.sous_type)
            return []
        if options is None:
            return []
        boite = self.corps(["pp-activite"],
                           f"Activité · {titre} ({duree_lisible(options['durée'])})")
        infos = nodes.field_list(classes=["pp-activite-infos"])
        for libelle, valeur in (("Durée", duree_lisible(options["durée"])),
                                ("Matériel", options["matériel"])):
            infos += nodes.field("", nodes.field_name(text=libelle),
                                 nodes.field_body("", nodes.paragraph(text=valeur)))
        boite.insert(1, infos)
        self.env.pp_activites.setdefault(self.env.docname, []).append(
            {"titre": titre, "durée": options["durée"], "matériel": options["matériel"],
             "ligne": self.lineno})
        return [boite]


class NoteAnimation(SphinxDirective):
    """``.. note-animation::`` : réservé à l'animateur·rice."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        if not self.content:
            signaler("note-animation sans texte : écrivez la note, indentée sous la directive.",
                     self.get_location(), "note-animation")
            return []
        boite = nodes.admonition("", classes=["pp-note-animation"])
        self.set_source_info(boite)
        boite += nodes.title(text="Pour l'animateur·rice")
        self.state.nested_parse(self.content, self.content_offset, boite)
        reserve = addnodes.only(expr=POUR_ANIMATION)
        reserve += boite
        return [reserve]


def init_env(app: Sphinx, env: BuildEnvironment, *args) -> None:
    for attribut in ("pp_questions", "pp_activites"):
        if not hasattr(env, attribut):
            setattr(env, attribut, {})


def purger(app: Sphinx, env: BuildEnvironment, doc: str) -> None:
    init_env(app, env)
    env.pp_questions.pop(doc, None)
    env.pp_activites.pop(doc, None)


def fusionner(app: Sphinx, env: BuildEnvironment, docs, autre: BuildEnvironment) -> None:
    init_env(app, env)
    for attribut in ("pp_questions", "pp_activites"):
        getattr(env, attribut).update(getattr(autre, attribut, {}))


def setup(app: Sphinx) -> None:
    app.add_directive("question", Question)
    app.add_directive("activite", Activite)
    app.add_directive("note-animation", NoteAnimation)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purger)
    app.connect("env-merge-info", fusionner)
