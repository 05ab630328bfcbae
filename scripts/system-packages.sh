#!/usr/bin/env bash
# Debian packages the full test suite needs: Chromium (browser tests, PDF rendering),
# poppler-utils (pdftotext/pdftoppm), LibreOffice Calc (recalculating exported workbooks),
# gettext (compiling translations). Installs only what is missing; needs root (or sudo).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-calc)
command -v msgfmt >/dev/null || need+=(gettext)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "== installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
