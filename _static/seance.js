/* « Plus personne », modules pédagogiques : composer une séance dans le navigateur.
 *
 * Deux usages, selon la page :
 * - le catalogue : des filtres (temps disponible, public, mot-clé, séquence du film)
 *   et un bouton « Ajouter à ma séance » par module ;
 * - le composeur : choisir des modules et leurs formats, les ordonner, régler
 *   l'heure, les pauses et les séances, imprimer, partager, télécharger le parcours.
 * Le bouton de la page d'un module est dans seance-base.js, chargé avant ce script :
 * ses outils (textes T() et N(), el(), séance gardée, bouton) viennent de window.PPSeance.
 *
 * Les pages sont complètes sans ce script : il ne fait qu'ajouter des contrôles.
 * Les données viennent de la construction : composeur-catalogue-*.js sur le catalogue,
 * composeur-donnees-*.js sur le composeur, composeur-fragments-*.js (consignes et notes
 * en HTML) chargé à la demande pour la séance imprimée. La séance en cours vit dans
 * l'adresse (#seance=…) et dans le stockage local. */
(function () {
  "use strict";
  var B = window.PPSeance;   // le socle, seance-base.js
  if (!B) { return; }
  var D = window.PP_DONNEES || null, C = window.PP_CATALOGUE || null;
  var T = B.T, N = B.N, el = B.el, lien = B.lien, racine = B.racine, modules = B.modules;
  var vide = B.vide, encoder = B.encoder, charger = B.charger, garder = B.garder;
  var modulesDe = B.modulesDe, boutonAjouter = B.boutonAjouter;
  /* Un texte traduit dont des {nom} sont des éléments (ou des listes d'éléments) :
     la liste des morceaux à donner à el(). */
  function placer(texte, valeurs) {
    var liste = [];
    texte.split(/\{(\w+)\}/).forEach(function (morceau, i) {
      var v = i % 2 ? valeurs[morceau] : morceau;
      if (i % 2 && v === undefined) { v = "{" + morceau + "}"; }
      [].concat(v).forEach(function (x) {
        if (x === "" || x === null) { return; }
        if (typeof x !== "object") { x = String(x); }
        if (typeof x === "string" && typeof liste[liste.length - 1] === "string") { liste[liste.length - 1] += x; }
        else { liste.push(x); }
      });
    });
    return liste;
  }
  var MOMENTS = [["avant", T("Avant le film")], ["après", T("Après le film")], ["débat", T("Débat")]];
  var TEMPS = { accueil: T("Accueil"), pause: T("Pause"), "clôture": T("Clôture") };
  ((D || C || { modules: [] }).modules).forEach(function (m) { modules[m.slug] = m; });

  /* -- Outils ------------------------------------------------------------------ */

  function duree(min) {
    var h = Math.floor(min / 60), r = min % 60;
    if (!h) { return T("{minutes}\u00a0min", { minutes: r }); }
    return r ? T("{heures}\u00a0h\u00a0{minutes}", { heures: h, minutes: (r < 10 ? "0" : "") + r })
      : T("{heures}\u00a0h", { heures: h });
  }
  function lireHeure(texte) {
    var m = /^(\d{1,2}):(\d{2})$/.exec(texte || "");
    return m && +m[1] < 24 && +m[2] < 60 ? +m[1] * 60 + +m[2] : null;
  }
  function heure(min) { var h = Math.floor(min / 60) % 24, r = min % 60; return h + ":" + (r < 10 ? "0" : "") + r; }
  function formatDe(slug, nom) {
    var m = modules[slug];
    return m && m.formats[0] && m.formats[0].etapes ? m.formats.filter(function (f) { return f.nom === nom; })[0] : null;
  }
  function dureeElement(e) {
    if (e[0] === "m") { var f = formatDe(e[1], e[2]); return f ? f.duree : 0; }
    return +e[1] || 0;
  }
  function liensPdf(m) {
    var liste = [["animateur", T("fiche animateur·rice (PDF)")], ["participant", T("fiche participant·e (PDF)")],
      ["facile", T("facile à lire, grands caractères (PDF)")]].filter(function (p) { return m.pdf[p[0]]; });
    if (!liste.length) { return [T("les PDF sont produits par « make all », absents de cette construction.")]; }
    var morceaux = [];
    liste.forEach(function (p, i) {
      if (i) { morceaux.push(" · "); }
      morceaux.push(el("a", { href: lien(m.pdf[p[0]]), texte: p[1] }));
    });
    return morceaux;
  }
  function sansAccent(t) { return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  /* -- La séance : état, adresse, stockage ------------------------------------- */

  var PARTICIPANTS = vide().p;   // celui des données du composeur, sinon 20
  function plusCourt(slug) {
    return modules[slug].formats.slice().sort(function (a, b) { return a.duree - b.duree; })[0].nom;
  }
  function valide(etat) {
    var erreurs = [];
    if (!etat || !Array.isArray(etat.s) || !etat.s.length) { return [vide(), [T("Ce lien ne contient pas de séance lisible.")]]; }
    var propre = { t: String(etat.t || T("Ma séance")), pub: String(etat.pub || ""), p: Math.max(1, +etat.p || PARTICIPANTS), s: [] };
    etat.s.forEach(function (s) {
      var seance = { t: String(s.t || ""), d: lireHeure(s.d) === null ? "" : s.d, m: Math.max(0, +s.m || 0), e: [] };
      (s.e || []).forEach(function (e) {
        if (e[0] === "m") {
          if (!modules[e[1]]) { erreurs.push(T("module inconnu « {module} »", { module: e[1] })); return; }
          if (!formatDe(e[1], e[2])) {
            /* Un module ajouté depuis sa page arrive sans format : le plus court. */
            if (e[2]) { erreurs.push(T("format inconnu « {format} » pour « {module} »", { format: e[2], module: e[1] })); }
            e = ["m", e[1], plusCourt(e[1])];
          }
          seance.e.push(["m", e[1], e[2]]);
        } else if (TEMPS[e[0]]) {
          seance.e.push([e[0], Math.max(1, +e[1] || 5), String(e[2] || "")]);
        }
      });
      propre.s.push(seance);
    });
    return [propre, erreurs];
  }
  function depuisAdresse() {
    var m = /(?:^#|&)seance=([^&]*)/.exec(location.hash);
    if (!m) { return null; }
    try { return JSON.parse(decodeURIComponent(m[1])); } catch (e) { return { s: [] }; }
  }

  /* -- Le catalogue qui filtre ------------------------------------------------- */

  function catalogue() {
    var table = document.querySelector("table.pp-catalogue");
    if (!table || !C) { return; }
    var lignes = [];
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var a = tr.querySelector("a[href]");
      var m = a && /modules\/([a-z0-9-]+)\/index\.html/.exec(a.getAttribute("href"));
      if (m && modules[m[1]]) {
        lignes.push({ tr: tr, m: modules[m[1]] });
        tr.cells[0].appendChild(boutonAjouter(m[1], modules[m[1]].titre));
      }
    });
    function union(cle) {
      var vus = {};
      C.modules.forEach(function (m) { m[cle].forEach(function (v) { vus[v] = 1; }); });
      return Object.keys(vus).sort(function (a, b) { return a.localeCompare(b, document.documentElement.lang || "fr"); });
    }
    function choix(id, libelle, tous, valeurs) {
      return el("p", { "class": "pp-filtre" }, [el("label", { "for": id, texte: libelle }), " ",
        el("select", { id: id }, [el("option", { value: "", texte: tous })].concat(valeurs.map(function (v) {
          return el("option", { value: v, texte: v });
        })))]);
    }
    var temps = el("p", { "class": "pp-filtre" }, [el("label", { "for": "pp-filtre-temps", texte: T("Temps disponible (minutes)") }), " ",
      el("input", { id: "pp-filtre-temps", type: "number", min: "1", step: "5", inputmode: "numeric" })]);
    var compte = el("p", { "class": "pp-filtre-compte", role: "status", "aria-live": "polite" });
    var formulaire = el("form", { "class": "pp-filtres", role: "search", "aria-label": T("Filtrer les modules"),
      onsubmit: function (e) { e.preventDefault(); } }, [
      temps, choix("pp-filtre-public", T("Public"), T("tous les publics"), union("public")),
      choix("pp-filtre-mot", T("Mot-clé"), T("tous les mots-clés"), union("motsCles")),
      choix("pp-filtre-sequence", T("Séquence du film"), T("toutes les séquences"), C.sequences), compte]);
    table.parentNode.insertBefore(formulaire, table);
    function filtrer() {
      var n = +document.getElementById("pp-filtre-temps").value || 0;
      var pub = document.getElementById("pp-filtre-public").value;
      var mot = document.getElementById("pp-filtre-mot").value;
      var seq = document.getElementById("pp-filtre-sequence").value;
      var gardes = 0;
      lignes.forEach(function (l) {
        var ok = (!n || l.m.formats.some(function (f) { return f[1] <= n; })) &&
          (!pub || l.m.public.indexOf(pub) >= 0) && (!mot || l.m.motsCles.indexOf(mot) >= 0) &&
          (!seq || l.m.sequences.indexOf(seq) >= 0 || l.m.sequences.indexOf("film entier") >= 0);
        l.tr.hidden = !ok;
        gardes += ok ? 1 : 0;
      });
      compte.textContent = n
        ? N("{n} module sur {total} avec un format de {duree} au plus.", "{n} modules sur {total} avec un format de {duree} au plus.",
          gardes, { total: lignes.length, duree: duree(n) })
        : N("{n} module sur {total}.", "{n} modules sur {total}.", gardes, { total: lignes.length });
    }
    formulaire.addEventListener("input", filtrer);
    formulaire.addEventListener("change", filtrer);
    filtrer();
  }

  /* -- Le composeur ------------------------------------------------------------ */

  function composeur() {
    var racineC = document.getElementById("pp-composeur");
    if (!racineC || !D) { return; }
    document.documentElement.classList.add("pp-page-composeur");
    document.querySelectorAll(".pp-sans-js").forEach(function (n) { n.hidden = true; });
    var lu = depuisAdresse(), message = [];
    var paire = valide(lu || charger() || vide());
    var etat = paire[0];
    if (lu && paire[1].length) { message = paire[1]; }
    var participant = false, facile = false, focus = null, urlYaml = null;

    function changer(structure, cleFocus) {
      focus = cleFocus || null;
      garder(etat);
      if (history.replaceState) { history.replaceState(null, "", "#" + encoder(etat)); }
      if (structure) { rendre(); } else { calculer(); }
    }

    function champ(id, libelle, attributs, surChange) {
      attributs.id = id;
      attributs.oninput = function (e) { surChange(e.target.value); changer(false); };
      return el("p", { "class": "pp-c-champ" }, [el("label", { "for": id, texte: libelle }), " ", el("input", attributs)]);
    }

    function element(s, i, e, n) {
      var cle = "s" + s + "-e" + i, seance = etat.s[s], controles = [];
      var titre, reglage;
      if (e[0] === "m") {
        var m = modules[e[1]];
        titre = el("span", { "class": "pp-c-titre" }, [el("a", { href: lien(m.url), texte: m.titre })]);
        reglage = el("label", {}, [T("Format") + " ", el("select", {
          "data-cle": cle + "-format", "aria-label": T("Format de « {titre} »", { titre: m.titre }),
          onchange: function (ev) { e[2] = ev.target.value; changer(true, cle + "-format"); }
        }, m.formats.map(function (f) {
          return el("option", { value: f.nom, selected: f.nom === e[2], texte: f.nom + " · " + duree(f.duree) + " — " + f.titre });
        }))]);
      } else {
        titre = el("span", { "class": "pp-c-titre", texte: TEMPS[e[0]] });
        reglage = el("label", {}, [T("Minutes") + " ", el("input", {
          type: "number", min: "1", step: "5", value: e[1], "data-cle": cle + "-min", "aria-label": T("Durée : {temps}", { temps: TEMPS[e[0]] }),
          oninput: function (ev) { e[1] = Math.max(1, +ev.target.value || 1); changer(false); }
        })]);
      }
      var nom = e[0] === "m" ? modules[e[1]].titre : TEMPS[e[0]];
      function deplacer(de) {
        var j = i + de, liste = seance.e;
        liste.splice(j, 0, liste.splice(i, 1)[0]);
        var cible = "s" + s + "-e" + j + (de < 0 ? (j === 0 ? "-bas" : "-haut") : (j === n - 1 ? "-haut" : "-bas"));
        changer(true, cible);
      }
      controles.push(el("button", { type: "button", "data-cle": cle + "-haut", disabled: i === 0,
        "aria-label": T("Monter « {nom} »", { nom: nom }), texte: T("Monter"), onclick: function () { deplacer(-1); } }));
      controles.push(el("button", { type: "button", "data-cle": cle + "-bas", disabled: i === n - 1,
        "aria-label": T("Descendre « {nom} »", { nom: nom }), texte: T("Descendre"), onclick: function () { deplacer(1); } }));
      controles.push(el("button", { type: "button", "data-cle": cle + "-retirer", "aria-label": T("Retirer « {nom} »", { nom: nom }),
        texte: T("Retirer"), onclick: function () {
          seance.e.splice(i, 1);
          changer(true, seance.e.length ? "s" + s + "-e" + Math.min(i, seance.e.length - 1) + "-retirer" : "s" + s + "-ajout");
        } }));
      return el("li", { "class": "pp-c-element" }, [titre, " ", reglage, " ",
        el("span", { "class": "pp-c-duree", "data-duree": cle }), " ", el("span", { "class": "pp-c-boutons" }, controles)]);
    }

    function seanceBloc(s) {
      var seance = etat.s[s], id = "pp-c-s" + s;
      var restants = D.modules.filter(function (m) { return modulesDe(etat).indexOf(m.slug) < 0; });
      var choixModule = el("select", { id: id + "-module", "data-cle": "s" + s + "-choix" }, restants.map(function (m) {
        return el("option", { value: m.slug, texte: m.titre });
      }));
      var ajouts = [
        el("label", { "for": id + "-module", texte: T("Module") }), " ", choixModule, " ",
        el("button", { type: "button", "data-cle": "s" + s + "-ajout", disabled: !restants.length, texte: T("Ajouter le module"),
          onclick: function () { ajouterA(s, choixModule.value); } })];
      Object.keys(TEMPS).forEach(function (t) {
        ajouts.push(" ");
        ajouts.push(el("button", { type: "button", "data-cle": "s" + s + "-" + t,
          texte: t === "accueil" ? T("Ajouter un accueil") : t === "pause" ? T("Ajouter une pause") : T("Ajouter une clôture"),
          onclick: function () { seance.e.push([t, t === "pause" ? 15 : 10, ""]); changer(true, "s" + s + "-" + t); } }));
      });
      var liste = el("ol", { "class": "pp-c-programme", "aria-label": T("Programme de la séance {numero}", { numero: s + 1 }) },
        seance.e.map(function (e, i) { return element(s, i, e, seance.e.length); }));
      var retirer = etat.s.length > 1 ? el("button", { type: "button", "data-cle": "s" + s + "-retirer-seance",
        texte: T("Retirer la séance {numero}", { numero: s + 1 }), onclick: function () { etat.s.splice(s, 1); changer(true, "ajouter-seance"); } }) : null;
      return el("section", { "class": "pp-c-seance", "aria-labelledby": id + "-titre" }, [
        el("h3", { id: id + "-titre", texte: T("Séance {numero}", { numero: s + 1 }) }),
        champ(id + "-nom", T("Titre de la séance"), { type: "text", value: seance.t }, function (v) { seance.t = v; }),
        champ(id + "-debut", T("Heure de début"), { type: "time", value: seance.d }, function (v) { seance.d = v; }),
        champ(id + "-dispo", T("Temps disponible (minutes)"), { type: "number", min: "0", step: "5", value: seance.m || "" },
          function (v) { seance.m = Math.max(0, +v || 0); }),
        seance.e.length ? liste : el("p", { texte: T("Aucun élément pour l'instant : ajoutez un module ci-dessous.") }),
        el("p", { "class": "pp-c-total", role: "status", "aria-live": "polite", "data-total": s }),
        el("p", { "class": "pp-c-alerte", role: "alert", "data-alerte": s }),
        el("p", { "class": "pp-c-ajouts" }, ajouts), retirer]);
    }

    function ajouterA(s, slug) {
      if (!slug) { return; }
      var m = modules[slug], formats = m.formats.slice().sort(function (a, b) { return a.duree - b.duree; });
      etat.s[s].e.push(["m", slug, formats[0].nom]);
      changer(true, "s" + s + "-choix");
    }

    function rendre() {
      racineC.textContent = "";
      if (message.length) {
        racineC.appendChild(el("p", { "class": "pp-c-alerte", role: "alert",
          texte: T("Ce lien contenait des éléments inconnus, laissés de côté : {erreurs}.", { erreurs: message.join(T(" ; ")) }) }));
      }
      racineC.appendChild(el("section", { "class": "pp-c-reglages", "aria-labelledby": "pp-c-reglages" }, [
        el("h2", { id: "pp-c-reglages", texte: T("Votre séance") }),
        champ("pp-c-titre", T("Titre"), { type: "text", value: etat.t }, function (v) { etat.t = v; }),
        champ("pp-c-public", T("Public"), { type: "text", value: etat.pub, placeholder: T("par exemple : adultes") }, function (v) { etat.pub = v; }),
        champ("pp-c-participants", T("Nombre de participant·es"), { type: "number", min: "1", value: etat.p }, function (v) { etat.p = Math.max(1, +v || 1); })]));
      etat.s.forEach(function (_, s) { racineC.appendChild(seanceBloc(s)); });
      racineC.appendChild(el("p", {}, [el("button", { type: "button", "data-cle": "ajouter-seance", texte: T("Ajouter une séance"),
        onclick: function () { etat.s.push({ t: "", d: "", m: 0, e: [] }); changer(true, "s" + (etat.s.length - 1) + "-choix"); } })]));
      var partage = el("input", { type: "text", readonly: true, id: "pp-c-lien", "class": "pp-c-lien", "aria-label": T("Lien de la séance") });
      var statut = el("span", { role: "status", "class": "pp-c-statut" });
      racineC.appendChild(el("section", { "class": "pp-c-actions", "aria-labelledby": "pp-c-actions" }, [
        el("h2", { id: "pp-c-actions", texte: T("Imprimer, partager, télécharger") }),
        el("p", {}, [el("label", {}, [el("input", { type: "checkbox", id: "pp-c-participant", checked: participant,
          onchange: function (ev) { participant = ev.target.checked; calculer(); } }),
          " " + T("Édition participant·e (sans les consignes, la liste à préparer ni les notes d'animation)")])]),
        el("p", {}, [el("label", {}, [el("input", { type: "checkbox", id: "pp-c-facile", checked: facile,
          onchange: function (ev) { facile = ev.target.checked; calculer(); } }),
          " " + T("Joindre le texte « En facile à lire » de chaque module, en grands caractères")])]),
        el("p", {}, [el("button", { type: "button", "class": "pp-bouton", texte: T("Imprimer la séance"), onclick: function () {
          if (window.PP_FRAGMENTS || !modulesDe(etat).length) { window.print(); } else { imprimerApres = true; fragment(""); }
        } })]),
        el("p", {}, [el("button", { type: "button", texte: T("Partager"), onclick: function () {
          partage.value = location.href; partage.hidden = false; partage.focus(); partage.select();
          statut.textContent = T("Lien prêt : copiez-le et envoyez-le.");
        } }), " ", partage, " ", el("button", { type: "button", texte: T("Copier le lien"), onclick: function () {
          partage.value = location.href; partage.hidden = false; partage.select();
          var fini = function () { statut.textContent = T("Lien copié."); };
          if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(partage.value).then(fini, function () { document.execCommand("copy"); fini(); }); }
          else { document.execCommand("copy"); fini(); }
        } }), " ", statut]),
        el("p", {}, [el("a", { id: "pp-c-yaml", "class": "pp-bouton", href: "#", texte: T("Télécharger le fichier de parcours (YAML)") }),
          " ", el("span", { texte: T("pour construire l'ePub et les PDF de la séance avec « make curriculum », ou pour la proposer au livre.") })]),
        el("div", { id: "pp-c-fiches" })]));
      var apercu = el("section", { "class": "pp-c-apercu", "aria-labelledby": "pp-c-apercu" }, [
        el("h2", { id: "pp-c-apercu", texte: T("Aperçu de la séance imprimée") }), el("div", { id: "pp-impression", "class": "pp-impression" })]);
      racineC.appendChild(apercu);
      partage.hidden = true;
      calculer();
      if (focus) {
        var cible = racineC.querySelector('[data-cle="' + focus + '"]');
        if (cible && cible.disabled) { cible = cible.parentNode.querySelector("button:not([disabled])"); }
        if (cible) { cible.focus(); }
      }
    }

    /* Les étapes de toute la séance, avec leurs heures. */
    function deroule() {
      return etat.s.map(function (seance) {
        var debut = lireHeure(seance.d), t = 0, lignes = [];
        seance.e.forEach(function (e) {
          if (e[0] === "m") {
            var m = modules[e[1]], f = formatDe(e[1], e[2]);
            var morceaux = window.PP_FRAGMENTS && window.PP_FRAGMENTS[e[1]];
            var consignes = (morceaux && morceaux.consignes && morceaux.consignes[f.nom]) || [];
            f.etapes.forEach(function (etape, k) {
              var c = consignes[k] || ["", []];
              lignes.push({ t: t, minutes: etape.minutes, texte: etape.texte, consignes: c[0],
                courtes: c[1], module: k === 0 ? m : null, format: f,
                avec: etape.references, slug: e[1] });
              t += etape.minutes;
            });
          } else {
            lignes.push({ t: t, minutes: +e[1], texte: e[2] ? T("{temps} : {texte}", { temps: TEMPS[e[0]], texte: e[2] }) : TEMPS[e[0]], consignes: "" });
            t += +e[1];
          }
        });
        return { seance: seance, debut: debut, total: t, lignes: lignes };
      });
    }
    function horloge(debut, t) { return debut === null ? heure(t) : heure(debut + t); }
    function reference(r, slug) {
      var m = modules[slug];
      if (r[0] === "film") { return T("le film entier"); }
      if (r[0] === "sequence") { return T("la séquence « {sequence} »", { sequence: r[1] }); }
      if (r[0] === "activite") {
        var a = m.activites.filter(function (x) { return x.nom === r[1]; })[0];
        return T("activité « {activite} »", { activite: a ? a.titre : r[1] });
      }
      var q = m.questions.filter(function (x) { return x.nom === r[1]; })[0];
      return T("question : {question}", { question: q ? q.texte : r[1] });
    }

    function calculer() {
      var plan = deroule();
      plan.forEach(function (p, s) {
        var total = racineC.querySelector('[data-total="' + s + '"]'), alerte = racineC.querySelector('[data-alerte="' + s + '"]');
        var texte = [T("Total : {duree}", { duree: duree(p.total) })];
        if (p.debut !== null) { texte.push(T("de {debut} à {fin}", { debut: heure(p.debut), fin: heure(p.debut + p.total) })); }
        if (p.seance.m) {
          texte.push(T("temps disponible : {duree}", { duree: duree(p.seance.m) }));
          if (p.total <= p.seance.m) { texte.push(T("marge : {duree}", { duree: duree(p.seance.m - p.total) })); }
        }
        if (total) { total.textContent = texte.join(" · ") + "."; }
        if (alerte) {
          alerte.textContent = p.seance.m && p.total > p.seance.m ? T("Attention : le programme dépasse de {duree} le temps disponible. Choisissez un format plus court, retirez un élément ou allongez le temps.",
            { duree: duree(p.total - p.seance.m) }) : "";
        }
        p.seance.e.forEach(function (e, i) {
          var d = racineC.querySelector('[data-duree="s' + s + "-e" + i + '"]');
          if (d) { d.textContent = duree(dureeElement(e)); }
        });
      });
      var slugs = modulesDe(etat);
      var fiches = racineC.querySelector("#pp-c-fiches");
      if (fiches) {
        fiches.textContent = "";
        if (slugs.length) {
          fiches.appendChild(el("h3", { texte: T("Les fiches des modules choisis") }));
          fiches.appendChild(el("ul", {}, slugs.map(function (slug) {
            var m = modules[slug];
            return el("li", {}, placer(T("{titre} : {fiches}"), { titre: m.titre, fiches: liensPdf(m) }));
          })));
        }
      }
      var yaml = racineC.querySelector("#pp-c-yaml");
      if (yaml) {
        if (urlYaml) { URL.revokeObjectURL(urlYaml); }
        urlYaml = URL.createObjectURL(new Blob([versYaml()], { type: "text/yaml;charset=utf-8" }));
        yaml.href = urlYaml;
        yaml.setAttribute("download", nomFichier() + ".yml");
      }
      imprimer(plan);
    }

    function nomFichier() {
      return sansAccent(etat.t || "seance").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "seance";
    }
    function chaine(t) { return '"' + String(t).replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"'; }
    function versYaml() {
      /* Les clés restent en français : le fichier se lit dans toutes les éditions. */
      var l = ["# " + T("Parcours composé sur le site « Plus personne », modules pédagogiques."),
        "# " + T("make curriculum C=curricula/{fichier}.yml le construit en site, ePub et PDF.", { fichier: nomFichier() }),
        "titre: " + chaine(etat.t || T("Ma séance")), "public: " + chaine(etat.pub || T("à préciser")), "participants: " + etat.p];
      function programme(s, retrait) {
        s.e.forEach(function (e) {
          if (e[0] === "m") { l.push(retrait + "- module: " + e[1]); l.push(retrait + "  format: " + e[2]); }
          else { l.push(retrait + "- " + e[0] + ": " + e[1]); if (e[2]) { l.push(retrait + "  texte: " + chaine(e[2])); } }
        });
      }
      if (etat.s.length === 1) {
        var s = etat.s[0];
        if (s.d) { l.push("début: " + chaine(s.d)); }
        if (s.m) { l.push("durée: " + s.m); }
        l.push("programme:");
        programme(s, "  ");
      } else {
        l.push("séances:");
        etat.s.forEach(function (s, i) {
          l.push("  - titre: " + chaine(s.t || T("Séance {numero}", { numero: i + 1 })));
          if (s.d) { l.push("    début: " + chaine(s.d)); }
          if (s.m) { l.push("    durée: " + s.m); }
          l.push("    programme:");
          programme(s, "      ");
        });
      }
      return l.join("\n") + "\n";
    }

    /* La séance imprimée : déroulé, à préparer, questions, puis chaque module. */
    function imprimer(plan) {
      var zone = racineC.querySelector("#pp-impression");
      if (!zone) { return; }
      zone.textContent = "";
      zone.className = "pp-impression" + (participant ? " pp-i-participant" : "");
      var slugs = modulesDe(etat), total = plan.reduce(function (a, p) { return a + p.total; }, 0);
      /* Titre de niveau 1 : à l'impression, c'est le seul titre de la page. */
      zone.appendChild(el("h1", { "class": "pp-i-titre", texte: etat.t || T("Ma séance") }));
      /* Toujours « participant·es », même pour une seule personne. */
      var resume = [T("{n} participant·es", { n: etat.p }), plan.length > 1
        ? T("durée : {duree} en {n} séances", { duree: duree(total), n: plan.length }) : T("durée : {duree}", { duree: duree(total) })];
      if (etat.pub) { resume.unshift(T("Public : {public}", { "public": etat.pub })); }
      zone.appendChild(el("p", { texte: resume.join(" · ") + "." }));
      if (!slugs.length) { zone.appendChild(el("p", { texte: T("Ajoutez au moins un module pour voir la séance.") })); return; }
      plan.forEach(function (p, s) {
        var tete = plan.length < 2 ? T("Déroulé") : p.seance.t ? T("Séance {numero} : {titre}", { numero: s + 1, titre: p.seance.t })
          : T("Séance {numero}", { numero: s + 1 });
        zone.appendChild(el("h2", { texte: tete + " — " + duree(p.total) +
          (p.debut !== null ? ", " + T("de {debut} à {fin}", { debut: heure(p.debut), fin: heure(p.debut + p.total) }) : "") }));
        zone.appendChild(el("table", { "class": "pp-i-deroule table" }, [
          el("thead", {}, [el("tr", {}, [T("Heure"), T("Durée"), T("Étape"), T("Module")].map(function (t) { return el("th", { scope: "col", texte: t }); }))]),
          el("tbody", {}, p.lignes.map(function (l) {
            return el("tr", {}, [el("td", { texte: horloge(p.debut, l.t) }), el("td", { texte: duree(l.minutes) }),
              el("td", {}, [el("span", { texte: l.texte }), l.consignes ? el("span", { "class": "pp-i-consignes", texte: l.consignes }) : null]
                .concat((l.courtes || []).map(function (c) {
                  return el("span", { "class": "pp-i-consignes", texte: T("Version courte de l’activité : {consigne}", { consigne: c }) });
                }))),
              el("td", { texte: (l.module ? T("{titre} (format « {format} »)", { titre: l.module.titre, format: l.format.nom }) : "") +
                (l.avec && l.avec.length ? (l.module ? " — " : "") + l.avec.map(function (r) { return reference(r, l.slug); }).join(T(" ; ")) : "") })]);
          }))]));
      });
      var prep = el("div", { "class": "pp-i-preparer" }, [el("h2", {
        texte: T("À préparer (pour {n} participant·es, groupes de {taille})", { n: etat.p, taille: D.tailleGroupe }) })]);
      var items = [], film = false, sequences = false;
      plan.forEach(function (p) {
        p.seance.e.forEach(function (e) {
          if (e[0] !== "m") { return; }
          var m = modules[e[1]], f = formatDe(e[1], e[2]), vues = [];
          f.etapes.forEach(function (etape) {
            etape.references.forEach(function (r) {
              if (r[0] === "film") { film = true; }
              if (r[0] === "sequence") { sequences = true; }
              if (r[0] === "activite" && vues.indexOf(r[1]) < 0) { vues.push(r[1]); }
            });
          });
          vues.forEach(function (nom) {
            var a = m.activites.filter(function (x) { return x.nom === nom; })[0];
            if (!a) { return; }
            var materiel = a.materiel.length ? el("ul", {}, a.materiel.map(function (x) { return el("li", { texte: quantite(x) }); })) : null;
            items.push(el("li", {}, materiel
              ? placer(T("{module}, activité « {activite} » : {materiel}"), { module: m.titre, activite: a.titre, materiel: materiel })
              : [T("{module}, activité « {activite} » : rien à préparer.", { module: m.titre, activite: a.titre })]));
          });
        });
      });
      if (film || sequences) {
        /* Le titre du film reste en français dans toutes les éditions. */
        var projection = { film: el("em", { texte: "Plus personne" }), duree: D.film.duree,
          url: el("a", { href: D.film.url, "class": "reference external pp-url", texte: D.film.url }) };
        items.unshift(el("li", {}, placer(sequences
          ? T("Projection : le film {film} ({duree} min, {url}), un écran ou un projecteur et des haut-parleurs ; repérez à l'avance le début des séquences choisies ; essayez la lecture et le son dans la salle avant la séance.")
          : T("Projection : le film {film} ({duree} min, {url}), un écran ou un projecteur et des haut-parleurs ; essayez la lecture et le son dans la salle avant la séance."),
          projection)));
      }
      prep.appendChild(el("ul", {}, items.length ? items : [el("li", { texte: T("rien à préparer.") })]));
      zone.appendChild(prep);
      var questions = el("div", { "class": "pp-i-questions" }, [el("h2", { texte: T("Questions, par moment") })]);
      MOMENTS.forEach(function (mo) {
        var liste = [];
        slugs.forEach(function (slug) {
          modules[slug].questions.forEach(function (q) { if (q.moment === mo[0]) { liste.push(el("li", {}, [q.texte + " ", el("em", { texte: "(" + modules[slug].titre + ")" })])); } });
        });
        if (liste.length) { questions.appendChild(el("h3", { texte: mo[1] })); questions.appendChild(el("ol", {}, liste)); }
      });
      zone.appendChild(questions);
      plan.forEach(function (p) {
        p.seance.e.forEach(function (e) {
          if (e[0] !== "m") { return; }
          var m = modules[e[1]], f = formatDe(e[1], e[2]);
          var bloc = el("section", { "class": "pp-i-module" }, [el("h2", { texte: m.titre }),
            el("p", { texte: T("Format « {format} » · {duree} — {titre}. Film : {film}",
              { format: f.nom, duree: duree(f.duree), titre: f.titre, film: f.film }) })]);
          var utilisees = [];
          f.etapes.forEach(function (etape) { etape.references.forEach(function (r) { if (r[0] === "activite" && utilisees.indexOf(r[1]) < 0) { utilisees.push(r[1]); } }); });
          var morceaux = fragment(e[1]);
          if (!morceaux) {
            bloc.appendChild(el("p", { "class": "pp-i-chargement", texte: T("Chargement des consignes des activités…") }));
          } else {
            m.activites.forEach(function (a) {
              if (utilisees.indexOf(a.nom) >= 0) { bloc.appendChild(el("div", { "class": "pp-i-activite", html: absolus((morceaux.activites || {})[a.nom] || "") })); }
            });
            bloc.appendChild(el("h3", { texte: T("Les questions du module") }));
            (morceaux.questions || []).forEach(function (q) { bloc.appendChild(el("div", { "class": "pp-i-question", html: absolus(q) })); });
          }
          bloc.appendChild(el("p", {}, placer(T("Fiches : {fiches}"), { fiches: liensPdf(m) })));
          zone.appendChild(bloc);
          if (facile && morceaux && morceaux.facile) {
            zone.appendChild(el("section", { "class": "pp-i-module pp-i-facile" }, [
              el("h2", { texte: T("{titre} — en facile à lire", { titre: m.titre }) }), el("div", { html: absolus(morceaux.facile).replace(/<h[1-6][^>]*>[\s\S]*?<\/h[1-6]>/, "") })]));
          }
        });
      });
    }
    /* Les consignes et notes des activités (HTML) : chargées à la première séance imprimable. */
    var fragmentsDemandes = false, imprimerApres = false;
    function fragment(slug) {
      if (window.PP_FRAGMENTS) { return window.PP_FRAGMENTS[slug] || {}; }
      if (!fragmentsDemandes) {
        fragmentsDemandes = true;
        var script = el("script", { src: lien(D.fragments) });
        script.addEventListener("load", function () {
          calculer();
          if (imprimerApres) { imprimerApres = false; window.print(); }
        });
        document.head.appendChild(script);
      }
      return null;
    }
    function quantite(x) {
      if (x.pour === "disposition") { return T("Disposition de la salle : {quoi}", { quoi: x.quoi }); }
      if (x.pour === "participant") {
        return T("{total} × {quoi} ({nombre} par participant·e)", { total: x.nombre * etat.p, quoi: x.quoi, nombre: x.nombre });
      }
      if (x.pour === "groupe") {
        return T("{total} × {quoi} ({nombre} par groupe de {taille})",
          { total: x.nombre * Math.ceil(etat.p / D.tailleGroupe), quoi: x.quoi, nombre: x.nombre, taille: D.tailleGroupe });
      }
      return T("{nombre} × {quoi} (pour la salle)", { nombre: x.nombre, quoi: x.quoi });
    }
    function absolus(html) {
      /* Les adresses des fragments partent de la racine du site. */
      return html.replace(/\b(href|src)="(?![a-z][a-z0-9+.-]*:|\/\/|#)([^"]*)"/g, function (_, a, v) { return a + '="' + racine + v + '"'; })
        .replace(/\bid="/g, 'data-id="');
    }

    rendre();
  }

  function demarrer() { catalogue(); composeur(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", demarrer); } else { demarrer(); }
})();
