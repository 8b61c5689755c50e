"""Poids d'une première visite : ce que Chromium charge réellement pour chaque page.

Pour chaque page, un contexte de navigation neuf (cache vide) ouvre la page et
attend la fin du réseau ; chaque réponse est comptée brute et compressée (gzip,
niveau 6, comme un serveur web courant). Les requêtes vers un autre hôte sont
bloquées et relevées. Utilisé par ``make bench`` et par ``tests/test_poids.py``.

    python outils/poids.py _build/html        # tableau de toutes les pages
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from navigateur import chromium, pages, serveur_local  # noqa: E402

#: Limites d'une première visite, pour toute page du livre (issue 9).
LIMITE_BRUTE = 400 * 1024
LIMITE_GZIP = 150 * 1024


@dataclass
class Visite:
    page: str
    brut: int = 0
    gzip: int = 0
    fichiers: dict[str, tuple[int, int]] = field(default_factory=dict)
    externes: list[str] = field(default_factory=list)

    def depassements(self) -> list[str]:
        """Ce qui dépasse les limites, en clair (vide si la page les respecte)."""
        erreurs = []
        if self.brut > LIMITE_BRUTE:
            erreurs.append(f"{self.page} : {ko(self.brut)} chargés, limite {ko(LIMITE_BRUTE)}")
        if self.gzip > LIMITE_GZIP:
            erreurs.append(f"{self.page} : {ko(self.gzip)} compressés, limite {ko(LIMITE_GZIP)}")
        erreurs += [f"{self.page} : requête vers un autre hôte, {u}" for u in self.externes]
        return erreurs


def ko(octets: int) -> str:
    return f"{octets / 1024:.1f} Ko"


def compresse(contenu: bytes) -> int:
    return len(gzip.compress(contenu, compresslevel=6, mtime=0))


def visiter(navigateur, adresse: str, page: str, javascript: bool = True) -> Visite:
    """Ouvre une page dans un contexte neuf et compte tout ce qu'elle charge."""
    visite = Visite(page)
    hote = urlsplit(adresse).netloc
    contexte = navigateur.new_context(java_script_enabled=javascript)

    def aiguiller(route):
        if urlsplit(route.request.url).netloc == hote or route.request.url.startswith("data:"):
            route.continue_()
        else:
            visite.externes.append(route.request.url)
            route.abort()

    contexte.route("**/*", aiguiller)
    onglet = contexte.new_page()
    reponses = []
    onglet.on("response", lambda r: reponses.append(r))
    onglet.goto(f"{adresse}/{page}", wait_until="networkidle")
    for reponse in reponses:
        if urlsplit(reponse.url).netloc != hote:
            continue
        corps = reponse.body()
        chemin = urlsplit(reponse.url).path.lstrip("/")
        visite.fichiers[chemin] = (len(corps), compresse(corps))
    contexte.close()
    visite.brut = sum(b for b, _ in visite.fichiers.values())
    visite.gzip = sum(g for _, g in visite.fichiers.values())
    return visite


def mesurer(html: Path, liste: list[str] | None = None) -> list[Visite]:
    """Visite chaque page d'un site construit (toutes par défaut)."""
    with serveur_local(html) as adresse, chromium() as navigateur:
        return [visiter(navigateur, adresse, p) for p in (liste or pages(html))]


def main() -> int:
    html = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    visites = mesurer(html)
    for v in visites:
        print(f"{v.page:55} {ko(v.brut):>10} {ko(v.gzip):>10}")
    erreurs = [e for v in visites for e in v.depassements()]
    print("\n".join(erreurs) or "Toutes les pages respectent les limites.")
    return 1 if erreurs else 0


if __name__ == "__main__":
    sys.exit(main())
