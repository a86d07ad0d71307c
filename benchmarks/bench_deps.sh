#!/bin/sh
# Install the generators bench.py compares against, only what is missing (`make bench-deps`):
#   Hugo        Debian's hugo package (apt-get, as root on Debian)
#   Eleventy    peers/eleventy/package-lock.json, into peers/eleventy/node_modules (npm ci)
#   MkDocs, Pelican  peers/requirements.txt, into benchmarks/.venv-peers (pip)
# A peer that cannot be installed here is named with what to install; the others still are,
# and bench.py reports the missing one as "not installed". Exit status 1 if any is missing.
set -u
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
missing=""

if command -v hugo > /dev/null; then
  :
elif [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get > /dev/null; then
  echo "bench-deps: installing Debian's hugo"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends hugo; } \
    || missing="$missing hugo"
else
  echo "bench-deps: install Hugo (Debian: apt-get install hugo) to compare against it" >&2
  missing="$missing hugo"
fi

stamp=peers/eleventy/node_modules/.installed
if [ -f "$stamp" ] && [ "$stamp" -nt peers/eleventy/package-lock.json ]; then
  :
elif command -v npm > /dev/null; then
  echo "bench-deps: installing Eleventy (npm ci in benchmarks/peers/eleventy)"
  (cd peers/eleventy && npm ci --no-audit --no-fund --loglevel=error) && touch "$stamp" \
    || missing="$missing eleventy"
else
  echo "bench-deps: install Node.js 18 or newer with npm to compare against Eleventy" >&2
  missing="$missing eleventy"
fi

stamp=.venv-peers/.installed
if [ -f "$stamp" ] && [ "$stamp" -nt peers/requirements.txt ]; then
  :
else
  echo "bench-deps: installing MkDocs and Pelican into benchmarks/.venv-peers"
  { test -x .venv-peers/bin/python || "$PYTHON" -m venv .venv-peers; } \
    && .venv-peers/bin/python -m pip install --quiet --disable-pip-version-check -r peers/requirements.txt \
    && touch "$stamp" \
    || missing="$missing mkdocs pelican"
fi

if [ -n "$missing" ]; then
  echo "bench-deps: not installed:$missing" >&2
  exit 1
fi
echo "bench-deps: hugo, eleventy, mkdocs and pelican are installed"
