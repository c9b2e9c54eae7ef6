#!/usr/bin/env bash
# Builds the .deb with cpack, checks what it declares, installs it into a temporary root and runs
# the installed program: --version, and a headless lifecycle of 100 orders.
#   install-test.sh BUILD_DIR
set -euo pipefail
build="$1"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

(cd "$build" && cpack -G DEB >"$root/cpack.log" 2>&1) || { cat "$root/cpack.log"; exit 1; }
deb="$(ls -t "$build"/instant_*_*.deb | head -1)"
echo "package: $deb"

# Dependencies by Debian package name, each one known to apt.
depends="$(dpkg-deb -f "$deb" Depends)"
echo "depends: $depends"
for pkg in $(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*)//; s/ //g' | grep -v '^$'); do
    apt-cache show "$pkg" >/dev/null 2>&1 || { echo "unknown dependency: $pkg" >&2; exit 1; }
done
for needed in qt6-qpa-plugins libqt6sql6-sqlite libquickfix17 libqt6websockets6; do
    grep -q "$needed" <<<"$depends" || { echo "missing dependency: $needed" >&2; exit 1; }
done

# The desktop entry and the icons go where desktops look for them.
contents="$(dpkg-deb -c "$deb")"
for path in ./usr/bin/instant ./usr/share/applications/instant.desktop \
            ./usr/share/icons/hicolor/48x48/apps/instant.png ./usr/share/icons/hicolor/scalable/apps/instant.svg; do
    grep -q " $path\$" <<<"$contents" || { echo "not in the package: $path" >&2; exit 1; }
done

dpkg-deb -x "$deb" "$root/install"
grep -q '^Exec=instant' "$root/install/usr/share/applications/instant.desktop"
version="$("$root/install/usr/bin/instant" --version)"
echo "$version"
grep -Eq '^instant [0-9]+\.[0-9]+\.[0-9]+ \(commit [0-9a-f]{7,}|unknown\)' <<<"$version" || { echo "bad version line" >&2; exit 1; }
INSTANT_KEYCHAIN=off "$root/install/usr/bin/instant" demo run --headless --orders 100 \
    --store "sqlite://$root/demo.db" --json >"$root/run.json"
grep -q '"orders":100' "$root/run.json"
grep -q '"invariants":"hold"' "$root/run.json"
INSTANT_KEYCHAIN=off "$root/install/usr/bin/instant" audit verify --store "sqlite://$root/demo.db"
echo "install test: ok"
