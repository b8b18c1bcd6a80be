#!/usr/bin/env bash
# Installs Debian's Node.js and npm where they are missing: the browser tests take
# axe-core and html-validate from the npm registry (tests/browser/package.json).
# Needs root or sudo.
set -euo pipefail
if command -v npm >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
