#!/usr/bin/env bash
# Installs Instant's build, run and test dependencies with Homebrew.
set -euo pipefail
brew install cmake ninja ccache pkg-config qt openssl@3 quantlib quickfix qcoro qtkeychain \
    google-benchmark sqlite simdjson libpq postgresql@16
echo "Add \$(brew --prefix postgresql@16)/bin to PATH for the PostgreSQL tests, and configure with"
echo "  cmake --preset default -DCMAKE_PREFIX_PATH=\"\$(brew --prefix qt);\$(brew --prefix openssl@3)\""
