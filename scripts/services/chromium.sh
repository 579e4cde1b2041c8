#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests (tests/test_web_browser.py).
#
# Playwright drives /usr/bin/chromium through executable_path; `playwright install`
# (which downloads its own browser build) is never used: that download fails here.
# Installs the `chromium` package when it is missing and we are root, then appends
#   SAYSO_CHROMIUM=/usr/bin/chromium
# to $SAYSO_SERVICES_ENV (default build/services.env).  Without root it says why
# and exits 0 (the browser tests skip), except in CI (CI=true), where it fails.
# Usage: bash scripts/services/chromium.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ENVFILE="${SAYSO_SERVICES_ENV:-$ROOT/build/services.env}"
BIN=/usr/bin/chromium

if [ ! -x "$BIN" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "chromium.sh: $BIN is missing and installing it needs root (apt-get install chromium);" \
             "the browser tests will skip" >&2
        [ "${CI:-}" = true ] && exit 1
        exit 0
    fi
    echo "chromium.sh: installing Chromium from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

"$BIN" --version >&2
mkdir -p "$(dirname "$ENVFILE")"
echo "SAYSO_CHROMIUM=$BIN" >> "$ENVFILE"
