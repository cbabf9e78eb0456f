#!/usr/bin/env bash
# Prepares a Python environment with OpenAI's official `openai` SDK for the test that drives
# `POST /v1/moderations` with it (crates/suzgec-server/tests/integrations.rs), and prints the
# interpreter's path. Installs Debian's python3-venv first when `python3 -m venv` lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/test-python
version=3.57.0

if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c "import openai, sys; sys.exit(openai.__version__ != '$version')" 2>/dev/null; then
    echo "$PWD/$venv/bin/python"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "install-openai-sdk: python3 not found" >&2
    exit 1
fi
rm -rf "$venv"
if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    as_root=()
    [[ "$(id -u)" -ne 0 ]] && as_root=(sudo -n)
    echo "install-openai-sdk: installing python3-venv with apt-get" >&2
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "openai==$version" >&2
echo "$PWD/$venv/bin/python"
