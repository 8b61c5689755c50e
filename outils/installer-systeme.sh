#!/bin/sh
# Vérifie les outils système ; les installe avec apt-get s'il en manque et si
# l'on est root sur Debian ou Ubuntu ; sinon, affiche la commande exacte à lancer.
#
#   sh outils/installer-systeme.sh            ce qu'il faut pour construire (PDF, ePub)
#   sh outils/installer-systeme.sh tests      en plus, ce qu'il faut pour les tests
#                                             (orthographe, navigateur, npm)
set -u
QUOI="${1:-construction}"

PAQUETS="latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-lang-french texlive-lang-european tex-gyre poppler-utils default-jre-headless"
COMMANDES="latexmk pdflatex pdftotext java kpsewhich"
if [ "$QUOI" = tests ]; then
  PAQUETS="$PAQUETS hunspell-fr hunspell-nl libenchant-2-2 chromium"
  COMMANDES="$COMMANDES chromium npm"
  # Node.js et npm ne sont installés par apt que s'ils manquent : la machine peut les
  # avoir d'une autre source.
  command -v npm >/dev/null 2>&1 || PAQUETS="$PAQUETS nodejs npm"
fi

manquants() {
  manque=""
  for commande in $COMMANDES; do
    command -v "$commande" >/dev/null 2>&1 || manque="$manque $commande"
  done
  if command -v kpsewhich >/dev/null 2>&1; then
    for fichier in french.ldf dutch.ldf fncychap.sty tgtermes.sty tgheros.sty t1txtt.fd ragged2e.sty; do
      [ -n "$(kpsewhich "$fichier")" ] || manque="$manque $fichier"
    done
  fi
  if [ "$QUOI" = tests ]; then
    [ -f /usr/share/hunspell/fr_FR.dic ] || manque="$manque hunspell-fr"
    [ -f /usr/share/hunspell/nl_BE.dic ] || manque="$manque hunspell-nl"
    ls /usr/lib/*/libenchant-2.so.2 >/dev/null 2>&1 || manque="$manque libenchant-2-2"
  fi
  echo "$manque"
}

manque=$(manquants)
[ -z "$manque" ] && exit 0

echo "Outils système manquants :$manque"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation avec apt-get (quelques minutes)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $PAQUETS >/dev/null
  manque=$(manquants)
  [ -z "$manque" ] && exit 0
  echo "Toujours manquants après apt-get :$manque" >&2
fi
echo "Installez-les puis relancez make :" >&2
echo "  sudo apt-get install -y --no-install-recommends $PAQUETS" >&2
exit 1
