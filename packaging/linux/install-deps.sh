#!/usr/bin/env bash
# Installs every Debian/Ubuntu package Instant needs to build, run and test.
# Installs only what is missing; safe to run again. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  qcoro-qt6-dev libssl-dev openssl libquantlib0-dev libboost-dev libquickfix-dev qtkeychain-qt6-dev
  libgl-dev libxkbcommon-dev
  libbenchmark-dev libsqlite3-dev sqlite3 libpq-dev libsimdjson-dev
  postgresql postgresql-client
  xvfb xauth imagemagick
  faketime file
  python3 fonts-noto-cjk qt6-translations-l10n
  clang libclang-rt-14-dev
)
# faketime runs the date-sensitive suites years ahead (the calendar label); CPack's .deb needs
# the file utility. python3 runs the translations test; fonts-noto-cjk draws the Japanese UI and
# qt6-translations-l10n translates Qt's own dialogs and buttons (both also recommended by the .deb).
# clang builds the fuzz preset (libFuzzer, ASan, UBSan). Debian 12 packages its sanitizer and
# libFuzzer runtimes as libclang-rt-14-dev; distributions without that package (Ubuntu 22.04
# ships them in libclang-common-14-dev, which clang pulls in) skip it.
optional=(libclang-rt-14-dev)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
install=()
for p in "${missing[@]}"; do
  if [[ " ${optional[*]} " == *" $p "* ]] && ! apt-cache show "$p" >/dev/null 2>&1; then
    echo "install-deps: $p is not packaged here; skipped"
    continue
  fi
  install+=("$p")
done
if ((${#install[@]} > 0)); then
  $SUDO apt-get install -y -qq --no-install-recommends "${install[@]}"
fi
