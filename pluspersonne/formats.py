"""Formats d'un module : des déroulés minutés, vérifiés à la construction.

Un format est un déroulé que l'on peut suivre minute par minute. Il s'écrit en
tête de *Pour animer*, une ligne par étape : la durée, ce qui se passe, puis ce
que l'étape utilise (le film, une activité, une question du module) ; les lignes
en retrait sous une étape sont les consignes de l'animateur·rice ::

   .. format:: court
      :titre: Une leçon de 50 minutes
      :durée: 50

      5 | Accueil et mots du départ | question mots-services
         Notez les mots au tableau, sans les commenter.
      18 | Projection du film | film entier
      20 | Classer les services | activité cartes
      7 | Tour de clôture

Ce que l'étape utilise : ``film entier``, ``séquence « Nom »`` (un nom de la page
du film, ``pp_sequences``), ``activité <nom>`` ou ``question <nom>`` (le ``:nom:``
de la directive), séparés par des virgules.

La construction vérifie (message en français, fichier, ligne, correction) : la
somme des étapes égale la durée du format ; chaque étape a sa durée ; chaque
activité, question ou séquence nommée existe ; une activité reçoit au moins sa
durée (ou celle de sa version courte) et le film entier ses 18 minutes ; deux
formats n'ont pas le même nom ; chaque module a au moins deux formats, dont un
qui tient dans une leçon de 50 minutes.

Chaque format s'affiche comme un tableau minuté (0:00, 0:05, …) qui dit ce qui est
projeté du film, suivi de la liste « À préparer » calculée à partir du matériel
des activités. Dans les PDF, les formats ouvrent la fiche du module ; dans
l'édition participant·e, les consignes et la liste « À préparer » sont retirées.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .fiche import ChampInvalide, _ToutesOptions, duree_lisible, entier_minutes, tableau
from .langue import _, noeud_textes, textes_lus, traduire_donnee, typographique
from .messages import signaler, suggestion
from .pedagogie import NOM, POUR_ANIMATION, apostrophes, quantite
from .selection import heure_lisible, slug_de

#: Les références d'une étape : ``film entier``, ``séquence « … »``, ``activité nom``,
#: ``question nom``.
REFERENCE = re.compile(
    r"\s*(?:(?P<film>film\s+entier)|s[ée]quence\s*«\s*(?P<sequence>[^»]+?)\s*»"
    r"|(?P<sorte>activit[ée]|question)\s+(?P<nom>\S+?))\s*(?:,|$)", re.IGNORECASE)
DUREE_ETAPE = re.compile(r"^(\d+)\s*(?:min(?:utes)?)?$")
EXEMPLE_ETAPE = "« 10 | Débat en grand groupe | question titre »"


class format_module(nodes.General, nodes.Element):
    """Un format tel que lu ; remplacé par son tableau à la fin de la lecture."""


def _option(texte: str) -> str:
    valeur = " ".join((texte or "").split())
    if not valeur:
        raise ChampInvalide("écrivez une courte phrase")
    return apostrophes(valeur)


def lire_references(texte: str) -> list[tuple[str, str]]:
    """``film entier, activité cartes`` → [("film", "entier"), ("activite", "cartes")]."""
    references: list[tuple[str, str]] = []
    position = 0
    texte = texte.strip()
    while position < len(texte):
        m = REFERENCE.match(texte, position)
        if not m or m.end() == position:
            raise ChampInvalide(
                f"« {texte[position:].strip()} » n'est pas une référence : écrivez « film "
                "entier », « séquence « Nom de la séquence » », « activité <nom> » ou « question "
                "<nom> », séparées par des virgules")
        if m.group("film"):
            references.append(("film", "entier"))
        elif m.group("sequence"):
            references.append(("sequence", " ".join(m.group("sequence").split())))
        else:
            sorte = "activite" if m.group("sorte").lower().startswith("activ") else "question"
            references.append((sorte, m.group("nom")))
        position = m.end()
    return references


class Format(SphinxDirective):
    """``.. format:: nom`` : un déroulé minuté du module, une ligne par étape."""

    required_arguments = 0
    optional_arguments = 1
    has_content = True
    option_spec = _ToutesOptions()
    champs = {"titre": (_option, True), "durée": (entier_minutes, True),
              "sans-film": (_option, False)}

    def run(self) -> list[nodes.Node]:
        lieu = self.get_location()
        doc = self.env.docname
        if slug_de(doc) is None:
            signaler("la directive format n'est permise que dans un module "
                     "(modules/<slug>/index.rst).", lieu, "format")
            return []
        nom = self.arguments[0].strip() if self.arguments else ""
        if not NOM.match(nom):
            signaler(f"format sans nom valide (« {nom} ») : écrivez un nom court en minuscules "
                     "après la directive, par exemple « .. format:: court ».", lieu, "format")
            return []
        options, valide = {}, True
        for option in self.options:
            if option not in self.champs:
                signaler(f"option « {option} » inconnue pour le format « {nom} »."
                         f"{suggestion(option, self.champs)} Options possibles : "
                         f"{', '.join(self.champs)}.", lieu, "format")
                valide = False
        for option, (convertir, obligatoire) in self.champs.items():
            if option not in self.options:
                if obligatoire:
                    signaler(f"option « :{option}: » manquante pour le format « {nom} » : "
                             "ajoutez-la sous la directive.", lieu, "format")
                    valide = False
                continue
            try:
                options[option] = convertir(self.options[option])
            except ChampInvalide as exc:
                signaler(f"option « {option} » invalide pour le format « {nom} » : {exc}.",
                         lieu, "format")
                valide = False
        etapes, noeuds = self.lire_etapes(nom)
        if etapes is None or not valide:
            return []
        if not etapes:
            signaler(f"le format « {nom} » n'a aucune étape : écrivez une ligne par étape, par "
                     f"exemple {EXEMPLE_ETAPE}.", lieu, "format")
            return []
        self.env.pp_formats.setdefault(doc, []).append(
            {"nom": nom, "titre": options["titre"], "durée": options["durée"],
             "sans-film": options.get("sans-film", ""), "ligne": self.lineno, "etapes": etapes})
        emplacement = format_module(nom=nom)
        self.set_source_info(emplacement)
        emplacement.extend(noeuds)
        # Le titre et la raison sans film passent par le catalogue de la page ; les étapes,
        # paragraphes ordinaires, aussi.
        return [emplacement, noeud_textes(
            self, [typographique(options["titre"]), typographique(options.get("sans-film", ""))],
            f"format-{nom}")]

    def lire_etapes(self, nom: str):
        """Les étapes du contenu : (données, nœuds affichables) ou (None, None) si erreur."""
        lignes = list(self.content)
        etapes: list[dict] = []
        noeuds: list[nodes.Element] = []
        valide = True
        i = 0
        while i < len(lignes):
            ligne = lignes[i]
            source, decalage = self.content.info(i)
            numero = (decalage or 0) + 1
            if not ligne.strip():
                i += 1
                continue
            if ligne[0].isspace():
                signaler(f"ligne en retrait sans étape au-dessus dans le format « {nom} » : une "
                         f"étape commence au bord, par exemple {EXEMPLE_ETAPE}.",
                         (self.env.docname, numero), "format")
                return None, None
            fin = i + 1
            while fin < len(lignes) and (not lignes[fin].strip() or lignes[fin][0].isspace()):
                fin += 1
            consignes = [(j, lignes[j]) for j in range(i + 1, fin) if lignes[j].strip()]
            i = fin
            parties = [p.strip() for p in ligne.split("|")]
            lieu = (self.env.docname, numero)
            m = DUREE_ETAPE.match(parties[0])
            if not m or int(m.group(1)) <= 0:
                signaler(f"étape sans durée dans le format « {nom} » (« {ligne.strip()} ») : "
                         "commencez la ligne par le nombre de minutes, puis « | », par exemple "
                         f"{EXEMPLE_ETAPE}.", lieu, "format")
                valide = False
                continue
            if len(parties) > 3 or len(parties) < 2 or not parties[1]:
                signaler(f"étape mal écrite dans le format « {nom} » (« {ligne.strip()} ») : "
                         "trois parties au plus, séparées par « | » : minutes, ce qui se passe, "
                         f"ce que l'étape utilise (facultatif), par exemple {EXEMPLE_ETAPE}.",
                         lieu, "format")
                valide = False
                continue
            try:
                references = lire_references(parties[2]) if len(parties) == 3 else []
            except ChampInvalide as exc:
                signaler(f"étape du format « {nom} » : {exc}.", lieu, "format")
                valide = False
                continue
            texte, messages = self.state.inline_text(parties[1], numero)
            bloc = nodes.container(classes=["pp-etape-brute"])
            paragraphe = nodes.paragraph(parties[1], "", *texte)
            paragraphe.source, paragraphe.line = self.get_source_info()[0], numero
            bloc += paragraphe
            bloc.extend(messages)
            texte_consignes = ""
            if consignes:
                retrait = min(len(l) - len(l.lstrip()) for _, l in consignes)
                contenu = StringList(
                    [lignes[j][retrait:] for j in range(consignes[0][0], fin)],
                    items=[self.content.info(j) for j in range(consignes[0][0], fin)])
                boite = nodes.container(classes=["pp-consignes"])
                self.state.nested_parse(contenu, self.content.info(consignes[0][0])[1], boite)
                reserve = addnodes.only(expr=POUR_ANIMATION)
                reserve += boite
                bloc += reserve
                texte_consignes = boite.astext()
            noeuds.append(bloc)
            etapes.append({"minutes": int(m.group(1)), "texte": apostrophes(nodes.paragraph(
                "", "", *[t.deepcopy() for t in texte]).astext()), "references": references,
                "consignes": apostrophes(texte_consignes), "ligne": numero})
        return (etapes if valide else None), noeuds


# -- Vérifications ----------------------------------------------------------------------

def temps_minimal(etape: dict, activites: dict, config) -> tuple[int, int]:
    """(minimum complet, minimum avec les versions courtes) d'une étape."""
    complet = court = 0
    for sorte, valeur in etape["references"]:
        if sorte == "film":
            complet += config.pp_duree_film
            court += config.pp_duree_film
        elif sorte == "activite" and valeur in activites:
            activite = activites[valeur]
            complet += activite["durée"]
            court += activite["durée-courte"] or activite["durée"]
    return complet, court


def version_courte(etape: dict, activites: dict, config) -> bool:
    """L'étape utilise-t-elle la version courte de ses activités ?"""
    complet, _ = temps_minimal(etape, activites, config)
    return etape["minutes"] < complet


def versions_courtes(etape: dict, activites: dict, config) -> list[str]:
    """Ce que dit la version courte de chaque activité que l'étape raccourcit."""
    if not version_courte(etape, activites, config):
        return []
    return [activites[v]["version-courte"] for s, v in etape["references"]
            if s == "activite" and v in activites and activites[v]["durée-courte"]]


def verifier(app: Sphinx, doc: str) -> bool:
    """Vérifie les formats d'un module ; vrai s'ils peuvent être affichés."""
    env, config = app.env, app.config
    formats = env.pp_formats.get(doc, [])
    activites: dict[str, dict] = {}
    for activite in env.pp_activites.get(doc, []):
        if activite["nom"] in activites:
            signaler(f"deux activités portent le nom « {activite['nom']} » : donnez à chacune un "
                     "« :nom: » différent.", (doc, activite["ligne"]), "format")
        activites[activite["nom"]] = activite
    questions: dict[str, dict] = {}
    for question in env.pp_questions.get(doc, []):
        if question["nom"] and question["nom"] in questions:
            signaler(f"deux questions portent le nom « {question['nom']} » : donnez à chacune un "
                     "« :nom: » différent.", (doc, question["ligne"]), "format")
        if question["nom"]:
            questions[question["nom"]] = question
    fiche = env.pp_fiches.get(doc, {})
    lieu_module = (doc, fiche.get("ligne", 1))
    valide = True
    if len(formats) < 2:
        signaler(f"ce module a {len(formats)} format(s) : il en faut au moins deux, un court "
                 f"(au plus {config.pp_duree_lecon} min, une leçon) et un complet. Ajoutez-les en "
                 "tête de « Pour animer » avec « .. format:: court » et « .. format:: complet » "
                 "(voir CONTRIBUTING.md).", lieu_module, "format")
        valide = False
    elif min(f["durée"] for f in formats) > config.pp_duree_lecon:
        signaler(f"aucun format de ce module ne tient dans une leçon de {config.pp_duree_lecon} "
                 f"min (le plus court dure {min(f['durée'] for f in formats)} min) : ajoutez un "
                 "format court.", lieu_module, "format")
        valide = False
    vus: set[str] = set()
    for format_ in formats:
        lieu = (doc, format_["ligne"])
        if format_["nom"] in vus:
            signaler(f"deux formats portent le nom « {format_['nom']} » : renommez l'un d'eux "
                     "(les parcours choisissent un format par son nom).", lieu, "format")
            valide = False
        vus.add(format_["nom"])
        total = sum(e["minutes"] for e in format_["etapes"])
        if total != format_["durée"]:
            detail = " + ".join(str(e["minutes"]) for e in format_["etapes"])
            signaler(f"les étapes du format « {format_['nom']} » totalisent {total} min ({detail})"
                     f" pour une durée annoncée de {format_['durée']} min : corrigez une durée "
                     "d'étape ou l'option « :durée: ».", lieu, "format")
            valide = False
        for etape in format_["etapes"]:
            valide &= verifier_etape(etape, format_, activites, questions, doc, config)
    return valide


def verifier_etape(etape: dict, format_: dict, activites: dict, questions: dict, doc: str,
                   config) -> bool:
    lieu = (doc, etape["ligne"])
    valide = True
    sequences = list(config.pp_sequences)
    for sorte, valeur in etape["references"]:
        if sorte == "activite" and valeur not in activites:
            signaler(f"le format « {format_['nom']} » utilise l'activité « {valeur} », que ce "
                     f"module n'a pas.{suggestion(valeur, activites)} Activités du module "
                     f"(leur « :nom: ») : {', '.join(activites) or 'aucune'}.", lieu, "format")
            valide = False
        elif sorte == "question" and valeur not in questions:
            signaler(f"le format « {format_['nom']} » utilise la question « {valeur} », que ce "
                     f"module n'a pas.{suggestion(valeur, questions)} Questions nommées du "
                     f"module : {', '.join(questions) or 'aucune'} (ajoutez « :nom: {valeur} » "
                     "sous la question voulue).", lieu, "format")
            valide = False
        elif sorte == "sequence" and valeur not in sequences:
            signaler(f"séquence inconnue « {valeur} ».{suggestion(valeur, sequences)} Séquences "
                     f"du film (voir docs/film.rst) : {' ; '.join(sequences)}.", lieu, "format")
            valide = False
    if not valide:
        return False
    complet, court = temps_minimal(etape, activites, config)
    if etape["minutes"] < court:
        besoins = []
        for sorte, valeur in etape["references"]:
            if sorte == "film":
                besoins.append(f"le film entier {config.pp_duree_film} min")
            elif sorte == "activite":
                activite = activites[valeur]
                besoins.append(f"l'activité « {valeur} » {activite['durée']} min" + (
                    f" (version courte : {activite['durée-courte']} min)"
                    if activite["durée-courte"] else ""))
        conseil = (" ou déclarez une version courte de l'activité (« :durée-courte: » et "
                   "« :version-courte: »)" if any(s == "activite" for s, _ in etape["references"])
                   else "")
        signaler(f"l'étape donne {etape['minutes']} min, mais elle demande au moins {court} min "
                 f"({', '.join(besoins)}) : allongez l'étape{conseil}. Rien n'est coupé sans "
                 "le dire.", lieu, "format")
        return False
    return True


# -- Affichage ---------------------------------------------------------------------------

def film_de(format_: dict) -> str:
    """Ce que le format montre du film, en une phrase."""
    references = [r for e in format_["etapes"] for r in e["references"]]
    if ("film", "entier") in references:
        return str(_("le film entier est projeté (18\u00a0min)."))
    sequences = list(dict.fromkeys(v for s, v in references if s == "sequence"))
    if sequences:
        noms = ", ".join(str(_("«\u00a0{nom}\u00a0»")).format(nom=traduire_donnee(s))
                         for s in sequences)
        return str(_("seulement la séquence {noms}.") if len(sequences) == 1
                   else _("seulement les séquences {noms}.")).format(noms=noms)
    raison = format_["sans-film"].rstrip(" .")
    if raison:
        return str(_("pas de projection dans ce format\u00a0: {raison}.")).format(raison=raison)
    return str(_("pas de projection dans ce format."))


def resume_formats(formats: list[dict]) -> str:
    """« court : 50 min, film entier · complet : 1 h 40, film entier »."""
    morceaux = []
    for format_ in formats:
        references = [r for e in format_["etapes"] for r in e["references"]]
        film = (_("film entier") if ("film", "entier") in references else
                _("extraits du film") if any(s == "sequence" for s, _v in references)
                else _("sans film"))
        morceaux.append(str(_("{nom}\u00a0: {duree}, {film}")).format(
            nom=format_["nom"], duree=duree_lisible(format_["durée"]), film=film))
    return " · ".join(morceaux)


def noeud_reference(sorte: str, valeur: str, activites: dict, questions: dict, config) -> nodes.Node:
    if sorte == "film":
        return nodes.inline(text=str(_("le film entier ({duree}\u00a0min)")).format(
            duree=config.pp_duree_film))
    if sorte == "sequence":
        return nodes.inline(text=str(_("la séquence «\u00a0{nom}\u00a0»")).format(
            nom=traduire_donnee(valeur)))
    if sorte == "activite":
        activite = activites[valeur]
        para = nodes.inline()
        para += nodes.Text(_("activité "))
        para += nodes.reference("", str(_("«\u00a0{nom}\u00a0»")).format(nom=activite["titre"]),
                                internal=True, refid=activite["id"])
        return para
    question = questions[valeur]
    para = nodes.inline()
    para += nodes.Text(_("question\u00a0: "))
    lien = nodes.reference("", "", internal=True, refid=question["id"])
    lien += nodes.emphasis("", "", *[n.deepcopy() for n in question.get("contenu", [])]
                           or [nodes.Text(question["texte"])])
    para += lien
    return para


def horaire(minutes: int, debut: int | None = None) -> str:
    """Décalage depuis le début (« 0:05 ») ou heure (« 14:05 »)."""
    return heure_lisible((debut or 0) + minutes)


def tableau_format(format_: dict, blocs: list[nodes.Element], activites: dict,
                   questions: dict, config) -> nodes.table:
    lignes = []
    ecoule = 0
    for etape, bloc in zip(format_["etapes"], blocs):
        cellule = nodes.container()
        cellule.extend(bloc.children)
        titre = cellule.children[0] if cellule.children else None
        if isinstance(titre, nodes.paragraph):  # le nom de l'étape, en gras
            gras = nodes.strong()
            gras.extend(titre.children)
            titre.children = []
            titre += gras
        for texte in versions_courtes(etape, activites, config):
            cellule += nodes.paragraph(
                text=str(_("Version courte de l’activité\u00a0: {texte}")).format(texte=texte),
                classes=["pp-version-courte"])
        avec = nodes.paragraph()
        for i, (sorte, valeur) in enumerate(etape["references"]):
            if i:
                avec += nodes.Text(" ; ")
            avec += noeud_reference(sorte, valeur, activites, questions, config)
        lignes.append([nodes.paragraph(text=horaire(ecoule)),
                       nodes.paragraph(text=duree_lisible(etape["minutes"])), cellule,
                       avec if etape["references"] else nodes.paragraph(text="–")])
        ecoule += etape["minutes"]
    return tableau([_("Horaire"), _("Durée"), _("Étape"), _("Avec")], [13, 11, 44, 32], lignes,
                   "pp-format-etapes", long=True)


def a_preparer(elements: list[tuple[str, dict, dict]], config,
               participants: int) -> list[nodes.Node]:
    """La liste « À préparer » : projection, puis matériel des activités utilisées.

    ``elements`` : (titre affiché, format, activités du module) pour chaque format retenu.
    """
    taille = config.pp_taille_groupe
    puces = nodes.bullet_list(classes=["pp-a-preparer"])
    references = [r for _, f, _ in elements for e in f["etapes"] for r in e["references"]]
    if any(s in ("film", "sequence") for s, _ in references):
        para = nodes.paragraph()
        para += nodes.Text(_("Projection\u00a0: le film "))
        para += nodes.emphasis(text="Plus personne")
        para += nodes.Text(str(_(" ({duree}\u00a0min, ")).format(duree=config.pp_duree_film))
        para += nodes.reference("", config.pp_film_url, refuri=config.pp_film_url, classes=["pp-url"])
        sequences = any(s == "sequence" for s, _v in references)
        para += nodes.Text(_("), un écran ou un projecteur et des haut-parleurs\u00a0; repérez à "
                             "l’avance le début des séquences choisies, essayez la lecture et le "
                             "son dans la salle avant la séance.") if sequences else
                           _("), un écran ou un projecteur et des haut-parleurs\u00a0; essayez la "
                             "lecture et le son dans la salle avant la séance."))
        puces += nodes.list_item("", para)
    for titre, format_, activites in elements:
        vues: list[str] = []
        for etape in format_["etapes"]:
            for sorte, valeur in etape["references"]:
                if sorte == "activite" and valeur not in vues and valeur in activites:
                    vues.append(valeur)
        for valeur in vues:
            activite = activites[valeur]
            item = nodes.list_item()
            entete = str(_("activité «\u00a0{titre}\u00a0»")).format(titre=activite["titre"])
            if titre:
                entete = f"{titre}, {entete}"
            if not activite["matériel"]:
                item += nodes.paragraph(text=str(_("{entete}\u00a0: rien à préparer.")).format(
                    entete=entete))
            else:
                item += nodes.paragraph(text=str(_("{entete}\u00a0:")).format(entete=entete))
                sous = nodes.bullet_list()
                for element in activite["matériel"]:
                    sous += nodes.list_item("", nodes.paragraph(
                        text=quantite(element, participants, taille)))
                item += sous
            puces += item
    if not len(puces):
        puces += nodes.list_item("", nodes.paragraph(text=_("rien à préparer.")))
    entete = nodes.paragraph(classes=["pp-a-preparer-titre"])
    entete += nodes.strong(text=_("À préparer"))
    entete += nodes.Text(str(_(" (quantités pour {n}\u00a0participant·es, en groupes de "
                               "{taille})\u00a0:")).format(n=participants, taille=taille))
    return [entete, puces]


def rendre(app: Sphinx, doc: str, emplacement: format_module) -> nodes.Element:
    env, config = app.env, app.config
    format_ = next(f for f in env.pp_formats[doc] if f["nom"] == emplacement["nom"])
    activites = {a["nom"]: a for a in env.pp_activites.get(doc, [])}
    questions = {q["nom"]: q for q in env.pp_questions.get(doc, []) if q["nom"]}
    boite = nodes.container(classes=["pp-format"], ids=[f"{slug_de(doc)}-format-{format_['nom']}"])
    entete = nodes.paragraph(classes=["pp-format-titre"])
    entete += nodes.strong(text=str(_("Format «\u00a0{nom}\u00a0» · {duree}")).format(
        nom=format_["nom"], duree=duree_lisible(format_["durée"])))
    entete += nodes.Text(f" — {format_['titre']}")
    boite += entete
    film = nodes.paragraph(classes=["pp-format-film"])
    film += nodes.strong(text=_("Film\u00a0:"))
    film += nodes.Text(" " + film_de(format_))
    boite += film
    boite += tableau_format(format_, list(emplacement.children), activites, questions, config)
    boite += nodes.paragraph(text=str(_("Fin à {heure}.")).format(heure=horaire(format_["durée"])),
                             classes=["pp-format-fin"])
    reserve = addnodes.only(expr=POUR_ANIMATION)
    reserve.extend(a_preparer([("", format_, activites)], config, config.pp_participants))
    boite += reserve
    return boite


def afficher(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` : vérifie les formats d'un module, les affiche, remplit la fiche."""
    env = app.env
    doc = env.docname
    if slug_de(doc) is None or not doc.endswith("/index"):
        return
    emplacements = list(doctree.findall(format_module))
    traduire_formats(env, doc, doctree, emplacements)
    valide = verifier(app, doc)
    for emplacement in emplacements:
        if valide:
            emplacement.replace_self(rendre(app, doc, emplacement))
        else:
            emplacement.parent.remove(emplacement)
    formats = env.pp_formats.get(doc, [])
    for para in list(doctree.findall(nodes.paragraph)):
        if "pp-fiche-formats" in para["classes"]:
            para += nodes.Text(resume_formats(formats) if formats else "–")
    if not valide or not emplacements:
        return
    # Dans les PDF, les formats ouvrent la fiche du module, juste après son encadré.
    rendus = [n for n in doctree.findall(nodes.container) if "pp-format" in n["classes"]]
    fiche = next((n for n in doctree.findall(addnodes.only)
                  if n["expr"] == "not builder_html"
                  and any("pp-fiche" in c.get("classes", []) for c in n.children)), None)
    if fiche is None:
        return
    ouverture = addnodes.only(expr="format_latex")
    ouverture += nodes.rubric(text=_("Formats de la séance"))
    for rendu in rendus:
        ouverture += rendu.deepcopy()
        ailleurs = addnodes.only(expr="not format_latex")
        rendu.replace_self(ailleurs)
        ailleurs += rendu
    fiche.parent.insert(fiche.parent.index(fiche) + 1, ouverture)


def traduire_formats(env: BuildEnvironment, doc: str, doctree: nodes.document,
                     emplacements: list[format_module]) -> None:
    """Les textes des formats tels que traduits (titre, raison sans film, étapes)."""
    for format_ in env.pp_formats.get(doc, []):
        format_["titre"], format_["sans-film"] = (apostrophes(t) for t in textes_lus(
            doctree, f"format-{format_['nom']}", [format_["titre"], format_["sans-film"]]))
        emplacement = next((e for e in emplacements if e["nom"] == format_["nom"]), None)
        if emplacement is None:
            continue
        for etape, bloc in zip(format_["etapes"], emplacement.children):
            titre = bloc.children[0] if bloc.children else None
            if isinstance(titre, nodes.paragraph):
                etape["texte"] = apostrophes(titre.astext())
            consignes = [n for n in bloc.findall(nodes.container) if "pp-consignes" in n["classes"]]
            if consignes:
                etape["consignes"] = apostrophes(consignes[0].astext())


# -- Environnement -----------------------------------------------------------------------

def init_env(app: Sphinx, env: BuildEnvironment, *args) -> None:
    if not hasattr(env, "pp_formats"):
        env.pp_formats = {}


def purger(app: Sphinx, env: BuildEnvironment, doc: str) -> None:
    init_env(app, env)
    env.pp_formats.pop(doc, None)


def fusionner(app: Sphinx, env: BuildEnvironment, docs, autre: BuildEnvironment) -> None:
    init_env(app, env)
    env.pp_formats.update(getattr(autre, "pp_formats", {}))


def setup(app: Sphinx) -> None:
    app.add_config_value("pp_duree_film", 18, "env", types=[int])
    app.add_config_value("pp_duree_lecon", 50, "env", types=[int])
    app.add_config_value("pp_participants", 20, "env", types=[int])
    app.add_config_value("pp_taille_groupe", 4, "env", types=[int])
    app.add_config_value("pp_film_url", "https://zintv.org/video/plus-personne", "env",
                         types=[str])
    app.add_node(format_module)
    app.add_directive("format", Format)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purger)
    app.connect("env-merge-info", fusionner)
    app.connect("doctree-read", afficher)
