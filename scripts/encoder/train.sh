#!/usr/bin/env bash
# Makes data/abuse/encoder.safetensors from scratch (see data/abuse/ENCODER.md). Run
# scripts/encoder/setup.sh first. Step 4 takes about two minutes on one GPU; without one,
# PyTorch runs it on the CPU (hours).
set -euo pipefail
cd "$(dirname "$0")/../.."
py=target/encoder/venv/bin/python
$py scripts/encoder/prepare.py target/encoder/e5-small-q4.bin target/encoder/base.safetensors
cargo run --release -p suzgec -- train encoder-data \
    --model target/encoder/base.safetensors --out target/encoder/data
$py scripts/encoder/prune.py target/encoder/e5-small-q4.bin target/encoder/data target/encoder/carry
$py scripts/encoder/finetune.py target/encoder/carry target/encoder/finetuned \
    --layers 12 --batch 64 --lr 6e-5
$py scripts/encoder/export.py target/encoder/e5-small-q4.bin target/encoder/data \
    target/encoder/finetuned data/abuse/encoder.safetensors
