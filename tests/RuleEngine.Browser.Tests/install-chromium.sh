#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver when they are missing (the browser tests drive the system Chromium;
# nothing is downloaded from anywhere but the Debian mirrors). Idempotent: does nothing when both are present.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
