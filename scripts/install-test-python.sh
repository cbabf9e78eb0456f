#!/usr/bin/env bash
# Prepares the Python environment of the tests that drive Süzgeç with other people's clients, and
# prints the interpreter's path: OpenAI's official `openai` SDK (`POST /v1/moderations`,
# crates/suzgec-server/tests/integrations.rs) and schemathesis, which checks the API against its
# OpenAPI document (crates/suzgec-server/tests/contract.rs). Installs Debian's python3-venv first
# when `python3 -m venv` lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/test-python
version=3.57.0
schemathesis=4.32.5

if [[ -x $venv/bin/python ]] && "$venv/bin/python" -c "import openai, sys; sys.exit(openai.__version__ != '$version')" 2>/dev/null \
    && [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" == *" $schemathesis" ]]; then
    echo "$PWD/$venv/bin/python"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "install-test-python: python3 not found" >&2
    exit 1
fi
rm -rf "$venv"
if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    as_root=()
    [[ "$(id -u)" -ne 0 ]] && as_root=(sudo -n)
    echo "install-test-python: installing python3-venv with apt-get" >&2
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "openai==$version" "schemathesis==$schemathesis" >&2
echo "$PWD/$venv/bin/python"
