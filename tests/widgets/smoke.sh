#!/usr/bin/env bash
# Starts the real workstation in demo mode under Xvfb (offscreen when Xvfb is missing), lets it
# trade, saves screenshots and fails when a panel shows no data.
set -euo pipefail
instant=${1:?path to instant}
out=${2:?output folder}
rm -rf "$out"
mkdir -p "$out/home"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_DATA_HOME="$out/home/.local/share" INSTANT_KEYCHAIN=off
args=(demo --store "sqlite://$out/instant-demo.db" --smoke-test 15 --screenshot "$out/workstation.png")
if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1600x1000x24" "$instant" "${args[@]}"
else
    QT_QPA_PLATFORM=offscreen "$instant" "${args[@]}"
fi
test -s "$out/workstation.png"
echo "smoke: screenshots in $out"
