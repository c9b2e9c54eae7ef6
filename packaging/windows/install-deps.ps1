# Installs Instant's dependencies with vcpkg (set $env:VCPKG_ROOT first).
$ErrorActionPreference = "Stop"
if (-not $env:VCPKG_ROOT) { throw "Set VCPKG_ROOT to your vcpkg checkout." }
& "$env:VCPKG_ROOT\vcpkg.exe" install --triplet x64-windows `
    "qtbase[sql-sqlite,sql-psql]" qtcharts qtwebsockets qttools `
    openssl quantlib quickfix qcoro qtkeychain benchmark sqlite3 libpq simdjson
Write-Host "Configure with: cmake --preset default -DCMAKE_TOOLCHAIN_FILE=$env:VCPKG_ROOT\scripts\buildsystems\vcpkg.cmake"
