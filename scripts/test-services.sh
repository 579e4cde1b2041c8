#!/usr/bin/env bash
# Start what the tests need besides Python (a database, a browser), for `make test`.
#
# Runs every scripts/services/*.sh in name order.  Each script installs (when it
# can: as root) and starts one service, then appends KEY=value lines to the file
# named by $SAYSO_SERVICES_ENV (build/services.env); `make test` exports them
# to pytest.  A script that cannot set its service up here (not root, no
# package manager) prints why and exits 0: the tests that need it then skip
# with that reason.  A script that fails (non-zero) fails this run when
# CI=true, since in CI every test must run; elsewhere it is a warning.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mkdir -p build
export SAYSO_SERVICES_ENV="$PWD/build/services.env"
: > "$SAYSO_SERVICES_ENV"

shopt -s nullglob
scripts=(scripts/services/*.sh)
if [ ${#scripts[@]} -eq 0 ]; then
    echo "test-services: no service scripts in scripts/services/"
    exit 0
fi

failed=()
for s in "${scripts[@]}"; do
    echo "test-services: $s"
    if ! bash "$s"; then
        failed+=("$s")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "test-services: failed: ${failed[*]}" >&2
    if [ "${CI:-}" = "true" ]; then
        exit 1
    fi
    echo "test-services: going on; the tests that need these services will skip" >&2
fi
exit 0
