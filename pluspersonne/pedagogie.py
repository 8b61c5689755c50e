"""Directives pédagogiques : ``question``, ``activite`` et ``note-animation``.

Elles produisent des nœuds docutils standard (admonitions, listes de champs),
rendus par tous les constructeurs (HTML, ePub, LaTeX), et gardent dans
l'environnement de quoi les rassembler plus tard (banque de questions,
déroulé, formats, liste « À préparer »). ``note-animation`` est placée dans un
nœud ``only`` : elle disparaît des fiches participant·es construites avec
``-t participant``.

Une question peut porter un ``:nom:`` et une activité en porte toujours un : les
étapes des formats (:mod:`.formats`) les désignent par ce nom. Le matériel d'une
activité est structuré, une ligne par élément (combien, pour qui, quoi), pour que
la construction calcule les quantités à préparer pour un groupe donné. Quand les
consignes d'une activité donnent leurs propres durées (« (10 min) »), leur somme
doit égaler la durée de l'activité.
"""

from __future__ import annotations

import re
from math import ceil

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .fiche import ChampInvalide, _ToutesOptions, duree_lisible, entier_minutes
from .langue import _, noeud_textes, textes_lus, typographique
from .messages import signaler, suggestion
from .selection import slug_de

#: Moments d'une question : valeur de ``:moment:`` → libellé affiché.
MOMENTS = {"avant": _("Avant le film"), "après": _("Après le film"), "débat": _("Débat")}
#: Le même moment dans le titre d'une question (« Question · avant le film »).
MOMENTS_TITRE = {"avant": _("Question · avant le film"), "après": _("Question · après le film"),
                 "débat": _("Question · débat")}
#: Écritures sans accent acceptées.
ALIAS = {"apres": "après", "debat": "débat"}
#: Expression ``only`` des notes réservées à l'animation.
POUR_ANIMATION = "not participant"
#: Forme d'un nom de question ou d'activité : minuscules, chiffres, tirets.
NOM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Pour qui compte une ligne de matériel : écriture acceptée → clé.
POUR_QUI = {"par participant·e": "participant", "par participant": "participant",
            "par personne": "participant", "par groupe": "groupe",
            "pour la salle": "salle"}
#: Durée annoncée dans une consigne : « (10 min) ».
DUREE_CONSIGNE = re.compile(r"\((\d+)\s*min(?:utes)?\)")


#: Faux pour le correcteur orthographique : il lit les apostrophes droites, comme Sphinx
#: les lui laisse dans le texte courant (il coupe « aujourd’hui » en deux mots).
_TYPOGRAPHIQUE = {"actif": True}


def apostrophes(texte: str) -> str:
    """Apostrophes typographiques dans un texte gardé pour les pages générées (les
    guillemets et apostrophes du texte affiché sont corrigés plus tard par Sphinx)."""
    return texte.replace("'", "’") if _TYPOGRAPHIQUE["actif"] else texte


def regler_typographie(app: Sphinx) -> None:
    _TYPOGRAPHIQUE["actif"] = app.builder.name != "spelling"


def moment(texte: str) -> str:
    valeur = (texte or "").strip().lower()
    valeur = ALIAS.get(valeur, valeur)
    if valeur not in MOMENTS:
        raise ChampInvalide(
            f"« {texte.strip()} » n'est pas un moment.{suggestion(valeur, MOMENTS)} "
            f"Valeurs possibles : {', '.join(MOMENTS)}")
    return valeur


def lire_nom(texte: str) -> str:
    valeur = (texte or "").strip()
    if not NOM.match(valeur):
        raise ChampInvalide(
            f"« {valeur} » n'est pas un nom : minuscules sans accent, chiffres et tirets, "
            "par exemple « debat-mouvant »")
    return valeur


def texte_libre(texte: str) -> str:
    valeur = " ".join((texte or "").split())
    if not valeur:
        raise ChampInvalide("écrivez une phrase après le nom de l'option")
    return apostrophes(valeur)


def materiel(texte: str) -> list[dict]:
    """Le matériel d'une activité, une ligne par élément, ou « aucun ».

    ``- 1 par participant·e : …``, ``- 1 par groupe : …``, ``- 3 pour la salle : …``
    (le nombre est facultatif : 1) ou ``- disposition : …`` (la salle).
    """
    brut = (texte or "").strip()
    if brut.lower() == "aucun":
        return []
    exemple = ("une ligne par élément, par exemple « - 1 par participant·e : la fiche "
               "imprimée », « - 1 par groupe : un jeu de cartes », « - 2 pour la salle : "
               "grandes feuilles » ou « - disposition : un espace dégagé » (ou « aucun » "
               "s'il n'y a rien à préparer)")
    if not brut:
        raise ChampInvalide(f"indiquez le matériel : {exemple}")
    lignes: list[str] = []
    for ligne in brut.splitlines():
        ligne = ligne.strip()
        if not ligne:
            continue
        if ligne.startswith("- "):
            lignes.append(ligne[2:].strip())
        elif lignes:
            lignes[-1] += " " + ligne
        else:
            raise ChampInvalide(f"« {ligne} » : le matériel s'écrit {exemple}")
    elements = []
    motif = re.compile(r"^(?:(\d+)\s+)?(" + "|".join(map(re.escape, POUR_QUI))
                       + r")\s*:\s*(\S.*)$", re.IGNORECASE)
    for ligne in lignes:
        m = motif.match(ligne)
        if m:
            elements.append({"nombre": int(m.group(1) or 1),
                             "pour": POUR_QUI[m.group(2).lower()], "quoi": apostrophes(m.group(3))})
            continue
        m = re.match(r"^disposition\s*:\s*(\S.*)$", ligne, re.IGNORECASE)
        if m:
            elements.append({"nombre": 0, "pour": "disposition", "quoi": apostrophes(m.group(1))})
            continue
        raise ChampInvalide(f"« {ligne} » : le matériel s'écrit {exemple}")
    return elements


def quantite(element: dict, participants: int, taille_groupe: int) -> str:
    """« 20 × la fiche (1 par participant·e) » pour un groupe donné."""
    pour, n, quoi = element["pour"], element["nombre"], element["quoi"]
    if pour == "disposition":
        return str(_("Disposition de la salle\u00a0: {quoi}")).format(quoi=quoi)
    if pour == "participant":
        return str(_("{total} × {quoi} ({n} par participant·e)")).format(
            total=n * participants, quoi=quoi, n=n)
    if pour == "groupe":
        return str(_("{total} × {quoi} ({n} par groupe de {taille})")).format(
            total=n * ceil(participants / taille_groupe), quoi=quoi, n=n, taille=taille_groupe)
    return str(_("{n} × {quoi} (pour la salle)")).format(n=n, quoi=quoi)


class _Pedagogique(SphinxDirective):
    has_content = True
    option_spec = _ToutesOptions()
    #: option → (conversion, obligatoire)
    champs: dict = {}
    nom = ""
    sous_type = ""

    def lire_options(self) -> dict | None:
        lieu = self.get_location()
        resultat: dict = {}
        valide = True
        for option in self.options:
            if option not in self.champs:
                signaler(f"option « {option} » inconnue pour {self.nom}."
                         f"{suggestion(option, self.champs)} Options possibles : "
                         f"{', '.join(self.champs)}.", lieu, self.sous_type)
                valide = False
        for option, (convertir, obligatoire) in self.champs.items():
            if option not in self.options:
                if obligatoire:
                    signaler(f"option « :{option}: » manquante pour {self.nom} : ajoutez-la "
                             "sous la directive.", lieu, self.sous_type)
                    valide = False
                continue
            try:
                resultat[option] = convertir(self.options[option])
            except ChampInvalide as exc:
                signaler(f"option « {option} » invalide pour {self.nom} : {exc}.", lieu,
                         self.sous_type)
                valide = False
        if not self.content:
            signaler(f"{self.nom} sans texte : écrivez son contenu, indenté sous la directive.",
                     lieu, self.sous_type)
            valide = False
        return resultat if valide else None

    def corps(self, classes: list[str], titre: str, ident: str | None = None) -> nodes.admonition:
        boite = nodes.admonition("", classes=classes)
        if ident:
            boite["ids"].append(ident)
        self.set_source_info(boite)
        # Le titre est produit par le projet (catalogue pluspersonne) : pas à traduire
        # dans le catalogue de la page.
        boite += nodes.title(text=str(titre), translatable=False)
        self.state.nested_parse(self.content, self.content_offset, boite)
        return boite


def identifiant(doc: str, sorte: str, nom_: str) -> str:
    """Ancre d'une question ou d'une activité nommée : ``<slug>-activite-<nom>``."""
    return f"{slug_de(doc) or 'page'}-{sorte}-{nom_}"


class Question(_Pedagogique):
    """``.. question::`` avec ``:moment: avant|après|débat`` et un ``:nom:`` facultatif."""

    nom = "la question"
    sous_type = "question"
    champs = {"moment": (moment, True), "nom": (lire_nom, False)}

    def run(self) -> list[nodes.Node]:
        options = self.lire_options()
        if options is None:
            return []
        m = options["moment"]
        nom_ = options.get("nom")
        ident = identifiant(self.env.docname, "question", nom_) if nom_ else None
        boite = self.corps(["pp-question", f"pp-moment-{m}"], MOMENTS_TITRE[m], ident)
        # Le texte est relu à la fin de la lecture, traduit (mettre_a_jour).
        self.env.pp_questions.setdefault(self.env.docname, []).append(
            {"moment": m, "texte": texte_question(boite), "ligne": self.lineno, "nom": nom_,
             "id": ident})
        return [boite]


def texte_question(boite: nodes.Element) -> str:
    return apostrophes(" ".join(
        p.astext() for p in boite.children[1:] if isinstance(p, nodes.paragraph)))


def contenu_question(boite: nodes.Element) -> list[nodes.Node]:
    """Le texte d'une question à recopier ailleurs (tableaux des formats, banque de
    questions) : du texte, la mise en valeur et les citations dans une autre langue
    (rôle ``:fr:``, qui garde leur attribut ``lang``) ; ni notes ni renvois, qui ne valent
    qu'à leur place."""
    from .langue import citation_francaise

    contenu: list[nodes.Node] = []
    for i, paragraphe in enumerate(p for p in boite.children[1:] if isinstance(p, nodes.paragraph)):
        if i:
            contenu.append(nodes.Text(" "))
        for enfant in paragraphe.children:
            if isinstance(enfant, (citation_francaise, nodes.emphasis, nodes.strong)):
                contenu.append(enfant.deepcopy())
            elif not isinstance(enfant, nodes.footnote_reference):
                contenu.append(nodes.Text(apostrophes(enfant.astext())))
    return contenu


def durees_des_consignes(boite: nodes.Element) -> list[int]:
    """Les durées « (N min) » écrites dans les consignes, hors notes d'animation."""
    durees: list[int] = []

    def parcourir(noeud: nodes.Node) -> None:
        if isinstance(noeud, (addnodes.only, nodes.title)) or (
                isinstance(noeud, nodes.Element) and "pp-note-animation" in noeud.get("classes", [])):
            return
        if isinstance(noeud, nodes.Text):
            durees.extend(int(d) for d in DUREE_CONSIGNE.findall(str(noeud)))
            return
        for enfant in noeud.children:
            parcourir(enfant)

    parcourir(boite)
    return durees


class Activite(_Pedagogique):
    """``.. activite:: Titre`` avec ``:nom:``, ``:durée:`` et ``:matériel:`` ; en option
    une version courte (``:durée-courte:`` et ``:version-courte:``)."""

    nom = "l'activité"
    sous_type = "activite"
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    champs = {"nom": (lire_nom, True), "durée": (entier_minutes, True),
              "matériel": (materiel, True), "durée-courte": (entier_minutes, False),
              "version-courte": (texte_libre, False)}

    def run(self) -> list[nodes.Node]:
        lieu = self.get_location()
        options = self.lire_options()
        titre = apostrophes(self.arguments[0].strip()) if self.arguments else ""
        if not titre:
            signaler("activité sans titre : écrivez-le après la directive, par exemple "
                     "« .. activite:: Débat mouvant ».", lieu, self.sous_type)
            return []
        if options is None:
            return []
        duree = options["durée"]
        courte = options.get("durée-courte")
        if ("durée-courte" in options) != ("version-courte" in options):
            signaler("une version courte demande les deux options : « :durée-courte: » (en "
                     "minutes) et « :version-courte: » (ce qui change, en une phrase).",
                     lieu, self.sous_type)
            return []
        if courte is not None and courte >= duree:
            signaler(f"la durée courte ({courte} min) doit être plus petite que la durée de "
                     f"l'activité ({duree} min).", lieu, self.sous_type)
            return []
        ident = identifiant(self.env.docname, "activite", options["nom"])
        boite = self.corps(["pp-activite"], "", ident)
        interieures = durees_des_consignes(boite)
        if interieures and sum(interieures) != duree:
            detail = " + ".join(map(str, interieures))
            signaler(f"les consignes de l'activité « {titre} » totalisent {sum(interieures)} min "
                     f"({detail}) pour une durée annoncée de {duree} min : corrigez une durée "
                     "entre parenthèses dans les consignes ou l'option « :durée: ».",
                     lieu, self.sous_type)
        activite = {"titre": titre, "nom": options["nom"], "id": ident, "durée": duree,
                    "durée-courte": courte, "version-courte": options.get("version-courte"),
                    "matériel": options["matériel"], "ligne": self.lineno}
        self.env.pp_activites.setdefault(self.env.docname, []).append(activite)
        # Le titre, la version courte et le matériel passent par le catalogue de la page ;
        # le titre de la boîte et ses informations sont écrits à la fin de la lecture.
        return [boite, noeud_textes(self, [typographique(t) for t in textes_activite(activite)],
                                    f"activite-{ident}")]


def textes_activite(activite: dict) -> list[str]:
    """Les textes d'une activité confiés au catalogue de la page."""
    return [activite["titre"], activite["version-courte"] or "",
            *(e["quoi"] for e in activite["matériel"])]


def infos_activite(boite: nodes.Element, activite: dict) -> None:
    """Le titre et la liste Durée / Version courte / Matériel d'une activité (traduits)."""
    duree, courte = activite["durée"], activite["durée-courte"]
    boite[0].children = []
    boite[0] += nodes.Text(str(_("Activité · {titre} ({duree})")).format(
        titre=activite["titre"], duree=duree_lisible(duree)))
    infos = nodes.field_list(classes=["pp-activite-infos"])
    valeurs = [(_("Durée"), duree_lisible(duree))]
    if courte is not None:
        valeurs.append((_("Version courte"), f"{duree_lisible(courte)}"
                        + str(_("\u00a0: ")) + activite["version-courte"]))
    for libelle, valeur in valeurs:
        infos += nodes.field("", nodes.field_name(text=str(libelle)),
                             nodes.field_body("", nodes.paragraph(text=valeur)))
    corps_materiel = nodes.field_body()
    if activite["matériel"]:
        puces = nodes.bullet_list()
        for element in activite["matériel"]:
            puces += nodes.list_item("", nodes.paragraph(text=ligne_materiel(element)))
        corps_materiel += puces
    else:
        corps_materiel += nodes.paragraph(text=_("aucun"))
    infos += nodes.field("", nodes.field_name(text=_("Matériel")), corps_materiel)
    boite.insert(1, infos)


def mettre_a_jour(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : questions et activités avec leurs textes traduits."""
    env = app.env
    doc = env.docname
    questions = env.pp_questions.get(doc, [])
    boites = [b for b in doctree.findall(nodes.admonition) if "pp-question" in b["classes"]]
    for question, boite in zip(questions, boites):
        question["texte"] = texte_question(boite)
        question["contenu"] = contenu_question(boite)
    activites = {a["id"]: a for a in env.pp_activites.get(doc, [])}
    for boite in list(doctree.findall(nodes.admonition)):
        if "pp-activite" not in boite["classes"]:
            continue
        activite = next((activites[i] for i in boite["ids"] if i in activites), None)
        if activite is None:
            continue
        traduits = textes_lus(doctree, f"activite-{activite['id']}", textes_activite(activite))
        activite["titre"] = apostrophes(traduits[0])
        activite["version-courte"] = apostrophes(traduits[1]) or activite["version-courte"]
        for element, quoi in zip(activite["matériel"], traduits[2:]):
            element["quoi"] = apostrophes(quoi)
        infos_activite(boite, activite)


def ligne_materiel(element: dict) -> str:
    """Le matériel tel qu'écrit dans la source : « 1 par groupe : un jeu de cartes »."""
    if element["pour"] == "disposition":
        return str(_("disposition\u00a0: {quoi}")).format(quoi=element["quoi"])
    modele = {"participant": _("{n} par participant·e\u00a0: {quoi}"),
              "groupe": _("{n} par groupe\u00a0: {quoi}"),
              "salle": _("{n} pour la salle\u00a0: {quoi}")}[element["pour"]]
    return str(modele).format(n=element["nombre"], quoi=element["quoi"])


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
        boite += nodes.title(text=_("Pour l’animateur·rice"), translatable=False)
        self.state.nested_parse(self.content, self.content_offset, boite)
        reserve = addnodes.only(expr=POUR_ANIMATION)
        reserve += boite
        return [reserve]


def deplier_pour_latex(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (PDF) : une note d'animation placée dans une question ou une
    activité n'y est plus un second cadre, mais un intertitre suivi de son texte. Deux
    cadres imbriqués (paquet ``framed``) font boucler pdflatex quand le cadre intérieur
    est long et passe d'une page à l'autre (« TeX capacity exceeded ») ; la note reste
    reconnaissable à son titre, et le cadre extérieur la contient toujours."""
    if app.builder.name != "latex":
        return
    for note in list(doctree.findall(nodes.admonition)):
        if "pp-note-animation" not in note["classes"]:
            continue
        parent = note.parent
        while parent is not None and not isinstance(parent, nodes.admonition):
            parent = parent.parent
        if parent is None:
            continue
        titre = note.next_node(nodes.title)
        bloc = nodes.container(classes=["pp-note-animation"])
        bloc += nodes.rubric(text=titre.astext() if titre else "")
        bloc.extend(c for c in note.children if c is not titre)
        note.replace_self(bloc)


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
    app.connect("builder-inited", regler_typographie)
    app.add_directive("question", Question)
    app.add_directive("activite", Activite)
    app.add_directive("note-animation", NoteAnimation)
    app.connect("doctree-resolved", deplier_pour_latex)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purger)
    app.connect("env-merge-info", fusionner)
    app.connect("doctree-read", mettre_a_jour, priority=400)
