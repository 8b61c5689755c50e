"""Le site dans un vrai navigateur : serveur local et Chromium de Debian (Playwright).

Partagé par les tests (accessibilité, poids des pages, impression) et par
``make bench``. Aucun navigateur n'est téléchargé : Playwright pilote
``/usr/bin/chromium``, installé par ``outils/installer-systeme.sh``.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]


def pages(html: Path) -> list[str]:
    """Pages HTML d'un site construit (chemins relatifs), hors fichiers du thème."""
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts)


@contextlib.contextmanager
def serveur_local(dossier: Path):
    """Sert un dossier sur 127.0.0.1 (port libre) ; donne l'adresse de base."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    processus = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                  "127.0.0.1", "--directory", str(dossier)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        processus.terminate()
        processus.wait()


@contextlib.contextmanager
def chromium():
    """Chromium sans tête, lancé par Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium est introuvable ({CHROMIUM}) : lancez « make systeme ».")
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        try:
            yield navigateur
        finally:
            navigateur.close()
