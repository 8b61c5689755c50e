"""Le premier affichage d'une page sur un téléphone lent : ``make bench``.

Deux mesures par page :

- les **requêtes bloquantes** : feuilles de style et scripts synchrones de l'en-tête,
  que le navigateur doit charger avant de peindre quoi que ce soit (lues dans le
  HTML : ``<link rel="stylesheet">`` sans ``media`` d'impression, ``<script src>``
  sans ``defer``, ``async`` ni ``type="module"``) ;
- le **premier affichage** (First Contentful Paint) et le **plus grand affichage**
  (Largest Contentful Paint), dans Chromium, avec un profil mobile ralenti : processeur
  quatre fois plus lent, réseau « 4G lente » (150 ms de latence, 1,6 Mbit/s en
  réception, 750 kbit/s en émission), cache vide. Médiane de trois visites.

    python outils/affichage.py _build/html modules/contexte/index.html …
"""

from __future__ import annotations

import re
import statistics
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from navigateur import chromium, serveur_local  # noqa: E402

#: Réseau « 4G lente » de Lighthouse (octets par seconde).
RESEAU = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
          "uploadThroughput": 750 * 1024 / 8}
PROCESSEUR = 4
#: Les pages mesurées, une par type.
TYPES = {"module": "modules/contexte/index.html", "catalogue": "docs/catalogue.html",
         "composeur": "docs/composer.html", "recherche": "search.html"}


class _EnTete(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.dans_entete = True
        self.bloquants: list[str] = []

    def handle_starttag(self, balise, attributs):
        valeurs = dict(attributs)
        if balise == "body":
            self.dans_entete = False
        if not self.dans_entete:
            return
        if balise == "link" and "stylesheet" in (valeurs.get("rel") or "").split() \
                and valeurs.get("media", "all") not in ("print",):
            self.bloquants.append(valeurs.get("href", "?"))
        if balise == "script" and valeurs.get("src") and "defer" not in valeurs \
                and "async" not in valeurs and valeurs.get("type") != "module":
            self.bloquants.append(valeurs["src"])


def bloquants(html: str) -> list[str]:
    """Les ressources qui bloquent le premier affichage d'une page."""
    lecteur = _EnTete()
    lecteur.feed(html)
    return lecteur.bloquants


def peindre(navigateur, adresse: str) -> tuple[float, float]:
    """(premier affichage, plus grand affichage) en millisecondes, profil mobile ralenti."""
    contexte = navigateur.new_context(viewport={"width": 412, "height": 823},
                                      device_scale_factor=2.6, is_mobile=True, has_touch=True)
    page = contexte.new_page()
    cdp = contexte.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", RESEAU)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PROCESSEUR})
    page.add_init_script("""
      window.__pp_lcp = 0;
      new PerformanceObserver((liste) => {
        for (const e of liste.getEntries()) { window.__pp_lcp = e.renderTime || e.loadTime; }
      }).observe({type: 'largest-contentful-paint', buffered: true});
    """)
    page.goto(adresse, wait_until="load")
    page.wait_for_timeout(500)
    fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
    lcp = page.evaluate("window.__pp_lcp")
    contexte.close()
    return fcp, lcp


def mesurer(html: Path, pages: dict[str, str], essais: int = 3) -> dict[str, dict]:
    """Pour chaque type de page : requêtes bloquantes, premier et plus grand affichage."""
    resultats = {}
    with serveur_local(html) as base, chromium() as navigateur:
        for nom, page in pages.items():
            if not (html / page).is_file():
                continue
            mesures = [peindre(navigateur, f"{base}/{page}") for _ in range(essais)]
            resultats[nom] = {
                "page": page,
                "bloquants": bloquants((html / page).read_text(encoding="utf-8")),
                "fcp": statistics.median(m[0] for m in mesures),
                "lcp": statistics.median(m[1] for m in mesures)}
    return resultats


def main(arguments: list[str]) -> int:
    html = Path(arguments[0] if arguments else "_build/html")
    pages = {p: p for p in arguments[1:]} or TYPES
    for nom, r in mesurer(html, pages).items():
        print(f"{nom:12} {len(r['bloquants'])} bloquante(s)  premier affichage {r['fcp']:6.0f} ms"
              f"  plus grand {r['lcp']:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
