/* « Plus personne », modules pédagogiques : le socle des scripts de séance.
 *
 * Seul script de séance chargé par la page d'un module : il y pose le bouton
 * « Ajouter à ma séance » à côté de la fiche du module. Il garde la séance en cours
 * dans le stockage local et ouvre le composeur avec elle (#seance=…).
 *
 * Sur le catalogue et le composeur, seance.js se charge après lui (les scripts différés
 * s'exécutent dans l'ordre de la page) et reprend ses outils par window.PPSeance.
 * La page d'un module n'a aucun script de données : ce script s'en passe. */
(function () {
  "use strict";
  var racine = document.documentElement.getAttribute("data-content_root") || "";
  var CLE = "pp-seance";
  /* Les textes affichés passent par T() et N() : l'édition néerlandaise fournit leurs
     traductions dans PP_TEXTES (clé : le texte français, tel qu'écrit ici). */
  var TX = window.PP_TEXTES || {};   // traductions de l'édition (absent en français)
  var FRANCAIS = /^fr/i.test(document.documentElement.lang || "");
  /* Le texte traduit, ses {nom} remplacés par valeurs[nom] (les inconnus restent). */
  function T(texte, valeurs) {
    var t = TX[texte] || texte;
    if (!valeurs) { return t; }
    return t.replace(/\{(\w+)\}/g, function (tout, nom) {
      return Object.prototype.hasOwnProperty.call(valeurs, nom) ? String(valeurs[nom]) : tout;
    });
  }
  /* Singulier ou pluriel selon n : en français, 0 et 1 sont au singulier ; ailleurs, 1 seul. */
  function N(un, plusieurs, n, valeurs) {
    valeurs = valeurs || {};
    if (valeurs.n === undefined) { valeurs.n = n; }
    return T((FRANCAIS ? n < 2 : n === 1) ? un : plusieurs, valeurs);
  }
  /* Les modules connus, par slug : vide sur la page d'un module ; seance.js le remplit
     avec les données du catalogue ou du composeur. */
  var modules = {};

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
  function lien(chemin) { return racine + chemin; }

  /* -- La séance gardée dans le stockage local --------------------------------- */

  function vide() {
    /* Les données du composeur, s'il y en a, sont lues à l'appel : elles se chargent
       après ce script. */
    var D = window.PP_DONNEES || null;
    return { t: T("Ma séance"), pub: "", p: D ? D.participants : 20, s: [{ t: "", d: "", m: 0, e: [] }] };
  }
  function encoder(etat) { return "seance=" + encodeURIComponent(JSON.stringify(etat)); }
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
      type: "button", "class": "pp-bouton", texte: T("Ajouter à ma séance"),
      "aria-label": T("Ajouter à ma séance : « {titre} »", { titre: titre }),
      onclick: function () {
        var etat = chargerEtat();
        var ajoute = ajouterModule(etat, slug);
        garder(etat);
        statut.textContent = "";
        var n = modulesDe(etat).length;
        statut.appendChild(document.createTextNode((ajoute ? N("Ajouté ({n} module).", "Ajouté ({n} modules).", n)
          : N("Déjà dans votre séance ({n} module).", "Déjà dans votre séance ({n} modules).", n)) + " "));
        statut.appendChild(el("a", { href: lien("docs/composer.html#" + encoder(etat)), texte: T("Ouvrir le composeur") }));
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

  /* Ce que seance.js (catalogue, composeur) reprend du socle, en un seul objet : les
     mêmes fonctions et le même tableau des modules, rien d'écrit deux fois. */
  window.PPSeance = {
    T: T, N: N, el: el, lien: lien, racine: racine, modules: modules, vide: vide,
    encoder: encoder, charger: charger, garder: garder, modulesDe: modulesDe,
    boutonAjouter: boutonAjouter
  };

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", pageModule); } else { pageModule(); }
})();
