#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver (chromedriver) for the browser test
# (crates/suzgec-server/tests/browser.rs). Does nothing when /usr/bin/chromedriver is already there.
# Non-interactive and quiet; runs apt-get as root, or through sudo when not root and sudo exists.
set -euo pipefail

if [[ -x /usr/bin/chromedriver && -x /usr/bin/chromium ]]; then
    echo "install-browser: chromium and chromedriver already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install chromium and chromedriver by hand" >&2
    exit 1
fi

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -n)
    else
        echo "install-browser: not root and no sudo; cannot install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing chromium and chromium-driver with apt-get"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null

if [[ ! -x /usr/bin/chromedriver ]]; then
    echo "install-browser: apt-get finished but /usr/bin/chromedriver is missing" >&2
    exit 1
fi
echo "install-browser: $(/usr/bin/chromedriver --version | head -n1)"
