#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real, if they are missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v xgettext >/dev/null 2>&1 || need+=(gettext)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# The slips' serif (Decree 30/2020: Times New Roman or a metric-compatible face covering Vietnamese).
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
# Word drafts of outgoing official documents are converted to PDF by LibreOffice, headless.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# The charts of the reports are rasterised for their PDFs by CairoSVG, which loads the cairo library.
ldconfig -p 2>/dev/null | grep -q 'libcairo\.so\.2' || need+=(libcairo2)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
