#!/usr/bin/env bash
# Installs Debian's PostgreSQL server when it is missing (tests start their own throwaway server from its binaries;
# nothing is downloaded from anywhere but the Debian mirrors). Idempotent: does nothing when initdb is there.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
