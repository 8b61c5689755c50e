"""Parcourt un site construit et vérifie chaque lien local : ``make site`` et les tests.

    python outils/verifier_site.py DOSSIER

Pour chaque page HTML (hors gabarits du thème copiés dans ``_static``) : chaque
``href`` et chaque ``src`` locaux mènent à un fichier du site, chaque ancre
(``#…``) existe dans sa page, et chaque fichier à télécharger n'est pas vide et
est bien ce qu'il annonce (un PDF commence par ``%PDF``, un ePub par son entrée
``mimetype``, un fichier de parcours se lit en YAML). Quand le site porte les deux
langues (l'édition néerlandaise sous ``nl/``), chaque page qui existe dans les deux
mène à l'autre (lien ``hreflang``). Les adresses d'autres sites ne sont pas suivies :
``make linkcheck`` s'en charge.
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTRIBUTS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
             "iframe": "src", "object": "data", "image": "href", "use": "href"}


#: Les éditions traduites, rangées dans un sous-dossier du site français.
TRADUCTIONS = ("nl",)


class _Lecteur(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.liens: list[str] = []
        self.ids: set[str] = set()
        self.langues: dict[str, str] = {}  #: hreflang → adresse

    def handle_starttag(self, balise, attributs):
        valeurs = dict(attributs)
        if balise in ("a", "link") and valeurs.get("hreflang") and valeurs.get("href"):
            self.langues.setdefault(valeurs["hreflang"], valeurs["href"])
        for cle in ("id", "name") if balise == "a" else ("id",):
            if valeurs.get(cle):
                self.ids.add(valeurs[cle])
        cle = ATTRIBUTS.get(balise)
        if cle and valeurs.get(cle):
            self.liens.append(valeurs[cle])
        if balise in ("image", "use") and valeurs.get("xlink:href"):
            self.liens.append(valeurs["xlink:href"])


def lire(page: Path) -> _Lecteur:
    lecteur = _Lecteur()
    lecteur.feed(page.read_text(encoding="utf-8", errors="replace"))
    return lecteur


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if "_static" not in p.relative_to(site).parts)


def probleme_de_fichier(fichier: Path) -> str | None:
    """Le fichier à télécharger est-il vide, ou autre chose que ce qu'il annonce ?"""
    if fichier.stat().st_size == 0:
        return "fichier vide"
    debut = fichier.read_bytes()[:8]
    if fichier.suffix == ".pdf" and not debut.startswith(b"%PDF"):
        return "ce n'est pas un PDF (il ne commence pas par %PDF)"
    if fichier.suffix == ".epub":
        try:
            with zipfile.ZipFile(fichier) as archive:
                premier = archive.namelist()[0]
                if premier != "mimetype" or archive.read("mimetype") != b"application/epub+zip":
                    return "ce n'est pas un ePub (première entrée « mimetype » absente)"
        except zipfile.BadZipFile:
            return "ce n'est pas un ePub (archive illisible)"
    if fichier.suffix in (".yml", ".yaml"):
        import yaml

        try:
            yaml.safe_load(fichier.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            return "fichier YAML illisible"
    return None


def verifier(site: Path) -> list[str]:
    """Les problèmes du site, un message en français par lien."""
    site = site.resolve()
    lus: dict[Path, _Lecteur] = {}

    def lecteur(page: Path) -> _Lecteur:
        if page not in lus:
            lus[page] = lire(page)
        return lus[page]

    problemes: list[str] = []
    telecharges: set[Path] = set()
    liste = pages(site)
    if not liste:
        return [f"{site} : aucune page HTML ; construisez d'abord le site (make html)."]
    for page in liste:
        relative = page.relative_to(site).as_posix()
        for lien in lecteur(page).liens:
            morceaux = urlsplit(lien)
            if morceaux.scheme or lien.startswith("//"):
                continue  # autre site, data:, mailto: : hors du robot
            chemin, ancre = unquote(morceaux.path), unquote(morceaux.fragment)
            if chemin:
                cible_rel = posixpath.normpath(posixpath.join(posixpath.dirname(relative), chemin))
                if cible_rel.startswith(".."):
                    problemes.append(f"{relative} : lien « {lien} » hors du site.")
                    continue
                cible = site / cible_rel
                if cible.is_dir():
                    cible = cible / "index.html"
            else:
                cible = page
            if not cible.is_file():
                problemes.append(f"{relative} : lien cassé « {lien} » (fichier absent : "
                                 f"{cible.relative_to(site).as_posix()}).")
                continue
            if "telechargements" in cible.relative_to(site).parts:
                telecharges.add(cible)
            if ancre and cible.suffix == ".html" and not ancre.startswith("seance="):
                if ancre not in lecteur(cible).ids:
                    problemes.append(f"{relative} : ancre absente « #{ancre} » dans "
                                     f"{cible.relative_to(site).as_posix()}.")
    problemes += bascules(site, liste, lecteur)
    for fichier in sorted(telecharges):
        probleme = probleme_de_fichier(fichier)
        if probleme:
            problemes.append(f"{fichier.relative_to(site).as_posix()} : {probleme}.")
    return problemes


def bascules(site: Path, liste: list[Path], lecteur) -> list[str]:
    """Chaque page présente dans les deux langues mène à la même page dans l'autre."""
    problemes = []
    for code in TRADUCTIONS:
        if not (site / code / "index.html").is_file():
            continue
        for page in liste:
            relative = page.relative_to(site)
            traduite = relative.parts[0] == code
            autre = (Path(*relative.parts[1:]) if traduite else Path(code) / relative)
            if not (site / autre).is_file():
                continue
            attendu = "fr" if traduite else code
            lien = lecteur(page).langues.get(attendu)
            if lien is None:
                problemes.append(f"{relative.as_posix()} : pas de lien vers la même page dans "
                                 f"l'autre langue ({autre.as_posix()}) : reconstruisez les deux "
                                 "éditions avec « make site ».")
                continue
            cible = posixpath.normpath(posixpath.join(posixpath.dirname(relative.as_posix()),
                                                      urlsplit(lien).path))
            if cible != autre.as_posix():
                problemes.append(f"{relative.as_posix()} : le lien de langue mène à « {cible} » "
                                 f"et non à la même page, {autre.as_posix()}.")
    return problemes


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("Usage : python outils/verifier_site.py DOSSIER_DU_SITE", file=sys.stderr)
        return 2
    site = Path(arguments[0])
    problemes = verifier(site)
    for probleme in problemes:
        print(probleme)
    if problemes:
        print(f"{len(problemes)} problème(s) dans le site {site}.")
        return 1
    print(f"Site {site} : {len(pages(site))} pages, tous les liens locaux aboutissent.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
