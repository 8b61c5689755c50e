/* « Plus personne », modules pédagogiques : composer une séance dans le navigateur.
 *
 * Trois usages, selon la page :
 * - le catalogue : des filtres (temps disponible, public, mot-clé, séquence du film)
 *   et un bouton « Ajouter à ma séance » par module ;
 * - la page d'un module : le même bouton ;
 * - le composeur : choisir des modules et leurs formats, les ordonner, régler
 *   l'heure, les pauses et les séances, imprimer, partager, télécharger le parcours.
 *
 * Les pages sont complètes sans ce script : il ne fait qu'ajouter des contrôles.
 * Les données viennent de la construction : composeur-catalogue-*.js sur le catalogue,
 * composeur-donnees-*.js sur le composeur, composeur-fragments-*.js (consignes et notes
 * en HTML) chargé à la demande pour la séance imprimée ; la page d'un module n'en a pas
 * besoin. La séance en cours vit dans l'adresse (#seance=…) et dans le stockage local. */
(function () {
  "use strict";
  var D = window.PP_DONNEES || null, C = window.PP_CATALOGUE || null;
  var racine = document.documentElement.getAttribute("data-content_root") || "";
  var CLE = "pp-seance";
  var MOMENTS = [["avant", "Avant le film"], ["après", "Après le film"], ["débat", "Débat"]];
  var TEMPS = { accueil: "Accueil", pause: "Pause", "clôture": "Clôture" };
  var NBSP = "\u00a0";
  var modules = {};
  ((D || C || { modules: [] }).modules).forEach(function (m) { modules[m.slug] = m; });

  /* -- Outils ------------------------------------------------------------------ */

  function el(nom, attributs, enfants) {
    var e = document.createElement(nom);
    Object.keys(attributs || {}).forEach(function (a) {
      var v = attributs[a];
      if (v === null || v === undefined || v === false) { return; }
      if (a === "texte") { e.textContent = v; }
      else if (a === "html") { e.innerHTML = v; }
      else if (a.slice(0, 2) === "on") { e.addEventListener(a.slice(2), v); }
      else { e.setAttribute(a, v === true ? "" : v); }
    });
    (enfants || []).forEach(function (c) {
      if (c !== null && c !== undefined) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); }
    });
    return e;
  }
  function duree(min) {
    var h = Math.floor(min / 60), r = min % 60;
    if (!h) { return r + NBSP + "min"; }
    return r ? h + NBSP + "h" + NBSP + (r < 10 ? "0" : "") + r : h + NBSP + "h";
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
  function lien(chemin) { return racine + chemin; }
  function liensPdf(m) {
    var liste = [["animateur", "fiche animateur·rice (PDF)"], ["participant", "fiche participant·e (PDF)"],
      ["facile", "facile à lire, grands caractères (PDF)"]].filter(function (p) { return m.pdf[p[0]]; });
    if (!liste.length) { return ["les PDF sont produits par « make all », absents de cette construction."]; }
    var morceaux = [];
    liste.forEach(function (p, i) {
      if (i) { morceaux.push(" · "); }
      morceaux.push(el("a", { href: lien(m.pdf[p[0]]), texte: p[1] }));
    });
    return morceaux;
  }
  function sansAccent(t) { return t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  /* -- La séance : état, adresse, stockage ------------------------------------- */

  var PARTICIPANTS = D ? D.participants : 20;
  function vide() { return { t: "Ma séance", pub: "", p: PARTICIPANTS, s: [{ t: "", d: "", m: 0, e: [] }] }; }
  function plusCourt(slug) {
    return modules[slug].formats.slice().sort(function (a, b) { return a.duree - b.duree; })[0].nom;
  }
  function valide(etat) {
    var erreurs = [];
    if (!etat || !Array.isArray(etat.s) || !etat.s.length) { return [vide(), ["Ce lien ne contient pas de séance lisible."]]; }
    var propre = { t: String(etat.t || "Ma séance"), pub: String(etat.pub || ""), p: Math.max(1, +etat.p || PARTICIPANTS), s: [] };
    etat.s.forEach(function (s) {
      var seance = { t: String(s.t || ""), d: lireHeure(s.d) === null ? "" : s.d, m: Math.max(0, +s.m || 0), e: [] };
      (s.e || []).forEach(function (e) {
        if (e[0] === "m") {
          if (!modules[e[1]]) { erreurs.push("module inconnu « " + e[1] + " »"); return; }
          if (!formatDe(e[1], e[2])) {
            /* Un module ajouté depuis sa page arrive sans format : le plus court. */
            if (e[2]) { erreurs.push("format inconnu « " + e[2] + " » pour « " + e[1] + " »"); }
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
  function encoder(etat) { return "seance=" + encodeURIComponent(JSON.stringify(etat)); }
  function depuisAdresse() {
    var m = /(?:^#|&)seance=([^&]*)/.exec(location.hash);
    if (!m) { return null; }
    try { return JSON.parse(decodeURIComponent(m[1])); } catch (e) { return { s: [] }; }
  }
  function charger() {
    try { return JSON.parse(localStorage.getItem(CLE) || "null"); } catch (e) { return null; }
  }
  function garder(etat) {
    try { localStorage.setItem(CLE, JSON.stringify(etat)); } catch (e) { /* stockage refusé : l'adresse suffit */ }
  }
  function modulesDe(etat) {
    var liste = [];
    etat.s.forEach(function (s) { s.e.forEach(function (e) { if (e[0] === "m") { liste.push(e[1]); } }); });
    return liste;
  }
  function ajouterModule(etat, slug) {
    /* Sans données (page d'un module, catalogue), l'état garde le module ; le composeur
       choisit son format le plus court et vérifie tout à l'ouverture. */
    if (modulesDe(etat).indexOf(slug) >= 0) { return false; }
    var m = modules[slug], format = "";
    if (m && m.formats.length) {
      var f = m.formats.map(function (x) { return Array.isArray(x) ? { nom: x[0], duree: x[1] } : x; })
        .sort(function (a, b) { return a.duree - b.duree; })[0];
      format = f.nom;
    }
    etat.s[etat.s.length - 1].e.push(["m", slug, format]);
    return true;
  }
  function chargerEtat() {
    var etat = charger();
    if (!etat || !Array.isArray(etat.s) || !etat.s.length) { etat = vide(); }
    return etat;
  }

  /* -- « Ajouter à ma séance » (catalogue, page d'un module) -------------------- */

  function boutonAjouter(slug, titre) {
    var statut = el("span", { "class": "pp-ajout-statut", role: "status" });
    var bouton = el("button", {
      type: "button", "class": "pp-bouton", texte: "Ajouter à ma séance",
      "aria-label": "Ajouter à ma séance : « " + titre + " »",
      onclick: function () {
        var etat = chargerEtat();
        var ajoute = ajouterModule(etat, slug);
        garder(etat);
        statut.textContent = "";
        statut.appendChild(document.createTextNode((ajoute ? "Ajouté" : "Déjà dans votre séance") +
          " (" + modulesDe(etat).length + " module" + (modulesDe(etat).length > 1 ? "s" : "") + "). "));
        statut.appendChild(el("a", { href: lien("docs/composer.html#" + encoder(etat)), texte: "Ouvrir le composeur" }));
      }
    });
    return el("span", { "class": "pp-ajout" }, [bouton, " ", statut]);
  }

  function pageModule() {
    var m = /modules\/([a-z0-9-]+)\/index\.html$/.exec(location.pathname);
    var fiche = document.querySelector(".pp-fiche"), titre = document.querySelector("h1");
    if (!m || !fiche || !titre) { return; }
    var nom = titre.textContent.replace(/#\s*$/, "").trim();
    fiche.parentNode.insertBefore(el("p", { "class": "pp-ajout-module" }, [boutonAjouter(m[1], nom)]), fiche.nextSibling);
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
      return Object.keys(vus).sort(function (a, b) { return a.localeCompare(b, "fr"); });
    }
    function choix(id, libelle, tous, valeurs) {
      return el("p", { "class": "pp-filtre" }, [el("label", { "for": id, texte: libelle }), " ",
        el("select", { id: id }, [el("option", { value: "", texte: tous })].concat(valeurs.map(function (v) {
          return el("option", { value: v, texte: v });
        })))]);
    }
    var temps = el("p", { "class": "pp-filtre" }, [el("label", { "for": "pp-filtre-temps", texte: "Temps disponible (minutes)" }), " ",
      el("input", { id: "pp-filtre-temps", type: "number", min: "1", step: "5", inputmode: "numeric" })]);
    var compte = el("p", { "class": "pp-filtre-compte", role: "status", "aria-live": "polite" });
    var formulaire = el("form", { "class": "pp-filtres", role: "search", "aria-label": "Filtrer les modules",
      onsubmit: function (e) { e.preventDefault(); } }, [
      temps, choix("pp-filtre-public", "Public", "tous les publics", union("public")),
      choix("pp-filtre-mot", "Mot-clé", "tous les mots-clés", union("motsCles")),
      choix("pp-filtre-sequence", "Séquence du film", "toutes les séquences", C.sequences), compte]);
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
      compte.textContent = gardes + " module" + (gardes > 1 ? "s" : "") + " sur " + lignes.length +
        (n ? " avec un format de " + duree(n) + " au plus" : "") + ".";
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
        reglage = el("label", {}, ["Format ", el("select", {
          "data-cle": cle + "-format", "aria-label": "Format de « " + m.titre + " »",
          onchange: function (ev) { e[2] = ev.target.value; changer(true, cle + "-format"); }
        }, m.formats.map(function (f) {
          return el("option", { value: f.nom, selected: f.nom === e[2], texte: f.nom + " · " + duree(f.duree) + " — " + f.titre });
        }))]);
      } else {
        titre = el("span", { "class": "pp-c-titre", texte: TEMPS[e[0]] });
        reglage = el("label", {}, ["Minutes ", el("input", {
          type: "number", min: "1", step: "5", value: e[1], "data-cle": cle + "-min", "aria-label": "Durée : " + TEMPS[e[0]],
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
        "aria-label": "Monter « " + nom + " »", texte: "Monter", onclick: function () { deplacer(-1); } }));
      controles.push(el("button", { type: "button", "data-cle": cle + "-bas", disabled: i === n - 1,
        "aria-label": "Descendre « " + nom + " »", texte: "Descendre", onclick: function () { deplacer(1); } }));
      controles.push(el("button", { type: "button", "data-cle": cle + "-retirer", "aria-label": "Retirer « " + nom + " »",
        texte: "Retirer", onclick: function () {
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
        el("label", { "for": id + "-module", texte: "Module" }), " ", choixModule, " ",
        el("button", { type: "button", "data-cle": "s" + s + "-ajout", disabled: !restants.length, texte: "Ajouter le module",
          onclick: function () { ajouterA(s, choixModule.value); } })];
      Object.keys(TEMPS).forEach(function (t) {
        ajouts.push(" ");
        ajouts.push(el("button", { type: "button", "data-cle": "s" + s + "-" + t, texte: "Ajouter " + (t === "accueil" ? "un accueil" : t === "pause" ? "une pause" : "une clôture"),
          onclick: function () { seance.e.push([t, t === "pause" ? 15 : 10, ""]); changer(true, "s" + s + "-" + t); } }));
      });
      var liste = el("ol", { "class": "pp-c-programme", "aria-label": "Programme de la séance " + (s + 1) },
        seance.e.map(function (e, i) { return element(s, i, e, seance.e.length); }));
      var retirer = etat.s.length > 1 ? el("button", { type: "button", "data-cle": "s" + s + "-retirer-seance",
        texte: "Retirer la séance " + (s + 1), onclick: function () { etat.s.splice(s, 1); changer(true, "ajouter-seance"); } }) : null;
      return el("section", { "class": "pp-c-seance", "aria-labelledby": id + "-titre" }, [
        el("h3", { id: id + "-titre", texte: "Séance " + (s + 1) }),
        champ(id + "-nom", "Titre de la séance", { type: "text", value: seance.t }, function (v) { seance.t = v; }),
        champ(id + "-debut", "Heure de début", { type: "time", value: seance.d }, function (v) { seance.d = v; }),
        champ(id + "-dispo", "Temps disponible (minutes)", { type: "number", min: "0", step: "5", value: seance.m || "" },
          function (v) { seance.m = Math.max(0, +v || 0); }),
        seance.e.length ? liste : el("p", { texte: "Aucun élément pour l'instant : ajoutez un module ci-dessous." }),
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
          texte: "Ce lien contenait des éléments inconnus, laissés de côté : " + message.join(" ; ") + "." }));
      }
      racineC.appendChild(el("section", { "class": "pp-c-reglages", "aria-labelledby": "pp-c-reglages" }, [
        el("h2", { id: "pp-c-reglages", texte: "Votre séance" }),
        champ("pp-c-titre", "Titre", { type: "text", value: etat.t }, function (v) { etat.t = v; }),
        champ("pp-c-public", "Public", { type: "text", value: etat.pub, placeholder: "par exemple : adultes" }, function (v) { etat.pub = v; }),
        champ("pp-c-participants", "Nombre de participant·es", { type: "number", min: "1", value: etat.p }, function (v) { etat.p = Math.max(1, +v || 1); })]));
      etat.s.forEach(function (_, s) { racineC.appendChild(seanceBloc(s)); });
      racineC.appendChild(el("p", {}, [el("button", { type: "button", "data-cle": "ajouter-seance", texte: "Ajouter une séance",
        onclick: function () { etat.s.push({ t: "", d: "", m: 0, e: [] }); changer(true, "s" + (etat.s.length - 1) + "-choix"); } })]));
      var partage = el("input", { type: "text", readonly: true, id: "pp-c-lien", "class": "pp-c-lien", "aria-label": "Lien de la séance" });
      var statut = el("span", { role: "status", "class": "pp-c-statut" });
      racineC.appendChild(el("section", { "class": "pp-c-actions", "aria-labelledby": "pp-c-actions" }, [
        el("h2", { id: "pp-c-actions", texte: "Imprimer, partager, télécharger" }),
        el("p", {}, [el("label", {}, [el("input", { type: "checkbox", id: "pp-c-participant", checked: participant,
          onchange: function (ev) { participant = ev.target.checked; calculer(); } }),
          " Édition participant·e (sans les consignes, la liste à préparer ni les notes d'animation)"])]),
        el("p", {}, [el("label", {}, [el("input", { type: "checkbox", id: "pp-c-facile", checked: facile,
          onchange: function (ev) { facile = ev.target.checked; calculer(); } }),
          " Joindre le texte « En facile à lire » de chaque module, en grands caractères"])]),
        el("p", {}, [el("button", { type: "button", "class": "pp-bouton", texte: "Imprimer la séance", onclick: function () {
          if (window.PP_FRAGMENTS || !modulesDe(etat).length) { window.print(); } else { imprimerApres = true; fragment(""); }
        } })]),
        el("p", {}, [el("button", { type: "button", texte: "Partager", onclick: function () {
          partage.value = location.href; partage.hidden = false; partage.focus(); partage.select();
          statut.textContent = "Lien prêt : copiez-le et envoyez-le.";
        } }), " ", partage, " ", el("button", { type: "button", texte: "Copier le lien", onclick: function () {
          partage.value = location.href; partage.hidden = false; partage.select();
          var fini = function () { statut.textContent = "Lien copié."; };
          if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(partage.value).then(fini, function () { document.execCommand("copy"); fini(); }); }
          else { document.execCommand("copy"); fini(); }
        } }), " ", statut]),
        el("p", {}, [el("a", { id: "pp-c-yaml", "class": "pp-bouton", href: "#", texte: "Télécharger le fichier de parcours (YAML)" }),
          " ", el("span", { texte: "pour construire l'ePub et les PDF de la séance avec « make curriculum », ou pour la proposer au livre." })]),
        el("div", { id: "pp-c-fiches" })]));
      var apercu = el("section", { "class": "pp-c-apercu", "aria-labelledby": "pp-c-apercu" }, [
        el("h2", { id: "pp-c-apercu", texte: "Aperçu de la séance imprimée" }), el("div", { id: "pp-impression", "class": "pp-impression" })]);
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
            lignes.push({ t: t, minutes: +e[1], texte: TEMPS[e[0]] + (e[2] ? " : " + e[2] : ""), consignes: "" });
            t += +e[1];
          }
        });
        return { seance: seance, debut: debut, total: t, lignes: lignes };
      });
    }
    function horloge(debut, t) { return debut === null ? heure(t) : heure(debut + t); }
    function reference(r, slug) {
      var m = modules[slug];
      if (r[0] === "film") { return "le film entier"; }
      if (r[0] === "sequence") { return "la séquence « " + r[1] + " »"; }
      if (r[0] === "activite") { var a = m.activites.filter(function (x) { return x.nom === r[1]; })[0]; return "activité « " + (a ? a.titre : r[1]) + " »"; }
      var q = m.questions.filter(function (x) { return x.nom === r[1]; })[0];
      return "question : " + (q ? q.texte : r[1]);
    }

    function calculer() {
      var plan = deroule();
      plan.forEach(function (p, s) {
        var total = racineC.querySelector('[data-total="' + s + '"]'), alerte = racineC.querySelector('[data-alerte="' + s + '"]');
        var texte = "Total : " + duree(p.total) + (p.debut !== null ? " · de " + heure(p.debut) + " à " + heure(p.debut + p.total) : "");
        if (p.seance.m) { texte += " · temps disponible : " + duree(p.seance.m) + (p.total <= p.seance.m ? " · marge : " + duree(p.seance.m - p.total) : ""); }
        if (total) { total.textContent = texte + "."; }
        if (alerte) {
          alerte.textContent = p.seance.m && p.total > p.seance.m ? "Attention : le programme dépasse de " + duree(p.total - p.seance.m) +
            " le temps disponible. Choisissez un format plus court, retirez un élément ou allongez le temps." : "";
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
          fiches.appendChild(el("h3", { texte: "Les fiches des modules choisis" }));
          fiches.appendChild(el("ul", {}, slugs.map(function (slug) {
            var m = modules[slug];
            return el("li", {}, [m.titre + " : "].concat(liensPdf(m)));
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
      var l = ["# Parcours composé sur le site « Plus personne », modules pédagogiques.",
        "# make curriculum C=curricula/" + nomFichier() + ".yml le construit en site, ePub et PDF.",
        "titre: " + chaine(etat.t || "Ma séance"), "public: " + chaine(etat.pub || "à préciser"), "participants: " + etat.p];
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
          l.push("  - titre: " + chaine(s.t || "Séance " + (i + 1)));
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
      zone.appendChild(el("h1", { "class": "pp-i-titre", texte: etat.t || "Ma séance" }));
      zone.appendChild(el("p", { texte: (etat.pub ? "Public : " + etat.pub + " · " : "") + etat.p + " participant·es · durée : " + duree(total) +
        (plan.length > 1 ? " en " + plan.length + " séances" : "") + "." }));
      if (!slugs.length) { zone.appendChild(el("p", { texte: "Ajoutez au moins un module pour voir la séance." })); return; }
      plan.forEach(function (p, s) {
        zone.appendChild(el("h2", { texte: (plan.length > 1 ? "Séance " + (s + 1) + (p.seance.t ? " : " + p.seance.t : "") + " — " : "Déroulé — ") +
          duree(p.total) + (p.debut !== null ? ", de " + heure(p.debut) + " à " + heure(p.debut + p.total) : "") }));
        zone.appendChild(el("table", { "class": "pp-i-deroule table" }, [
          el("thead", {}, [el("tr", {}, ["Heure", "Durée", "Étape", "Module"].map(function (t) { return el("th", { scope: "col", texte: t }); }))]),
          el("tbody", {}, p.lignes.map(function (l) {
            return el("tr", {}, [el("td", { texte: horloge(p.debut, l.t) }), el("td", { texte: duree(l.minutes) }),
              el("td", {}, [el("span", { texte: l.texte }), l.consignes ? el("span", { "class": "pp-i-consignes", texte: l.consignes }) : null]
                .concat((l.courtes || []).map(function (c) { return el("span", { "class": "pp-i-consignes", texte: "Version courte de l’activité : " + c }); }))),
              el("td", { texte: (l.module ? l.module.titre + " (format « " + l.format.nom + " »)" : "") +
                (l.avec && l.avec.length ? (l.module ? " — " : "") + l.avec.map(function (r) { return reference(r, l.slug); }).join(" ; ") : "") })]);
          }))]));
      });
      var prep = el("div", { "class": "pp-i-preparer" }, [el("h2", { texte: "À préparer (pour " + etat.p + " participant·es, groupes de " + D.tailleGroupe + ")" })]);
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
            items.push(el("li", {}, [m.titre + ", activité « " + a.titre + " » : " + (a.materiel.length ? "" : "rien à préparer."),
              a.materiel.length ? el("ul", {}, a.materiel.map(function (x) { return el("li", { texte: quantite(x) }); })) : null]));
          });
        });
      });
      if (film || sequences) {
        items.unshift(el("li", {}, ["Projection : le film ", el("em", { texte: "Plus personne" }), " (" + D.film.duree + " min, ",
          el("a", { href: D.film.url, "class": "reference external pp-url", texte: D.film.url }), "), un écran ou un projecteur et des haut-parleurs ; " +
          (sequences ? "repérez à l'avance le début des séquences choisies ; " : "") + "essayez la lecture et le son dans la salle avant la séance."]));
      }
      prep.appendChild(el("ul", {}, items.length ? items : [el("li", { texte: "rien à préparer." })]));
      zone.appendChild(prep);
      var questions = el("div", { "class": "pp-i-questions" }, [el("h2", { texte: "Questions, par moment" })]);
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
            el("p", { texte: "Format « " + f.nom + " » · " + duree(f.duree) + " — " + f.titre + ". Film : " + f.film })]);
          var utilisees = [];
          f.etapes.forEach(function (etape) { etape.references.forEach(function (r) { if (r[0] === "activite" && utilisees.indexOf(r[1]) < 0) { utilisees.push(r[1]); } }); });
          var morceaux = fragment(e[1]);
          if (!morceaux) {
            bloc.appendChild(el("p", { "class": "pp-i-chargement", texte: "Chargement des consignes des activités…" }));
          } else {
            m.activites.forEach(function (a) {
              if (utilisees.indexOf(a.nom) >= 0) { bloc.appendChild(el("div", { "class": "pp-i-activite", html: absolus((morceaux.activites || {})[a.nom] || "") })); }
            });
            bloc.appendChild(el("h3", { texte: "Les questions du module" }));
            (morceaux.questions || []).forEach(function (q) { bloc.appendChild(el("div", { "class": "pp-i-question", html: absolus(q) })); });
          }
          bloc.appendChild(el("p", {}, ["Fiches : "].concat(liensPdf(m))));
          zone.appendChild(bloc);
          if (facile && morceaux && morceaux.facile) {
            zone.appendChild(el("section", { "class": "pp-i-module pp-i-facile" }, [
              el("h2", { texte: m.titre + " — en facile à lire" }), el("div", { html: absolus(morceaux.facile).replace(/<h[1-6][^>]*>[\s\S]*?<\/h[1-6]>/, "") })]));
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
      if (x.pour === "disposition") { return "Disposition de la salle : " + x.quoi; }
      if (x.pour === "participant") { return x.nombre * etat.p + " × " + x.quoi + " (" + x.nombre + " par participant·e)"; }
      if (x.pour === "groupe") { return x.nombre * Math.ceil(etat.p / D.tailleGroupe) + " × " + x.quoi + " (" + x.nombre + " par groupe de " + D.tailleGroupe + ")"; }
      return x.nombre + " × " + x.quoi + " (pour la salle)";
    }
    function absolus(html) {
      /* Les adresses des fragments partent de la racine du site. */
      return html.replace(/\b(href|src)="(?![a-z][a-z0-9+.-]*:|\/\/|#)([^"]*)"/g, function (_, a, v) { return a + '="' + racine + v + '"'; })
        .replace(/\bid="/g, 'data-id="');
    }

    rendre();
  }

  function demarrer() { catalogue(); pageModule(); composeur(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", demarrer); } else { demarrer(); }
})();
