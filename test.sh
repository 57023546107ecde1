#!/usr/bin/env bash
# Runs the whole EcsConsole test suite on a fresh Debian machine: installs what the tests need
# (Chromium for the browser tests, AWS CLI v2 and docker-compose for the conformance checks,
# PostgreSQL for the Storage:Provider=Postgres tests, which start a private server on a free port),
# builds, runs every test, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/aws ] || missing+=(awscli)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
if ! dotnet build EcsConsole.sln -c Release 2>&1 | tee "$log" | grep -E 'error|Warn|Elapsed' | sort -u | tail -20; then :; fi
if ! grep -q ' 0 Error(s)' "$log"; then
  tail -40 "$log"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test --project EcsConsole.Tests -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
